// Regression tests for the calendar, money and iCalendar findings of the hostile-input review (issue 10 items 6,
// 10, 15, 19; issue 11 item 15): every value beyond a stated limit is a redress error naming the value and the
// limit, checked before any arithmetic (these also run under UBSan in the sanitize preset, which catches a
// signed overflow the plain build would not see), and iCalendar text cannot be broken by the values put in it.
//
// Expected values are the limits stated in docs/limits.md, RFC 5545 (3.1 folding, 3.3.11 TEXT) and hand
// arithmetic written next to each.
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "redress/calendar.hpp"
#include "redress/deadlines.hpp"
#include "redress/error.hpp"
#include "redress/money.hpp"
#include "redress/remedy.hpp"
#include "redress/tables.hpp"

namespace {

using redress::Calendar;
using redress::Counting;
using redress::Date;
using redress::OutOfRange;
using redress::Unit;

Date ymd(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

// Runs `f`, which must throw OutOfRange whose message holds every part of `parts`; any other exception (a Boost
// date error, std::out_of_range) fails the test with its message.
template <typename F>
void expect_out_of_range(F f, const std::vector<std::string>& parts) {
  try {
    f();
    ADD_FAILURE() << "no exception";
  } catch (const OutOfRange& e) {
    const std::string message = e.what();
    for (const std::string& part : parts) EXPECT_NE(message.find(part), std::string::npos) << message;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not a redress::OutOfRange: " << e.what();
  }
}

// --- Configuration documents nested too deep (found by the config fuzz target) --------------------------------

// `depth` arrays, one inside the other.
std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

TEST(Limits, ConfigurationDocumentsNestAtMost64Levels) {
  // A table map whose column held 30,000 nested arrays overflowed the stack while nlohmann::json copied it; every
  // loader of a configuration document now refuses more than 64 levels before parsing, naming the document.
  const std::string deep = nested(30000);
  struct Loader {
    const char* what;
    std::function<void()> load;
  };
  const std::vector<Loader> loaders = {
      {"rule catalogue",
       [&] { redress::RuleCatalogue::from_json(R"({"format": "redress.rules/1", "rules": )" + deep + "}"); }},
      {"complaint procedures",
       [&] {
         redress::complaint_procedures_from_json(R"({"format": "redress.complaint_procedures/1", "procedures": )" +
                                                 deep + "}");
       }},
      {"guidance", [&] { redress::Guidance::from_json(R"({"format": "redress.guidance/1", "notes": )" + deep + "}"); }},
      {"school calendar",
       [&] {
         redress::SchoolCalendar::from_json(R"({"format": "redress.school_calendar/1", "name": "x", "source": )" +
                                            deep + "}");
       }},
      {"map",
       [&] { redress::TableMap::from_json(R"({"format": "redress.table-map/1", "columns": {"a": )" + deep + "}}"); }},
      {"holidays",
       [&] { Calendar::england_and_wales().merged(R"({"format": "redress.holidays/1", "notes": )" + deep + "}"); }},
  };
  for (const Loader& l : loaders) {
    SCOPED_TRACE(l.what);
    try {
      l.load();
      ADD_FAILURE() << "no exception";
    } catch (const redress::InvalidInput& e) {
      EXPECT_EQ(e.field(), l.what);
      EXPECT_NE(std::string(e.what()).find("deeper than 64 levels"), std::string::npos) << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not a redress::InvalidInput: " << e.what();
    }
  }
  // 64 levels, the map object included, are read; brackets inside strings do not count.
  const std::string map = R"({"format": "redress.table-map/1", "title": "[[[[{{{{", "notes": )";
  EXPECT_NO_THROW(redress::TableMap::from_json(map + nested(63) + "}"));
  EXPECT_THROW(redress::TableMap::from_json(map + nested(64) + "}"), redress::InvalidInput);
}

TEST(Limits, AConfigurationNumberBeyondADoubleIsOutOfRange) {
  // Found by the config fuzz target: 1e400 made nlohmann::json throw its own out_of_range, which escaped the
  // library from every configuration loader.
  const std::vector<std::pair<const char*, std::function<void()>>> loaders = {
      {"complaint procedures",
       [] {
         redress::complaint_procedures_from_json(
             R"({"format": "redress.complaint_procedures/1", "procedures": [{"authority": "A", "from": 1e400}]})");
       }},
      {"rule catalogue", [] { redress::RuleCatalogue::from_json(R"({"format": "redress.rules/1", "x": 1e400})"); }},
      {"guidance", [] { redress::Guidance::from_json(R"({"format": "redress.guidance/1", "x": -1e400})"); }},
      {"school calendar",
       [] { redress::SchoolCalendar::from_json(R"({"format": "redress.school_calendar/1", "x": 1E+999})"); }},
      {"map", [] { redress::TableMap::from_json(R"({"format": "redress.table-map/1", "notes": 1e400})"); }},
      {"holidays", [] { Calendar::england_and_wales().merged(R"({"format": "redress.holidays/1", "x": 1e400})"); }},
  };
  for (const auto& [what, load] : loaders) {
    SCOPED_TRACE(what);
    try {
      load();
      ADD_FAILURE() << "no exception";
    } catch (const OutOfRange& e) {
      EXPECT_EQ(e.field(), what);
      EXPECT_NE(std::string(e.what()).find("beyond the range of a double"), std::string::npos) << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not a redress::OutOfRange: " << e.what();
    }
  }
}

// --- Issue 10 item 6: dates near the ends of the supported years -----------------------------------------------

TEST(Limits, PeriodEndPastYear9999IsOutOfRange) {
  // 31 Dec 9999 + 10 days would be 10 Jan 10000: Boost cannot hold it.
  expect_out_of_range([] { redress::period_end(ymd(9999, 12, 31), 10, Unit::days, Counting::within); },
                      {"9999-12-31 + 10 days", "1400-9999"});
  expect_out_of_range([] { redress::period_end(ymd(9999, 12, 1), 5, Unit::weeks, Counting::within); },
                      {"9999-12-01", "1400-9999"});
  // "0 months beginning with 1 Jan 1400" ends the day before: 31 Dec 1399.
  expect_out_of_range([] { redress::period_end(ymd(1400, 1, 1), 0, Unit::months, Counting::beginning_with); },
                      {"1400-01-01", "1400-9999"});
  // The last representable answers are still given: 21 Dec 9999 + 10 days = 31 Dec 9999.
  EXPECT_EQ(redress::period_end(ymd(9999, 12, 21), 10, Unit::days, Counting::within), ymd(9999, 12, 31));
}

TEST(Limits, EasterOutsideTheYearsIsOutOfRange) {
  expect_out_of_range([] { redress::easter_sunday(0); }, {"year: '0'", "1400-9999"});
  expect_out_of_range([] { redress::easter_sunday(-5); }, {"'-5'"});
  expect_out_of_range([] { redress::easter_sunday(10000); }, {"'10000'"});
  // Easter 9999 is still computed: 28 March 9999 (Meeus/Jones/Butcher by hand: a=5, b=99, c=99, h=3, l=3,
  // m=0, month 3, day 28).
  EXPECT_EQ(redress::easter_sunday(9999), ymd(9999, 3, 28));
}

TEST(Limits, AddDaysStopsAtTheSupportedYears) {
  expect_out_of_range([] { redress::add_days(ymd(9999, 12, 31), 1); }, {"9999-12-31 + 1 days"});
  expect_out_of_range([] { redress::add_days(ymd(1400, 1, 1), -1); }, {"1400-01-01 - 1 days"});
  expect_out_of_range([] { redress::add_days(ymd(2024, 1, 1), std::numeric_limits<std::int64_t>::min()); },
                      {"2024-01-01 - 9223372036854775808 days"});
  expect_out_of_range([] { redress::add_days(ymd(2024, 1, 1), std::numeric_limits<std::int64_t>::max()); },
                      {"+ 9223372036854775807 days"});
  EXPECT_EQ(redress::add_days(ymd(2024, 2, 28), 2), ymd(2024, 3, 1));  // 2024 is a leap year
}

TEST(Limits, DeadlinesFromAnEventInYear9999AreRedressErrors) {
  redress::Timeline t;
  redress::Event e;
  e.name = "ehc_request_received";
  e.date = ymd(9999, 12, 1);
  t.events.push_back(e);
  redress::DeadlineOptions o;
  o.as_of = ymd(2026, 11, 22);
  try {
    const auto deadlines = redress::evaluate_deadlines(t, o);
    // Each deadline that cannot be computed says why; none is given a date.
    for (const auto& d : deadlines) {
      if (d.start == ymd(9999, 12, 1)) {
        EXPECT_EQ(d.status, redress::DeadlineStatus::not_computable) << d.rule;
      }
    }
  } catch (const redress::Error&) {
    SUCCEED();
  } catch (const std::exception& err) {
    ADD_FAILURE() << "not a redress error: " << err.what();
  }
}

TEST(Limits, IcalendarDueOnTheLastDayIsARedressError) {
  // DTEND is the day after the due date: for 31 Dec 9999 that day does not exist.
  redress::Deadline d;
  d.rule = "ehc.final_plan";
  d.title = "Final EHC plan issued";
  d.status = redress::DeadlineStatus::pending;
  d.due = ymd(9999, 12, 31);
  expect_out_of_range([&] { redress::to_icalendar({d}, "24 000 001", ymd(2025, 1, 1)); }, {"9999-12-31 + 1 days"});
}

// --- Issue 10 item 10: counts checked before arithmetic ---------------------------------------------------------

TEST(Limits, HugeYearAndMonthCountsAreOutOfRange) {
  // 2^31 - 1 years used to wrap (n * 12 overflowed an int) to 2023-01-01.
  expect_out_of_range([] { redress::add_years(ymd(2023, 1, 1), INT_MAX); }, {"2147483647 years", "1400-9999"});
  expect_out_of_range([] { redress::period_end(ymd(2023, 1, 1), INT_MAX, Unit::years, Counting::within); },
                      {"2147483647"});
  expect_out_of_range([] { redress::add_months(ymd(2023, 1, 1), std::numeric_limits<std::int64_t>::max()); },
                      {"9223372036854775807 months"});
  expect_out_of_range([] { redress::add_months(ymd(2023, 1, 1), std::numeric_limits<std::int64_t>::min()); },
                      {"-9223372036854775808 months"});
  expect_out_of_range([] { redress::period_end(ymd(2023, 1, 1), INT64_MAX, Unit::weeks, Counting::within); },
                      {"9223372036854775807 weeks"});
  // 8600 years from 1400 is still inside: 1 Jan 1400 + 8599 years = 1 Jan 9999.
  EXPECT_EQ(redress::add_years(ymd(1400, 1, 1), 8599), ymd(9999, 1, 1));
}

TEST(Limits, HugeWorkingDayOffsetsAreOutOfRange) {
  const Calendar ew = Calendar::england_and_wales();
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  expect_out_of_range([&] { ew.add_working_days(ymd(2024, 1, 2), big); }, {"2024-01-02 + 9223372036854775807"});
  expect_out_of_range([&] { ew.add_working_days(ymd(2024, 1, 2), -big); }, {"2024-01-02"});
  expect_out_of_range([&] { ew.add_working_days(ymd(2024, 1, 6), -big, redress::NonWorkingStart::count_from_day); },
                      {"2024-01-06"});
  // The array forms: the same offsets, and days at the ends of the int64 range (only the minimum means NaT).
  const std::int64_t day = 19724;  // 2024-01-02: 54 years of 365 days plus 13 leap days = 19723 + 1
  std::int64_t out = 0;
  expect_out_of_range([&] { ew.add_working_days(&day, big, &out, 1); }, {"2024-01-02"});
  const std::int64_t near_min = std::numeric_limits<std::int64_t>::min() + 1;
  expect_out_of_range([&] { ew.add_working_days(&near_min, std::int64_t{1}, &out, 1); },
                      {"day -9223372036854775807 counted from 1970-01-01"});
  expect_out_of_range([&] { ew.working_days_between(&near_min, &day, &out, 1); }, {"-9223372036854775807"});
  bool open = false;
  expect_out_of_range([&] { ew.is_working_day(&near_min, &open, 1); }, {"-9223372036854775807"});
  const std::int64_t near_max = big;
  expect_out_of_range([&] { ew.is_working_day(&near_max, &open, 1); }, {"9223372036854775807"});
}

TEST(Limits, EvaluateRuleRefusesStartsOutsideTheYears) {
  const redress::Rule& rule = redress::RuleCatalogue::standard().rule("ehc.final_plan");
  const Calendar ew = Calendar::england_and_wales();
  const redress::SchoolCalendar school = redress::SchoolCalendar::default_calendar();
  std::int64_t due = 0, late = 0;
  std::int8_t status = 0;
  const std::int64_t missing = Calendar::kMissingDay;
  // 1 Jan of year 1 is 719,162 days before 1970 (1969 years: 477 leap years, 1969 * 365 + 477 = 719,162).
  const std::int64_t year_one = -719162;
  expect_out_of_range(
      [&] { redress::evaluate_rule(rule, &year_one, &missing, 1, 20000, &due, &status, &late, ew, school); },
      {"starts[0]", "day -719162 counted from 1970-01-01", "1400-9999"});
  const std::int64_t far = 100000000000;  // 10^11 days
  expect_out_of_range([&] { redress::evaluate_rule(rule, &far, &missing, 1, 20000, &due, &status, &late, ew, school); },
                      {"starts[0]", "day 100000000000"});
  const std::int64_t start = 19724;
  expect_out_of_range([&] { redress::evaluate_rule(rule, &start, &far, 1, 20000, &due, &status, &late, ew, school); },
                      {"mets[0]"});
}

// --- Issue 10 item 19: a NUL in a value does not cut the message ------------------------------------------------

TEST(Limits, MessageKeepsWhatFollowsANul) {
  try {
    redress::Money::parse(std::string("1\0", 2));
    ADD_FAILURE() << "accepted";
  } catch (const redress::InvalidInput& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'1\\x00'"), std::string::npos) << message;
    EXPECT_NE(message.find("is not an amount of money"), std::string::npos) << message;
    EXPECT_EQ(e.value(), std::string("1\0", 2));  // the value itself is kept exactly
  }
}

// --- Issue 10 item 15, issue 11 item 15: iCalendar text ---------------------------------------------------------

redress::Deadline pending(const std::string& title) {
  redress::Deadline d;
  d.rule = "ehc.final_plan";
  d.title = title;
  d.status = redress::DeadlineStatus::pending;
  d.due = ymd(2025, 1, 27);
  d.explanation = "Due 27 January 2025.";
  return d;
}

// The content lines of an iCalendar text, each checked: CRLF-terminated, no bare CR or LF, at most 75 octets.
std::vector<std::string> content_lines(const std::string& ics) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < ics.size()) {
    const std::size_t end = ics.find("\r\n", begin);
    if (end == std::string::npos) {
      ADD_FAILURE() << "does not end with CRLF";
      break;
    }
    std::string line = ics.substr(begin, end - begin);
    EXPECT_EQ(line.find('\r'), std::string::npos) << "a bare CR in: " << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << "a bare LF in: " << line;
    EXPECT_LE(line.size(), 75u) << line;
    lines.push_back(std::move(line));
    begin = end + 2;
  }
  return lines;
}

std::string unfold(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    if (!line.empty() && line[0] == ' ') {
      out += line.substr(1);
    } else {
      if (!out.empty()) out += "\n";
      out += line;
    }
  }
  return out;
}

TEST(Ical, LineBreaksInTheReferenceCannotAddProperties) {
  const std::string ics =
      redress::to_icalendar({pending("Final EHC plan issued")}, "21 002 722\rATTENDEE:x\nY\r\nZ", ymd(2025, 1, 1));
  const std::string text = unfold(content_lines(ics));
  // Each break became the two characters \n (RFC 5545 3.3.11), so no new property line starts.
  EXPECT_EQ(text.find("\nATTENDEE"), std::string::npos) << text;
  EXPECT_NE(text.find("SUMMARY:21 002 722\\nATTENDEE:x\\nY\\nZ: Final EHC plan due"), std::string::npos) << text;
  EXPECT_NE(text.find("UID:21_002_722\\nATTENDEE:x\\nY\\nZ-ehc.final_plan-20250127@redress"), std::string::npos)
      << text;
}

TEST(Ical, LineBreaksAndControlsInACatalogueTitle) {
  const std::string ics =
      redress::to_icalendar({pending("Plan\r\nATTENDEE:evil\x1b[31m")}, "24 000 001", ymd(2025, 1, 1));
  const std::string text = unfold(content_lines(ics));
  EXPECT_NE(text.find("SUMMARY:24 000 001: Plan\\nATTENDEE:evil [31m due"), std::string::npos) << text;
}

TEST(Ical, FoldsAt75OctetsWithoutSplittingUtf8) {
  // 40 pound signs (2 octets each) make the summary longer than one line; no line may start or end inside one.
  std::string title;
  for (int i = 0; i < 40; ++i) title += "\xC2\xA3";
  const auto lines = content_lines(redress::to_icalendar({pending(title)}, "24 000 001", ymd(2025, 1, 1)));
  for (const std::string& line : lines) {
    ASSERT_FALSE(line.empty());
    const auto first = static_cast<unsigned char>(line[line[0] == ' ' ? 1 : 0]);
    EXPECT_NE(first & 0xC0, 0x80) << "a line starts inside a UTF-8 sequence: " << line;
    EXPECT_NE(static_cast<unsigned char>(line.back()), 0xC2) << "a line ends inside a UTF-8 sequence";
  }
  EXPECT_NE(unfold(lines).find("SUMMARY:24 000 001: " + title + " due"), std::string::npos);
}

TEST(Ical, PendingDeadlinesReadAsDue) {
  const std::string text =
      unfold(content_lines(redress::to_icalendar({pending("Final EHC plan issued")}, "26 001 234", ymd(2025, 1, 1))));
  EXPECT_NE(text.find("SUMMARY:26 001 234: Final EHC plan due\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("issued"), std::string::npos) << text;
  redress::Deadline late = pending("Mediation held");
  late.status = redress::DeadlineStatus::overdue;
  const std::string overdue = unfold(content_lines(redress::to_icalendar({late}, "26 001 234", ymd(2025, 2, 1))));
  EXPECT_NE(overdue.find("SUMMARY:OVERDUE: 26 001 234: Mediation due\n"), std::string::npos) << overdue;
}

}  // namespace

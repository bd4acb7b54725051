// Tests of the case-file, complaint and batch layers: read_case and write_case over redress.case/1
// (shared/CASE_FORMAT.md), the JSON paths of reading errors, recommendation due dates, evaluate_case, and
// run_batch / run_batch_files over JSON Lines with their per-authority summary.
//
// Expected values come from shared/CASE_FORMAT.md (its illustrative case is typed in below), the seed example
// examples/cases/dorset-21-002-722.json and its seed (shared/seeds/000_7b9ba11ea232ea45.txt, Dorset Council
// 21 002 722), docs/schema/case-1.json, data/rules/catalogue.json (the s.31(2) rule) and hand calculations
// written in the comments. None was taken from running the library.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "redress/batch.hpp"
#include "redress/calendar.hpp"
#include "redress/complaint.hpp"
#include "redress/deadlines.hpp"
#include "redress/error.hpp"
#include "redress/io.hpp"
#include "redress/money.hpp"
#include "redress/remedy.hpp"

#ifndef REDRESS_SOURCE_DIR
#error "REDRESS_SOURCE_DIR must name the source tree (tests/cpp/CMakeLists.txt defines it)"
#endif

namespace {

using nlohmann::json;
using redress::AuthoritySummary;
using redress::BatchOptions;
using redress::Case;
using redress::CaseFile;
using redress::CaseOptions;
using redress::CaseReport;
using redress::Date;
using redress::Finding;
using redress::Fraction;
using redress::LostProvision;
using redress::Money;
using redress::Outcome;
using redress::PaymentKind;
using redress::Provision;
using redress::RateUnit;
using redress::Recipient;
using redress::Recommendation;
using redress::RecommendationStatus;
using redress::Rounding;

Date ymd(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

Money pounds(std::int64_t p) {
  return Money::from_pence(p * 100);
}

template <typename E, typename F>
std::optional<E> thrown(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw the wrong kind of error: " << e.what();
    return std::nullopt;
  }
  ADD_FAILURE() << "threw nothing";
  return std::nullopt;
}

// The JSON path an InvalidInput from read_case names, or a description of what happened instead.
std::string error_path(const std::string& text) {
  try {
    redress::read_case(text);
  } catch (const redress::InvalidInput& e) {
    return e.field();
  } catch (const std::exception& e) {
    return std::string("<other error: ") + e.what() + ">";
  }
  return "<no error>";
}

// A minimal valid case with `fields` added at the top level.
std::string with(const std::string& fields) {
  return R"({"format": "redress.case/1", "reference": "21 002 722", "authority": "Dorset Council", )" + fields + "}";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string dorset_path() {
  return std::string(REDRESS_SOURCE_DIR) + "/examples/cases/dorset-21-002-722.json";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

std::size_t count_newlines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n' ? 1U : 0U;
  return n;
}

// CASE_FORMAT.md's illustrative case, exactly as the contract prints it.
const char* const kIllustrative = R"json({
  "format": "redress.case/1",
  "reference": "24 000 001",
  "authority": "Example Council",
  "category": "special-educational-needs",
  "outcome": "upheld",
  "finding": "fault_causing_injustice",
  "public_report": true,
  "faults": ["assessment_delay", "alternative_provision", "complaint_handling", "communication"],
  "dates": {
    "first_aware": "2020-02-03",
    "complaint_to_council": "2020-08-20",
    "complaint_to_ombudsman": "2021-05-10",
    "final_decision": "2022-06-16",
    "report_received": "2022-06-16"
  },
  "remedy": {
    "guidance": "auto",
    "school_calendar": "default",
    "rounding": "pound",
    "lost_provision": [
      {"from": "2020-02", "to": "2020-07", "rate": "600", "per": "month", "provision": "none"},
      {"from": "2020-09", "to": "2020-10", "rate": "600", "per": "month", "provision": "none"},
      {"from": "2020-11", "to": "2021-01", "rate": "500", "per": "month", "provision": "partial"},
      {"from": "2024-01-08", "to": "2024-07-19", "rate": "1600", "per": "term", "provision": "none"},
      {"length": {"weeks": 3}, "rate": "1600", "per": "term", "provision": "none", "note": "referral delay"}
    ],
    "payments": [
      {"kind": "lost_opportunity", "amount": "250", "to": "parent", "for": "comment on the draft plan"},
      {"kind": "distress", "amount": "750", "to": "child"},
      {"kind": "time_and_trouble", "amount": "250", "to": "parent"},
      {"kind": "reimbursement", "amount": "1200", "to": "parent", "for": "private EP report"}
    ],
    "stated_total": "12319"
  },
  "recommendations": [
    {"kind": "apology", "due": "1 month", "status": "complete", "completed": "2022-07-01"},
    {"kind": "payment", "due": "1 month", "status": "complete"},
    {"kind": "service_improvement", "text": "track annual and transfer reviews", "due": "3 months", "status": "in_progress"}
  ],
  "send": {
    "events": [
      {"event": "ehc_request_received", "date": "2019-10-01"},
      {"event": "final_plan_issued", "date": "2021-02-15"}
    ],
    "exceptions": [
      {"type": "absent_from_area", "from": "2019-12-01", "to": "2020-01-10"}
    ]
  }
})json";

// A case with unknown fields at every depth (none within two edits of a known name, so none is a misspelling).
const char* const kWithUnknowns = R"json({
  "format": "redress.case/1",
  "reference": "21-002-722",
  "authority": "Dorset Council",
  "ombudsman_url": "https://www.lgo.org.uk/decisions/21-002-722",
  "x_review": {"by": "panel", "round": 2},
  "finding": "fault_causing_injustice",
  "dates": {"final_decision": "2022-06-16"},
  "remedy": {
    "lost_provision": [
      {"from": "2020-02", "to": "2020-10", "rate": "600", "per": "month", "source_para": "3.1.3"}
    ],
    "payments": [
      {"kind": "distress", "amount": "750", "to": "child", "cheque_number": "000123", "batch_id": 77}
    ]
  },
  "recommendations": [
    {"kind": "apology", "due": "1 month", "status": "complete", "owner": "SEND manager"}
  ],
  "send": {
    "events": [{"event": "final_plan_issued", "date": "2021-02-15", "minute_ref": "CAB/22/41"}],
    "exceptions": [{"type": "absent_from_area", "from": "2019-12-01", "to": "2020-01-10", "evidence": "letter"}]
  }
})json";

void expect_same_lost_provision(const LostProvision& a, const LostProvision& b) {
  EXPECT_TRUE(a.form == b.form);
  EXPECT_TRUE(a.from_month == b.from_month);
  EXPECT_TRUE(a.to_month == b.to_month);
  EXPECT_EQ(a.from_date, b.from_date);
  EXPECT_EQ(a.to_date, b.to_date);
  EXPECT_EQ(a.open, b.open);
  EXPECT_TRUE(a.length.years == b.length.years);
  EXPECT_TRUE(a.length.terms == b.length.terms);
  EXPECT_TRUE(a.length.months == b.length.months);
  EXPECT_TRUE(a.length.weeks == b.length.weeks);
  EXPECT_TRUE(a.length.days == b.length.days);
  EXPECT_EQ(a.rate, b.rate);
  EXPECT_TRUE(a.per == b.per);
  EXPECT_TRUE(a.provision == b.provision);
  EXPECT_TRUE(a.head == b.head);
  EXPECT_TRUE(a.to == b.to);
  EXPECT_TRUE(a.rounding == b.rounding);
  EXPECT_EQ(a.stated_amount, b.stated_amount);
  EXPECT_EQ(a.note, b.note);
}

// Every known field of two cases is equal.
void expect_same_case(const Case& a, const Case& b) {
  EXPECT_EQ(a.reference, b.reference);
  EXPECT_EQ(a.authority, b.authority);
  EXPECT_EQ(a.category, b.category);
  EXPECT_TRUE(a.outcome == b.outcome);
  EXPECT_TRUE(a.finding == b.finding);
  EXPECT_EQ(a.public_report, b.public_report);
  EXPECT_EQ(a.faults, b.faults);
  EXPECT_EQ(a.dates, b.dates);
  ASSERT_EQ(a.remedy.has_value(), b.remedy.has_value());
  if (a.remedy) {
    const redress::Remedy& ra = *a.remedy;
    const redress::Remedy& rb = *b.remedy;
    EXPECT_EQ(ra.guidance, rb.guidance);
    EXPECT_EQ(ra.school_calendar, rb.school_calendar);
    EXPECT_TRUE(ra.rounding == rb.rounding);
    EXPECT_EQ(ra.stated_total, rb.stated_total);
    ASSERT_EQ(ra.lost_provision.size(), rb.lost_provision.size());
    for (std::size_t i = 0; i < ra.lost_provision.size(); ++i) {
      SCOPED_TRACE("lost_provision[" + std::to_string(i) + "]");
      expect_same_lost_provision(ra.lost_provision[i], rb.lost_provision[i]);
    }
    ASSERT_EQ(ra.payments.size(), rb.payments.size());
    for (std::size_t i = 0; i < ra.payments.size(); ++i) {
      SCOPED_TRACE("payments[" + std::to_string(i) + "]");
      EXPECT_TRUE(ra.payments[i].kind == rb.payments[i].kind);
      EXPECT_EQ(ra.payments[i].amount, rb.payments[i].amount);
      EXPECT_TRUE(ra.payments[i].to == rb.payments[i].to);
      EXPECT_EQ(ra.payments[i].purpose, rb.payments[i].purpose);
    }
  }
  ASSERT_EQ(a.recommendations.size(), b.recommendations.size());
  for (std::size_t i = 0; i < a.recommendations.size(); ++i) {
    SCOPED_TRACE("recommendations[" + std::to_string(i) + "]");
    EXPECT_EQ(a.recommendations[i].kind, b.recommendations[i].kind);
    EXPECT_EQ(a.recommendations[i].text, b.recommendations[i].text);
    EXPECT_EQ(a.recommendations[i].due, b.recommendations[i].due);
    EXPECT_TRUE(a.recommendations[i].status == b.recommendations[i].status);
    EXPECT_EQ(a.recommendations[i].completed, b.recommendations[i].completed);
  }
  ASSERT_EQ(a.send.events.size(), b.send.events.size());
  for (std::size_t i = 0; i < a.send.events.size(); ++i) {
    SCOPED_TRACE("send.events[" + std::to_string(i) + "]");
    EXPECT_EQ(a.send.events[i].name, b.send.events[i].name);
    EXPECT_EQ(a.send.events[i].date, b.send.events[i].date);
    EXPECT_EQ(a.send.events[i].fields, b.send.events[i].fields);
  }
  ASSERT_EQ(a.send.exceptions.size(), b.send.exceptions.size());
  for (std::size_t i = 0; i < a.send.exceptions.size(); ++i) {
    SCOPED_TRACE("send.exceptions[" + std::to_string(i) + "]");
    EXPECT_EQ(a.send.exceptions[i].type, b.send.exceptions[i].type);
    EXPECT_EQ(a.send.exceptions[i].from, b.send.exceptions[i].from);
    EXPECT_EQ(a.send.exceptions[i].to, b.send.exceptions[i].to);
  }
}

// read(write(read(x))) equals read(x) in every known field.
void expect_round_trip(const std::string& text) {
  const CaseFile first = redress::read_case(text);
  const std::string written = redress::write_case(first);
  const CaseFile second = redress::read_case(written);
  expect_same_case(first.value, second.value);
  // Writing again changes nothing more: the canonical form is a fixed point.
  EXPECT_EQ(json::parse(redress::write_case(second)), json::parse(written));
}

const redress::Deadline* find_rule(const std::vector<redress::Deadline>& deadlines, const std::string& rule) {
  for (const redress::Deadline& d : deadlines) {
    if (d.rule == rule) return &d;
  }
  return nullptr;
}

const AuthoritySummary* find_authority(const redress::BatchSummary& s, const std::string& name) {
  for (const AuthoritySummary& a : s.authorities) {
    if (a.authority == name) return &a;
  }
  return nullptr;
}

// --- read_case ------------------------------------------------------------------------------------------------

TEST(CaseRead, IllustrativeCaseOfTheContract) {
  const CaseFile file = redress::read_case(kIllustrative);
  const Case& c = file.value;
  ASSERT_NE(file.document, nullptr);
  ASSERT_TRUE(c.reference.has_value());
  EXPECT_EQ(c.reference->str(), "24 000 001");
  EXPECT_EQ(c.reference->year(), 2024);
  EXPECT_EQ(c.authority, "Example Council");
  EXPECT_EQ(c.category, "special-educational-needs");
  EXPECT_TRUE(c.outcome == Outcome::upheld);
  EXPECT_TRUE(c.finding == Finding::fault_causing_injustice);
  EXPECT_TRUE(c.public_report);
  EXPECT_EQ(c.faults, (std::vector<std::string>{"assessment_delay", "alternative_provision", "complaint_handling",
                                                "communication"}));

  const std::map<std::string, Date> dates = {{"first_aware", ymd(2020, 2, 3)},
                                             {"complaint_to_council", ymd(2020, 8, 20)},
                                             {"complaint_to_ombudsman", ymd(2021, 5, 10)},
                                             {"final_decision", ymd(2022, 6, 16)},
                                             {"report_received", ymd(2022, 6, 16)}};
  EXPECT_EQ(c.dates, dates);
  EXPECT_EQ(c.date("final_decision"), ymd(2022, 6, 16));
  EXPECT_EQ(c.date("no_such_date"), std::nullopt);

  ASSERT_TRUE(c.remedy.has_value());
  const redress::Remedy& r = *c.remedy;
  EXPECT_EQ(r.guidance, "auto");
  EXPECT_EQ(r.school_calendar, "default");
  EXPECT_TRUE(r.rounding == Rounding::pound);
  ASSERT_EQ(r.lost_provision.size(), 5U);
  // [0] a month range, Feb-Jul 2020 at £600 a month, no provision.
  EXPECT_TRUE(r.lost_provision[0].form == LostProvision::Form::months);
  EXPECT_TRUE((r.lost_provision[0].from_month == redress::YearMonth{2020, 2}));
  EXPECT_TRUE((r.lost_provision[0].to_month == redress::YearMonth{2020, 7}));
  EXPECT_EQ(r.lost_provision[0].rate, pounds(600));
  EXPECT_TRUE(r.lost_provision[0].per == RateUnit::month);
  EXPECT_TRUE(r.lost_provision[0].provision == Provision::none);
  // [2] partial provision at £500 a month.
  EXPECT_EQ(r.lost_provision[2].rate, pounds(500));
  EXPECT_TRUE(r.lost_provision[2].provision == Provision::partial);
  EXPECT_TRUE((r.lost_provision[2].to_month == redress::YearMonth{2021, 1}));
  // [3] a date range at £1,600 a term.
  EXPECT_TRUE(r.lost_provision[3].form == LostProvision::Form::dates);
  EXPECT_EQ(r.lost_provision[3].from_date, ymd(2024, 1, 8));
  EXPECT_EQ(r.lost_provision[3].to_date, ymd(2024, 7, 19));
  EXPECT_EQ(r.lost_provision[3].rate, pounds(1600));
  EXPECT_TRUE(r.lost_provision[3].per == RateUnit::term);
  // [4] a length of three school weeks, with its note.
  EXPECT_TRUE(r.lost_provision[4].form == LostProvision::Form::length);
  EXPECT_TRUE(r.lost_provision[4].length.weeks == Fraction(3));
  EXPECT_TRUE(r.lost_provision[4].length.terms == Fraction(0));
  EXPECT_EQ(r.lost_provision[4].note, "referral delay");

  ASSERT_EQ(r.payments.size(), 4U);
  EXPECT_TRUE(r.payments[0].kind == PaymentKind::lost_opportunity);
  EXPECT_EQ(r.payments[0].amount, pounds(250));
  EXPECT_TRUE(r.payments[0].to == Recipient::parent);
  EXPECT_EQ(r.payments[0].purpose, "comment on the draft plan");
  EXPECT_TRUE(r.payments[1].kind == PaymentKind::distress);
  EXPECT_EQ(r.payments[1].amount, pounds(750));
  EXPECT_TRUE(r.payments[1].to == Recipient::child);
  EXPECT_TRUE(r.payments[2].kind == PaymentKind::time_and_trouble);
  EXPECT_TRUE(r.payments[3].kind == PaymentKind::reimbursement);
  EXPECT_EQ(r.payments[3].amount, pounds(1200));
  EXPECT_EQ(r.payments[3].purpose, "private EP report");
  EXPECT_EQ(r.stated_total, pounds(12319));

  ASSERT_EQ(c.recommendations.size(), 3U);
  EXPECT_EQ(c.recommendations[0].kind, "apology");
  EXPECT_EQ(c.recommendations[0].due, "1 month");
  EXPECT_TRUE(c.recommendations[0].status == RecommendationStatus::complete);
  EXPECT_EQ(c.recommendations[0].completed, ymd(2022, 7, 1));
  EXPECT_EQ(c.recommendations[1].kind, "payment");
  EXPECT_EQ(c.recommendations[1].completed, std::nullopt);
  EXPECT_EQ(c.recommendations[2].kind, "service_improvement");
  EXPECT_EQ(c.recommendations[2].text, "track annual and transfer reviews");
  EXPECT_EQ(c.recommendations[2].due, "3 months");
  EXPECT_TRUE(c.recommendations[2].status == RecommendationStatus::in_progress);

  ASSERT_EQ(c.send.events.size(), 2U);
  EXPECT_EQ(c.send.events[0].name, "ehc_request_received");
  EXPECT_EQ(c.send.events[0].date, ymd(2019, 10, 1));
  EXPECT_EQ(c.send.events[1].name, "final_plan_issued");
  EXPECT_EQ(c.send.events[1].date, ymd(2021, 2, 15));
  ASSERT_EQ(c.send.exceptions.size(), 1U);
  EXPECT_EQ(c.send.exceptions[0].type, "absent_from_area");
  EXPECT_EQ(c.send.exceptions[0].from, ymd(2019, 12, 1));
  EXPECT_EQ(c.send.exceptions[0].to, ymd(2020, 1, 10));

  // The case's dates join the SEND events in its timeline (complaint.hpp: "the dates as events").
  EXPECT_EQ(c.timeline().events.size(), 2U + 5U);
}

TEST(CaseRead, DorsetSeedExample) {
  // examples/cases/dorset-21-002-722.json, from seed 000 (Dorset Council, report to Cabinet 26 July 2022).
  const CaseFile file = redress::read_case(slurp(dorset_path()));
  const Case& c = file.value;
  ASSERT_TRUE(c.reference.has_value());
  EXPECT_EQ(c.reference->str(), "21 002 722");
  EXPECT_EQ(c.authority, "Dorset Council");
  EXPECT_EQ(c.category, "special-educational-needs");
  EXPECT_TRUE(c.outcome == Outcome::upheld);
  EXPECT_TRUE(c.finding == Finding::fault_causing_injustice);
  EXPECT_TRUE(c.public_report);
  EXPECT_EQ(c.faults, (std::vector<std::string>{"alternative_provision", "provision_not_secured", "annual_review",
                                                "communication", "complaint_handling"}));
  EXPECT_TRUE(c.dates.empty());  // the seed gives no date of the final report
  ASSERT_TRUE(c.remedy.has_value());
  ASSERT_EQ(c.remedy->lost_provision.size(), 2U);
  EXPECT_EQ(c.remedy->lost_provision[0].stated_amount, pounds(4800));  // seed 000 §3.1.3
  EXPECT_EQ(c.remedy->lost_provision[1].stated_amount, pounds(1500));
  EXPECT_EQ(c.remedy->payments.size(), 6U);         // §3.1.2 and 3.1.4 to 3.1.8
  EXPECT_EQ(c.remedy->stated_total, pounds(8800));  // §5
  EXPECT_EQ(c.recommendations.size(), 12U);         // eight personal (§3.1), four service improvements (§3.3)
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(c.recommendations[i].due, "1 month");
    EXPECT_TRUE(c.recommendations[i].status == RecommendationStatus::complete);
  }
  ASSERT_EQ(c.send.events.size(), 1U);
  EXPECT_EQ(c.send.events[0].name, "report_considered");
  EXPECT_EQ(c.send.events[0].date, ymd(2022, 7, 26));
}

TEST(CaseRead, OlderFindingWordingIsFaultCausingInjustice) {
  // CASE_FORMAT.md: "maladministration_and_injustice is read as fault_causing_injustice (older wording)".
  const CaseFile file = redress::read_case(with(R"("finding": "maladministration_and_injustice")"));
  EXPECT_TRUE(file.value.finding == Finding::fault_causing_injustice);
  const json written = json::parse(redress::write_case(file));
  EXPECT_EQ(written["finding"], "fault_causing_injustice");
}

TEST(CaseRead, MisspeltFieldsAreReportedWithTheirPath) {
  // CASE_FORMAT.md: "a misspelt known field ("ammount") is reported"; every error names the JSON path.
  EXPECT_EQ(error_path(with(R"("remedy": {"payments": [{"kind": "distress", "ammount": "750"}]})")),
            "remedy.payments[0].ammount");
  EXPECT_EQ(error_path(R"({"format": "redress.case/1", "refrence": "21 002 722"})"), "refrence");
  EXPECT_EQ(error_path(with(R"("dates": {"final_decison": "2022-06-16"})")), "dates.final_decison");
  EXPECT_EQ(error_path(with(R"("recommendations": [{"kind": "apology", "staus": "complete"}])")),
            "recommendations[0].staus");
  const auto e = thrown<redress::InvalidInput>(
      [] { redress::read_case(with(R"("remedy": {"payments": [{"kind": "distress", "ammount": "750"}]})")); });
  ASSERT_TRUE(e.has_value());
  EXPECT_NE(std::string(e->what()).find("amount"), std::string::npos) << e->what();  // suggests the right name
}

// --- Errors name the JSON path --------------------------------------------------------------------------------

TEST(CaseErrors, BadReference) {
  EXPECT_EQ(error_path(R"({"format": "redress.case/1", "reference": "21 002 72"})"), "reference");
  EXPECT_EQ(error_path(R"({"format": "redress.case/1", "reference": "21/002/722"})"), "reference");
}

TEST(CaseErrors, UnknownOutcome) {
  EXPECT_EQ(error_path(with(R"("outcome": "partly_upheld")")), "outcome");
}

TEST(CaseErrors, UnknownFaultKind) {
  EXPECT_EQ(error_path(with(R"("faults": ["assessment_delay", "late_payment"])")), "faults[1]");
}

TEST(CaseErrors, BadDateInDates) {
  // June has 30 days.
  EXPECT_EQ(error_path(with(R"("dates": {"first_aware": "2020-02-03", "final_decision": "2022-06-31"})")),
            "dates.final_decision");
  EXPECT_EQ(error_path(with(R"("dates": {"complaint_to_council": "20/08/2020"})")), "dates.complaint_to_council");
}

TEST(CaseErrors, EventDateThatDoesNotExist) {
  // 2021 is not a leap year: February has 28 days, so 2021-02-30 is no date.
  EXPECT_EQ(error_path(with(R"("send": {"events": [{"event": "final_plan_issued", "date": "2021-02-30"}]})")),
            "send.events[0].date");
}

TEST(CaseErrors, ExceptionEndingBeforeItStarts) {
  EXPECT_EQ(error_path(with(
                R"("send": {"exceptions": [{"type": "absent_from_area", "from": "2020-01-10", "to": "2019-12-01"}]})")),
            "send.exceptions[0].to");
}

TEST(CaseErrors, UnknownExceptionType) {
  EXPECT_EQ(
      error_path(with(R"("send": {"exceptions": [{"type": "holiday", "from": "2019-12-01", "to": "2020-01-10"}]})")),
      "send.exceptions[0].type");
}

TEST(CaseErrors, PublicReportNotABool) {
  EXPECT_EQ(error_path(with(R"("public_report": "yes")")), "public_report");
  EXPECT_EQ(error_path(with(R"("public_report": 1)")), "public_report");
}

TEST(CaseErrors, UnknownRecommendationStatus) {
  EXPECT_EQ(error_path(with(R"("recommendations": [{"kind": "apology", "due": "1 month", "status": "done"}])")),
            "recommendations[0].status");
}

TEST(CaseErrors, RecommendationDueThatIsNeitherPeriodNorDate) {
  // Refused on reading even without a final decision: the form is wrong whatever the date.
  EXPECT_EQ(error_path(with(R"("recommendations": [{"kind": "apology", "due": "soon"}])")), "recommendations[0].due");
  EXPECT_EQ(error_path(with(R"("dates": {"final_decision": "2022-06-16"},
                               "recommendations": [{"kind": "apology", "due": "1 month"},
                                                   {"kind": "payment", "due": "soon"}])")),
            "recommendations[1].due");
}

TEST(CaseErrors, BadMoneyNamesItsPath) {
  // CASE_FORMAT.md: money has at most two decimals.
  EXPECT_EQ(error_path(with(R"("remedy": {"payments": [{"kind": "distress", "amount": "12.345"}]})")),
            "remedy.payments[0].amount");
  EXPECT_EQ(error_path(with(R"("remedy": {"payments": [{"kind": "distress", "amount": 1.005}]})")),
            "remedy.payments[0].amount");
}

TEST(CaseErrors, PathPrefixIsPrepended) {
  // io.hpp: the field is the JSON path "prefixed by `path` when given".
  try {
    redress::read_case(with(R"("outcome": "partly_upheld")"), "cases[3]");
    ADD_FAILURE() << "threw nothing";
  } catch (const redress::InvalidInput& e) {
    EXPECT_EQ(e.field(), "cases[3].outcome");
  }
}

// --- write_case -----------------------------------------------------------------------------------------------

TEST(CaseWrite, ReferenceSpellingsWrittenBackCanonical) {
  // CASE_FORMAT.md: "21002722 and 21-002-722 are accepted and written back canonical".
  for (const char* spelling : {"21002722", "21-002-722", "21 002 722"}) {
    SCOPED_TRACE(spelling);
    const CaseFile file =
        redress::read_case(std::string(R"({"format": "redress.case/1", "reference": ")") + spelling + "\"}");
    ASSERT_TRUE(file.value.reference.has_value());
    EXPECT_EQ(file.value.reference->str(), "21 002 722");
    const json written = json::parse(redress::write_case(file));
    EXPECT_EQ(written["reference"], "21 002 722");
    EXPECT_EQ(written["format"], "redress.case/1");
  }
}

TEST(CaseWrite, UnknownFieldsAtAnyDepthAreKept) {
  // CASE_FORMAT.md: "Unknown fields are kept and passed through on output"; io.hpp: "at any depth".
  const json written = json::parse(redress::write_case(redress::read_case(kWithUnknowns)));
  EXPECT_EQ(written["ombudsman_url"], "https://www.lgo.org.uk/decisions/21-002-722");
  EXPECT_EQ(written["x_review"], json::parse(R"({"by": "panel", "round": 2})"));
  EXPECT_EQ(written["remedy"]["lost_provision"][0]["source_para"], "3.1.3");
  EXPECT_EQ(written["remedy"]["payments"][0]["cheque_number"], "000123");
  EXPECT_EQ(written["remedy"]["payments"][0]["batch_id"], 77);
  EXPECT_EQ(written["recommendations"][0]["owner"], "SEND manager");
  EXPECT_EQ(written["send"]["events"][0]["minute_ref"], "CAB/22/41");
  EXPECT_EQ(written["send"]["exceptions"][0]["evidence"], "letter");
  // The known fields are there in canonical form beside them.
  EXPECT_EQ(written["reference"], "21 002 722");
  EXPECT_EQ(written["remedy"]["payments"][0]["kind"], "distress");
  EXPECT_EQ(written["send"]["events"][0]["event"], "final_plan_issued");
  EXPECT_EQ(written["send"]["events"][0]["date"], "2021-02-15");
}

TEST(CaseWrite, UnknownNonStringFieldsInAnEventKeepTheirJsonValue) {
  // Passed through means unchanged: a number, a list and an object stay a number, a list and an object
  // (CASE_FORMAT.md conventions; docs/schema/case-1.json allows any value for unknown event fields).
  const CaseFile file = redress::read_case(with(
      R"("send": {"events": [{"event": "review_meeting_held", "date": "2022-03-01",
                               "attendees": 4, "roles": ["parent", "SENCO"], "venue": {"room": 12}}]})"));
  const json written = json::parse(redress::write_case(file));
  const json& event = written["send"]["events"][0];
  EXPECT_EQ(event["attendees"], 4);
  EXPECT_EQ(event["roles"], json::parse(R"(["parent", "SENCO"])"));
  EXPECT_EQ(event["venue"], json::parse(R"({"room": 12})"));
}

TEST(CaseWrite, LengthIsWrittenAsNumbers) {
  // CASE_FORMAT.md: a length is "an object of years, terms, months, weeks, days ..., numbers with at most two
  // decimals"; docs/schema/case-1.json: "quantity": {"type": "number"}. The illustrative case gives {"weeks": 3}.
  const json written = json::parse(redress::write_case(redress::read_case(kIllustrative)));
  const json& weeks = written["remedy"]["lost_provision"][4]["length"]["weeks"];
  EXPECT_TRUE(weeks.is_number()) << weeks.dump();
  EXPECT_EQ(weeks, 3);
}

TEST(CaseWrite, RecommendationWithoutDueGetsNoEmptyDue) {
  // docs/schema/case-1.json: "due" must match "N days|weeks|months" or a date; the Cambridgeshire seed example
  // leaves "due" out where the seed gives no time limit, so writing it back must not invent "due": "".
  const CaseFile file = redress::read_case(with(R"("recommendations": [{"kind": "apology", "status": "complete"}])"));
  const json written = json::parse(redress::write_case(file));
  const json& rec = written["recommendations"][0];
  EXPECT_TRUE(!rec.contains("due") || rec["due"] != "") << rec.dump();
}

TEST(CaseRoundTrip, IllustrativeCase) {
  expect_round_trip(kIllustrative);
}

TEST(CaseRoundTrip, DorsetSeedExample) {
  expect_round_trip(slurp(dorset_path()));
}

TEST(CaseRoundTrip, CaseWithUnknownFields) {
  expect_round_trip(kWithUnknowns);
  // And the unknown fields survive a second pass too.
  const std::string twice =
      redress::write_case(redress::read_case(redress::write_case(redress::read_case(kWithUnknowns))));
  const json written = json::parse(twice);
  EXPECT_EQ(written["remedy"]["payments"][0]["cheque_number"], "000123");
  EXPECT_EQ(written["send"]["events"][0]["minute_ref"], "CAB/22/41");
}

TEST(CaseRoundTrip, SeedExamplesWithOlderWording) {
  // The Cambridgeshire example keeps "maladministration_and_injustice"; the model reads it the same both times.
  expect_round_trip(slurp(std::string(REDRESS_SOURCE_DIR) + "/examples/cases/cambridgeshire-20-013-354.json"));
  expect_round_trip(slurp(std::string(REDRESS_SOURCE_DIR) + "/examples/cases/dorset-18-016-599.json"));
  expect_round_trip(slurp(std::string(REDRESS_SOURCE_DIR) + "/examples/cases/dudley-17-016-386.json"));
}

// --- recommendation_due ---------------------------------------------------------------------------------------

Recommendation due(const std::string& text) {
  Recommendation r;
  r.kind = "apology";
  r.due = text;
  return r;
}

TEST(RecommendationDue, OneMonthFromTheLastDayOfJanuaryIsTheLastDayOfFebruary) {
  // Corresponding-date rule (Dodds v Walker): 31 Jan 2023 + 1 month -> 31 Feb does not exist -> the last day of
  // February, 28 Feb 2023 (2023 is not a leap year).
  EXPECT_EQ(redress::recommendation_due(due("1 month"), ymd(2023, 1, 31), "recommendations[0]"), ymd(2023, 2, 28));
  // 2024 is a leap year: 30 Jan 2024 + 1 month -> 29 Feb 2024.
  EXPECT_EQ(redress::recommendation_due(due("1 month"), ymd(2024, 1, 30), "recommendations[0]"), ymd(2024, 2, 29));
  // 30 Nov 2022 + 3 months -> 30 Feb 2023 does not exist -> 28 Feb 2023.
  EXPECT_EQ(redress::recommendation_due(due("3 months"), ymd(2022, 11, 30), "recommendations[0]"), ymd(2023, 2, 28));
}

TEST(RecommendationDue, WeeksAndDays) {
  // 31 Jan 2023 + 14 days = 14 Feb 2023; + 28 days = 28 Feb 2023 (31 Jan + 28 = day 59 of the year = 28 Feb).
  EXPECT_EQ(redress::recommendation_due(due("2 weeks"), ymd(2023, 1, 31), "r"), ymd(2023, 2, 14));
  EXPECT_EQ(redress::recommendation_due(due("28 days"), ymd(2023, 1, 31), "r"), ymd(2023, 2, 28));
  // 16 Jun 2022 + 28 days: 14 days to 30 Jun, 14 more to 14 Jul 2022.
  EXPECT_EQ(redress::recommendation_due(due("28 days"), ymd(2022, 6, 16), "r"), ymd(2022, 7, 14));
}

TEST(RecommendationDue, AnIsoDateIsTheDueDate) {
  EXPECT_EQ(redress::recommendation_due(due("2023-03-15"), ymd(2023, 1, 31), "r"), ymd(2023, 3, 15));
  // A date needs no final decision.
  EXPECT_EQ(redress::recommendation_due(due("2023-03-15"), std::nullopt, "r"), ymd(2023, 3, 15));
}

TEST(RecommendationDue, NotComputableWithoutAFinalDecision) {
  const auto e = thrown<redress::NotComputable>(
      [] { redress::recommendation_due(due("1 month"), std::nullopt, "recommendations[2]"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->field(), "recommendations[2].due");
}

TEST(RecommendationDue, InvalidFormNamesThePath) {
  for (const char* bad : {"soon", "one month", "1 fortnight", "month", "1month", "2023-02-30"}) {
    SCOPED_TRACE(bad);
    const auto e = thrown<redress::InvalidInput>(
        [bad] { redress::recommendation_due(due(bad), ymd(2023, 1, 31), "recommendations[0]"); });
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->field(), "recommendations[0].due");
  }
}

// --- evaluate_case --------------------------------------------------------------------------------------------

TEST(CaseEvaluate, DorsetRemedyTotalsTheSeedsFigure) {
  // Seed 000 §5: "the financial remedy ... equates to £8,800". By hand: 8 school months Feb-Oct 2020 (August is
  // not a school month) x £600 = £4,800; Nov 2020-Jan 2021, 3 x £500 = £1,500; payments 250 + 250 + 750 + 750 +
  // 250 + 250 = £2,500; 4,800 + 1,500 + 2,500 = £8,800, which is also the example's stated_total and the two
  // stated period amounts, so the audit finds nothing.
  const Case c = redress::read_case(slurp(dorset_path())).value;
  CaseOptions options;
  options.as_of = ymd(2022, 7, 26);
  const CaseReport report = redress::evaluate_case(c, options);
  ASSERT_TRUE(report.remedy.has_value());
  EXPECT_EQ(report.remedy->total, pounds(8800));
  EXPECT_TRUE(report.remedy->audit.empty());
  EXPECT_TRUE(report.remedy->audit_ok());
  // By kind: lost provision 4,800 + 1,500; lost opportunity 2 x 250; distress 2 x 750; 250 each for the others.
  const std::map<std::string, Money> by_kind = {{"lost_provision", pounds(6300)},
                                                {"lost_opportunity", pounds(500)},
                                                {"distress", pounds(1500)},
                                                {"time_and_trouble", pounds(250)},
                                                {"complaint_handling", pounds(250)}};
  EXPECT_EQ(report.remedy->by_kind, by_kind);
  // No final decision in the example, so no due date can be computed and none is overdue.
  ASSERT_EQ(report.recommendations.size(), 12U);
  for (const redress::RecommendationState& s : report.recommendations) {
    EXPECT_EQ(s.due, std::nullopt) << s.path;
    EXPECT_FALSE(s.reason.empty()) << s.path;
    EXPECT_FALSE(s.overdue) << s.path;
  }
  EXPECT_EQ(report.recommendations_overdue, 0);
  EXPECT_EQ(report.recommendations[3].path, "recommendations[3]");
}

TEST(CaseEvaluate, RecommendationsOverdueAsOfADate) {
  // Final decision 16 Jun 2022, as of 1 Aug 2022. By hand:
  //  [0] 1 month, complete       -> due 16 Jul 2022; finished, not overdue
  //  [1] 1 month, in_progress    -> due 16 Jul 2022; overdue 16 days (16 Jul -> 1 Aug)
  //  [2] 3 months, not_started   -> due 16 Sep 2022; not yet due
  //  [3] 28 days, on_track       -> due 14 Jul 2022; overdue 18 days (14 Jul -> 1 Aug)
  //  [4] 2022-07-01, refused     -> finished, not overdue
  //  [5] 2022-08-01, in_progress -> due on the as-of date itself: not overdue yet
  //  [6] no due, not_started     -> no time limit, not overdue
  //  [7] 2 weeks, no status      -> due 30 Jun 2022; not_started by default; overdue 32 days (30 Jun -> 1 Aug)
  // Overdue: [1], [3], [7] = 3.
  const Case c = redress::read_case(with(R"("dates": {"final_decision": "2022-06-16"},
    "recommendations": [
      {"kind": "apology", "due": "1 month", "status": "complete"},
      {"kind": "payment", "due": "1 month", "status": "in_progress"},
      {"kind": "service_improvement", "due": "3 months", "status": "not_started"},
      {"kind": "action", "due": "28 days", "status": "on_track"},
      {"kind": "action", "due": "2022-07-01", "status": "refused"},
      {"kind": "action", "due": "2022-08-01", "status": "in_progress"},
      {"kind": "action", "status": "not_started"},
      {"kind": "action", "due": "2 weeks"}
    ])"))
                     .value;
  CaseOptions options;
  options.as_of = ymd(2022, 8, 1);
  const CaseReport report = redress::evaluate_case(c, options);
  ASSERT_EQ(report.recommendations.size(), 8U);
  const auto& r = report.recommendations;
  EXPECT_EQ(r[0].due, ymd(2022, 7, 16));
  EXPECT_FALSE(r[0].overdue);
  EXPECT_EQ(r[1].due, ymd(2022, 7, 16));
  EXPECT_TRUE(r[1].overdue);
  EXPECT_EQ(r[1].days_overdue, 16);
  EXPECT_EQ(r[2].due, ymd(2022, 9, 16));
  EXPECT_FALSE(r[2].overdue);
  EXPECT_EQ(r[3].due, ymd(2022, 7, 14));
  EXPECT_TRUE(r[3].overdue);
  EXPECT_EQ(r[3].days_overdue, 18);
  EXPECT_EQ(r[4].due, ymd(2022, 7, 1));
  EXPECT_FALSE(r[4].overdue);
  EXPECT_EQ(r[5].due, ymd(2022, 8, 1));
  EXPECT_FALSE(r[5].overdue);
  EXPECT_EQ(r[6].due, std::nullopt);
  EXPECT_FALSE(r[6].reason.empty());
  EXPECT_FALSE(r[6].overdue);
  EXPECT_EQ(r[7].due, ymd(2022, 6, 30));
  EXPECT_TRUE(r[7].overdue);
  EXPECT_EQ(r[7].days_overdue, 32);
  EXPECT_EQ(report.recommendations_overdue, 3);
  EXPECT_EQ(r[7].path, "recommendations[7]");

  // A day earlier, 31 Jul 2022: still [1], [3], [7], each one day less late.
  options.as_of = ymd(2022, 7, 31);
  const CaseReport earlier = redress::evaluate_case(c, options);
  EXPECT_EQ(earlier.recommendations_overdue, 3);
  EXPECT_EQ(earlier.recommendations[1].days_overdue, 15);
  // On 16 Jul 2022 only [7] (due 30 Jun) and [3] (due 14 Jul) are past; [1] is due that very day.
  options.as_of = ymd(2022, 7, 16);
  EXPECT_EQ(redress::evaluate_case(c, options).recommendations_overdue, 2);
}

TEST(CaseEvaluate, SectionThirtyOneDeadlineOnlyForAPublicReport) {
  // LGA 1974 s.31(2) (data/rules/catalogue.json "lgo.response"): three months beginning with the day the report
  // was received. Received 16 Jun 2022 -> day 1 is 16 Jun, so the period ends 15 Sep 2022 (the day before the
  // corresponding date 16 Sep). Cf. the Cambridgeshire example: received 6 Apr 2022, ends 5 Jul 2022.
  const std::string dates = R"("dates": {"final_decision": "2022-06-16", "report_received": "2022-06-16"})";
  CaseOptions options;
  options.as_of = ymd(2022, 8, 1);

  const Case published = redress::read_case(with(R"("public_report": true, )" + dates)).value;
  const CaseReport with_report = redress::evaluate_case(published, options);
  const redress::Deadline* response = find_rule(with_report.deadlines, "lgo.response");
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(response->start, ymd(2022, 6, 16));
  EXPECT_EQ(response->due, ymd(2022, 9, 15));
  EXPECT_TRUE(response->status == redress::DeadlineStatus::pending);

  const Case not_published = redress::read_case(with(R"("public_report": false, )" + dates)).value;
  EXPECT_EQ(find_rule(redress::evaluate_case(not_published, options).deadlines, "lgo.response"), nullptr);
  const Case unsaid = redress::read_case(with(dates)).value;  // public_report defaults to false
  EXPECT_FALSE(unsaid.public_report);
  EXPECT_EQ(find_rule(redress::evaluate_case(unsaid, options).deadlines, "lgo.response"), nullptr);
}

TEST(CaseEvaluate, NoSectionThirtyOneDeadlineWithoutAPublicReportEvenWhenAResponseIsRecorded) {
  // complaint.hpp: "the Ombudsman's public-report duties only when public_report is true". A council may still
  // record writing to the Ombudsman (response_to_ombudsman) after a decision that was not a public report; the
  // s.31(2) duty does not arise, so no lgo.response deadline (not even a not-computable one) belongs in the report.
  const Case c = redress::read_case(with(R"("public_report": false,
    "dates": {"final_decision": "2022-06-16", "report_received": "2022-06-16"},
    "send": {"events": [{"event": "response_to_ombudsman", "date": "2022-09-01"}]})"))
                     .value;
  CaseOptions options;
  options.as_of = ymd(2022, 10, 1);
  const CaseReport report = redress::evaluate_case(c, options);
  const redress::Deadline* response = find_rule(report.deadlines, "lgo.response");
  EXPECT_EQ(response, nullptr) << "status " << redress::to_string(response->status) << ": " << response->reason;
}

TEST(CaseEvaluate, RemedyAndDeadlinesCanBeLeftOut) {
  const Case c = redress::read_case(slurp(dorset_path())).value;
  CaseOptions options;
  options.as_of = ymd(2022, 7, 26);
  options.remedy = false;
  options.deadlines = false;
  const CaseReport report = redress::evaluate_case(c, options);
  EXPECT_FALSE(report.remedy.has_value());
  EXPECT_TRUE(report.deadlines.empty());
  EXPECT_EQ(report.recommendations.size(), 12U);  // recommendations are always listed
}

// --- run_batch ------------------------------------------------------------------------------------------------

std::string batch_case(const std::string& reference, const std::string& authority, const std::string& faults,
                       const std::string& payments, const std::string& extra = "") {
  return R"({"format": "redress.case/1", "reference": ")" + reference + R"(", "authority": ")" + authority +
         R"(", "faults": )" + faults + R"(, "remedy": {"payments": )" + payments + "}" + extra + "}";
}

struct BatchRun {
  std::vector<std::string> input;
  std::string out;
  std::string csv;
  redress::BatchSummary summary;
};

// Seven lines: good, blank, truncated JSON, invalid UTF-8, bad money, good (with CRLF), a 10 MB good line.
BatchRun run_mixed_batch() {
  BatchRun run;
  // 1: Dorset Council 21 002 722; distress £750 + time and trouble £250 = £1,000.
  run.input.push_back(batch_case(
      "21 002 722", "Dorset Council", R"(["alternative_provision", "communication"])",
      R"([{"kind": "distress", "amount": "750", "to": "child"}, {"kind": "time_and_trouble", "amount": "250"}])"));
  // 2: blank.
  run.input.push_back("");
  // 3: truncated JSON.
  run.input.push_back(R"({"format": "redress.case/1", "reference": "21 0)");
  // 4: bytes that are not UTF-8 inside a string.
  run.input.push_back(
      "{\"authority\": \"Dorset \xff\xfe"
      "\", \"format\": \"redress.case/1\", \"reference\": \"21 002 723\", \"category\": \"x\xc3\x28"
      "\"}");
  // 5: a Dorset Council case whose payment has three decimals.
  run.input.push_back(batch_case("21 002 724", "Dorset Council", R"(["record_keeping"])",
                                 R"([{"kind": "distress", "amount": "12.345"}])"));
  // 6: Dorset Council 22 000 001 with a Windows line end; distress £500. Shares alternative_provision with line 1.
  run.input.push_back(batch_case("22 000 001", "Dorset Council", R"(["alternative_provision", "complaint_handling"])",
                                 R"([{"kind": "distress", "amount": "500"}])") +
                      "\r");
  // 7: a 10 MB line: Example Council 24 000 001, £100 other, with 10 MB of notes.
  run.input.push_back(batch_case("24 000 001", "Example Council", R"(["alternative_provision"])",
                                 R"([{"kind": "other", "amount": "100", "for": "books"}])",
                                 R"(, "notes": ")" + std::string(10U * 1024U * 1024U, 'n') + "\""));
  std::string text;
  for (const std::string& line : run.input) {
    EXPECT_EQ(line.find('\n'), std::string::npos) << "a test input line holds a newline";
    text += line + "\n";
  }
  std::istringstream in(text);
  std::ostringstream out;
  std::ostringstream csv;
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  run.summary = redress::run_batch(in, out, options, &csv);
  run.out = out.str();
  run.csv = csv.str();
  return run;
}

const BatchRun& mixed_batch() {
  static const BatchRun run = run_mixed_batch();
  return run;
}

TEST(Batch, OneOutputLinePerInputLineInOrder) {
  const BatchRun& run = mixed_batch();
  ASSERT_EQ(run.input.size(), 7U);
  // JSON Lines: every output row ends with a newline, one per input line.
  EXPECT_EQ(count_newlines(run.out), run.input.size());
  const std::vector<std::string> rows = lines_of(run.out);
  ASSERT_EQ(rows.size(), run.input.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i + 1));
    EXPECT_LT(rows[i].size(), 10000U);  // the 10 MB line's notes are not echoed
    json row;
    ASSERT_NO_THROW(row = json::parse(rows[i])) << rows[i].substr(0, 200);
    ASSERT_TRUE(row.contains("line"));
    EXPECT_EQ(row["line"], i + 1);
  }
  EXPECT_EQ(run.summary.lines, 7);
  EXPECT_EQ(run.summary.cases, 3);   // lines 1, 6 and 7
  EXPECT_EQ(run.summary.errors, 4);  // lines 2, 3, 4 and 5
}

TEST(Batch, ResultRowsCarryReferenceAuthorityAndTotal) {
  const std::vector<std::string> rows = lines_of(mixed_batch().out);
  ASSERT_EQ(rows.size(), 7U);
  const json first = json::parse(rows[0]);
  EXPECT_EQ(first["reference"], "21 002 722");
  EXPECT_EQ(first["authority"], "Dorset Council");
  EXPECT_EQ(first["total"], "1000.00");  // 750 + 250
  EXPECT_FALSE(first.contains("error"));
  const json sixth = json::parse(rows[5]);
  EXPECT_EQ(sixth["reference"], "22 000 001");
  EXPECT_EQ(sixth["total"], "500.00");
  const json seventh = json::parse(rows[6]);
  EXPECT_EQ(seventh["reference"], "24 000 001");
  EXPECT_EQ(seventh["authority"], "Example Council");
  EXPECT_EQ(seventh["total"], "100.00");
}

TEST(Batch, ErrorRowsNameLinePathAndMessage) {
  const std::vector<std::string> rows = lines_of(mixed_batch().out);
  ASSERT_EQ(rows.size(), 7U);
  for (std::size_t i : {1U, 2U, 3U, 4U}) {
    SCOPED_TRACE("row " + std::to_string(i + 1));
    const json row = json::parse(rows[i]);
    EXPECT_EQ(row["line"], i + 1);
    ASSERT_TRUE(row.contains("error"));
    ASSERT_TRUE(row["error"].contains("path"));
    ASSERT_TRUE(row["error"].contains("message"));
    EXPECT_TRUE(row["error"]["path"].is_string());
    EXPECT_TRUE(row["error"]["message"].is_string());
    EXPECT_FALSE(row["error"]["message"].get<std::string>().empty());
    EXPECT_FALSE(row.contains("total"));
  }
  // The bad money names its JSON path (CASE_FORMAT.md: every error names the path and, in a batch, the line).
  const json money = json::parse(rows[4]);
  EXPECT_EQ(money["error"]["path"], "remedy.payments[0].amount");
  EXPECT_NE(money["error"]["message"].get<std::string>().find("12.345"), std::string::npos);
}

TEST(Batch, CsvHasAHeaderAndOneRowPerLine) {
  const BatchRun& run = mixed_batch();
  const std::vector<std::string> rows = lines_of(run.csv);
  ASSERT_EQ(rows.size(), 1U + run.input.size());
  EXPECT_EQ(count_newlines(run.csv), 1U + run.input.size());
  EXPECT_EQ(rows[0], "line,reference,authority,total,error_path,error");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].rfind(std::to_string(i) + ",", 0), 0U) << rows[i].substr(0, 200);
  }
  EXPECT_EQ(rows[1], "1,21 002 722,Dorset Council,1000.00,,");
  EXPECT_EQ(rows[5].rfind("5,,,,remedy.payments[0].amount,", 0), 0U) << rows[5];
  EXPECT_EQ(rows[7], "7,24 000 001,Example Council,100.00,,");
}

TEST(Batch, SummaryPerAuthority) {
  const redress::BatchSummary& s = mixed_batch().summary;
  // Dorset Council: cases on lines 1 and 6, the error on line 5.
  const AuthoritySummary* dorset = find_authority(s, "Dorset Council");
  ASSERT_NE(dorset, nullptr);
  EXPECT_EQ(dorset->cases, 2);
  EXPECT_EQ(dorset->errors, 1);
  EXPECT_EQ(dorset->total, pounds(1500));  // 1,000 + 500
  const std::map<std::string, Money> dorset_kinds = {{"distress", pounds(1250)}, {"time_and_trouble", pounds(250)}};
  EXPECT_EQ(dorset->by_kind, dorset_kinds);
  // Example Council: the 10 MB line.
  const AuthoritySummary* example = find_authority(s, "Example Council");
  ASSERT_NE(example, nullptr);
  EXPECT_EQ(example->cases, 1);
  EXPECT_EQ(example->errors, 0);
  EXPECT_EQ(example->total, pounds(100));
  const std::map<std::string, Money> example_kinds = {{"other", pounds(100)}};
  EXPECT_EQ(example->by_kind, example_kinds);
  // Every error is counted against some authority, and only Dorset's against Dorset.
  std::int64_t errors = 0;
  std::int64_t cases = 0;
  for (const AuthoritySummary& a : s.authorities) {
    errors += a.errors;
    cases += a.cases;
  }
  EXPECT_EQ(errors, 4);
  EXPECT_EQ(cases, 3);
}

TEST(Batch, RepeatFaultsAreFaultsOfOneAuthorityInMoreThanOneCase) {
  const redress::BatchSummary& s = mixed_batch().summary;
  const AuthoritySummary* dorset = find_authority(s, "Dorset Council");
  ASSERT_NE(dorset, nullptr);
  // alternative_provision is in 21 002 722 and 22 000 001; communication and complaint_handling in one case each;
  // record_keeping only on the line that failed.
  const std::map<std::string, std::vector<std::string>> repeats = {
      {"alternative_provision", {"21 002 722", "22 000 001"}}};
  EXPECT_EQ(dorset->repeat_faults(), repeats);
  // Example Council has one case: no repeats, though its fault is one Dorset repeats.
  const AuthoritySummary* example = find_authority(s, "Example Council");
  ASSERT_NE(example, nullptr);
  EXPECT_TRUE(example->repeat_faults().empty());

  const json summary = json::parse(s.to_json());
  EXPECT_EQ(summary["lines"], 7);
  EXPECT_EQ(summary["cases"], 3);
  EXPECT_EQ(summary["errors"], 4);
  bool seen_dorset = false;
  for (const json& a : summary["authorities"]) {
    if (a["authority"] == "Dorset Council") {
      seen_dorset = true;
      EXPECT_EQ(a["cases"], 2);
      EXPECT_EQ(a["errors"], 1);
      EXPECT_EQ(a["total"], "1500.00");
      EXPECT_EQ(a["by_kind"]["distress"], "1250.00");
      EXPECT_EQ(a["repeat_faults"], json::parse(R"({"alternative_provision": ["21 002 722", "22 000 001"]})"));
    } else if (a["authority"] == "Example Council") {
      EXPECT_EQ(a["repeat_faults"], json::object());
    }
  }
  EXPECT_TRUE(seen_dorset);
}

TEST(Batch, DetailRowsAreJsonWithTheLine) {
  std::istringstream in(with(R"("remedy": {"payments": [{"kind": "distress", "amount": "750"}]})") + "\n\n");
  std::ostringstream out;
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  options.detail = true;
  const redress::BatchSummary s = redress::run_batch(in, out, options);
  const std::vector<std::string> rows = lines_of(out.str());
  ASSERT_EQ(rows.size(), 2U);
  const json first = json::parse(rows[0]);
  EXPECT_EQ(first["line"], 1);
  EXPECT_EQ(first["reference"], "21 002 722");
  EXPECT_EQ(first["total"], "750.00");
  const json second = json::parse(rows[1]);
  EXPECT_EQ(second["line"], 2);
  EXPECT_TRUE(second.contains("error"));
  EXPECT_EQ(s.lines, 2);
}

TEST(Batch, EmptyInputWritesNothing) {
  std::istringstream in("");
  std::ostringstream out;
  std::ostringstream csv;
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  const redress::BatchSummary s = redress::run_batch(in, out, options, &csv);
  EXPECT_EQ(s.lines, 0);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(csv.str(), "line,reference,authority,total,error_path,error\n");
}

// --- run_batch_files ------------------------------------------------------------------------------------------

class BatchFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = std::filesystem::temp_directory_path() /
           ("redress-test-case-" + std::to_string(random()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(dir_);
    input_ = (dir_ / "cases.jsonl").string();
    std::ofstream f(input_, std::ios::binary);
    f << kInput;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static constexpr const char* kInput =
      R"({"format": "redress.case/1", "reference": "21 002 722", "authority": "Dorset Council"})"
      "\n"
      R"({"format": "redress.case/1", "reference": "bad"})"
      "\n";

  std::filesystem::path dir_;
  std::string input_;
};

TEST_F(BatchFiles, RefusesToWriteOverItsInput) {
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  const auto e = thrown<redress::InvalidInput>([&] { redress::run_batch_files(input_, input_, options); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(slurp(input_), kInput);
}

TEST_F(BatchFiles, RefusesTheInputUnderAnotherSpelling) {
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  const std::string same = (dir_ / "." / "cases.jsonl").string();
  EXPECT_TRUE(thrown<redress::InvalidInput>([&] { redress::run_batch_files(input_, same, options); }).has_value());
  EXPECT_EQ(slurp(input_), kInput);
}

TEST_F(BatchFiles, RefusesToWriteTheCsvOverItsInput) {
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  const std::string output = (dir_ / "out.jsonl").string();
  EXPECT_TRUE(
      thrown<redress::InvalidInput>([&] { redress::run_batch_files(input_, output, options, input_); }).has_value());
  EXPECT_EQ(slurp(input_), kInput);
}

TEST_F(BatchFiles, WritesOneLinePerInputLine) {
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  const std::string output = (dir_ / "out.jsonl").string();
  const std::string csv = (dir_ / "out.csv").string();
  const redress::BatchSummary s = redress::run_batch_files(input_, output, options, csv);
  EXPECT_EQ(s.lines, 2);
  EXPECT_EQ(s.cases, 1);
  EXPECT_EQ(s.errors, 1);
  const std::vector<std::string> rows = lines_of(slurp(output));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(json::parse(rows[0])["reference"], "21 002 722");
  EXPECT_EQ(json::parse(rows[1])["error"]["path"], "reference");
  EXPECT_EQ(lines_of(slurp(csv)).size(), 3U);
  EXPECT_EQ(slurp(input_), kInput);
}

}  // namespace

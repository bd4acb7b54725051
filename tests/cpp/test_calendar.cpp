// Tests of the calendar layer (include/redress/calendar.hpp): statutory months, the two ways the law counts a
// period, the England and Wales bank holidays and working-day arithmetic.
//
// Every expected value comes from the law, the official GOV.UK list (shared/domain/deadlines.md §5.3), the data
// file data/bank_holidays/england-and-wales.json, or a hand calculation written next to it. None was taken from
// running the library.
#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdint>
#include <exception>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "detail/day_table.hpp"
#include "redress/calendar.hpp"
#include "redress/error.hpp"

namespace {

using redress::add_months;
using redress::add_years;
using redress::Calendar;
using redress::Counting;
using redress::Date;
using redress::Holiday;
using redress::NonWorkingStart;
using redress::period_end;
using redress::Unit;

Date ymd(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

// An ISO date read by Boost, not by redress, so expected tables do not depend on the code under test.
Date day(const char* text) {
  return boost::gregorian::from_simple_string(text);
}

std::string show(Date d) {
  return boost::gregorian::to_iso_extended_string(d);
}

// Runs `f` and returns the redress error of type E it throws; records a failure if it throws nothing or
// something else.
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

// Compares a list of holidays with expected dates, reporting every missing and extra date.
void expect_same_dates(const std::vector<Holiday>& got, const std::vector<Date>& expected) {
  std::set<Date> got_dates, want_dates(expected.begin(), expected.end());
  for (const Holiday& h : got) got_dates.insert(h.date);
  for (Date d : want_dates) {
    if (got_dates.count(d) == 0) ADD_FAILURE() << "missing holiday " << show(d);
  }
  for (Date d : got_dates) {
    if (want_dates.count(d) == 0) ADD_FAILURE() << "extra holiday " << show(d);
  }
  EXPECT_EQ(got.size(), expected.size());
  for (std::size_t i = 1; i < got.size(); ++i) EXPECT_LT(got[i - 1].date, got[i].date) << "not in date order";
}

// ---------------------------------------------------------------------------------------------------------
// add_months / add_years: the corresponding-date rule.
// ---------------------------------------------------------------------------------------------------------

TEST(CivilDate, EveryDayFrom1400To9999IsBoostsDay) {
  // parse_date and the remedy's month bounds count a date's day number by arithmetic instead of through Boost's
  // checked constructor: walked here day by day (Boost's own successor) against the year, month and day
  // Boost gives each day, and against Boost's constructor at every month's first and last day.
  const Date first(1400, 1, 1), last(9999, 12, 31);
  std::int64_t n = redress::detail::epoch_day(first);
  EXPECT_EQ(redress::detail::civil_epoch_day(1400, 1, 1), n);
  EXPECT_EQ(redress::detail::civil_epoch_day(1970, 1, 1), 0);
  EXPECT_EQ(redress::detail::civil_epoch_day(2000, 3, 1), 11017);  // 30 years of 365 days + 7 leap days + 59
  std::int64_t mismatches = 0;
  std::int64_t inverse_mismatches = 0;  // and back: civil_from_epoch_day gives Boost's year, month and day
  for (Date d = first; d <= last; d += boost::gregorian::days(1), ++n) {
    const auto ymd = d.year_month_day();
    if (redress::detail::civil_epoch_day(ymd.year, ymd.month, ymd.day) != n) ++mismatches;
    const redress::detail::CivilDay back = redress::detail::civil_from_epoch_day(n);
    if (back.year != ymd.year || back.month != ymd.month || back.day != ymd.day) ++inverse_mismatches;
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(inverse_mismatches, 0);
  // Two by hand: day 0 is 1970-01-01, and 2000-03-01 is day 11017 (see above).
  EXPECT_EQ(redress::detail::civil_from_epoch_day(0).year, 1970);
  EXPECT_EQ(redress::detail::civil_from_epoch_day(11017).month, 3U);
  EXPECT_EQ(redress::detail::civil_from_epoch_day(11016).day, 29U);  // the day before: 29 February 2000
  for (int y : {1400, 1600, 1700, 1900, 2000, 2024, 2100, 9999}) {
    for (unsigned m = 1; m <= 12; ++m) {
      const auto end = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                              static_cast<unsigned short>(m));
      EXPECT_EQ(redress::detail::civil_date(y, m, 1),
                Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), 1));
      EXPECT_EQ(redress::detail::civil_date(y, m, end),
                Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), end));
    }
  }
}

TEST(CivilDate, EpochDaysAreBoostsSubtractionAndAddition) {
  // epoch_day and from_epoch_day read and make a Date's day number directly; Boost's own arithmetic from
  // 1970-01-01 is the reference, on every day it can hold and on the special values.
  using redress::detail::epoch_day;
  using redress::detail::from_epoch_day;
  const Date epoch(1970, 1, 1);
  EXPECT_EQ(epoch_day(epoch), 0);
  EXPECT_EQ(from_epoch_day(0), epoch);
  EXPECT_EQ(epoch_day(Date(2000, 3, 1)), 11017);  // 30 years of 365 days, 7 leap days, and 59 days of 2000
  std::int64_t mismatches = 0;
  const Date first(1400, 1, 1), last(9999, 12, 31);
  for (Date d = first; d <= last; d += boost::gregorian::days(1)) {
    const std::int64_t boost_day = (d - epoch).days();
    mismatches += epoch_day(d) != boost_day;
    mismatches += from_epoch_day(boost_day) != epoch + boost::gregorian::days(boost_day);
  }
  EXPECT_EQ(mismatches, 0);
  // Special dates, and days past Boost's range, keep whatever Boost's arithmetic gives them.
  for (Date special : {Date(boost::gregorian::not_a_date_time), Date(boost::gregorian::pos_infin),
                       Date(boost::gregorian::neg_infin)}) {
    EXPECT_EQ(epoch_day(special), (special - epoch).days());
  }
  for (std::int64_t day : {redress::detail::kLastBoostEpochDay + 1, redress::detail::kFirstBoostEpochDay - 1,
                           std::int64_t{-3000000}, std::int64_t{4000000}}) {
    EXPECT_EQ(from_epoch_day(day).day_number(), (epoch + boost::gregorian::days(day)).day_number()) << day;
  }
}

TEST(CivilDate, DaysInMonthIsTheGregorianRule) {
  // parse_date checks the day against days_in_month: February has 29 days in a year divisible by 4, except a
  // century year not divisible by 400 (1700, 1800, 1900, 2100 have 28; 1600, 2000 have 29).
  using redress::detail::days_in_month;
  EXPECT_EQ(days_in_month(2024, 2), 29U);
  EXPECT_EQ(days_in_month(2023, 2), 28U);
  EXPECT_EQ(days_in_month(1900, 2), 28U);
  EXPECT_EQ(days_in_month(2100, 2), 28U);
  EXPECT_EQ(days_in_month(2000, 2), 29U);
  EXPECT_EQ(days_in_month(1600, 2), 29U);
  const unsigned thirty_days_hath[13] = {0, 31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (unsigned m = 1; m <= 12; ++m) {
    if (m != 2) {
      EXPECT_EQ(days_in_month(2025, m), thirty_days_hath[m]) << m;
    }
  }
  // And Boost agrees in every month of every year redress reads.
  std::int64_t mismatches = 0;
  for (int y = 1400; y <= 9999; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      mismatches += days_in_month(y, m) != boost::gregorian::gregorian_calendar::end_of_month_day(
                                               static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    }
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(redress::parse_date("2024-02-29"), ymd(2024, 2, 29));
  EXPECT_THROW(redress::parse_date("1900-02-29"), redress::InvalidInput);
  EXPECT_THROW(redress::parse_date("2025-04-31"), redress::InvalidInput);
}

TEST(AddMonths, EveryDayOfTheCalendarYearsIsItsCorrespondingDate) {
  // add_months makes its result by arithmetic; here the corresponding-date rule is applied with Boost's calendar
  // instead (the same day of the month n months on, or that month's last day where it has none) for every day
  // of 1990-2100 and every n from -25 to 25.
  std::int64_t mismatches = 0;
  for (Date d(1990, 1, 1); d <= Date(2100, 12, 31); d += boost::gregorian::days(1)) {
    const auto ymd = d.year_month_day();
    for (int n = -25; n <= 25; ++n) {
      const int months = ymd.year * 12 + (ymd.month - 1) + n;
      const auto y = static_cast<unsigned short>(months / 12);
      const auto m = static_cast<unsigned short>(months % 12 + 1);
      const unsigned short day =
          std::min<unsigned short>(ymd.day, boost::gregorian::gregorian_calendar::end_of_month_day(y, m));
      mismatches += add_months(d, n) != Date(y, m, day);
    }
  }
  EXPECT_EQ(mismatches, 0);
}

TEST(AddMonths, DoddsVWalkerCorrespondingDate) {
  // Dodds v Walker [1981] UKHL: a 4-month period from 30 Sep 1978 ended on 30 Jan 1979.
  EXPECT_EQ(add_months(ymd(1978, 9, 30), 4), ymd(1979, 1, 30));
  EXPECT_EQ(add_months(ymd(2024, 3, 15), 1), ymd(2024, 4, 15));
  EXPECT_EQ(add_months(ymd(2024, 3, 15), 0), ymd(2024, 3, 15));
}

TEST(AddMonths, NoCorrespondingDateGivesLastDayOfMonth) {
  // deadlines.md §0 (Dodds v Walker): no corresponding date -> the last day of that month.
  EXPECT_EQ(add_months(ymd(2022, 12, 31), 2), ymd(2023, 2, 28));  // 2023 is not a leap year
  EXPECT_EQ(add_months(ymd(2023, 12, 31), 2), ymd(2024, 2, 29));  // 2024 is a leap year
  EXPECT_EQ(add_months(ymd(2023, 1, 31), 1), ymd(2023, 2, 28));
  EXPECT_EQ(add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
  EXPECT_EQ(add_months(ymd(2023, 1, 30), 1), ymd(2023, 2, 28));
  EXPECT_EQ(add_months(ymd(2023, 5, 31), 1), ymd(2023, 6, 30));
  EXPECT_EQ(add_months(ymd(2024, 1, 31), 25), ymd(2026, 2, 28));  // Jan 2024 + 25 months = Feb 2026
  EXPECT_EQ(add_months(ymd(2099, 12, 31), 2), ymd(2100, 2, 28));  // 2100 is not a leap year (div by 100)
}

TEST(AddMonths, NegativeMonthsUseTheSameRule) {
  // Corresponding-date rule counted backwards.
  EXPECT_EQ(add_months(ymd(2023, 3, 31), -1), ymd(2023, 2, 28));
  EXPECT_EQ(add_months(ymd(2024, 3, 31), -1), ymd(2024, 2, 29));
  EXPECT_EQ(add_months(ymd(2024, 5, 31), -3), ymd(2024, 2, 29));
  EXPECT_EQ(add_months(ymd(2024, 1, 10), -1), ymd(2023, 12, 10));  // across a year boundary
  EXPECT_EQ(add_months(ymd(2024, 1, 10), -13), ymd(2022, 12, 10));
  EXPECT_EQ(add_months(ymd(2025, 3, 14), -12), ymd(2024, 3, 14));
  EXPECT_EQ(add_months(ymd(1979, 1, 30), -4), ymd(1978, 9, 30));  // Dodds v Walker backwards
}

TEST(AddMonths, MonthEndsAreNotSnapped) {
  // Dodds v Walker: the same day number of the later month. Boost's month arithmetic would snap a month-end
  // start to the later month's end (28 Feb + 1 month -> 31 Mar); the law does not.
  EXPECT_EQ(add_months(ymd(2023, 2, 28), 1), ymd(2023, 3, 28));
  EXPECT_EQ(add_months(ymd(2024, 2, 29), 1), ymd(2024, 3, 29));
  EXPECT_EQ(add_months(ymd(2023, 4, 30), 1), ymd(2023, 5, 30));
  EXPECT_EQ(add_months(ymd(2023, 6, 30), 2), ymd(2023, 8, 30));
  EXPECT_EQ(add_months(ymd(2023, 2, 28), 12), ymd(2024, 2, 28));  // not 29 Feb 2024
  EXPECT_EQ(add_months(ymd(2023, 4, 30), -1), ymd(2023, 3, 30));  // not 31 Mar
}

TEST(AddYears, CorrespondingDateRule) {
  // Same rule for years: 29 Feb 2024 + 1 year has no corresponding date, so the last day of Feb 2025.
  EXPECT_EQ(add_years(ymd(2024, 2, 29), 1), ymd(2025, 2, 28));
  EXPECT_EQ(add_years(ymd(2024, 2, 29), 4), ymd(2028, 2, 29));
  EXPECT_EQ(add_years(ymd(2024, 2, 29), -1), ymd(2023, 2, 28));
  EXPECT_EQ(add_years(ymd(2000, 2, 29), 100), ymd(2100, 2, 28));  // 2100 is not a leap year
  EXPECT_EQ(add_years(ymd(2023, 2, 28), 1), ymd(2024, 2, 28));    // not snapped to 29 Feb
  EXPECT_EQ(add_years(ymd(2024, 3, 15), -2), ymd(2022, 3, 15));
  EXPECT_EQ(add_years(ymd(2024, 3, 15), 0), ymd(2024, 3, 15));
}

// ---------------------------------------------------------------------------------------------------------
// parse_date / iso
// ---------------------------------------------------------------------------------------------------------

TEST(ParseDate, IsoRoundTrip) {
  EXPECT_EQ(redress::parse_date("2025-01-27"), ymd(2025, 1, 27));
  EXPECT_EQ(redress::parse_date("2024-02-29"), ymd(2024, 2, 29));
  EXPECT_EQ(redress::parse_date("1990-01-01"), ymd(1990, 1, 1));
  EXPECT_EQ(redress::parse_date("2100-12-31"), ymd(2100, 12, 31));
  EXPECT_EQ(redress::iso(ymd(2025, 1, 27)), "2025-01-27");
  EXPECT_EQ(redress::iso(ymd(1978, 9, 30)), "1978-09-30");
  EXPECT_EQ(redress::iso(ymd(2000, 2, 29)), "2000-02-29");
  for (const char* text : {"2025-01-27", "2024-02-29", "1999-12-31", "2012-06-05", "2100-03-01"}) {
    EXPECT_EQ(redress::iso(redress::parse_date(text)), text);
  }
}

TEST(ParseDate, RejectsWhatIsNotAnIsoDateNamingTheValue) {
  // 30 Feb never exists; 29 Feb 2023 does not (2023 is not a leap year); month 13; no zero padding; etc.
  for (const char* bad :
       {"2021-02-30", "2021-13-01", "2021-1-1", "", "2023-02-29", "2021-00-10", "2021-01-00", "2021-04-31", "21-01-01",
        "2021/01/01", " 2021-01-01", "2021-01-01 ", "2021-01-01T00:00", "01-01-2021", "abcd-ef-gh", "2021-0a-01"}) {
    auto caught = thrown<redress::InvalidInput>([&] { redress::parse_date(bad); });
    ASSERT_TRUE(caught.has_value()) << "'" << bad << "'";
    EXPECT_EQ(caught->value(), bad);
    EXPECT_EQ(caught->field(), "date");
  }
}

TEST(ParseDate, ErrorNamesTheField) {
  auto e = thrown<redress::InvalidInput>([] { redress::parse_date("2021-02-30", "decision.date"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->field(), "decision.date");
  EXPECT_EQ(e->value(), "2021-02-30");
}

// ---------------------------------------------------------------------------------------------------------
// period_end: "within N units of X" and "N units beginning with X"
// ---------------------------------------------------------------------------------------------------------

TEST(PeriodEnd, WeeksWithinVersusBeginningWith) {
  // deadlines.md §0: within N weeks of X ends on X + 7N (same weekday); beginning with X ends the day before.
  // 9 Sep 2024 (Mon) + 42 days: 21 days to 30 Sep, 21 into Oct -> Mon 21 Oct 2024.
  EXPECT_EQ(period_end(ymd(2024, 9, 9), 6, Unit::weeks, Counting::within), ymd(2024, 10, 21));
  EXPECT_EQ(period_end(ymd(2024, 9, 9), 6, Unit::weeks, Counting::beginning_with), ymd(2024, 10, 20));
  // 2 weeks from Wed 25 Dec 2024: 8 Jan 2025 (within), 7 Jan 2025 (beginning with).
  EXPECT_EQ(period_end(ymd(2024, 12, 25), 2, Unit::weeks, Counting::within), ymd(2025, 1, 8));
  EXPECT_EQ(period_end(ymd(2024, 12, 25), 2, Unit::weeks, Counting::beginning_with), ymd(2025, 1, 7));
}

TEST(PeriodEnd, EhcPlanTwentyWeeksReg13) {
  // SEND Regs 2014 reg 13(2): final plan within 20 weeks of the request being received.
  // 9 Sep 2024 + 140 days: 21 (to 30 Sep) + 31 (Oct) + 30 (Nov) + 31 (Dec) = 113, + 27 = 140 -> Mon 27 Jan 2025.
  EXPECT_EQ(period_end(ymd(2024, 9, 9), 20, Unit::weeks, Counting::within), ymd(2025, 1, 27));
  // reg 5(1): decision whether to assess within 6 weeks: 9 Sep + 42 = 21 Oct 2024.
  EXPECT_EQ(period_end(ymd(2024, 9, 9), 6, Unit::weeks, Counting::within), ymd(2024, 10, 21));
  // reg 10(1): 16 weeks = 112 days: 113 - 1 -> Mon 30 Dec 2024.
  EXPECT_EQ(period_end(ymd(2024, 9, 9), 16, Unit::weeks, Counting::within), ymd(2024, 12, 30));
}

TEST(PeriodEnd, MonthsBeginningWithEndDayBeforeCorrespondingDate) {
  // deadlines.md §0 (SI 2018/1082 art 1.4(2)(a)(ii)(aa)): 12 months beginning with 15 Mar 2024 -> 14 Mar 2025.
  EXPECT_EQ(period_end(ymd(2024, 3, 15), 12, Unit::months, Counting::beginning_with), ymd(2025, 3, 14));
  // CFA 2014 s.44(1) review "within 12 months" of 15 Mar 2024 (Dodds v Walker): 15 Mar 2025.
  EXPECT_EQ(period_end(ymd(2024, 3, 15), 12, Unit::months, Counting::within), ymd(2025, 3, 15));
  // 1 month beginning with 1 Mar 2023 is the month of March: ends 31 Mar 2023 (day before 1 Apr).
  EXPECT_EQ(period_end(ymd(2023, 3, 1), 1, Unit::months, Counting::beginning_with), ymd(2023, 3, 31));
  // 1 month beginning with 28 Jan 2023: 28 Feb exists, so the day before it, 27 Feb.
  EXPECT_EQ(period_end(ymd(2023, 1, 28), 1, Unit::months, Counting::beginning_with), ymd(2023, 2, 27));
  // 1 month beginning with 30 Mar 2023: 30 Apr exists, so 29 Apr.
  EXPECT_EQ(period_end(ymd(2023, 3, 30), 1, Unit::months, Counting::beginning_with), ymd(2023, 4, 29));
}

TEST(PeriodEnd, MonthsBeginningWithNoCorrespondingDateEndOnMonthEnd) {
  // SI 2018/1082 art 1.4(2)(a)(ii)(bb) (cited in deadlines.md §0): where the month in which the period ends has
  // no date corresponding to the first day, the period ends on "the last day of that month" - not the day
  // before it. (Ballentine's "calendar month": "If there be no corresponding day, it terminates with the last
  // day thereof.")
  // 1 month beginning with 31 Jan 2023: no 31 Feb 2023 -> 28 Feb 2023.
  EXPECT_EQ(period_end(ymd(2023, 1, 31), 1, Unit::months, Counting::beginning_with), ymd(2023, 2, 28));
  // 1 month beginning with 29 Jan 2023: no 29 Feb 2023 -> 28 Feb 2023.
  EXPECT_EQ(period_end(ymd(2023, 1, 29), 1, Unit::months, Counting::beginning_with), ymd(2023, 2, 28));
  // 3 months beginning with 30 Nov 2023: no 30 Feb 2024 -> 29 Feb 2024.
  EXPECT_EQ(period_end(ymd(2023, 11, 30), 3, Unit::months, Counting::beginning_with), ymd(2024, 2, 29));
  // 1 month beginning with 31 Mar 2023: no 31 Apr -> 30 Apr 2023.
  EXPECT_EQ(period_end(ymd(2023, 3, 31), 1, Unit::months, Counting::beginning_with), ymd(2023, 4, 30));
  // 1 year beginning with 29 Feb 2024: no 29 Feb 2025 -> 28 Feb 2025.
  EXPECT_EQ(period_end(ymd(2024, 2, 29), 1, Unit::years, Counting::beginning_with), ymd(2025, 2, 28));
}

TEST(PeriodEnd, MonthsWithinClampToMonthEnd) {
  // Dodds v Walker: within 3 months of 31 Jan 2023 -> no 31 Apr -> 30 Apr 2023.
  EXPECT_EQ(period_end(ymd(2023, 1, 31), 3, Unit::months, Counting::within), ymd(2023, 4, 30));
  EXPECT_EQ(period_end(ymd(2024, 1, 31), 1, Unit::months, Counting::within), ymd(2024, 2, 29));
  EXPECT_EQ(period_end(ymd(1978, 9, 30), 4, Unit::months, Counting::within), ymd(1979, 1, 30));
}

TEST(PeriodEnd, YearsWithin) {
  // Corresponding-date rule for years: within 1 year of 29 Feb 2024 -> 28 Feb 2025.
  EXPECT_EQ(period_end(ymd(2024, 2, 29), 1, Unit::years, Counting::within), ymd(2025, 2, 28));
  EXPECT_EQ(period_end(ymd(2024, 3, 15), 1, Unit::years, Counting::within), ymd(2025, 3, 15));
  EXPECT_EQ(period_end(ymd(2024, 3, 15), 1, Unit::years, Counting::beginning_with), ymd(2025, 3, 14));
}

TEST(PeriodEnd, DraftPlanFifteenDaysBeginningWithServiceReg13) {
  // SEND Regs 2014 reg 13(1)(a): at least 15 days beginning with the day of service: service day + 14.
  // Served Mon 3 Jun 2024 -> last day Mon 17 Jun 2024.
  EXPECT_EQ(period_end(ymd(2024, 6, 3), 15, Unit::days, Counting::beginning_with), ymd(2024, 6, 17));
  // Served Mon 23 Dec 2024 -> 23 + 14 = 37 - 31 = 6 Jan 2025 (calendar days: Christmas counts).
  EXPECT_EQ(period_end(ymd(2024, 12, 23), 15, Unit::days, Counting::beginning_with), ymd(2025, 1, 6));
  // "within 15 days of" the same day excludes it: 3 Jun + 15 = 18 Jun.
  EXPECT_EQ(period_end(ymd(2024, 6, 3), 15, Unit::days, Counting::within), ymd(2024, 6, 18));
  EXPECT_EQ(period_end(ymd(2024, 6, 3), 1, Unit::days, Counting::beginning_with), ymd(2024, 6, 3));
}

TEST(PeriodEnd, WorkingDaysWithin) {
  // "within N working days of X": X not counted; day 1 is the first working day after X.
  // Christmas 2021 (deadlines.md §5.3): Sat 25, Sun 26, Mon 27 and Tue 28 Dec are not working days; nor is
  // Mon 3 Jan 2022 (New Year substitute). After Thu 23 Dec: Fri 24 (1), Wed 29 (2), Thu 30 (3), Fri 31 (4),
  // Tue 4 Jan (5).
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_EQ(period_end(ymd(2021, 12, 23), 5, Unit::working_days, Counting::within, &ew), ymd(2022, 1, 4));
  EXPECT_EQ(period_end(ymd(2021, 12, 23), 1, Unit::working_days, Counting::within, &ew), ymd(2021, 12, 24));
  // From a non-working day X (Sat 25 Dec 2021), day 1 is still the first working day after it: Wed 29 Dec.
  EXPECT_EQ(period_end(ymd(2021, 12, 25), 1, Unit::working_days, Counting::within, &ew), ymd(2021, 12, 29));
  // Fri 16 Sep 2022: Mon 19 Sep was the State Funeral bank holiday; 1 working day later is Tue 20 Sep.
  EXPECT_EQ(period_end(ymd(2022, 9, 16), 1, Unit::working_days, Counting::within, &ew), ymd(2022, 9, 20));
}

TEST(PeriodEnd, WorkingDaysBeginningWith) {
  // "N working days beginning with X": X is day 1 if a working day, else the next working day is.
  const Calendar ew = Calendar::england_and_wales();
  // Thu 23 (1), Fri 24 (2), Wed 29 (3), Thu 30 (4), Fri 31 Dec 2021 (5).
  EXPECT_EQ(period_end(ymd(2021, 12, 23), 5, Unit::working_days, Counting::beginning_with, &ew), ymd(2021, 12, 31));
  // From Sat 25 Dec 2021: day 1 Wed 29, day 2 Thu 30.
  EXPECT_EQ(period_end(ymd(2021, 12, 25), 2, Unit::working_days, Counting::beginning_with, &ew), ymd(2021, 12, 30));
  EXPECT_EQ(period_end(ymd(2021, 12, 23), 1, Unit::working_days, Counting::beginning_with, &ew), ymd(2021, 12, 23));
  // SEND Regs 2014 reg 15 style 15 working days beginning with Mon 3 Jun 2024 (no bank holiday until 26 Aug):
  // three full weeks Mon 3 - Fri 21 Jun.
  EXPECT_EQ(period_end(ymd(2024, 6, 3), 15, Unit::working_days, Counting::beginning_with, &ew), ymd(2024, 6, 21));
}

TEST(PeriodEnd, WorkingDaysWithoutCalendarIsNotComputable) {
  EXPECT_THROW(period_end(ymd(2024, 6, 3), 5, Unit::working_days, Counting::within), redress::NotComputable);
  EXPECT_THROW(period_end(ymd(2024, 6, 3), 5, Unit::working_days, Counting::beginning_with), redress::NotComputable);
  EXPECT_THROW(period_end(ymd(2024, 6, 3), 6, Unit::school_days, Counting::beginning_with), redress::NotComputable);
  // A working calendar is no substitute for a school calendar.
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_THROW(period_end(ymd(2024, 6, 3), 6, Unit::school_days, Counting::within, &ew), redress::NotComputable);
}

TEST(PeriodEnd, NegativeLengthIsInvalidInput) {
  const Calendar ew = Calendar::england_and_wales();
  for (Unit unit : {Unit::days, Unit::weeks, Unit::months, Unit::years, Unit::working_days}) {
    for (Counting counting : {Counting::within, Counting::beginning_with}) {
      auto e = thrown<redress::InvalidInput>([&] { period_end(ymd(2024, 6, 3), -1, unit, counting, &ew); });
      ASSERT_TRUE(e.has_value()) << redress::to_string(unit) << " " << redress::to_string(counting);
      EXPECT_EQ(e->value(), "-1");
    }
  }
}

TEST(PeriodEnd, UnitCountingAndPolicyNames) {
  for (Unit unit : {Unit::days, Unit::weeks, Unit::months, Unit::years, Unit::working_days, Unit::school_days}) {
    EXPECT_EQ(redress::parse_unit(redress::to_string(unit)), unit);
  }
  EXPECT_EQ(redress::to_string(Unit::working_days), "working_days");
  EXPECT_EQ(redress::parse_counting("beginning_with"), Counting::beginning_with);
  EXPECT_EQ(redress::to_string(Counting::within), "within");
  EXPECT_EQ(redress::parse_non_working_start("count_from_day"), NonWorkingStart::count_from_day);
  EXPECT_EQ(redress::to_string(NonWorkingStart::roll_forward), "roll_forward");
  auto e = thrown<redress::InvalidInput>([] { redress::parse_unit("fortnights"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->value(), "fortnights");
  EXPECT_THROW(redress::parse_counting("from"), redress::InvalidInput);
  EXPECT_THROW(redress::parse_non_working_start("backward"), redress::InvalidInput);
}

// ---------------------------------------------------------------------------------------------------------
// England and Wales bank holidays
// ---------------------------------------------------------------------------------------------------------

// deadlines.md §5.3: the GOV.UK England and Wales list, 2012-2028, typed in from the table (140 events).
const char* const kOfficialList[] = {
    // 2012 (9): spring holiday moved to 4 Jun, Diamond Jubilee 5 Jun
    "2012-01-02",
    "2012-04-06",
    "2012-04-09",
    "2012-05-07",
    "2012-06-04",
    "2012-06-05",
    "2012-08-27",
    "2012-12-25",
    "2012-12-26",
    // 2013 (8)
    "2013-01-01",
    "2013-03-29",
    "2013-04-01",
    "2013-05-06",
    "2013-05-27",
    "2013-08-26",
    "2013-12-25",
    "2013-12-26",
    // 2014 (8)
    "2014-01-01",
    "2014-04-18",
    "2014-04-21",
    "2014-05-05",
    "2014-05-26",
    "2014-08-25",
    "2014-12-25",
    "2014-12-26",
    // 2015 (8): Boxing Day substitute Mon 28 Dec
    "2015-01-01",
    "2015-04-03",
    "2015-04-06",
    "2015-05-04",
    "2015-05-25",
    "2015-08-31",
    "2015-12-25",
    "2015-12-28",
    // 2016 (8): Christmas on Sunday -> Boxing Mon 26, Christmas substitute Tue 27
    "2016-01-01",
    "2016-03-25",
    "2016-03-28",
    "2016-05-02",
    "2016-05-30",
    "2016-08-29",
    "2016-12-26",
    "2016-12-27",
    // 2017 (8): New Year substitute Mon 2 Jan
    "2017-01-02",
    "2017-04-14",
    "2017-04-17",
    "2017-05-01",
    "2017-05-29",
    "2017-08-28",
    "2017-12-25",
    "2017-12-26",
    // 2018 (8)
    "2018-01-01",
    "2018-03-30",
    "2018-04-02",
    "2018-05-07",
    "2018-05-28",
    "2018-08-27",
    "2018-12-25",
    "2018-12-26",
    // 2019 (8)
    "2019-01-01",
    "2019-04-19",
    "2019-04-22",
    "2019-05-06",
    "2019-05-27",
    "2019-08-26",
    "2019-12-25",
    "2019-12-26",
    // 2020 (8): early May moved to Fri 8 May (VE Day)
    "2020-01-01",
    "2020-04-10",
    "2020-04-13",
    "2020-05-08",
    "2020-05-25",
    "2020-08-31",
    "2020-12-25",
    "2020-12-28",
    // 2021 (8): Christmas on Saturday -> Mon 27 and Tue 28
    "2021-01-01",
    "2021-04-02",
    "2021-04-05",
    "2021-05-03",
    "2021-05-31",
    "2021-08-30",
    "2021-12-27",
    "2021-12-28",
    // 2022 (10): spring moved to Thu 2 Jun, Platinum Jubilee Fri 3 Jun, State Funeral Mon 19 Sep
    "2022-01-03",
    "2022-04-15",
    "2022-04-18",
    "2022-05-02",
    "2022-06-02",
    "2022-06-03",
    "2022-08-29",
    "2022-09-19",
    "2022-12-26",
    "2022-12-27",
    // 2023 (9): Coronation Mon 8 May
    "2023-01-02",
    "2023-04-07",
    "2023-04-10",
    "2023-05-01",
    "2023-05-08",
    "2023-05-29",
    "2023-08-28",
    "2023-12-25",
    "2023-12-26",
    // 2024 (8)
    "2024-01-01",
    "2024-03-29",
    "2024-04-01",
    "2024-05-06",
    "2024-05-27",
    "2024-08-26",
    "2024-12-25",
    "2024-12-26",
    // 2025 (8)
    "2025-01-01",
    "2025-04-18",
    "2025-04-21",
    "2025-05-05",
    "2025-05-26",
    "2025-08-25",
    "2025-12-25",
    "2025-12-26",
    // 2026 (8)
    "2026-01-01",
    "2026-04-03",
    "2026-04-06",
    "2026-05-04",
    "2026-05-25",
    "2026-08-31",
    "2026-12-25",
    "2026-12-28",
    // 2027 (8)
    "2027-01-01",
    "2027-03-26",
    "2027-03-29",
    "2027-05-03",
    "2027-05-31",
    "2027-08-30",
    "2027-12-27",
    "2027-12-28",
    // 2028 (8)
    "2028-01-03",
    "2028-04-14",
    "2028-04-17",
    "2028-05-01",
    "2028-05-29",
    "2028-08-28",
    "2028-12-25",
    "2028-12-26",
};

TEST(EnglandAndWales, MatchesTheOfficialList2012To2028DayForDay) {
  // 2012: 9, 2013-2021: 9 x 8 = 72, 2022: 10, 2023: 9, 2024-2028: 5 x 8 = 40 -> 140, as deadlines.md §5.3 says.
  std::vector<Date> expected;
  for (const char* text : kOfficialList) expected.push_back(day(text));
  ASSERT_EQ(expected.size(), 140U);
  const Calendar ew = Calendar::england_and_wales();
  expect_same_dates(ew.holidays_between(ymd(2012, 1, 1), ymd(2028, 12, 31)), expected);
}

TEST(EnglandAndWales, HolidaysBetweenIncludesBothEnds) {
  // [from, to] both included: 25 and 26 Dec 2024 are the only holidays from 25 Dec to 26 Dec.
  const Calendar ew = Calendar::england_and_wales();
  expect_same_dates(ew.holidays_between(ymd(2024, 12, 25), ymd(2024, 12, 26)), {ymd(2024, 12, 25), ymd(2024, 12, 26)});
  expect_same_dates(ew.holidays_between(ymd(2024, 12, 27), ymd(2024, 12, 31)), {});
  expect_same_dates(ew.holidays_in_year(2022),
                    {day("2022-01-03"), day("2022-04-15"), day("2022-04-18"), day("2022-05-02"), day("2022-06-02"),
                     day("2022-06-03"), day("2022-08-29"), day("2022-09-19"), day("2022-12-26"), day("2022-12-27")});
}

TEST(EnglandAndWales, OneOffChangesBefore2012) {
  // data/bank_holidays/england-and-wales.json "remove"/"add" (royal proclamations).
  const Calendar ew = Calendar::england_and_wales();
  // 1995: early May holiday moved from Mon 1 May to Mon 8 May (VE Day 50).
  EXPECT_TRUE(ew.is_holiday(ymd(1995, 5, 8)));
  EXPECT_FALSE(ew.is_holiday(ymd(1995, 5, 1)));
  EXPECT_TRUE(ew.is_working_day(ymd(1995, 5, 1)));
  // 1999: Millennium Eve, Fri 31 Dec; Christmas on Saturday -> Mon 27 and Tue 28 Dec.
  expect_same_dates(ew.holidays_between(ymd(1999, 12, 20), ymd(2000, 1, 10)),
                    {ymd(1999, 12, 27), ymd(1999, 12, 28), ymd(1999, 12, 31), ymd(2000, 1, 3)});
  // 2002: spring holiday moved from Mon 27 May to Tue 4 Jun; Golden Jubilee Mon 3 Jun.
  EXPECT_TRUE(ew.is_holiday(ymd(2002, 6, 3)));
  EXPECT_TRUE(ew.is_holiday(ymd(2002, 6, 4)));
  EXPECT_FALSE(ew.is_holiday(ymd(2002, 5, 27)));
  EXPECT_TRUE(ew.is_working_day(ymd(2002, 5, 27)));
  // 2011: Royal Wedding Fri 29 Apr, the week after Easter (Easter Sunday 24 Apr 2011: GF 22, EM 25 Apr).
  expect_same_dates(ew.holidays_between(ymd(2011, 4, 1), ymd(2011, 5, 31)),
                    {ymd(2011, 4, 22), ymd(2011, 4, 25), ymd(2011, 4, 29), ymd(2011, 5, 2), ymd(2011, 5, 30)});
}

TEST(EnglandAndWales, WholeYearsFromTheRules1995And2002) {
  // Rules of deadlines.md §5.1 plus the one-offs. Easter Sunday 16 Apr 1995 and 31 Mar 2002 (standard Easter
  // tables). 1 Jan 1995 was a Sunday -> Mon 2 Jan; 25 Dec 1995 Monday.
  const Calendar ew = Calendar::england_and_wales();
  expect_same_dates(ew.holidays_in_year(1995),
                    {day("1995-01-02"), day("1995-04-14"), day("1995-04-17"), day("1995-05-08"), day("1995-05-29"),
                     day("1995-08-28"), day("1995-12-25"), day("1995-12-26")});
  // 1 Jan 2002 Tuesday; GF 29 Mar, EM 1 Apr; early May 6 May; 3 + 4 Jun; last Mon of Aug 26 Aug; 25 Dec Wed.
  expect_same_dates(ew.holidays_in_year(2002),
                    {day("2002-01-01"), day("2002-03-29"), day("2002-04-01"), day("2002-05-06"), day("2002-06-03"),
                     day("2002-06-04"), day("2002-08-26"), day("2002-12-25"), day("2002-12-26")});
}

TEST(EnglandAndWales, FarYearsFromTheRules) {
  // Banking and Financial Dealings Act 1971 Sch 1 + proclamation days + GOV.UK substitutes (deadlines.md §5.1).
  // Easter Sundays from the standard Easter tables (e.g. Book of Common Prayer tables / "List of dates for
  // Easter"): 15 Apr 1990, 25 Apr 2038, 28 Mar 2100.
  const Calendar ew = Calendar::england_and_wales();
  // 1990: 1 Jan Mon; GF 13 Apr, EM 16 Apr; first Mon of May 7 May; last Mon of May 28 May; last Mon of Aug
  // 27 Aug; 25 Dec Tue, 26 Dec Wed.
  expect_same_dates(ew.holidays_in_year(1990),
                    {day("1990-01-01"), day("1990-04-13"), day("1990-04-16"), day("1990-05-07"), day("1990-05-28"),
                     day("1990-08-27"), day("1990-12-25"), day("1990-12-26")});
  // 2038: 1 Jan Fri; GF 23 Apr, EM 26 Apr; 3 May; 31 May; 30 Aug; 25 Dec Sat -> Mon 27 and Tue 28 Dec.
  expect_same_dates(ew.holidays_in_year(2038),
                    {day("2038-01-01"), day("2038-04-23"), day("2038-04-26"), day("2038-05-03"), day("2038-05-31"),
                     day("2038-08-30"), day("2038-12-27"), day("2038-12-28")});
  // 2100: 1 Jan Fri; GF 26 Mar, EM 29 Mar; 3 May; 31 May; 30 Aug; 25 Dec Sat -> Mon 27 and Tue 28 Dec.
  expect_same_dates(ew.holidays_in_year(2100),
                    {day("2100-01-01"), day("2100-03-26"), day("2100-03-29"), day("2100-05-03"), day("2100-05-31"),
                     day("2100-08-30"), day("2100-12-27"), day("2100-12-28")});
}

TEST(EnglandAndWales, EightHolidaysAYearExceptOneOffYears) {
  // Each year has 8 (New Year, Good Friday, Easter Monday, early May, spring, summer, two at Christmas) unless a
  // proclamation added days: 1999 +1, 2002 +1, 2011 +1, 2012 +1, 2022 +2, 2023 +1 (moves do not change the count).
  const Calendar ew = Calendar::england_and_wales();
  for (int year = redress::kFirstCalendarYear; year <= redress::kLastCalendarYear; ++year) {
    std::size_t expected = 8;
    if (year == 1999 || year == 2002 || year == 2011 || year == 2012 || year == 2023) expected = 9;
    if (year == 2022) expected = 10;
    EXPECT_EQ(ew.holidays_in_year(year).size(), expected) << year;
  }
}

TEST(EnglandAndWales, NoListedHolidayFallsAtAWeekend) {
  // england-and-wales.json "rules": the weekend day a substitute replaces is not listed (as in the official list).
  const Calendar ew = Calendar::england_and_wales();
  for (const Holiday& h : ew.holidays_between(ew.first_date(), ew.last_date())) {
    const auto weekday = h.date.day_of_week().as_number();
    EXPECT_TRUE(weekday != 0 && weekday != 6) << show(h.date) << " " << h.name;
  }
}

TEST(EnglandAndWales, HolidayNamesFromTheDataFile) {
  // Names as written in data/bank_holidays/england-and-wales.json "add".
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_EQ(ew.holiday_name(ymd(2022, 9, 19)), "Bank Holiday for the State Funeral of Queen Elizabeth II");
  EXPECT_EQ(ew.holiday_name(ymd(2023, 5, 8)), "Bank holiday for the coronation of King Charles III");
  EXPECT_EQ(ew.holiday_name(ymd(1999, 12, 31)), "Millennium Eve");
  EXPECT_TRUE(ew.holiday_name(ymd(2024, 12, 25)).has_value());
  EXPECT_FALSE(ew.holiday_name(ymd(2024, 12, 24)).has_value());
}

TEST(EnglandAndWales, CoversTheSupportedYears) {
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_EQ(ew.first_date(), ymd(1990, 1, 1));
  EXPECT_EQ(ew.last_date(), ymd(2100, 12, 31));
  EXPECT_EQ(ew.name(), "england_and_wales");
}

TEST(EnglandAndWales, OutsideTheSupportedYearsIsOutOfRangeNamingTheDate) {
  const Calendar ew = Calendar::england_and_wales();
  for (Date outside : {ymd(1989, 12, 31), ymd(2101, 1, 1)}) {
    const std::string text = show(outside);
    auto e1 = thrown<redress::OutOfRange>([&] { ew.is_working_day(outside); });
    ASSERT_TRUE(e1.has_value()) << text;
    EXPECT_NE(e1->value().find(text), std::string::npos) << e1->value();
    auto e2 = thrown<redress::OutOfRange>([&] { ew.is_holiday(outside); });
    ASSERT_TRUE(e2.has_value()) << text;
    EXPECT_NE(e2->value().find(text), std::string::npos) << e2->value();
    auto e3 = thrown<redress::OutOfRange>([&] { ew.add_working_days(outside, 1); });
    ASSERT_TRUE(e3.has_value()) << text;
    EXPECT_NE(e3->value().find(text), std::string::npos) << e3->value();
    EXPECT_THROW(ew.holiday_name(outside), redress::OutOfRange) << text;
    EXPECT_THROW(ew.roll_to_working_day(outside), redress::OutOfRange) << text;
    EXPECT_THROW(ew.working_days_between(ymd(2000, 1, 4), outside), redress::OutOfRange) << text;
    EXPECT_THROW(ew.working_days_between(outside, ymd(2000, 1, 4)), redress::OutOfRange) << text;
  }
  EXPECT_THROW(ew.holidays_in_year(1989), redress::OutOfRange);
  EXPECT_THROW(ew.holidays_in_year(2101), redress::OutOfRange);
  // Counting past the last covered day: 31 Dec 2100 is a Friday and the calendar ends there.
  EXPECT_THROW(ew.add_working_days(ymd(2100, 12, 31), 1), redress::OutOfRange);
  EXPECT_THROW(ew.add_working_days(ymd(1990, 1, 2), -1), redress::OutOfRange);  // 1 Jan 1990 is a holiday
}

TEST(EnglandAndWales, HolidaysBetweenOutsideTheSupportedYearsIsOutOfRange) {
  // calendar.hpp: "a working-day or school-day question about a date outside [1990-2100] is OutOfRange naming
  // the date"; docs/calendars.md: "Dates outside 1990-2100 are OutOfRange". holidays_in_year(1989) is OutOfRange, so
  // the same question asked as holidays_between(1 Jan 1989, 31 Dec 1989) must not silently answer "no holidays" (there
  // were eight in 1989).
  const Calendar ew = Calendar::england_and_wales();
  auto e = thrown<redress::OutOfRange>([&] { ew.holidays_between(ymd(1989, 1, 1), ymd(1989, 12, 31)); });
  ASSERT_TRUE(e.has_value());
  EXPECT_NE(e->value().find("1989-"), std::string::npos) << e->value();
  EXPECT_THROW(ew.holidays_between(ymd(2100, 1, 1), ymd(2101, 12, 31)), redress::OutOfRange);
}

TEST(Calendar, NamedCalendars) {
  EXPECT_EQ(Calendar::named("england_and_wales"), Calendar::england_and_wales());
  EXPECT_EQ(Calendar::named("weekdays"), Calendar::weekdays_only());
  EXPECT_NE(Calendar::weekdays_only(), Calendar::england_and_wales());
  auto e = thrown<redress::InvalidInput>([] { Calendar::named("nowhere"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->value(), "nowhere");
  EXPECT_NE(std::string(e->what()).find("nowhere"), std::string::npos);
}

TEST(Calendar, WeekdaysOnlyHasNoHolidays) {
  const Calendar weekdays = Calendar::weekdays_only();
  EXPECT_TRUE(weekdays.holidays_between(weekdays.first_date(), weekdays.last_date()).empty());
  EXPECT_TRUE(weekdays.is_working_day(ymd(2024, 12, 25)));   // Wednesday
  EXPECT_FALSE(weekdays.is_working_day(ymd(2024, 12, 28)));  // Saturday
  // Fri 16 Sep 2022 + 1 working day, ignoring the State Funeral: Mon 19 Sep.
  EXPECT_EQ(weekdays.add_working_days(ymd(2022, 9, 16), 1), ymd(2022, 9, 19));
}

// ---------------------------------------------------------------------------------------------------------
// Working days
// ---------------------------------------------------------------------------------------------------------

TEST(WorkingDays, StateFuneralIsNotAWorkingDay) {
  // deadlines.md §5.2: Mon 19 Sep 2022 extra bank holiday. Fri 16 Sep + 1 working day = Tue 20 Sep.
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_EQ(ew.add_working_days(ymd(2022, 9, 16), 1), ymd(2022, 9, 20));
  EXPECT_EQ(ew.add_working_days(ymd(2022, 9, 16), 2), ymd(2022, 9, 21));
  EXPECT_FALSE(ew.is_working_day(ymd(2022, 9, 19)));
}

TEST(WorkingDays, NegativeCountsGoBack) {
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_EQ(ew.add_working_days(ymd(2022, 9, 20), -1), ymd(2022, 9, 16));    // skips Mon 19 Sep (State Funeral)
  EXPECT_EQ(ew.add_working_days(ymd(2021, 12, 29), -1), ymd(2021, 12, 24));  // skips 25-28 Dec 2021
  // Tue 4 Jan 2022 back 5: Fri 31 (1), Thu 30 (2), Wed 29 (3), Fri 24 (4), Thu 23 Dec (5).
  EXPECT_EQ(ew.add_working_days(ymd(2022, 1, 4), -5), ymd(2021, 12, 23));
  EXPECT_EQ(ew.add_working_days(ymd(2024, 6, 10), -1), ymd(2024, 6, 7));  // Mon -> Fri
}

TEST(WorkingDays, FromASaturdayByPolicy) {
  // calendar.hpp NonWorkingStart: roll_forward moves to the next working day first (Sat + 1 -> Tue);
  // count_from_day counts from the day itself (Sat + 1 -> Mon). Sat 8 Jun 2024, no bank holiday near.
  const Calendar ew = Calendar::england_and_wales();
  const Date saturday = ymd(2024, 6, 8);
  EXPECT_EQ(ew.add_working_days(saturday, 1), ymd(2024, 6, 11));  // the default is roll_forward
  EXPECT_EQ(ew.add_working_days(saturday, 1, NonWorkingStart::roll_forward), ymd(2024, 6, 11));
  EXPECT_EQ(ew.add_working_days(saturday, 1, NonWorkingStart::count_from_day), ymd(2024, 6, 10));
  // + 5: roll_forward Mon 10 + 5 = Mon 17; count_from_day Mon 10 is the 1st, Fri 14 the 5th.
  EXPECT_EQ(ew.add_working_days(saturday, 5, NonWorkingStart::roll_forward), ymd(2024, 6, 17));
  EXPECT_EQ(ew.add_working_days(saturday, 5, NonWorkingStart::count_from_day), ymd(2024, 6, 14));
  // Backwards from a Saturday the previous working day is Friday under both (numpy: roll to Mon, then -1).
  EXPECT_EQ(ew.add_working_days(saturday, -1, NonWorkingStart::roll_forward), ymd(2024, 6, 7));
  EXPECT_EQ(ew.add_working_days(saturday, -1, NonWorkingStart::count_from_day), ymd(2024, 6, 7));
  // Sunday behaves the same.
  EXPECT_EQ(ew.add_working_days(ymd(2024, 6, 9), 1, NonWorkingStart::roll_forward), ymd(2024, 6, 11));
  EXPECT_EQ(ew.add_working_days(ymd(2024, 6, 9), 1, NonWorkingStart::count_from_day), ymd(2024, 6, 10));
}

TEST(WorkingDays, FromABankHolidayByPolicy) {
  const Calendar ew = Calendar::england_and_wales();
  // Summer bank holiday Mon 26 Aug 2024: roll_forward -> Tue 27, + 1 = Wed 28; count_from_day + 1 = Tue 27.
  EXPECT_EQ(ew.add_working_days(ymd(2024, 8, 26), 1, NonWorkingStart::roll_forward), ymd(2024, 8, 28));
  EXPECT_EQ(ew.add_working_days(ymd(2024, 8, 26), 1, NonWorkingStart::count_from_day), ymd(2024, 8, 27));
  // Good Friday 29 Mar 2024 (Easter Monday 1 Apr too): roll_forward -> Tue 2 Apr, + 1 = Wed 3 Apr;
  // count_from_day + 1 = Tue 2 Apr.
  EXPECT_EQ(ew.add_working_days(ymd(2024, 3, 29), 1, NonWorkingStart::roll_forward), ymd(2024, 4, 3));
  EXPECT_EQ(ew.add_working_days(ymd(2024, 3, 29), 1, NonWorkingStart::count_from_day), ymd(2024, 4, 2));
  // Backwards from Easter Monday 1 Apr 2024: the previous working day is Thu 28 Mar.
  EXPECT_EQ(ew.add_working_days(ymd(2024, 4, 1), -1, NonWorkingStart::count_from_day), ymd(2024, 3, 28));
  EXPECT_EQ(ew.add_working_days(ymd(2024, 4, 1), -1, NonWorkingStart::roll_forward), ymd(2024, 3, 28));
}

TEST(WorkingDays, ZeroDays) {
  const Calendar ew = Calendar::england_and_wales();
  // From a working day, adding nothing stays put under either policy.
  EXPECT_EQ(ew.add_working_days(ymd(2024, 6, 7), 0), ymd(2024, 6, 7));
  EXPECT_EQ(ew.add_working_days(ymd(2024, 6, 7), 0, NonWorkingStart::count_from_day), ymd(2024, 6, 7));
  // roll_forward from Sat 8 Jun 2024 moves to Mon 10 Jun first (numpy busday_offset(sat, 0, roll="forward")).
  EXPECT_EQ(ew.add_working_days(ymd(2024, 6, 8), 0, NonWorkingStart::roll_forward), ymd(2024, 6, 10));
  // From Sat 25 Dec 2021 rolling forward passes Mon 27 and Tue 28 (substitute days): Wed 29 Dec.
  EXPECT_EQ(ew.add_working_days(ymd(2021, 12, 25), 0), ymd(2021, 12, 29));
}

TEST(WorkingDays, ZeroDaysFromANonWorkingDayByPolicy) {
  // docs/calendars.md: "n = 0 gives the rolled day under roll_forward and the day itself under count_from_day".
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_EQ(ew.add_working_days(ymd(2024, 6, 8), 0, NonWorkingStart::roll_forward), ymd(2024, 6, 10));
  EXPECT_EQ(ew.add_working_days(ymd(2024, 6, 8), 0, NonWorkingStart::count_from_day), ymd(2024, 6, 8));
  EXPECT_EQ(ew.add_working_days(ymd(2024, 8, 26), 0, NonWorkingStart::count_from_day), ymd(2024, 8, 26));
}

TEST(WorkingDays, BetweenIsHalfOpen) {
  // [a, b): a counted, b not. Week of Mon 10 Jun 2024 has no holiday.
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_EQ(ew.working_days_between(ymd(2024, 6, 10), ymd(2024, 6, 14)), 4);   // Mon, Tue, Wed, Thu
  EXPECT_EQ(ew.working_days_between(ymd(2024, 6, 10), ymd(2024, 6, 17)), 5);   // Mon-Fri
  EXPECT_EQ(ew.working_days_between(ymd(2024, 6, 10), ymd(2024, 6, 11)), 1);   // just Mon
  EXPECT_EQ(ew.working_days_between(ymd(2024, 6, 10), ymd(2024, 6, 10)), 0);   // empty
  EXPECT_EQ(ew.working_days_between(ymd(2024, 6, 8), ymd(2024, 6, 10)), 0);    // Sat, Sun
  EXPECT_EQ(ew.working_days_between(ymd(2024, 6, 8), ymd(2024, 6, 15)), 5);    // Sat to Sat
  EXPECT_EQ(ew.working_days_between(ymd(2024, 6, 14), ymd(2024, 6, 10)), -4);  // b < a: negative
  EXPECT_EQ(ew.working_days_between(ymd(2024, 6, 17), ymd(2024, 6, 10)), -5);
  // Whole of 2024: a leap year starting on a Monday, so 366 days = 52 weeks + Mon 30 and Tue 31 Dec: 52 x 5 + 2
  // = 262 weekdays, less the 8 bank holidays of deadlines.md §5.3 (all on weekdays) -> 254.
  EXPECT_EQ(ew.working_days_between(ymd(2024, 1, 1), ymd(2025, 1, 1)), 254);
}

TEST(WorkingDays, BetweenAgreesWithAddAcrossChristmas2021) {
  // Christmas 2021 (deadlines.md §5.3): Mon 27 and Tue 28 Dec substitute days; Mon 3 Jan 2022 New Year
  // substitute. From Thu 23 Dec 2021: Fri 24 (1), Wed 29 (2), Thu 30 (3), Fri 31 (4), Tue 4 Jan (5).
  const Calendar ew = Calendar::england_and_wales();
  const Date start = ymd(2021, 12, 23);
  const Date expected[] = {ymd(2021, 12, 23), ymd(2021, 12, 24), ymd(2021, 12, 29), ymd(2021, 12, 30),
                           ymd(2021, 12, 31), ymd(2022, 1, 4),   ymd(2022, 1, 5)};
  for (std::int64_t n = 0; n < 7; ++n) {
    const Date end = ew.add_working_days(start, n);
    EXPECT_EQ(end, expected[n]) << n;
    EXPECT_EQ(ew.working_days_between(start, expected[n]), n) << n;
    EXPECT_EQ(ew.add_working_days(expected[n], -n), start) << n;
  }
  // [23 Dec 2021, 4 Jan 2022) counts 23, 24, 29, 30, 31 = 5.
  EXPECT_EQ(ew.working_days_between(ymd(2021, 12, 23), ymd(2022, 1, 4)), 5);
  EXPECT_EQ(ew.working_days_between(ymd(2022, 1, 4), ymd(2021, 12, 23)), -5);
  // The holiday days themselves: [Sat 25 Dec, Tue 4 Jan) holds Wed 29, Thu 30, Fri 31 = 3.
  EXPECT_EQ(ew.working_days_between(ymd(2021, 12, 25), ymd(2022, 1, 4)), 3);
}

TEST(WorkingDays, RollToWorkingDay) {
  const Calendar ew = Calendar::england_and_wales();
  // Sat 25 Dec 2021: forward past Sun 26, Mon 27, Tue 28 -> Wed 29; backward -> Fri 24.
  EXPECT_EQ(ew.roll_to_working_day(ymd(2021, 12, 25)), ymd(2021, 12, 29));
  EXPECT_EQ(ew.roll_to_working_day(ymd(2021, 12, 25), true), ymd(2021, 12, 29));
  EXPECT_EQ(ew.roll_to_working_day(ymd(2021, 12, 25), false), ymd(2021, 12, 24));
  // Mon 3 Jan 2022 (New Year substitute): forward Tue 4 Jan, backward Fri 31 Dec 2021.
  EXPECT_EQ(ew.roll_to_working_day(ymd(2022, 1, 3), true), ymd(2022, 1, 4));
  EXPECT_EQ(ew.roll_to_working_day(ymd(2022, 1, 3), false), ymd(2021, 12, 31));
  // A working day stays put both ways.
  EXPECT_EQ(ew.roll_to_working_day(ymd(2024, 6, 7), true), ymd(2024, 6, 7));
  EXPECT_EQ(ew.roll_to_working_day(ymd(2024, 6, 7), false), ymd(2024, 6, 7));
}

TEST(WorkingDays, IsWorkingDay) {
  // FOIA s.10(6) formula (deadlines.md §0): not Sat/Sun, Christmas Day, Good Friday or a bank holiday.
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_FALSE(ew.is_working_day(ymd(2024, 3, 29)));   // Good Friday 2024
  EXPECT_FALSE(ew.is_working_day(ymd(2024, 12, 25)));  // Christmas Day 2024 (Wed)
  EXPECT_FALSE(ew.is_working_day(ymd(2024, 6, 8)));    // Saturday
  EXPECT_FALSE(ew.is_working_day(ymd(2024, 6, 9)));    // Sunday
  EXPECT_FALSE(ew.is_working_day(ymd(2024, 5, 6)));    // early May bank holiday
  EXPECT_TRUE(ew.is_working_day(ymd(2024, 6, 7)));     // ordinary Friday
  EXPECT_TRUE(ew.is_working_day(ymd(2024, 12, 24)));   // Christmas Eve is a working day
  EXPECT_TRUE(ew.is_working_day(ymd(2024, 12, 27)));   // Friday after Boxing Day
  EXPECT_TRUE(ew.is_holiday(ymd(2024, 3, 29)));
  EXPECT_FALSE(ew.is_holiday(ymd(2024, 6, 8)));  // weekend, but not a listed holiday
}

TEST(WorkingDays, ArrayFormsOnEpochDays) {
  // Days since 1970-01-01 (numpy datetime64[D]): 1970-2021 is 52 years with 13 leap years (1972..2020), so
  // 1 Jan 2022 is day 52 x 365 + 13 = 18993; Jan-Aug 2022 has 243 days, so 1 Sep 2022 is 19236 and Fri 16 Sep
  // 2022 is 19251. Sun 18 Sep is 19253, Mon 19 Sep (State Funeral) 19254, Tue 20 Sep 19255, Wed 21 Sep 19256.
  const Calendar ew = Calendar::england_and_wales();
  constexpr std::int64_t kNaT = Calendar::kMissingDay;
  {
    const std::int64_t days[] = {19251, kNaT, 19253, 19255};
    const std::int64_t n[] = {1, 5, 1, -1};
    std::int64_t out[4] = {};
    ew.add_working_days(days, n, out, 4);  // roll_forward: Sun 18 -> Tue 20, + 1 = Wed 21
    EXPECT_EQ(out[0], 19255);
    EXPECT_EQ(out[1], kNaT);
    EXPECT_EQ(out[2], 19256);
    EXPECT_EQ(out[3], 19251);
    ew.add_working_days(days, n, out, 4, NonWorkingStart::count_from_day);  // Sun 18 + 1 = Tue 20
    EXPECT_EQ(out[0], 19255);
    EXPECT_EQ(out[1], kNaT);
    EXPECT_EQ(out[2], 19255);
    EXPECT_EQ(out[3], 19251);
  }
  {
    const std::int64_t a[] = {19251, 19255, kNaT, 19251};
    const std::int64_t b[] = {19255, 19251, 19251, kNaT};
    std::int64_t out[4] = {};
    ew.working_days_between(a, b, out, 4);
    EXPECT_EQ(out[0], 1);  // [Fri 16, Tue 20) holds only Fri 16
    EXPECT_EQ(out[1], -1);
    EXPECT_EQ(out[2], kNaT);
    EXPECT_EQ(out[3], kNaT);
  }
  {
    const std::int64_t days[] = {19251, 19253, 19254, 19255, kNaT};
    bool out[5] = {false, true, true, false, true};
    ew.is_working_day(days, out, 5);
    EXPECT_TRUE(out[0]);
    EXPECT_FALSE(out[1]);
    EXPECT_FALSE(out[2]);
    EXPECT_TRUE(out[3]);
    EXPECT_FALSE(out[4]);
  }
  // 31 Dec 1969 (day -1) is outside the calendar, as in the scalar forms.
  const std::int64_t outside[] = {-1};
  const std::int64_t one[] = {1};
  std::int64_t result[1] = {};
  bool flag[1] = {};
  EXPECT_THROW(ew.add_working_days(outside, one, result, 1), redress::OutOfRange);
  EXPECT_THROW(ew.working_days_between(outside, one, result, 1), redress::OutOfRange);
  EXPECT_THROW(ew.is_working_day(outside, flag, 1), redress::OutOfRange);
}

// ---------------------------------------------------------------------------------------------------------
// Calendars are immutable values: merged, with_holidays, without_holidays
// ---------------------------------------------------------------------------------------------------------

constexpr const char* kCouncilChanges = R"({
  "format": "redress.holidays/1",
  "name": "council",
  "add": [{"date": "2026-12-24", "name": "Council closure"}],
  "remove": ["2026-05-04"]
})";

TEST(CalendarChanges, MergedReturnsANewCalendarWithTheChanges) {
  const Calendar ew = Calendar::england_and_wales();
  const Calendar council = ew.merged(kCouncilChanges);
  // The new calendar: Thu 24 Dec 2026 closed, Mon 4 May 2026 (early May bank holiday) open.
  EXPECT_TRUE(council.is_holiday(ymd(2026, 12, 24)));
  EXPECT_FALSE(council.is_working_day(ymd(2026, 12, 24)));
  EXPECT_EQ(council.holiday_name(ymd(2026, 12, 24)), "Council closure");
  EXPECT_FALSE(council.is_holiday(ymd(2026, 5, 4)));
  EXPECT_TRUE(council.is_working_day(ymd(2026, 5, 4)));
  EXPECT_EQ(council.name(), "council");
  // 2026 per deadlines.md §5.3, less 4 May, plus 24 Dec.
  expect_same_dates(council.holidays_in_year(2026),
                    {day("2026-01-01"), day("2026-04-03"), day("2026-04-06"), day("2026-05-25"), day("2026-08-31"),
                     day("2026-12-24"), day("2026-12-25"), day("2026-12-28")});
  // Christmas 2026: Fri 25 Dec, Boxing Day substitute Mon 28 Dec. From Wed 23 Dec, the next working day is Thu
  // 24 Dec on the E&W calendar but Tue 29 Dec on the council's.
  EXPECT_EQ(council.add_working_days(ymd(2026, 12, 23), 1), ymd(2026, 12, 29));
  EXPECT_EQ(ew.add_working_days(ymd(2026, 12, 23), 1), ymd(2026, 12, 24));
  EXPECT_NE(council, ew);
}

TEST(CalendarChanges, MergedLeavesTheOriginalUnchanged) {
  const Calendar before = Calendar::england_and_wales();
  (void)before.merged(kCouncilChanges);
  for (const Calendar& ew : {before, Calendar::england_and_wales()}) {
    EXPECT_TRUE(ew.is_working_day(ymd(2026, 12, 24)));
    EXPECT_FALSE(ew.is_holiday(ymd(2026, 12, 24)));
    EXPECT_TRUE(ew.is_holiday(ymd(2026, 5, 4)));
    EXPECT_EQ(ew.name(), "england_and_wales");
    EXPECT_EQ(ew.holidays_in_year(2026).size(), 8U);
  }
  // And the official list is still exactly right after the merge.
  std::vector<Date> expected;
  for (const char* text : kOfficialList) expected.push_back(day(text));
  expect_same_dates(Calendar::england_and_wales().holidays_between(ymd(2012, 1, 1), ymd(2028, 12, 31)), expected);
}

TEST(CalendarChanges, RemoveAcceptsObjectsToo) {
  // england-and-wales.json itself writes removals as {"date": ..., "reason": ...}.
  const Calendar ew = Calendar::england_and_wales();
  const Calendar changed =
      ew.merged(R"({"format": "redress.holidays/1", "remove": [{"date": "2026-05-04", "reason": "test"}]})");
  EXPECT_TRUE(changed.is_working_day(ymd(2026, 5, 4)));
  EXPECT_FALSE(ew.is_working_day(ymd(2026, 5, 4)));
}

TEST(CalendarChanges, MalformedJsonIsInvalidInput) {
  const Calendar ew = Calendar::england_and_wales();
  EXPECT_THROW(ew.merged(R"({"format": "redress.holidays/1", "add": [)"), redress::InvalidInput);
  EXPECT_THROW(ew.merged(""), redress::InvalidInput);
  EXPECT_THROW(ew.merged("[]"), redress::InvalidInput);  // not an object
}

TEST(CalendarChanges, WrongOrMissingFormatIsInvalidInput) {
  const Calendar ew = Calendar::england_and_wales();
  auto e = thrown<redress::InvalidInput>([&] { ew.merged(R"({"format": "redress.holidays/2", "add": []})"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->field(), "format");
  EXPECT_EQ(e->value(), "redress.holidays/2");
  EXPECT_THROW(ew.merged(R"({"add": []})"), redress::InvalidInput);
}

TEST(CalendarChanges, BadDateNamesTheJsonPath) {
  const Calendar ew = Calendar::england_and_wales();
  auto e = thrown<redress::InvalidInput>(
      [&] { ew.merged(R"({"format": "redress.holidays/1", "add": [{"date": "2026-02-30", "name": "x"}]})"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->field(), "add[0].date");
  EXPECT_EQ(e->value(), "2026-02-30");
  auto e2 = thrown<redress::InvalidInput>([&] {
    ew.merged(R"({"format": "redress.holidays/1", "add": [{"date": "2026-12-24"}, {"date": "24/12/2026"}]})");
  });
  ASSERT_TRUE(e2.has_value());
  EXPECT_EQ(e2->field(), "add[1].date");
  auto e3 = thrown<redress::InvalidInput>(
      [&] { ew.merged(R"({"format": "redress.holidays/1", "remove": ["2026-05-04", "2026-13-01"]})"); });
  ASSERT_TRUE(e3.has_value());
  EXPECT_EQ(e3->field(), "remove[1]");
  auto e4 = thrown<redress::InvalidInput>(
      [&] { ew.merged(R"({"format": "redress.holidays/1", "add": [{"name": "no date"}]})"); });
  ASSERT_TRUE(e4.has_value());
  EXPECT_EQ(e4->field(), "add[0].date");
}

TEST(CalendarChanges, UnknownTopLevelFieldIsInvalidInput) {
  const Calendar ew = Calendar::england_and_wales();
  auto e = thrown<redress::InvalidInput>(
      [&] { ew.merged(R"({"format": "redress.holidays/1", "adds": [{"date": "2026-12-24"}]})"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->field(), "adds");
}

TEST(CalendarChanges, DateOutsideTheSupportedYearsIsOutOfRange) {
  const Calendar ew = Calendar::england_and_wales();
  auto e = thrown<redress::OutOfRange>(
      [&] { ew.merged(R"({"format": "redress.holidays/1", "add": [{"date": "2101-01-04", "name": "x"}]})"); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->field(), "add[0].date");
  EXPECT_EQ(e->value(), "2101-01-04");
  auto e2 =
      thrown<redress::OutOfRange>([&] { ew.merged(R"({"format": "redress.holidays/1", "remove": ["1989-05-01"]})"); });
  ASSERT_TRUE(e2.has_value());
  EXPECT_EQ(e2->field(), "remove[0]");
  EXPECT_EQ(e2->value(), "1989-05-01");
}

TEST(CalendarChanges, WithAndWithoutHolidays) {
  const Calendar ew = Calendar::england_and_wales();
  const Calendar with = ew.with_holidays({{ymd(2026, 12, 24), "Council closure"}}, "council");
  EXPECT_TRUE(with.is_holiday(ymd(2026, 12, 24)));
  EXPECT_EQ(with.holiday_name(ymd(2026, 12, 24)), "Council closure");
  EXPECT_EQ(with.name(), "council");
  EXPECT_TRUE(with.is_holiday(ymd(2026, 5, 4)));  // everything else kept
  const Calendar without = ew.without_holidays({ymd(2026, 5, 4)});
  EXPECT_FALSE(without.is_holiday(ymd(2026, 5, 4)));
  EXPECT_TRUE(without.is_working_day(ymd(2026, 5, 4)));
  EXPECT_TRUE(without.is_holiday(ymd(2026, 12, 25)));
  // Both applied give the same holidays as the JSON merge.
  EXPECT_EQ(with.without_holidays({ymd(2026, 5, 4)}), ew.merged(kCouncilChanges));
  // The original is untouched.
  EXPECT_TRUE(ew.is_working_day(ymd(2026, 12, 24)));
  EXPECT_TRUE(ew.is_holiday(ymd(2026, 5, 4)));
  EXPECT_EQ(ew, Calendar::england_and_wales());
  // Outside the supported years.
  EXPECT_THROW(ew.with_holidays({{ymd(2101, 1, 4), "x"}}), redress::OutOfRange);
  EXPECT_THROW(ew.without_holidays({ymd(1989, 12, 25)}), redress::OutOfRange);
  EXPECT_TRUE(ew.is_holiday(ymd(2026, 5, 4)));
}

}  // namespace

namespace {

TEST(WorkingDays, BetweenBackwardsCountsTheStartNotTheEnd) {
  // As numpy.busday_count: from Sat 17 Sep 2022 back to Thu 15 Sep 2022 the start side is counted and the end
  // not: (15 Sep, 17 Sep] holds Fri 16 (a working day) and Sat 17 (not): -1. Forwards [15, 17) holds Thu 15 and
  // Fri 16: 2.
  const redress::Calendar ew = redress::Calendar::england_and_wales();
  EXPECT_EQ(ew.working_days_between(redress::Date(2022, 9, 17), redress::Date(2022, 9, 15)), -1);
  EXPECT_EQ(ew.working_days_between(redress::Date(2022, 9, 15), redress::Date(2022, 9, 17)), 2);
  // Across the Millennium Eve holiday (31 Dec 1999): (30 Dec, 1 Jan 2000] holds 31 Dec (holiday) and Sat 1 Jan.
  EXPECT_EQ(ew.working_days_between(redress::Date(2000, 1, 1), redress::Date(1999, 12, 30)), 0);
}

}  // namespace

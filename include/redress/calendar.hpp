// The calendar layer: every date computation in redress. Statutory months on the corresponding-date rule
// (Dodds v Walker [1981]), the two ways the law counts a period, England and Wales working days and school
// term calendars. Calendars are immutable values; working-day and school-day arithmetic is O(1) per call from
// tables built once per calendar, never a day-by-day loop.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/money.hpp"

namespace redress {

using Date = boost::gregorian::date;

// The years the shipped calendars cover; a working-day or school-day question about a date outside them is
// OutOfRange naming the date.
inline constexpr int kFirstCalendarYear = 1990;
inline constexpr int kLastCalendarYear = 2100;
// The years any date in redress may fall in (Boost.Date_Time's range). Arithmetic whose answer would leave them
// is OutOfRange naming the sum, never a Boost exception.
inline constexpr int kFirstYear = 1400;
inline constexpr int kLastYear = 9999;

// Reads an ISO date "YYYY-MM-DD"; anything else (including 2021-02-30) is InvalidInput naming `field`.
Date parse_date(std::string_view text, std::string_view field = "date");
// "2025-01-27".
std::string iso(Date d);

// `d` plus `days` days (minus, for negative `days`); an answer outside kFirstYear..kLastYear is OutOfRange.
Date add_days(Date d, std::int64_t days);

// --- Statutory periods ---------------------------------------------------------------------------------------

// `d` plus `n` calendar months (n may be negative) on the corresponding-date rule: the same day of the later
// month, or its last day where it has no such day (30 Sep 1978 + 4 months = 30 Jan 1979; 31 Dec + 2 months =
// 28/29 Feb). Never boost's month arithmetic, which snaps month ends (28 Feb + 1 month -> 31 Mar). An answer
// outside kFirstYear..kLastYear is OutOfRange (checked before any arithmetic, so no count overflows).
Date add_months(Date d, std::int64_t n);
// `d` plus `n` years on the same rule (29 Feb 2024 + 1 year = 28 Feb 2025); OutOfRange as add_months.
Date add_years(Date d, std::int64_t n);
// Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher); Good Friday and
// Easter Monday are two days either side. Years outside kFirstYear..kLastYear are OutOfRange.
Date easter_sunday(int year);

enum class Unit { days, weeks, months, years, working_days, school_days };

// The two ways legislation counts a period from an event on day X.
enum class Counting {
  within,          // "within N units of X": X is not counted; the period ends on the corresponding day.
  beginning_with,  // "N units beginning with X": X is day 1; the period ends the day before.
};

std::string_view to_string(Unit unit) noexcept;
Unit parse_unit(std::string_view name);
std::string_view to_string(Counting counting) noexcept;
Counting parse_counting(std::string_view name);

class Calendar;
class SchoolCalendar;

// The last day of a period of `n` units (n >= 0) counted from `start` by `counting`. An end outside
// kFirstYear..kLastYear is OutOfRange naming the start and the length. Working days need a
// Calendar and school days a SchoolCalendar (NotComputable without). For "beginning with" on working or school
// days, `start` is day 1 only if it is itself a working or school day; otherwise day 1 is the next one.
Date period_end(Date start, std::int64_t n, Unit unit, Counting counting, const Calendar* working = nullptr,
                const SchoolCalendar* school = nullptr);

// --- Working days -----------------------------------------------------------------------------------------

// What adding working (or school) days does when the start is not itself a working day.
enum class NonWorkingStart {
  roll_forward,    // move to the next working day first, then count: Sat + 1 -> Tue (numpy busday_offset
                   // with roll="forward"). The default: a request that arrives at a weekend is received on
                   // the next working day.
  count_from_day,  // count from the day itself: Sat + 1 -> Mon, as QuantLib's advance does for n != 0;
                   // n = 0 leaves the day as it is (QuantLib would move it to Monday).
};
std::string_view to_string(NonWorkingStart policy) noexcept;
NonWorkingStart parse_non_working_start(std::string_view name);

struct Holiday {
  Date date;
  std::string name;
  friend bool operator==(const Holiday& a, const Holiday& b) { return a.date == b.date && a.name == b.name; }
};

// A working-day calendar: Monday to Friday less a set of holidays, over kFirstCalendarYear..kLastCalendarYear.
// Immutable: the with_/merged functions return a new calendar and never touch this one.
class Calendar {
 public:
  // England and Wales: the Banking and Financial Dealings Act 1971 rules with GOV.UK's substitute days, plus
  // every one-off move and extra day in data/bank_holidays/england-and-wales.json (compiled in).
  static Calendar england_and_wales();
  // Monday to Friday with no holidays.
  static Calendar weekdays_only();
  // A calendar by name: "england_and_wales" or "weekdays". Unknown names are InvalidInput listing the known.
  static Calendar named(std::string_view name);

  // A new calendar with `changes` applied: JSON {"format": "redress.holidays/1", "name": ..., "add": [{"date":
  // "2026-12-24", "name": "Council closure"}], "remove": ["2026-05-04"]}. Malformed JSON or a bad entry is
  // InvalidInput naming the JSON path; a date outside the supported years is OutOfRange.
  Calendar merged(std::string_view changes_json) const;
  Calendar with_holidays(const std::vector<Holiday>& add, std::string name = {}) const;
  Calendar without_holidays(const std::vector<Date>& remove, std::string name = {}) const;

  const std::string& name() const noexcept;
  Date first_date() const noexcept;  // 1 Jan kFirstCalendarYear
  Date last_date() const noexcept;   // 31 Dec kLastCalendarYear

  bool is_working_day(Date d) const;
  bool is_holiday(Date d) const;
  // The holiday's name, if `d` is a holiday.
  std::optional<std::string> holiday_name(Date d) const;
  // Holidays in [from, to], both ends included, in date order.
  std::vector<Holiday> holidays_between(Date from, Date to) const;
  std::vector<Holiday> holidays_in_year(int year) const;

  // The working day `n` working days after `d` (before, for negative n). O(1).
  Date add_working_days(Date d, std::int64_t n, NonWorkingStart policy = NonWorkingStart::roll_forward) const;
  // Working days in [a, b): `a` counted, `b` not (as numpy.busday_count). When b < a, minus the working days
  // in (b, a]: still `a` counted and `b` not. O(1).
  std::int64_t working_days_between(Date a, Date b) const;
  // The first working day on or after `d` (on or before, with forward = false).
  Date roll_to_working_day(Date d, bool forward = true) const;

  // Array forms for columns of dates held as days since 1970-01-01 (numpy's datetime64[D]): element j of
  // `out` is the scalar answer for element j of the inputs; an input equal to kMissingDay (numpy's NaT) gives
  // kMissingDay (false). They throw OutOfRange like the scalar forms. One tight loop, no allocation.
  static constexpr std::int64_t kMissingDay = std::numeric_limits<std::int64_t>::min();
  void add_working_days(const std::int64_t* days, const std::int64_t* n, std::int64_t* out, std::size_t count,
                        NonWorkingStart policy = NonWorkingStart::roll_forward) const;
  // The same with one offset for every date.
  void add_working_days(const std::int64_t* days, std::int64_t n, std::int64_t* out, std::size_t count,
                        NonWorkingStart policy = NonWorkingStart::roll_forward) const;
  void working_days_between(const std::int64_t* a, const std::int64_t* b, std::int64_t* out, std::size_t count) const;
  // General forms for broadcasting: each input advances by its step a result (1: a column, 0: one value
  // repeated for every result).
  void add_working_days(const std::int64_t* days, std::size_t days_step, const std::int64_t* n, std::size_t n_step,
                        std::int64_t* out, std::size_t count, NonWorkingStart policy) const;
  void working_days_between(const std::int64_t* a, std::size_t a_step, const std::int64_t* b, std::size_t b_step,
                            std::int64_t* out, std::size_t count) const;
  void is_working_day(const std::int64_t* days, bool* out, std::size_t count) const;

  friend bool operator==(const Calendar& a, const Calendar& b) noexcept;
  friend bool operator!=(const Calendar& a, const Calendar& b) noexcept { return !(a == b); }

  struct Table;  // the precomputed day tables, shared between copies

 private:
  explicit Calendar(std::shared_ptr<const Table> table) : table_(std::move(table)) {}
  std::shared_ptr<const Table> table_;
};

// --- School calendars -------------------------------------------------------------------------------------

struct TermBreak {
  std::string name;
  Date from;  // inclusive
  Date to;    // inclusive
};

struct Term {
  std::string academic_year;  // "2023/24"
  std::string name;           // "autumn", "spring", "summer"
  Date start;                 // first day of the term, inclusive
  Date end;                   // last day of the term, inclusive
  std::vector<TermBreak> breaks;
};

class SchoolCalendar;
namespace detail {
class DayTable;
// The calendar's table of school days, for the library's own loops (remedy months).
const DayTable& school_day_table(const SchoolCalendar& calendar) noexcept;
}  // namespace detail

// A school term calendar: school days are weekdays inside a term, outside its breaks (half-terms), not a
// closure day and not a bank holiday. Immutable; O(1) school-day arithmetic over the calendar's coverage.
class SchoolCalendar {
 public:
  // The calendar used when a case names none ("default"): a rule-based standard English school year, three
  // terms with half-terms, 191-196 days a year like a council's published 195, for 1990..2100.
  // See docs/calendars.md for the rules and what it approximates.
  static SchoolCalendar default_calendar();
  // A shipped calendar by name ("default", "hampshire"); unknown names are InvalidInput listing the known.
  static SchoolCalendar named(std::string_view name);
  // Names of the shipped calendars.
  static std::vector<std::string> names();
  // A calendar from JSON in the redress.school_calendar/1 format (see data/school_calendars/). Bank holidays
  // come from `holidays` (England and Wales unless given). Bad JSON is InvalidInput naming the JSON path.
  static SchoolCalendar from_json(std::string_view json, const Calendar& holidays = Calendar::england_and_wales());

  const std::string& name() const noexcept;
  const std::string& title() const noexcept;
  const std::string& source() const noexcept;
  Date first_date() const noexcept;  // first day the calendar covers
  Date last_date() const noexcept;   // last day the calendar covers
  const std::vector<Term>& terms() const noexcept;
  const Calendar& holidays() const noexcept;

  bool is_school_day(Date d) const;
  // The term whose [start, end] contains `d` (half-terms included), if any.
  std::optional<Term> term_at(Date d) const;
  // School days in [a, b): `a` counted, `b` not; negative when b < a.
  std::int64_t school_days_between(Date a, Date b) const;
  // School days in [first, last], both ends counted (the form a decision's date range takes).
  std::int64_t school_days_inclusive(Date first, Date last) const;
  // School weeks in [first, last], both ends counted: school days / 5, exact.
  Fraction school_weeks_inclusive(Date first, Date last) const;
  Date add_school_days(Date d, std::int64_t n, NonWorkingStart policy = NonWorkingStart::roll_forward) const;

  struct Table;

 private:
  friend const detail::DayTable& detail::school_day_table(const SchoolCalendar& calendar) noexcept;
  explicit SchoolCalendar(std::shared_ptr<const Table> table) : table_(std::move(table)) {}
  std::shared_ptr<const Table> table_;
};

}  // namespace redress

// The O(1) engine behind working days and school days: over a fixed range of dates, the number of open days
// before each date and the position of every open day. Adding n open days is two array reads; counting open
// days between two dates is a subtraction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "redress/calendar.hpp"

namespace redress::detail {

// The rule of an OutOfRange for a date outside kFirstYear..kLastYear: "is outside the years redress handles
// (1400-9999)".
const std::string& years_text();

// Boost's day number (the Julian day number) of 1970-01-01, the epoch numpy's datetime64[D] counts from.
constexpr std::int64_t kEpochDayNumber = 2440588;
// The epoch days of 1400-01-01 and 9999-12-31, the ends of the range Boost's dates take.
constexpr std::int64_t kFirstBoostEpochDay = -208188;
constexpr std::int64_t kLastBoostEpochDay = 2932896;
// The same as `d - Date(1970, 1, 1)` and `Date(1970, 1, 1) + days` by Boost's arithmetic (for special dates and
// days outside Boost's range), out of line.
std::int64_t epoch_day_of_special(Date d);
Date boost_epoch_date(std::int64_t day);

// Days since 1970-01-01. A Date holds its day number, so this is a subtraction; Boost's operator- checks both
// dates for special values on every call.
inline std::int64_t epoch_day(Date d) {
  if (d.is_special()) return epoch_day_of_special(d);
  return static_cast<std::int64_t>(d.day_number()) - kEpochDayNumber;
}
// The Date `day` days after 1970-01-01: made from its day number, where Boost's operator+ checks for special
// values; a day outside Boost's range takes Boost's path, and its error.
inline Date from_epoch_day(std::int64_t day) {
  if (day < kFirstBoostEpochDay || day > kLastBoostEpochDay) return boost_epoch_date(day);
  return Date(static_cast<Date::date_int_type>(day + kEpochDayNumber));
}
// The epoch day of year/month/day, a valid date of the proleptic Gregorian calendar (the caller has checked
// the month and the day), by arithmetic: the same day as Date(year, month, day), without Boost's checks of each
// part, which cost more than the parse of the text it came from.
constexpr std::int64_t civil_epoch_day(int year, unsigned month, unsigned day) noexcept {
  // Years counted from March, so that the leap day ends a year; eras of 400 years (146,097 days).
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(y - era * 400);                               // 0..399
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;  // 0..365
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}
static_assert(civil_epoch_day(1400, 1, 1) == kFirstBoostEpochDay, "1400-01-01");
static_assert(civil_epoch_day(9999, 12, 31) == kLastBoostEpochDay, "9999-12-31");

// A day of the proleptic Gregorian calendar as year, month (1-12) and day of the month (1-31).
struct CivilDay {
  int year;
  unsigned month, day;
};
// The year, month and day of an epoch day: civil_epoch_day's inverse, by the same counting (eras of 400 years,
// years from March). Every division is by a constant, where Boost's year_month_day() divides by variables.
constexpr CivilDay civil_from_epoch_day(std::int64_t epoch_day) noexcept {
  const std::int64_t z = epoch_day + 719468;  // days since 0000-03-01
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(z - era * 146097);  // 0..146096
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;                // 0..399
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // 0..365
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;  // 0 = March .. 11 = February
  const unsigned day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const unsigned month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), month, day};
}

// The days of a month of the proleptic Gregorian calendar (month 1 to 12).
constexpr unsigned days_in_month(int year, unsigned month) noexcept {
  if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29U : 28U;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30U : 31U;
}
// The same day as a Date (years 1400 to 9999).
inline Date civil_date(int year, unsigned month, unsigned day) {
  return from_epoch_day(civil_epoch_day(year, month, day));
}
// The ISO date of an epoch day, or "day N counted from 1970-01-01" outside the years 1400-9999.
std::string epoch_day_text(std::int64_t day);

// Checks a column of epoch days (elements equal to `missing` are skipped): one outside the years redress
// handles (kFirstYear..kLastYear) is OutOfRange naming `field`[index] and the day. For columns from numpy,
// which can hold any int64, before any arithmetic on them.
void check_epoch_days(const std::int64_t* days, std::size_t count, std::int64_t missing, const std::string& field);

class DayTable {
 public:
  // Offsets beyond this many open days are refused before any arithmetic (tables hold at most 2^31 days).
  static constexpr std::int64_t kMaxStep = std::int64_t{1} << 31;

  // `open[i]` says whether the day first + i is open (a working day, a school day). `what` names an open day
  // in messages ("working day"); `owner` names the calendar.
  DayTable(Date first, const std::vector<bool>& open, std::string what, std::string owner);

  Date first() const noexcept { return from_epoch_day(first_); }
  Date last() const noexcept { return from_epoch_day(first_ + size() - 1); }
  std::int64_t first_epoch() const noexcept { return first_; }
  std::int64_t last_epoch() const noexcept { return first_ + size() - 1; }
  // Open days in [a, b], both ends counted, for first_epoch() <= a <= b + 1 and b <= last_epoch() (the caller
  // has checked): two loads, where between() and is_open() check each day and convert Dates.
  std::int64_t open_in(std::int64_t a, std::int64_t b) const noexcept {
    return static_cast<std::int64_t>(before_[static_cast<std::size_t>(b - first_ + 1)]) -
           before_[static_cast<std::size_t>(a - first_)];
  }

  bool is_open(std::int64_t day) const;
  std::int64_t add(std::int64_t day, std::int64_t n, NonWorkingStart policy) const;
  // Open days in [a, b); negative when b < a.
  std::int64_t between(std::int64_t a, std::int64_t b) const;
  // The first open day on or after `day` (on or before, with forward = false).
  std::int64_t roll(std::int64_t day, bool forward) const;

  // Array forms of add, between and is_open; an element equal to `missing` gives `missing` (false).
  // Each input advances by its step a result: 1 for a column, 0 for one value repeated for every result.
  void add_many(const std::int64_t* days, std::size_t days_step, const std::int64_t* n, std::size_t n_step,
                std::int64_t* out, std::size_t count, NonWorkingStart policy, std::int64_t missing) const;
  void between_many(const std::int64_t* a, std::size_t a_step, const std::int64_t* b, std::size_t b_step,
                    std::int64_t* out, std::size_t count, std::int64_t missing) const;
  void is_open_many(const std::int64_t* days, bool* out, std::size_t count, std::int64_t missing) const;

 private:
  std::int64_t size() const noexcept { return static_cast<std::int64_t>(before_.size()) - 1; }
  std::int64_t index(std::int64_t day) const;  // throws OutOfRange outside the table
  [[noreturn]] void beyond(std::int64_t day, std::int64_t n) const;
  template <std::size_t DaysStep, std::size_t NStep>
  void add_loop(const std::int64_t* days, const std::int64_t* n, std::int64_t* out, std::size_t count,
                NonWorkingStart policy, std::int64_t missing) const;

  std::int64_t first_;                // epoch day of the first date
  std::vector<std::int32_t> before_;  // before_[i]: open days in [first, first + i); size days + 1
  std::vector<std::int32_t> open_;    // open_[k]: offset from first of the k-th open day
  std::string what_;
  std::string owner_;
};

}  // namespace redress::detail

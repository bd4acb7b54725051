#include "detail/day_table.hpp"

#include <cstdint>
#include <utility>

#include "redress/error.hpp"

namespace redress::detail {
namespace {
const Date kEpoch(1970, 1, 1);
}

std::int64_t epoch_day_of_special(Date d) {
  return (d - kEpoch).days();
}

Date boost_epoch_date(std::int64_t day) {
  return kEpoch + boost::gregorian::date_duration(day);
}

DayTable::DayTable(Date first, const std::vector<bool>& open, std::string what, std::string owner)
    : first_(epoch_day(first)), what_(std::move(what)), owner_(std::move(owner)) {
  before_.reserve(open.size() + 1);
  std::int32_t count = 0;
  before_.push_back(0);
  for (std::size_t i = 0; i < open.size(); ++i) {
    if (open[i]) {
      open_.push_back(static_cast<std::int32_t>(i));
      ++count;
    }
    before_.push_back(count);
  }
}

std::string epoch_day_text(std::int64_t day) {
  // Boost dates stop at 1400-9999; a day beyond them (from a numpy array) is shown by its number.
  if (day < epoch_day(Date(1400, 1, 1)) || day > epoch_day(Date(9999, 12, 31))) {
    return "day " + std::to_string(day) + " counted from 1970-01-01";
  }
  return iso(from_epoch_day(day));
}

namespace {
// What to do about a date past a school calendar's term dates (a working-day calendar needs no advice).
std::string advice(const std::string& what) {
  return what == "school day" ? ": for dates outside it, load the council's term dates with SchoolCalendar.from_json "
                                "(format redress.school_calendar/1, see docs/calendars.md) or use "
                                "SchoolCalendar.default(), which covers every year redress handles"
                              : "";
}
// day - first as an unsigned offset: wraps (defined) instead of overflowing for days near the int64 limits, and
// any day before `first` becomes a huge offset that fails the same `< size` test as a day after the table.
std::uint64_t offset(std::int64_t day, std::int64_t first) {
  return static_cast<std::uint64_t>(day) - static_cast<std::uint64_t>(first);
}
}  // namespace

void check_epoch_days(const std::int64_t* days, std::size_t count, std::int64_t missing, const std::string& field) {
  static const std::int64_t lowest = epoch_day(Date(kFirstYear, 1, 1));
  static const std::int64_t highest = epoch_day(Date(kLastYear, 12, 31));
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t day = days[i];
    if (day != missing && (day < lowest || day > highest)) {
      throw OutOfRange(field + "[" + std::to_string(i) + "]", epoch_day_text(day), years_text());
    }
  }
}

std::int64_t DayTable::index(std::int64_t day) const {
  const std::uint64_t i = offset(day, first_);
  if (i >= static_cast<std::uint64_t>(size())) {
    throw OutOfRange(
        "date", epoch_day_text(day),
        "is outside the " + owner_ + " calendar, which covers " + iso(first()) + " to " + iso(last()) + advice(what_));
  }
  return static_cast<std::int64_t>(i);
}

void DayTable::beyond(std::int64_t day, std::int64_t n) const {
  throw OutOfRange(
      "date", epoch_day_text(day) + " + " + std::to_string(n) + " " + what_ + "s",
      "runs past the " + owner_ + " calendar, which covers " + iso(first()) + " to " + iso(last()) + advice(what_));
}

bool DayTable::is_open(std::int64_t day) const {
  std::int64_t i = index(day);
  return before_[static_cast<std::size_t>(i) + 1] != before_[static_cast<std::size_t>(i)];
}

std::int64_t DayTable::add(std::int64_t day, std::int64_t n, NonWorkingStart policy) const {
  const std::int64_t i = index(day);
  const std::int64_t k = before_[static_cast<std::size_t>(i)];  // position of the first open day on or after `day`
  const bool open = before_[static_cast<std::size_t>(i) + 1] != k;
  // No table holds 2^31 open days: an offset beyond that runs off the table (and k + n cannot overflow).
  if (n > kMaxStep || n < -kMaxStep) beyond(day, n);
  std::int64_t target = 0;
  if (open || policy == NonWorkingStart::roll_forward) {
    target = k + n;
  } else if (n == 0) {
    return day;  // counting no days from a closed day stays on it
  } else {
    // Counting from a closed day: the first step forward lands on open day k, the first step back on k - 1.
    target = n > 0 ? k + n - 1 : k + n;
  }
  if (target < 0 || target >= static_cast<std::int64_t>(open_.size())) beyond(day, n);
  return first_ + open_[static_cast<std::size_t>(target)];
}

std::int64_t DayTable::between(std::int64_t a, std::int64_t b) const {
  const auto ia = static_cast<std::size_t>(index(a));
  const auto ib = static_cast<std::size_t>(index(b));
  // [a, b) forwards; backwards the start is still counted and the end not, as numpy.busday_count: -(b, a].
  if (ib >= ia) return static_cast<std::int64_t>(before_[ib]) - before_[ia];
  return static_cast<std::int64_t>(before_[ib + 1]) - before_[ia + 1];
}

std::int64_t DayTable::roll(std::int64_t day, bool forward) const {
  if (is_open(day)) return day;
  return forward ? add(day, 0, NonWorkingStart::roll_forward) : add(day, -1, NonWorkingStart::count_from_day);
}

void DayTable::add_many(const std::int64_t* days, std::size_t days_step, const std::int64_t* n, std::size_t n_step,
                        std::int64_t* out, std::size_t count, NonWorkingStart policy, std::int64_t missing) const {
  // One loop per shape, so the common ones (a column of dates and one count, or two columns) index with a
  // constant step the compiler can see.
  if (days_step == 1 && n_step == 0) {
    add_loop<1, 0>(days, n, out, count, policy, missing);
  } else if (days_step == 1 && n_step == 1) {
    add_loop<1, 1>(days, n, out, count, policy, missing);
  } else if (days_step == 0 && n_step == 1) {
    add_loop<0, 1>(days, n, out, count, policy, missing);
  } else {
    add_loop<0, 0>(days, n, out, count, policy, missing);
  }
}

template <std::size_t DaysStep, std::size_t NStep>
void DayTable::add_loop(const std::int64_t* days, const std::int64_t* n, std::int64_t* out, std::size_t count,
                        NonWorkingStart policy, std::int64_t missing) const {
  const auto size = static_cast<std::uint64_t>(this->size());
  const auto open_count = static_cast<std::int64_t>(open_.size());
  const std::int32_t* before = before_.data();
  const std::int32_t* open = open_.data();
  const bool from_day = policy == NonWorkingStart::count_from_day;
  for (std::size_t j = 0; j < count; ++j) {
    const std::int64_t day = days[j * DaysStep];
    const std::int64_t step = n[j * NStep];
    if (day == missing || step == missing) {
      out[j] = missing;
      continue;
    }
    const std::uint64_t i = offset(day, first_);
    if (i >= size) index(day);  // throws OutOfRange naming the date
    if (step > kMaxStep || step < -kMaxStep) beyond(day, step);
    const std::int64_t k = before[i];
    std::int64_t target = k + step;
    if (from_day && before[i + 1] == k) {  // a closed day, counted from itself
      if (step == 0) {
        out[j] = day;
        continue;
      }
      if (step > 0) --target;
    }
    if (target < 0 || target >= open_count) beyond(day, step);
    out[j] = first_ + open[target];
  }
}

void DayTable::between_many(const std::int64_t* a, std::size_t a_step, const std::int64_t* b, std::size_t b_step,
                            std::int64_t* out, std::size_t count, std::int64_t missing) const {
  const auto size = static_cast<std::uint64_t>(this->size());
  const std::int32_t* before = before_.data();
  for (std::size_t j = 0; j < count; ++j) {
    const std::int64_t from = a[j * a_step], to = b[j * b_step];
    if (from == missing || to == missing) {
      out[j] = missing;
      continue;
    }
    const std::uint64_t ia = offset(from, first_);
    const std::uint64_t ib = offset(to, first_);
    if (ia >= size) index(from);
    if (ib >= size) index(to);
    out[j] = ib >= ia ? static_cast<std::int64_t>(before[ib]) - before[ia]
                      : static_cast<std::int64_t>(before[ib + 1]) - before[ia + 1];
  }
}

void DayTable::is_open_many(const std::int64_t* days, bool* out, std::size_t count, std::int64_t missing) const {
  const auto size = static_cast<std::uint64_t>(this->size());
  const std::int32_t* before = before_.data();
  for (std::size_t j = 0; j < count; ++j) {
    if (days[j] == missing) {
      out[j] = false;
      continue;
    }
    const std::uint64_t i = offset(days[j], first_);
    if (i >= size) index(days[j]);
    out[j] = before[i + 1] != before[i];
  }
}

}  // namespace redress::detail

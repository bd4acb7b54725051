#include "detail/day_table.hpp"

#include <cstdint>
#include <utility>

#include "redress/error.hpp"

namespace redress::detail {
namespace {
const Date kEpoch(1970, 1, 1);
}

std::int64_t epoch_day(Date d) {
  return (d - kEpoch).days();
}

Date from_epoch_day(std::int64_t day) {
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
}  // namespace

std::int64_t DayTable::index(std::int64_t day) const {
  std::int64_t i = day - first_;
  if (i < 0 || i >= size()) {
    throw OutOfRange(
        "date", epoch_day_text(day),
        "is outside the " + owner_ + " calendar, which covers " + iso(first()) + " to " + iso(last()) + advice(what_));
  }
  return i;
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

void DayTable::add_many(const std::int64_t* days, const std::int64_t* n, std::size_t n_step, std::int64_t* out,
                        std::size_t count, NonWorkingStart policy, std::int64_t missing) const {
  const auto size = static_cast<std::uint64_t>(this->size());
  const auto open_count = static_cast<std::int64_t>(open_.size());
  const std::int32_t* before = before_.data();
  const std::int32_t* open = open_.data();
  for (std::size_t j = 0; j < count; ++j) {
    const std::int64_t day = days[j];
    if (day == missing || n[j * n_step] == missing) {
      out[j] = missing;
      continue;
    }
    const auto i = static_cast<std::uint64_t>(day - first_);
    if (i >= size) index(day);  // throws OutOfRange naming the date
    const std::int64_t k = before[i];
    std::int64_t target = k + n[j * n_step];
    if (policy == NonWorkingStart::count_from_day && before[i + 1] == k) {  // a closed day, counted from itself
      if (n[j * n_step] == 0) {
        out[j] = day;
        continue;
      }
      if (n[j * n_step] > 0) --target;
    }
    if (target < 0 || target >= open_count) beyond(day, n[j * n_step]);
    out[j] = first_ + open[target];
  }
}

void DayTable::between_many(const std::int64_t* a, const std::int64_t* b, std::int64_t* out, std::size_t count,
                            std::int64_t missing) const {
  const auto size = static_cast<std::uint64_t>(this->size());
  const std::int32_t* before = before_.data();
  for (std::size_t j = 0; j < count; ++j) {
    if (a[j] == missing || b[j] == missing) {
      out[j] = missing;
      continue;
    }
    const auto ia = static_cast<std::uint64_t>(a[j] - first_);
    const auto ib = static_cast<std::uint64_t>(b[j] - first_);
    if (ia >= size) index(a[j]);
    if (ib >= size) index(b[j]);
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
    const auto i = static_cast<std::uint64_t>(days[j] - first_);
    if (i >= size) index(days[j]);
    out[j] = before[i + 1] != before[i];
  }
}

}  // namespace redress::detail

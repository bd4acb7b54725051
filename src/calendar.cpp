#include "redress/calendar.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "detail/config_json.hpp"
#include "detail/day_table.hpp"
#include "detail/embedded_data.hpp"
#include "detail/json_read.hpp"
#include "detail/names.hpp"
#include "detail/text.hpp"
#include "redress/error.hpp"

namespace redress {

namespace greg = boost::gregorian;

// --- Dates --------------------------------------------------------------------------------------------------

Date parse_date(std::string_view text, std::string_view field) {
  auto bad = [&](const char* rule) { return InvalidInput(std::string(field), std::string(text), rule); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad("is not a date written YYYY-MM-DD");
  // The eight digits, each checked (a byte below '0' wraps round to a large unsigned number), in straight-line
  // code: every case's dates come through here.
  unsigned digit[8];
  bool digits = true;
  for (std::size_t i = 0, at = 0; i < 8; ++i, ++at) {
    if (at == 4 || at == 7) ++at;  // the dashes
    digit[i] = static_cast<unsigned>(static_cast<unsigned char>(text[at])) - unsigned{'0'};
    digits &= digit[i] <= 9;
  }
  if (!digits) throw bad("is not a date written YYYY-MM-DD");
  const int parts[3] = {static_cast<int>(digit[0] * 1000 + digit[1] * 100 + digit[2] * 10 + digit[3]),
                        static_cast<int>(digit[4] * 10 + digit[5]), static_cast<int>(digit[6] * 10 + digit[7])};
  if (parts[1] < 1 || parts[1] > 12) throw bad("is not a date: the month must be 01 to 12");
  if (parts[0] < 1400)
    throw OutOfRange(std::string(field), std::string(text), "is before 1400, the first year redress handles");
  const auto month = static_cast<unsigned>(parts[1]);
  if (parts[2] < 1 || static_cast<unsigned>(parts[2]) > detail::days_in_month(parts[0], month)) {
    throw bad("is not a date: that month has no such day");
  }
  return detail::civil_date(parts[0], month, static_cast<unsigned>(parts[2]));
}

std::string iso(Date d) {
  if (d.is_special()) return "not-a-date";
  auto ymd = d.year_month_day();
  char out[11];
  unsigned year = ymd.year, month = ymd.month, day = ymd.day;
  const unsigned values[3] = {year, month, day};
  const int widths[3] = {4, 2, 2};
  int pos = 0;
  for (int part = 0; part < 3; ++part) {
    if (part > 0) out[pos++] = '-';
    unsigned v = values[part];
    for (int i = widths[part] - 1; i >= 0; --i) {
      out[pos + i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    pos += widths[part];
  }
  return std::string(out, 10);
}

const std::string& detail::years_text() {
  static const std::string text =
      "is outside the years redress handles (" + std::to_string(kFirstYear) + "-" + std::to_string(kLastYear) + ")";
  return text;
}

namespace {

using detail::years_text;

// A date's year, month and day: by arithmetic from its day number, or as Boost has them for a special date.
detail::CivilDay civil_day(Date d) {
  if (d.is_special()) return {d.year(), d.month(), d.day()};
  return detail::civil_from_epoch_day(detail::epoch_day(d));
}

// Days from 1970-01-01 of the first and last dates redress handles.
std::int64_t first_day() {
  static const std::int64_t day = (Date(kFirstYear, 1, 1) - Date(1970, 1, 1)).days();
  return day;
}
std::int64_t last_day() {
  static const std::int64_t day = (Date(kLastYear, 12, 31) - Date(1970, 1, 1)).days();
  return day;
}

}  // namespace

Date add_days(Date d, std::int64_t days) {
  const std::int64_t start = detail::epoch_day(d);  // not d - Date(1970, 1, 1): Boost checks that date each call
  // |start| is below 3 million, so the comparisons cannot overflow whatever `days` is.
  if (days > last_day() - start || days < first_day() - start) {
    // The magnitude as unsigned: -days would overflow for the int64 minimum.
    const std::uint64_t size = days < 0 ? 0 - static_cast<std::uint64_t>(days) : static_cast<std::uint64_t>(days);
    throw OutOfRange("date", iso(d) + (days < 0 ? " - " : " + ") + std::to_string(size) + " days", years_text());
  }
  return d + greg::date_duration(static_cast<long>(days));
}

Date add_months(Date d, std::int64_t n) {
  // Months since year 0, so negative n needs no special case. The span of years redress handles is under
  // 120,000 months: anything beyond is refused before it can overflow.
  constexpr std::int64_t kSpan = (kLastYear - kFirstYear + 1) * 12;
  if (n > kSpan || n < -kSpan) {
    throw OutOfRange("months", iso(d) + " + " + std::to_string(n) + " months", years_text());
  }
  const detail::CivilDay ymd = civil_day(d);  // one conversion from the day number, not three
  const std::int64_t total = static_cast<std::int64_t>(ymd.year) * 12 + (ymd.month - 1) + n;
  const std::int64_t year = total / 12;
  if (year < kFirstYear || year > kLastYear) {
    throw OutOfRange("date", iso(d) + " + " + std::to_string(n) + " months", years_text());
  }
  const auto y = static_cast<int>(year);
  const auto m = static_cast<unsigned>(total % 12 + 1);
  // The corresponding date, or the month's last day where it has none (Dodds v Walker [1981]); made by
  // arithmetic, the day being known to exist (Boost's constructor would check it again).
  return detail::civil_date(y, m, std::min<unsigned>(ymd.day, detail::days_in_month(y, m)));
}

Date add_years(Date d, std::int64_t n) {
  constexpr std::int64_t kSpan = kLastYear - kFirstYear + 1;
  if (n > kSpan || n < -kSpan) throw OutOfRange("years", iso(d) + " + " + std::to_string(n) + " years", years_text());
  return add_months(d, n * 12);
}

Date easter_sunday(int year) {
  if (year < kFirstYear || year > kLastYear) throw OutOfRange("year", std::to_string(year), years_text());
  // The anonymous Gregorian algorithm (Meeus, Jones, Butcher).
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

// --- Names --------------------------------------------------------------------------------------------------

namespace {

constexpr std::pair<Unit, const char*> kUnits[] = {{Unit::days, "days"},
                                                   {Unit::weeks, "weeks"},
                                                   {Unit::months, "months"},
                                                   {Unit::years, "years"},
                                                   {Unit::working_days, "working_days"},
                                                   {Unit::school_days, "school_days"}};
constexpr std::pair<Counting, const char*> kCountings[] = {{Counting::within, "within"},
                                                           {Counting::beginning_with, "beginning_with"}};
constexpr std::pair<NonWorkingStart, const char*> kPolicies[] = {{NonWorkingStart::roll_forward, "roll_forward"},
                                                                 {NonWorkingStart::count_from_day, "count_from_day"}};

}  // namespace

std::string_view to_string(Unit unit) noexcept {
  return detail::name_of(unit, kUnits);
}
Unit parse_unit(std::string_view name) {
  return detail::parse_name(name, kUnits, "unit");
}
std::string_view to_string(Counting counting) noexcept {
  return detail::name_of(counting, kCountings);
}
Counting parse_counting(std::string_view name) {
  return detail::parse_name(name, kCountings, "counting");
}
std::string_view to_string(NonWorkingStart policy) noexcept {
  return detail::name_of(policy, kPolicies);
}
NonWorkingStart parse_non_working_start(std::string_view name) {
  return detail::parse_name(name, kPolicies, "non_working_start");
}

// --- Periods ------------------------------------------------------------------------------------------------

Date period_end(Date start, std::int64_t n, Unit unit, Counting counting, const Calendar* working,
                const SchoolCalendar* school) {
  if (n < 0) throw InvalidInput("length", std::to_string(n), "must not be negative: a period runs forward");
  const bool beginning = counting == Counting::beginning_with;
  switch (unit) {
    case Unit::days:
    case Unit::weeks: {
      // A period longer than the span of dates redress handles cannot end inside it (and n * 7 cannot overflow).
      constexpr std::int64_t kSpanDays = (kLastYear - kFirstYear + 1) * 366L;
      if (n > kSpanDays) {
        throw OutOfRange("length", iso(start) + " + " + std::to_string(n) + " " + std::string(to_string(unit)),
                         years_text());
      }
      std::int64_t days = n * (unit == Unit::weeks ? 7 : 1);
      // "within N days of X" ends on X + N; "N days beginning with X" has X as day 1, so ends on X + N - 1.
      if (beginning) days -= 1;
      return add_days(start, days);
    }
    case Unit::months:
    case Unit::years: {
      Date corresponding = unit == Unit::months ? add_months(start, n) : add_years(start, n);
      if (!beginning) return corresponding;
      // "Beginning with" ends the day before the corresponding date; where the later month has no
      // corresponding date (31 Jan + 1 month), it ends on that month's last day (SI 2018/1082 art 1.4(2)).
      if (civil_day(corresponding).day < civil_day(start).day) return corresponding;
      return add_days(corresponding, -1);
    }
    case Unit::working_days:
    case Unit::school_days: {
      const bool is_working = unit == Unit::working_days;
      if (is_working && working == nullptr) {
        throw NotComputable("calendar", "", "is needed to count working days but none was given");
      }
      if (!is_working && school == nullptr) {
        throw NotComputable("school_calendar", "", "is needed to count school days but none was given");
      }
      auto add = [&](Date d, std::int64_t k, NonWorkingStart policy) {
        return is_working ? working->add_working_days(d, k, policy) : school->add_school_days(d, k, policy);
      };
      if (!beginning) {
        // X is not counted: day 1 is the first open day after X, wherever X falls.
        return n == 0 ? start : add(start, n, NonWorkingStart::count_from_day);
      }
      if (n == 0) return add_days(start, -1);
      // X is day 1 if open; else day 1 is the next open day: either way the first open day on or after X.
      Date first = add(start, 0, NonWorkingStart::roll_forward);
      return add(first, n - 1, NonWorkingStart::roll_forward);
    }
  }
  return start;
}

// --- Working-day calendars ----------------------------------------------------------------------------------

struct Calendar::Table {
  std::string name;
  std::map<Date, std::string> holidays;
  detail::DayTable days;

  Table(std::string name_, std::map<Date, std::string> holidays_)
      : name(std::move(name_)), holidays(std::move(holidays_)), days(build(name, holidays)) {}

  static detail::DayTable build(const std::string& name, const std::map<Date, std::string>& holidays) {
    const Date first(kFirstCalendarYear, 1, 1);
    const Date last(kLastCalendarYear, 12, 31);
    std::vector<bool> open;
    open.reserve(static_cast<std::size_t>((last - first).days() + 1));
    for (Date d = first; d <= last; d += greg::date_duration(1)) {
      auto weekday = d.day_of_week().as_number();
      open.push_back(weekday != 0 && weekday != 6 && holidays.count(d) == 0);
    }
    return detail::DayTable(first, open, "working day", name);
  }
};

namespace {

Date nth_monday(int year, int month, int nth) {
  greg::nth_day_of_the_week_in_month rule(static_cast<greg::nth_day_of_the_week_in_month::week_num>(nth), greg::Monday,
                                          static_cast<unsigned short>(month));
  return rule.get_date(static_cast<unsigned short>(year));
}

Date last_monday(int year, int month) {
  return greg::last_day_of_the_week_in_month(greg::Monday, static_cast<unsigned short>(month))
      .get_date(static_cast<unsigned short>(year));
}

// The rule-based England and Wales holidays of one year (see data/bank_holidays/england-and-wales.json "rules").
void add_rule_holidays(int year, std::map<Date, std::string>& out) {
  auto y = static_cast<unsigned short>(year);
  Date new_year(y, 1, 1);
  switch (new_year.day_of_week().as_number()) {
    case 6: out[Date(y, 1, 3)] = "New Year's Day (substitute day)"; break;
    case 0: out[Date(y, 1, 2)] = "New Year's Day (substitute day)"; break;
    default: out[new_year] = "New Year's Day";
  }
  Date easter = easter_sunday(year);
  out[easter - greg::date_duration(2)] = "Good Friday";
  out[easter + greg::date_duration(1)] = "Easter Monday";
  out[nth_monday(year, 5, 1)] = "Early May bank holiday";
  out[last_monday(year, 5)] = "Spring bank holiday";
  out[last_monday(year, 8)] = "Summer bank holiday";
  switch (Date(y, 12, 25).day_of_week().as_number()) {
    case 5:  // Friday: Boxing Day falls on Saturday
      out[Date(y, 12, 25)] = "Christmas Day";
      out[Date(y, 12, 28)] = "Boxing Day (substitute day)";
      break;
    case 6:  // Saturday
      out[Date(y, 12, 27)] = "Christmas Day (substitute day)";
      out[Date(y, 12, 28)] = "Boxing Day (substitute day)";
      break;
    case 0:  // Sunday
      out[Date(y, 12, 26)] = "Boxing Day";
      out[Date(y, 12, 27)] = "Christmas Day (substitute day)";
      break;
    default: out[Date(y, 12, 25)] = "Christmas Day"; out[Date(y, 12, 26)] = "Boxing Day";
  }
}

void check_supported(Date d, const std::string& field) {
  // Compared as day numbers: year() would convert the date to year, month and day, on every call of every case.
  static const Date first(kFirstCalendarYear, 1, 1), last(kLastCalendarYear, 12, 31);
  if (!d.is_special() && d >= first && d <= last) return;
  if (d.year() < kFirstCalendarYear || d.year() > kLastCalendarYear) {
    throw OutOfRange(field, iso(d),
                     "is outside the years calendars cover (" + std::to_string(kFirstCalendarYear) + "-" +
                         std::to_string(kLastCalendarYear) + ")");
  }
}

// Applies a redress.holidays/1 document: removals first, then additions.
void apply_changes(const detail::Json& doc, std::map<Date, std::string>& holidays) {
  detail::require_object(doc, "");
  detail::require_format(doc, "redress.holidays/1");
  if (doc.contains("remove")) {
    const auto& remove = detail::require_array(doc, "remove", "");
    for (std::size_t i = 0; i < remove.size(); ++i) {
      const std::string path = detail::join("remove", i);
      const auto& item = remove[i];
      Date d = item.is_string() ? parse_date(item.get<std::string>(), path) : detail::require_date(item, "date", path);
      check_supported(d, item.is_string() ? path : detail::join(path, "date"));
      holidays.erase(d);
    }
  }
  if (doc.contains("add")) {
    const auto& add = detail::require_array(doc, "add", "");
    for (std::size_t i = 0; i < add.size(); ++i) {
      const std::string path = detail::join("add", i);
      Date d = detail::require_date(add[i], "date", path);
      check_supported(d, detail::join(path, "date"));
      holidays[d] = detail::optional_string(add[i], "name", path, "holiday");
    }
  }
  for (const auto& item : doc.items()) {
    // Named copies, not a structured binding: C++17 lambdas cannot capture those (Clang refuses).
    const std::string& key = item.key();
    static const char* known[] = {"format", "name", "title", "rules", "source", "remove", "add", "notes"};
    if (std::find_if(std::begin(known), std::end(known), [&key](const char* k) { return key == k; }) ==
        std::end(known)) {
      throw InvalidInput(key, detail::show(item.value()), "is not a field of redress.holidays/1 (misspelt?)");
    }
  }
}

}  // namespace

Calendar Calendar::england_and_wales() {
  static const Calendar instance = [] {
    std::map<Date, std::string> holidays;
    for (int year = kFirstCalendarYear; year <= kLastCalendarYear; ++year) add_rule_holidays(year, holidays);
    apply_changes(detail::parse_json(detail::kEnglandAndWalesHolidays, "england-and-wales.json"), holidays);
    return Calendar(std::make_shared<const Table>("england_and_wales", std::move(holidays)));
  }();
  return instance;
}

Calendar Calendar::weekdays_only() {
  static const Calendar instance(std::make_shared<const Table>("weekdays", std::map<Date, std::string>{}));
  return instance;
}

Calendar Calendar::named(std::string_view name) {
  if (name == "england_and_wales") return england_and_wales();
  if (name == "weekdays") return weekdays_only();
  throw InvalidInput("calendar", std::string(name), "is not a known calendar: england_and_wales, weekdays");
}

Calendar Calendar::merged(std::string_view changes_json) const {
  detail::Json doc = detail::parse_config(changes_json, "holidays");
  std::map<Date, std::string> holidays = table_->holidays;
  apply_changes(doc, holidays);
  std::string name =
      doc.contains("name") && doc["name"].is_string() ? doc["name"].get<std::string>() : table_->name + "+changes";
  return Calendar(std::make_shared<const Table>(std::move(name), std::move(holidays)));
}

Calendar Calendar::with_holidays(const std::vector<Holiday>& add, std::string name) const {
  std::map<Date, std::string> holidays = table_->holidays;
  for (const Holiday& h : add) {
    check_supported(h.date, "holiday");
    holidays[h.date] = h.name.empty() ? "holiday" : h.name;
  }
  if (name.empty()) name = table_->name + "+holidays";
  return Calendar(std::make_shared<const Table>(std::move(name), std::move(holidays)));
}

Calendar Calendar::without_holidays(const std::vector<Date>& remove, std::string name) const {
  std::map<Date, std::string> holidays = table_->holidays;
  for (Date d : remove) {
    check_supported(d, "holiday");
    holidays.erase(d);
  }
  if (name.empty()) name = table_->name + "-holidays";
  return Calendar(std::make_shared<const Table>(std::move(name), std::move(holidays)));
}

const std::string& Calendar::name() const noexcept {
  return table_->name;
}
Date Calendar::first_date() const noexcept {
  return table_->days.first();
}
Date Calendar::last_date() const noexcept {
  return table_->days.last();
}

bool Calendar::is_working_day(Date d) const {
  return table_->days.is_open(detail::epoch_day(d));
}

bool Calendar::is_holiday(Date d) const {
  check_supported(d, "date");
  return table_->holidays.count(d) != 0;
}

std::optional<std::string> Calendar::holiday_name(Date d) const {
  check_supported(d, "date");
  auto it = table_->holidays.find(d);
  if (it == table_->holidays.end()) return std::nullopt;
  return it->second;
}

std::vector<Holiday> Calendar::holidays_between(Date from, Date to) const {
  check_supported(from, "start");
  check_supported(to, "end");
  std::vector<Holiday> out;
  for (auto it = table_->holidays.lower_bound(from); it != table_->holidays.end() && it->first <= to; ++it) {
    out.push_back({it->first, it->second});
  }
  return out;
}

std::vector<Holiday> Calendar::holidays_in_year(int year) const {
  if (year < kFirstCalendarYear || year > kLastCalendarYear) {
    throw OutOfRange("year", std::to_string(year),
                     "is outside the years calendars cover (" + std::to_string(kFirstCalendarYear) + "-" +
                         std::to_string(kLastCalendarYear) + ")");
  }
  auto y = static_cast<unsigned short>(year);
  return holidays_between(Date(y, 1, 1), Date(y, 12, 31));
}

Date Calendar::add_working_days(Date d, std::int64_t n, NonWorkingStart policy) const {
  return detail::from_epoch_day(table_->days.add(detail::epoch_day(d), n, policy));
}

std::int64_t Calendar::working_days_between(Date a, Date b) const {
  return table_->days.between(detail::epoch_day(a), detail::epoch_day(b));
}

Date Calendar::roll_to_working_day(Date d, bool forward) const {
  return detail::from_epoch_day(table_->days.roll(detail::epoch_day(d), forward));
}

void Calendar::add_working_days(const std::int64_t* days, const std::int64_t* n, std::int64_t* out, std::size_t count,
                                NonWorkingStart policy) const {
  table_->days.add_many(days, 1, n, 1, out, count, policy, kMissingDay);
}
void Calendar::add_working_days(const std::int64_t* days, std::int64_t n, std::int64_t* out, std::size_t count,
                                NonWorkingStart policy) const {
  table_->days.add_many(days, 1, &n, 0, out, count, policy, kMissingDay);
}
void Calendar::add_working_days(const std::int64_t* days, std::size_t days_step, const std::int64_t* n,
                                std::size_t n_step, std::int64_t* out, std::size_t count,
                                NonWorkingStart policy) const {
  table_->days.add_many(days, days_step, n, n_step, out, count, policy, kMissingDay);
}
void Calendar::working_days_between(const std::int64_t* a, const std::int64_t* b, std::int64_t* out,
                                    std::size_t count) const {
  table_->days.between_many(a, 1, b, 1, out, count, kMissingDay);
}
void Calendar::working_days_between(const std::int64_t* a, std::size_t a_step, const std::int64_t* b,
                                    std::size_t b_step, std::int64_t* out, std::size_t count) const {
  table_->days.between_many(a, a_step, b, b_step, out, count, kMissingDay);
}
void Calendar::is_working_day(const std::int64_t* days, bool* out, std::size_t count) const {
  table_->days.is_open_many(days, out, count, kMissingDay);
}

bool operator==(const Calendar& a, const Calendar& b) noexcept {
  return a.table_ == b.table_ || a.table_->holidays == b.table_->holidays;
}

}  // namespace redress

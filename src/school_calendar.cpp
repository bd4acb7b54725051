#include <algorithm>
#include <utility>

#include "detail/config_json.hpp"
#include "detail/day_table.hpp"
#include "detail/embedded_data.hpp"
#include "detail/json_read.hpp"
#include "redress/calendar.hpp"

#include "detail/evaluate.hpp"
#include "redress/error.hpp"

namespace redress {

namespace greg = boost::gregorian;

struct SchoolCalendar::Table {
  std::string name;
  std::string title;
  std::string source;
  std::vector<Term> terms;  // in date order, not overlapping
  Calendar holidays;
  detail::DayTable days;

  Table(std::string name_, std::string title_, std::string source_, std::vector<Term> terms_, Calendar holidays_,
        const std::vector<Date>& closures, Date first, Date last)
      : name(std::move(name_)),
        title(std::move(title_)),
        source(std::move(source_)),
        terms(std::move(terms_)),
        holidays(std::move(holidays_)),
        days(build(name, terms, holidays, closures, first, last)) {}

  static detail::DayTable build(const std::string& name, const std::vector<Term>& terms, const Calendar& holidays,
                                const std::vector<Date>& closures, Date first, Date last) {
    std::vector<bool> open(static_cast<std::size_t>((last - first).days() + 1), false);
    auto offset = [&](Date d) { return static_cast<std::size_t>((d - first).days()); };
    for (const Term& term : terms) {
      for (Date d = term.start; d <= term.end; d += greg::date_duration(1)) {
        auto weekday = d.day_of_week().as_number();
        open[offset(d)] = weekday != 0 && weekday != 6 && !holidays.is_holiday(d);
      }
      for (const TermBreak& b : term.breaks) {
        for (Date d = b.from; d <= b.to; d += greg::date_duration(1)) open[offset(d)] = false;
      }
    }
    for (Date d : closures) {
      if (d >= first && d <= last) open[offset(d)] = false;
    }
    return detail::DayTable(first, open, "school day", name);
  }
};

namespace {

Date ymd(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

Date first_weekday_on_or_after(Date d) {
  while (d.day_of_week().as_number() == 0 || d.day_of_week().as_number() == 6) d += greg::date_duration(1);
  return d;
}

Date last_weekday_on_or_before(Date d) {
  while (d.day_of_week().as_number() == 0 || d.day_of_week().as_number() == 6) d -= greg::date_duration(1);
  return d;
}

Date weekday_on_or_after(Date d, int weekday) {
  while (d.day_of_week().as_number() != weekday) d += greg::date_duration(1);
  return d;
}

Date weekday_on_or_before(Date d, int weekday) {
  while (d.day_of_week().as_number() != weekday) d -= greg::date_duration(1);
  return d;
}

TermBreak week_from(Date monday) {
  return {"half term", monday, monday + greg::date_duration(4)};
}

Date good_friday(int year) {
  return easter_sunday(year) - greg::date_duration(2);
}

// The default calendar's academic year starting in September of `y` (rules in docs/calendars.md).
std::vector<Term> standard_year(int y) {
  const std::string label = std::to_string(y) + "/" + ((y + 1) % 100 < 10 ? "0" : "") + std::to_string((y + 1) % 100);
  const Date autumn_start = first_weekday_on_or_after(ymd(y, 9, 3));
  const Date autumn_end = weekday_on_or_before(ymd(y, 12, 20), 5);
  const Date autumn_half = weekday_on_or_after(ymd(y, 10, 23), 1);
  // Two full weeks at Christmas, and never before 2 January.
  const Date spring_start = std::max(autumn_end + greg::date_duration(17), first_weekday_on_or_after(ymd(y + 1, 1, 2)));
  const Date spring_half = weekday_on_or_after(ymd(y + 1, 2, 15), 1);  // the third Monday of February
  const Date friday_before_easter_weeks = good_friday(y + 1) - greg::date_duration(7);
  const Date summer_start = good_friday(y + 1) + greg::date_duration(10);  // the Monday after Easter week
  const Date summer_half = weekday_on_or_before(ymd(y + 1, 5, 31), 1);     // the last Monday of May
  const Date summer_end = last_weekday_on_or_before(ymd(y + 1, 7, 22));
  return {{label, "autumn", autumn_start, autumn_end, {week_from(autumn_half)}},
          {label, "spring", spring_start, friday_before_easter_weeks, {week_from(spring_half)}},
          {label, "summer", summer_start, summer_end, {week_from(summer_half)}}};
}

void validate_terms(const std::vector<Term>& terms, Date first, Date last) {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const Term& t = terms[i];
    const std::string path = detail::join("terms", i);
    if (t.end < t.start) throw InvalidInput(path + ".end", iso(t.end), "is before the term's start " + iso(t.start));
    if (t.start < first || t.end > last) {
      throw InvalidInput(path, iso(t.start) + " to " + iso(t.end),
                         "lies outside the calendar's coverage " + iso(first) + " to " + iso(last));
    }
    if (i > 0 && t.start <= terms[i - 1].end) {
      throw InvalidInput(path + ".start", iso(t.start),
                         "is not after the previous term's end " + iso(terms[i - 1].end) +
                             ": terms must be in order "
                             "and not overlap");
    }
    for (std::size_t j = 0; j < t.breaks.size(); ++j) {
      const TermBreak& b = t.breaks[j];
      const std::string bpath = path + ".breaks[" + std::to_string(j) + "]";
      if (b.to < b.from || b.from < t.start || b.to > t.end) {
        throw InvalidInput(bpath, iso(b.from) + " to " + iso(b.to),
                           "must run forwards and lie inside its term " + iso(t.start) + " to " + iso(t.end));
      }
    }
  }
}

void check_coverage(Date first, Date last, const std::string& path) {
  if (first.year() < kFirstCalendarYear || last.year() > kLastCalendarYear) {
    throw OutOfRange(path, iso(first) + " to " + iso(last),
                     "is outside the years calendars cover (" + std::to_string(kFirstCalendarYear) + "-" +
                         std::to_string(kLastCalendarYear) + ")");
  }
  if (last < first) throw InvalidInput(path, iso(first) + " to " + iso(last), "ends before it starts");
}

std::string describe_source(const detail::Json& doc) {
  auto it = doc.find("source");
  if (it == doc.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  std::string out;
  auto append = [&out](const std::string& s) { out += (out.empty() ? "" : "; ") + s; };
  if (it->is_object()) {
    if (it->contains("publisher") && (*it)["publisher"].is_string()) append((*it)["publisher"].get<std::string>());
    if (it->contains("urls") && (*it)["urls"].is_array()) {
      for (const auto& url : (*it)["urls"]) {
        if (url.is_string()) append(url.get<std::string>());
      }
    }
  }
  return out;
}

}  // namespace

SchoolCalendar SchoolCalendar::default_calendar() {
  static const SchoolCalendar instance = [] {
    const Date first = ymd(kFirstCalendarYear, 1, 1);
    const Date last = ymd(kLastCalendarYear, 12, 31);
    std::vector<Term> terms;
    for (int y = kFirstCalendarYear - 1; y <= kLastCalendarYear; ++y) {
      for (Term& t : standard_year(y)) {
        if (t.start >= first && t.end <= last) terms.push_back(std::move(t));
      }
    }
    validate_terms(terms, first, last);
    return SchoolCalendar(std::make_shared<const Table>(
        "default", "Standard English school year (rule-based approximation)",
        "redress rules, docs/calendars.md; calibrated against Hampshire County Council 2019/20-2025/26",
        std::move(terms), Calendar::england_and_wales(), std::vector<Date>{}, first, last));
  }();
  return instance;
}

std::vector<std::string> SchoolCalendar::names() {
  return {"default", "hampshire"};
}

const SchoolCalendar& detail::named_school_calendar(std::string_view name) {
  if (name == "default") {
    static const SchoolCalendar standard = SchoolCalendar::default_calendar();
    return standard;
  }
  if (name == "hampshire") {
    static const SchoolCalendar hampshire = SchoolCalendar::from_json(detail::kSchoolCalendarHampshire);
    return hampshire;
  }
  throw InvalidInput("school_calendar", std::string(name), "is not a known school calendar: default, hampshire");
}

SchoolCalendar SchoolCalendar::named(std::string_view name) {
  return detail::named_school_calendar(name);
}

SchoolCalendar SchoolCalendar::from_json(std::string_view json, const Calendar& holidays) {
  const detail::Json doc = detail::parse_config(json, "school calendar");
  detail::require_object(doc, "");
  detail::require_format(doc, "redress.school_calendar/1");
  std::string name = detail::require_string(doc, "name", "");
  std::string title = detail::optional_string(doc, "title", "", name);
  const auto& terms_json = detail::require_array(doc, "terms", "");
  if (terms_json.empty()) throw InvalidInput("terms", "[]", "must list at least one term");
  std::vector<Term> terms;
  for (std::size_t i = 0; i < terms_json.size(); ++i) {
    const std::string path = detail::join("terms", i);
    const auto& t = terms_json[i];
    Term term{detail::optional_string(t, "academic_year", path),
              detail::require_string(t, "term", path),
              detail::require_date(t, "start", path),
              detail::require_date(t, "end", path),
              {}};
    if (t.contains("breaks")) {
      const auto& breaks = detail::require_array(t, "breaks", path);
      for (std::size_t j = 0; j < breaks.size(); ++j) {
        const std::string bpath = path + ".breaks[" + std::to_string(j) + "]";
        term.breaks.push_back({detail::optional_string(breaks[j], "name", bpath, "break"),
                               detail::require_date(breaks[j], "from", bpath),
                               detail::require_date(breaks[j], "to", bpath)});
      }
    }
    terms.push_back(std::move(term));
  }
  Date first = doc.contains("first_day") ? detail::require_date(doc, "first_day", "") : terms.front().start;
  Date last = doc.contains("last_day") ? detail::require_date(doc, "last_day", "") : terms.back().end;
  check_coverage(first, last, "first_day");
  validate_terms(terms, first, last);
  std::vector<Date> closures;
  if (doc.contains("closures")) {
    const auto& list = detail::require_array(doc, "closures", "");
    for (std::size_t i = 0; i < list.size(); ++i) {
      closures.push_back(detail::require_date(list[i], "date", detail::join("closures", i)));
    }
  }
  return SchoolCalendar(std::make_shared<const Table>(std::move(name), std::move(title), describe_source(doc),
                                                      std::move(terms), holidays, closures, first, last));
}

const std::string& SchoolCalendar::name() const noexcept {
  return table_->name;
}
const std::string& SchoolCalendar::title() const noexcept {
  return table_->title;
}
const std::string& SchoolCalendar::source() const noexcept {
  return table_->source;
}
Date SchoolCalendar::first_date() const noexcept {
  return table_->days.first();
}
Date SchoolCalendar::last_date() const noexcept {
  return table_->days.last();
}
const std::vector<Term>& SchoolCalendar::terms() const noexcept {
  return table_->terms;
}
const Calendar& SchoolCalendar::holidays() const noexcept {
  return table_->holidays;
}

bool SchoolCalendar::is_school_day(Date d) const {
  return table_->days.is_open(detail::epoch_day(d));
}

std::optional<Term> SchoolCalendar::term_at(Date d) const {
  table_->days.is_open(detail::epoch_day(d));  // range check: OutOfRange outside the coverage
  const auto& terms = table_->terms;
  auto it = std::upper_bound(terms.begin(), terms.end(), d, [](Date x, const Term& t) { return x < t.start; });
  if (it == terms.begin()) return std::nullopt;
  --it;
  if (d > it->end) return std::nullopt;
  return *it;
}

std::int64_t SchoolCalendar::school_days_between(Date a, Date b) const {
  return table_->days.between(detail::epoch_day(a), detail::epoch_day(b));
}

std::int64_t SchoolCalendar::school_days_inclusive(Date first, Date last) const {
  if (last < first) {
    throw InvalidInput("to", iso(last), "is before the period's start " + iso(first));
  }
  return school_days_between(first, last) + (is_school_day(last) ? 1 : 0);
}

Fraction SchoolCalendar::school_weeks_inclusive(Date first, Date last) const {
  return Fraction(school_days_inclusive(first, last), 5);
}

const detail::DayTable& detail::school_day_table(const SchoolCalendar& calendar) noexcept {
  return calendar.table_->days;
}

Date SchoolCalendar::add_school_days(Date d, std::int64_t n, NonWorkingStart policy) const {
  return detail::from_epoch_day(table_->days.add(detail::epoch_day(d), n, policy));
}

}  // namespace redress

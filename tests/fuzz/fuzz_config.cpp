// Fuzzes the configuration documents a user hands redress: the first byte picks the loader, the rest is the
// document. What a loader accepts is then used the way the library uses it, so that a document that loads can
// never make a later evaluation crash, hang or throw anything but a redress::Error:
//   0 a rule catalogue (RuleCatalogue::from_json): fixed timelines built from its own event names are evaluated
//     against it, and against copies made by with_length and with_setting;
//   1 complaint procedures (complaint_procedures_from_json): the shipped catalogue follows each procedure and
//     evaluates a complaint;
//   2 guidance (Guidance::from_json): a fixed remedy is calculated under it, once per version and once "auto";
//   3 a remedy section (remedy_from_json): calculated under the shipped guidance;
//   4 a school calendar (SchoolCalendar::from_json): school-day questions over its coverage, and a remedy by
//     dates counted in its school days;
//   5 a table map (TableMap::from_json): written back, read again, and a one-row table imported under it;
//   6 holiday changes (Calendar::merged): working-day questions on the calendar it makes, and a school calendar
//     on it;
//   7 a rule catalogue again (the most involved loader gets two bytes of the eight).
// Seeds and hand-written inputs start with the digit of their loader ('0' is 48, and 48 % 8 == 0).
#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "redress/calendar.hpp"
#include "redress/deadlines.hpp"
#include "redress/remedy.hpp"
#include "redress/tables.hpp"

namespace {

using redress::Date;
using redress::fuzz::expect_redress_errors_only;

constexpr std::size_t kMaxEvents = 64;  // event names taken from a catalogue for its timelines

void evaluate(const redress::Timeline& timeline, const redress::RuleCatalogue& catalogue, Date as_of) {
  expect_redress_errors_only([&] {
    redress::DeadlineOptions options;
    options.as_of = as_of;
    options.catalogue = &catalogue;
    const std::vector<redress::Deadline> deadlines = redress::evaluate_deadlines(timeline, options);
    (void)redress::deadlines_to_json(deadlines);
  });
}

// Timelines made of the catalogue's own event names: every start event on one day and every completing event
// some weeks later; the same at the ends of the case format's dates; completing events alone.
void evaluate_catalogue(const redress::RuleCatalogue& catalogue) {
  std::set<std::string> starts, ends;
  for (const redress::Rule& r : catalogue.rules()) {
    for (const std::string& e : r.start_events) starts.insert(e);
    if (r.alternative) starts.insert(r.alternative->event);
    for (const auto* list : {&r.met_by, &r.superseded_by, &r.requires_events, &r.implied_by, &r.missing_start_if}) {
      for (const std::string& e : *list) ends.insert(e);
    }
  }
  auto timeline = [&](Date start, Date end, bool with_starts) {
    redress::Timeline t;
    std::size_t n = 0;
    if (with_starts) {
      for (const std::string& e : starts) {
        if (n++ == kMaxEvents) break;
        t.events.push_back({e, start, {{"transfer", "school_phase"}, {"order", "assess"}}});
      }
    }
    for (const std::string& e : ends) {
      if (n++ == 2 * kMaxEvents) break;
      t.events.push_back({e, end, {}});
    }
    t.exceptions.push_back({"absent_from_area", start, end});
    t.exceptions.push_back({"school_closure", start, start});
    t.exceptions.push_back({"coronavirus", Date(2020, 5, 1), Date(2020, 9, 25)});
    return t;
  };
  evaluate(timeline(Date(2024, 1, 10), Date(2024, 3, 1), true), catalogue, Date(2026, 11, 22));
  evaluate(timeline(Date(1991, 1, 1), Date(1991, 1, 1), true), catalogue, Date(2098, 12, 31));
  evaluate(timeline(Date(2098, 12, 31), Date(2098, 12, 31), true), catalogue, Date(2098, 12, 31));
  evaluate(timeline(Date(2020, 6, 1), Date(2020, 6, 1), false), catalogue, Date(2020, 6, 2));

  // The vectorised form of each rule, over a column of starts at the ends of the case dates and one missing.
  const std::int64_t epoch[] = {(Date(1991, 1, 1) - Date(1970, 1, 1)).days(),
                                (Date(2024, 1, 10) - Date(1970, 1, 1)).days(),
                                (Date(2098, 12, 31) - Date(1970, 1, 1)).days(), redress::Calendar::kMissingDay};
  const std::int64_t met[] = {epoch[1], redress::Calendar::kMissingDay, epoch[2], epoch[0]};
  const redress::Calendar holidays = redress::Calendar::england_and_wales();
  const redress::SchoolCalendar school = redress::SchoolCalendar::default_calendar();
  for (std::size_t i = 0; i < catalogue.rules().size() && i < 16; ++i) {
    std::int64_t due[4], late[4];
    std::int8_t status[4];
    expect_redress_errors_only([&] {
      redress::evaluate_rule(catalogue.rules()[i], epoch, met, 4, epoch[1], due, status, late, holidays, school);
    });
  }
  (void)catalogue.settings();
  if (!catalogue.rules().empty()) {
    const std::string& id = catalogue.rules().front().id;
    for (const int length : {0, -1, INT_MAX, INT_MIN}) {
      expect_redress_errors_only([&] {
        evaluate(timeline(Date(2024, 1, 10), Date(2024, 3, 1), true), catalogue.with_length(id, length),
                 Date(2026, 11, 22));
      });
    }
  }
  expect_redress_errors_only([&] {
    for (const auto& setting : catalogue.settings()) {
      for (const int v : {0, 1, setting.second, INT_MAX}) {
        expect_redress_errors_only([&] {
          evaluate(timeline(Date(2024, 1, 10), Date(2024, 3, 1), true), catalogue.with_setting(setting.first, v),
                   Date(2026, 11, 22));
        });
      }
    }
  });
}

void holiday_changes(std::string_view json) {
  const redress::Calendar cal = redress::Calendar::england_and_wales().merged(json);
  for (const Date d : {Date(1990, 1, 1), Date(2024, 12, 25), Date(2100, 12, 31)}) {
    (void)cal.is_working_day(d);
    expect_redress_errors_only([&] { (void)cal.add_working_days(d, 20); });
    expect_redress_errors_only([&] { (void)cal.add_working_days(d, -20); });
  }
  (void)cal.working_days_between(Date(1990, 1, 1), Date(2100, 12, 31));
  redress::SchoolCalendar::from_json(
      R"({"format": "redress.school_calendar/1", "name": "x", "terms": [{"term": "autumn", "start": "2024-09-04",
          "end": "2024-12-20", "breaks": [{"from": "2024-10-28", "to": "2024-11-01"}]}]})",
      cal)
      .add_school_days(Date(2024, 9, 4), 30);
}

void complaint_procedures(std::string_view json) {
  const std::vector<redress::ComplaintProcedure> table = redress::complaint_procedures_from_json(json);
  redress::Timeline t;
  t.events = {{"complaint_to_council", Date(2026, 5, 1), {}},
              {"complaint_acknowledged", Date(2026, 5, 6), {}},
              {"stage1_response_sent", Date(2026, 6, 1), {}},
              {"stage2_requested", Date(2026, 6, 10), {}}};
  for (std::size_t i = 0; i < table.size() && i < 4; ++i) {
    if (redress::find_procedure(table, table[i].authority) == nullptr) std::abort();
    expect_redress_errors_only([&] {
      const redress::RuleCatalogue c = redress::RuleCatalogue::standard().with_procedure(table[i]);
      evaluate(t, c, Date(2026, 11, 22));
    });
  }
}

redress::Remedy fixed_remedy() {
  redress::Remedy r;
  redress::LostProvision months;
  months.form = redress::LostProvision::Form::months;
  months.from_month = {2022, 9};
  months.to_month = {2023, 3};
  months.rate = redress::Money::parse("600");
  months.per = redress::RateUnit::month;
  r.lost_provision.push_back(months);
  redress::LostProvision dates;
  dates.form = redress::LostProvision::Form::dates;
  dates.from_date = Date(2023, 4, 17);
  dates.to_date = Date(2023, 12, 15);
  dates.rate = redress::Money::parse("1800");
  dates.per = redress::RateUnit::term;
  dates.provision = redress::Provision::partial;
  r.lost_provision.push_back(dates);
  r.payments.push_back({redress::PaymentKind::distress, redress::Money::parse("300"), redress::Recipient::parent, ""});
  return r;
}

void run_remedy(const redress::Remedy& remedy, const redress::RemedyOptions& options) {
  expect_redress_errors_only([&] {
    const redress::RemedyBreakdown b = redress::calculate(remedy, options);
    (void)b.explain();
    (void)redress::breakdown_to_json(b);
  });
}

void guidance(std::string_view json) {
  const redress::Guidance g = redress::Guidance::from_json(json);
  redress::Remedy remedy = fixed_remedy();
  redress::RemedyOptions options;
  options.guidance = &g;
  options.final_decision = Date(2024, 2, 1);
  run_remedy(remedy, options);
  for (std::size_t i = 0; i < g.versions().size() && i < 4; ++i) {
    remedy.guidance = g.versions()[i].id;
    if (g.version(remedy.guidance).id != remedy.guidance) std::abort();
    run_remedy(remedy, options);
    expect_redress_errors_only([&] {
      const redress::Guidance lowered = g.with_lower_bound(g.versions()[i].id, redress::Money::parse("100"));
      options.guidance = &lowered;
      run_remedy(remedy, options);
      options.guidance = &g;
    });
  }
  for (const Date d : {Date(1991, 1, 1), Date(2022, 12, 31), Date(2023, 1, 1), Date(2098, 12, 31)}) {
    expect_redress_errors_only([&] { (void)g.for_decision(d); });
  }
}

void remedy(std::string_view json) {
  const redress::Remedy r = redress::remedy_from_json(json);
  (void)redress::remedy_to_json(r);
  redress::RemedyOptions options;
  options.final_decision = Date(2024, 2, 1);
  options.as_of = Date(2026, 11, 22);
  run_remedy(r, options);
}

void school_calendar(std::string_view json) {
  const redress::SchoolCalendar cal = redress::SchoolCalendar::from_json(json);
  const Date first = cal.first_date();
  const Date last = cal.last_date();
  if (last < first) std::abort();
  const Date middle = first + boost::gregorian::days((last - first).days() / 2);
  for (const Date d : {first, middle, last}) {
    (void)cal.is_school_day(d);
    (void)cal.term_at(d);
  }
  const std::int64_t days = cal.school_days_inclusive(first, last);
  if (days < 0 || days > (last - first).days() + 1) std::abort();
  if (cal.school_days_between(first, last) > days) std::abort();
  (void)cal.school_weeks_inclusive(first, middle);
  expect_redress_errors_only([&] { (void)cal.add_school_days(first, 10); });
  expect_redress_errors_only([&] { (void)cal.add_school_days(last, -10); });
  expect_redress_errors_only([&] { (void)cal.add_school_days(middle, days); });
  expect_redress_errors_only([&] { (void)cal.add_school_days(middle, -days - 1); });
  redress::Remedy r;
  redress::LostProvision p;
  p.form = redress::LostProvision::Form::dates;
  p.from_date = first;
  p.to_date = last;
  p.rate = redress::Money::parse("1800");
  p.per = redress::RateUnit::term;
  r.lost_provision.push_back(p);
  p.from_date = middle;
  p.per = redress::RateUnit::month;
  p.head = redress::Head::special_provision;
  r.lost_provision.push_back(p);
  redress::RemedyOptions options;
  options.school_calendar = cal;
  options.final_decision = Date(2024, 2, 1);
  run_remedy(r, options);
}

std::string csv_cell(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void table_map(std::string_view json) {
  const redress::TableMap map = redress::TableMap::from_json(json);
  const std::string written = map.to_json();
  expect_redress_errors_only([&] { (void)redress::TableMap::from_json(written); });
  expect_redress_errors_only([&] { (void)redress::TableMap::preset("sen2-requests").overridden_by(map); });
  // One table whose header is the map's columns, each cell a value of a likely kind.
  std::string header, row;
  const char* const values[] = {"2024-01-10", "10/01/2024", "Example Council", "600", "month", "12345678", "yes"};
  std::size_t k = 0;
  for (const auto& [name, targets] : map.columns) {
    const char sep = map.delimiter == 0 ? ',' : map.delimiter;
    if (k > 0) {
      header += sep;
      row += sep;
    }
    header += csv_cell(name);
    row += csv_cell(values[k++ % (sizeof values / sizeof values[0])]);
    (void)targets;
  }
  std::istringstream in(header + "\n" + row + "\n" + row + "\n");
  std::ostringstream out;
  expect_redress_errors_only([&] {
    const redress::ImportStats stats = redress::import_csv(in, out, map);
    if (stats.cases + stats.errors != stats.rows) std::abort();
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view json = redress::fuzz::text(data + 1, size - 1);
  expect_redress_errors_only([&] {
    switch (data[0] % 8) {
      case 1: complaint_procedures(json); break;
      case 2: guidance(json); break;
      case 3: remedy(json); break;
      case 4: school_calendar(json); break;
      case 5: table_map(json); break;
      case 6: holiday_changes(json); break;
      default: evaluate_catalogue(redress::RuleCatalogue::from_json(json)); break;
    }
  });
  return 0;
}

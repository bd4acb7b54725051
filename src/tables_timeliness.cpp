// The DfE's 20-week timeliness measures over a JSON Lines file of cases, with the data-quality checks
// (include/redress/tables.hpp). The counting itself is the deadlines layer's timeliness(); this file reads the
// cases (simdjson, one line at a time), runs the checks and adds the average weeks.
#include <simdjson.h>

#include <algorithm>
#include <istream>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "redress/deadlines.hpp"
#include "redress/error.hpp"
#include "redress/tables.hpp"

namespace redress {

namespace {

// Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (proleptic Gregorian), or false.
bool iso_days(std::string_view s, std::int64_t& days, int& year) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const int m = (s[5] - '0') * 10 + (s[6] - '0');
  const int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  // Howard Hinnant's days_from_civil.
  const int yy = y - (m <= 2);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  year = y;
  return true;
}

Date date_of(std::int64_t days) {
  return Date(1970, 1, 1) + boost::gregorian::date_duration(days);
}

constexpr std::int64_t kNone = INT64_MIN;

struct CaseDates {
  std::string id;
  std::string authority;
  std::int64_t request = kNone, plan = kNone, outcome = kNone;
  std::string outcome_event;
  int plan_year = 0;
  bool exceptions_apply = false;
  std::vector<std::pair<std::int64_t, std::int64_t>> exceptions;
};

std::string one_decimal(std::int64_t tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

// 100 * part / whole to one decimal, half away from zero; "z" for a zero denominator.
std::string pc(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "z";
  return one_decimal((2000 * part + whole) / (2 * whole));
}

std::string avg_weeks(std::int64_t days, std::int64_t count) {
  if (count == 0) return "z";
  return one_decimal((20 * days + 7 * count) / (14 * count));
}

}  // namespace

CaseTimeliness timeliness_of_cases(std::istream& jsonl) {
  CaseTimeliness out;
  for (const char* check : {"request_missing", "outcome_before_request", "plan_before_request", "plan_over_5_years"})
    out.warning_counts[check] = 0;
  simdjson::dom::parser parser;
  std::string line;
  std::size_t number = 0;
  std::vector<MeasureRecord> records;
  // Days from request to plan, in total and without the cases with exceptions, per (authority, year): the
  // authority interned to a number (0 is England), the key (number << 16) | year.
  std::unordered_map<std::string, std::uint64_t> authority_ids;
  std::unordered_map<std::uint64_t, std::pair<std::int64_t, std::int64_t>> days;
  auto key_of = [&](const std::string& authority, int year) {
    std::uint64_t id = 0;
    if (authority != "England") {
      const auto [it, fresh] = authority_ids.emplace(authority, authority_ids.size() + 1);
      id = it->second;
    }
    return (id << 16) | static_cast<std::uint64_t>(year & 0xFFFF);
  };
  auto warn = [&](const CaseDates& c, const char* check, std::string message) {
    out.warnings.push_back({number, c.id, check, std::move(message)});
    ++out.warning_counts[check];
  };
  CaseDates c;
  while (std::getline(jsonl, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    simdjson::dom::element doc;
    if (parser.parse(line).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      ++out.skipped;
      continue;
    }
    simdjson::dom::object obj = doc.get_object().value_unsafe();
    if (obj["error"].error() == simdjson::SUCCESS && obj["row"].error() == simdjson::SUCCESS) {
      ++out.skipped;  // an import's error line
      continue;
    }
    ++out.cases;
    c = CaseDates{};
    std::string_view s;
    if (obj["id"].get_string().get(s) == simdjson::SUCCESS) {
      c.id = std::string(s);
    } else if (obj["reference"].get_string().get(s) == simdjson::SUCCESS) {
      c.id = std::string(s);
    }
    if (obj["authority"].get_string().get(s) == simdjson::SUCCESS) c.authority = std::string(s);
    simdjson::dom::object send;
    if (obj["send"].get_object().get(send) == simdjson::SUCCESS) {
      bool flag = false;
      if (send["exceptions_apply"].get_bool().get(flag) == simdjson::SUCCESS) c.exceptions_apply = flag;
      simdjson::dom::array events;
      if (send["events"].get_array().get(events) == simdjson::SUCCESS) {
        for (simdjson::dom::element e : events) {
          std::string_view name, date;
          if (e["event"].get_string().get(name) != simdjson::SUCCESS) continue;
          if (e["date"].get_string().get(date) != simdjson::SUCCESS) continue;
          std::int64_t d = 0;
          int y = 0;
          if (!iso_days(date, d, y)) continue;
          if (name == "ehc_request_received") {
            if (c.request == kNone || d < c.request) c.request = d;
          } else if (name == "final_plan_issued") {
            if (c.plan == kNone || d < c.plan) {
              c.plan = d;
              c.plan_year = y;
            }
          } else if (name == "assessment_decision_notified" || name == "no_plan_decision_notified") {
            if (c.outcome == kNone || d < c.outcome) {
              c.outcome = d;
              c.outcome_event = std::string(name);
            }
          }
        }
      }
      simdjson::dom::array exceptions;
      if (send["exceptions"].get_array().get(exceptions) == simdjson::SUCCESS) {
        for (simdjson::dom::element e : exceptions) {
          std::string_view from, to;
          std::int64_t f = 0, t = 0;
          int y = 0;
          if (e["from"].get_string().get(from) == simdjson::SUCCESS &&
              e["to"].get_string().get(to) == simdjson::SUCCESS && iso_days(from, f, y) && iso_days(to, t, y))
            c.exceptions.emplace_back(f, t);
        }
      }
    }
    // The data-quality checks.
    if (c.request == kNone) {
      if (c.plan != kNone)
        warn(c, "request_missing", "a final plan was issued on " + iso(date_of(c.plan)) + " but no request date");
      else if (c.outcome != kNone)
        warn(c, "request_missing", c.outcome_event + " on " + iso(date_of(c.outcome)) + " but no request date");
      continue;
    }
    if (c.outcome != kNone && c.outcome < c.request)
      warn(c, "outcome_before_request",
           c.outcome_event + " on " + iso(date_of(c.outcome)) + " is before the request on " + iso(date_of(c.request)));
    if (c.plan == kNone) continue;
    if (c.plan < c.request) {
      warn(c, "plan_before_request",
           "final plan issued on " + iso(date_of(c.plan)) + " is before the request on " + iso(date_of(c.request)) +
               "; left out of the measures");
      continue;
    }
    if (date_of(c.plan) > date_of(c.request) + boost::gregorian::years(5))
      warn(c, "plan_over_5_years",
           "final plan issued on " + iso(date_of(c.plan)) + " is more than 5 years after the request on " +
               iso(date_of(c.request)));
    bool exception = c.exceptions_apply;
    for (const auto& [f, t] : c.exceptions) exception |= f <= c.plan && t >= c.request;
    MeasureRecord r;
    r.authority = c.authority;
    r.start = date_of(c.request);
    r.completed = date_of(c.plan);
    r.exception = exception;
    records.push_back(std::move(r));
    const std::int64_t taken = c.plan - c.request;
    for (const std::uint64_t key : {key_of("England", c.plan_year), key_of(c.authority, c.plan_year)}) {
      auto& [all, ex] = days[key];
      all += taken;
      if (!exception) ex += taken;
    }
  }
  for (const TimelinessRow& t : timeliness(records, 20)) {
    CaseTimelinessRow row;
    row.authority = t.authority;
    row.year = t.year;
    row.den = t.den;
    row.within = t.within;
    row.over_limit_under_year = t.over_limit_under_year;
    row.over_year = t.over_year;
    row.den_ex = t.den_ex;
    row.within_ex = t.within_ex;
    row.over_limit_under_year_ex = t.over_limit_under_year_ex;
    row.over_year_ex = t.over_year_ex;
    const auto& d = days[key_of(t.authority, t.year)];
    row.days_total = d.first;
    row.days_total_ex = d.second;
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> timeliness_columns() {
  return {"time_period",
          "geographic_level",
          "la_name",
          "plans_issued_den",
          "plans_issued_den_ex",
          "plans_issued_within_20_weeks",
          "plans_issued_20_weeks_ex",
          "pc_plans_issued_within_20_weeks",
          "pc_plans_issued_20_weeks_ex",
          "plans_issued_gt20weeks_ltYear",
          "plans_issued_gt20weeks_ltYear_ex",
          "pc_plans_issued_gt20weeks_ltYear",
          "pc_plans_issued_gt20weeks_ltYear_ex",
          "plans_issued_gt_1_year",
          "plans_issued_gt_1_year_ex",
          "pc_plans_issued_gt_1_year",
          "pc_plans_issued_gt_1_year_ex",
          "avg_weeks_issue_plan",
          "avg_weeks_issue_plan_exc"};
}

std::vector<std::string> timeliness_values(const CaseTimelinessRow& r) {
  const bool national = r.authority == "England";
  return {std::to_string(r.year),
          national ? "National" : "Local authority",
          r.authority,
          std::to_string(r.den),
          std::to_string(r.den_ex),
          std::to_string(r.within),
          std::to_string(r.within_ex),
          pc(r.within, r.den),
          pc(r.within_ex, r.den_ex),
          std::to_string(r.over_limit_under_year),
          std::to_string(r.over_limit_under_year_ex),
          pc(r.over_limit_under_year, r.den),
          pc(r.over_limit_under_year_ex, r.den_ex),
          std::to_string(r.over_year),
          std::to_string(r.over_year_ex),
          pc(r.over_year, r.den),
          pc(r.over_year_ex, r.den_ex),
          avg_weeks(r.days_total, r.den),
          avg_weeks(r.days_total_ex, r.den_ex)};
}

}  // namespace redress

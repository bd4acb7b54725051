#include "redress/deadlines.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include "detail/config_json.hpp"
#include "detail/day_table.hpp"
#include "detail/embedded_data.hpp"
#include "detail/evaluate.hpp"
#include "detail/json_read.hpp"
#include "detail/name_index.hpp"
#include "detail/names.hpp"
#include "detail/report_json.hpp"
#include "redress/error.hpp"

namespace redress {

namespace greg = boost::gregorian;
using detail::Json;

std::string_view to_string(Roll v) noexcept {
  switch (v) {
    case Roll::none: return "none";
    case Roll::next_working_day: return "next_working_day";
    case Roll::tribunal_sen: return "tribunal_sen";
  }
  return "";
}

std::string_view to_string(Evidence v) noexcept {
  switch (v) {
    case Evidence::verified: return "verified";
    case Evidence::secondary: return "secondary";
    case Evidence::unconfirmed: return "unconfirmed";
  }
  return "";
}

std::string_view to_string(DeadlineStatus v) noexcept {
  switch (v) {
    case DeadlineStatus::met_on_time: return "met_on_time";
    case DeadlineStatus::met_late: return "met_late";
    case DeadlineStatus::pending: return "pending";
    case DeadlineStatus::overdue: return "overdue";
    case DeadlineStatus::window_open: return "window_open";
    case DeadlineStatus::window_closed: return "window_closed";
    case DeadlineStatus::not_applicable: return "not_applicable";
    case DeadlineStatus::not_computable: return "not_computable";
  }
  return "";
}

// --- The catalogue ------------------------------------------------------------------------------------------

namespace {

std::vector<std::string> strings_at(const Json& object, std::string_view key, const std::string& path) {
  std::vector<std::string> out;
  if (!object.contains(key)) return out;
  const Json& list = detail::require_array(object, key, path);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string())
      throw InvalidInput(detail::join(detail::join(path, key), i), detail::show(list[i]), "must be a string");
    out.push_back(list[i].get<std::string>());
  }
  return out;
}

// A whole number that fits in an int: 2^32 + 6 is refused, not read as 6.
int int_at(const Json& object, std::string_view key, const std::string& path) {
  const Json& v = detail::require(object, key, path);
  if (!v.is_number_integer()) throw InvalidInput(detail::join(path, key), detail::show(v), "must be a whole number");
  const bool fits = v.is_number_unsigned() ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT_MAX)
                                           : v.get<std::int64_t>() >= INT_MIN && v.get<std::int64_t>() <= INT_MAX;
  if (!fits) {
    throw OutOfRange(detail::join(path, key), detail::show(v),
                     "is beyond the whole numbers a rule or a setting may hold (" + std::to_string(INT_MIN) + " to " +
                         std::to_string(INT_MAX) + ")");
  }
  return static_cast<int>(v.get<std::int64_t>());
}

Evidence parse_evidence(const std::string& text, const std::string& path) {
  if (text == "verified") return Evidence::verified;
  if (text == "secondary") return Evidence::secondary;
  if (text == "unconfirmed") return Evidence::unconfirmed;
  throw InvalidInput(path, text, "is not one of verified, secondary, unconfirmed");
}

Roll parse_roll(const std::string& text, const std::string& path) {
  if (text == "none") return Roll::none;
  if (text == "next_working_day") return Roll::next_working_day;
  if (text == "tribunal_sen") return Roll::tribunal_sen;
  throw InvalidInput(path, text, "is not one of none, next_working_day, tribunal_sen");
}

// A start taken from another rule's due date may be moved by at most a year either way (s.31(2A) moves it by 1).
constexpr int kMaxStartOffset = 366;

// A fixed date ("fixed": {"month": 2, "day": 14}) must be a day every year has: 29 February is not.
void check_fixed(const std::pair<int, int>& fixed, const std::string& path) {
  const auto [month, day] = fixed;
  if (month < 1 || month > 12) throw InvalidInput(path + ".month", std::to_string(month), "is not a month (1 to 12)");
  const int last = greg::gregorian_calendar::end_of_month_day(2023, static_cast<unsigned short>(month));
  if (day < 1 || day > last) {
    throw InvalidInput(
        path + ".day", std::to_string(day),
        "is not a day every year's month " + std::to_string(month) + " has (1 to " + std::to_string(last) + ")");
  }
}

// Each rule needs its own id. A rule may count from the due date of another (start.rule, start.else_rule), which
// the evaluation follows, so every such chain must end, and soon: a cycle or a chain longer than kMaxRuleChain is
// refused when the catalogue is read, naming the rule and the chain.
constexpr int kMaxRuleChain = 8;

// A start.rule or else_rule naming no rule of the catalogue, refused when the catalogue is read (before, every
// case's evaluation failed on it): a catalogue holds every rule its rules count from.
[[noreturn]] void no_such_rule(const std::vector<Rule>& rules, const std::string& field, const std::string& ref) {
  const auto closest =
      detail::misspelling_of(ref, rules.begin(), rules.end(), [](const Rule& r) { return std::string_view(r.id); });
  std::string rule =
      "is not the id of a rule of this catalogue: a rule counts only from the due date of another "
      "rule of the same catalogue";
  if (closest) rule += "; did you mean \"" + std::string(*closest) + "\"?";
  throw InvalidInput(field, ref, rule);
}

void check_rule_references(const std::vector<Rule>& rules) {
  std::unordered_map<std::string_view, std::size_t> at;  // each rule by its id
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto [it, added] = at.emplace(rules[i].id, i);
    if (!added) {
      throw InvalidInput(detail::join(detail::join("rules", i), "id"), rules[i].id,
                         "is the id of " + detail::join("rules", it->second) + " too: each rule needs its own id");
    }
  }
  std::vector<int> length(rules.size(), -1);  // the longest chain from each rule; -1 not known yet
  std::vector<std::size_t> chain;             // the rules being followed
  auto field = [&](std::size_t i, const std::string& ref) {
    return detail::join("rules", i) + (ref == rules[i].start_rule ? ".start.rule" : ".start.else_rule");
  };
  auto shown = [&](std::size_t from, std::size_t to) {
    std::string text;
    for (std::size_t k = from; k < chain.size(); ++k) text += rules[chain[k]].id + " -> ";
    return text + rules[to].id;
  };
  // Recursion bounded by kMaxRuleChain + 1: a longer chain is refused first.
  std::function<int(std::size_t)> follow = [&](std::size_t i) -> int {
    if (length[i] >= 0) return length[i];
    chain.push_back(i);
    int longest = 0;
    // The evaluation follows start.rule, or, for a rule started by events, else_rule when none is recorded.
    const std::string* refs[] = {&rules[i].start_rule, rules[i].start_rule.empty() ? &rules[i].else_rule : nullptr};
    for (const std::string* ref : refs) {
      if (ref == nullptr || ref->empty()) continue;
      const auto found = at.find(*ref);
      if (found == at.end()) no_such_rule(rules, field(i, *ref), *ref);
      const std::size_t j = found->second;
      const auto in_chain = std::find(chain.begin(), chain.end(), j);
      if (in_chain != chain.end()) {
        throw InvalidInput(field(i, *ref), *ref,
                           "makes a cycle of rules counting from one another's due dates (" +
                               shown(static_cast<std::size_t>(in_chain - chain.begin()), j) +
                               "): a rule cannot count from its own due date");
      }
      if (chain.size() > static_cast<std::size_t>(kMaxRuleChain)) {
        throw InvalidInput(field(i, *ref), *ref,
                           "makes a chain of rules counting from one another's due dates more than " +
                               std::to_string(kMaxRuleChain) + " deep (" + shown(0, j) +
                               "), deeper than redress follows");
      }
      const int n = 1 + follow(j);
      if (n > kMaxRuleChain) {
        throw InvalidInput(field(i, *ref), *ref,
                           "makes a chain of rules counting from one another's due dates more than " +
                               std::to_string(kMaxRuleChain) + " deep, deeper than redress follows");
      }
      longest = std::max(longest, n);
    }
    chain.pop_back();
    length[i] = longest;
    return longest;
  };
  for (std::size_t i = 0; i < rules.size(); ++i) follow(i);
}

}  // namespace

RuleCatalogue RuleCatalogue::from_json(std::string_view json) {
  const Json doc = detail::parse_config(json, "rule catalogue");
  detail::require_object(doc, "");
  detail::require_format(doc, "redress.rules/1");
  RuleCatalogue c;
  if (doc.contains("windows")) {
    const Json& windows = detail::require_array(doc, "windows", "");
    for (std::size_t i = 0; i < windows.size(); ++i) {
      const std::string path = detail::join("windows", i);
      c.windows_.push_back(
          {detail::require_string(windows[i], "id", path), detail::optional_string(windows[i], "title", path),
           detail::require_date(windows[i], "from", path), detail::require_date(windows[i], "to", path),
           detail::optional_string(windows[i], "exception", path),
           detail::optional_string(windows[i], "source", path)});
      if (c.windows_.back().to < c.windows_.back().from) {
        throw InvalidInput(path + ".to", iso(c.windows_.back().to),
                           "is before the window's from " + iso(c.windows_.back().from));
      }
    }
  }
  const Json& rules = detail::require_array(doc, "rules", "");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string path = detail::join("rules", i);
    const Json& r = rules[i];
    // A field one edit from a known one (two for longer names) is a misspelling, refused: a misspelt "met_by"
    // would otherwise leave the rule with nothing that meets it. Other unknown fields pass.
    if (r.is_object()) {
      detail::check_fields(r,
                           {"id",
                            "title",
                            "source",
                            "evidence",
                            "notes",
                            "kind",
                            "start",
                            "length",
                            "unit",
                            "counting",
                            "fixed",
                            "alternative",
                            "met_by",
                            "met_window",
                            "superseded_by",
                            "requires",
                            "implied_by",
                            "track",
                            "report_missing_start",
                            "met_any_time",
                            "roll",
                            "exceptions",
                            "absence_min_weeks",
                            "start_offset_days",
                            "offset_setting",
                            "missing_start_if",
                            "implied_text",
                            "in_force",
                            "measure",
                            "setting",
                            "due_text",
                            "start_text"},
                           path, "a rule");
    }
    Rule rule;
    rule.id = detail::require_string(r, "id", path);
    rule.title = detail::require_string(r, "title", path);
    const Json& source = detail::require(r, "source", path);
    rule.instrument = detail::require_string(source, "instrument", path + ".source");
    rule.provision = detail::require_string(source, "provision", path + ".source");
    rule.url = detail::optional_string(source, "url", path + ".source");
    rule.evidence = parse_evidence(detail::require_string(r, "evidence", path), path + ".evidence");
    rule.notes = detail::optional_string(r, "notes", path);
    rule.window = detail::optional_string(r, "kind", path, "duty") == "window";
    const Json& start = detail::require(r, "start", path);
    if (start.is_object()) {
      detail::check_fields(start, {"event", "events", "rule", "else_rule", "where"}, path + ".start", "a rule");
    }
    if (start.contains("event")) rule.start_events.push_back(detail::require_string(start, "event", path + ".start"));
    for (const std::string& e : strings_at(start, "events", path + ".start")) rule.start_events.push_back(e);
    rule.start_rule = detail::optional_string(start, "rule", path + ".start");
    rule.else_rule = detail::optional_string(start, "else_rule", path + ".start");
    if (start.contains("where")) {
      for (const auto& [k, v] : start["where"].items()) rule.start_where[k] = detail::show(v);
    }
    if (rule.start_events.empty() && rule.start_rule.empty()) {
      throw InvalidInput(path + ".start", start.dump(), "must name an event, events or a rule");
    }
    if (r.contains("length")) rule.length = int_at(r, "length", path);
    if (r.contains("unit")) rule.unit = parse_unit(detail::require_string(r, "unit", path));
    if (r.contains("counting")) rule.counting = parse_counting(detail::require_string(r, "counting", path));
    if (r.contains("fixed")) {
      rule.fixed =
          std::make_pair(int_at(r["fixed"], "month", path + ".fixed"), int_at(r["fixed"], "day", path + ".fixed"));
      check_fixed(*rule.fixed, path + ".fixed");
    }
    if (r.contains("alternative")) {
      const Json& a = r["alternative"];
      const std::string apath = path + ".alternative";
      rule.alternative = Rule::Alternative{detail::require_string(a, "event", apath), int_at(a, "length", apath),
                                           parse_unit(detail::require_string(a, "unit", apath)),
                                           parse_counting(detail::optional_string(a, "counting", apath, "within"))};
    }
    rule.met_by = strings_at(r, "met_by", path);
    rule.met_window = detail::optional_string(r, "met_window", path, "after");
    rule.superseded_by = strings_at(r, "superseded_by", path);
    rule.requires_events = strings_at(r, "requires", path);
    rule.implied_by = strings_at(r, "implied_by", path);
    rule.if_recorded = detail::optional_string(r, "track", path, "always") == "if_recorded";
    rule.report_missing_start = detail::optional_bool(r, "report_missing_start", path);
    rule.met_any_time = detail::optional_bool(r, "met_any_time", path);
    rule.roll = parse_roll(detail::optional_string(r, "roll", path, "none"), path + ".roll");
    rule.exceptions = strings_at(r, "exceptions", path);
    if (r.contains("absence_min_weeks")) rule.absence_min_weeks = int_at(r, "absence_min_weeks", path);
    if (r.contains("start_offset_days")) {
      rule.start_offset_days = int_at(r, "start_offset_days", path);
      if (rule.start_offset_days < -kMaxStartOffset || rule.start_offset_days > kMaxStartOffset) {
        throw OutOfRange(path + ".start_offset_days", std::to_string(rule.start_offset_days),
                         "is more than " + std::to_string(kMaxStartOffset) +
                             " days either way, the most a start may be moved from another rule's due date");
      }
    }
    rule.offset_setting = detail::optional_string(r, "offset_setting", path);
    rule.missing_start_if = strings_at(r, "missing_start_if", path);
    rule.implied_text = detail::optional_string(r, "implied_text", path);
    if (!rule.implied_by.empty() && rule.met_by.empty()) {
      throw InvalidInput(path + ".implied_by", detail::show(r["implied_by"]),
                         "names later steps that show the completing step happened, but the rule has no met_by "
                         "naming that step");
    }
    if (r.contains("in_force")) {
      const Json& f = r["in_force"];
      if (f.contains("from") && !f["from"].is_null())
        rule.in_force_from = detail::require_date(f, "from", path + ".in_force");
      if (f.contains("to") && !f["to"].is_null()) rule.in_force_to = detail::require_date(f, "to", path + ".in_force");
      if (rule.in_force_from && rule.in_force_to && *rule.in_force_to < *rule.in_force_from) {
        throw InvalidInput(
            path + ".in_force.to", iso(*rule.in_force_to),
            "is before the rule's in_force from " + iso(*rule.in_force_from) + ": the rule would never apply");
      }
    }
    rule.measure = detail::optional_string(r, "measure", path);
    rule.setting = detail::optional_string(r, "setting", path);
    rule.due_text = detail::optional_string(r, "due_text", path, rule.title);
    rule.start_text = detail::optional_string(r, "start_text", path, "the start");
    c.rules_.push_back(std::move(rule));
  }
  check_rule_references(c.rules_);
  c.index();
  return c;
}

const RuleCatalogue& RuleCatalogue::standard() {
  static const RuleCatalogue instance = from_json(detail::kRuleCatalogue);
  return instance;
}

const Rule& RuleCatalogue::rule(std::string_view id) const {
  for (const Rule& r : rules_) {
    if (r.id == id) return r;
  }
  throw InvalidInput("rule", std::string(id), "is not a rule of the catalogue");
}

RuleCatalogue RuleCatalogue::with_length(std::string_view rule_id, int length) const {
  RuleCatalogue copy = *this;
  copy.rule(rule_id);  // throws for unknown ids
  for (Rule& r : copy.rules_) {
    if (r.id == rule_id) {
      r.length = length;
      r.notes += (r.notes.empty() ? "" : " ") + std::string("Length overridden by the caller: ") +
                 std::to_string(length) + ".";
    }
  }
  copy.index();
  return copy;
}

std::map<std::string, int> RuleCatalogue::settings() const {
  std::map<std::string, int> out;
  for (const Rule& r : rules_) {
    if (!r.setting.empty()) out[r.setting] = r.length.value_or(0);
    if (!r.offset_setting.empty()) out[r.offset_setting] = r.start_offset_days;
  }
  return out;
}

RuleCatalogue RuleCatalogue::with_setting(std::string_view setting, int value) const {
  RuleCatalogue copy = *this;
  bool found = false;
  for (Rule& r : copy.rules_) {
    if (!r.setting.empty() && r.setting == setting) {
      if (value < 0)
        throw InvalidInput("setting", std::string(setting) + " = " + std::to_string(value), "must not be negative");
      r.length = value;
      r.instrument = "The authority's complaint procedure";
      r.provision = std::string(setting) + " = " + std::to_string(value);
      r.in_force_from.reset();  // a council's own procedure applies whatever the date
      found = true;
    }
    if (!r.offset_setting.empty() && r.offset_setting == setting) {
      if (value != 0 && value != 1) {
        throw InvalidInput("setting", std::string(setting) + " = " + std::to_string(value),
                           "must be 1 (count from the day after the first period ends) or 0 (its last day is day 1)");
      }
      r.start_offset_days = value;
      found = true;
    }
  }
  if (!found) {
    std::string known;
    for (const auto& entry : settings()) known += (known.empty() ? "" : ", ") + entry.first;
    throw InvalidInput("setting", std::string(setting), "is not a setting of the catalogue: " + known);
  }
  copy.index();
  return copy;
}

namespace {
bool is_complaint_rule(const Rule& r) {
  return r.id.rfind("complaint.", 0) == 0;
}
}  // namespace

RuleCatalogue RuleCatalogue::with_complaint_code_from(std::optional<Date> from) const {
  RuleCatalogue copy = *this;
  for (Rule& r : copy.rules_) {
    if (is_complaint_rule(r)) r.in_force_from = from;
  }
  copy.index();
  return copy;
}

RuleCatalogue RuleCatalogue::with_procedure(const ComplaintProcedure& procedure) const {
  RuleCatalogue copy = *this;
  for (const auto& [name, value] : procedure.settings) copy = copy.with_setting(name, value);
  const std::string who = procedure.authority.empty() ? "The authority" : procedure.authority;
  for (Rule& r : copy.rules_) {
    // Only the timescales the council states; the others stay the Code's, with the Code's date.
    if (!is_complaint_rule(r) || procedure.settings.count(r.setting) == 0) continue;
    r.in_force_from = procedure.from;
    r.instrument = who + "'s complaint procedure";
    if (!r.setting.empty()) r.provision = r.setting + " = " + std::to_string(r.length.value_or(0));
    if (!procedure.source.empty()) r.url = procedure.source;
    r.evidence = Evidence::verified;  // the caller states the procedure
    r.notes = "Timescale from the council's own procedure as supplied by the caller" +
              (procedure.from ? ", for complaints received on or after " + iso(*procedure.from) : std::string()) + ".";
  }
  copy.index();
  return copy;
}

std::vector<ComplaintProcedure> complaint_procedures_from_json(std::string_view json) {
  const Json doc = detail::parse_config(json, "complaint procedures");
  detail::require_object(doc, "");
  detail::require_format(doc, "redress.complaint_procedures/1");
  const std::map<std::string, int> known = RuleCatalogue::standard().settings();
  std::vector<ComplaintProcedure> out;
  const Json& list = detail::require_array(doc, "procedures", "");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = detail::join("procedures", i);
    const Json& item = list[i];
    detail::require_object(item, path);
    ComplaintProcedure p;
    p.authority = detail::require_string(item, "authority", path);
    p.source = detail::optional_string(item, "source", path);
    if (item.contains("from") && !item["from"].is_null()) p.from = detail::require_date(item, "from", path);
    for (const auto& [key, value] : item.items()) {
      if (key == "authority" || key == "source" || key == "from") continue;
      if (key.rfind("stage", 0) != 0 || known.count(key) == 0) {
        throw InvalidInput(detail::join(path, key), detail::show(value),
                           "is not a complaint-procedure setting: stage1_acknowledge_days, stage1_response_days, "
                           "stage2_acknowledge_days, stage2_response_days");
      }
      const int days = int_at(item, key, path);
      if (days < 0) throw InvalidInput(detail::join(path, key), std::to_string(days), "must not be negative");
      p.settings[key] = days;
    }
    out.push_back(std::move(p));
  }
  return out;
}

const ComplaintProcedure* find_procedure(const std::vector<ComplaintProcedure>& table, std::string_view authority) {
  for (const ComplaintProcedure& p : table) {
    if (p.authority == authority) return &p;
  }
  return nullptr;
}

// --- Evaluation ---------------------------------------------------------------------------------------------

Deadline deadline_of(const Rule& rule) {
  Deadline d;
  d.rule = rule.id;
  d.title = rule.title;
  d.source = rule.citation();
  d.url = rule.url;
  d.evidence = rule.evidence;
  d.window = rule.window;
  if (!rule.notes.empty()) d.notes.push_back(rule.notes);
  if (!rule.confirmed()) d.notes.push_back("unconfirmed rule: check it, or override its length");
  return d;
}

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::string long_date(Date d) {
  return std::to_string(static_cast<int>(d.day())) + " " + kMonths[d.month() - 1] + " " +
         std::to_string(static_cast<int>(d.year()));
}
std::string weekday_date(Date d) {
  return std::string(kDays[d.day_of_week().as_number()]) + " " + long_date(d);
}

std::string unit_words(int n, Unit unit) {
  std::string word;
  switch (unit) {
    case Unit::days: word = "day"; break;
    case Unit::weeks: word = "week"; break;
    case Unit::months: word = "month"; break;
    case Unit::years: word = "year"; break;
    case Unit::working_days: word = "working day"; break;
    case Unit::school_days: word = "school day"; break;
  }
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// A fixed rule's date in `year`. The catalogue reader refuses a fixed date some year lacks; a Rule made in code is
// checked here, so that 30 February is InvalidInput naming the rule, never Boost's exception.
Date fixed_date(const Rule& rule, unsigned short year) {
  const auto [month, day] = *rule.fixed;
  if (month < 1 || month > 12 || day < 1 ||
      day > greg::gregorian_calendar::end_of_month_day(year, static_cast<unsigned short>(month))) {
    throw InvalidInput(rule.id + ".fixed", std::to_string(month) + "-" + std::to_string(day),
                       "is not a date in " + std::to_string(year));
  }
  return Date(year, static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

Date roll_date(Date due, Roll roll, const Calendar& calendar) {
  if (roll == Roll::none) return due;
  if (roll == Roll::tribunal_sen) {
    // r.12: an SEN appeal period ending 25 Dec-1 Jan, or in August, runs to the first working day after.
    const auto ymd = due.year_month_day();
    const int y = ymd.year;
    if (ymd.month == 12 && ymd.day >= 25) {
      due = add_days(Date(static_cast<unsigned short>(y), 12, 31), 2);  // 2 January of the next year
    } else if (ymd.month == 1 && ymd.day == 1) {
      due = Date(static_cast<unsigned short>(y), 1, 2);
    } else if (ymd.month == 8) {
      due = Date(static_cast<unsigned short>(y), 9, 1);
    }
  }
  return calendar.roll_to_working_day(due, true);
}

bool matches(const std::map<std::string, std::string>& fields, const std::map<std::string, std::string>& where) {
  for (const auto& [k, v] : where) {
    auto it = fields.find(k);
    if (it == fields.end() || it->second != v) return false;
  }
  return true;
}

bool in(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

// --- The catalogue's index ------------------------------------------------------------------------------------

namespace detail {

constexpr std::uint32_t kNoId = NameIndex::kNone;  // an event name no rule mentions
constexpr std::uint32_t kMaskBits = 128;           // event numbers a mask holds; a rule naming others is never skipped

// A set of event numbers below kMaskBits.
struct EventMask {
  std::uint64_t bits[2] = {0, 0};
  void set(std::uint32_t id) noexcept { bits[id >> 6] |= std::uint64_t{1} << (id & 63U); }
  bool has(std::uint32_t id) const noexcept { return ((bits[id >> 6] >> (id & 63U)) & 1U) != 0; }
  bool meets(const EventMask& o) const noexcept { return ((bits[0] & o.bits[0]) | (bits[1] & o.bits[1])) != 0; }
  bool within(const EventMask& o) const noexcept { return (bits[0] & ~o.bits[0]) == 0 && (bits[1] & ~o.bits[1]) == 0; }
  void add(const EventMask& o) noexcept {
    bits[0] |= o.bits[0];
    bits[1] |= o.bits[1];
  }
};

enum class MetWindow : std::uint8_t { after, before, year_before, other };

// Every event name the catalogue mentions, numbered, and each rule's lists of names as lists of numbers, so
// that an evaluation compares numbers, and skips with a mask test a rule the case's events cannot make relevant.
struct RuleIndex {
  struct Entry {
    std::vector<std::uint32_t> start, met, superseded, requires_events, implied, missing_start_if;
    std::uint32_t alternative = kNoId;
    int start_rule = -1;  // the position of rule.start_rule in the catalogue; -1: none, or not a rule of it
    int else_rule = -1;
    MetWindow met_window = MetWindow::after;
    EventMask start_mask, met_mask, superseded_mask, implied_mask;  // the lists' numbers below kMaskBits
    EventMask can_start;  // events that can give the rule a start: its own and those of the rules it counts from
    EventMask recorded;   // met_by and missing_start_if
    EventMask required;   // requires
    bool filter = true;   // the masks decide whether the rule is relevant (every name numbered within a mask,
                          // every rule it counts from known, no cycle)
    std::string tag;      // "rule:" + id: the start event of a start taken from this rule's due dates
  };
  // What decides whether a rule can be relevant to a case, packed so that the test over every rule stays in a
  // few cache lines.
  struct Filter {
    EventMask can_start, recorded, required;
    bool filter = true;
    bool report_missing_start = false;
    bool if_recorded = false;
    bool report_duty = false;  // one of the duties a public report brings (evaluate_case leaves them out otherwise)

    bool skips(const EventMask& present) const noexcept {
      if (!filter) return false;
      const bool recorded_here = recorded.meets(present);
      return (!can_start.meets(present) && !(report_missing_start && recorded_here)) || !required.within(present) ||
             (if_recorded && !recorded_here);
    }
  };
  NameIndex names;  // every event name the catalogue mentions, numbered
  std::uint32_t advice_requested = kNoId;
  std::uint32_t report_received = kNoId;
  std::vector<Entry> rules;
  std::vector<Filter> filters;
  // Rules by event: for each event number below kMaskBits, the rules (a bit each, 64 to a word) it can make
  // pass their filter's first test (an event that can start the rule, or one recorded for a rule that reports a
  // missing start); `unfiltered`, the rules the masks cannot decide. A case's candidates are the union over its
  // events, so a case with a few events visits a few rules instead of testing every one.
  std::size_t words = 0;                  // 64-bit words a set of rules takes
  std::vector<std::uint64_t> by_event;    // kMaskBits sets of `words` words
  std::vector<std::uint64_t> unfiltered;  // one set

  std::uint32_t id_of(std::string_view name) const noexcept { return names.find(name); }
  std::uint32_t intern(const std::string& name) { return names.add(name); }
};

const RuleIndex* rule_index(const RuleCatalogue& catalogue) noexcept {
  return catalogue.index_.get();
}

namespace {

std::shared_ptr<const RuleIndex> build_index(const std::vector<Rule>& rules) {
  auto ix = std::make_shared<RuleIndex>();
  auto intern = [&](const std::string& name) { return ix->intern(name); };
  auto numbers = [&](const std::vector<std::string>& names) {
    std::vector<std::uint32_t> out;
    for (const std::string& n : names) out.push_back(intern(n));
    return out;
  };
  std::unordered_map<std::string_view, int> positions;  // the first rule of each id
  for (std::size_t i = 0; i < rules.size(); ++i) positions.emplace(rules[i].id, static_cast<int>(i));
  auto position = [&](const std::string& id) {
    const auto found = positions.find(id);
    return found == positions.end() ? -1 : found->second;
  };
  for (const Rule& r : rules) {
    RuleIndex::Entry e;
    e.start = numbers(r.start_events);
    e.met = numbers(r.met_by);
    e.superseded = numbers(r.superseded_by);
    e.requires_events = numbers(r.requires_events);
    e.implied = numbers(r.implied_by);
    e.missing_start_if = numbers(r.missing_start_if);
    if (r.alternative) e.alternative = intern(r.alternative->event);
    e.start_rule = r.start_rule.empty() ? -1 : position(r.start_rule);
    e.else_rule = r.else_rule.empty() ? -1 : position(r.else_rule);
    e.met_window = r.met_window == "after"         ? MetWindow::after
                   : r.met_window == "before"      ? MetWindow::before
                   : r.met_window == "year_before" ? MetWindow::year_before
                                                   : MetWindow::other;
    auto mask = [&](const std::vector<std::uint32_t>& list, EventMask& m) {
      for (std::uint32_t id : list) {
        if (id < kMaskBits) {
          m.set(id);
        } else {
          e.filter = false;
        }
      }
    };
    mask(e.start, e.start_mask);
    e.can_start = e.start_mask;
    mask(e.met, e.met_mask);
    mask(e.superseded, e.superseded_mask);
    mask(e.implied, e.implied_mask);
    mask(e.met, e.recorded);
    mask(e.missing_start_if, e.recorded);
    mask(e.requires_events, e.required);
    if ((!r.start_rule.empty() && e.start_rule < 0) || (!r.else_rule.empty() && e.else_rule < 0)) e.filter = false;
    e.tag = "rule:" + r.id;
    ix->rules.push_back(std::move(e));
  }
  ix->advice_requested = intern("advice_requested");
  ix->report_received = intern("report_received");
  // A start counted from another rule's due date needs a start of that rule: widen each rule's events by those
  // of the rules it counts from. A cycle of such rules is never skipped.
  std::vector<int> state(rules.size(), 0);  // 0 to do, 1 in progress, 2 done
  std::function<bool(std::size_t)> widen = [&](std::size_t i) {
    if (state[i] == 2) return true;
    if (state[i] == 1) return false;
    state[i] = 1;
    bool ok = true;
    for (int ref : {ix->rules[i].start_rule, ix->rules[i].else_rule}) {
      if (ref < 0) continue;
      const auto r = static_cast<std::size_t>(ref);
      if (!widen(r)) ok = false;
      RuleIndex::Entry& e = ix->rules[i];
      e.can_start.add(ix->rules[r].can_start);
      e.filter = ok && e.filter && ix->rules[r].filter;
    }
    state[i] = 2;
    return ok;
  };
  for (std::size_t i = 0; i < rules.size(); ++i) widen(i);
  static const char* const kReportRules[] = {"lgo.response", "lgo.further_response", "lgo.public_notice",
                                             "lgo.public_inspection", "mo.report_considered"};
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleIndex::Entry& e = ix->rules[i];
    RuleIndex::Filter f;
    f.can_start = e.can_start;
    f.recorded = e.recorded;
    f.required = e.required;
    f.filter = e.filter;
    f.report_missing_start = rules[i].report_missing_start;
    f.if_recorded = rules[i].if_recorded;
    f.report_duty = std::any_of(std::begin(kReportRules), std::end(kReportRules),
                                [&](const char* id) { return rules[i].id == id; });
    ix->filters.push_back(f);
  }
  ix->words = (rules.size() + 63) / 64;
  ix->by_event.assign(kMaskBits * ix->words, 0);
  ix->unfiltered.assign(ix->words, 0);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleIndex::Filter& f = ix->filters[i];
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    if (!f.filter) {
      ix->unfiltered[i / 64] |= bit;
      continue;
    }
    for (std::uint32_t id = 0; id < kMaskBits; ++id) {
      if (f.can_start.has(id) || (f.report_missing_start && f.recorded.has(id)))
        ix->by_event[id * ix->words + i / 64] |= bit;
    }
  }
  return ix;
}

}  // namespace
}  // namespace detail

void RuleCatalogue::index() {
  index_ = detail::build_index(rules_);
}

namespace {

using detail::EventMask;
using detail::kMaskBits;
using detail::kNoId;
using detail::MetWindow;
using detail::RuleIndex;

// An event of the case as the evaluation sees it: its date, its number in the catalogue, its name and fields
// where they are (the case's event, or its dates map).
struct Ev {
  Date date;
  std::uint32_t id;
  const std::string* name;
  const std::map<std::string, std::string>* fields;
};

// A clock start: the event's date and name, or a rule's due date (id kNoId, name "rule:<id>").
struct Start {
  Date date;
  std::uint32_t id;
  const std::string* name;
};

const std::map<std::string, std::string>& no_fields() {
  static const std::map<std::string, std::string> none;
  return none;
}

const Calendar& standard_calendar() {
  static const Calendar calendar = Calendar::england_and_wales();
  return calendar;
}
const SchoolCalendar& standard_school_calendar() {
  static const SchoolCalendar school = SchoolCalendar::default_calendar();
  return school;
}

// What an evaluation reuses on this thread: the case's events, the starts at each depth of rules counted from
// rules, the covered ranges, and deadlines, strings and findings handed back by earlier results, whose buffers
// keep their capacity.
struct Pool {
  std::vector<Ev> events;
  std::deque<std::vector<Start>> starts;
  std::vector<std::pair<Date, Date>> covered;
  std::vector<Deadline> deadlines;
  std::vector<std::string> strings;
  std::vector<ExceptionFinding> findings;
  std::vector<std::uint64_t> candidates;  // the rules a case's events can make relevant (RuleIndex::by_event)
  // For each event number below kMaskBits, the positions of the case's events with that number (bit i:
  // events[i]); `numbered` holds the numbers set, to be cleared for the next case (Evaluator::position_events).
  std::array<std::uint64_t, kMaskBits> at_number{};
  EventMask numbered;

  Pool() {  // room for what a case usually holds, so that a second evaluation finds the pool warm
    events.reserve(64);
    covered.reserve(16);
    deadlines.reserve(64);
    strings.reserve(64);
    findings.reserve(64);
    candidates.reserve(4);
  }

  std::vector<Start>& starts_at(std::size_t depth) {
    while (starts.size() <= depth) starts.emplace_back();
    return starts[depth];
  }

  void recycle_lists(Deadline& d) {
    for (std::string& s : d.exceptions) strings.push_back(std::move(s));
    d.exceptions.clear();
    for (ExceptionFinding& f : d.exception_findings) findings.push_back(std::move(f));
    d.exception_findings.clear();
  }
  // Ends `out` at `used` deadlines, the others back to the pool.
  void trim(std::vector<Deadline>& out, std::size_t used) {
    while (out.size() > used) {
      recycle_lists(out.back());
      deadlines.push_back(std::move(out.back()));
      out.pop_back();
    }
  }

  // The deadline after the `used` first of `out`, every field but `rule` as a default Deadline has it (base(),
  // the only caller, sets the rule): the one already there, else one from the pool, else a new one.
  Deadline& next(std::vector<Deadline>& out, std::size_t& used) {
    if (used == out.size()) {
      if (deadlines.empty()) {
        ++used;
        return out.emplace_back();
      }
      out.push_back(std::move(deadlines.back()));
      deadlines.pop_back();
    }
    Deadline& d = out[used++];
    recycle_lists(d);
    // d.rule is left as it is: base() sets it (set_text) on every deadline it takes, and d.start_event.
    d.title.clear();
    d.source.clear();
    d.url.clear();
    d.evidence = Evidence::verified;
    d.window = false;
    d.start.reset();
    // d.start_event too: base() sets or clears it.
    d.due.reset();
    d.met.reset();
    d.met_event.clear();
    d.status = DeadlineStatus::not_computable;
    d.days_late.reset();
    d.days_remaining.reset();
    d.days_late_net.reset();
    d.reason.clear();
    d.explanation.clear();
    d.notes.clear();
    return d;
  }
  std::string& next(std::vector<std::string>& list) {
    if (strings.empty()) return list.emplace_back();
    list.push_back(std::move(strings.back()));
    strings.pop_back();
    return list.back();
  }
  ExceptionFinding& next(std::vector<ExceptionFinding>& list) {
    if (findings.empty()) return list.emplace_back();
    list.push_back(std::move(findings.back()));
    findings.pop_back();
    ExceptionFinding& f = list.back();
    f.applied = false;
    f.days_covered = 0;
    f.reason.clear();
    return f;
  }
};

Pool& pool() {
  thread_local Pool p;
  return p;
}

// The case's events in `pool.events`, numbered by `index`, and the set of numbers present.
EventMask number_events(const RuleIndex& index, Pool& p) {
  EventMask present;
  for (Ev& e : p.events) {
    e.id = index.id_of(*e.name);
    if (e.id < kMaskBits) present.set(e.id);
  }
  return present;
}

bool in(const std::vector<std::uint32_t>& ids, std::uint32_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}
// Whether `id` is in `ids`, whose numbers below kMaskBits are `mask`.
bool in(const std::vector<std::uint32_t>& ids, const EventMask& mask, std::uint32_t id) {
  return id < kMaskBits ? mask.has(id) : in(ids, id);
}

struct Evaluator {
  const std::vector<Ev>& events;
  const std::vector<ExceptionInterval>& exceptions;
  Date as_of;
  const RuleCatalogue& catalogue;
  const RuleIndex& index;
  const Calendar& calendar;
  const SchoolCalendar& school;
  bool explain;  // build the text (the batch's rows without --detail need the figures only)
  EventMask present;
  Pool& pool;
  std::vector<Deadline>& out;
  bool report_duties = true;  // false: the deadlines of a public report's duties are left out
  bool skip_by_mask = true;   // false: every rule is run in full
  std::size_t used = 0;       // the deadlines of `out` written so far

  bool has(std::uint32_t id) const {
    if (id < kMaskBits) return present.has(id);
    return std::any_of(events.begin(), events.end(), [&](const Ev& e) { return e.id == id; });
  }
  // Whether one of the case's events may be among those `mask` holds (the numbers below kMaskBits of a list):
  // false lets a loop over the events for that list be left out. Exact unless an event has a number the masks
  // cannot hold (a catalogue naming more than kMaskBits events), when it is always true.
  bool may_meet(const EventMask& mask) const { return unmasked || mask.meets(present); }
  bool unmasked = false;  // an event of the case has a number of kMaskBits or more (set by run_all)
  // Whether pool.at_number holds this case's events (set by run_all: at most 64 events, every number below
  // kMaskBits, and the rules not run in full): the loops over one list's events then visit only those events,
  // in the same order, where they tested every event of the case against the list.
  bool positioned = false;

  void position_events() {
    for (int w = 0; w < 2; ++w) {
      for (std::uint64_t bits = pool.numbered.bits[w]; bits != 0; bits &= bits - 1) {
        pool.at_number[static_cast<std::size_t>(w) * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))] = 0;
      }
    }
    pool.numbered = EventMask();
    positioned = skip_by_mask && !unmasked && events.size() <= 64;
    if (!positioned) return;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const std::uint32_t id = events[i].id;
      if (id >= kMaskBits) continue;  // kNoId: a name no rule mentions, in no list
      pool.at_number[id] |= std::uint64_t{1} << i;
      pool.numbered.set(id);
    }
  }
  // Calls f(e) for each event e of the case whose number is in the list `ids` (its numbers below kMaskBits
  // being `mask`), in the order of `events`.
  template <typename F>
  void each(const std::vector<std::uint32_t>& ids, const EventMask& mask, F&& f) const {
    if (!positioned) {
      for (const Ev& e : events) {
        if (in(ids, mask, e.id)) f(e);
      }
      return;
    }
    std::uint64_t at = 0;
    for (int w = 0; w < 2; ++w) {
      for (std::uint64_t bits = mask.bits[w]; bits != 0; bits &= bits - 1) {
        at |= pool.at_number[static_cast<std::size_t>(w) * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))];
      }
    }
    for (; at != 0; at &= at - 1) f(events[static_cast<std::size_t>(__builtin_ctzll(at))]);
  }

  bool has_any(const std::vector<std::uint32_t>& ids) const {
    return std::any_of(ids.begin(), ids.end(), [&](std::uint32_t id) { return has(id); });
  }

  Date end_of(const Rule& rule, Date start, int length, Unit unit, Counting counting) const {
    if (rule.fixed) return fixed_date(rule, start.year());
    if (length < 0) {  // "at least N before": count back from the event
      switch (unit) {
        case Unit::days: return add_days(start, length);
        case Unit::weeks: return add_days(start, 7L * length);
        case Unit::months: return add_months(start, length);
        case Unit::years: return add_years(start, length);
        case Unit::working_days: return calendar.add_working_days(start, length, NonWorkingStart::count_from_day);
        case Unit::school_days: return school.add_school_days(start, length, NonWorkingStart::count_from_day);
      }
    }
    return period_end(start, length, unit, counting, &calendar, &school);
  }

  std::string how(const Rule& rule, Date start) const {
    if (rule.fixed) {
      return "the day before " + std::to_string(rule.fixed->second + 1) + " " + kMonths[rule.fixed->first - 1] +
             " in the year of " + rule.start_text + " on " + long_date(start);
    }
    const int n = *rule.length;
    if (n < 0) return unit_words(-n, rule.unit) + " before " + rule.start_text + " on " + long_date(start);
    if (rule.counting == Counting::beginning_with) {
      return unit_words(n, rule.unit) + " beginning with " + long_date(start) +
             (rule.start_offset_days == 1 ? ", the day after " : ", when ") + rule.start_text;
    }
    return unit_words(n, rule.unit) + " after " + rule.start_text + " on " + long_date(start);
  }

  void add_status(Deadline& d, const Rule& rule, const RuleIndex::Entry& entry) {
    const Date due = *d.due;
    const bool before = entry.met_window == MetWindow::before;
    // Computable means a number: 0 unless late, as evaluate_rule's arrays give (None only when not computable).
    d.days_late = 0;
    if (d.met) {
      if (before || *d.met <= due) {
        d.status = DeadlineStatus::met_on_time;
        if (before && *d.met > due) d.status = DeadlineStatus::met_late;
      } else {
        d.status = DeadlineStatus::met_late;
      }
      if (d.status == DeadlineStatus::met_late) d.days_late = (*d.met - due).days();
    } else if (rule.window) {
      if (as_of <= due) {
        d.status = DeadlineStatus::window_open;
        d.days_remaining = (due - as_of).days();
      } else {
        d.status = DeadlineStatus::window_closed;
      }
    } else if (as_of <= due) {
      d.status = DeadlineStatus::pending;
      d.days_remaining = (due - as_of).days();
    } else {
      d.status = DeadlineStatus::overdue;
      d.days_late = (as_of - due).days();
    }
    consider_exceptions(d, rule);
    if (!explain) return;
    for (const RuleWindow& w : catalogue.windows()) {
      if (in(rule.exceptions, w.exception) && w.from <= due && w.to >= *d.start) {
        d.notes.push_back(w.title + " (" + iso(w.from) + " to " + iso(w.to) + ") overlaps this period: " +
                          "record exception '" + w.exception + "' if the authority relied on it");
      }
    }
  }

  // Whether `e` is a request for advice the closure exception asks about: from a head teacher or principal
  // (reg 10(4)(a)) or an early years provider (10(4)(b)). An advice_requested event that names another body in
  // its "from" field does not count; one that names none is taken as the request the case means.
  bool closure_advice(const Ev& e) const {
    if (e.id != index.advice_requested) return false;
    static const std::string kFrom = "from";
    auto it = e.fields->find(kFrom);
    if (it == e.fields->end()) return true;
    static const char* const kSchool[] = {"head_teacher",         "principal", "school", "post16_institution",
                                          "early_years_provider", "senco"};
    return std::any_of(std::begin(kSchool), std::end(kSchool), [&](const char* k) { return it->second == k; });
  }

  // Each exception interval that touches the deadline's period, checked against its conditions. An applied
  // one covers the days of the statutory period (the day after the start to the due date; from the start itself
  // for "beginning with" periods) that it spans; the net lateness is the raw lateness less the days the applied
  // intervals cover together (a day two intervals share counts once), never below 0. Nothing moves the due date.
  void consider_exceptions(Deadline& d, const Rule& rule) {
    if (rule.exceptions.empty() || !d.start || !d.due) {
      if (d.days_late) d.days_late_net = d.days_late;
      return;
    }
    const Date start = *d.start, due = *d.due;
    const Date first = rule.counting == Counting::beginning_with ? start : start + greg::date_duration(1);
    const Date until = d.met ? std::max(*d.met, due) : std::max(as_of, due);
    std::vector<std::pair<Date, Date>>& covered = pool.covered;
    covered.clear();
    const std::string law = explain ? rule.citation() : std::string();
    for (const ExceptionInterval& x : exceptions) {
      if (x.to < start || x.from > until) continue;  // nowhere near this deadline
      ExceptionFinding& f = pool.next(d.exception_findings);
      f.type = x.type;
      f.from = x.from;
      f.to = x.to;
      const Date a = std::max(x.from, first), b = std::min(x.to, due);
      const std::int64_t overlap = b < a ? 0 : (b - a).days() + 1;
      bool refused = false;
      std::string why;  // only when explaining
      if (!in(rule.exceptions, x.type)) {
        refused = true;
        if (explain) why = law + " provides no '" + x.type + "' exception";
      } else if (overlap == 0) {
        refused = true;
        if (explain) {
          why = "it falls outside the statutory period (" + iso(first) + " to " + iso(due) +
                "), so it could not have made meeting the limit impractical";
        }
      } else if (x.type == "absent_from_area") {
        const std::int64_t need = 7L * rule.absence_min_weeks;
        if (overlap < need) {
          refused = true;
          if (explain) {
            why = "the absence covers " + std::to_string(overlap) + " day" + (overlap == 1 ? "" : "s") +
                  " of the period; the exception needs a continuous absence of not less than " +
                  std::to_string(rule.absence_min_weeks) + " weeks (" + std::to_string(need) + " days) during it";
          }
        }
      } else if (x.type == "missed_appointment") {
        if (x.from < first || x.from > due) {
          refused = true;
          if (explain) {
            why = "the missed appointment on " + iso(x.from) + " is not within the period (" + iso(first) + " to " +
                  iso(due) + ")";
          }
        }
      } else if (x.type == "school_closure") {
        const std::int64_t closed = (x.to - x.from).days() + 1;
        const Date open_from = x.from - greg::date_duration(7), open_to = x.to + greg::date_duration(1 - 7);
        const bool requested = std::any_of(events.begin(), events.end(), [&](const Ev& e) {
          return closure_advice(e) && e.date >= open_from && e.date <= open_to;
        });
        if (closed < 28) {
          refused = true;
          if (explain) {
            why = "the closure lasts " + std::to_string(closed) +
                  " days; the exception needs a continuous closure of not less than 4 weeks (28 days)";
          }
        } else if (!requested) {
          refused = true;
          if (explain) {
            why =
                "no advice_requested event (the request to the head teacher, principal or early years provider) "
                "falls between " +
                iso(open_from) + " and " + iso(open_to) +
                ", from one week before the closure to one week before the re-opening, as the exception requires";
          }
        }
      } else {
        for (const RuleWindow& w : catalogue.windows()) {
          if (w.exception != x.type) continue;
          const Date wa = std::max(a, w.from), wb = std::min(b, w.to);
          if (wb < wa) {
            refused = true;
            if (explain) {
              why = "it does not overlap " + w.title + " (" + iso(w.from) + " to " + iso(w.to) + ") within the period";
            }
          } else {
            covered.push_back({wa, wb});
            f.days_covered = (wb - wa).days() + 1;
            f.applied = true;
          }
        }
      }
      if (refused) {
        if (explain) {
          f.reason = why;
          d.notes.push_back("Exception '" + x.type + "' (" + iso(x.from) + " to " + iso(x.to) +
                            ") not applied: " + why);
        }
      } else {
        if (!f.applied) {  // not a window type: the whole overlap counts
          covered.push_back({a, b});
          f.days_covered = overlap;
          f.applied = true;
        }
        if (explain) {
          f.reason = "conditions met: it covers " + std::to_string(f.days_covered) + " day" +
                     (f.days_covered == 1 ? "" : "s") + " of the statutory period";
        }
        if (!in(d.exceptions, x.type)) pool.next(d.exceptions) = x.type;
      }
    }
    if (!d.days_late) return;
    // The union of the covered ranges, so that overlapping intervals are not counted twice.
    std::sort(covered.begin(), covered.end());
    std::int64_t total = 0;
    std::optional<std::pair<Date, Date>> run;
    for (const auto& c : covered) {
      if (run && c.first <= run->second + greg::date_duration(1)) {
        run->second = std::max(run->second, c.second);
      } else {
        if (run) total += (run->second - run->first).days() + 1;
        run = c;
      }
    }
    if (run) total += (run->second - run->first).days() + 1;
    d.days_late_net = std::max<std::int64_t>(0, *d.days_late - total);
  }

  // A new deadline of `rule` at the end of the output: what deadline_of gives, the text only when explaining,
  // and the event that started its clock (none: empty).
  Deadline& base(const Rule& rule, const std::string* start_event = nullptr) {
    Deadline& d = pool.next(out, used);
    detail::set_text(d.rule, rule.id);
    if (start_event != nullptr) {
      detail::set_text(d.start_event, *start_event);
    } else {
      d.start_event.clear();
    }
    d.evidence = rule.evidence;
    d.window = rule.window;
    if (explain) {
      d.title = rule.title;
      d.source = rule.citation();
      d.url = rule.url;
      if (!rule.notes.empty()) d.notes.push_back(rule.notes);
      if (!rule.confirmed()) d.notes.push_back("unconfirmed rule: check it, or override its length");
    }
    return d;
  }

  // The due dates another rule gives this case, whether or not that rule is reported (an untracked
  // acknowledgement still has a due date that a response can count from), appended to `out_starts`.
  void due_dates_of(const std::string& id, int position, std::vector<Start>& out_starts, std::size_t depth) {
    const Rule& other = position >= 0 ? catalogue.rules()[static_cast<std::size_t>(position)]
                                      : catalogue.rule(id);  // throws: not a rule of the catalogue
    if (!other.length && !other.fixed) return;
    const RuleIndex::Entry& entry = index.rules[static_cast<std::size_t>(position)];
    std::vector<Start>& theirs = pool.starts_at(depth + 1);
    starts_of(other, entry, theirs, depth + 1);
    for (const Start& s : theirs) {
      try {
        out_starts.push_back({roll_date(end_of(other, s.date, other.length.value_or(0), other.unit, other.counting),
                                        other.roll, calendar),
                              kNoId, &entry.tag});
      } catch (const Error&) {
        // A start the other rule cannot count from gives no start here either.
      }
    }
  }

  void starts_of(const Rule& rule, const RuleIndex::Entry& entry, std::vector<Start>& starts, std::size_t depth) {
    starts.clear();
    if (!rule.start_rule.empty()) {
      due_dates_of(rule.start_rule, entry.start_rule, starts, depth);
      if (rule.start_offset_days != 0) {
        std::size_t kept = 0;
        for (Start& s : starts) {
          try {
            s.date = add_days(s.date, rule.start_offset_days);
            starts[kept++] = s;
          } catch (const Error&) {
            // A due date so near the end of the years redress handles that the offset passes it gives no start.
          }
        }
        starts.resize(kept);
      }
      return;
    }
    each(entry.start, entry.start_mask, [&](const Ev& e) {
      if (matches(*e.fields, rule.start_where)) starts.push_back({e.date, e.id, e.name});
    });
    if (starts.empty() && !rule.else_rule.empty()) due_dates_of(rule.else_rule, entry.else_rule, starts, depth);
    std::sort(starts.begin(), starts.end(),
              [](const Start& a, const Start& b) { return a.date != b.date ? a.date < b.date : *a.name < *b.name; });
  }

  // Whether each required event follows this start and comes before the next start of the same rule.
  bool required_after(const RuleIndex::Entry& entry, Date start, const std::vector<Start>& starts) const {
    std::optional<Date> next;
    for (const Start& s : starts) {
      if (s.date > start && (!next || s.date < *next)) next = s.date;
    }
    return std::all_of(entry.requires_events.begin(), entry.requires_events.end(), [&](std::uint32_t id) {
      return std::any_of(events.begin(), events.end(),
                         [&](const Ev& e) { return e.id == id && e.date >= start && (!next || e.date < *next); });
    });
  }

  // The event that meets the rule for a clock started at `start`.
  const Ev* met_for(const Rule& rule, const RuleIndex::Entry& entry, const Start& start) const {
    const Ev* best = nullptr;
    if (!may_meet(entry.met_mask)) return best;
    each(entry.met, entry.met_mask, [&](const Ev& e) {
      bool fits = false;
      if (rule.met_any_time) {
        fits = true;
      } else if (entry.met_window == MetWindow::before) {
        fits = e.date <= start.date;
      } else if (entry.met_window == MetWindow::year_before) {
        fits = e.date <= start.date && e.date >= add_months(start.date, -12);
      } else {
        const bool same = start.id != kNoId ? e.id == start.id : *e.name == *start.name;
        fits = same ? e.date > start.date : e.date >= start.date;
      }
      if (!fits) return;
      if (best == nullptr) {
        best = &e;
      } else if (entry.met_window == MetWindow::after ? e.date < best->date : e.date > best->date) {
        best = &e;
      }
    });
    return best;
  }

  void run(const Rule& rule, const RuleIndex::Entry& entry) {
    std::vector<Start>& starts = pool.starts_at(0);
    starts_of(rule, entry, starts, 0);
    const bool recorded = has_any(entry.met) || has_any(entry.missing_start_if);
    const bool relevant = !starts.empty() || (rule.report_missing_start && recorded);
    const bool required = std::all_of(entry.requires_events.begin(), entry.requires_events.end(),
                                      [&](std::uint32_t id) { return has(id); });
    if (!relevant || !required || (rule.if_recorded && !recorded)) {
      return;
    }
    if (starts.empty()) {
      // Something that meets the rule happened, but not what starts its clock.
      Deadline& d = base(rule);
      d.status = DeadlineStatus::not_computable;
      if (explain) {
        std::string missing = rule.start_rule.empty() ? "" : "the due date of rule " + rule.start_rule;
        for (const std::string& e : rule.start_events) missing += (missing.empty() ? "" : " or ") + e;
        d.reason = "the event that starts the clock is missing: " + missing;
        d.explanation =
            capitalised(rule.due_text) + ": not computable, because " + d.reason + " (" + rule.citation() + ").";
      }
    }
    for (const Start& s : starts) {
      const Date start = s.date;
      if ((rule.in_force_from && start < *rule.in_force_from) || (rule.in_force_to && start > *rule.in_force_to))
        continue;
      if (!entry.requires_events.empty() && !required_after(entry, start, starts)) continue;
      Deadline& d = base(rule, s.name);
      d.start = start;
      if (!rule.length && !rule.fixed) {
        d.status = DeadlineStatus::not_computable;
        if (explain) {
          d.reason = "the rule's length is not known (unconfirmed): give it as an override";
          d.explanation =
              capitalised(rule.due_text) + ": not computable, because " + d.reason + " (" + rule.citation() + ").";
        }
        continue;
      }
      try {
        Date due = end_of(rule, start, rule.length.value_or(0), rule.unit, rule.counting);
        std::string how_text = explain ? how(rule, start) : std::string();
        if (rule.alternative) {
          for (const Ev& e : events) {
            if (e.id != entry.alternative || e.date < start) continue;
            Date alt = period_end(e.date, rule.alternative->length, rule.alternative->unit, rule.alternative->counting,
                                  &calendar, &school);
            if (alt > due) {
              due = alt;
              if (explain) {
                how_text = unit_words(rule.alternative->length, rule.alternative->unit) + " after " + *e.name + " on " +
                           long_date(e.date) + ", later than " + how_text;
              }
            }
          }
        }
        const Date unrolled = due;
        due = roll_date(due, rule.roll, calendar);
        d.due = due;
        if (explain && due != unrolled)
          how_text += ", moved from " + long_date(unrolled) + " to the next day the rules allow";
        if (explain) {
          d.explanation = capitalised(rule.due_text) + (rule.window ? ": " : " due ") + weekday_date(due) + ": " +
                          how_text + " (" + rule.citation() + ").";
        }
      } catch (const Error& e) {
        d.status = DeadlineStatus::not_computable;
        if (explain) {
          d.reason = e.what();
          d.explanation = capitalised(rule.due_text) + ": not computable, because " + d.reason + ".";
        }
        continue;
      }
      if (const Ev* met = met_for(rule, entry, s)) {
        d.met = met->date;
        d.met_event = *met->name;
      } else {
        // Not met: superseded by another outcome, or shown to have happened by a later step though unrecorded.
        std::optional<DeadlineStatus> settled;
        // Each list's events are looked for only when the case may hold one of them (most cases hold none).
        if (may_meet(entry.superseded_mask)) {
          each(entry.superseded, entry.superseded_mask, [&](const Ev& e) {
            if (e.date >= start) {
              settled = DeadlineStatus::not_applicable;
              if (explain) d.reason = "superseded by " + *e.name + " on " + iso(e.date);
            }
          });
        }
        if (may_meet(entry.implied_mask)) {
          // An implied_text event shows a related step, not the completing one: it settles nothing before the due
          // date, when the deadline is simply pending.
          const bool settles = rule.implied_text.empty() || as_of > *d.due;
          each(entry.implied, entry.implied_mask, [&](const Ev& e) {
            if (!settled && settles && (rule.met_any_time || e.date >= start)) {
              settled = DeadlineStatus::not_computable;
              if (explain) {
                d.reason = "no " + (rule.met_by.empty() ? std::string("completing step") : rule.met_by.front()) +
                           " is recorded, though " + *e.name + " on " + iso(e.date) +
                           (rule.implied_text.empty() ? " shows it happened by then" : " " + rule.implied_text);
              }
            }
          });
        }
        if (settled) {
          d.status = *settled;
          continue;
        }
      }
      add_status(d, rule, entry);
    }
  }

  // Every rule in the catalogue's order, into the first `used` deadlines of `out`; a rule without an event that
  // can start it, record it or that it requires cannot be relevant, and is skipped by its masks.
  void run_all() {
    unmasked =
        std::any_of(events.begin(), events.end(), [](const Ev& e) { return e.id >= kMaskBits && e.id != kNoId; });
    position_events();
    const std::vector<Rule>& rules = catalogue.rules();
    auto run_one = [&](std::size_t i) {
      const RuleIndex::Filter& f = index.filters[i];
      if (skip_by_mask && f.skips(present)) return;
      const std::size_t mark = used;
      run(rules[i], index.rules[i]);
      if (f.report_duty && !report_duties) used = mark;  // evaluated (the same errors), then left out
    };
    if (!skip_by_mask) {
      for (std::size_t i = 0; i < rules.size(); ++i) run_one(i);
      return;
    }
    // Only the rules the case's events can make relevant (and those the masks cannot decide), in catalogue
    // order; each still passes the whole filter first.
    if (index.words == 0) return;  // a catalogue without rules
    std::vector<std::uint64_t>& candidates = pool.candidates;
    candidates.assign(index.unfiltered.begin(), index.unfiltered.end());
    for (int w = 0; w < 2; ++w) {
      for (std::uint64_t bits = present.bits[w]; bits != 0; bits &= bits - 1) {
        const std::size_t id = static_cast<std::size_t>(w) * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
        const std::uint64_t* set = &index.by_event[id * index.words];
        for (std::size_t k = 0; k < index.words; ++k) candidates[k] |= set[k];
      }
    }
    for (std::size_t k = 0; k < index.words; ++k) {
      for (std::uint64_t bits = candidates[k]; bits != 0; bits &= bits - 1) {
        run_one(k * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
      }
    }
  }
};

// The catalogue's index, or one built now for a catalogue that has none (a default-constructed one).
const RuleIndex& index_of(const RuleCatalogue& catalogue, std::shared_ptr<const RuleIndex>& keep) {
  if (const RuleIndex* ix = detail::rule_index(catalogue)) return *ix;
  keep = detail::build_index(catalogue.rules());
  return *keep;
}

}  // namespace

std::vector<Deadline> evaluate_deadlines(const Timeline& timeline, const DeadlineOptions& options) {
  return detail::evaluate_deadlines(timeline, options, true);
}

std::vector<Deadline> detail::evaluate_deadlines(const Timeline& timeline, const DeadlineOptions& options,
                                                 bool explain) {
  const RuleCatalogue& catalogue = options.catalogue != nullptr ? *options.catalogue : RuleCatalogue::standard();
  const Calendar& calendar = options.calendar ? *options.calendar : standard_calendar();
  const SchoolCalendar& school = options.school_calendar ? *options.school_calendar : standard_school_calendar();
  std::shared_ptr<const RuleIndex> keep;
  const RuleIndex& index = index_of(catalogue, keep);
  Pool& p = pool();
  p.events.clear();
  for (const Event& e : timeline.events) p.events.push_back({e.date, kNoId, &e.name, &e.fields});
  const EventMask present = number_events(index, p);
  std::vector<Deadline> out;
  Evaluator ev{p.events, timeline.exceptions, options.as_of, catalogue, index, calendar, school, explain, present, p,
               out};
  ev.run_all();
  p.trim(out, ev.used);
  return out;
}

void detail::evaluate_case_deadlines(const Case& c, const CaseOptions& options, bool explain,
                                     std::vector<Deadline>& out, bool skip_by_mask) {
  const RuleCatalogue& catalogue = options.catalogue != nullptr ? *options.catalogue : RuleCatalogue::standard();
  const Calendar& calendar = options.calendar ? *options.calendar : standard_calendar();
  std::shared_ptr<const RuleIndex> keep;
  const RuleIndex& index = index_of(catalogue, keep);
  Pool& p = pool();
  // The SEND events and the case's dates, the dates as events of the same names (Case::timeline()). Without a
  // public report the report duties (s.30, s.31(2), s.5A) do not apply: its date is left out, and so are their
  // deadlines, even if a response is recorded.
  p.events.clear();
  for (const Event& e : c.send.events) p.events.push_back({e.date, kNoId, &e.name, &e.fields});
  for (const auto& [name, d] : c.dates) p.events.push_back({d, kNoId, &name, &no_fields()});
  EventMask present = number_events(index, p);
  if (!c.public_report && (index.report_received >= kMaskBits || present.has(index.report_received))) {
    const std::uint32_t report = index.report_received;
    p.events.erase(std::remove_if(p.events.begin(), p.events.end(), [&](const Ev& e) { return e.id == report; }),
                   p.events.end());
    present = EventMask();
    for (const Ev& e : p.events) {
      if (e.id < kMaskBits) present.set(e.id);
    }
  }
  Evaluator ev{p.events, c.send.exceptions,          options.as_of, catalogue, index,
               calendar, standard_school_calendar(), explain,       present,   p,
               out};
  ev.report_duties = c.public_report;
  ev.skip_by_mask = skip_by_mask;
  try {
    ev.run_all();
    static const std::string kReportReceived = "report_received";
    if (c.public_report && c.dates.count(kReportReceived) == 0) {
      // A public report brings the s.31(2) duty; without the date it was received, it cannot be counted.
      const auto end = out.begin() + static_cast<std::ptrdiff_t>(ev.used);
      const bool listed = std::any_of(out.begin(), end, [](const Deadline& d) { return d.rule == "lgo.response"; });
      if (!listed) {
        const Rule& rule = catalogue.rule("lgo.response");
        Deadline& d = ev.base(rule);
        d.status = DeadlineStatus::not_computable;
        if (explain) {
          d.reason = "the case is a public report but dates.report_received is missing";
          d.explanation =
              "Response to the Ombudsman's report: not computable, because " + d.reason + " (" + rule.citation() + ").";
        }
      }
    }
  } catch (...) {
    p.trim(out, 0);  // an error leaves no deadline, not a part of them
    throw;
  }
  p.trim(out, ev.used);
}

// --- Vectorised ---------------------------------------------------------------------------------------------

namespace {

// What evaluate_rule works out once for a rule before it runs over the columns.
struct RulePlan {
  const Rule& rule;
  const Calendar& calendar;
  const SchoolCalendar& school;
  int n;
  bool plain;           // days or weeks with no roll: the due date is start + offset
  std::int64_t offset;  // for plain rules
  bool working;         // working days with no roll: the calendar's array form
  int open_base;        // pending or window_open; the late code of each pair is one more

  RulePlan(const Rule& r, const Calendar& c, const SchoolCalendar& s)
      : rule(r),
        calendar(c),
        school(s),
        n(r.length.value_or(0)),
        plain(!r.fixed && r.roll == Roll::none && n >= 0 && (r.unit == Unit::days || r.unit == Unit::weeks)),
        offset(plain ? static_cast<std::int64_t>(n) * (r.unit == Unit::weeks ? 7 : 1) -
                           (r.counting == Counting::beginning_with ? 1 : 0)
                     : 0),
        working(!r.fixed && r.roll == Roll::none && n > 0 && r.unit == Unit::working_days),
        open_base(static_cast<int>(r.window ? DeadlineStatus::window_open : DeadlineStatus::pending)) {}

  std::int64_t general_due(std::int64_t start) const {
    const Date s = detail::from_epoch_day(start);
    Date e;
    if (rule.fixed) {
      e = fixed_date(rule, s.year());
    } else if (n < 0) {
      e = rule.unit == Unit::months         ? add_months(s, n)
          : rule.unit == Unit::working_days ? calendar.add_working_days(s, n, NonWorkingStart::count_from_day)
                                            : add_days(s, rule.unit == Unit::weeks ? 7L * n : n);
    } else {
      e = period_end(s, n, rule.unit, rule.counting, &calendar, &school);
    }
    return detail::epoch_day(roll_date(e, rule.roll, calendar));
  }

  // One block of cases; `scratch` holds a block of first working days for "beginning with" rules.
  void run(const std::int64_t* start, const std::int64_t* met, std::size_t count, std::int64_t as_of, std::int64_t* due,
           std::int8_t* status, std::int64_t* days_late, std::int64_t* scratch) const {
    constexpr std::int64_t missing = Calendar::kMissingDay;
    if (working && rule.counting == Counting::within) {
      calendar.add_working_days(start, std::int64_t{n}, due, count, NonWorkingStart::count_from_day);
    } else if (working) {  // "beginning with": the first working day on or after the start is day 1
      calendar.add_working_days(start, std::int64_t{0}, scratch, count, NonWorkingStart::roll_forward);
      calendar.add_working_days(scratch, std::int64_t{n - 1}, due, count, NonWorkingStart::roll_forward);
    }
    // Status codes come in pairs, on time then late: (met_on_time, met_late), (pending, overdue) and
    // (window_open, window_closed).
    static_assert(static_cast<int>(DeadlineStatus::met_late) == static_cast<int>(DeadlineStatus::met_on_time) + 1);
    static_assert(static_cast<int>(DeadlineStatus::overdue) == static_cast<int>(DeadlineStatus::pending) + 1);
    static_assert(static_cast<int>(DeadlineStatus::window_closed) == static_cast<int>(DeadlineStatus::window_open) + 1);
    const int met_base = static_cast<int>(DeadlineStatus::met_on_time);
    for (std::size_t i = 0; i < count; ++i) {
      if (start[i] == missing) {
        due[i] = missing;
        status[i] = static_cast<std::int8_t>(DeadlineStatus::not_computable);
        days_late[i] = missing;
        continue;
      }
      const std::int64_t d = plain ? start[i] + offset : working ? due[i] : general_due(start[i]);
      due[i] = d;
      // Branch-free on purpose: whether a case is met is as random as the data.
      const std::int64_t m = met != nullptr ? met[i] : missing;
      const bool has_met = m != missing;
      const std::int64_t over = (has_met ? m : as_of) - d;
      const bool late = over > 0;
      status[i] = static_cast<std::int8_t>(has_met ? met_base + late : open_base + late);
      days_late[i] = late && (has_met || !rule.window) ? over : 0;
    }
  }
};

}  // namespace

void evaluate_rule(const Rule& rule, const std::int64_t* start, const std::int64_t* met, std::size_t count,
                   std::int64_t as_of, std::int64_t* due, std::int8_t* status, std::int64_t* days_late,
                   const Calendar& calendar, const SchoolCalendar& school) {
  if (!rule.length && !rule.fixed) {
    throw NotComputable("rule", rule.id, "has no known length (unconfirmed): override it first");
  }
  detail::check_epoch_days(start, count, Calendar::kMissingDay, "starts");  // before any arithmetic on them
  if (met != nullptr) detail::check_epoch_days(met, count, Calendar::kMissingDay, "mets");
  const RulePlan plan(rule, calendar, school);
  // Blocks small enough for the cache, so that the working-day pass and the status pass read each case from
  // memory once.
  constexpr std::size_t kBlock = 4096;
  std::vector<std::int64_t> scratch(kBlock);
  for (std::size_t first = 0; first < count; first += kBlock) {
    const std::size_t size = std::min(kBlock, count - first);
    plan.run(start + first, met != nullptr ? met + first : nullptr, size, as_of, due + first, status + first,
             days_late + first, scratch.data());
  }
}

// --- DfE timeliness -----------------------------------------------------------------------------------------

int measure_weeks(std::string_view measure) noexcept {
  if (measure == "dfe_6_week") return 6;
  if (measure == "dfe_16_week") return 16;
  if (measure == "dfe_20_week") return 20;
  if (measure == "dfe_review_4_week") return 4;
  return 0;
}

std::vector<TimelinessRow> timeliness(const std::vector<MeasureRecord>& records, int limit_weeks) {
  if (limit_weeks <= 0)
    throw InvalidInput("limit_weeks", std::to_string(limit_weeks), "must be a positive number of weeks");
  std::map<std::pair<std::string, int>, TimelinessRow> rows;
  for (const MeasureRecord& r : records) {
    if (!r.completed) continue;  // the DfE counts plans issued in the year
    const int year = r.completed->year();
    const std::int64_t days = (*r.completed - r.start).days();
    // "Within 20 weeks": issued on or before the day 20 weeks after the request; over a year: more than 52 weeks.
    const bool within = days <= 7L * limit_weeks;
    const bool over_year = days > 7L * 52;
    for (const std::string& who : {std::string("England"), r.authority}) {
      TimelinessRow& row = rows[{who, year}];
      row.authority = who;
      row.year = year;
      ++row.den;
      row.within += within;
      row.over_limit_under_year += !within && !over_year;
      row.over_year += over_year;
      if (!r.exception) {
        ++row.den_ex;
        row.within_ex += within;
        row.over_limit_under_year_ex += !within && !over_year;
        row.over_year_ex += over_year;
      }
    }
  }
  std::vector<TimelinessRow> out;
  for (auto& [key, row] : rows) {
    if (key.first == "England") out.push_back(row);
  }
  for (auto& [key, row] : rows) {
    if (key.first != "England") out.push_back(row);
  }
  std::stable_sort(out.begin(), out.end(), [](const TimelinessRow& a, const TimelinessRow& b) {
    if ((a.authority == "England") != (b.authority == "England")) return a.authority == "England";
    return a.authority != b.authority ? a.authority < b.authority : a.year < b.year;
  });
  return out;
}

// --- iCalendar ----------------------------------------------------------------------------------------------

namespace {

// RFC 5545 3.3.11 TEXT: backslash, semicolon and comma are escaped; a line break (LF, CR or CRLF) becomes the
// two characters \n, so no bare CR or LF can end a line early or start a new property; other control
// characters, which TEXT does not allow, become a space.
std::string ics_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r' || c == '\n') {
      out += "\\n";
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// What an event's summary says: a deadline still to be met reads as due, not as done ("Final EHC plan issued"
// becomes "Final EHC plan due"); a window says when it closes.
std::string ics_summary(const Deadline& d, const std::string& case_reference) {
  std::string what = d.title;
  for (const char* done : {" issued", " held"}) {
    const std::string suffix(done);
    if (what.size() > suffix.size() && what.compare(what.size() - suffix.size(), suffix.size(), suffix) == 0) {
      what.erase(what.size() - suffix.size());
      break;
    }
  }
  const bool window = d.status == DeadlineStatus::window_open || d.status == DeadlineStatus::window_closed;
  std::string status = d.status == DeadlineStatus::overdue ? "OVERDUE: " : "";
  return status + case_reference + ": " + what + (window ? " closes" : " due");
}

// RFC 5545 3.1: lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 sequence.
std::string ics_line(const std::string& line) {
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    std::size_t len = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (used + len > 75) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line, i, len);
    used += len;
    i += len - 1;
  }
  return out + "\r\n";
}

std::string compact(Date d) {
  std::string s = iso(d);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

}  // namespace

std::string to_icalendar(const std::vector<Deadline>& deadlines, const std::string& case_reference, Date as_of) {
  std::string out;
  out += ics_line("BEGIN:VCALENDAR");
  out += ics_line("VERSION:2.0");
  out += ics_line("PRODID:-//redress//SEND complaint deadlines//EN");
  out += ics_line("CALSCALE:GREGORIAN");
  for (const Deadline& d : deadlines) {
    if (!d.open() || !d.due) continue;
    std::string uid = case_reference + "-" + d.rule + "-" + compact(*d.due);
    std::replace(uid.begin(), uid.end(), ' ', '_');
    uid = ics_escape(uid);  // UID is a TEXT value (RFC 5545 3.8.4.7): commas and semicolons are escaped
    out += ics_line("BEGIN:VEVENT");
    out += ics_line("UID:" + uid + "@redress");
    out += ics_line("DTSTAMP:" + compact(as_of) + "T000000Z");
    out += ics_line("DTSTART;VALUE=DATE:" + compact(*d.due));
    out += ics_line("DTEND;VALUE=DATE:" + compact(add_days(*d.due, 1)));
    out += ics_line("SUMMARY:" + ics_escape(ics_summary(d, case_reference)));
    out += ics_line("DESCRIPTION:" + ics_escape(d.explanation + (d.url.empty() ? "" : "\n" + d.url)));
    out += ics_line("END:VEVENT");
  }
  out += ics_line("END:VCALENDAR");
  return out;
}

namespace {
Json findings(const std::vector<ExceptionFinding>& list) {
  Json out = Json::array();
  for (const ExceptionFinding& f : list) {
    out.push_back({{"type", f.type},
                   {"from", iso(f.from)},
                   {"to", iso(f.to)},
                   {"applied", f.applied},
                   {"days_covered", f.days_covered},
                   {"reason", f.reason}});
  }
  return out;
}
}  // namespace

std::string deadlines_to_json(const std::vector<Deadline>& deadlines) {
  return detail::deadlines_json(deadlines).dump();
}

Json detail::deadlines_json(const std::vector<Deadline>& deadlines) {
  Json list = Json::array();
  auto date_or_null = [](const std::optional<Date>& d) { return d ? Json(iso(*d)) : Json(nullptr); };
  auto int_or_null = [](const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); };
  for (const Deadline& d : deadlines) {
    list.push_back({{"rule", d.rule},
                    {"title", d.title},
                    {"source", d.source},
                    {"url", d.url},
                    {"evidence", std::string(to_string(d.evidence))},
                    {"start", date_or_null(d.start)},
                    {"start_event", d.start_event},
                    {"due", date_or_null(d.due)},
                    {"met", date_or_null(d.met)},
                    {"met_event", d.met_event},
                    {"status", std::string(to_string(d.status))},
                    {"days_late", int_or_null(d.days_late)},
                    {"days_late_net", int_or_null(d.days_late_net)},
                    {"days_remaining", int_or_null(d.days_remaining)},
                    {"exceptions", d.exceptions},
                    {"exception_findings", findings(d.exception_findings)},
                    {"reason", d.reason},
                    {"explanation", d.explanation},
                    {"notes", d.notes}});
  }
  return list;
}

}  // namespace redress

#include "redress/ledger.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "detail/day_table.hpp"
#include "redress/authorities.hpp"
#include "redress/error.hpp"

namespace redress {
namespace {

std::string plural_days(std::int64_t n) {
  return std::to_string(n) + (n == 1 ? " day" : " days");
}

bool is_period(const std::string& due) {
  return !due.empty() && !(due.size() == 10 && due[4] == '-');
}

// The report and remedy duties the ledger lists, in the order a committee report gives them.
constexpr const char* kDutyRules[] = {"lgo.public_notice",          "lgo.public_inspection", "lgo.response",
                                      "lgo.further_response",       "mo.report_considered",  "remedy.personal",
                                      "remedy.service_improvements"};

std::optional<int> decision_year(const Case& c) {
  if (auto d = c.date("final_decision")) return static_cast<int>(d->year());
  if (auto d = c.date("report_received")) return static_cast<int>(d->year());
  return std::nullopt;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::on_time: return "on_time";
    case Verdict::late: return "late";
    case Verdict::overdue: return "overdue";
    case Verdict::open: return "open";
    case Verdict::complete_undated: return "complete_undated";
    case Verdict::refused: return "refused";
    case Verdict::no_due_date: return "no_due_date";
  }
  return "";
}

std::string LedgerEntry::describe() const {
  switch (verdict) {
    case Verdict::on_time: return "on time";
    case Verdict::late: return "late by " + plural_days(days.value_or(0));
    case Verdict::overdue: return "overdue by " + plural_days(days.value_or(0));
    case Verdict::open: return "open, due in " + plural_days(days.value_or(0));
    // A recommendation with a time limit whose start date the case lacks has a due date nobody can compute:
    // saying it has "no due date" would tell a committee it has no deadline.
    case Verdict::complete_undated:
      if (due) return "complete, date not stated";
      return due_text.empty() ? "complete, date not stated, no due date"
                              : "complete, date not stated, due date cannot be computed";
    case Verdict::refused: return "refused";
    case Verdict::no_due_date:
      if (completed)
        return due_text.empty() ? "complete, no due date to compare" : "complete, due date cannot be computed";
      return due_text.empty() ? "no due date" : "due date cannot be computed";
  }
  return "";
}

CaseLedger case_ledger(const Case& c, const LedgerOptions& options) {
  CaseLedger ledger;
  ledger.reference = c.name();
  ledger.authority = c.authority;
  try {
    ledger.canonical = canonical_authority(c.authority, options.as_of);
  } catch (const InvalidInput&) {
    ledger.canonical = c.authority;  // no letters or digits to go on: the name as written
  }

  // The statutory duties: the deadlines layer's evaluation of the catalogue, not a second copy of the rules.
  CaseOptions co;
  co.as_of = options.as_of;
  co.catalogue = options.catalogue;
  co.remedy = false;
  CaseReport report = evaluate_case(c, co);
  const RuleCatalogue& catalogue = options.catalogue != nullptr ? *options.catalogue : RuleCatalogue::standard();
  const Timeline timeline = c.timeline();
  auto first_event = [&](const std::vector<std::string>& names) -> const Event* {
    for (const auto& e : timeline.events) {
      if (std::find(names.begin(), names.end(), e.name) != names.end()) return &e;
    }
    return nullptr;
  };
  for (const char* id : kDutyRules) {
    auto it =
        std::find_if(report.deadlines.begin(), report.deadlines.end(), [&](const Deadline& d) { return d.rule == id; });
    if (it != report.deadlines.end()) {
      ledger.duties.push_back(*it);
      continue;
    }
    const std::string_view rule_id(id);
    const bool report_duty = rule_id == "lgo.public_notice" || rule_id == "mo.report_considered";
    const bool remedy_duty = rule_id.substr(0, 7) == "remedy.";
    if (report_duty && !c.public_report) continue;
    if (rule_id == "mo.report_considered" && c.finding != Finding::fault_causing_injustice) continue;
    if (!report_duty && !remedy_duty) continue;
    // A duty the catalogue tracks only when the case records its completion: the due date from the catalogue's
    // own evaluation of the rule, but whether it was met is not recorded, so it is never called overdue.
    const Rule& rule = catalogue.rule(id);
    Deadline d = deadline_of(rule);
    const Event* start = first_event(rule.start_events);
    const std::string met = rule.met_by.empty() ? std::string() : rule.met_by.front();
    if (start == nullptr) {
      if (remedy_duty) continue;  // each recommendation's own due date says what is missing
      d.status = DeadlineStatus::not_computable;
      d.reason = "the case records no " + (rule.start_events.empty() ? rule.start_rule : rule.start_events.front()) +
                 (rule_id == "mo.report_considered" ? " event (the date the report was sent to members)" : " date");
      d.explanation = d.title + ": not computable, because " + d.reason + " (" + d.source + ").";
      ledger.duties.push_back(std::move(d));
      continue;
    }
    const std::int64_t start_day = detail::epoch_day(start->date);
    const std::int64_t met_day = Calendar::kMissingDay;
    std::int64_t due_day = Calendar::kMissingDay;
    std::int64_t late = 0;
    std::int8_t status = 0;
    evaluate_rule(rule, &start_day, &met_day, 1, detail::epoch_day(options.as_of), &due_day, &status, &late,
                  Calendar::england_and_wales(), SchoolCalendar::default_calendar());
    d.start = start->date;
    d.start_event = start->name;
    if (due_day != Calendar::kMissingDay) d.due = detail::from_epoch_day(due_day);
    if (d.due && options.as_of <= *d.due) {
      d.status = DeadlineStatus::pending;
      d.days_remaining = (*d.due - options.as_of).days();
      d.explanation = d.title + ": due " + iso(*d.due) + " (" + d.source + ").";
    } else {
      d.status = DeadlineStatus::not_computable;
      d.reason = "the case records no " + met + " event";
      d.explanation =
          d.title + (d.due ? ": due " + iso(*d.due) : std::string()) + "; " + d.reason + " (" + d.source + ").";
    }
    ledger.duties.push_back(std::move(d));
  }

  // Which dates the ledger needed and the case lacks.
  std::optional<Date> base = c.date("final_decision");
  std::string base_field = "dates.final_decision";
  if (!base && c.public_report && c.date("report_received")) {
    base = c.date("report_received");
    base_field = "dates.report_received";
  }
  if (!c.date("final_decision")) ledger.missing_dates.push_back("dates.final_decision");
  if (c.public_report && !c.date("report_received")) ledger.missing_dates.push_back("dates.report_received");

  for (std::size_t i = 0; i < c.recommendations.size(); ++i) {
    const Recommendation& r = c.recommendations[i];
    LedgerEntry e;
    e.reference = ledger.reference;
    e.authority = ledger.authority;
    e.canonical = ledger.canonical;
    e.path = "recommendations[" + std::to_string(i) + "]";
    e.kind = r.kind;
    e.text = r.text;
    e.due_text = r.due;
    e.status = r.status;
    e.completed = r.completed;
    if (r.due.empty()) {
      e.reason = "the recommendation gives no time limit";
    } else if (!is_period(r.due)) {
      e.due = recommendation_due(r, std::nullopt, e.path);
    } else if (!base) {
      e.reason = c.public_report
                     ? "its period (" + r.due +
                           ") runs from the final decision, and the case gives neither "
                           "dates.final_decision nor dates.report_received"
                     : "its period (" + r.due + ") runs from the final decision, and dates.final_decision is missing";
    } else {
      e.base = base;
      e.base_field = base_field;
      e.due = recommendation_due(r, base, e.path);
    }
    const bool done = r.completed.has_value() || r.status == RecommendationStatus::complete;
    if (r.status == RecommendationStatus::refused) {
      e.verdict = Verdict::refused;
    } else if (done && !r.completed) {
      e.verdict = Verdict::complete_undated;
    } else if (done && e.due) {
      const std::int64_t late = (*r.completed - *e.due).days();
      e.verdict = late > 0 ? Verdict::late : Verdict::on_time;
      if (late > 0) e.days = late;
    } else if (done) {
      e.verdict = Verdict::no_due_date;  // completed on a date, but there is no due date to compare it with
    } else if (!e.due) {
      e.verdict = Verdict::no_due_date;
    } else if (options.as_of > *e.due) {
      e.verdict = Verdict::overdue;
      e.days = (options.as_of - *e.due).days();
    } else {
      e.verdict = Verdict::open;
      e.days = (*e.due - options.as_of).days();
    }
    ledger.recommendations.push_back(std::move(e));
  }

  if (c.remedy) {
    try {
      RemedyOptions ro;
      ro.final_decision = c.date("final_decision");
      ro.as_of = options.as_of;
      RemedyBreakdown b = calculate(*c.remedy, ro);
      std::map<std::string, RemedyTotal> by_kind;
      for (const auto& line : b.lines) {
        RemedyTotal& t = by_kind[line.kind];
        t.authority = ledger.canonical;
        t.year = decision_year(c);
        t.kind = line.kind;
        t.amount += line.amount;
        ++t.lines;
      }
      for (auto& [kind, t] : by_kind) ledger.remedy.push_back(std::move(t));
    } catch (const Error& err) {
      ledger.remedy_error = err.what();
    }
  }
  return ledger;
}

std::optional<double> LedgerYear::compliance_rate() const noexcept {
  const std::int64_t known = on_time + late + outstanding;
  if (known == 0) return std::nullopt;
  return 100.0 * static_cast<double>(on_time) / static_cast<double>(known);
}

LedgerSummary summarise_ledgers(const std::vector<CaseLedger>& ledgers, std::string_view authority) {
  // Undated rows sort after the dated ones of the same authority.
  using YearKey = std::pair<std::string, std::pair<bool, int>>;
  std::map<YearKey, LedgerYear> years;
  std::map<std::tuple<std::string, std::pair<bool, int>, std::string>, RemedyTotal> remedy;
  for (const auto& ledger : ledgers) {
    if (!authority.empty() && (ledger.authority.empty() || !same_authority(ledger.authority, authority))) continue;
    for (const auto& e : ledger.recommendations) {
      std::optional<int> year;
      if (e.due) year = static_cast<int>(e.due->year());
      YearKey key{e.canonical, {!year.has_value(), year.value_or(0)}};
      LedgerYear& row = years[key];
      row.authority = e.canonical;
      row.year = year;
      ++row.recommendations;
      switch (e.verdict) {
        case Verdict::on_time: ++row.on_time; break;
        case Verdict::late: ++row.late; break;
        case Verdict::overdue: ++row.outstanding; break;
        case Verdict::open: ++row.not_yet_due; break;
        case Verdict::complete_undated: ++row.complete_undated; break;
        case Verdict::refused: ++row.refused; break;
        case Verdict::no_due_date: break;
      }
      if (e.due && e.verdict != Verdict::open) ++row.due;
    }
    for (const auto& t : ledger.remedy) {
      auto key = std::make_tuple(t.authority, std::make_pair(!t.year.has_value(), t.year.value_or(0)), t.kind);
      RemedyTotal& sum = remedy[key];
      sum.authority = t.authority;
      sum.year = t.year;
      sum.kind = t.kind;
      sum.amount += t.amount;
      sum.lines += t.lines;
    }
  }
  LedgerSummary out;
  for (auto& [key, row] : years) out.years.push_back(std::move(row));
  for (auto& [key, total] : remedy) out.remedy.push_back(std::move(total));
  return out;
}

std::string ledger_to_csv(const std::vector<CaseLedger>& ledgers) {
  std::string out =
      "reference,authority,canonical_authority,path,kind,due_text,base_field,base,due,status,completed,verdict,days,"
      "reason\n";
  for (const auto& ledger : ledgers) {
    for (const auto& e : ledger.recommendations) {
      const std::string fields[] = {e.reference,
                                    e.authority,
                                    e.canonical,
                                    e.path,
                                    e.kind,
                                    e.due_text,
                                    e.base_field,
                                    e.base ? iso(*e.base) : "",
                                    e.due ? iso(*e.due) : "",
                                    e.status ? std::string(to_string(*e.status)) : "",
                                    e.completed ? iso(*e.completed) : "",
                                    std::string(to_string(e.verdict)),
                                    e.days ? std::to_string(*e.days) : "",
                                    e.reason};
      bool first = true;
      for (const auto& f : fields) {
        out += (first ? "" : ",") + csv_field(f);
        first = false;
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace redress

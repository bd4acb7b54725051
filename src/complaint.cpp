#include "redress/complaint.hpp"

#include <ostream>

#include <algorithm>

#include "detail/evaluate.hpp"
#include "detail/names.hpp"
#include "detail/text.hpp"
#include "redress/error.hpp"

namespace redress {
namespace {

// The number of a reference written "21002722", "21 002 722" or "21-002-722"; false for any other text.
bool reference_number(std::string_view text, std::uint32_t& number) {
  // The positions of the eight digits in each written form.
  static constexpr std::size_t kPlain[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  static constexpr std::size_t kSpaced[8] = {0, 1, 3, 4, 5, 7, 8, 9};
  const std::size_t* at = nullptr;
  if (text.size() == 8) {
    at = kPlain;
  } else if (text.size() == 10 && text[2] == text[6] && (text[2] == ' ' || text[2] == '-')) {
    at = kSpaced;
  } else {
    return false;
  }
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const char c = text[at[i]];
    if (!detail::is_digit(c)) return false;
    n = n * 10U + static_cast<std::uint32_t>(c - '0');
  }
  number = n;
  return true;
}

}  // namespace

CaseReference::CaseReference(std::string_view text) : number_(0) {
  if (!reference_number(detail::trim_blanks(text), number_)) {
    throw InvalidInput("CaseReference", std::string(text),
                       "is not an Ombudsman case reference: expected eight digits written \"21 002 722\", "
                       "\"21-002-722\" or \"21002722\"");
  }
}

int CaseReference::year() const noexcept {
  return 2000 + static_cast<int>(number_ / 1000000U);
}

std::string CaseReference::digits() const {
  std::string out = std::to_string(number_);
  return std::string(8 - out.size(), '0') + out;
}

std::string CaseReference::str() const {
  std::string d = digits();
  return d.substr(0, 2) + ' ' + d.substr(2, 3) + ' ' + d.substr(5, 3);
}

std::ostream& operator<<(std::ostream& out, const CaseReference& reference) {
  return out << reference.str();
}

}  // namespace redress

namespace redress {

namespace {

constexpr std::pair<Outcome, const char*> kOutcomes[] = {
    {Outcome::upheld, "upheld"},
    {Outcome::not_upheld, "not_upheld"},
    {Outcome::closed_after_initial_enquiries, "closed_after_initial_enquiries"},
    {Outcome::premature, "premature"},
    {Outcome::outside_jurisdiction, "outside_jurisdiction"}};
constexpr std::pair<Finding, const char*> kFindings[] = {{Finding::fault_causing_injustice, "fault_causing_injustice"},
                                                         {Finding::fault_no_injustice, "fault_no_injustice"},
                                                         {Finding::no_fault, "no_fault"}};
constexpr std::pair<RecommendationStatus, const char*> kStatuses[] = {
    {RecommendationStatus::complete, "complete"},
    {RecommendationStatus::in_progress, "in_progress"},
    {RecommendationStatus::on_track, "on_track"},
    {RecommendationStatus::not_started, "not_started"},
    {RecommendationStatus::refused, "refused"}};

}  // namespace

std::string_view to_string(Outcome v) noexcept {
  return detail::name_of(v, kOutcomes);
}
std::string_view to_string(Finding v) noexcept {
  return detail::name_of(v, kFindings);
}
std::string_view to_string(RecommendationStatus v) noexcept {
  return detail::name_of(v, kStatuses);
}
Outcome parse_outcome(std::string_view name, std::string_view field) {
  return detail::parse_name(name, kOutcomes, field);
}
Finding parse_finding(std::string_view name, std::string_view field) {
  if (name == "maladministration_and_injustice") return Finding::fault_causing_injustice;  // the older wording
  return detail::parse_name(name, kFindings, field);
}
RecommendationStatus parse_recommendation_status(std::string_view name, std::string_view field) {
  return detail::parse_name(name, kStatuses, field);
}

const std::vector<std::string>& fault_kinds() {
  static const std::vector<std::string> kinds = {"assessment_delay",
                                                 "plan_content",
                                                 "provision_not_secured",
                                                 "alternative_provision",
                                                 "annual_review",
                                                 "phase_transfer",
                                                 "tribunal_order",
                                                 "complaint_handling",
                                                 "communication",
                                                 "record_keeping",
                                                 "cooperation_with_ombudsman",
                                                 "other"};
  return kinds;
}

bool detail::due_period(std::string_view due, int& n, Unit& unit) {
  const std::size_t space = due.find(' ');
  if (space == std::string_view::npos || space == 0 || space >= 5) return false;
  n = 0;
  for (std::size_t i = 0; i < space; ++i) {
    if (due[i] < '0' || due[i] > '9') return false;
    n = n * 10 + (due[i] - '0');
  }
  const std::string_view word = due.substr(space + 1);
  if (word == "day" || word == "days") {
    unit = Unit::days;
  } else if (word == "week" || word == "weeks") {
    unit = Unit::weeks;
  } else if (word == "month" || word == "months") {
    unit = Unit::months;
  } else {
    return false;
  }
  return true;
}

Date recommendation_due(const Recommendation& r, std::optional<Date> final_decision, const std::string& path) {
  const auto field = [&path] { return path + ".due"; };  // made only for a message
  if (r.due.size() == 10 && r.due[4] == '-') {
    try {
      return parse_date(r.due, "due");
    } catch (const InvalidInput& e) {
      throw InvalidInput(field(), e.value(), e.rule());
    } catch (const OutOfRange& e) {
      throw OutOfRange(field(), e.value(), e.rule());
    }
  }
  // "N days|weeks|months" from the final decision.
  int n = 0;
  Unit u = Unit::days;
  if (!detail::due_period(r.due, n, u)) {
    throw InvalidInput(field(), r.due, "is not a due date or a period such as \"1 month\", \"3 months\", \"28 days\"");
  }
  if (!final_decision) {
    throw NotComputable(field(), r.due, "is a period from the final decision, and dates.final_decision is missing");
  }
  return period_end(*final_decision, n, u, Counting::within);
}

std::optional<Date> Case::date(const std::string& name) const {
  auto it = dates.find(name);
  if (it == dates.end()) return std::nullopt;
  return it->second;
}

std::string Case::name() const {
  return reference ? reference->str() : id;
}

Timeline Case::timeline() const {
  Timeline t = send;
  for (const auto& [name, d] : dates) t.events.push_back({name, d, {}});
  return t;
}

CaseReport evaluate_case(const Case& c, const CaseOptions& options) {
  return detail::evaluate_case(c, options, true);
}

CaseReport detail::evaluate_case(const Case& c, const CaseOptions& options, bool explain, RemedyFigures* figures,
                                 std::vector<Deadline>* deadlines) {
  if (options.as_of.is_special()) {
    throw InvalidInput("as_of", iso(options.as_of), "must be a date: statuses are given as of a day");
  }
  CaseReport report;
  if (options.remedy && c.remedy) {
    RemedyOptions ro;
    ro.final_decision = c.date("final_decision");
    ro.as_of = options.as_of;
    if (figures != nullptr) {
      detail::remedy_figures(*c.remedy, ro, *figures);
    } else {
      report.remedy = detail::calculate(*c.remedy, ro, explain);
    }
  }
  if (options.deadlines) {
    detail::evaluate_case_deadlines(c, options, explain, deadlines != nullptr ? *deadlines : report.deadlines);
  } else if (deadlines != nullptr) {
    deadlines->clear();
  }
  if (figures != nullptr && !explain) {
    // Counted only: the same due dates and statuses, without a RecommendationState each.
    thread_local std::string path;
    for (std::size_t i = 0; i < c.recommendations.size(); ++i) {
      const Recommendation& r = c.recommendations[i];
      const bool finished =
          r.status == RecommendationStatus::complete || r.status == RecommendationStatus::refused;  // none: open
      if (r.due.empty() || finished) continue;
      path.assign("recommendations[");
      path += std::to_string(i);  // within the short-string buffer: no allocation
      path += ']';
      try {
        if (options.as_of > recommendation_due(r, c.date("final_decision"), path)) ++report.recommendations_overdue;
      } catch (const NotComputable&) {
      }
    }
    return report;
  }
  for (std::size_t i = 0; i < c.recommendations.size(); ++i) {
    RecommendationState s;
    s.path = "recommendations[" + std::to_string(i) + "]";
    s.recommendation = c.recommendations[i];
    if (c.recommendations[i].due.empty()) {
      s.reason = "the recommendation gives no time limit";
    } else {
      try {
        s.due = recommendation_due(c.recommendations[i], c.date("final_decision"), s.path);
      } catch (const NotComputable& e) {
        s.reason = e.what();
      }
    }
    const auto status = c.recommendations[i].status;
    const bool finished =
        status == RecommendationStatus::complete || status == RecommendationStatus::refused;  // none: open
    if (s.due && !finished && options.as_of > *s.due) {
      s.overdue = true;
      s.days_overdue = (options.as_of - *s.due).days();
      ++report.recommendations_overdue;
    }
    report.recommendations.push_back(std::move(s));
  }
  return report;
}

}  // namespace redress

// The complaint layer: one complaint to the Ombudsman as a value. Its reference, authority, outcome and finding,
// the faults found, its dates, remedy, recommendations (with due dates and statuses as of a date), its SEND
// timeline, and what it all comes to: the remedy owed, every deadline, which recommendations are overdue.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "redress/calendar.hpp"
#include "redress/deadlines.hpp"
#include "redress/remedy.hpp"

namespace redress {

// The Ombudsman's eight-digit case reference, written "NN NNN NNN". The first two digits are the year the
// Ombudsman received the complaint: 21 002 722 arrived in 2021.
class CaseReference {
 public:
  // Accepts "21 002 722", "21-002-722" and "21002722" (surrounding whitespace ignored); anything else is
  // InvalidInput naming the text.
  explicit CaseReference(std::string_view text);

  // The year the complaint reached the Ombudsman, read as 20NN.
  int year() const noexcept;
  // The six digits after the year, as a number (21 002 722 -> 2722).
  std::uint32_t serial() const noexcept { return number_ % 1000000U; }
  // The canonical form, "21 002 722".
  std::string str() const;
  // The eight digits with no separators, "21002722".
  std::string digits() const;
  // The eight digits as one number (21002722), for compact storage and sorting.
  std::uint32_t number() const noexcept { return number_; }

  friend bool operator==(const CaseReference& a, const CaseReference& b) noexcept { return a.number_ == b.number_; }
  friend bool operator!=(const CaseReference& a, const CaseReference& b) noexcept { return a.number_ != b.number_; }
  friend bool operator<(const CaseReference& a, const CaseReference& b) noexcept { return a.number_ < b.number_; }

 private:
  std::uint32_t number_;
};

std::ostream& operator<<(std::ostream& out, const CaseReference& reference);

enum class Outcome { upheld, not_upheld, closed_after_initial_enquiries, premature, outside_jurisdiction };
enum class Finding { fault_causing_injustice, fault_no_injustice, no_fault };
enum class RecommendationStatus { complete, in_progress, on_track, not_started, refused };

std::string_view to_string(Outcome v) noexcept;
std::string_view to_string(Finding v) noexcept;
std::string_view to_string(RecommendationStatus v) noexcept;
Outcome parse_outcome(std::string_view name, std::string_view field = "outcome");
// Also reads the older wording "maladministration_and_injustice" as fault_causing_injustice.
Finding parse_finding(std::string_view name, std::string_view field = "finding");
RecommendationStatus parse_recommendation_status(std::string_view name, std::string_view field = "status");

// The faults the Ombudsman can find, the case format's fixed vocabulary.
const std::vector<std::string>& fault_kinds();

struct Recommendation {
  std::string kind;  // apology, payment, service_improvement, ...
  std::string text;
  std::string due;                             // as the case gives it: "1 month", "3 months", "28 days" or a date
  std::optional<RecommendationStatus> status;  // none when the case does not say
  std::optional<Date> completed;
};

// A recommendation's due date: a period from the final decision (months on the corresponding-date rule) or a
// date. NotComputable without a final decision; InvalidInput for a `due` that is neither.
Date recommendation_due(const Recommendation& r, std::optional<Date> final_decision, const std::string& path);

// One complaint, as the case file (redress.case/1) describes it.
struct Case {
  std::optional<CaseReference> reference;  // required unless the case has an `id`
  std::string id;                          // the council's own case or child identifier ("" when none)
  std::string authority;
  std::string category;
  std::optional<Outcome> outcome;
  std::optional<Finding> finding;
  bool public_report = false;
  std::vector<std::string> faults;
  std::map<std::string, Date> dates;  // first_aware, complaint_to_council, ..., final_decision, report_received
  std::optional<Remedy> remedy;
  std::vector<Recommendation> recommendations;
  Timeline send;  // send.events and send.exceptions
  // send.exceptions_apply: the 20-week exceptions recorded as applying without their dates (as the DfE's SEN2
  // return records them); none when the case does not say.
  std::optional<bool> exceptions_apply;

  std::optional<Date> date(const std::string& name) const;
  // The reference ("21 002 722") or, when there is none, the id: the name rows and summaries give the case.
  std::string name() const;
  // The SEND events and the case's dates together, the dates as events of the same names.
  Timeline timeline() const;
};

struct RecommendationState {
  std::string path;  // "recommendations[2]"
  Recommendation recommendation;
  std::optional<Date> due;
  std::string reason;  // why the due date is not computable
  bool overdue = false;
  std::optional<std::int64_t> days_overdue;
};

// What a case comes to as of a date.
struct CaseReport {
  std::optional<RemedyBreakdown> remedy;
  std::vector<Deadline> deadlines;
  std::vector<RecommendationState> recommendations;
  std::int64_t recommendations_overdue = 0;
};

struct CaseOptions {
  Date as_of = Date(boost::gregorian::day_clock::local_day());  // default: today (never a sentinel in arithmetic)
  const RuleCatalogue* catalogue = nullptr;
  std::optional<Calendar> calendar;
  bool remedy = true;
  bool deadlines = true;
};

// The remedy, every deadline (the Ombudsman's public-report duties only when public_report is true) and each
// recommendation's due date and status as of `options.as_of`.
CaseReport evaluate_case(const Case& c, const CaseOptions& options);

}  // namespace redress

template <>
struct std::hash<redress::CaseReference> {
  std::size_t operator()(const redress::CaseReference& r) const noexcept {
    return std::hash<std::uint32_t>{}(r.number());
  }
};

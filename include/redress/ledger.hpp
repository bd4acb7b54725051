// The compliance ledger: for every recommendation of a case its due date, status, completion date and verdict
// as of a date (on time, late by N days, overdue by N days, open and due in N days), beside the case's statutory
// duties (s.30 notices, s.31(2) and (2A), s.5A, the remedy periods) as the deadlines layer evaluates them; and,
// over many cases, per authority and year, how many recommendations fell due, were met on time, late or are
// outstanding, the compliance rate, and the remedy totals by kind and year.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/complaint.hpp"
#include "redress/deadlines.hpp"
#include "redress/money.hpp"

namespace redress {

enum class Verdict {
  on_time,           // completed on or before the due date
  late,              // completed after the due date
  overdue,           // not complete and the due date has passed
  open,              // not complete and not yet due
  complete_undated,  // complete, but the case does not say when: on time or late cannot be told
  refused,           // the authority refused it
  no_due_date,       // not complete and no due date can be computed (`reason` says why)
};
std::string_view to_string(Verdict v) noexcept;

struct LedgerOptions {
  Date as_of;
  const RuleCatalogue* catalogue = nullptr;  // RuleCatalogue::standard() unless given
};

// One recommendation as the ledger sees it.
struct LedgerEntry {
  std::string reference;  // "21 002 722", or the case's id when it has no reference
  std::string authority;  // as the case writes it
  std::string canonical;  // canonical_authority(authority, as_of)
  std::string path;       // "recommendations[3]"
  std::string kind;
  std::string text;
  std::string due_text;      // the case's `due` ("1 month", a date, or empty)
  std::optional<Date> base;  // the date a period runs from
  std::string base_field;    // "dates.final_decision", or "dates.report_received" for a public report
  std::optional<Date> due;   // none: `reason` says why
  std::string reason;        // why there is no due date
  std::optional<RecommendationStatus> status;
  std::optional<Date> completed;
  Verdict verdict = Verdict::no_due_date;
  std::optional<std::int64_t> days;  // late by, overdue by, or due in (calendar days)

  // "on time", "late by 3 days", "overdue by 12 days", "open, due in 5 days", "complete, date not stated",
  // "refused", "no due date" (no time limit), "due date cannot be computed" (a time limit but no start date).
  std::string describe() const;
};

// A remedy total of one kind ("distress", "lost_provision", ...) for one authority and year of decision.
struct RemedyTotal {
  std::string authority;    // canonical
  std::optional<int> year;  // year of dates.final_decision (else dates.report_received); none if neither
  std::string kind;
  Money amount;
  std::int64_t lines = 0;
};

// One case's ledger.
struct CaseLedger {
  std::string reference;
  std::string authority;
  std::string canonical;
  std::vector<LedgerEntry> recommendations;
  std::vector<Deadline> duties;            // the report and remedy duties, each with its rule and source
  std::vector<std::string> missing_dates;  // case dates the ledger needed and the case lacks ("dates.final_decision")
  std::vector<RemedyTotal> remedy;         // the remedy by kind (empty without a remedy section)
  std::string remedy_error;                // why the remedy could not be computed, if it could not
};

// The ledger of one case as of `options.as_of`. A recommendation's period ("1 month") runs from
// dates.final_decision; for a public report without one, from dates.report_received (said in base_field). Never
// throws for missing dates: what cannot be computed says why.
CaseLedger case_ledger(const Case& c, const LedgerOptions& options);

// One authority and year (of the due date) over many cases.
struct LedgerYear {
  std::string authority;             // canonical
  std::optional<int> year;           // none: recommendations with no due date
  std::int64_t recommendations = 0;  // all with a due date in the year (or none, for the undated row)
  std::int64_t due = 0;              // those due on or before the as-of date
  std::int64_t on_time = 0;
  std::int64_t late = 0;
  std::int64_t outstanding = 0;  // due, not complete (overdue)
  std::int64_t not_yet_due = 0;  // open, not yet due
  std::int64_t complete_undated = 0;
  std::int64_t refused = 0;
  // on_time / (on_time + late + outstanding), as a percentage; none when no recommendation's timeliness is known.
  std::optional<double> compliance_rate() const noexcept;
};

struct LedgerSummary {
  std::vector<LedgerYear> years;    // by authority, then year (undated last)
  std::vector<RemedyTotal> remedy;  // by authority, year, kind
};

// The ledgers of many cases summed per canonical authority and year. `authority`, if not empty, keeps only the
// cases of that council, its predecessors and successors (same_authority).
LedgerSummary summarise_ledgers(const std::vector<CaseLedger>& ledgers, std::string_view authority = {});

// The ledger entries as CSV (a header line, then one line per recommendation), for spreadsheets.
std::string ledger_to_csv(const std::vector<CaseLedger>& ledgers);

}  // namespace redress

// The deadlines layer: every statutory time limit in a SEND complaint as cited data (data/rules/catalogue.json,
// compiled in), evaluated over a case's events and exception intervals: due date, status as of a date, lateness
// raw and net of exceptions, and an explanation naming the law. Also the Department for Education's timeliness
// measures over many cases, iCalendar export, and a vectorised form of one rule for columns of dates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/calendar.hpp"

namespace redress {

enum class Roll {
  none,              // the SEND Regulations: a deadline on a weekend or bank holiday stays there
  next_working_day,  // the end moves to the next working day
  tribunal_sen,      // HESC Rules 2008 r.12: 25 Dec-1 Jan -> first working day after 1 Jan; August -> after 31 Aug;
                     // then the next working day
};
enum class Evidence { verified, secondary, unconfirmed };
enum class DeadlineStatus {
  met_on_time,
  met_late,
  pending,
  overdue,
  window_open,
  window_closed,
  not_applicable,
  not_computable
};

std::string_view to_string(Roll v) noexcept;
std::string_view to_string(Evidence v) noexcept;
std::string_view to_string(DeadlineStatus v) noexcept;

// A dated event in a case's timeline ("ehc_request_received" on 2024-09-09), with any fields its rule needs
// ("transfer": "school_phase", "order": "assess").
struct Event {
  std::string name;
  Date date;
  std::map<std::string, std::string> fields;
};

// A statutory exception interval, both ends included ("absent_from_area" 2019-12-01 to 2020-01-10). For
// "school_closure" the interval is the closure itself (first and last day closed); the request for advice the
// regulations ask about is an `advice_requested` event in the timeline.
struct ExceptionInterval {
  std::string type;
  Date from;
  Date to;
};

// What the engine made of one exception interval for one deadline: whether its conditions are met (a
// continuous absence of at least four weeks during the period, a request for advice inside the closure window,
// ...), how many days of the statutory period it covers, and the reason in words either way.
struct ExceptionFinding {
  std::string type;
  Date from;
  Date to;
  bool applied = false;
  std::int64_t days_covered = 0;  // days of the statutory period it covers (0 when not applied)
  std::string reason;
};

struct Rule {
  std::string id;
  std::string title;
  std::string instrument;  // "SEND Regulations 2014"
  std::string provision;   // "reg 13(2)"
  std::string url;
  Evidence evidence = Evidence::verified;
  std::string notes;
  bool window = false;  // a period for the family to act in, not a duty on the authority

  std::vector<std::string> start_events;  // any of these starts the clock
  std::map<std::string, std::string> start_where;
  std::string start_rule;  // or the due date of another rule
  std::string else_rule;   // if no start event, the due date of this rule stands in

  std::optional<int> length;  // negative: before the start event; none: unknown (an override computes it)
  Unit unit = Unit::weeks;
  Counting counting = Counting::within;
  std::optional<std::pair<int, int>> fixed;  // (month, day) in the start event's year

  struct Alternative {
    std::string event;
    int length = 0;
    Unit unit = Unit::months;
    Counting counting = Counting::within;
  };
  std::optional<Alternative> alternative;  // the later of the two ends applies

  std::vector<std::string> met_by;
  std::string met_window = "after";  // "after" the start, "before" it, or "year_before" (12 months before it)
  std::vector<std::string> superseded_by;
  std::vector<std::string> requires_events;  // each must follow the start (before the next start) to apply
  std::vector<std::string> implied_by;       // later steps showing the completing step happened unrecorded
  bool if_recorded = false;                  // evaluated only when the case records a completing step
  bool report_missing_start = false;         // a completing step without the start: NotComputable, naming it
  bool met_any_time = false;                 // a completing step on any date meets it (not only after the start)
  Roll roll = Roll::none;
  std::vector<std::string> exceptions;
  int absence_min_weeks = 4;  // the continuous absence the absent_from_area exception needs (reg 44(3): 2)
  std::optional<Date> in_force_from;
  std::optional<Date> in_force_to;
  std::string measure;  // the DfE measure it feeds: dfe_6_week, dfe_16_week, dfe_20_week, dfe_review_4_week
  std::string setting;  // the name of a council-procedure setting that overrides the length
  // Days added to a start taken from another rule's due date (s.31(2A): 1, the day after the s.31(2) period
  // ends, is day 1), and the setting that chooses it.
  int start_offset_days = 0;
  std::string offset_setting;
  std::vector<std::string> missing_start_if;  // events that make a missing start worth reporting
  std::string implied_text;                   // what an implied_by event shows, in words
  std::string due_text;
  std::string start_text;

  // "SEND Regulations 2014, reg 13(2)"
  std::string citation() const { return instrument + ", " + provision; }
  bool confirmed() const noexcept { return evidence != Evidence::unconfirmed; }
};

// A window of time in which some limits could be replaced (SI 2020/471).
struct RuleWindow {
  std::string id;
  std::string title;
  Date from;
  Date to;
  std::string exception;  // the exception type a case records to claim it
  std::string source;
};

// One council's own complaint procedure: its timescales ("stage1_response_days": 20, ...), from when it
// applies, and where it is published.
struct ComplaintProcedure {
  std::string authority;
  std::map<std::string, int> settings;
  std::optional<Date> from;  // complaints received on or after; none: every date
  std::string source;
};

// A table of councils' procedures: {"format": "redress.complaint_procedures/1", "procedures": [{"authority":
// "Example Council", "stage1_response_days": 20, "from": "2024-04-01", "source": "https://..."}]}. Unknown
// settings and bad dates are InvalidInput naming the JSON path.
std::vector<ComplaintProcedure> complaint_procedures_from_json(std::string_view json);
// The procedure of `authority` in `table` (exact name), or nullptr.
const ComplaintProcedure* find_procedure(const std::vector<ComplaintProcedure>& table, std::string_view authority);

class RuleCatalogue;
namespace detail {
struct RuleIndex;  // the catalogue's event names as small numbers and each rule's sets of them (deadlines.cpp)
const RuleIndex* rule_index(const RuleCatalogue& catalogue) noexcept;
}  // namespace detail

class RuleCatalogue {
 public:
  // The shipped catalogue (data/rules/catalogue.json).
  static const RuleCatalogue& standard();
  static RuleCatalogue from_json(std::string_view json);

  const std::vector<Rule>& rules() const noexcept { return rules_; }
  const std::vector<RuleWindow>& windows() const noexcept { return windows_; }
  const Rule& rule(std::string_view id) const;  // InvalidInput naming unknown ids

  // A copy with one rule's length replaced: to supply an unconfirmed length or a council's own procedure.
  RuleCatalogue with_length(std::string_view rule_id, int length) const;
  // A copy with a setting replaced in every rule that uses it: a council-procedure setting
  // ("stage1_response_days"; the rule then follows the council's own procedure, whatever the date) or a reading
  // of the law ("s31_2A_day_after": 1, the default, counts the further three months from the day after the
  // s.31(2) period ends; 0 counts the s.31(2) period's last day as day 1).
  RuleCatalogue with_setting(std::string_view setting, int value) const;
  // The settings this catalogue knows, with their current values.
  std::map<std::string, int> settings() const;
  // A copy whose Complaint Handling Code rules (complaint.*) apply to complaints received on or after `from`
  // (the shipped date, 1 April 2026, is when the Ombudsman starts to apply the Code; none: every date).
  RuleCatalogue with_complaint_code_from(std::optional<Date> from) const;
  // A copy whose complaint.* rules follow a council's own `procedure`: each rule whose setting the procedure
  // states takes its value, its start date and its name in the citation; the others stay the Code's.
  RuleCatalogue with_procedure(const ComplaintProcedure& procedure) const;

 private:
  std::vector<Rule> rules_;
  std::vector<RuleWindow> windows_;
  // Built from rules_ by from_json and each with_* copy, so that an evaluation finds a case's rules by number.
  std::shared_ptr<const detail::RuleIndex> index_;
  void index();
  friend const detail::RuleIndex* detail::rule_index(const RuleCatalogue& catalogue) noexcept;
};

struct Deadline {
  std::string rule;
  std::string title;
  std::string source;  // citation
  std::string url;
  Evidence evidence = Evidence::verified;
  bool window = false;
  std::optional<Date> start;
  std::string start_event;
  std::optional<Date> due;
  std::optional<Date> met;
  std::string met_event;
  DeadlineStatus status = DeadlineStatus::not_computable;
  std::optional<std::int64_t> days_late;             // days met late or overdue, before exceptions; 0 when not
                                                     // late; empty only when the deadline cannot be computed
  std::optional<std::int64_t> days_remaining;        // pending or an open window
  std::vector<std::string> exceptions;               // exception types applied here (their conditions met)
  std::optional<std::int64_t> days_late_net;         // lateness less the days of the period the applied ones cover
  std::vector<ExceptionFinding> exception_findings;  // every interval considered, applied or not, and why
  std::string reason;                                // why not computable or not applicable
  std::string explanation;
  std::vector<std::string> notes;
  bool open() const noexcept {
    return status == DeadlineStatus::pending || status == DeadlineStatus::overdue ||
           status == DeadlineStatus::window_open;
  }
};

struct Timeline {
  std::vector<Event> events;
  std::vector<ExceptionInterval> exceptions;
};

struct DeadlineOptions {
  Date as_of;
  const RuleCatalogue* catalogue = nullptr;       // RuleCatalogue::standard() unless given
  std::optional<Calendar> calendar;               // England and Wales unless given
  std::optional<SchoolCalendar> school_calendar;  // the default school calendar unless given
};

// A deadline of `rule` with nothing yet worked out: its title, citation, evidence and notes.
Deadline deadline_of(const Rule& rule);

// Every deadline the case's events make relevant: a rule is evaluated when its start event, or an event that
// meets it, is in the timeline; one whose start is missing is NotComputable with the missing event named.
std::vector<Deadline> evaluate_deadlines(const Timeline& timeline, const DeadlineOptions& options);

// --- Vectorised: one rule over columns -------------------------------------------------------------------------

// Due dates, statuses and days late of one rule for columns of start and met dates (days since 1970-01-01;
// Calendar::kMissingDay for a missing date: a missing start gives a missing due date and not_computable). `met`
// may be null: nothing met yet. A date outside the years 1400-9999 is OutOfRange naming its column and index.
void evaluate_rule(const Rule& rule, const std::int64_t* start, const std::int64_t* met, std::size_t count,
                   std::int64_t as_of, std::int64_t* due, std::int8_t* status, std::int64_t* days_late,
                   const Calendar& calendar, const SchoolCalendar& school);

// --- DfE timeliness ----------------------------------------------------------------------------------------

// One case's part in a DfE measure: the clock start (request, meeting), the completion, whether an exception
// was recorded.
struct MeasureRecord {
  std::string authority;
  Date start;
  std::optional<Date> completed;
  bool exception = false;
};

// A row of the DfE timeliness table for one authority and calendar year of completion; column names follow
// timeliness_20_week.csv ("plans_issued_den", "plans_issued_within_20_weeks", "pc_plans_issued_within_20_weeks",
// the "_ex" forms excluding cases with exceptions, and the over-20-weeks and over-a-year columns).
struct TimelinessRow {
  std::string authority;
  int year = 0;
  std::int64_t den = 0, within = 0, over_limit_under_year = 0, over_year = 0;
  std::int64_t den_ex = 0, within_ex = 0, over_limit_under_year_ex = 0, over_year_ex = 0;
  double pc_within() const noexcept {
    return den == 0 ? 0.0 : 100.0 * static_cast<double>(within) / static_cast<double>(den);
  }
  double pc_within_ex() const noexcept {
    return den_ex == 0 ? 0.0 : 100.0 * static_cast<double>(within_ex) / static_cast<double>(den_ex);
  }
};

// The share completed within `limit_weeks` weeks of the start (inclusive of the last day), by authority and
// calendar year of completion, including and excluding exceptions; incomplete records are left out, as the DfE
// counts plans issued. Sorted by authority then year; an "England" total row per year comes first.
std::vector<TimelinessRow> timeliness(const std::vector<MeasureRecord>& records, int limit_weeks);

// The DfE measure a rule feeds and its limit in weeks: dfe_20_week -> 20 and so on; 0 if none.
int measure_weeks(std::string_view measure) noexcept;

// --- iCalendar ----------------------------------------------------------------------------------------------

// The open deadlines (pending, overdue, open windows) as an RFC 5545 calendar of all-day events, one per
// deadline; `case_reference` goes into each summary and UID.
std::string to_icalendar(const std::vector<Deadline>& deadlines, const std::string& case_reference, Date as_of);

// JSON for the command line and tools: rule, source, due (ISO or null), status, days_late, ...
std::string deadlines_to_json(const std::vector<Deadline>& deadlines);

}  // namespace redress

// The remedy layer: what a council owes under an Ombudsman recommendation. Lost provision by school month,
// term, week or year (August and other school holidays left out), symbolic payments and reimbursements, the
// guidance version and band each rate sits against, a breakdown with a plain-English explanation per line, and
// an audit of the figures a decision states against the figures redress computes. Exact: amounts are pro-rated
// as fractions of pence and rounded once per line.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/calendar.hpp"
#include "redress/money.hpp"

namespace redress {

enum class RateUnit { month, term, week, year };
enum class Provision { none, partial, unsuitable };
enum class Head { education, special_provision, other };
enum class PaymentKind {
  distress,
  time_and_trouble,
  lost_opportunity,
  uncertainty,
  complaint_handling,
  reimbursement,
  other
};
enum class Recipient { parent, child, young_person, other };

std::string_view to_string(RateUnit v) noexcept;
std::string_view to_string(Provision v) noexcept;
std::string_view to_string(Head v) noexcept;
std::string_view to_string(PaymentKind v) noexcept;
std::string_view to_string(Recipient v) noexcept;
RateUnit parse_rate_unit(std::string_view name, std::string_view field = "per");
Provision parse_provision(std::string_view name, std::string_view field = "provision");
Head parse_head(std::string_view name, std::string_view field = "head");
PaymentKind parse_payment_kind(std::string_view name, std::string_view field = "kind");
Recipient parse_recipient(std::string_view name, std::string_view field = "to");

// A calendar month, "2020-02".
struct YearMonth {
  int year = 0;
  int month = 0;
  friend bool operator==(YearMonth a, YearMonth b) noexcept { return a.year == b.year && a.month == b.month; }
  friend bool operator<(YearMonth a, YearMonth b) noexcept {
    return a.year != b.year ? a.year < b.year : a.month < b.month;
  }
};
YearMonth parse_year_month(std::string_view text, std::string_view field = "month");
std::string to_string(YearMonth m);

// How many school weeks each rate unit stands for. The defaults are the Ombudsman's practice: 39 school weeks
// a year, 13 a term, 39/9 a school month (nine school months a year). A school day is a fifth of a week.
struct UnitConversions {
  Fraction weeks_per_year{39};
  Fraction weeks_per_term{13};
  Fraction weeks_per_month{39, 9};
  Fraction weeks_per(RateUnit unit) const;
  // "39 school weeks a year, 13 a term, 4 1/3 (~4.33) a month"
  std::string describe() const;
};

// InvalidInput naming `prefix` + the part ("weeks_per_term") when a conversion is not a positive number of school
// weeks (a zero or negative one would make a zero or negative line). Every way in checks through this.
void check_conversions(const UnitConversions& c, std::string_view prefix = "");

// School time stated only by its length ({"terms": 2, "weeks": 1}); each part exact (at most two decimals).
struct SchoolTimeLength {
  Fraction years{0};
  Fraction terms{0};
  Fraction months{0};
  Fraction weeks{0};
  Fraction days{0};
  Fraction total_weeks(const UnitConversions& c) const;
  std::string describe() const;  // "2 terms and 1 week"
};

// One period of lost provision, in one of the case format's three forms (or open-ended).
struct LostProvision {
  enum class Form { months, dates, length };
  Form form = Form::months;
  YearMonth from_month{}, to_month{};  // Form::months: an inclusive range of school months
  Date from_date, to_date;             // Form::dates: an inclusive range (terms and months pro-rated by the
                                       // school days of each; weeks and years in school weeks)
  bool open = false;                   // no end: counted to the as-of date (months or dates form)
  SchoolTimeLength length;             // Form::length
  Money rate;
  RateUnit per = RateUnit::month;
  Provision provision = Provision::none;
  Head head = Head::education;
  Recipient to = Recipient::child;     // lost-provision payments are for the child's benefit
  std::optional<Rounding> rounding;    // the remedy's rounding unless given
  std::optional<Money> stated_amount;  // "amount": the figure the decision gave
  std::string note;
};

struct Payment {
  PaymentKind kind = PaymentKind::other;
  Money amount;
  Recipient to = Recipient::parent;
  std::string purpose;  // "for"
};

// The remedy section of a case (redress.case/1 "remedy").
struct Remedy {
  std::string guidance = "auto";
  std::string school_calendar = "default";
  Rounding rounding = Rounding::pound;
  std::vector<LostProvision> lost_provision;
  std::vector<Payment> payments;
  std::optional<Money> stated_total;
};

// --- Guidance -----------------------------------------------------------------------------------------------

struct GuidanceBand {
  Money min;
  Money max;
  bool min_confirmed = false;
  bool max_confirmed = false;
};

struct GuidanceVersion {
  std::string id;
  std::string title;
  RateUnit unit = RateUnit::month;
  std::optional<Date> from;  // in force for final decisions on or after
  std::optional<Date> to;    // ... and on or before
  std::map<Provision, GuidanceBand> bands;
  std::string source;
};

// The versions of the Ombudsman's guidance, as data (data/guidance/lgsco-lost-provision.json, compiled in).
class Guidance {
 public:
  static const Guidance& lgsco();
  // A copy with the unconfirmed lower bound of every band of `version_id` replaced (the monthly £200).
  Guidance with_lower_bound(std::string_view version_id, Money min) const;
  const std::vector<GuidanceVersion>& versions() const noexcept { return versions_; }
  const GuidanceVersion& version(std::string_view id) const;  // InvalidInput naming unknown ids
  // The version in force for a final decision on `decided`, with the reason in words.
  std::pair<const GuidanceVersion*, std::string> for_decision(Date decided) const;
  const std::string& notes() const noexcept { return notes_; }

  static Guidance from_json(std::string_view json);

 private:
  std::vector<GuidanceVersion> versions_;
  std::string notes_;
};

// --- The calculation ----------------------------------------------------------------------------------------

struct RemedyOptions {
  std::optional<Date> final_decision;  // picks the guidance when the remedy says "auto"
  std::optional<Date> as_of;           // closes open-ended periods
  UnitConversions conversions;
  bool allow_overlap = false;                     // let two periods of one head cover the same school time
  const Guidance* guidance = nullptr;             // Guidance::lgsco() unless given
  std::optional<SchoolCalendar> school_calendar;  // overrides the remedy's named calendar
  std::string path = "remedy";                    // JSON path prefix for messages and the audit
};

struct RemedyLine {
  std::string path;         // "remedy.lost_provision[0]" or "remedy.payments[2]"
  std::string kind;         // "lost_provision" or the payment kind
  Money amount;             // rounded once by `rounding`
  Fraction exact_pence{0};  // before rounding
  Rounding rounding = Rounding::pence;
  Recipient to = Recipient::parent;
  std::string note;  // a payment's "for" or a period's "note"
  // Lost provision only:
  std::optional<Fraction> count;  // in `unit`
  std::string unit;               // "school months", "school weeks", "terms", ...
  std::optional<Money> rate;
  std::optional<RateUnit> per;
  std::string period;  // "February to July and September to October 2020"
  std::optional<Provision> provision;
  std::optional<Head> head;
  std::string guidance;    // version id
  std::string conversion;  // which unit conversion produced the amount
  // The counting convention behind the figure: "school months: calendar months less August, 11 in a school
  // year", "terms: each term's share of its school days ...", "a length: 39 school weeks a year, ...".
  std::string convention;
  // What the other convention gives for the same period (a month range counted in school weeks at 39/9 a
  // month, a length at 11 school months a year, ...), when one applies; a warning shows it when the two differ
  // by more than 5%.
  std::optional<Money> alternative;
  std::string alternative_convention;
  std::optional<bool> within_band;
  std::vector<std::string> warnings;
  std::string explanation;  // "£4,800.00 for February to July and September to October 2020: 8 ..."
};

struct AuditFinding {
  std::string path;
  Money stated;
  Money computed;
  std::string message;
};

struct RemedyBreakdown {
  std::vector<RemedyLine> lines;
  Money total;
  std::map<std::string, Money> by_recipient;
  std::map<std::string, Money> by_kind;
  std::string guidance;         // the version applied ("" if the remedy has no lost provision and none was pinned)
  std::string guidance_reason;  // why
  std::string school_calendar;
  std::string conversions;
  std::vector<std::string> warnings;
  std::vector<AuditFinding> audit;
  bool audit_ok() const noexcept { return audit.empty(); }
  // Every line's explanation and the total, one per line.
  std::string explain() const;
};

RemedyBreakdown calculate(const Remedy& remedy, const RemedyOptions& options = {});

// The remedy section of a case from JSON text (the object under "remedy"); errors name the JSON path, starting
// with `path`.
Remedy remedy_from_json(std::string_view json, const std::string& path = "remedy");
// The remedy section as JSON text (round trip of remedy_from_json).
std::string remedy_to_json(const Remedy& remedy);
// The breakdown as JSON text: total as "8800.00", lines, warnings, audit...
std::string breakdown_to_json(const RemedyBreakdown& breakdown);

}  // namespace redress

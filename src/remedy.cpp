#include "redress/remedy.hpp"

#include "detail/evaluate.hpp"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <sstream>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "detail/config_json.hpp"
#include "detail/day_table.hpp"
#include "detail/embedded_data.hpp"
#include "detail/json_read.hpp"
#include "detail/names.hpp"
#include "detail/report_json.hpp"
#include "detail/text.hpp"
#include "redress/error.hpp"

namespace redress {

namespace greg = boost::gregorian;
using detail::Json;

// --- Names --------------------------------------------------------------------------------------------------

namespace {

constexpr std::pair<RateUnit, const char*> kRateUnits[] = {
    {RateUnit::month, "month"}, {RateUnit::term, "term"}, {RateUnit::week, "week"}, {RateUnit::year, "year"}};
constexpr std::pair<Provision, const char*> kProvisions[] = {
    {Provision::none, "none"}, {Provision::partial, "partial"}, {Provision::unsuitable, "unsuitable"}};
constexpr std::pair<Head, const char*> kHeads[] = {
    {Head::education, "education"}, {Head::special_provision, "special_provision"}, {Head::other, "other"}};
constexpr std::pair<PaymentKind, const char*> kKinds[] = {{PaymentKind::distress, "distress"},
                                                          {PaymentKind::time_and_trouble, "time_and_trouble"},
                                                          {PaymentKind::lost_opportunity, "lost_opportunity"},
                                                          {PaymentKind::uncertainty, "uncertainty"},
                                                          {PaymentKind::complaint_handling, "complaint_handling"},
                                                          {PaymentKind::reimbursement, "reimbursement"},
                                                          {PaymentKind::other, "other"}};
constexpr std::pair<Recipient, const char*> kRecipients[] = {{Recipient::parent, "parent"},
                                                             {Recipient::child, "child"},
                                                             {Recipient::young_person, "young_person"},
                                                             {Recipient::other, "other"}};

}  // namespace

std::string_view to_string(RateUnit v) noexcept {
  return detail::name_of(v, kRateUnits);
}
std::string_view to_string(Provision v) noexcept {
  return detail::name_of(v, kProvisions);
}
std::string_view to_string(Head v) noexcept {
  return detail::name_of(v, kHeads);
}
std::string_view to_string(PaymentKind v) noexcept {
  return detail::name_of(v, kKinds);
}
std::string_view to_string(Recipient v) noexcept {
  return detail::name_of(v, kRecipients);
}
RateUnit parse_rate_unit(std::string_view n, std::string_view f) {
  return detail::parse_name(n, kRateUnits, f);
}
Provision parse_provision(std::string_view n, std::string_view f) {
  return detail::parse_name(n, kProvisions, f);
}
Head parse_head(std::string_view n, std::string_view f) {
  return detail::parse_name(n, kHeads, f);
}
PaymentKind parse_payment_kind(std::string_view n, std::string_view f) {
  return detail::parse_name(n, kKinds, f);
}
Recipient parse_recipient(std::string_view n, std::string_view f) {
  return detail::parse_name(n, kRecipients, f);
}

YearMonth parse_year_month(std::string_view text, std::string_view field) {
  if (text.size() != 7 || text[4] != '-' || !detail::is_digit(text[0]) || !detail::is_digit(text[1]) ||
      !detail::is_digit(text[2]) || !detail::is_digit(text[3]) || !detail::is_digit(text[5]) ||
      !detail::is_digit(text[6])) {
    throw InvalidInput(std::string(field), std::string(text), "is not a month written YYYY-MM");
  }
  YearMonth m{(text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0'),
              (text[5] - '0') * 10 + (text[6] - '0')};
  if (m.month < 1 || m.month > 12) throw InvalidInput(std::string(field), std::string(text), "has no month 01 to 12");
  if (m.year < 1400) throw OutOfRange(std::string(field), std::string(text), "is before 1400");
  return m;
}

std::string to_string(YearMonth m) {
  std::string month = std::to_string(m.month);
  return std::to_string(m.year) + "-" + (m.month < 10 ? "0" : "") + month;
}

// --- Exact arithmetic ---------------------------------------------------------------------------------------

namespace {

__extension__ typedef __int128 wide;

// A rational held in 128 bits while it is worked on; converted back to Fraction at the end.
struct Q {
  wide num = 0;
  wide den = 1;
};

wide gcd_wide(wide a, wide b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  if (a <= static_cast<wide>(UINT64_MAX) && b <= static_cast<wide>(UINT64_MAX)) {
    // The usual case, in 64 bits: a hardware division instead of a 128-bit one in software.
    std::uint64_t x = static_cast<std::uint64_t>(a), y = static_cast<std::uint64_t>(b);
    while (y != 0) {
      const std::uint64_t t = x % y;
      x = y;
      y = t;
    }
    return x == 0 ? 1 : static_cast<wide>(x);
  }
  while (b != 0) {
    wide t = a % b;
    a = b;
    b = t;
  }
  return a == 0 ? 1 : a;
}

Q norm(wide num, wide den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  // Whole numbers and zero, most of what a remedy multiplies, need no gcd (each a chain of hardware divisions).
  if (den == 1) return {num, 1};
  if (num == 0) return {0, 1};
  const wide g = gcd_wide(num, den);
  if (num >= INT64_MIN && num <= INT64_MAX && den <= INT64_MAX) {  // 64-bit divisions when they will do
    const auto g64 = static_cast<std::int64_t>(g);
    return {static_cast<std::int64_t>(num) / g64, static_cast<std::int64_t>(den) / g64};
  }
  return {num / g, den / g};
}
Q q(const Fraction& f) {
  return {f.numerator(), f.denominator()};
}
Q add(Q a, Q b) {
  return norm(a.num * b.den + b.num * a.den, a.den * b.den);
}
Q mul(Q a, Q b) {
  if (a.den == 1 && b.den == 1) return {a.num * b.num, 1};  // whole numbers: nothing to reduce
  Q x = norm(a.num, b.den);
  Q y = norm(b.num, a.den);
  return norm(x.num * y.num, x.den * y.den);
}
Q div(Q a, Q b) {
  return mul(a, norm(b.den, b.num));
}

// A JSON path for a message: given, or made by a function only when a message needs it (the batch's hot path
// builds no path strings).
inline const std::string& path_text(const std::string& path) {
  return path;
}
template <typename W, typename = std::enable_if_t<std::is_invocable_v<const W&>>>
std::string path_text(const W& make) {
  return make();
}

template <typename W>
Fraction to_fraction(Q v, const W& what) {
  const wide limit = static_cast<wide>(INT64_MAX);
  if (v.num > limit || v.num < -limit || v.den > limit) {
    throw OutOfRange(path_text(what), "", "needs more than 64 bits to hold exactly");
  }
  return Fraction(static_cast<std::int64_t>(v.num), static_cast<std::int64_t>(v.den));
}

bool is_zero(const Fraction& f) {
  return f.numerator() == 0;
}

// "8", "3.2", "4 1/3": a count as people write it.
std::string show_count(const Fraction& f) {
  std::int64_t num = f.numerator(), den = f.denominator();
  if (den == 1) return std::to_string(num);
  std::int64_t d = den;
  while (d % 2 == 0) d /= 2;
  while (d % 5 == 0) d /= 5;
  std::string sign = num < 0 ? "-" : "";
  std::int64_t a = num < 0 ? -num : num;
  if (d == 1) {  // a terminating decimal
    std::int64_t scale = 1;
    int places = 0;
    while (scale % den != 0) {
      scale *= 10;
      ++places;
    }
    std::int64_t scaled = a * (scale / den);
    std::string digits = std::to_string(scaled % scale);
    digits = std::string(static_cast<std::size_t>(places) - digits.size(), '0') + digits;
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    return sign + std::to_string(scaled / scale) + "." + digits;
  }
  // Not a terminating decimal: exact mixed fraction, with two decimals to read by ("1 54/65 (~1.83)").
  std::string whole = a / den != 0 ? std::to_string(a / den) + " " : "";
  std::int64_t hundredths = (a % den * 200 + den) / (2 * den) + a / den * 100;
  std::string approx =
      std::to_string(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + std::to_string(hundredths % 100);
  return sign + whole + std::to_string(a % den) + "/" + std::to_string(den) + " (~" + sign + approx + ")";
}

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

std::string long_date(Date d) {
  return std::to_string(static_cast<int>(d.day())) + " " + kMonthNames[d.month() - 1] + " " +
         std::to_string(static_cast<int>(d.year()));
}

std::string plural(const Fraction& count, const std::string& singular) {
  return count == Fraction(1) ? singular : singular + "s";
}

}  // namespace

// --- Units --------------------------------------------------------------------------------------------------

Fraction UnitConversions::weeks_per(RateUnit unit) const {
  switch (unit) {
    case RateUnit::month: return weeks_per_month;
    case RateUnit::term: return weeks_per_term;
    case RateUnit::week: return Fraction(1);
    case RateUnit::year: return weeks_per_year;
  }
  return Fraction(1);
}

std::string UnitConversions::describe() const {
  return show_count(weeks_per_year) + " school weeks a year, " + show_count(weeks_per_term) + " a term, " +
         show_count(weeks_per_month) + " a month";
}

Fraction SchoolTimeLength::total_weeks(const UnitConversions& c) const {
  Q total = mul(q(years), q(c.weeks_per_year));
  total = add(total, mul(q(terms), q(c.weeks_per_term)));
  total = add(total, mul(q(months), q(c.weeks_per_month)));
  total = add(total, q(weeks));
  total = add(total, mul(q(days), Q{1, 5}));
  return to_fraction(total, "length");
}

std::string SchoolTimeLength::describe() const {
  std::vector<std::string> parts;
  auto part = [&parts](const Fraction& v, const char* unit) {
    if (!is_zero(v)) parts.push_back(show_count(v) + " " + plural(v, unit));
  };
  part(years, "school year");
  part(terms, "term");
  part(months, "school month");
  part(weeks, "school week");
  part(days, "school day");
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : (i + 1 == parts.size() ? " and " : ", ")) + parts[i];
  }
  return out.empty() ? "no school time" : out;
}

// --- Guidance -----------------------------------------------------------------------------------------------

Guidance Guidance::from_json(std::string_view json) {
  const Json doc = detail::parse_config(json, "guidance");
  detail::require_object(doc, "");
  detail::require_format(doc, "redress.guidance/1");
  Guidance g;
  std::unordered_map<std::string, std::size_t> ids;  // each version by its id
  g.notes_ = detail::optional_string(doc, "notes", "");
  const Json& versions = detail::require_array(doc, "versions", "");
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const std::string path = detail::join("versions", i);
    const Json& v = versions[i];
    GuidanceVersion version;
    version.id = detail::require_string(v, "id", path);
    version.title = detail::optional_string(v, "title", path);
    version.unit = parse_rate_unit(detail::require_string(v, "unit", path), detail::join(path, "unit"));
    if (v.contains("from") && !v["from"].is_null()) version.from = detail::require_date(v, "from", path);
    if (v.contains("to") && !v["to"].is_null()) version.to = detail::require_date(v, "to", path);
    if (version.from && version.to && *version.to < *version.from) {
      throw InvalidInput(detail::join(path, "to"), iso(*version.to),
                         "is before the version's from " + iso(*version.from) + ": it would apply to no decision");
    }
    version.source = detail::optional_string(v, "source", path);
    const Json& bands = detail::require(v, "bands", path);
    detail::require_object(bands, detail::join(path, "bands"));
    for (const auto& [key, band] : bands.items()) {
      const std::string bpath = detail::join(detail::join(path, "bands"), key);
      Provision p = parse_provision(key, bpath);
      GuidanceBand b;
      b.min = detail::money_at(detail::require(band, "min", bpath), detail::join(bpath, "min"));
      b.max = detail::money_at(detail::require(band, "max", bpath), detail::join(bpath, "max"));
      b.min_confirmed = detail::optional_bool(band, "min_confirmed", bpath);
      b.max_confirmed = detail::optional_bool(band, "max_confirmed", bpath);
      if (b.min.pence() < 0) {
        throw InvalidInput(detail::join(bpath, "min"), b.min.to_decimal(),
                           "must not be negative: a band is of payments");
      }
      if (b.max < b.min) {
        throw InvalidInput(detail::join(bpath, "max"), b.max.to_decimal(),
                           "is below the band's min " + b.min.to_decimal() + ": a band runs from min to max");
      }
      version.bands[p] = b;
    }
    const auto [earlier, added] = ids.emplace(version.id, g.versions_.size());
    if (!added) {
      throw InvalidInput(
          detail::join(path, "id"), version.id,
          "is the id of " + detail::join("versions", earlier->second) + " too: each version needs its own id");
    }
    g.versions_.push_back(std::move(version));
  }
  return g;
}

const Guidance& Guidance::lgsco() {
  static const Guidance instance = from_json(detail::kGuidanceLostProvision);
  return instance;
}

Guidance Guidance::with_lower_bound(std::string_view version_id, Money min) const {
  Guidance copy = *this;
  bool found = false;
  for (GuidanceVersion& v : copy.versions_) {
    if (v.id != version_id) continue;
    found = true;
    for (auto& entry : v.bands) {
      // The same rules as a band read from JSON: never negative, never above the band's max.
      if (min.pence() < 0) throw InvalidInput("min", min.to_decimal(), "must not be negative: a band is of payments");
      if (entry.second.max < min) {
        throw InvalidInput("min", min.to_decimal(),
                           "is above the max " + entry.second.max.to_decimal() + " of the " +
                               std::string(to_string(entry.first)) + " band of " + v.id);
      }
      entry.second.min = min;
      entry.second.min_confirmed = true;  // the caller has said what it is
    }
  }
  if (!found) version(version_id);  // throws naming the id
  return copy;
}

const GuidanceVersion& Guidance::version(std::string_view id) const {
  for (const GuidanceVersion& v : versions_) {
    if (v.id == id) return v;
  }
  std::string known;
  for (const GuidanceVersion& v : versions_) known += (known.empty() ? "" : ", ") + v.id;
  throw InvalidInput("guidance", std::string(id), "is not a guidance version: auto, " + known);
}

namespace {
// The version in force for a final decision on `decided` (the first that covers it), or NotComputable.
const GuidanceVersion& in_force(const std::vector<GuidanceVersion>& versions, Date decided) {
  for (const GuidanceVersion& v : versions) {
    if ((!v.from || decided >= *v.from) && (!v.to || decided <= *v.to)) return v;
  }
  throw NotComputable("dates.final_decision", iso(decided), "is covered by no guidance version");
}
}  // namespace

std::pair<const GuidanceVersion*, std::string> Guidance::for_decision(Date decided) const {
  const GuidanceVersion& v = in_force(versions_, decided);
  std::string reason = "final decision " + iso(decided);
  if (v.from && v.to) {
    reason += " falls between " + iso(*v.from) + " and " + iso(*v.to);
  } else if (v.from) {
    reason += " is on or after " + iso(*v.from);
  } else if (v.to) {
    reason += " is on or before " + iso(*v.to);
  }
  // No parentheses: explain() puts the reason in parentheses already.
  reason += ", when " + v.id + " is taken to apply; the switch date is a convention: pin a version if it matters";
  return {&v, reason};
}

// --- The calculation ----------------------------------------------------------------------------------------

namespace {

// Runs `f`; a redress error from inside is re-thrown with `path` as its field, keeping its class and rule.
template <typename P, typename F>
auto at(const P& path, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const InvalidInput& e) {
    throw InvalidInput(path_text(path), e.value(), e.rule());
  } catch (const OutOfRange& e) {
    throw OutOfRange(path_text(path), e.value(), e.rule());
  } catch (const NotComputable& e) {
    throw NotComputable(path_text(path), e.value(), e.rule());
  }
}

// The school time one period covers, for the overlap check (its path and text are made only for a message).
struct Span {
  Date first;
  Date last;
  std::size_t index;  // in remedy.lost_provision
  bool months;        // a month range ("2020-09 to 2021-03"), else dates
};

// A period's month as a C++ caller may have filled it: a month 1 to 12 of a year redress handles. Every month
// evaluate() turns into dates is checked here first (the reader refuses the others).
template <typename Field>
void check_month(YearMonth m, const Field& field) {
  if (m.month < 1 || m.month > 12) throw InvalidInput(field(), to_string(m), "has no month 01 to 12");
  if (m.year < kFirstYear || m.year > kLastYear) throw OutOfRange(field(), to_string(m), detail::years_text());
}
// The first and last days of a checked month.
Date first_of(YearMonth m) {
  return detail::civil_date(m.year, static_cast<unsigned>(m.month), 1);
}
Date last_of(YearMonth m) {
  const auto mo = static_cast<unsigned>(m.month);
  return detail::civil_date(m.year, mo, detail::days_in_month(m.year, mo));
}

// "February to July and September to October 2020" for the included months of a range.
std::string describe_months(const std::vector<YearMonth>& months) {
  std::vector<std::pair<YearMonth, YearMonth>> runs;
  for (YearMonth m : months) {
    if (!runs.empty()) {
      YearMonth prev = runs.back().second;
      YearMonth next = prev.month == 12 ? YearMonth{prev.year + 1, 1} : YearMonth{prev.year, prev.month + 1};
      if (next == m) {
        runs.back().second = m;
        continue;
      }
    }
    runs.push_back({m, m});
  }
  const bool one_year = runs.front().first.year == runs.back().second.year;
  std::string out;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& [a, b] = runs[i];
    std::string run = kMonthNames[a.month - 1];
    if (!one_year && a.year != b.year) run += " " + std::to_string(a.year);
    if (!(a == b)) run += std::string(" to ") + kMonthNames[b.month - 1];
    if (!one_year || i + 1 == runs.size()) run += " " + std::to_string(b.year);
    out += (i == 0 ? "" : (i + 1 == runs.size() ? " and " : ", ")) + run;
  }
  return out;
}

std::string provision_phrase(Provision p, Head h) {
  std::string what = h == Head::special_provision ? "special educational provision" : "provision";
  switch (p) {
    case Provision::none: return "with no " + what;
    case Provision::partial: return "with partial " + what;
    case Provision::unsuitable: return "with unsuitable " + what;
  }
  return "";
}

std::string kind_phrase(PaymentKind k) {
  switch (k) {
    case PaymentKind::distress: return "avoidable distress";
    case PaymentKind::time_and_trouble: return "time and trouble";
    case PaymentKind::lost_opportunity: return "lost opportunity";
    case PaymentKind::uncertainty: return "uncertainty";
    case PaymentKind::complaint_handling: return "poor complaint handling";
    case PaymentKind::reimbursement: return "reimbursement";
    case PaymentKind::other: return "other reasons";
  }
  return "";
}

std::string recipient_phrase(Recipient r) {
  switch (r) {
    case Recipient::parent: return "the parent";
    case Recipient::child: return "the child";
    case Recipient::young_person: return "the young person";
    case Recipient::other: return "another person";
  }
  return "";
}

const char* unit_singular(RateUnit u) {
  switch (u) {
    case RateUnit::month: return "school month";
    case RateUnit::term: return "term";
    case RateUnit::week: return "school week";
    case RateUnit::year: return "school year";
  }
  return "";
}

// An exact amount of pence as pounds to four decimal places, for showing what was rounded: "£369.2308".
std::string exact_pounds(const Fraction& pence) {
  // Hundredths of a penny, halves away from zero, in 128 bits: the text never fails where the figure did not.
  const wide scaled = static_cast<wide>(pence.numerator()) * 100;
  const wide den = pence.denominator();
  wide magnitude = (scaled < 0 ? -scaled : scaled) / den;
  if ((scaled < 0 ? -scaled : scaled) % den * 2 >= den) ++magnitude;
  const auto whole_pence = static_cast<std::int64_t>(magnitude / 100);  // within 64 bits, as the figure is
  const std::string extra = std::to_string(static_cast<int>(magnitude % 100));
  return (scaled < 0 && magnitude != 0 ? "-" : "") + Money::from_pence(whole_pence).format() +
         (extra.size() == 1 ? "0" : "") + extra;
}

// A date range counted in terms or months: each term (month) it touches counts as its share of that term's
// (month's) school days on the calendar, so a whole term is exactly one term.
struct Shares {
  Fraction total{0};
  std::string text;  // "spring 2023/24 whole (1 term), summer 2023/24 30 of 63 school days"
};

Shares term_shares(const SchoolCalendar& school, Date first, Date last, bool text) {
  Shares out;
  Q total{0, 1};
  std::vector<std::string> parts;
  for (const Term& t : school.terms()) {
    if (t.end < first || t.start > last) continue;
    const std::int64_t whole = school.school_days_inclusive(t.start, t.end);
    const std::int64_t part = school.school_days_inclusive(std::max(first, t.start), std::min(last, t.end));
    if (whole <= 0 || part <= 0) continue;
    total = add(total, Q{part, whole});
    if (!text) continue;
    const std::string name = t.name + " term " + t.academic_year;
    parts.push_back(part == whole
                        ? name + " whole (" + std::to_string(whole) + " school days)"
                        : name + " " + std::to_string(part) + " of " + std::to_string(whole) + " school days");
  }
  out.total = to_fraction(total, "terms");
  for (std::size_t i = 0; i < parts.size(); ++i) out.text += (i == 0 ? "" : ", ") + parts[i];
  return out;
}

Shares month_shares(const SchoolCalendar& school, Date first, Date last, bool text) {
  Shares out;
  Q total{0, 1};
  std::vector<std::string> parts;
  for (Date m(first.year(), first.month(), 1); m <= last; m = m.end_of_month() + greg::date_duration(1)) {
    const Date a = std::max(m, school.first_date()), b = std::min(m.end_of_month(), school.last_date());
    if (b < a) continue;
    const std::int64_t whole = school.school_days_inclusive(a, b);
    const std::int64_t part = school.school_days_inclusive(std::max(first, a), std::min(last, b));
    if (whole <= 0 || part <= 0) continue;
    total = add(total, Q{part, whole});
    if (!text) continue;
    const std::string name = std::string(kMonthNames[m.month() - 1]) + " " + std::to_string(static_cast<int>(m.year()));
    parts.push_back(part == whole
                        ? name + " whole"
                        : name + " " + std::to_string(part) + " of " + std::to_string(whole) + " school days");
  }
  out.total = to_fraction(total, "months");
  for (std::size_t i = 0; i < parts.size(); ++i) out.text += (i == 0 ? "" : ", ") + parts[i];
  return out;
}

}  // namespace

void check_conversions(const UnitConversions& c, std::string_view prefix) {
  const std::pair<const char*, const Fraction*> parts[] = {{"weeks_per_year", &c.weeks_per_year},
                                                           {"weeks_per_term", &c.weeks_per_term},
                                                           {"weeks_per_month", &c.weeks_per_month}};
  for (const auto& [name, weeks] : parts) {
    if (weeks->numerator() <= 0) {
      throw InvalidInput(std::string(prefix) + name,
                         weeks->denominator() == 1
                             ? std::to_string(weeks->numerator())
                             : std::to_string(weeks->numerator()) + "/" + std::to_string(weeks->denominator()),
                         "must be a positive number of school weeks");
    }
  }
}

RemedyBreakdown calculate(const Remedy& remedy, const RemedyOptions& options) {
  return detail::calculate(remedy, options, true);
}

std::string_view detail::kind_name(std::size_t kind) {
  return kind == RemedyFigures::kLostProvision ? "lost_provision" : to_string(static_cast<PaymentKind>(kind));
}

namespace {

// The running total and the amount of each kind, with the overflow check the breakdown's total makes: the first
// line that takes the total past 64-bit pence is remembered and reported once every line has been checked, as
// the breakdown reports it after its lines.
struct Totals {
  detail::RemedyFigures& figures;
  bool overflowed = false;
  std::size_t overflow_index = 0;  // of that line, in lost_provision (lost) or payments
  bool overflow_lost = false;
  Money overflow_amount;

  void add(std::size_t kind, Money amount, std::size_t index, bool lost) {
    figures.present |= 1U << kind;
    if (overflowed) return;
    try {
      figures.total += amount;
    } catch (const OutOfRange&) {
      overflowed = true;
      overflow_index = index;
      overflow_lost = lost;
      overflow_amount = amount;
      return;
    }
    figures.by_kind[kind] += amount;  // never past the total: every amount is positive
  }
};

// The one calculation behind calculate() and the batch's figures. With `out` it writes the whole breakdown:
// every line, its texts (and each line's explanation when `explain`), warnings and audit. Without it (the
// batch's rows) it works out the same amounts, with the same errors in the same order, into `figures` alone,
// and leaves out everything that is only words: no text is built and nothing is allocated.
void evaluate(const Remedy& remedy, const RemedyOptions& options, bool explain, RemedyBreakdown* out,
              detail::RemedyFigures* figures) {
  const bool text = out != nullptr;
  explain = explain && text;
  if (text) out->lines.reserve(remedy.lost_provision.size() + remedy.payments.size());
  const Guidance& guidance = options.guidance != nullptr ? *options.guidance : Guidance::lgsco();
  const UnitConversions& conv = options.conversions;
  check_conversions(conv, "conversions.");  // a C++ caller fills the struct directly
  if (text) out->conversions = conv.describe();
  const std::string& base = options.path;
  const auto guidance_path = [&] { return detail::join(base, "guidance"); };

  // The guidance version: pinned, or chosen by the final decision date.
  const GuidanceVersion* version = nullptr;
  if (remedy.guidance == "auto") {
    if (remedy.lost_provision.empty()) {
      // Nothing to check against a band: no version applies (and none is needed).
    } else if (options.final_decision) {
      if (text) {
        auto [v, reason] = at(guidance_path, [&] { return guidance.for_decision(*options.final_decision); });
        version = v;
        out->guidance_reason = reason;
      } else {
        version = &at(guidance_path, [&]() -> const GuidanceVersion& {
          return in_force(guidance.versions(), *options.final_decision);
        });
      }
    } else if (text) {
      out->guidance_reason = "no final decision date, so no guidance version could be chosen: rates are not checked";
      out->warnings.push_back("guidance: " + out->guidance_reason);
    }
  } else {
    version = &at(guidance_path, [&]() -> const GuidanceVersion& { return guidance.version(remedy.guidance); });
    if (text) out->guidance_reason = "pinned by the case: guidance \"" + remedy.guidance + "\"";
  }
  if (text && version != nullptr) out->guidance = version->id;

  const SchoolCalendar& school =
      options.school_calendar
          ? *options.school_calendar
          : at([&] { return detail::join(base, "school_calendar"); },
               [&]() -> const SchoolCalendar& { return detail::named_school_calendar(remedy.school_calendar); });
  if (text) out->school_calendar = school.name();

  detail::RemedyFigures unused;
  Totals totals{figures != nullptr ? *figures : unused, false, 0, false, Money()};
  thread_local std::vector<Span> spans[3];  // by head, for the overlap check
  for (auto& list : spans) list.clear();
  const auto lost_path = [&](std::size_t i) { return detail::join(detail::join(base, "lost_provision"), i); };
  for (std::size_t i = 0; i < remedy.lost_provision.size(); ++i) {
    const LostProvision& p = remedy.lost_provision[i];
    const auto path = [&] { return lost_path(i); };
    const auto field = [&](const char* suffix) { return lost_path(i) + suffix; };
    RemedyLine line;
    line.rounding = p.rounding.value_or(remedy.rounding);
    if (text) {
      line.path = path();
      line.kind = "lost_provision";
      line.to = p.to;
      line.note = p.note;
      line.rate = p.rate;
      line.per = p.per;
      line.provision = p.provision;
      line.head = p.head;
      line.guidance = out->guidance;
    }
    if (p.rate.pence() <= 0) throw InvalidInput(field(".rate"), p.rate.to_decimal(), "must be more than zero");
    if (p.form == LostProvision::Form::months) {
      // A month the reader would refuse, in a LostProvision a C++ caller filled itself: refused here by name,
      // where Boost's own date error would have left the library.
      check_month(p.from_month, [&] { return field(".from"); });
      if (!p.open) check_month(p.to_month, [&] { return field(".to"); });
    }

    Fraction weeks(0);
    std::optional<Span> span;
    std::optional<Fraction> units;  // the count in rate units, when counted directly (term or month shares)
    std::optional<std::pair<Date, Date>> dated;  // the dates the period covers, for the other convention
    // A month range at a monthly rate: the factor is the month count itself (weeks / weeks a month, exactly),
    // without the round trip through school weeks. Kept apart from `units`, which also changes the text.
    std::optional<std::int64_t> whole_months;
    const std::string on_calendar = text ? " on the " + school.name() + " calendar" : std::string();
    if (p.form == LostProvision::Form::months && !p.open) {
      if (p.to_month < p.from_month) {
        throw InvalidInput(field(".to"), to_string(p.to_month),
                           "is before the period's start " + to_string(p.from_month));
      }
      if ((p.to_month.year - p.from_month.year) > 100) {
        throw InvalidInput(field(".to"), to_string(p.to_month), "is more than a hundred years after the start");
      }
      std::vector<YearMonth> included;
      std::int64_t months = 0;
      int skipped_other = 0;
      // Each month's school days from the calendar's table, by epoch day (no Date is made for a month).
      const detail::DayTable& days = detail::school_day_table(school);
      const std::int64_t school_first = days.first_epoch(), school_last = days.last_epoch();
      for (YearMonth m = p.from_month; !(p.to_month < m);
           m = m.month == 12 ? YearMonth{m.year + 1, 1} : YearMonth{m.year, m.month + 1}) {
        if (m.month == 8) continue;  // August is never a school month
        // Every month between the two checked ends is one of 1400-9999.
        const auto month = static_cast<unsigned>(m.month);
        const std::int64_t a = detail::civil_epoch_day(m.year, month, 1);
        const std::int64_t b = a + detail::days_in_month(m.year, month) - 1;
        if (a >= school_first && b <= school_last && days.open_in(a, b) == 0) {
          ++skipped_other;  // the school calendar says this month has no school days
          continue;
        }
        ++months;
        if (text) included.push_back(m);
      }
      weeks = to_fraction(mul(Q{months, 1}, q(conv.weeks_per_month)), path);
      if (p.per == RateUnit::month) whole_months = months;
      const Date first = first_of(p.from_month), last = last_of(p.to_month);
      span = Span{first, last, i, true};
      dated = std::make_pair(first, last);
      if (text) {
        line.count = Fraction(months);
        line.unit = months == 1 ? "school month" : "school months";
        line.period =
            included.empty() ? to_string(p.from_month) + " to " + to_string(p.to_month) : describe_months(included);
        line.convention = "school months: calendar months less August, 11 in a school year";
        if (p.per != RateUnit::month) {
          line.convention += ", at " + show_count(conv.weeks_per_month) + " school weeks a month";
        }
        if (skipped_other > 0) {
          line.warnings.push_back(std::to_string(skipped_other) + " month(s) left out: the " + school.name() +
                                  " school calendar has no school days in them");
        }
      }
    } else if (p.form == LostProvision::Form::length) {
      weeks = at([&] { return field(".length"); }, [&] { return p.length.total_weeks(conv); });
      if (text) {
        line.period = p.length.describe() + " (a length stated without dates)";
        line.convention = "a length of school time: " + conv.describe() + " (so " +
                          show_count(to_fraction(div(q(conv.weeks_per_year), q(conv.weeks_per_month)), path)) +
                          " school months in a school year)";
        // Count in the unit the decision used when it used one, else in school weeks.
        int parts = !is_zero(p.length.years) + !is_zero(p.length.terms) + !is_zero(p.length.months) +
                    !is_zero(p.length.weeks) + !is_zero(p.length.days);
        if (parts == 1 && !is_zero(p.length.terms)) {
          line.count = p.length.terms, line.unit = plural(p.length.terms, "term");
        } else if (parts == 1 && !is_zero(p.length.months)) {
          line.count = p.length.months, line.unit = plural(p.length.months, "school month");
        } else if (parts == 1 && !is_zero(p.length.years)) {
          line.count = p.length.years, line.unit = plural(p.length.years, "school year");
        } else if (parts == 1 && !is_zero(p.length.days)) {
          line.count = p.length.days, line.unit = plural(p.length.days, "school day");
        } else {
          line.count = weeks, line.unit = plural(weeks, "school week");
        }
      }
    } else {
      // A date range, or an open-ended period up to the as-of date: counted on the school calendar.
      Date first = p.form == LostProvision::Form::months ? first_of(p.from_month) : p.from_date;
      Date last;
      if (p.open) {
        if (!options.as_of) {
          throw NotComputable(path(), "open",
                              "is open-ended (\"until suitable provision starts\") and needs an as-of date");
        }
        last = *options.as_of;
        if (text) {
          line.period = long_date(first) + " to " + long_date(last) + " (open-ended, counted to the as-of date)";
        }
      } else {
        last = p.to_date;
        if (last < first) throw InvalidInput(field(".to"), iso(last), "is before the period's start " + iso(first));
        if (text) {
          line.period = (first.year() == last.year() ? long_date(first).substr(0, long_date(first).size() - 5)
                                                     : long_date(first)) +
                        " to " + long_date(last);
        }
      }
      std::int64_t days = 0;
      if (last < first) {
        if (text) {
          line.warnings.push_back("the as-of date " + iso(last) + " is before the period starts: nothing is owed yet");
        }
      } else {
        days = at(path, [&] { return school.school_days_inclusive(first, last); });
        span = Span{first, last, i, false};
        dated = std::make_pair(first, last);
      }
      weeks = Fraction(days, 5);
      if (days > 0 && (p.per == RateUnit::term || p.per == RateUnit::month)) {
        // Terms and months pro-rated by their own school days: a whole term is one term (Hertfordshire
        // 24 014 185 paid January to July 2024 as two terms).
        const Shares shares = at(path, [&] {
          return p.per == RateUnit::term ? term_shares(school, first, last, text)
                                         : month_shares(school, first, last, text);
        });
        units = shares.total;
        if (text) {
          line.count = shares.total;
          line.unit = plural(shares.total, p.per == RateUnit::term ? "term" : "school month");
          line.conversion = std::to_string(days) + " school days" + on_calendar + ": " + shares.text;
          line.convention = p.per == RateUnit::term ? "terms: each term's share of its own school days" + on_calendar +
                                                          " (a whole term is one term)"
                                                    : "school months: each month's share of its own school days" +
                                                          on_calendar + " (a whole month is one, 11 in a school year)";
        }
      } else if (text) {
        line.count = weeks;
        line.unit = plural(weeks, "school week");
        line.conversion =
            std::to_string(days) + " school days" + on_calendar + " = " + show_count(weeks) + " school weeks";
        line.convention = "school weeks: school days" + on_calendar + " / 5";
      }
    }

    // The amount: rate x count in rate units, exact, then rounded once. Without a direct count the count is
    // school weeks / school weeks per rate unit.
    const Fraction factor = units          ? *units
                            : whole_months ? Fraction(*whole_months)
                                           : to_fraction(div(q(weeks), q(conv.weeks_per(p.per))), path);
    const Q exact = mul(Q{p.rate.pence(), 1}, q(factor));
    line.exact_pence = to_fraction(exact, path);
    line.amount = p.rate.multiply(factor, line.rounding);
    if (span) spans[static_cast<int>(p.head)].push_back(*span);
    if (!text) {
      totals.add(detail::RemedyFigures::kLostProvision, line.amount, i, true);
      continue;
    }

    const bool direct = units.has_value() || (line.unit.rfind(unit_singular(p.per), 0) == 0);
    if (!direct) {
      std::string converted = show_count(factor) + " " + plural(factor, unit_singular(p.per));
      std::string rule = p.per == RateUnit::week ? ""
                                                 : " at " + show_count(conv.weeks_per(p.per)) + " school weeks a " +
                                                       std::string(to_string(p.per));
      line.conversion +=
          (line.conversion.empty() ? "" : "; ") + show_count(*line.count) + " " + line.unit + " = " + converted + rule;
    }

    // The other convention for the same period, where the two can disagree: school months (11 a year) against
    // 39/9 school weeks a month (9 a year), and a month range against the calendar's own count.
    try {
      std::optional<Fraction> other;
      if (p.form == LostProvision::Form::length && p.per == RateUnit::month) {
        // 11 school months a year: every part but the months converted at weeks_per_year / 11 weeks a month.
        const Q month_weeks = mul(q(p.length.months), q(conv.weeks_per_month));
        const Q rest = add(q(weeks), Q{-month_weeks.num, month_weeks.den});
        other = to_fraction(add(q(p.length.months), mul(rest, div(Q{11, 1}, q(conv.weeks_per_year)))), path);
        line.alternative_convention = "school months counted 11 to a school year";
      } else if (dated && p.per == RateUnit::month) {
        const Fraction w = school.school_weeks_inclusive(dated->first, dated->second);
        other = to_fraction(div(q(w), q(conv.weeks_per_month)), path);
        line.alternative_convention = "school weeks on the calendar at " + show_count(conv.weeks_per_month) +
                                      " a month (9 school months in a school year)";
      } else if (dated && p.form == LostProvision::Form::months && !p.open) {
        if (p.per == RateUnit::term) {
          other = term_shares(school, dated->first, dated->second, false).total;
          line.alternative_convention = "each term's share of its own school days" + on_calendar;
        } else {
          const Fraction w = school.school_weeks_inclusive(dated->first, dated->second);
          other = to_fraction(div(q(w), q(conv.weeks_per(p.per))), path);
          line.alternative_convention = "school weeks" + on_calendar;
        }
      }
      if (other) {
        line.alternative = p.rate.multiply(*other, line.rounding);
        // In 128 bits: amounts near the limit of money must not overflow the comparison.
        const wide a = line.amount.pence(), b = line.alternative->pence();
        const wide diff = a > b ? a - b : b - a;
        if (a > 0 && diff * 20 > a) {  // more than 5% of the figure given
          // The convention goes last, outside any parentheses: it has its own ("4 1/3 (~4.33) a month").
          std::string percent;  // the digits of a 128-bit number (it can pass 64 bits)
          for (wide v = (diff * 100 + a / 2) / a; v != 0 || percent.empty(); v /= 10) {
            percent.insert(percent.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
          }
          line.warnings.push_back("the other convention gives " + line.alternative->format() + " instead of " +
                                  line.amount.format() + ", " + percent +
                                  "% different: " + line.alternative_convention);
        }
      }
    } catch (const Error&) {
      // A period the calendar cannot count gives no comparison; the figure itself stands.
      line.alternative.reset();
      line.alternative_convention.clear();
    }

    // Where the rate sits against the guidance of the day.
    if (version != nullptr) {
      auto band_it = version->bands.find(p.provision);
      if (band_it != version->bands.end()) {
        const GuidanceBand& band = band_it->second;
        Q in_unit = mul(Q{p.rate.pence(), 1}, div(q(conv.weeks_per(version->unit)), q(conv.weeks_per(p.per))));
        const std::string unit_word = std::string(to_string(version->unit));
        std::string as_rate = p.rate.format() + " a " + std::string(to_string(p.per));
        if (p.per != version->unit) {
          // Show the converted rate to the penny for the comparison (none for a rate too large to convert).
          try {
            Money converted = p.rate.multiply(
                to_fraction(div(q(conv.weeks_per(version->unit)), q(conv.weeks_per(p.per))), path), Rounding::pence);
            as_rate += " (" + converted.format() + " a " + unit_word + ")";
          } catch (const OutOfRange&) {
          }
        }
        const bool above = in_unit.num > static_cast<wide>(band.max.pence()) * in_unit.den;
        const bool below = in_unit.num < static_cast<wide>(band.min.pence()) * in_unit.den;
        line.within_band = !above && !below;
        const std::string severity = std::string(to_string(p.provision));
        if (above) {
          line.warnings.push_back("rate " + as_rate + " is above the top of the " + version->id +
                                  " band for provision '" + severity + "' (" + band.max.format() + " a " + unit_word +
                                  ")" + (band.max_confirmed ? "" : "; that bound is unconfirmed"));
        }
        if (below) {
          line.warnings.push_back("rate " + as_rate + " is below the bottom of the " + version->id +
                                  " band for provision '" + severity + "' (" + band.min.format() + " a " + unit_word +
                                  ")" + (band.min_confirmed ? "" : "; that lower bound is unconfirmed"));
        }
      }
    }

    if (explain) {
      line.explanation = line.amount.format() + " for " + line.period + ": " + show_count(*line.count) + " " +
                         line.unit + " " + provision_phrase(p.provision, p.head) + " at " + p.rate.format() + " a " +
                         std::string(to_string(p.per));
      if (!direct || units) line.explanation += " (" + line.conversion + ")";
      line.explanation += "; counted in " + line.convention;
      if (line.exact_pence != Fraction(line.amount.pence())) {
        line.explanation += ", rounded to the " +
                            std::string(line.rounding == Rounding::pence ? "penny" : to_string(line.rounding)) +
                            " from " + exact_pounds(line.exact_pence);
      }
      if (!p.note.empty()) line.explanation += " [" + p.note + "]";
    }

    if (p.stated_amount && *p.stated_amount != line.amount) {
      out->audit.push_back(
          {line.path + ".amount", *p.stated_amount, line.amount,
           "the decision states " + p.stated_amount->format() + " but the period computes to " + line.amount.format()});
    }
    for (const std::string& w : line.warnings) out->warnings.push_back(line.path + ": " + w);
    out->lines.push_back(std::move(line));
  }

  if (!options.allow_overlap) {
    const auto span_text = [&](const Span& s) {
      const LostProvision& p = remedy.lost_provision[s.index];
      return s.months ? to_string(p.from_month) + " to " + to_string(p.to_month) : iso(s.first) + " to " + iso(s.last);
    };
    for (int h = 0; h < 3; ++h) {
      auto& list = spans[h];
      for (std::size_t a = 0; a < list.size(); ++a) {
        for (std::size_t b = a + 1; b < list.size(); ++b) {
          if (list[a].first <= list[b].last && list[b].first <= list[a].last) {
            throw InvalidInput(lost_path(list[b].index), span_text(list[b]),
                               "overlaps " + lost_path(list[a].index) + " (" + span_text(list[a]) + ") under head '" +
                                   std::string(to_string(static_cast<Head>(h))) +
                                   "': the same school time would be paid twice (allow_overlap permits it)");
          }
        }
      }
    }
  }

  const auto payment_path = [&](std::size_t i) { return detail::join(detail::join(base, "payments"), i); };
  for (std::size_t i = 0; i < remedy.payments.size(); ++i) {
    const Payment& p = remedy.payments[i];
    if (p.amount.pence() <= 0) {
      throw InvalidInput(payment_path(i) + ".amount", p.amount.to_decimal(), "must be more than zero");
    }
    if (!text) {
      totals.add(static_cast<std::size_t>(p.kind), p.amount, i, false);
      continue;
    }
    RemedyLine line;
    line.path = payment_path(i);
    line.kind = std::string(to_string(p.kind));
    line.amount = p.amount;  // stated amounts are never rounded
    line.exact_pence = Fraction(p.amount.pence());
    line.rounding = Rounding::pence;
    line.to = p.to;
    line.note = p.purpose;
    // "other" says nothing by itself: the decision's own words stand in for it.
    if (explain) {
      const std::string what = p.kind == PaymentKind::other && !p.purpose.empty()
                                   ? p.purpose
                                   : kind_phrase(p.kind) + (p.purpose.empty() ? "" : ": " + p.purpose);
      line.explanation = p.amount.format() + " to " + recipient_phrase(p.to) + " for " + what;
    }
    out->lines.push_back(std::move(line));
  }

  const auto total_overflow = [](const std::string& path, Money amount) {
    return OutOfRange(path + ".amount", amount.to_decimal(),
                      "takes the remedy's total past what money can hold (64-bit pence)");
  };
  if (!text) {
    if (totals.overflowed) {
      throw total_overflow(
          totals.overflow_lost ? lost_path(totals.overflow_index) : payment_path(totals.overflow_index),
          totals.overflow_amount);
    }
    return;
  }
  for (const RemedyLine& line : out->lines) {
    try {
      out->total += line.amount;
      out->by_recipient[std::string(to_string(line.to))] += line.amount;
      out->by_kind[line.kind] += line.amount;
    } catch (const OutOfRange&) {
      throw total_overflow(line.path, line.amount);
    }
  }
  if (remedy.stated_total && *remedy.stated_total != out->total) {
    out->audit.push_back({base + ".stated_total", *remedy.stated_total, out->total,
                          "the decision states a total of " + remedy.stated_total->format() + " but the lines add to " +
                              out->total.format()});
  }
}

}  // namespace

RemedyBreakdown detail::calculate(const Remedy& remedy, const RemedyOptions& options, bool explain) {
  RemedyBreakdown out;
  evaluate(remedy, options, explain, &out, nullptr);
  return out;
}

void detail::remedy_figures(const Remedy& remedy, const RemedyOptions& options, RemedyFigures& figures) {
  figures = RemedyFigures{};
  evaluate(remedy, options, false, nullptr, &figures);
}

std::string RemedyBreakdown::explain() const {
  std::ostringstream text;
  for (const RemedyLine& line : lines) text << line.explanation << '\n';
  text << "Total: " << total.format() << '\n';
  if (!guidance.empty()) text << "Guidance: " << guidance << " (" << guidance_reason << ")\n";
  for (const std::string& w : warnings) text << "Warning: " << w << '\n';
  for (const AuditFinding& a : audit) text << "Audit: " << a.path << ": " << a.message << '\n';
  return text.str();
}

// --- JSON ---------------------------------------------------------------------------------------------------

namespace {

Json money_json(Money m) {
  return m.to_decimal();
}

std::string fraction_text(const Fraction& f) {
  return f.denominator() == 1 ? std::to_string(f.numerator())
                              : std::to_string(f.numerator()) + "/" + std::to_string(f.denominator());
}

}  // namespace

Remedy remedy_from_json(std::string_view json, const std::string& path) {
  return detail::thread_reader().read_remedy(json, path);  // the case reader's remedy section
}

std::string remedy_to_json(const Remedy& r) {
  Json doc = Json::object();
  doc["guidance"] = r.guidance;
  doc["school_calendar"] = r.school_calendar;
  doc["rounding"] = std::string(to_string(r.rounding));
  Json lost = Json::array();
  for (const LostProvision& p : r.lost_provision) {
    Json item = Json::object();
    if (p.form == LostProvision::Form::length) {
      Json length = Json::object();
      auto put = [&length](const char* key, const Fraction& v) {
        // Numbers, as the case format writes a length (at most two decimals, so exact as a double's shortest text).
        if (v.denominator() == 1) {
          length[key] = v.numerator();
        } else if (100 % v.denominator() == 0) {
          // Exact decimal text, never through a double (123456789012345.67 weeks stays .67).
          std::string text = Money::from_pence(v.numerator() * (100 / v.denominator())).to_decimal();
          while (text.back() == '0') text.pop_back();
          // A JSON number where a double writes the same digits back; else (beyond about 1e15) the decimal string.
          const Json number = std::strtod(text.c_str(), nullptr);
          if (number.dump() == text) {
            length[key] = number;
          } else {
            length[key] = text;
          }
        } else if (!is_zero(v)) {
          length[key] = static_cast<double>(v.numerator()) / static_cast<double>(v.denominator());
        }
      };
      put("years", p.length.years);
      put("terms", p.length.terms);
      put("months", p.length.months);
      put("weeks", p.length.weeks);
      put("days", p.length.days);
      item["length"] = length;
    } else if (p.form == LostProvision::Form::months) {
      item["from"] = to_string(p.from_month);
      if (!p.open) item["to"] = to_string(p.to_month);
    } else {
      item["from"] = iso(p.from_date);
      if (!p.open) item["to"] = iso(p.to_date);
    }
    if (p.open) item["open"] = true;
    item["rate"] = money_json(p.rate);
    item["per"] = std::string(to_string(p.per));
    item["provision"] = std::string(to_string(p.provision));
    item["head"] = std::string(to_string(p.head));
    if (p.to != Recipient::child) item["paid_to"] = std::string(to_string(p.to));
    if (p.rounding) item["rounding"] = std::string(to_string(*p.rounding));
    if (p.stated_amount) item["amount"] = money_json(*p.stated_amount);
    if (!p.note.empty()) item["note"] = p.note;
    lost.push_back(item);
  }
  doc["lost_provision"] = lost;
  Json payments = Json::array();
  for (const Payment& p : r.payments) {
    Json item = {{"kind", std::string(to_string(p.kind))},
                 {"amount", money_json(p.amount)},
                 {"to", std::string(to_string(p.to))}};
    if (!p.purpose.empty()) item["for"] = p.purpose;
    payments.push_back(item);
  }
  doc["payments"] = payments;
  if (r.stated_total) doc["stated_total"] = money_json(*r.stated_total);
  return doc.dump();
}

std::string breakdown_to_json(const RemedyBreakdown& b) {
  return detail::breakdown_json(b).dump();
}

Json detail::breakdown_json(const RemedyBreakdown& b) {
  Json doc = Json::object();
  doc["total"] = money_json(b.total);
  doc["guidance"] = b.guidance.empty() ? Json(nullptr) : Json(b.guidance);
  doc["guidance_reason"] = b.guidance_reason;
  doc["school_calendar"] = b.school_calendar;
  doc["conversions"] = b.conversions;
  Json lines = Json::array();
  for (const RemedyLine& l : b.lines) {
    Json item = {{"path", l.path},
                 {"kind", l.kind},
                 {"amount", money_json(l.amount)},
                 {"exact_pence", fraction_text(l.exact_pence)},
                 {"rounding", std::string(to_string(l.rounding))},
                 {"to", std::string(to_string(l.to))},
                 {"explanation", l.explanation}};
    if (!l.note.empty()) item["note"] = l.note;
    if (l.count) {
      item["count"] = show_count(*l.count);
      item["count_exact"] = fraction_text(*l.count);
      item["unit"] = l.unit;
      item["rate"] = money_json(*l.rate);
      item["per"] = std::string(to_string(*l.per));
      item["period"] = l.period;
      item["provision"] = std::string(to_string(*l.provision));
      item["head"] = std::string(to_string(*l.head));
      item["guidance"] = l.guidance.empty() ? Json(nullptr) : Json(l.guidance);
      item["conversion"] = l.conversion;
      item["convention"] = l.convention;
      if (l.alternative) {
        item["alternative"] = money_json(*l.alternative);
        item["alternative_convention"] = l.alternative_convention;
      }
      item["within_band"] = l.within_band ? Json(*l.within_band) : Json(nullptr);
      item["warnings"] = l.warnings;
    }
    lines.push_back(item);
  }
  doc["lines"] = lines;
  Json by_recipient = Json::object(), by_kind = Json::object();
  for (const auto& [k, v] : b.by_recipient) by_recipient[k] = money_json(v);
  for (const auto& [k, v] : b.by_kind) by_kind[k] = money_json(v);
  doc["by_recipient"] = by_recipient;
  doc["by_kind"] = by_kind;
  doc["warnings"] = b.warnings;
  Json audit = Json::array();
  for (const AuditFinding& a : b.audit) {
    audit.push_back({{"path", a.path},
                     {"stated", money_json(a.stated)},
                     {"computed", money_json(a.computed)},
                     {"message", a.message}});
  }
  doc["audit"] = audit;
  return doc;
}

}  // namespace redress

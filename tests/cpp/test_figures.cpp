// The batch's figures-only pass (detail::remedy_figures) is the same calculation as calculate() with the words
// left out: over many generated remedies, good and bad, it gives calculate()'s total and amount of each kind, or
// the very error calculate() throws (class, field and message). calculate() itself is pinned by hand-worked
// figures in test_remedy.cpp; this test pins the two passes together.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "detail/evaluate.hpp"
#include "redress/error.hpp"
#include "redress/remedy.hpp"

namespace {

using redress::Date;
using redress::Money;

struct Outcome {
  std::string error;  // "class|field|message", or empty
  Money total;
  std::map<std::string, Money> by_kind;
};

std::string describe(const redress::Error& e) {
  const char* kind = dynamic_cast<const redress::InvalidInput*>(&e)    ? "InvalidInput"
                     : dynamic_cast<const redress::OutOfRange*>(&e)    ? "OutOfRange"
                     : dynamic_cast<const redress::NotComputable*>(&e) ? "NotComputable"
                                                                       : "Error";
  return std::string(kind) + "|" + e.field() + "|" + e.what();
}

Outcome full(const redress::Remedy& r, const redress::RemedyOptions& o) {
  Outcome out;
  try {
    const redress::RemedyBreakdown b = redress::calculate(r, o);
    out.total = b.total;
    out.by_kind = b.by_kind;
  } catch (const redress::Error& e) {
    out.error = describe(e);
  }
  return out;
}

Outcome figures(const redress::Remedy& r, const redress::RemedyOptions& o) {
  Outcome out;
  try {
    redress::detail::RemedyFigures f;
    f.total = Money::from_pence(12345);  // stale figures from an earlier case must not survive
    redress::detail::remedy_figures(r, o, f);
    out.total = f.total;
    for (std::size_t k = 0; k < redress::detail::RemedyFigures::kKinds; ++k) {
      if ((f.present >> k & 1U) != 0) out.by_kind[std::string(redress::detail::kind_name(k))] = f.by_kind[k];
    }
  } catch (const redress::Error& e) {
    out.error = describe(e);
  }
  return out;
}

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return pick(1, 100) <= percent; }

  Money amount() {
    if (chance(3)) return Money::from_pence(chance(50) ? 0 : -100);          // refused
    if (chance(3)) return Money::from_pence(INT64_MAX / 2 + pick(0, 1000));  // overflows a total
    return Money::from_pence(static_cast<std::int64_t>(pick(1, 400)) * 2500 + pick(0, 99));
  }

  Date date() {
    return Date(static_cast<unsigned short>(pick(2015, 2025)), static_cast<unsigned short>(pick(1, 12)),
                static_cast<unsigned short>(pick(1, 28)));
  }

  redress::LostProvision period() {
    redress::LostProvision p;
    p.rate = amount();
    p.per = static_cast<redress::RateUnit>(pick(0, 3));
    p.provision = static_cast<redress::Provision>(pick(0, 2));
    p.head = static_cast<redress::Head>(pick(0, 2));
    if (chance(20)) p.rounding = static_cast<redress::Rounding>(pick(0, 2));
    if (chance(10)) p.stated_amount = Money::from_pence(pick(1, 900000));
    const int form = pick(0, 3);
    if (form == 0) {
      p.form = redress::LostProvision::Form::months;
      p.from_month = {pick(2016, 2024), pick(1, 12)};
      p.to_month = chance(5) ? redress::YearMonth{p.from_month.year - 1, 3}
                             : redress::YearMonth{p.from_month.year + pick(0, 1), pick(1, 12)};
      if (p.to_month < p.from_month && chance(80)) std::swap(p.to_month, p.from_month);
    } else if (form == 1) {
      p.form = redress::LostProvision::Form::dates;
      p.from_date = date();
      p.to_date =
          chance(5) ? p.from_date - boost::gregorian::days(3) : p.from_date + boost::gregorian::days(pick(0, 400));
    } else if (form == 2) {
      p.form = chance(50) ? redress::LostProvision::Form::months : redress::LostProvision::Form::dates;
      p.open = true;
      p.from_month = {pick(2016, 2024), pick(1, 12)};
      p.from_date = date();
    } else {
      p.form = redress::LostProvision::Form::length;
      p.length.terms = redress::Fraction(pick(0, 3));
      p.length.weeks = redress::Fraction(pick(0, 30), 2);
      if (chance(30)) p.length.months = redress::Fraction(pick(1, 9));
      if (chance(10)) p.length.days = redress::Fraction(pick(1, 4));
    }
    return p;
  }

  redress::Remedy remedy() {
    redress::Remedy r;
    const int g = pick(0, 9);
    r.guidance = g < 7 ? "auto" : g < 9 ? redress::Guidance::lgsco().versions().front().id : "no-such-version";
    r.school_calendar = chance(90) ? (chance(50) ? "default" : "hampshire") : "atlantis";
    r.rounding = static_cast<redress::Rounding>(pick(0, 2));
    for (int i = pick(0, 3); i > 0; --i) r.lost_provision.push_back(period());
    for (int i = pick(0, 4); i > 0; --i) {
      redress::Payment p;
      p.kind = static_cast<redress::PaymentKind>(pick(0, 6));
      p.amount = amount();
      p.to = static_cast<redress::Recipient>(pick(0, 3));
      r.payments.push_back(p);
    }
    if (chance(10)) r.stated_total = Money::from_pence(pick(1, 900000));
    return r;
  }

  redress::RemedyOptions options() {
    redress::RemedyOptions o;
    if (chance(85)) o.final_decision = chance(95) ? date() : Date(1991, 1, 1);
    if (chance(80)) o.as_of = date();
    o.allow_overlap = chance(30);
    return o;
  }

 private:
  std::mt19937 rng_;
};

TEST(RemedyFigures, SameAsTheBreakdownForGeneratedRemedies) {
  Generator gen(20261202);
  int errors = 0, figures_compared = 0;
  for (int i = 0; i < 20000; ++i) {
    const redress::Remedy r = gen.remedy();
    const redress::RemedyOptions o = gen.options();
    const Outcome a = full(r, o), b = figures(r, o);
    ASSERT_EQ(a.error, b.error) << "remedy " << i << ": " << redress::remedy_to_json(r);
    if (!a.error.empty()) {
      ++errors;
      continue;
    }
    ++figures_compared;
    ASSERT_EQ(a.total, b.total) << "remedy " << i << ": " << redress::remedy_to_json(r);
    ASSERT_EQ(a.by_kind, b.by_kind) << "remedy " << i << ": " << redress::remedy_to_json(r);
  }
  // The generator reaches both sides: many errors of many kinds, and many remedies that compute.
  EXPECT_GT(errors, 2000);
  EXPECT_GT(figures_compared, 5000);
}

}  // namespace

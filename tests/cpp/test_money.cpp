#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

#include "redress/error.hpp"
#include "redress/money.hpp"

namespace {

using redress::Fraction;
using redress::Money;
using redress::Rounding;

Money pence(std::int64_t p) {
  return Money::from_pence(p);
}

TEST(MoneyParse, CaseFormatSpellings) {
  // CASE_FORMAT.md: money is a decimal string in pounds with at most two decimals.
  EXPECT_EQ(Money::parse("600").pence(), 60000);
  EXPECT_EQ(Money::parse("2907.69").pence(), 290769);
  EXPECT_EQ(Money::parse("0.5").pence(), 50);
  EXPECT_EQ(Money::parse("0").pence(), 0);
  EXPECT_EQ(Money::parse("-12.30").pence(), -1230);
}

TEST(MoneyParse, CouncilReportSpellings) {
  // Seed 000 writes amounts as "£8,800" and "£4,800.00".
  EXPECT_EQ(Money::parse("£1,800.00").pence(), 180000);
  EXPECT_EQ(Money::parse("£8,800").pence(), 880000);
  EXPECT_EQ(Money::parse("1,234,567.89").pence(), 123456789);
  EXPECT_EQ(Money::parse("-£5.50").pence(), -550);
  EXPECT_EQ(Money::parse("  750 ").pence(), 75000);
}

TEST(MoneyParse, RejectsMoreThanTwoDecimals) {
  try {
    Money::parse("1.005");
    FAIL() << "1.005 was accepted";
  } catch (const redress::InvalidInput& e) {
    EXPECT_EQ(e.value(), "1.005");
    EXPECT_NE(std::string(e.what()).find("'1.005'"), std::string::npos);
    EXPECT_NE(e.rule().find("two decimal places"), std::string::npos);
  }
  EXPECT_THROW(Money::parse("1.000"), redress::InvalidInput);
}

TEST(MoneyParse, RejectsWhatIsNotMoney) {
  for (const char* bad : {"abc", "", "  ", "1.", ".5", "£", "-", "1,80", "18,00.00", "1,8000", ",100", "1e3", "+5",
                          "£-5", "1.2.3", "5p", "0x10", "1 000", "1,000,00"}) {
    try {
      Money::parse(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const redress::InvalidInput& e) {
      EXPECT_EQ(e.value(), bad);
      EXPECT_EQ(e.field(), "Money");
    }
  }
}

TEST(MoneyParse, RejectsOverflow) {
  // int64 max is 9,223,372,036,854,775,807 pence = £92,233,720,368,547,758.07.
  EXPECT_EQ(Money::parse("92233720368547758.07").pence(), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(Money::parse("-92233720368547758.08").pence(), std::numeric_limits<std::int64_t>::min());
  EXPECT_THROW(Money::parse("92233720368547758.08"), redress::OutOfRange);
  EXPECT_THROW(Money::parse("100000000000000000000000"), redress::OutOfRange);
}

__extension__ typedef __int128 wide;

TEST(MoneyParse, EveryLengthOfDigitsAndDecimals) {
  // Pounds of 1 to 19 digits (ones, nines, and 9223372036854775 with its neighbours) with no decimals, one or
  // two: the pence expected are worked out here digit by digit in 128 bits; beyond 2^63 - 1 pence is OutOfRange.
  std::vector<std::string> wholes;
  for (std::size_t digits = 1; digits <= 19; ++digits) {
    wholes.push_back("1" + std::string(digits - 1, '0'));
    wholes.push_back(std::string(digits, '9'));
    wholes.push_back(std::string(digits - 1, '0') + "7");  // leading zeros
  }
  for (const char* edge : {"92233720368547758", "92233720368547757", "92233720368547759", "922337203685477"}) {
    wholes.push_back(edge);
  }
  for (const std::string& whole : wholes) {
    for (const char* decimals : {"", ".5", ".05", ".07", ".99", ".08"}) {
      const std::string text = whole + decimals;
      wide expected = 0;
      for (char c : whole) expected = expected * 10 + (c - '0');
      expected *= 100;
      if (decimals[0] == '.') expected += (decimals[1] - '0') * 10 + (decimals[2] == '\0' ? 0 : decimals[2] - '0');
      if (expected > std::numeric_limits<std::int64_t>::max()) {
        EXPECT_THROW(Money::parse(text), redress::OutOfRange) << text;
      } else {
        EXPECT_EQ(Money::parse(text).pence(), static_cast<std::int64_t>(expected)) << text;
        EXPECT_EQ(Money::parse("-" + text).pence(), -static_cast<std::int64_t>(expected)) << text;
      }
    }
  }
  // Forms beside the usual one: a decimal point with nothing after it, three decimals, a blank around the digits.
  EXPECT_THROW(Money::parse("12."), redress::InvalidInput);
  EXPECT_THROW(Money::parse("12.345"), redress::InvalidInput);
  EXPECT_EQ(Money::parse(" 12.3 ").pence(), 1230);
  EXPECT_THROW(Money::parse("12.3x"), redress::InvalidInput);
}

TEST(MoneyFormat, PoundsWithThousandsSeparators) {
  EXPECT_EQ(pence(880000).format(), "£8,800.00");
  EXPECT_EQ(pence(5).format(), "£0.05");
  EXPECT_EQ(pence(-123456789).format(), "-£1,234,567.89");
  EXPECT_EQ(pence(100000000).format(), "£1,000,000.00");
  EXPECT_EQ(pence(99999).format(), "£999.99");
  EXPECT_EQ(pence(std::numeric_limits<std::int64_t>::min()).format(), "-£92,233,720,368,547,758.08");
}

TEST(MoneyFormat, DecimalForJson) {
  EXPECT_EQ(pence(880000).to_decimal(), "8800.00");
  EXPECT_EQ(pence(-50).to_decimal(), "-0.50");
  EXPECT_EQ(pence(7).to_decimal(), "0.07");
}

TEST(MoneyArithmetic, ExactDecimalSums) {
  // The classic floating-point failure: 0.1 + 0.2 != 0.3 in binary floating point.
  EXPECT_EQ(Money::parse("0.1") + Money::parse("0.2"), Money::parse("0.3"));
  // Seed 000 (Dorset 21 002 722): 250 + 4800 + 1500 + 250 + 750 + 750 + 250 + 250 = 8800.
  Money total;
  for (const char* part : {"250", "4800", "1500", "250", "750", "750", "250", "250"}) total += Money::parse(part);
  EXPECT_EQ(total, Money::parse("8800"));
  EXPECT_EQ(Money::parse("600") * 8, Money::parse("4800"));  // 8 school months at £600
  EXPECT_EQ(3 * Money::parse("500"), Money::parse("1500"));  // 3 months at £500
  EXPECT_EQ(Money::parse("10") - Money::parse("12.50"), Money::parse("-2.50"));
  EXPECT_EQ(-Money::parse("3"), Money::parse("-3"));
}

TEST(MoneyArithmetic, OverflowIsAnError) {
  const Money top = pence(std::numeric_limits<std::int64_t>::max());
  EXPECT_THROW(top + pence(1), redress::OutOfRange);
  EXPECT_THROW(pence(std::numeric_limits<std::int64_t>::min()) - pence(1), redress::OutOfRange);
  EXPECT_THROW(top * 2, redress::OutOfRange);
  EXPECT_THROW(-pence(std::numeric_limits<std::int64_t>::min()), redress::OutOfRange);
}

TEST(MoneyMultiply, TermRatePerSchoolWeek) {
  // £1,600 a term for 2 school weeks at 13 weeks a term: 160000 * 2 / 13 = 24615.38... pence.
  Money term = Money::parse("1600");
  EXPECT_EQ(term.multiply(Fraction(2, 13), Rounding::pence), pence(24615));
  EXPECT_EQ(term.multiply(Fraction(2, 13), Rounding::pound), pence(24600));        // £246.15 -> £246
  EXPECT_EQ(term.multiply(Fraction(2, 13), Rounding::five_pounds), pence(24500));  // £246.15 -> £245
  EXPECT_EQ(term.multiply(Fraction(2, 13), Rounding::ten_pounds), pence(25000));   // £246.15 -> £250
  EXPECT_EQ(term.multiply(Fraction(2, 13), Rounding::fifty_pounds), pence(25000));
  EXPECT_EQ(term.multiply(Fraction(2, 13), Rounding::hundred_pounds), pence(20000));
}

TEST(MoneyMultiply, MonthOfSchoolWeeks) {
  // A school month is 39/9 school weeks; £600 a month is 600 * 9 / 39 = £138.4615... a week.
  EXPECT_EQ(Money::parse("600").multiply(Fraction(9, 39), Rounding::pence), pence(13846));
  // and three such weeks: 600 * 27/39 = £415.3846...
  EXPECT_EQ(Money::parse("600").multiply(Fraction(27, 39), Rounding::pound), pence(41500));
}

TEST(MoneyMultiply, HalvesRoundAwayFromZero) {
  EXPECT_EQ(pence(5).multiply(Fraction(1, 2), Rounding::pence), pence(3));    // 2.5p -> 3p
  EXPECT_EQ(pence(-5).multiply(Fraction(1, 2), Rounding::pence), pence(-3));  // -2.5p -> -3p
  EXPECT_EQ(pence(15050).rounded(Rounding::pound), pence(15100));             // £150.50 -> £151
  EXPECT_EQ(pence(15049).rounded(Rounding::pound), pence(15000));
  EXPECT_EQ(pence(-15050).rounded(Rounding::pound), pence(-15100));
  EXPECT_EQ(pence(25000).rounded(Rounding::fifty_pounds), pence(25000));  // already whole
  EXPECT_EQ(pence(2500).rounded(Rounding::fifty_pounds), pence(5000));    // £25 is half of £50
  EXPECT_EQ(pence(2499).rounded(Rounding::fifty_pounds), pence(0));
  EXPECT_EQ(pence(750).rounded(Rounding::five_pounds), pence(1000));  // £7.50 -> £10
}

TEST(MoneyMultiply, LargeProductsStayExact) {
  // 10^15 pence * 3/7 needs more than 64 bits in the middle but not in the result.
  EXPECT_EQ(pence(1000000000000000).multiply(Fraction(3, 7), Rounding::pence), pence(428571428571429));
  EXPECT_THROW(pence(std::numeric_limits<std::int64_t>::max()).multiply(Fraction(3, 2), Rounding::pence),
               redress::OutOfRange);
}

TEST(Fraction, NormalisedAndChecked) {
  EXPECT_EQ(Fraction(27, 39), Fraction(9, 13));
  EXPECT_EQ(Fraction(3, -6).numerator(), -1);
  EXPECT_EQ(Fraction(3, -6).denominator(), 2);
  EXPECT_EQ(Fraction(0, 5), Fraction(0));
  EXPECT_THROW(Fraction(1, 0), redress::InvalidInput);
}

TEST(Rounding, NamesRoundTrip) {
  for (Rounding mode : {Rounding::pence, Rounding::pound, Rounding::five_pounds, Rounding::ten_pounds,
                        Rounding::fifty_pounds, Rounding::hundred_pounds}) {
    EXPECT_EQ(redress::parse_rounding(redress::to_string(mode)), mode);
  }
  EXPECT_EQ(redress::rounding_unit_pence(Rounding::hundred_pounds), 10000);
  EXPECT_THROW(redress::parse_rounding("nearest"), redress::InvalidInput);
}

TEST(Money, HashesByValue) {
  std::unordered_set<Money> seen{Money::parse("1"), Money::parse("1.00"), Money::parse("£1")};
  EXPECT_EQ(seen.size(), 1U);
}

}  // namespace

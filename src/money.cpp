#include "redress/money.hpp"

#include <cstdlib>
#include <limits>
#include <numeric>
#include <ostream>

#include "detail/text.hpp"
#include "redress/error.hpp"

namespace redress {
namespace {

// GCC and Clang provide a 128-bit integer; it holds any product of two int64 values exactly.
__extension__ typedef __int128 wide;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

const std::string kMoney = "Money";
const std::string kForms = "is not an amount of money: expected pounds such as \"600\", \"2907.69\" or \"£1,800.00\"";

std::string describe(wide value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  std::string digits;
  while (value != 0) {
    int digit = static_cast<int>(value % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (negative ? -digit : digit)));
    value /= 10;
  }
  return (negative ? "-" : "") + digits + " pence";
}

// `value` as int64, or OutOfRange naming it: the text is only built when it is needed.
std::int64_t narrow(wide value) {
  if (value > kMax || value < kMin) {
    throw OutOfRange(kMoney, describe(value), "is outside the range money can hold (64-bit pence)");
  }
  return static_cast<std::int64_t>(value);
}

// Rounds numerator/denominator (denominator > 0) to the nearest integer, halves away from zero.
wide divide_rounding(wide numerator, wide denominator) {
  wide quotient = numerator / denominator;
  wide remainder = numerator % denominator;
  if (remainder < 0) remainder = -remainder;
  if (2 * remainder >= denominator) quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

std::string group_thousands(std::string digits) {
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), 1, ',');
  }
  return digits;
}

}  // namespace

std::int64_t rounding_unit_pence(Rounding mode) noexcept {
  switch (mode) {
    case Rounding::pence: return 1;
    case Rounding::pound: return 100;
    case Rounding::five_pounds: return 500;
    case Rounding::ten_pounds: return 1000;
    case Rounding::fifty_pounds: return 5000;
    case Rounding::hundred_pounds: return 10000;
  }
  return 1;
}

std::string_view to_string(Rounding mode) noexcept {
  switch (mode) {
    case Rounding::pence: return "pence";
    case Rounding::pound: return "pound";
    case Rounding::five_pounds: return "five_pounds";
    case Rounding::ten_pounds: return "ten_pounds";
    case Rounding::fifty_pounds: return "fifty_pounds";
    case Rounding::hundred_pounds: return "hundred_pounds";
  }
  return "pence";
}

Rounding parse_rounding(std::string_view name) {
  for (Rounding mode : {Rounding::pence, Rounding::pound, Rounding::five_pounds, Rounding::ten_pounds,
                        Rounding::fifty_pounds, Rounding::hundred_pounds}) {
    if (to_string(mode) == name) return mode;
  }
  throw InvalidInput("rounding", std::string(name),
                     "is not a rounding mode: expected pence, pound, five_pounds, ten_pounds, fifty_pounds or "
                     "hundred_pounds");
}

Fraction::Fraction(std::int64_t numerator, std::int64_t denominator) {
  assign(numerator, denominator);
}

void Fraction::assign(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) {
    throw InvalidInput("Fraction", std::to_string(numerator) + "/0", "has a zero denominator");
  }
  if (denominator == kMin || numerator == kMin) {
    throw OutOfRange("Fraction", std::to_string(numerator) + "/" + std::to_string(denominator),
                     "has a term whose sign cannot be changed in 64 bits");
  }
  if (denominator == 1) {  // a whole number (the default of most fields): nothing to reduce
    numerator_ = numerator;
    denominator_ = 1;
    return;
  }
  std::int64_t divisor = std::gcd(numerator, denominator);  // > 0 because denominator != 0
  numerator_ = numerator / divisor;
  denominator_ = denominator / divisor;
  if (denominator_ < 0) {
    numerator_ = -numerator_;
    denominator_ = -denominator_;
  }
}

Money Money::parse(std::string_view text) {
  {
    // The usual form, 1 to 15 digits and at most two decimals with no sign, symbol, comma or blank ("600",
    // "2907.69"), read directly; anything else (and every error) takes the full reading below.
    const std::size_t n = text.size();
    std::size_t k = 0;
    std::int64_t pounds = 0;
    while (k < n && k < 16 && detail::is_digit(text[k])) pounds = pounds * 10 + (text[k++] - '0');
    if (k >= 1 && k <= 15) {
      if (k == n) return Money(pounds * 100);
      const std::size_t decimals = n - k - 1;
      if (text[k] == '.' && (decimals == 1 || decimals == 2) && detail::is_digit(text[k + 1]) &&
          (decimals == 1 || detail::is_digit(text[k + 2]))) {
        return Money(pounds * 100 + (text[k + 1] - '0') * 10 + (decimals == 2 ? text[k + 2] - '0' : 0));
      }
    }
  }
  // The text as given, for messages: a copy is made only when there is something wrong with it.
  const std::string_view given = text;
  const auto original = [given] { return std::string(given); };
  text = detail::trim_blanks(text);
  if (text.empty()) throw InvalidInput(kMoney, original(), "is empty: expected pounds such as \"600\"");

  bool negative = false;
  if (text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  static constexpr std::string_view kPound = "\xC2\xA3";  // £ in UTF-8
  if (text.substr(0, kPound.size()) == kPound) text.remove_prefix(kPound.size());

  // Whole pounds: digits, optionally grouped in threes by commas ("1,800", never "1,80" or "18,00").
  wide pounds = 0;
  std::size_t i = 0;
  std::size_t group = 0;  // digits since the last comma (or the start)
  bool seen_comma = false;
  std::size_t digit_count = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    char c = text[i];
    if (detail::is_digit(c)) {
      pounds = pounds * 10 + (c - '0');
      if (pounds > kMax) {
        throw OutOfRange(kMoney, original(),
                         "is too large: money is held in 64-bit pence (at most £92,233,720,368,547,758.07)");
      }
      ++group;
      ++digit_count;
    } else if (c == ',') {
      bool first_group_ok = !seen_comma && group >= 1 && group <= 3;
      bool later_group_ok = seen_comma && group == 3;
      if (!first_group_ok && !later_group_ok) throw InvalidInput(kMoney, original(), kForms);
      seen_comma = true;
      group = 0;
    } else {
      throw InvalidInput(kMoney, original(), kForms);
    }
  }
  if (digit_count == 0 || (seen_comma && group != 3)) throw InvalidInput(kMoney, original(), kForms);

  wide pence = 0;
  if (i < text.size()) {  // text[i] == '.'
    std::string_view decimals = text.substr(i + 1);
    if (decimals.empty()) throw InvalidInput(kMoney, original(), kForms);
    for (char c : decimals) {
      if (!detail::is_digit(c)) throw InvalidInput(kMoney, original(), kForms);
    }
    if (decimals.size() > 2) {
      throw InvalidInput(kMoney, original(), "has more than two decimal places: money is held in whole pence");
    }
    pence = (decimals[0] - '0') * 10 + (decimals.size() == 2 ? decimals[1] - '0' : 0);
  }
  wide total = pounds * 100 + pence;
  if (negative) total = -total;
  if (total > kMax || total < kMin) {
    throw OutOfRange(kMoney, original(),
                     "is too large: money is held in 64-bit pence (at most £92,233,720,368,547,758.07)");
  }
  return Money(static_cast<std::int64_t>(total));
}

std::string Money::to_decimal() const {
  wide value = pence_;
  bool negative = value < 0;
  if (negative) value = -value;
  std::string pounds = std::to_string(static_cast<unsigned long long>(value / 100));
  auto rest = static_cast<int>(value % 100);
  std::string out = negative ? "-" : "";
  out += pounds;
  out += '.';
  out += static_cast<char>('0' + rest / 10);
  out += static_cast<char>('0' + rest % 10);
  return out;
}

std::string Money::format() const {
  std::string plain = to_decimal();
  bool negative = plain.front() == '-';
  if (negative) plain.erase(0, 1);
  std::size_t point = plain.find('.');
  return (negative ? "-\xC2\xA3" : "\xC2\xA3") + group_thousands(plain.substr(0, point)) + plain.substr(point);
}

Money Money::multiply(const Fraction& factor, Rounding mode) const {
  const wide unit = rounding_unit_pence(mode);
  const wide numerator = static_cast<wide>(pence_) * factor.numerator();
  // numerator fits easily in 128 bits (|int64 * int64| < 2^126); the denominator times the unit does too.
  const wide units = divide_rounding(numerator, static_cast<wide>(factor.denominator()) * unit);
  const wide result = units * unit;
  if (result > kMax || result < kMin) {
    throw OutOfRange(
        kMoney, to_decimal() + " x " + std::to_string(factor.numerator()) + "/" + std::to_string(factor.denominator()),
        "is outside the range money can hold (64-bit pence)");
  }
  return Money(static_cast<std::int64_t>(result));
}

Money Money::rounded(Rounding mode) const {
  return multiply(Fraction(1), mode);
}

Money Money::operator-() const {
  return Money(narrow(-static_cast<wide>(pence_)));
}

Money& Money::operator+=(Money other) {
  std::int64_t sum = 0;
  // Only a sum that overflows is worked out in 128 bits, for the message naming it.
  if (__builtin_add_overflow(pence_, other.pence_, &sum)) narrow(static_cast<wide>(pence_) + other.pence_);
  pence_ = sum;
  return *this;
}

Money& Money::operator-=(Money other) {
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(pence_, other.pence_, &difference)) narrow(static_cast<wide>(pence_) - other.pence_);
  pence_ = difference;
  return *this;
}

Money& Money::operator*=(std::int64_t factor) {
  wide product = static_cast<wide>(pence_) * factor;
  pence_ = narrow(product);
  return *this;
}

std::ostream& operator<<(std::ostream& out, Money amount) {
  return out << amount.format();
}

}  // namespace redress

// The money layer: an exact amount in integer pence, parsed from and written as decimal pounds, with
// arithmetic that refuses to overflow and rounding that is always explicit. No floating point anywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace redress {

// How a computed amount is rounded: to the nearest multiple of the unit, halves away from zero.
enum class Rounding { pence, pound, five_pounds, ten_pounds, fifty_pounds, hundred_pounds };

// The unit of a rounding mode in pence (pound -> 100).
std::int64_t rounding_unit_pence(Rounding mode) noexcept;
// The case-format name of a rounding mode ("five_pounds").
std::string_view to_string(Rounding mode) noexcept;
// Reads a case-format rounding name; anything else is InvalidInput naming the value.
Rounding parse_rounding(std::string_view name);

// An exact rational number, kept normalised (lowest terms, positive denominator), used to scale money
// without floating point: 39/9 school weeks a month, 2/13 of a term.
class Fraction {
 public:
  // Throws InvalidInput if the denominator is zero.
  Fraction(std::int64_t numerator, std::int64_t denominator);
  // A whole number (converts implicitly), made inline: the reader makes five for every period it reads. The
  // most negative number is refused as in any fraction.
  Fraction(std::int64_t whole) : numerator_(whole), denominator_(1) {
    if (whole == kMin) assign(whole, 1);
  }

  std::int64_t numerator() const noexcept { return numerator_; }
  std::int64_t denominator() const noexcept { return denominator_; }

  friend bool operator==(const Fraction& a, const Fraction& b) noexcept {
    return a.numerator_ == b.numerator_ && a.denominator_ == b.denominator_;
  }
  friend bool operator!=(const Fraction& a, const Fraction& b) noexcept { return !(a == b); }

 private:
  static constexpr std::int64_t kMin = INT64_MIN;
  void assign(std::int64_t numerator, std::int64_t denominator);
  std::int64_t numerator_;
  std::int64_t denominator_;
};

// An amount of money in whole pence. Arithmetic that would leave the 64-bit range throws OutOfRange.
class Money {
 public:
  constexpr Money() noexcept = default;

  static constexpr Money from_pence(std::int64_t pence) noexcept { return Money(pence); }
  // Reads decimal pounds: "600", "2907.69", "£1,800.00", "-£5.50". At most two decimal places, commas only
  // as thousands separators. Anything else is InvalidInput naming the text; too large is OutOfRange.
  static Money parse(std::string_view text);

  constexpr std::int64_t pence() const noexcept { return pence_; }
  // Plain decimal pounds with two decimals, as the case format writes money: "8800.00", "-0.50".
  std::string to_decimal() const;
  // For people: "£8,800.00", "-£0.50".
  std::string format() const;

  // The exact product of this amount and `factor`, rounded once by `mode` (halves away from zero).
  Money multiply(const Fraction& factor, Rounding mode) const;
  // This amount rounded by `mode`.
  Money rounded(Rounding mode) const;

  Money operator-() const;
  Money& operator+=(Money other);
  Money& operator-=(Money other);
  Money& operator*=(std::int64_t factor);

  friend Money operator+(Money a, Money b) { return a += b; }
  friend Money operator-(Money a, Money b) { return a -= b; }
  friend Money operator*(Money a, std::int64_t k) { return a *= k; }
  friend Money operator*(std::int64_t k, Money a) { return a *= k; }

  friend constexpr bool operator==(Money a, Money b) noexcept { return a.pence_ == b.pence_; }
  friend constexpr bool operator!=(Money a, Money b) noexcept { return a.pence_ != b.pence_; }
  friend constexpr bool operator<(Money a, Money b) noexcept { return a.pence_ < b.pence_; }
  friend constexpr bool operator<=(Money a, Money b) noexcept { return a.pence_ <= b.pence_; }
  friend constexpr bool operator>(Money a, Money b) noexcept { return a.pence_ > b.pence_; }
  friend constexpr bool operator>=(Money a, Money b) noexcept { return a.pence_ >= b.pence_; }

 private:
  constexpr explicit Money(std::int64_t pence) noexcept : pence_(pence) {}
  std::int64_t pence_ = 0;
};

// Writes Money::format().
std::ostream& operator<<(std::ostream& out, Money amount);

}  // namespace redress

template <>
struct std::hash<redress::Money> {
  std::size_t operator()(redress::Money m) const noexcept { return std::hash<std::int64_t>{}(m.pence()); }
};

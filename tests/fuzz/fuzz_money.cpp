// Fuzzes Money::parse with any bytes; an amount that parses must print and parse back to itself, and the
// arithmetic done on amounts (negation, sums, rounding, scaling) must refuse overflow with a redress error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_common.hpp"
#include "redress/money.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  redress::fuzz::expect_redress_errors_only([&] {
    const redress::Money amount = redress::Money::parse(redress::fuzz::text(data, size));
    if (redress::Money::parse(amount.to_decimal()) != amount) std::abort();
    if (redress::Money::parse(amount.format()) != amount) std::abort();
    (void)amount.rounded(redress::Rounding::fifty_pounds);
    (void)amount.multiply(redress::Fraction(39, 9), redress::Rounding::pence);
    (void)(amount + amount);
    (void)(-amount);
  });
  return 0;
}

// What every fuzz target shares: the one promise under test is that no input makes the library crash, hang or
// throw anything but a redress::Error. A redress::Error is the expected answer to bad input; any other
// exception escapes LLVMFuzzerTestOneInput, which libFuzzer reports as a crash with the input that caused it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "redress/error.hpp"

namespace redress::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `f`, accepting a redress::Error as the answer to bad input.
template <typename F>
void expect_redress_errors_only(F f) {
  try {
    f();
  } catch (const redress::Error&) {
  }
}

}  // namespace redress::fuzz

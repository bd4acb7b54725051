// Small text helpers shared by the parsers; internal to the library, not installed.
#pragma once

#include <string_view>

namespace redress::detail {

inline bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

// `text` without leading and trailing spaces and tabs.
inline std::string_view trim_blanks(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace redress::detail

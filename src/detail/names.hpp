// The case format's names for enum values, as tables of (value, name); internal to the library.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "redress/error.hpp"

namespace redress::detail {

// `to` = `from`, left alone when it holds the text already: the batch fills the same strings case after case
// (the same rule at the same place in the deadlines, the same event at the same place in the timeline), and a
// comparison costs less than the library's assign.
inline void set_text(std::string& to, std::string_view from) {
  if (to.size() == from.size() && (from.empty() || std::memcmp(to.data(), from.data(), from.size()) == 0)) return;
  to.assign(from.data(), from.size());
}

template <typename E, std::size_t N>
using NameTable = std::pair<E, const char*>[N];

template <typename E, std::size_t N>
std::string_view name_of(E value, const NameTable<E, N>& names) noexcept {
  for (const auto& [v, text] : names) {
    if (v == value) return text;
  }
  return "";
}

// The value named `name`, or InvalidInput naming `field`, the name and every name allowed.
template <typename E, std::size_t N>
E parse_name(std::string_view name, const NameTable<E, N>& names, std::string_view field) {
  for (const auto& [v, text] : names) {
    if (name == text) return v;
  }
  std::string expected;  // built only for the error
  for (const auto& [v, text] : names) expected += (expected.empty() ? "" : ", ") + std::string(text);
  throw InvalidInput(std::string(field), std::string(name), "is not one of " + expected);
}

}  // namespace redress::detail

// The batch's fast path for remedy-only runs: reads the common shape of a case line with simdjson's On-Demand
// parser and works out its total with the same arithmetic as calculate(), without building a DOM or any text.
// It answers only when it is sure the full reader would give the same result; anything unusual (an unknown
// field, a date-range period, an error of any kind) is left to the full reader, which names the problem.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "redress/money.hpp"

namespace redress::detail {

// lost_provision, then the payment kinds in PaymentKind order.
inline constexpr std::size_t kKindSlots = 8;
const char* kind_slot_name(std::size_t slot) noexcept;

struct FastCase {
  std::string reference;  // canonical
  std::string authority;
  Money total;
  std::array<Money, kKindSlots> by_kind{};
  std::array<bool, kKindSlots> has_kind{};
  std::vector<std::size_t> faults;  // indexes into fault_kinds()
  bool has_remedy = false;
};

class FastRemedyReader {
 public:
  FastRemedyReader();
  ~FastRemedyReader();
  FastRemedyReader(const FastRemedyReader&) = delete;
  FastRemedyReader& operator=(const FastRemedyReader&) = delete;

  // `data` must have at least 64 readable bytes after `size` (simdjson's padding). True when `out` holds the
  // result; false when the line needs the full reader.
  bool read(const char* data, std::size_t size, std::size_t capacity, FastCase& out);

 private:
  struct Impl;
  Impl* impl_;
};

// A JSON string literal for `text`, escaped as nlohmann::json dumps it (so both paths write the same bytes).
void append_json_string(std::string& out, const std::string& text);

}  // namespace redress::detail

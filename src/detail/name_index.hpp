// Names numbered in the order they are added, found through an open-addressing table under a cheap hash; internal
// to the library. The event names of every case of a batch are looked up here, twice: by the reader, which
// refuses a name no rule knows, and by the deadline engine, which works with the numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace redress::detail {

class NameIndex {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFU;

  // A name's hash from its length and its first and last eight bytes, where event names differ.
  static std::uint64_t hash(std::string_view name) noexcept {
    const std::size_t n = name.size();
    std::uint64_t h = n * 0x9E3779B97F4A7C15ULL;
    if (n >= 8) {
      std::uint64_t head = 0, tail = 0;
      std::memcpy(&head, name.data(), 8);
      std::memcpy(&tail, name.data() + n - 8, 8);
      h ^= head * 0xC2B2AE3D27D4EB4FULL;
      h ^= (tail + (h >> 29)) * 0x165667B19E3779F9ULL;
    } else {
      for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    }
    return h ^ (h >> 32);
  }

  // The number of `name`, or kNone.
  std::uint32_t find(std::string_view name) const noexcept {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash(name)) & mask;; i = (i + 1) & mask) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) return kNone;
      const std::string& known = names_[slot - 1];
      if (known.size() == name.size() && std::memcmp(known.data(), name.data(), name.size()) == 0) return slot - 1;
    }
  }

  // The number of `name`, numbered next if it is new.
  std::uint32_t add(std::string_view name) {
    if (slots_.size() < 4 * (names_.size() + 1)) {  // at most a quarter full: short probes
      std::vector<std::uint32_t> grown(slots_.empty() ? 64 : 2 * slots_.size(), 0);
      slots_.swap(grown);
      for (std::size_t k = 0; k < names_.size(); ++k) place(static_cast<std::uint32_t>(k));
    }
    const std::uint32_t found = find(name);
    if (found != kNone) return found;
    names_.emplace_back(name);
    place(static_cast<std::uint32_t>(names_.size() - 1));
    return static_cast<std::uint32_t>(names_.size() - 1);
  }

  std::size_t size() const noexcept { return names_.size(); }

 private:
  void place(std::uint32_t id) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>(hash(names_[id])) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = id + 1;
  }

  std::vector<std::string> names_;    // by number
  std::vector<std::uint32_t> slots_;  // number + 1; 0 for an empty slot
};

}  // namespace redress::detail

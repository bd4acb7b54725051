// The complaint layer: what identifies and describes one complaint to the Ombudsman. For now, the case
// reference; the case model, recommendations and their statuses grow here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace redress {

// The Ombudsman's eight-digit case reference, written "NN NNN NNN". The first two digits are the year the
// Ombudsman received the complaint: 21 002 722 arrived in 2021.
class CaseReference {
 public:
  // Accepts "21 002 722", "21-002-722" and "21002722" (surrounding whitespace ignored); anything else is
  // InvalidInput naming the text.
  explicit CaseReference(std::string_view text);

  // The year the complaint reached the Ombudsman, read as 20NN.
  int year() const noexcept;
  // The six digits after the year, as a number (21 002 722 -> 2722).
  std::uint32_t serial() const noexcept { return number_ % 1000000U; }
  // The canonical form, "21 002 722".
  std::string str() const;
  // The eight digits with no separators, "21002722".
  std::string digits() const;
  // The eight digits as one number (21002722), for compact storage and sorting.
  std::uint32_t number() const noexcept { return number_; }

  friend bool operator==(const CaseReference& a, const CaseReference& b) noexcept { return a.number_ == b.number_; }
  friend bool operator!=(const CaseReference& a, const CaseReference& b) noexcept { return a.number_ != b.number_; }
  friend bool operator<(const CaseReference& a, const CaseReference& b) noexcept { return a.number_ < b.number_; }

 private:
  std::uint32_t number_;
};

std::ostream& operator<<(std::ostream& out, const CaseReference& reference);

}  // namespace redress

template <>
struct std::hash<redress::CaseReference> {
  std::size_t operator()(const redress::CaseReference& r) const noexcept {
    return std::hash<std::uint32_t>{}(r.number());
  }
};

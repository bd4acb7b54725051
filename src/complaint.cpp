#include "redress/complaint.hpp"

#include <ostream>

#include "detail/text.hpp"
#include "redress/error.hpp"

namespace redress {
namespace {

// The digits of `text` if it is one of the accepted spellings, else an empty string.
std::string reference_digits(std::string_view text) {
  std::string digits;
  if (text.size() == 8) {
    digits = std::string(text);
  } else if (text.size() == 10 && text[2] == text[6] && (text[2] == ' ' || text[2] == '-')) {
    digits = std::string(text.substr(0, 2)) + std::string(text.substr(3, 3)) + std::string(text.substr(7, 3));
  } else {
    return {};
  }
  for (char c : digits) {
    if (!detail::is_digit(c)) return {};
  }
  return digits;
}

}  // namespace

CaseReference::CaseReference(std::string_view text) : number_(0) {
  std::string digits = reference_digits(detail::trim_blanks(text));
  if (digits.empty()) {
    throw InvalidInput("CaseReference", std::string(text),
                       "is not an Ombudsman case reference: expected eight digits written \"21 002 722\", "
                       "\"21-002-722\" or \"21002722\"");
  }
  for (char c : digits) number_ = number_ * 10U + static_cast<std::uint32_t>(c - '0');
}

int CaseReference::year() const noexcept {
  return 2000 + static_cast<int>(number_ / 1000000U);
}

std::string CaseReference::digits() const {
  std::string out = std::to_string(number_);
  return std::string(8 - out.size(), '0') + out;
}

std::string CaseReference::str() const {
  std::string d = digits();
  return d.substr(0, 2) + ' ' + d.substr(2, 3) + ' ' + d.substr(5, 3);
}

std::ostream& operator<<(std::ostream& out, const CaseReference& reference) {
  return out << reference.str();
}

}  // namespace redress

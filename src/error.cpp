#include "redress/error.hpp"

#include <utility>

namespace redress {
namespace {

// The text with control characters shown as \xNN, so that a NUL cannot end the message early (what() is a C
// string) and no escape sequence reaches a terminal raw. value() keeps the input exactly as given.
std::string visible(const std::string& text) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      out += "\\x";
      out += digits[byte >> 4];
      out += digits[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

std::string compose(const std::string& field, const std::string& value, const std::string& rule) {
  std::string message = visible(field);
  message += ": '";
  message += visible(value);
  message += "' ";
  message += rule;
  return message;
}

}  // namespace

Error::Error(std::string field, std::string value, std::string rule)
    : std::runtime_error(compose(field, value, rule)),
      field_(std::move(field)),
      value_(std::move(value)),
      rule_(std::move(rule)) {}

}  // namespace redress

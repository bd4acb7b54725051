#include "redress/error.hpp"

#include <utility>

namespace redress {
namespace {

std::string compose(const std::string& field, const std::string& value, const std::string& rule) {
  std::string message = field;
  message += ": '";
  message += value;
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

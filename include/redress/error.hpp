// The one exception hierarchy of redress. Every error says which field was wrong, what value it held and
// which rule it broke; the Python package maps each class onto an exception of the same name.
#pragma once

#include <stdexcept>
#include <string>

namespace redress {

// Base of everything redress throws on purpose.
class Error : public std::runtime_error {
 public:
  // `field` names what was being read (a type, a parameter or a JSON path such as
  // "remedy.lost_provision[2].to"), `value` is the offending input as given, `rule` is the rule it broke.
  Error(std::string field, std::string value, std::string rule);

  const std::string& field() const noexcept { return field_; }
  const std::string& value() const noexcept { return value_; }
  const std::string& rule() const noexcept { return rule_; }

 private:
  std::string field_;
  std::string value_;
  std::string rule_;
};

// The input is malformed or breaks a rule of the format (a bad reference, "1.005" as money).
class InvalidInput : public Error {
 public:
  using Error::Error;
};

// The input is well formed but the answer needs something the input does not give (a missing event date).
class NotComputable : public Error {
 public:
  using Error::Error;
};

// A value is outside what redress can represent or has data for (money past the pence range, a date outside
// the supported calendar years).
class OutOfRange : public Error {
 public:
  using Error::Error;
};

}  // namespace redress

// Reading redress's JSON documents with errors that name the JSON path; internal to the library.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "redress/calendar.hpp"
#include "redress/error.hpp"
#include "redress/money.hpp"

namespace redress::detail {

using Json = nlohmann::json;

// Parses `text`, or InvalidInput naming `what` and where the parser stopped.
Json parse_json(std::string_view text, std::string_view what);

// "add[2].date" style paths.
inline std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
inline std::string join(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// The value's JSON text, for messages (strings without their quotes).
std::string show(const Json& value);

const Json& require(const Json& object, std::string_view key, const std::string& path);
std::string require_string(const Json& object, std::string_view key, const std::string& path);
std::string optional_string(const Json& object, std::string_view key, const std::string& path,
                            std::string fallback = {});
Date require_date(const Json& object, std::string_view key, const std::string& path);
const Json& require_array(const Json& object, std::string_view key, const std::string& path);
void require_object(const Json& value, const std::string& path);
// Money from a JSON string or number: the case format's "at most two decimals" rule holds for both (a number is
// read back in its shortest round-trip form, so 1.005 stays 1.005 and is refused). Errors name `path`.
Money money_at(const Json& value, const std::string& path);
// Unknown fields pass through, but one within two edits of a known field is reported as a misspelling.
void check_fields(const Json& object, std::initializer_list<const char*> known, const std::string& path);
// Checks a "format" member equals `expected`.
void require_format(const Json& object, std::string_view expected);

}  // namespace redress::detail

#include "detail/json_read.hpp"

namespace redress::detail {

Json parse_json(std::string_view text, std::string_view what) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    std::string snippet(text.substr(0, 60));
    throw InvalidInput(std::string(what), snippet, std::string("is not valid JSON (") + e.what() + ")");
  }
}

std::string show(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

void require_object(const Json& value, const std::string& path) {
  if (!value.is_object()) throw InvalidInput(path.empty() ? "document" : path, show(value), "must be a JSON object");
}

const Json& require(const Json& object, std::string_view key, const std::string& path) {
  require_object(object, path);
  auto it = object.find(key);
  if (it == object.end()) throw InvalidInput(join(path, key), "", "is required but missing");
  return *it;
}

std::string require_string(const Json& object, std::string_view key, const std::string& path) {
  const Json& value = require(object, key, path);
  if (!value.is_string()) throw InvalidInput(join(path, key), show(value), "must be a string");
  return value.get<std::string>();
}

std::string optional_string(const Json& object, std::string_view key, const std::string& path, std::string fallback) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw InvalidInput(join(path, key), show(*it), "must be a string");
  return it->get<std::string>();
}

Date require_date(const Json& object, std::string_view key, const std::string& path) {
  return parse_date(require_string(object, key, path), join(path, key));
}

const Json& require_array(const Json& object, std::string_view key, const std::string& path) {
  const Json& value = require(object, key, path);
  if (!value.is_array()) throw InvalidInput(join(path, key), show(value), "must be a JSON array");
  return value;
}

void require_format(const Json& object, std::string_view expected) {
  std::string format = require_string(object, "format", "");
  if (format != expected) {
    throw InvalidInput("format", format, "is not the expected format \"" + std::string(expected) + "\"");
  }
}

}  // namespace redress::detail

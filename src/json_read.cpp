#include "detail/json_read.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

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

Money money_at(const Json& value, const std::string& path) {
  if (value.is_string()) {
    try {
      return Money::parse(value.get<std::string>());
    } catch (const InvalidInput& e) {
      throw InvalidInput(path, value.get<std::string>(), e.rule());
    } catch (const OutOfRange& e) {
      throw OutOfRange(path, value.get<std::string>(), e.rule());
    }
  }
  if (value.is_number()) {
    // nlohmann writes a number back in its shortest round-trip form, so 2907.69 reads as "2907.69" and 1.005
    // as "1.005", which Money then refuses: the two-decimal rule holds for JSON numbers too.
    const std::string text = value.dump();
    try {
      return Money::parse(text);
    } catch (const InvalidInput& e) {
      throw InvalidInput(path, text, e.rule());
    } catch (const OutOfRange& e) {
      throw OutOfRange(path, text, e.rule());
    }
  }
  throw InvalidInput(path, detail::show(value), "must be money: a decimal string such as \"600\" or a number");
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Unknown fields pass through, but one within two edits of a known field is almost surely a misspelling.
void check_fields(const Json& object, std::initializer_list<const char*> known, const std::string& path) {
  for (const auto& [key, value] : object.items()) {
    if (std::any_of(known.begin(), known.end(), [&key = key](const char* k) { return key == k; })) continue;
    // An unknown field passes through, unless it is one edit from a known one (two for names of seven letters
    // or more): "ammount" is a misspelling, "notes" beside "dates" is not.
    const char* closest = nullptr;
    std::size_t best = key.size() >= 7 ? 3 : 2;
    for (const char* k : known) {
      const std::size_t d = edit_distance(key, k);
      if (d < best) {
        best = d;
        closest = k;
      }
    }
    if (closest != nullptr && key.size() > 2) {
      throw InvalidInput(detail::join(path, key), detail::show(value),
                         "is not a field of the case format: did you mean \"" + std::string(closest) + "\"?");
    }
  }
}

}  // namespace redress::detail

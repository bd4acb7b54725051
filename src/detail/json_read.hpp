// Reading redress's JSON documents with errors that name the JSON path; internal to the library.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
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
// A true or false, or false when the key is missing or null; anything else is InvalidInput naming the key.
bool optional_bool(const Json& object, std::string_view key, const std::string& path);
Date require_date(const Json& object, std::string_view key, const std::string& path);
const Json& require_array(const Json& object, std::string_view key, const std::string& path);
void require_object(const Json& value, const std::string& path);
// Money from a JSON string or number: the case format's "at most two decimals" rule holds for both (a number is
// read back in its shortest round-trip form, so 1.005 stays 1.005 and is refused). Errors name `path`.
Money money_at(const Json& value, const std::string& path);
// Unknown fields pass through, but one within two edits of a known field is reported as a misspelling.
// `document` names what the fields belong to in a message ("a table map").
void check_fields(const Json& object, std::initializer_list<const char*> known, const std::string& path,
                  std::string_view document);
// Checks a "format" member equals `expected`.
void require_format(const Json& object, std::string_view expected);

}  // namespace redress::detail

// --- The case reader ------------------------------------------------------------------------------------------
// The one reader of the case format (redress.case/1), used by read_case, the batch and the Python bindings. It
// parses a document with simdjson (which validates all of it: UTF-8, structure, every number, the nesting depth)
// and fills the library's types directly. Every object at every depth is checked for duplicate keys.

#include <memory>
#include <vector>

#include "redress/complaint.hpp"
#include "redress/io.hpp"

namespace redress::detail {

class CaseReader {
 public:
  // simdjson reads up to this many bytes past the end of a document; a caller that has them passes `capacity`.
  static constexpr std::size_t kPadding = 64;

  CaseReader();
  ~CaseReader();
  CaseReader(const CaseReader&) = delete;
  CaseReader& operator=(const CaseReader&) = delete;

  // Reads one case into `out` (cleared first; its buffers are reused). `capacity` is how many bytes may be read
  // from text.data(): text.size() + kPadding or more avoids a copy. With `faults`, every fault is appended there
  // and reading goes on; without, the first fault throws (InvalidInput or OutOfRange naming the JSON path,
  // starting with `prefix`).
  void read(std::string_view text, std::size_t capacity, Case& out, const std::string& prefix = {},
            std::vector<CaseFault>* faults = nullptr);
  // The authority a document names at its top level, if it is JSON enough to say; "(unknown)" if not. Never
  // throws (for the error rows of lines that could not be read).
  std::string authority_of(std::string_view text) noexcept;
  // The remedy section alone (the object under "remedy"); errors name paths starting with `path`.
  Remedy read_remedy(std::string_view text, const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The reader of this thread, for callers that read one document at a time.
CaseReader& thread_reader();

// A JSON string literal for `text`, escaped as nlohmann::json dumps it.
void append_json_string(std::string& out, std::string_view text);

// Edit distance, for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The name among [first, last) (each read through `name_of`) that `word` most likely misspells: the nearest within
// one edit, or two for words of seven letters or more ("ammount" is a misspelling of "amount"; "notes" beside
// "dates" is not), the first of equals; empty if none is that near.
template <typename It, typename NameOf>
std::optional<std::string_view> misspelling_of(std::string_view word, It first, It last, NameOf name_of) {
  std::optional<std::string_view> closest;
  std::size_t best = word.size() >= 7 ? 3 : 2;
  for (; first != last; ++first) {
    const std::string_view name = name_of(*first);
    const std::size_t d = edit_distance(word, name);
    if (d < best) {
      best = d;
      closest = name;
    }
  }
  return closest;
}

}  // namespace redress::detail

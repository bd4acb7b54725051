// Parsing the configuration documents (rule catalogues, complaint procedures, guidance, school calendars, table
// maps, holiday changes); internal to the library. Two things parse_json alone lets through are refused here:
// - nesting: nlohmann::json copies and writes a value recursively, so a document nested thousands of levels deep
//   could overflow the stack when a loader copies it or a message shows it. The depth of the text is checked
//   first, without recursion;
// - a number beyond a double (1e400): nlohmann::json throws its own out_of_range for it, which is not a
//   parse_error and so escaped parse_json as a non-redress exception.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "detail/json_read.hpp"
#include "redress/error.hpp"

namespace redress::detail {

// Up to `size` bytes of `text` from `from`, cut at UTF-8 character boundaries, for a message.
inline std::string config_snippet(std::string_view text, std::size_t from, std::size_t size) {
  std::size_t to = std::min(text.size(), from + size);
  auto continuation = [&](std::size_t k) { return (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80; };
  while (from < to && continuation(from)) ++from;
  while (to < text.size() && to > from && continuation(to)) --to;
  return std::string(text.substr(from, to - from));
}

// The same limit as the case format's (limits::kMaxDepth): no document redress ships nests more than 6 levels.
constexpr int kMaxConfigDepth = 64;

// InvalidInput naming `what` when arrays and objects in `text` nest deeper than kMaxConfigDepth. Brackets inside
// strings do not count; text that is not JSON is left for the parser to refuse.
inline void check_config_depth(std::string_view text, std::string_view what) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, whatever it is
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxConfigDepth) {
        throw InvalidInput(std::string(what), config_snippet(text, i >= 20 ? i - 20 : 0, 40),
                           "nests arrays and objects deeper than " + std::to_string(kMaxConfigDepth) +
                               " levels (at byte " + std::to_string(i) + "), deeper than a redress document may");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

// A configuration document parsed: InvalidInput naming `what` for text that is not JSON or nests too deep,
// OutOfRange for a number beyond a double.
inline Json parse_config(std::string_view text, std::string_view what) {
  check_config_depth(text, what);
  try {
    return parse_json(text, what);
  } catch (const Json::out_of_range& e) {
    throw OutOfRange(std::string(what), config_snippet(text, 0, 60),
                     std::string("holds a number beyond the range of a double (") + e.what() + ")");
  } catch (const Json::exception& e) {
    throw InvalidInput(std::string(what), config_snippet(text, 0, 60),
                       std::string("is not valid JSON (") + e.what() + ")");
  }
}

}  // namespace redress::detail

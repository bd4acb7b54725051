// The first step of extraction: the input as read (UTF-8 text, Markdown-like text or an HTML page) turned into
// plain text with '\n' line breaks, and a map from every position of that text back to the input's bytes, so
// every field extracted can name the exact words it came from. Internal to the library, not installed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redress::detail {

// One place where the clean text is not a byte-for-byte copy of the input: `clean_len` bytes of clean text at
// `clean` stand for `orig_len` input bytes at `orig` (an entity, a tag, a CRLF, a curly quote, mojibake...).
// Between two such places the clean text copies the input.
struct TextJoint {
  std::size_t clean;
  std::size_t clean_len;
  std::size_t orig;
  std::size_t orig_len;
};

struct CleanText {
  std::string text;  // normalised: '\n' line breaks, straight quotes, '-' dashes, '£' restored from mojibake
  std::vector<TextJoint> joints;
  bool html = false;              // the input was an HTML page
  bool article = false;           // ... and its <article id="article"> was read
  std::size_t invalid_bytes = 0;  // bytes that were not UTF-8 (read as Windows-1252 where that makes sense)
  std::size_t control_bytes = 0;  // NUL and other control characters

  // The input byte where clean position `p` came from, and the input byte just after clean range [.., e).
  std::size_t orig_begin(std::size_t p) const;
  std::size_t orig_end(std::size_t e) const;
};

// Normalises `input`. Never throws on content; the caller decides whether it is text at all.
CleanText clean_text(std::string_view input);

// Code point offsets of sorted byte offsets of `input`: a byte that is not part of valid UTF-8 counts as one
// code point (as Python's surrogateescape decoding counts it).
std::vector<std::size_t> code_points_at(std::string_view input, const std::vector<std::size_t>& sorted_bytes);

}  // namespace redress::detail

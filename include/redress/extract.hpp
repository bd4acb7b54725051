// The extraction layer: the texts people hold (the Ombudsman's decision statements and public reports, and the
// council reports that answer them; plain text, Markdown-like text or HTML pages) read into redress.case/1 cases.
// Every field it sets carries its provenance (the exact words and where they are in the input), and whatever a
// person must check is listed for review. Matching is a hand-written single-pass scanner: linear in the input,
// no regular expressions. docs/extract.md describes what is read and the limits.
#pragma once

#include <string>
#include <string_view>

#include "redress/io.hpp"

namespace redress {

struct ExtractOptions {
  // The file name recorded in extraction.source.file ("" for text given directly).
  std::string source;
};

// The case read from `text` (UTF-8; a BOM, CRLF line ends and common mojibake are tolerated) as compact JSON text:
// a redress.case/1 case plus an "extraction" member holding "source" (file, format, layout), "offsets" (how start
// and end count), "provenance" (one entry per field set: path, text, start, end, byte_start, byte_end), "review"
// (what a person must check, each with the same location fields) and "ignored" (figures deliberately not counted,
// with the reason). The case part has been read back through read_case, so remedy, deadlines and batch take it as
// it is; the one exception is a text with no Ombudsman reference, whose case has no "reference" (a review entry
// says so). Throws InvalidInput for input that is not text (binary data) and OutOfRange past 1 GiB.
std::string extract_json(std::string_view text, const ExtractOptions& options = {});

// extract_json read through read_case: the case with the "extraction" member kept as an unknown field.
// NotComputable (field "reference") when the text gives no reference.
CaseFile extract_case(std::string_view text, const ExtractOptions& options = {});

}  // namespace redress

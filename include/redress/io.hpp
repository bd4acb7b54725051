// The io layer: the redress.case/1 case file (described field by field in docs/case-format.md) in and out. Reading
// checks every known field and names the JSON path of anything wrong; unknown fields are kept and written back, so a
// case makes a round trip without loss; a field one letter from a known one (two, for long names) is reported as a
// misspelling.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "redress/complaint.hpp"

namespace redress {

// A case as read: the model, and the document it came from (for writing unknown fields back).
struct CaseFile {
  Case value;
  std::shared_ptr<const nlohmann::json> document;  // the document as read
};

// Reads one case. Errors are InvalidInput (or OutOfRange) whose field is the JSON path ("remedy.payments[1].amount"),
// prefixed by `path` when given.
CaseFile read_case(std::string_view json, const std::string& path = "");

// The case as JSON text: the model's fields in canonical form (the reference as "21 002 722", the older finding
// wording as "fault_causing_injustice", money as decimal strings) over the document's own fields, so unknown
// fields, at any depth, pass through.
std::string write_case(const CaseFile& file);

// The report of one case as JSON: reference, authority, total, remedy (lines, warnings, audit), deadlines and
// recommendations.
std::string case_report_to_json(const Case& c, const CaseReport& report);

}  // namespace redress

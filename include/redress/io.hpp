// The io layer: the redress.case/1 case file (described field by field in docs/case-format.md; its limits in
// docs/limits.md) in and out. One reader serves every path (read_case, check_case, the batch, the Python bindings):
// it checks every known field and names the JSON path of anything wrong; unknown fields are kept and written back,
// so a case makes a round trip without loss; a field one letter from a known one (two, for long names) is reported
// as a misspelling.
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/complaint.hpp"

namespace redress {

// The limits the reader enforces (docs/limits.md); a document beyond one is refused with InvalidInput.
namespace limits {
inline constexpr std::size_t kMaxCaseBytes = std::size_t{16} << 20;  // one case (a line of a batch): 16 MiB
inline constexpr std::size_t kMaxDepth = 64;                         // arrays and objects nested in one another
inline constexpr std::size_t kMaxLostProvision = 1000;               // remedy.lost_provision periods
inline constexpr std::size_t kMaxPayments = 1000;                    // remedy.payments
inline constexpr std::size_t kMaxRecommendations = 1000;             // recommendations
inline constexpr std::size_t kMaxEvents = 10000;                     // send.events
inline constexpr std::size_t kMaxExceptions = 1000;                  // send.exceptions
// Dates a case may hold: the years the working-day calendars cover, less a margin so that every deadline computed
// from a date (the longest rules run a year forwards or back) stays inside them.
inline constexpr int kFirstCaseYear = kFirstCalendarYear + 1;  // 1991
inline constexpr int kLastCaseYear = kLastCalendarYear - 2;    // 2098
}  // namespace limits

// A case as read: the model, and the document it came from (for writing unknown fields back).
struct CaseFile {
  Case value;
  std::shared_ptr<const nlohmann::json> document;  // the document as read
};

// Reads one case. Errors are InvalidInput (or OutOfRange) whose field is the JSON path ("remedy.payments[1].amount"),
// prefixed by `path` when given. Refuses what the format refuses: invalid JSON anywhere (unknown fields too),
// duplicate keys, nesting deeper than limits::kMaxDepth, numbers beyond a double or a 64-bit integer, NUL bytes,
// content after the case, unknown event names, dates outside limits::kFirstCaseYear..kLastCaseYear.
CaseFile read_case(std::string_view json, const std::string& path = "");

// One fault found by check_case.
struct CaseFault {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  std::string kind;     // "invalid_input", "out_of_range", or for a warning "audit", "remedy", "timeline"
  std::string path;     // the JSON path ("remedy.payments[1].amount"); "" for the whole document
  std::string value;    // the value as the case gives it
  std::string message;  // the whole message: path, value and rule
};

// Every fault of a case in one pass, each with its JSON path (errors: what read_case would refuse), then, when
// there are no errors, as warnings what the remedy and deadlines would say (a stated total that disagrees with
// the lines, a final plan before its request). `as_of` closes open-ended periods (default: today).
std::vector<CaseFault> check_case(std::string_view json, std::optional<Date> as_of = std::nullopt);

// The case as JSON text: the model's fields in canonical form (the reference as "21 002 722", the older finding
// wording as "fault_causing_injustice", money as decimal strings) over the document's own fields, so unknown
// fields, at any depth, pass through.
std::string write_case(const CaseFile& file);

// The report of one case as JSON: reference, authority, total, remedy (lines, warnings, audit), deadlines and
// recommendations.
std::string case_report_to_json(const Case& c, const CaseReport& report);

}  // namespace redress

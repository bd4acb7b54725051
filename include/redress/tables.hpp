// The table-import layer: spreadsheets and statistical returns in. A column map (redress.table-map/1) says which
// column fills which field of a redress.case/1 case; a streaming reader and mapper turn a CSV file into JSON Lines,
// one line per data row, in order: a case, or {"row": N, "error": {"column", "value", "message"}}. Also the DfE's
// 20-week timeliness measures over a file of cases, with the data-quality checks the DfE describes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redress/calendar.hpp"

namespace redress {

class RuleCatalogue;

// --- CSV ------------------------------------------------------------------------------------------------------

// A streaming CSV reader (RFC 4180 quoting; LF, CRLF or CR line ends). The delimiter is sniffed from the header
// (the most frequent of , ; tab | outside quotes) unless given. The encoding is UTF-8, with or without a byte
// order mark, or Windows-1252 when the start of the file is not UTF-8 (cells are then converted to UTF-8).
// Memory is bounded by the longest row, not the file.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in, char delimiter = 0);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next row's cells; false at the end of the input. A row whose bytes are not valid in the file's encoding
  // still comes back, with encoding_error() saying so.
  bool next(std::vector<std::string>& cells);
  // The number of the row last read as a spreadsheet shows it: the header is row 1.
  std::size_t row() const noexcept;
  // "" when the row last read was well formed; otherwise what was wrong with it (bad UTF-8, an unclosed quote).
  const std::string& row_error() const noexcept;
  char delimiter() const noexcept;
  // "utf-8", "utf-8-sig" (with a byte order mark) or "windows-1252".
  const std::string& encoding() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// --- The column map -------------------------------------------------------------------------------------------

// One column's destination: a target ("authority", "event:final_plan_issued", "payment:distress",
// "remedy.lost_provision[0].rate", "column" to keep it as found), used only on rows where the column `when_column`
// holds one of `when_values` (compared case-insensitively) if `when_column` is set.
struct ColumnTarget {
  std::string target;
  std::string when_column;
  std::vector<std::string> when_values;
};

struct TableMap {
  std::string date_format = "yyyy-mm-dd";  // dd/mm/yyyy, mm/dd/yyyy, yyyy-Mon-dd, d.m.yyyy...; ISO is always read
  std::vector<std::pair<std::string, std::vector<ColumnTarget>>> columns;  // header name -> targets, in map order
  std::vector<std::pair<std::string, std::string>> constants;              // "set": target -> value on every case
  bool keep_unmapped = false;                                              // "unmapped": "keep" | "ignore"
  bool allow_duplicates = false;                                           // "duplicates": "error" | "allow"
  char delimiter = 0;                                                      // 0: sniffed

  // Reads and checks a map: the format tag, every target (unknown targets and event names outside the rule
  // catalogue are InvalidInput naming them, with the nearest known name), the date format.
  static TableMap from_json(std::string_view json, const RuleCatalogue* catalogue = nullptr);
  // A shipped preset ("sen2-requests", "annex-a-sen", ...; see presets()).
  static TableMap preset(std::string_view name);
  static std::vector<std::string> presets();
  // This map with `user`'s columns, constants and settings replacing ours where both name them.
  TableMap overridden_by(const TableMap& user) const;
  std::string to_json() const;
};

// The statistics of one import.
struct ImportStats {
  std::size_t rows = 0;    // data rows read
  std::size_t cases = 0;   // rows that became cases
  std::size_t errors = 0;  // rows that became error lines
  std::string encoding;
  char delimiter = ',';
};

// Maps rows of one table onto cases. Construction checks the header against the map: a column the map names that
// the header lacks is InvalidInput naming it (with the nearest header name).
class TableMapper {
 public:
  TableMapper(const TableMap& map, const std::vector<std::string>& header, const RuleCatalogue* catalogue = nullptr);
  ~TableMapper();
  TableMapper(TableMapper&&) noexcept;
  TableMapper& operator=(TableMapper&&) noexcept;

  // Appends one JSON line (ending in '\n') for the data row numbered `row`: a case, or an error line. Returns true
  // for a case. `row_error`, when not empty, makes the row an error line with that message.
  bool map_row(const std::vector<std::string>& cells, std::size_t row, std::string& out,
               std::string_view row_error = {});
  const ImportStats& stats() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads CSV from `in` and writes one JSON line per data row to `out`. The header's problems (a mapped column
// missing, an empty file) are InvalidInput; a bad row is an error line, never an exception.
ImportStats import_csv(std::istream& in, std::ostream& out, const TableMap& map,
                       const RuleCatalogue* catalogue = nullptr);

// --- DfE timeliness over cases ----------------------------------------------------------------------------

// A row of the DfE's "Timeliness of new EHC plans" table for one group (an authority, or "England") and calendar
// year of issue; see timeliness_columns() for the DfE's column names.
struct CaseTimelinessRow {
  std::string authority;  // "England" for the national row
  int year = 0;
  std::int64_t den = 0, within = 0, over_limit_under_year = 0, over_year = 0;
  std::int64_t den_ex = 0, within_ex = 0, over_limit_under_year_ex = 0, over_year_ex = 0;
  std::int64_t days_total = 0, days_total_ex = 0;  // for the average weeks
};

// A data-quality warning: the case (its line in the file, id or reference), the check's name and what it found.
struct QualityWarning {
  std::size_t line = 0;
  std::string case_id;
  std::string check;  // request_missing, outcome_before_request, plan_before_request, plan_over_5_years
  std::string message;
};

struct CaseTimeliness {
  std::vector<CaseTimelinessRow> rows;  // England rows first (by year), then by authority and year
  std::vector<QualityWarning> warnings;
  std::map<std::string, std::int64_t> warning_counts;  // per check, every check named (0 when none)
  std::size_t cases = 0;                               // lines read as cases
  std::size_t skipped = 0;                             // lines not cases (error lines from an import, bad JSON)
};

// The DfE's 20-week measures over a JSON Lines file of cases: a case counts when it has an
// ehc_request_received and a final_plan_issued event, in the calendar year of the plan; it is "with exceptions"
// when send.exceptions_apply is true or an exception interval overlaps the request-to-plan period. Within 20
// weeks: issued on or before the day 20 weeks after the request; over a year: more than 52 weeks.
CaseTimeliness timeliness_of_cases(std::istream& jsonl);

// The DfE's column names, in the published order, and a row's values under them (percentages and averages to
// one decimal place; "z" where the denominator is 0, as the DfE marks "not applicable").
std::vector<std::string> timeliness_columns();
std::vector<std::string> timeliness_values(const CaseTimelinessRow& row);

}  // namespace redress

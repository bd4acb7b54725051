// The batch layer: many cases, one JSON Lines file in, exactly one output line per input line out, in order:
// the case's result or an error row naming the line, the JSON path and the rule. It streams: memory does not
// grow with the file. A summary per authority adds up what is owed, what is overdue, the 20-week timeliness and
// the faults found in more than one case.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "redress/complaint.hpp"

namespace redress {

struct BatchOptions {
  Date as_of = Date(boost::gregorian::day_clock::local_day());  // statuses as of this date (default: today)
  bool detail = false;    // each result line carries the full case report (remedy lines, deadlines, ...)
  bool deadlines = true;  // evaluate deadlines and recommendations (the summary's overdue and timeliness)
  // run_batch_files only: go on from an interrupted run's unfinished output (OUTPUT.part) after its last whole
  // line, instead of starting again. The summary then counts the lines of this run only.
  bool resume = false;
  // Blocks of whole lines worked in parallel by this many threads (0: the number of cores; at most kMaxJobs, a
  // larger number being taken as kMaxJobs). The rows are written in input order and the summary is the same for
  // any number.
  static constexpr int kMaxJobs = 256;
  int jobs = 0;
  // Input bytes per block (at least; a block always ends at a line's end). Memory in use is about jobs blocks
  // and their output. Small values exist for tests.
  std::size_t block_bytes = std::size_t{1} << 20;
};

struct AuthoritySummary {
  std::string authority;
  std::int64_t cases = 0;
  std::int64_t errors = 0;
  Money total;
  std::map<std::string, Money> by_kind;
  std::int64_t recommendations_overdue = 0;
  std::int64_t deadlines_overdue = 0;                   // statutory deadlines overdue as of the date
  std::map<std::string, std::int64_t> overdue_by_rule;  // ... by rule id ("lgo.response": 2)
  std::int64_t amount_not_stated = 0;                   // cases recommending a payment whose remedy states no amount
  std::int64_t plans = 0, plans_within_20_weeks = 0;    // final plans issued, and within 20 weeks
  std::int64_t plans_ex = 0, plans_within_20_weeks_ex = 0;  // the same leaving out cases with exceptions
  // Each fault kind found: in how many cases, and the first kListedReferences of their references (a bound, so
  // that memory does not grow with the file).
  struct FaultTally {
    std::int64_t cases = 0;
    std::vector<std::string> references;
  };
  static constexpr std::size_t kListedReferences = 20;
  std::map<std::string, FaultTally> faults;
  void add_fault(const std::string& kind, const std::string& reference);
  // Fault kinds found in more than one case of this authority, with their (first) references.
  std::map<std::string, std::vector<std::string>> repeat_faults() const;
};

struct BatchSummary {
  std::int64_t resumed_after = 0;  // lines an earlier, interrupted run had finished (BatchOptions::resume)
  std::int64_t lines = 0;
  std::int64_t cases = 0;
  std::int64_t errors = 0;
  std::vector<AuthoritySummary> authorities;  // by name
  std::string to_text() const;
  std::string to_json() const;
};

// Reads JSON Lines from `in` and writes one line to `out` for each, and a CSV row to `csv` if given. A line ends at
// LF; one CR before it is dropped. A stream that fails to write is an Error naming it ("output" or "csv").
BatchSummary run_batch(std::istream& in, std::ostream& out, const BatchOptions& options, std::ostream* csv = nullptr);

// The same over files. Each output that is a file (through a symbolic link: the link's target) is written to a
// temporary file beside it (OUTPUT.part) and renamed into place only when the whole run has been written, so a
// file under the output's name is always a finished run; a write that fails (a full disk) is an Error naming the
// file and the system's reason, and leaves the file as it was. A device, a pipe or a name under /dev or /proc
// (/dev/stdout) is written in place, appended to; options.resume then starts again from the first line.
// Refuses (InvalidInput) a directory as input, an output that is the input file, the same file for the output
// and the CSV.
BatchSummary run_batch_files(const std::string& input, const std::string& output, const BatchOptions& options,
                             const std::string& csv = {});

}  // namespace redress

#include "redress/batch.hpp"

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string_view>

#include "detail/fast_remedy.hpp"
#include "detail/json_read.hpp"
#include "redress/error.hpp"
#include "redress/io.hpp"

namespace redress {

using detail::Json;

void AuthoritySummary::add_fault(const std::string& kind, const std::string& reference) {
  FaultTally& tally = faults[kind];
  ++tally.cases;
  if (tally.references.size() < kListedReferences) tally.references.push_back(reference);
}

std::map<std::string, std::vector<std::string>> AuthoritySummary::repeat_faults() const {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [kind, tally] : faults) {
    if (tally.cases > 1) out[kind] = tally.references;
  }
  return out;
}

namespace {

// Text that may hold bytes that are not UTF-8 (a bad input line) is written with them replaced, never refused.
std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// `s` with any byte sequence that is not UTF-8 replaced by U+FFFD, so that the CSV stays UTF-8.
std::string utf8_clean(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string csv_field(const std::string& raw) {
  const std::string s = utf8_clean(raw);
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string error_kind(const Error& e) {
  if (dynamic_cast<const InvalidInput*>(&e) != nullptr) return "invalid_input";
  if (dynamic_cast<const NotComputable*>(&e) != nullptr) return "not_computable";
  if (dynamic_cast<const OutOfRange*>(&e) != nullptr) return "out_of_range";
  return "error";
}

// The authority named on a line that failed, if the line is JSON enough to say.
std::string authority_of(const std::string& line) {
  try {
    Json doc = Json::parse(line);
    if (doc.is_object() && doc.contains("authority") && doc["authority"].is_string()) {
      return doc["authority"].get<std::string>();
    }
  } catch (const std::exception&) {
  }
  return "(unknown)";
}

}  // namespace

namespace {

// Lines from a stream, read in large blocks and found with memchr rather than one getline at a time. Each line
// is followed in memory by at least kPadding readable bytes, as simdjson needs.
class LineReader {
 public:
  static constexpr std::size_t kPadding = 64;

  explicit LineReader(std::istream& in) : in_(in), buf_(std::size_t{1} << 20) {}

  // The next line without its newline, and how many bytes may be read from its start.
  bool next(std::string_view& line, std::size_t& capacity) {
    for (;;) {
      const char* start = buf_.data() + begin_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
      if (newline != nullptr || (eof_ && begin_ < end_)) {
        const std::size_t length = newline != nullptr ? static_cast<std::size_t>(newline - start) : end_ - begin_;
        line = std::string_view(start, length);
        capacity = buf_.size() - begin_;
        begin_ += length + (newline != nullptr ? 1 : 0);
        return true;
      }
      if (eof_) return false;
      std::memmove(buf_.data(), start, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
      if (buf_.size() - end_ < kPadding + 4096) buf_.resize(buf_.size() * 2);  // a line longer than the buffer
      in_.read(buf_.data() + end_, static_cast<std::streamsize>(buf_.size() - end_ - kPadding));
      const auto got = static_cast<std::size_t>(in_.gcount());
      end_ += got;
      if (got == 0) eof_ = true;
    }
  }

 private:
  std::istream& in_;
  std::vector<char> buf_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
};

// Digits of a non-negative number, without a temporary string.
void append_number(std::string& out, std::uint64_t v) {
  char digits[20];
  int i = 0;
  do {
    digits[i++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (i > 0) out += digits[--i];
}

// A result's CSV row: line, reference, authority, total and empty error columns.
void append_csv_result(std::string& out, std::int64_t n, const std::string& reference, const std::string& authority,
                       Money total) {
  out +=
      std::to_string(n) + ',' + csv_field(reference) + ',' + csv_field(authority) + ',' + total.to_decimal() + ",,\n";
}

void append_row(std::string& out, std::int64_t n, const std::string& reference, const std::string& authority,
                Money total, const std::string& id = {}) {
  out += "{\"line\":";
  append_number(out, static_cast<std::uint64_t>(n));
  out += ",\"reference\":";
  if (reference.empty() && !id.empty()) {
    out += "null";
  } else {
    detail::append_json_string(out, reference);
  }
  if (!id.empty()) {
    out += ",\"id\":";
    detail::append_json_string(out, id);
  }
  out += ",\"authority\":";
  detail::append_json_string(out, authority);
  out += ",\"total\":\"";
  // Money::to_decimal's text, written in place.
  const std::int64_t pence = total.pence();
  if (pence < 0) out += '-';
  const std::uint64_t magnitude =
      pence < 0 ? static_cast<std::uint64_t>(-(pence + 1)) + 1 : static_cast<std::uint64_t>(pence);
  append_number(out, magnitude / 100);
  out += '.';
  out += static_cast<char>('0' + magnitude % 100 / 10);
  out += static_cast<char>('0' + magnitude % 10);
  out += "\"}\n";
}

}  // namespace

BatchSummary run_batch(std::istream& in, std::ostream& out, const BatchOptions& options, std::ostream* csv) {
  BatchSummary summary;
  std::map<std::string, AuthoritySummary> by_authority;
  if (csv != nullptr) *csv << "line,reference,authority,total,error_path,error\n";
  CaseOptions case_options;
  case_options.as_of = options.as_of;
  case_options.deadlines = options.deadlines;
  // Remedy-only rows can take the fast path; it hands anything unusual back to the full reader.
  std::unique_ptr<detail::FastRemedyReader> fast;
  if (!options.detail && !options.deadlines) fast = std::make_unique<detail::FastRemedyReader>();
  detail::FastCase quick;
  AuthoritySummary* last = nullptr;  // the authority of the previous fast row: batches are often sorted by it
  std::map<const AuthoritySummary*, std::array<AuthoritySummary::FaultTally*, 12>> fault_tallies;
  std::string buffer, csv_buffer;
  auto flush = [&](bool always) {
    if (always || buffer.size() > (std::size_t{1} << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
      if (csv != nullptr) {
        csv->write(csv_buffer.data(), static_cast<std::streamsize>(csv_buffer.size()));
        csv_buffer.clear();
      }
    }
  };
  LineReader reader(in);
  std::string_view line;
  std::size_t capacity = 0;
  while (reader.next(line, capacity)) {
    ++summary.lines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::int64_t n = summary.lines;
    if (fast && fast->read(line.data(), line.size(), capacity, quick)) {
      if (last == nullptr || last->authority != quick.authority) {
        last = &by_authority[quick.authority];
        last->authority = quick.authority;
      }
      AuthoritySummary& a = *last;
      ++a.cases;
      ++summary.cases;
      a.total += quick.total;
      for (std::size_t k = 0; k < detail::kKindSlots; ++k) {
        if (quick.has_kind[k]) a.by_kind[detail::kind_slot_name(k)] += quick.by_kind[k];
      }
      if (!quick.faults.empty()) {
        // Tallies found by fault index once per authority, not by name for every case.
        auto& tallies = fault_tallies[&a];
        for (std::size_t f : quick.faults) {
          if (tallies[f] == nullptr) tallies[f] = &a.faults[fault_kinds()[f]];
          AuthoritySummary::FaultTally& tally = *tallies[f];
          ++tally.cases;
          if (tally.references.size() < AuthoritySummary::kListedReferences)
            tally.references.push_back(quick.reference);
        }
      }
      append_row(buffer, n, quick.reference, quick.authority, quick.total);
      if (csv != nullptr) append_csv_result(csv_buffer, n, quick.reference, quick.authority, quick.total);
      flush(false);
      continue;
    }
    try {
      if (line.find_first_not_of(" \t") == std::string_view::npos) {
        throw InvalidInput("line", "", "is blank: each line must hold one case");
      }
      CaseFile file = read_case(line);
      const Case& c = file.value;
      CaseReport report = evaluate_case(c, case_options);
      AuthoritySummary& a = by_authority[c.authority];
      a.authority = c.authority;
      ++a.cases;
      ++summary.cases;
      const std::string reference = c.reference ? c.reference->str() : "";
      if (report.remedy) {
        a.total += report.remedy->total;
        for (const auto& [kind, amount] : report.remedy->by_kind) a.by_kind[kind] += amount;
      }
      a.recommendations_overdue += report.recommendations_overdue;
      for (const Deadline& d : report.deadlines) {
        a.deadlines_overdue += d.status == DeadlineStatus::overdue;
        if (d.rule != "ehc.final_plan" || !d.met) continue;
        const bool within = d.status == DeadlineStatus::met_on_time;
        ++a.plans;
        a.plans_within_20_weeks += within;
        if (d.exceptions.empty() && c.exceptions_apply != true) {  // exceptions dated, or recorded as applying
          ++a.plans_ex;
          a.plans_within_20_weeks_ex += within;
        }
      }
      for (const std::string& f : c.faults) a.add_fault(f, c.name());
      const Money total = report.remedy ? report.remedy->total : Money();
      if (options.detail) {
        Json row = Json::parse(case_report_to_json(c, report));
        row["line"] = n;
        buffer += dump(row);
        buffer += '\n';
      } else {
        append_row(buffer, n, reference, c.authority, total, c.id);
      }
      if (csv != nullptr) append_csv_result(csv_buffer, n, c.name(), c.authority, total);
    } catch (const Error& e) {
      ++summary.errors;
      const std::string who = authority_of(std::string(line));
      AuthoritySummary& a = by_authority[who];
      a.authority = who;
      ++a.errors;
      buffer +=
          dump(Json{{"line", n}, {"error", {{"path", e.field()}, {"message", e.what()}, {"kind", error_kind(e)}}}});
      buffer += '\n';
      if (csv != nullptr) {
        csv_buffer += std::to_string(n) + ",,,," + csv_field(e.field()) + ',' + csv_field(e.what()) + '\n';
      }
    } catch (const std::exception& e) {
      // Anything else (a JSON value too deep, a number nlohmann cannot hold) is still one named error row.
      ++summary.errors;
      ++by_authority["(unknown)"].errors;
      by_authority["(unknown)"].authority = "(unknown)";
      buffer += dump(Json{{"line", n}, {"error", {{"path", ""}, {"message", e.what()}, {"kind", "error"}}}});
      buffer += '\n';
      if (csv != nullptr) csv_buffer += std::to_string(n) + ",,,,," + csv_field(e.what()) + '\n';
    }
    flush(false);
  }
  flush(true);
  for (auto& [name, a] : by_authority) summary.authorities.push_back(std::move(a));
  return summary;
}

BatchSummary run_batch_files(const std::string& input, const std::string& output, const BatchOptions& options,
                             const std::string& csv) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const std::string& target : {output, csv}) {
    if (!target.empty() && fs::exists(target, ec) && fs::equivalent(input, target, ec)) {
      throw InvalidInput("output", target, "is the input file: the batch never writes over its input");
    }
  }
  std::ifstream in(input, std::ios::binary);
  if (!in) throw InvalidInput("input", input, "cannot be opened for reading");
  std::ofstream out(output, std::ios::binary);
  if (!out) throw InvalidInput("output", output, "cannot be opened for writing");
  std::ofstream csv_out;
  if (!csv.empty()) {
    csv_out.open(csv, std::ios::binary);
    if (!csv_out) throw InvalidInput("csv", csv, "cannot be opened for writing");
  }
  return run_batch(in, out, options, csv.empty() ? nullptr : &csv_out);
}

std::string BatchSummary::to_json() const {
  Json list = Json::array();
  for (const AuthoritySummary& a : authorities) {
    Json by_kind = Json::object();
    for (const auto& [k, v] : a.by_kind) by_kind[k] = v.to_decimal();
    Json repeats = Json::object(), repeat_cases = Json::object();
    for (const auto& [k, refs] : a.repeat_faults()) {
      repeats[k] = refs;
      repeat_cases[k] = a.faults.at(k).cases;
    }
    auto rate = [](std::int64_t part, std::int64_t whole) {
      return whole == 0 ? Json(nullptr) : Json(100.0 * static_cast<double>(part) / static_cast<double>(whole));
    };
    list.push_back({{"authority", a.authority},
                    {"cases", a.cases},
                    {"errors", a.errors},
                    {"total", a.total.to_decimal()},
                    {"by_kind", by_kind},
                    {"recommendations_overdue", a.recommendations_overdue},
                    {"deadlines_overdue", a.deadlines_overdue},
                    {"plans_issued", a.plans},
                    {"plans_within_20_weeks", a.plans_within_20_weeks},
                    {"pc_within_20_weeks", rate(a.plans_within_20_weeks, a.plans)},
                    {"pc_within_20_weeks_ex", rate(a.plans_within_20_weeks_ex, a.plans_ex)},
                    {"repeat_faults", repeats},
                    {"repeat_fault_cases", repeat_cases}});
  }
  return dump(Json{{"lines", lines}, {"cases", cases}, {"errors", errors}, {"authorities", list}});
}

std::string BatchSummary::to_text() const {
  std::ostringstream s;
  s << lines << " lines: " << cases << " cases, " << errors << " errors\n";
  for (const AuthoritySummary& a : authorities) {
    s << "\n"
      << (a.authority.empty() ? "(no authority)" : a.authority) << ": " << a.cases << " cases, " << a.errors
      << " errors, " << a.total.format() << " owed\n";
    for (const auto& [k, v] : a.by_kind) s << "  " << k << ": " << v.format() << "\n";
    s << "  recommendations overdue: " << a.recommendations_overdue
      << "; statutory deadlines overdue: " << a.deadlines_overdue << "\n";
    if (a.plans > 0) {
      s << "  final EHC plans within 20 weeks: " << a.plans_within_20_weeks << " of " << a.plans << "\n";
    }
    for (const auto& [k, refs] : a.repeat_faults()) {
      const std::int64_t found = a.faults.at(k).cases;
      s << "  repeat fault " << k << " in " << found << " cases:";
      for (const std::string& r : refs) s << " " << r;
      if (found > static_cast<std::int64_t>(refs.size())) s << " ...";
      s << "\n";
    }
  }
  return s.str();
}

}  // namespace redress

#include "redress/batch.hpp"

#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>

#include "detail/json_read.hpp"
#include "redress/error.hpp"
#include "redress/io.hpp"

namespace redress {

using detail::Json;

std::map<std::string, std::vector<std::string>> AuthoritySummary::repeat_faults() const {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [kind, refs] : faults) {
    if (refs.size() > 1) out[kind] = refs;
  }
  return out;
}

namespace {

// Text that may hold bytes that are not UTF-8 (a bad input line) is written with them replaced, never refused.
std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string csv_field(const std::string& s) {
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

BatchSummary run_batch(std::istream& in, std::ostream& out, const BatchOptions& options, std::ostream* csv) {
  BatchSummary summary;
  std::map<std::string, AuthoritySummary> by_authority;
  if (csv != nullptr) *csv << "line,reference,authority,total,error_path,error\n";
  std::string line;
  CaseOptions case_options;
  case_options.as_of = options.as_of;
  case_options.deadlines = options.deadlines;
  while (std::getline(in, line)) {
    ++summary.lines;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::int64_t n = summary.lines;
    try {
      if (line.find_first_not_of(" \t") == std::string::npos) {
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
        if (d.exceptions.empty()) {
          ++a.plans_ex;
          a.plans_within_20_weeks_ex += within;
        }
      }
      for (const std::string& f : c.faults) a.faults[f].push_back(reference);
      const Money total = report.remedy ? report.remedy->total : Money();
      if (options.detail) {
        Json row = Json::parse(case_report_to_json(c, report));
        row["line"] = n;
        out << dump(row) << '\n';
      } else {
        // The common row, written directly: building a JSON value for four fields costs more than the case.
        out << "{\"line\":" << n << ",\"reference\":\"" << reference << "\",\"authority\":" << dump(Json(c.authority))
            << ",\"total\":\"" << total.to_decimal() << "\"}\n";
      }
      if (csv != nullptr) {
        *csv << n << ',' << csv_field(reference) << ',' << csv_field(c.authority) << ',' << total.to_decimal()
             << ",,\n";
      }
    } catch (const Error& e) {
      ++summary.errors;
      AuthoritySummary& a = by_authority[authority_of(line)];
      a.authority = authority_of(line);
      ++a.errors;
      out << dump(Json{{"line", n}, {"error", {{"path", e.field()}, {"message", e.what()}, {"kind", error_kind(e)}}}})
          << '\n';
      if (csv != nullptr) *csv << n << ",,,," << csv_field(e.field()) << ',' << csv_field(e.what()) << '\n';
    } catch (const std::exception& e) {
      // Anything else (a JSON value too deep, a number nlohmann cannot hold) is still one named error row.
      ++summary.errors;
      ++by_authority["(unknown)"].errors;
      by_authority["(unknown)"].authority = "(unknown)";
      out << dump(Json{{"line", n}, {"error", {{"path", ""}, {"message", e.what()}, {"kind", "error"}}}}) << '\n';
      if (csv != nullptr) *csv << n << ",,,,," << csv_field(e.what()) << '\n';
    }
  }
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
    Json repeats = Json::object();
    for (const auto& [k, refs] : a.repeat_faults()) repeats[k] = refs;
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
                    {"repeat_faults", repeats}});
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
      s << "  repeat fault " << k << " in " << refs.size() << " cases:";
      for (const std::string& r : refs) s << " " << r;
      s << "\n";
    }
  }
  return s.str();
}

}  // namespace redress

// Where a batch case's time goes, stage by stage, on one core: the same JSON Lines file (held in memory) read
// line by line
//   1. simdjson's DOM parse alone,
//   2. the DOM parse and a visit to every key and value, with no check and nothing kept: the floor of any reader
//      that, as the case format requires, refuses invalid JSON anywhere in the line and reads every field,
//   3. simdjson On-Demand visiting every key and value (strings unescaped, numbers parsed): the same floor with
//      the other simdjson interface, which validates a value only when it is visited,
//   4. redress's case reader (the parse, every check of the case format, the Case filled),
//   5. the reader and the evaluation the default batch does (remedy figures, deadlines, recommendations),
//   6. the whole batch (run_batch over the same bytes, rows written to memory, the summary per authority),
// each the median of five runs, interleaved, so that the ratios come from one machine state.
//
//   python bench/generate_cases.py --n 200000 -o build/cases-200k.jsonl
//   ./build/release/bench/redress_bench_stages build/cases-200k.jsonl
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "detail/evaluate.hpp"
#include "detail/json_read.hpp"
#include "redress/batch.hpp"

namespace {

// The lines of `text`, each with at least 64 readable bytes after it (the file's own next bytes, or the padding).
std::vector<std::string_view> lines_of(const std::string& text, std::size_t padded_end) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < padded_end;) {
    const char* start = text.data() + at;
    const auto* lf = static_cast<const char*>(std::memchr(start, '\n', padded_end - at));
    const std::size_t length = lf != nullptr ? static_cast<std::size_t>(lf - start) : padded_end - at;
    if (length > 0) lines.emplace_back(start, length);
    at += length + 1;
  }
  return lines;
}

// Every key and value under `e`, visited and dropped: what a reader of the whole line cannot do without.
void visit(simdjson::dom::element e, std::size_t& sink) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT:
      for (simdjson::dom::key_value_pair kv : simdjson::dom::object(e)) {
        sink += kv.key.size();
        visit(kv.value, sink);
      }
      break;
    case simdjson::dom::element_type::ARRAY:
      for (simdjson::dom::element item : simdjson::dom::array(e)) visit(item, sink);
      break;
    case simdjson::dom::element_type::STRING: sink += std::string_view(e).size(); break;
    default: ++sink;
  }
}

// The same with On-Demand, which checks a value as it is visited: false on any error.
bool visit(simdjson::ondemand::value v, std::size_t& sink);
bool visit(simdjson::ondemand::object o, std::size_t& sink) {
  for (auto field : o) {
    std::string_view key;
    simdjson::ondemand::value value;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS || field.value().get(value) != simdjson::SUCCESS) {
      return false;
    }
    sink += key.size();
    if (!visit(value, sink)) return false;
  }
  return true;
}
bool visit(simdjson::ondemand::value v, std::size_t& sink) {
  simdjson::ondemand::json_type type;
  if (v.type().get(type) != simdjson::SUCCESS) return false;
  switch (type) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object o;
      return v.get_object().get(o) == simdjson::SUCCESS && visit(o, sink);
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array a;
      if (v.get_array().get(a) != simdjson::SUCCESS) return false;
      for (auto item : a) {
        simdjson::ondemand::value x;
        if (item.get(x) != simdjson::SUCCESS || !visit(x, sink)) return false;
      }
      return true;
    }
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      if (v.get_string().get(text) != simdjson::SUCCESS) return false;
      sink += text.size();
      return true;
    }
    case simdjson::ondemand::json_type::number: {
      double d = 0;
      if (v.get_double().get(d) != simdjson::SUCCESS) return false;
      sink += d > 0;
      return true;
    }
    case simdjson::ondemand::json_type::boolean: {
      bool b = false;
      if (v.get_bool().get(b) != simdjson::SUCCESS) return false;
      sink += b;
      return true;
    }
    default: {
      bool null = false;
      return v.is_null().get(null) == simdjson::SUCCESS && null;
    }
  }
}

double seconds(const std::function<void()>& f) {
  const auto t = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CASES.jsonl\n", argv[0]);
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const std::size_t size = text.size();
  text.append(redress::detail::CaseReader::kPadding, ' ');
  const std::vector<std::string_view> lines = lines_of(text, size);
  const auto capacity = [&](std::string_view line) {
    return static_cast<std::size_t>(text.data() + text.size() - line.data());
  };

  redress::CaseOptions options;
  options.as_of = redress::Date(2026, 11, 22);
  std::size_t sink = 0;
  const std::vector<std::pair<const char*, std::function<void()>>> stages = {
      {"simdjson DOM parse only",
       [&] {
         simdjson::dom::parser parser;
         for (std::string_view line : lines) {
           simdjson::dom::element root;
           if (parser.parse(line.data(), line.size(), false).get(root) == simdjson::SUCCESS) ++sink;
         }
       }},
      {"DOM parse, every value visited",
       [&] {
         simdjson::dom::parser parser;
         for (std::string_view line : lines) {
           simdjson::dom::element root;
           if (parser.parse(line.data(), line.size(), false).get(root) == simdjson::SUCCESS) visit(root, sink);
         }
       }},
      {"On-Demand, every value visited",
       [&] {
         simdjson::ondemand::parser parser;
         for (std::string_view line : lines) {
           simdjson::ondemand::document doc;
           simdjson::ondemand::object root;
           if (parser.iterate(line.data(), line.size(), capacity(line)).get(doc) == simdjson::SUCCESS &&
               doc.get_object().get(root) == simdjson::SUCCESS && visit(root, sink) && doc.at_end()) {
             ++sink;
           }
         }
       }},
      {"case reader (parse, checks, Case)",
       [&] {
         redress::detail::CaseReader reader;
         redress::Case c;
         for (std::string_view line : lines) {
           try {
             reader.read(line, capacity(line), c);
             ++sink;
           } catch (const redress::Error&) {
           }
         }
       }},
      {"reader + evaluation",
       [&] {
         redress::detail::CaseReader reader;
         redress::Case c;
         redress::detail::RemedyFigures figures;
         std::vector<redress::Deadline> deadlines;
         for (std::string_view line : lines) {
           try {
             reader.read(line, capacity(line), c);
             redress::detail::evaluate_case(c, options, false, &figures, &deadlines);
             sink += static_cast<std::size_t>(figures.total.pence() & 1);
           } catch (const redress::Error&) {
           }
         }
       }},
      {"whole batch (rows to memory)",
       [&] {
         std::istringstream in(text.substr(0, size));
         std::ostringstream out;
         redress::BatchOptions batch;
         batch.as_of = options.as_of;
         batch.jobs = 1;
         sink += static_cast<std::size_t>(redress::run_batch(in, out, batch).cases);
       }},
  };
  constexpr int kRepeat = 5;
  std::vector<std::vector<double>> times(stages.size());
  for (int r = 0; r < kRepeat; ++r) {
    for (std::size_t s = 0; s < stages.size(); ++s) times[s].push_back(seconds(stages[s].second));
  }
  std::printf("%s: %zu lines, one core, median of %d interleaved runs\n", argv[1], lines.size(), kRepeat);
  double whole = 0;
  std::vector<double> median(stages.size());
  for (std::size_t s = 0; s < stages.size(); ++s) {
    std::sort(times[s].begin(), times[s].end());
    median[s] = times[s][kRepeat / 2];
  }
  whole = median.back();
  for (std::size_t s = 0; s < stages.size(); ++s) {
    const double per_case_us = median[s] * 1e6 / static_cast<double>(lines.size());
    std::printf("  %-36s %7.3f s  %10.0f cases/s  %5.2f us a case  %3.0f%% of the whole batch\n", stages[s].first,
                median[s], static_cast<double>(lines.size()) / median[s], per_case_us, 100.0 * median[s] / whole);
  }
  return sink == 0 ? 1 : 0;
}

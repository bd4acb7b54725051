#include "detail/json_read.hpp"

#include "detail/evaluate.hpp"
#include "detail/name_index.hpp"
#include "detail/names.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "redress/deadlines.hpp"

namespace redress::detail {

Json parse_json(std::string_view text, std::string_view what) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    std::string snippet(text.substr(0, 60));
    throw InvalidInput(std::string(what), snippet, std::string("is not valid JSON (") + e.what() + ")");
  }  // nlohmann's other errors (a number beyond a double) are for parse_config to name
}

std::string show(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

void require_object(const Json& value, const std::string& path) {
  if (!value.is_object()) throw InvalidInput(path.empty() ? "document" : path, show(value), "must be a JSON object");
}

const Json& require(const Json& object, std::string_view key, const std::string& path) {
  require_object(object, path);
  auto it = object.find(key);
  if (it == object.end()) throw InvalidInput(join(path, key), "", "is required but missing");
  return *it;
}

std::string require_string(const Json& object, std::string_view key, const std::string& path) {
  const Json& value = require(object, key, path);
  if (!value.is_string()) throw InvalidInput(join(path, key), show(value), "must be a string");
  return value.get<std::string>();
}

std::string optional_string(const Json& object, std::string_view key, const std::string& path, std::string fallback) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw InvalidInput(join(path, key), show(*it), "must be a string");
  return it->get<std::string>();
}

bool optional_bool(const Json& object, std::string_view key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) throw InvalidInput(join(path, key), show(*it), "must be true or false");
  return it->get<bool>();
}

Date require_date(const Json& object, std::string_view key, const std::string& path) {
  return parse_date(require_string(object, key, path), join(path, key));
}

const Json& require_array(const Json& object, std::string_view key, const std::string& path) {
  const Json& value = require(object, key, path);
  if (!value.is_array()) throw InvalidInput(join(path, key), show(value), "must be a JSON array");
  return value;
}

void require_format(const Json& object, std::string_view expected) {
  std::string format = require_string(object, "format", "");
  if (format != expected) {
    throw InvalidInput("format", format, "is not the expected format \"" + std::string(expected) + "\"");
  }
}

Money money_at(const Json& value, const std::string& path) {
  if (value.is_string()) {
    try {
      return Money::parse(value.get<std::string>());
    } catch (const InvalidInput& e) {
      throw InvalidInput(path, value.get<std::string>(), e.rule());
    } catch (const OutOfRange& e) {
      throw OutOfRange(path, value.get<std::string>(), e.rule());
    }
  }
  if (value.is_number()) {
    // nlohmann writes a number back in its shortest round-trip form, so 2907.69 reads as "2907.69" and 1.005
    // as "1.005", which Money then refuses: the two-decimal rule holds for JSON numbers too.
    const std::string text = value.dump();
    try {
      return Money::parse(text);
    } catch (const InvalidInput& e) {
      throw InvalidInput(path, text, e.rule());
    } catch (const OutOfRange& e) {
      throw OutOfRange(path, text, e.rule());
    }
  }
  throw InvalidInput(path, detail::show(value), "must be money: a decimal string such as \"600\" or a number");
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Unknown fields pass through, but one within two edits of a known field is almost surely a misspelling.
void check_fields(const Json& object, std::initializer_list<const char*> known, const std::string& path,
                  std::string_view document) {
  for (const auto& [key, value] : object.items()) {
    if (std::any_of(known.begin(), known.end(), [&key = key](const char* k) { return key == k; })) continue;
    // An unknown field passes through, unless it is a misspelling of a known one.
    const auto closest =
        misspelling_of(key, known.begin(), known.end(), [](const char* k) { return std::string_view(k); });
    if (closest && key.size() > 2) {
      throw InvalidInput(
          detail::join(path, key), detail::show(value),
          "is not a field of " + std::string(document) + ": did you mean \"" + std::string(*closest) + "\"?");
    }
  }
}

}  // namespace redress::detail

// --- The case reader ------------------------------------------------------------------------------------------

namespace redress::detail {

void append_json_string(std::string& out, std::string_view text) {
  static const char* const hex = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // the start of the run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[u >> 4];
        out += hex[u & 0xF];
    }
  }
  out.append(text.substr(plain));
  out += '"';
}

namespace {

namespace dom = simdjson::dom;
using Element = dom::element;
using Type = dom::element_type;

const char* const kDateNames[] = {"first_aware", "complaint_to_council", "complaint_to_ombudsman", "final_decision",
                                  "report_received"};
const char* const kExceptionTypes[] = {"school_closure", "exceptional_personal_circumstances", "absent_from_area",
                                       "missed_appointment", "coronavirus"};

// The event names a case may use: every event the rule catalogue names, and the case's own date names.
const std::set<std::string, std::less<>>& event_names() {
  static const std::set<std::string, std::less<>> names = [] {
    std::set<std::string, std::less<>> out(std::begin(kDateNames), std::end(kDateNames));
    for (const Rule& r : RuleCatalogue::standard().rules()) {
      for (const auto* list : {&r.start_events, &r.met_by, &r.requires_events, &r.implied_by, &r.superseded_by}) {
        out.insert(list->begin(), list->end());
      }
      if (r.alternative) out.insert(r.alternative->event);
    }
    return out;
  }();
  return names;
}

// Whether `name` is one of event_names(), looked up for every event of every case.
bool is_event_name(std::string_view name) {
  static const NameIndex names = [] {
    NameIndex out;
    for (const std::string& n : event_names()) out.add(n);
    return out;
  }();
  return names.find(name) != NameIndex::kNone;
}

std::string parse_failure(simdjson::error_code code) {
  switch (code) {
    case simdjson::DEPTH_ERROR:
      return "nests arrays and objects deeper than " + std::to_string(limits::kMaxDepth) +
             " levels, the case format's limit";
    case simdjson::NUMBER_ERROR:
      return "is not valid JSON: it holds a number that is malformed or out of range (a number must fit a double, "
             "an integer 64 bits)";
    case simdjson::UTF8_ERROR: return "is not UTF-8: a case file is UTF-8 JSON";
    case simdjson::UNESCAPED_CHARS: return "is not valid JSON: a string holds a control character that is not escaped";
    case simdjson::STRING_ERROR: return "is not valid JSON: a string holds a bad escape";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "is not valid JSON: a word that is not true, false or null";
    case simdjson::EMPTY: return "is empty: a case is one JSON object";
    case simdjson::CAPACITY:
      return "is longer than " + std::to_string(limits::kMaxCaseBytes >> 20) + " MiB, the case format's limit";
    case simdjson::UNCLOSED_STRING: return "is not valid JSON: a string is not closed";
    default: return "is not valid JSON: missing or extra commas, colons or brackets, or something after the case";
  }
}

// Where a document that simdjson refused goes wrong: a small scanner, run only on refused documents, that walks
// the text with an explicit stack (no recursion) and names the JSON path of the first value that is not valid
// JSON, with that value and the rule. Returns false when it finds nothing to name (simdjson's word then stands).
struct Located {
  std::string path, value, rule;
};

bool locate(std::string_view t, const std::string& prefix, Located& out) {
  struct Frame {
    bool object;
    std::string key;
    std::size_t index;
  };
  std::vector<Frame> stack;
  std::size_t i = 0;
  auto path = [&] {
    std::string p = prefix;
    for (const Frame& f : stack) {
      if (f.object) {
        if (!p.empty()) p += '.';
        p += f.key;
      } else {
        p += "[" + std::to_string(f.index) + "]";
      }
    }
    return p;
  };
  auto fail = [&](std::size_t from, std::string rule) {
    out.path = path();
    const std::size_t end = std::min(t.size(), from + 40);
    out.value = std::string(t.substr(from, end - from));
    out.rule = std::move(rule);
    return true;
  };
  auto ws = [&] {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
  };
  // A string from t[i] == '"'; false when it is bad (with `out` filled).
  auto string = [&](std::string* text) {
    const std::size_t from = i++;
    while (i < t.size() && t[i] != '"') {
      const auto c = static_cast<unsigned char>(t[i]);
      if (c < 0x20) return !fail(from, "is a string holding a control character that is not escaped");
      if (c == '\\') {
        if (i + 1 >= t.size()) break;
        const char e = t[i + 1];
        if (e == 'u') {
          bool hex = i + 5 < t.size();
          for (std::size_t k = 2; hex && k < 6; ++k) hex = std::isxdigit(static_cast<unsigned char>(t[i + k])) != 0;
          if (!hex) return !fail(from, "is a string holding a bad \\u escape");
          i += 6;
          continue;
        }
        if (std::strchr("\"\\/bfnrt", e) == nullptr || e == '\0') {
          return !fail(from, "is a string holding a bad escape");
        }
        i += 2;
        continue;
      }
      ++i;
    }
    if (i >= t.size()) return !fail(from, "is a string that is not closed");
    if (text != nullptr) *text = std::string(t.substr(from + 1, i - from - 1));
    ++i;
    return true;
  };
  auto number = [&] {
    const std::size_t from = i;
    if (t[i] == '-') ++i;
    const std::size_t digits = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    const std::size_t int_digits = i - digits;
    bool integer = true;
    if (int_digits == 0 || (int_digits > 1 && t[digits] == '0')) return !fail(from, "is not a JSON number");
    if (i < t.size() && t[i] == '.') {
      integer = false;
      const std::size_t f = ++i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      if (i == f) return !fail(from, "is not a JSON number");
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
      integer = false;
      ++i;
      if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
      const std::size_t f = i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      if (i == f) return !fail(from, "is not a JSON number");
    }
    const std::string text(t.substr(from, i - from));
    const std::string rule = "is a number beyond the range a case may hold (a double, or an integer of 64 bits)";
    if (integer) {
      if (text[0] == '-') {
        std::int64_t v = 0;
        if (std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc()) return !fail(from, rule);
      } else {
        std::uint64_t v = 0;
        if (std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc()) return !fail(from, rule);
      }
    } else {
      const double v = std::strtod(text.c_str(), nullptr);
      if (!(v > -1.7976931348623157e308 && v < 1.7976931348623157e308)) return !fail(from, rule);
    }
    return true;
  };
  enum class Next { value, after_value };
  Next next = Next::value;
  ws();
  for (;;) {
    ws();
    if (next == Next::value) {
      if (i >= t.size()) return fail(i, "is not valid JSON: the document ends where a value should be");
      const char c = t[i];
      if (c == '{' || c == '[') {
        if (stack.size() >= limits::kMaxDepth) {
          return fail(i, "nests arrays and objects deeper than " + std::to_string(limits::kMaxDepth) +
                             " levels, the case format's limit");
        }
        ++i;
        ws();
        if (i < t.size() && t[i] == (c == '{' ? '}' : ']')) {
          ++i;
          next = Next::after_value;
          continue;
        }
        stack.push_back({c == '{', {}, 0});
        if (c == '{') {
          if (i >= t.size() || t[i] != '"') return fail(i, "is not valid JSON: an object's key must be a string");
          if (!string(&stack.back().key)) return true;
          ws();
          if (i >= t.size() || t[i] != ':') return fail(i, "is not valid JSON: a key must be followed by a colon");
          ++i;
        }
        continue;
      }
      if (c == '"') {
        if (!string(nullptr)) return true;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (!number()) return true;
      } else if (t.substr(i, 4) == "true" || t.substr(i, 4) == "null") {
        i += 4;
      } else if (t.substr(i, 5) == "false") {
        i += 5;
      } else {
        return fail(i, "is not a JSON value");
      }
      next = Next::after_value;
      continue;
    }
    if (stack.empty()) {
      if (i < t.size()) return fail(i, "is content after the case: a line holds one JSON value");
      return false;
    }
    Frame& f = stack.back();
    if (i < t.size() && t[i] == ',') {
      ++i;
      ws();
      if (f.object) {
        if (i >= t.size() || t[i] != '"') return fail(i, "is not valid JSON: an object's key must be a string");
        if (!string(&f.key)) return true;
        ws();
        if (i >= t.size() || t[i] != ':') return fail(i, "is not valid JSON: a key must be followed by a colon");
        ++i;
      } else {
        ++f.index;
      }
      next = Next::value;
      continue;
    }
    if (i < t.size() && t[i] == (f.object ? '}' : ']')) {
      ++i;
      stack.pop_back();
      continue;
    }
    return fail(i, std::string("is not valid JSON: expected a comma or ") + (f.object ? "}" : "]"));
  }
}

// A value as a message quotes it: a string without its quotes, anything else as compact JSON, cut short.
std::string show(Element v) {
  std::string out;
  if (v.type() == Type::STRING) {
    out = std::string(std::string_view(v));
  } else {
    out = simdjson::minify(v);
  }
  if (out.size() > 200) out = out.substr(0, 200) + "...";
  return out;
}

// One of the remedy's vocabularies: its values and their names, for looking names up without the parsers' string
// compares. A name not here is left to the library's parser, which refuses it with its own message.
template <typename E, std::size_t N>
struct Vocabulary {
  std::array<E, N> values;
  std::array<std::string_view, N> names{};
  explicit Vocabulary(const std::array<E, N>& v) : values(v) {
    for (std::size_t i = 0; i < N; ++i) names[i] = to_string(v[i]);
  }
};
const Vocabulary<PaymentKind, 7>& payment_kinds() {
  static const Vocabulary<PaymentKind, 7> v(
      {PaymentKind::distress, PaymentKind::time_and_trouble, PaymentKind::lost_opportunity, PaymentKind::uncertainty,
       PaymentKind::complaint_handling, PaymentKind::reimbursement, PaymentKind::other});
  return v;
}
const Vocabulary<Recipient, 4>& recipients() {
  static const Vocabulary<Recipient, 4> v(
      {Recipient::parent, Recipient::child, Recipient::young_person, Recipient::other});
  return v;
}
const Vocabulary<RateUnit, 4>& rate_units() {
  static const Vocabulary<RateUnit, 4> v({RateUnit::month, RateUnit::term, RateUnit::week, RateUnit::year});
  return v;
}
const Vocabulary<Provision, 3>& provisions() {
  static const Vocabulary<Provision, 3> v({Provision::none, Provision::partial, Provision::unsuitable});
  return v;
}
const Vocabulary<Head, 3>& heads() {
  static const Vocabulary<Head, 3> v({Head::education, Head::special_provision, Head::other});
  return v;
}

// What recommendation_due makes of a recommendation's `due`, found without building the texts its messages would
// need: the date (`computed`), or a well-formed period with no final decision to count from (`not_computable`);
// `other` for everything else (a form it refuses, an end outside the calendar), for recommendation_due itself to
// answer, with its own message.
enum class Due { computed, not_computable, other };
Due common_due(std::string_view due, std::optional<Date> final_decision, Date& out) {
  try {
    if (due.size() == 10 && due[4] == '-') {
      out = parse_date(due, {});
      return Due::computed;
    }
    int n = 0;
    Unit u = Unit::days;
    if (!due_period(due, n, u)) return Due::other;
    if (!final_decision) return Due::not_computable;
    out = period_end(*final_decision, n, u, Counting::within);
    return Due::computed;
  } catch (const Error&) {
    return Due::other;
  }
}

// The JSON path of the value being read ("remedy.payments[1].amount"), kept as its parts (keys point into the
// document or at constants) and written out only when a message needs it.
struct Path {
  struct Part {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
  };
  std::string_view prefix;
  // A part for each level of nesting (simdjson refuses more than limits::kMaxDepth) and one for a section named
  // again around its walk: kept inline, so that entering a field is two stores.
  std::array<Part, 2 * limits::kMaxDepth + 8> parts{};
  std::size_t depth = 0;  // parts in use

  [[noreturn]] static void too_deep();  // never, as simdjson refuses deeper nesting first
  void push(Part part) {
    if (depth == parts.size()) too_deep();
    parts[depth++] = part;
  }
  std::string str() const {
    std::string p(prefix);
    for (std::size_t i = 0; i < depth; ++i) {
      const Part& part = parts[i];
      if (part.is_index) {
        p += '[';
        p += std::to_string(part.index);
        p += ']';
      } else {
        if (!p.empty()) p += '.';
        p.append(part.key.data(), part.key.size());
      }
    }
    return p;
  }
};

// a == b, with the length and the first byte compared inline: the keys and names of the format mostly differ
// there, so the call to memcmp is left for the one that matches.
inline bool same(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && std::memcmp(a.data(), b.data(), a.size()) == 0));
}

// a == a string literal: the literal's length is a constant, so the compiler compares its bytes inline instead
// of calling memcmp.
template <std::size_t N>
inline bool same(std::string_view a, const char (&literal)[N]) noexcept {
  return a.size() == N - 1 && std::memcmp(a.data(), literal, N - 1) == 0;
}

void Path::too_deep() {
  throw Error("case reader", "", "nests deeper than its path can hold");
}

struct Walk {
  Path path;  // the JSON path of the value being read
  std::vector<CaseFault>* faults = nullptr;
  std::vector<std::string_view> keys;  // scratch: one object's unknown keys

  // Appends ".key" or "[i]" to the path for its lifetime (and on unwinding).
  struct Scope {
    Path& path;
    std::size_t size;
    Scope(Walk& w, std::string_view key) : path(w.path), size(path.depth) { path.push({key, 0, false}); }
    Scope(Walk& w, std::size_t index) : path(w.path), size(path.depth) { path.push({{}, index, true}); }
    ~Scope() { path.depth = size; }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
  };

  [[noreturn]] void invalid(std::string value, std::string rule) const {
    throw InvalidInput(path.str(), std::move(value), std::move(rule));
  }

  // Runs `f`; with a fault list, a fault inside is recorded there and reading goes on.
  template <typename F>
  void guarded(F&& f) {
    if (faults == nullptr) {
      f();
      return;
    }
    try {
      f();
    } catch (const Error& e) {
      record(e);
    }
  }

  void record(const Error& e) const {
    CaseFault fault;
    fault.kind = dynamic_cast<const OutOfRange*>(&e) != nullptr ? "out_of_range" : "invalid_input";
    fault.path = e.field();
    fault.value = e.value();
    fault.message = e.what();
    faults->push_back(std::move(fault));
  }

  // Errors from the library's parsers name the current path.
  template <typename F>
  auto here(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const InvalidInput& e) {
      throw InvalidInput(path.str(), e.value(), e.rule());
    } catch (const OutOfRange& e) {
      throw OutOfRange(path.str(), e.value(), e.rule());
    }
  }

  // A name of one of the library's vocabularies; `parse` (parse_head, parse_recipient, ...) refuses the others.
  template <typename E, std::size_t N>
  E name_at(Element v, const Vocabulary<E, N>& vocabulary, E (*parse)(std::string_view, std::string_view)) {
    const std::string_view name = string(v);
    for (std::size_t i = 0; i < N; ++i) {
      if (same(vocabulary.names[i], name)) return vocabulary.values[i];
    }
    return here([&] { return parse(name, {}); });
  }

  // A value of the wrong type, refused by a function of its own, out of line: the checks below then stay small
  // enough to be inlined where they are used (each value of every case goes through one).
  [[noreturn]] [[gnu::cold]] [[gnu::noinline]] void wrong(Element v, const char* rule) const { invalid(show(v), rule); }

  [[noreturn]] [[gnu::cold]] [[gnu::noinline]] void too_many(std::size_t items, std::size_t limit) const {
    invalid("(" + std::to_string(items) + " items)",
            "has more than " + std::to_string(limit) + " items, the case format's limit");
  }

  std::string_view string(Element v) const {
    if (v.type() != Type::STRING) wrong(v, "must be a string");
    return std::string_view(v);
  }
  // A string, or the fallback for null.
  std::string_view optional_string(Element v, std::string_view fallback = {}) const {
    if (v.type() == Type::NULL_VALUE) return fallback;
    return string(v);
  }
  bool boolean(Element v) const {
    if (v.type() != Type::BOOL) wrong(v, "must be true or false");
    return bool(v);
  }
  dom::array array(Element v, std::size_t limit) const {
    if (v.type() != Type::ARRAY) wrong(v, "must be a JSON array");
    dom::array a(v);
    if (a.size() > limit) too_many(a.size(), limit);
    return a;
  }
  dom::object object(Element v) const {
    if (v.type() != Type::OBJECT) wrong(v, "must be a JSON object");
    return dom::object(v);
  }

  Date date(Element v) {
    const std::string_view text = [&] {
      if (v.type() != Type::STRING) wrong(v, "must be a date written YYYY-MM-DD");
      return std::string_view(v);
    }();
    const Date d = here([&] { return parse_date(text); });
    // The year from the text parse_date has just read as YYYY-MM-DD (Boost's year() would convert the date back).
    check_year(text, ((text[0] - '0') * 10 + (text[1] - '0')) * 100 + (text[2] - '0') * 10 + (text[3] - '0'));
    return d;
  }
  void check_year(std::string_view text, int year) const {
    if (year < limits::kFirstCaseYear || year > limits::kLastCaseYear) {
      throw OutOfRange(
          path.str(), std::string(text),
          "is outside the dates redress computes deadlines for: " + std::to_string(limits::kFirstCaseYear) +
              "-01-01 to " + std::to_string(limits::kLastCaseYear) + "-12-31");
    }
  }
  YearMonth month(std::string_view text) {
    const YearMonth m = here([&] { return parse_year_month(text); });
    check_year(text, m.year);
    return m;
  }

  Money money(Element v) {
    // A number is written into `buf`, in decimal; a string is read where it is.
    char buf[64];
    std::string_view text;
    switch (v.type()) {
      case Type::STRING: text = std::string_view(v); break;
      case Type::INT64:
        text = std::string_view(buf, written(buf, std::to_chars(buf, buf + sizeof buf, std::int64_t(v))));
        break;
      case Type::UINT64:
        text = std::string_view(buf, written(buf, std::to_chars(buf, buf + sizeof buf, std::uint64_t(v))));
        break;
      case Type::DOUBLE:
        // The shortest text that reads back as the same double, so 2907.69 is "2907.69" and 1.005 is "1.005",
        // which Money then refuses: the two-decimal rule holds for JSON numbers too.
        text = std::string_view(buf, written(buf, std::to_chars(buf, buf + sizeof buf, double(v))));
        break;
      default: wrong(v, "must be money: a decimal string such as \"600\" or a number");
    }
    return here([&] { return Money::parse(text); });
  }
  static std::size_t written(const char* buf, std::to_chars_result r) { return static_cast<std::size_t>(r.ptr - buf); }

  // The list of keys seen set back to its length at construction when the object's walk ends, thrown through
  // or not: a fault caught inside an object (with a fault list) must not leave its keys behind to be taken for
  // those of the object around it.
  struct KeysMark {
    std::vector<std::string_view>& keys;
    const std::size_t at;
    explicit KeysMark(std::vector<std::string_view>& list) : keys(list), at(list.size()) {}
    ~KeysMark() {
      if (keys.size() > at) keys.resize(at);
    }
    KeysMark(const KeysMark&) = delete;
    KeysMark& operator=(const KeysMark&) = delete;
  };

  // Checks one object's keys: a key twice is refused; an unknown key is kept, unless it is one edit from a known
  // key (two for names of seven letters or more), when it is reported as a misspelling. `known` lists the known
  // keys; `seen` marks those found; unknown values are checked in depth by `check_value`.
  template <std::size_t N, typename F>
  void fields(dom::object o, const std::array<std::string_view, N>& known, F&& on_known) {
    std::uint64_t seen = 0;
    const KeysMark mark(keys);
    for (dom::key_value_pair kv : o) {
      std::size_t k = 0;
      while (k < N && !same(kv.key, known[k])) ++k;
      Scope scope(*this, kv.key);
      if (k < N) {
        if ((seen >> k & 1U) != 0) {
          guarded([&] { invalid(show(kv.value), "appears twice in one object: JSON with duplicate keys is refused"); });
          continue;
        }
        seen |= std::uint64_t{1} << k;
        guarded([&] { on_known(k, kv.value); });
        continue;
      }
      guarded([&] { unknown(kv.key, kv.value, known.data(), N, mark.at); });
    }
  }

  // Records `key` among the keys seen in the object whose keys start at `mark`, refusing it if it is there already.
  void see_key(std::string_view key, Element value, std::size_t mark) {
    for (std::size_t i = mark; i < keys.size(); ++i) {
      if (keys[i] == key) invalid(show(value), "appears twice in one object: JSON with duplicate keys is refused");
    }
    keys.push_back(key);
  }

  void unknown(std::string_view key, Element value, const std::string_view* known, std::size_t n, std::size_t mark) {
    see_key(key, value, mark);
    const auto closest = misspelling_of(key, known, known + n, [](std::string_view k) { return k; });
    if (closest && key.size() > 2) {
      invalid(show(value), "is not a field of the case format: did you mean \"" + std::string(*closest) + "\"?");
    }
    check_value(value);
  }

  // An unknown value, in depth: no object anywhere in it may hold a key twice. (simdjson has already checked
  // the rest, and the depth, so this recursion is bounded by limits::kMaxDepth.)
  void check_value(Element v) {
    if (v.type() == Type::ARRAY) {
      std::size_t i = 0;
      for (Element item : dom::array(v)) {
        Scope scope(*this, i++);
        check_value(item);
      }
    } else if (v.type() == Type::OBJECT) {
      const KeysMark mark(keys);
      for (dom::key_value_pair kv : dom::object(v)) {
        Scope scope(*this, kv.key);
        see_key(kv.key, kv.value, mark.at);
        check_value(kv.value);
      }
    }
  }

  // --- Recycling ---
  // The batch reads line after line into one Case. So that it allocates nothing once its buffers have grown,
  // read() first moves the elements of the case read last into these pools (each string keeping its buffer), and
  // the walk takes them back as it fills the case, each reset to its defaults. Each pool is taken from its back,
  // and filled in reverse, so that element i of the next case reuses element i of the last.
  using DateNode = std::map<std::string, Date>::node_type;
  using FieldNode = std::map<std::string, std::string>::node_type;
  struct Pools {
    std::vector<std::string> faults;
    std::vector<DateNode> dates;
    std::vector<LostProvision> lost_provision;
    std::vector<Payment> payments;
    std::vector<Recommendation> recommendations;
    std::vector<Event> events;
    std::vector<FieldNode> fields;  // of events' unknown fields
    std::vector<ExceptionInterval> exceptions;
    Remedy remedy;  // the last case's remedy, its vectors empty but keeping their capacity
  } pool;
  simdjson::internal::string_builder<> minified;  // an unknown event field's value, as JSON text

  template <typename T>
  static void keep(std::vector<T>& from, std::vector<T>& to) {
    for (auto it = from.rbegin(); it != from.rend(); ++it) to.push_back(std::move(*it));
    from.clear();
  }
  template <typename T>
  static T take(std::vector<T>& from) {
    if (from.empty()) return T{};
    T t = std::move(from.back());
    from.pop_back();
    return t;
  }
  void keep(Event& e) {
    while (!e.fields.empty()) pool.fields.push_back(e.fields.extract(e.fields.begin()));
  }

  // Moves the case's elements into the pools and leaves it as a fresh Case (its vectors keep their capacity).
  void recycle(Case& c) {
    c.reference.reset();
    c.id.clear();
    c.authority.clear();
    c.category.clear();
    c.outcome.reset();
    c.finding.reset();
    c.public_report = false;
    keep(c.faults, pool.faults);
    while (!c.dates.empty()) pool.dates.push_back(c.dates.extract(c.dates.begin()));
    // The periods, payments and events stay where they are, to be filled again in place (fill()); close()
    // drops those the new case does not fill. The remedy goes to the pool with its periods and payments.
    if (c.remedy) {
      pool.remedy = std::move(*c.remedy);
      c.remedy.reset();
    }
    filled = Filled{};
    keep(c.recommendations, pool.recommendations);
    keep(c.send.exceptions, pool.exceptions);
    c.exceptions_apply.reset();
  }

  // How many elements of each list filled in place the case being read has filled; those after them are the
  // last case's, kept for their buffers.
  struct Filled {
    std::size_t lost_provision = 0, payments = 0, events = 0;
  } filled;

  // The next element of a list filled in place, reset by `reset`: the last case's element at that position, or
  // one from the pool (or a new one) appended. It counts only once `used` is incremented, when it has been read
  // without a fault: a faulty one is filled again by the next.
  template <typename T, typename Reset>
  static T& fill(std::vector<T>& list, std::size_t used, std::vector<T>& spare, Reset&& reset) {
    if (used == list.size()) list.push_back(take(spare));
    T& t = list[used];
    reset(t);
    return t;
  }
  // Moves the elements of `list` after its first `used` to the pool, the first of them last (taken first).
  template <typename T>
  static void trim(std::vector<T>& list, std::size_t used, std::vector<T>& spare) {
    while (list.size() > used) {
      spare.push_back(std::move(list.back()));
      list.pop_back();
    }
  }
  // Leaves the lists filled in place holding only what this case filled (after a read, whether or not it threw).
  void close(Case& c) {
    if (c.remedy) close(*c.remedy);
    // An event's own fields go back to their pool with it, where any event that needs them will find them.
    for (std::size_t i = filled.events; i < c.send.events.size(); ++i) keep(c.send.events[i]);
    trim(c.send.events, filled.events, pool.events);
  }
  void close(Remedy& r) {
    trim(r.lost_provision, filled.lost_provision, pool.lost_provision);
    trim(r.payments, filled.payments, pool.payments);
  }

  // A string of the pool holding `text`. A new one is made long enough for every name of its vocabulary, so
  // that it fits whichever name it holds next.
  static std::string& refill(std::string& s, std::string_view text, std::size_t longest) {
    if (s.capacity() < longest) s.reserve(longest);
    s.assign(text.data(), text.size());
    return s;
  }
  static std::size_t longest(const std::vector<std::string>& names) {
    std::size_t n = 0;
    for (const std::string& name : names) n = std::max(n, name.size());
    return n;
  }

  void add_fault(Case& c, const std::string& kind) {
    static const std::size_t kLongest = longest(fault_kinds());
    c.faults.push_back(take(pool.faults));
    refill(c.faults.back(), kind, kLongest);
  }

  void add_date(Case& c, std::string_view name, Date d) {
    static constexpr std::size_t kLongest = 32;  // every date name fits
    DateNode node = take(pool.dates);
    if (node.empty()) {
      std::string key;
      refill(key, name, kLongest);
      c.dates.insert_or_assign(std::move(key), d);
      return;
    }
    node.key().assign(name.data(), name.size());
    node.mapped() = d;
    auto r = c.dates.insert(std::move(node));
    if (!r.inserted) {
      r.position->second = d;
      pool.dates.push_back(std::move(r.node));
    }
  }

  void add_field(Event& e, std::string_view key, std::string_view value) {
    // The map orders the fields by name, the document need not, so a node seldom holds the same field twice: a
    // new node is made roomy enough for most, so that its next field fits.
    FieldNode node = take(pool.fields);
    if (node.empty()) {
      std::string k, v;
      refill(k, key, 32);
      refill(v, value, 64);
      e.fields.insert_or_assign(std::move(k), std::move(v));
      return;
    }
    node.key().assign(key.data(), key.size());
    node.mapped().assign(value.data(), value.size());
    auto r = e.fields.insert(std::move(node));
    if (!r.inserted) {
      r.position->second.assign(value.data(), value.size());
      pool.fields.push_back(std::move(r.node));
    }
  }

  // An element reset to its defaults: its strings (emptied) keep their buffers.
  static void reset(LostProvision& p) {
    std::string note = std::move(p.note);
    p = LostProvision{};
    note.clear();
    p.note = std::move(note);
  }
  static void reset(Payment& p) {
    std::string purpose = std::move(p.purpose);
    p = Payment{};
    purpose.clear();
    p.purpose = std::move(purpose);
  }
  Recommendation recommendation_element() {
    Recommendation r = take(pool.recommendations);
    r.kind.clear();
    r.text.clear();
    r.due.clear();
    r.status.reset();
    r.completed.reset();
    return r;
  }
  void reset(Event& e) {
    keep(e);
    // e.name keeps the last case's name: the walk sets it (set_text) from the "event" key, and an event
    // without one is refused before its name is read.
    e.date = Date();
  }
  ExceptionInterval exception_element() {
    ExceptionInterval x = take(pool.exceptions);
    x.type.clear();
    x.from = Date();
    x.to = Date();
    return x;
  }
  // The remedy section's Remedy: the last one's, reset to the defaults.
  Remedy& new_remedy(Case& c) {
    static const Remedy kDefaults;
    Remedy& r = c.remedy.emplace(std::move(pool.remedy));
    r.guidance = kDefaults.guidance;
    r.school_calendar = kDefaults.school_calendar;
    r.rounding = kDefaults.rounding;
    r.stated_total = kDefaults.stated_total;
    return r;
  }

  // --- The sections ---

  void remedy(Element v, Remedy& r);
  void lost_provision(Element v, LostProvision& p);
  void payment(Element v, Payment& p);
  void recommendation(Element v, Recommendation& r, const Case& c);
  void send(Element v, Case& c);
  void document(Element root, Case& c);
};

constexpr std::array<std::string_view, 14> kCaseKeys = {
    "format",        "reference", "id",    "authority", "category",        "outcome", "finding",
    "public_report", "faults",    "dates", "remedy",    "recommendations", "send",    "notes"};
enum CaseKey : std::size_t {
  kFormat,
  kReference,
  kId,
  kAuthority,
  kCategory,
  kOutcome,
  kFinding,
  kPublicReport,
  kFaults,
  kDates,
  kRemedy,
  kRecommendations,
  kSend,
  kNotes
};

void Walk::document(Element root, Case& c) {
  if (root.type() != Type::OBJECT) invalid(show(root), "must be a JSON object: a case");
  std::array<std::optional<Element>, kCaseKeys.size()> at{};
  fields(dom::object(root), kCaseKeys, [&](std::size_t k, Element v) { at[k] = v; });
  auto section = [&](std::size_t k, auto&& f) {
    if (!at[k]) return;
    Scope scope(*this, kCaseKeys[k]);
    guarded([&] { f(*at[k]); });
  };
  // The format first: a document of another format is refused as a whole.
  {
    Scope scope(*this, "format");
    if (!at[kFormat]) invalid("", "is required but missing");
    const std::string_view format = string(*at[kFormat]);
    if (format != "redress.case/1") invalid(std::string(format), "is not \"redress.case/1\"");
  }
  section(kId, [&](Element v) {
    c.id.assign(string(v));
    if (c.id.find_first_not_of(" \t") == std::string::npos) {
      invalid(c.id, "must not be empty: the council's own case or child identifier");
    }
  });
  if (at[kReference]) {
    section(kReference, [&](Element v) { c.reference = here([&] { return CaseReference(string(v)); }); });
  } else if (c.id.empty()) {
    Scope scope(*this, "reference");
    guarded([&] { invalid("", "is required but missing (a case needs a reference or an id)"); });
  }
  section(kAuthority, [&](Element v) { c.authority.assign(optional_string(v)); });
  section(kCategory, [&](Element v) { c.category.assign(optional_string(v)); });
  section(kOutcome, [&](Element v) {
    const std::string_view name = string(v);
    c.outcome = here([&] { return parse_outcome(name); });
  });
  section(kFinding, [&](Element v) {
    const std::string_view name = string(v);
    c.finding = here([&] { return parse_finding(name); });
  });
  section(kPublicReport, [&](Element v) { c.public_report = boolean(v); });
  section(kFaults, [&](Element v) {
    std::size_t i = 0;
    for (Element item : array(v, 64)) {
      Scope scope(*this, i++);
      guarded([&] {
        const std::vector<std::string>& kinds = fault_kinds();
        const auto found =
            item.type() == Type::STRING
                ? std::find_if(kinds.begin(), kinds.end(),
                               [name = std::string_view(item)](const std::string& k) { return same(k, name); })
                : kinds.end();
        if (found == kinds.end()) {
          std::string known;
          for (const std::string& k : kinds) known += (known.empty() ? "" : ", ") + k;
          invalid(show(item), "is not a fault kind: " + known);
        }
        add_fault(c, *found);
      });
    }
  });
  section(kDates, [&](Element v) {
    static constexpr std::array<std::string_view, 5> names = {
        "first_aware", "complaint_to_council", "complaint_to_ombudsman", "final_decision", "report_received"};
    fields(object(v), names, [&](std::size_t k, Element d) { add_date(c, names[k], date(d)); });
  });
  section(kRemedy, [&](Element v) { remedy(v, new_remedy(c)); });
  section(kRecommendations, [&](Element v) {
    std::size_t i = 0;
    for (Element item : array(v, limits::kMaxRecommendations)) {
      Scope scope(*this, i++);
      guarded([&] {
        Recommendation r = recommendation_element();
        recommendation(item, r, c);
        c.recommendations.push_back(std::move(r));
      });
    }
  });
  section(kSend, [&](Element v) { send(v, c); });
}

void Walk::recommendation(Element v, Recommendation& r, const Case& c) {
  static constexpr std::array<std::string_view, 5> keys_ = {"kind", "text", "due", "status", "completed"};
  bool has_kind = false;
  fields(object(v), keys_, [&](std::size_t k, Element x) {
    switch (k) {
      case 0:
        r.kind.assign(string(x));
        has_kind = true;
        break;
      case 1: r.text.assign(optional_string(x)); break;
      case 2: r.due.assign(optional_string(x)); break;
      case 3: {
        const std::string_view name = string(x);
        r.status = here([&] { return parse_recommendation_status(name); });
        break;
      }
      default: r.completed = date(x);
    }
  });
  if (!has_kind) {
    Scope scope(*this, "kind");
    invalid("", "is required but missing");
  }
  if (!r.due.empty()) {  // check the form now; the date itself needs the final decision
    const std::optional<Date> final_decision = c.date("final_decision");
    Date common;
    switch (common_due(r.due, final_decision, common)) {
      case Due::computed: {
        Scope scope(*this, "due");
        check_year(r.due, common.year());
        return;
      }
      case Due::not_computable: return;
      case Due::other: break;
    }
    try {
      const Date due = recommendation_due(r, final_decision, path.str());
      Scope scope(*this, "due");
      check_year(r.due, due.year());
    } catch (const NotComputable&) {
      // A period with no final decision to count from: nothing wrong with the case, the date is just not known.
    }
  }
}

void Walk::send(Element v, Case& c) {
  static constexpr std::array<std::string_view, 3> keys_ = {"events", "exceptions", "exceptions_apply"};
  fields(object(v), keys_, [&](std::size_t k, Element x) {
    if (k == 2) {
      c.exceptions_apply = boolean(x);
      return;
    }
    std::size_t i = 0;
    if (k == 0) {
      for (Element item : array(x, limits::kMaxEvents)) {
        Scope scope(*this, i++);
        guarded([&] {
          Event& e = fill(c.send.events, filled.events, pool.events, [this](Event& fresh) { reset(fresh); });
          bool has_event = false, has_date = false;
          const KeysMark mark(keys);
          for (dom::key_value_pair kv : object(item)) {
            Scope field(*this, kv.key);
            // "event" and "date" twice are caught by their flags; the other keys by the list of those seen.
            const bool is_event = same(kv.key, "event"), is_date = !is_event && same(kv.key, "date");
            if ((is_event && has_event) || (is_date && has_date)) {
              invalid(show(kv.value), "appears twice in one object: JSON with duplicate keys is refused");
            }
            if (is_event) {
              set_text(e.name, string(kv.value));
              has_event = true;
            } else if (is_date) {
              guarded([&] { e.date = date(kv.value); });
              has_date = true;
            } else {
              see_key(kv.key, kv.value, mark.at);
              check_value(kv.value);
              if (kv.value.type() == Type::STRING) {
                add_field(e, kv.key, std::string_view(kv.value));
              } else {
                minified.clear();
                minified.append(kv.value);
                add_field(e, kv.key, minified.str());
              }
            }
          }
          if (!has_event) {
            Scope field(*this, "event");
            invalid("", "is required but missing");
          }
          if (!has_date) {
            Scope field(*this, "date");
            guarded([&] { invalid("", "is required but missing"); });
          }
          if (!is_event_name(e.name)) {
            Scope field(*this, "event");
            std::string closest;
            std::size_t best = 4;
            for (const std::string& name : event_names()) {
              const std::size_t d = edit_distance(e.name, name);
              if (d < best) {
                best = d;
                closest = name;
              }
            }
            invalid(e.name, "is not an event the rule catalogue knows" +
                                (closest.empty() ? std::string(" (docs/deadlines.md lists them)")
                                                 : ": did you mean \"" + closest + "\"?"));
          }
          ++filled.events;
        });
      }
      return;
    }
    for (Element item : array(x, limits::kMaxExceptions)) {
      Scope scope(*this, i++);
      guarded([&] {
        static constexpr std::array<std::string_view, 3> xkeys = {"type", "from", "to"};
        ExceptionInterval interval = exception_element();
        unsigned got = 0;
        fields(object(item), xkeys, [&](std::size_t j, Element y) {
          got |= 1U << j;
          if (j == 0) {
            interval.type.assign(string(y));
            if (std::find(std::begin(kExceptionTypes), std::end(kExceptionTypes), interval.type) ==
                std::end(kExceptionTypes)) {
              invalid(interval.type,
                      "is not an exception type: school_closure, exceptional_personal_circumstances, "
                      "absent_from_area, missing_appointment (or coronavirus)");
            }
          } else {
            (j == 1 ? interval.from : interval.to) = date(y);
          }
        });
        for (std::size_t j = 0; j < 3; ++j) {
          if ((got >> j & 1U) == 0) {
            Scope field(*this, xkeys[j]);
            invalid("", "is required but missing");
          }
        }
        if (interval.to < interval.from) {
          Scope field(*this, "to");
          invalid(iso(interval.to), "is before the interval's start " + iso(interval.from));
        }
        c.send.exceptions.push_back(std::move(interval));
      });
    }
  });
}

void Walk::remedy(Element v, Remedy& r) {
  static constexpr std::array<std::string_view, 6> keys_ = {"guidance",       "school_calendar", "rounding",
                                                            "lost_provision", "payments",        "stated_total"};
  fields(object(v), keys_, [&](std::size_t k, Element x) {
    switch (k) {
      case 0: r.guidance.assign(optional_string(x, "auto")); break;
      case 1: r.school_calendar.assign(optional_string(x, "default")); break;
      case 2: r.rounding = here([&] { return parse_rounding(string(x)); }); break;
      case 3: {
        std::size_t i = 0;
        for (Element item : array(x, limits::kMaxLostProvision)) {
          Scope scope(*this, i++);
          guarded([&] {
            LostProvision& p = fill(r.lost_provision, filled.lost_provision, pool.lost_provision,
                                    [](LostProvision& fresh) { reset(fresh); });
            lost_provision(item, p);
            ++filled.lost_provision;
          });
        }
        break;
      }
      case 4: {
        std::size_t i = 0;
        for (Element item : array(x, limits::kMaxPayments)) {
          Scope scope(*this, i++);
          guarded([&] {
            Payment& p = fill(r.payments, filled.payments, pool.payments, [](Payment& fresh) { reset(fresh); });
            payment(item, p);
            ++filled.payments;
          });
        }
        break;
      }
      default: r.stated_total = money(x);
    }
  });
}

void Walk::payment(Element v, Payment& p) {
  static constexpr std::array<std::string_view, 4> keys_ = {"kind", "amount", "to", "for"};
  bool has_kind = false, has_amount = false;
  fields(object(v), keys_, [&](std::size_t k, Element x) {
    switch (k) {
      case 0:
        p.kind = name_at(x, payment_kinds(), parse_payment_kind);
        has_kind = true;
        break;
      case 1:
        has_amount = true;
        p.amount = money(x);
        if (p.amount.pence() <= 0) invalid(p.amount.to_decimal(), "must be more than zero");
        break;
      case 2: p.to = name_at(x, recipients(), parse_recipient); break;
      default: p.purpose.assign(optional_string(x));
    }
  });
  for (auto [has, key] : {std::pair<bool, const char*>{has_kind, "kind"}, {has_amount, "amount"}}) {
    if (!has) {
      Scope scope(*this, key);
      guarded([&] { invalid("", "is required but missing"); });
    }
  }
}

void Walk::lost_provision(Element v, LostProvision& p) {
  static constexpr std::array<std::string_view, 12> keys_ = {"from", "to",   "length", "rate", "per",      "provision",
                                                             "head", "note", "amount", "open", "rounding", "paid_to"};
  std::array<std::optional<Element>, keys_.size()> at{};
  fields(object(v), keys_, [&](std::size_t k, Element x) { at[k] = x; });
  bool ok = true;  // false once a fault is recorded, so that the checks between fields are left out
  auto field = [&](std::size_t k, auto&& f) {
    if (!at[k]) return;
    Scope scope(*this, keys_[k]);
    const std::size_t before = faults != nullptr ? faults->size() : 0;
    guarded([&] { f(*at[k]); });
    if (faults != nullptr && faults->size() != before) ok = false;
  };
  auto missing = [&](const char* key, const char* rule) {
    Scope scope(*this, key);
    ok = false;
    guarded([&] { invalid("", rule); });
  };
  if (!at[3]) missing("rate", "is required but missing");
  field(3, [&](Element x) {
    p.rate = money(x);
    if (p.rate.pence() <= 0) invalid(p.rate.to_decimal(), "must be more than zero");
  });
  if (!at[4]) missing("per", "is required but missing");
  field(4, [&](Element x) { p.per = name_at(x, rate_units(), parse_rate_unit); });
  field(5, [&](Element x) { p.provision = name_at(x, provisions(), parse_provision); });
  field(6, [&](Element x) { p.head = name_at(x, heads(), parse_head); });
  field(11, [&](Element x) { p.to = name_at(x, recipients(), parse_recipient); });
  field(10, [&](Element x) { p.rounding = here([&] { return parse_rounding(string(x)); }); });
  field(7, [&](Element x) { p.note.assign(optional_string(x)); });
  field(8, [&](Element x) { p.stated_amount = money(x); });
  field(9, [&](Element x) { p.open = boolean(x); });
  if (!ok) return;

  if (at[2]) {
    Scope scope(*this, "length");
    if (at[0] || at[1] || p.open) {
      invalid(show(*at[2]), "cannot be given with from, to or open: a period is a range or a length, not both");
    }
    p.form = LostProvision::Form::length;
    const dom::object length = object(*at[2]);
    if (length.size() == 0) invalid("{}", "must give at least one of years, terms, months, weeks, days");
    static constexpr std::array<std::string_view, 5> units = {"years", "terms", "months", "weeks", "days"};
    Fraction* parts[] = {&p.length.years, &p.length.terms, &p.length.months, &p.length.weeks, &p.length.days};
    std::uint64_t seen = 0;
    for (dom::key_value_pair kv : length) {
      Scope unit(*this, kv.key);
      std::size_t k = 0;
      while (k < units.size() && kv.key != units[k]) ++k;
      if (k == units.size()) invalid(show(kv.value), "is not a unit of school time: years, terms, months, weeks, days");
      if ((seen >> k & 1U) != 0) {
        invalid(show(kv.value), "appears twice in one object: JSON with duplicate keys is refused");
      }
      seen |= std::uint64_t{1} << k;
      const Money m = money(kv.value);  // the "at most two decimals" rule, read as a number of hundredths
      if (m.pence() < 0) invalid(m.to_decimal(), "must not be negative");
      *parts[k] = Fraction(m.pence(), 100);
    }
    if (p.length.total_weeks(UnitConversions{}).numerator() == 0) invalid(show(*at[2]), "is no school time at all");
    return;
  }
  if (!at[0]) {
    missing("from", "is required but missing");
    return;
  }
  Scope from_scope(*this, "from");
  const std::string_view from = string(*at[0]);
  const bool from_is_month = from.size() == 7;
  path.depth = from_scope.size;
  if (p.open) {
    if (at[1]) {
      Scope scope(*this, "to");
      invalid(show(*at[1]), "cannot be given for an open-ended period (open: true)");
    }
  } else if (!at[1]) {
    Scope scope(*this, "to");
    invalid("", "is required (or \"open\": true for a period that has not ended)");
  }
  if (from_is_month) {
    p.form = LostProvision::Form::months;
    {
      Scope scope(*this, "from");
      p.from_month = month(from);
    }
    if (!p.open) {
      Scope scope(*this, "to");
      const std::string_view to = string(*at[1]);
      if (to.size() != 7) {
        invalid(std::string(to),
                "is a date but from is a month (" + std::string(from) + "): give both as months or both as dates");
      }
      p.to_month = month(to);
      if (p.to_month < p.from_month) invalid(std::string(to), "is before the period's start " + std::string(from));
    }
  } else {
    p.form = LostProvision::Form::dates;
    {
      Scope scope(*this, "from");
      p.from_date = date(*at[0]);
    }
    if (!p.open) {
      Scope scope(*this, "to");
      const std::string_view to = string(*at[1]);
      if (to.size() == 7) {
        invalid(std::string(to),
                "is a month but from is a date (" + std::string(from) + "): give both as months or both as dates");
      }
      p.to_date = date(*at[1]);
      if (p.to_date < p.from_date) invalid(std::string(to), "is before the period's start " + std::string(from));
    }
  }
}

}  // namespace

struct CaseReader::Impl {
  dom::parser parser{limits::kMaxCaseBytes};
  std::string copy;  // a padded copy of a document given without padding
  Walk walk;

  Element parse(std::string_view text, std::size_t capacity, const std::string& prefix) {
    const auto where = [&prefix] { return prefix.empty() ? std::string("case") : prefix; };
    if (text.size() > limits::kMaxCaseBytes) {
      throw InvalidInput(where(), "(" + std::to_string(text.size()) + " bytes)", parse_failure(simdjson::CAPACITY));
    }
    const char* data = text.data();
    if (capacity < text.size() + kPadding) {
      copy.assign(text.data(), text.size());
      copy.append(kPadding, ' ');
      data = copy.data();
    }
    Element root;
    const simdjson::error_code code = parser.parse(data, text.size(), false).get(root);
    if (code != simdjson::SUCCESS) {
      // A NUL byte is named before anything else. JSON admits none (not even in a string, unescaped), so only a
      // document simdjson refused is searched for one: a case read is one pass over its bytes fewer.
      if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
        const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
        throw InvalidInput(where(), std::string(text.substr(0, std::min<std::size_t>(at, 60))),
                           "holds a NUL byte at position " + std::to_string(at) + ": a case file is JSON text");
      }
      Located located;
      if (code != simdjson::UTF8_ERROR && code != simdjson::CAPACITY && locate(text, prefix, located)) {
        throw InvalidInput(located.path.empty() ? where() : located.path, located.value, located.rule);
      }
      throw InvalidInput(where(), std::string(text.substr(0, 60)), parse_failure(code));
    }
    return root;
  }
};

CaseReader::CaseReader() : impl_(std::make_unique<Impl>()) {
  if (impl_->parser.allocate(4096, limits::kMaxDepth) != simdjson::SUCCESS) {
    throw Error("case reader", "", "could not allocate its parser");
  }
}
CaseReader::~CaseReader() = default;

void CaseReader::read(std::string_view text, std::size_t capacity, Case& out, const std::string& prefix,
                      std::vector<CaseFault>* faults) {
  Walk& w = impl_->walk;
  w.recycle(out);
  w.faults = faults;
  w.path.prefix = prefix;
  w.path.depth = 0;
  w.keys.clear();
  // However the read ends (an exception of any kind included), the lists filled in place hold only this case's.
  struct Close {
    Walk& walk;
    Case& c;
    ~Close() { walk.close(c); }
  } close{w, out};
  try {
    const Element root = impl_->parse(text, capacity, prefix);
    w.document(root, out);
  } catch (const Error& e) {
    if (faults == nullptr) throw;
    w.record(e);
  }
}

Remedy CaseReader::read_remedy(std::string_view text, const std::string& path) {
  const Element root = impl_->parse(text, 0, path);
  Walk& w = impl_->walk;
  w.faults = nullptr;
  w.path.prefix = path;
  w.path.depth = 0;
  w.keys.clear();
  Remedy r;
  w.filled = Walk::Filled{};
  w.remedy(root, r);
  w.close(r);
  return r;
}

std::string CaseReader::authority_of(std::string_view text) noexcept {
  try {
    Element root;
    impl_->copy.assign(text.data(), text.size());
    impl_->copy.append(kPadding, ' ');
    if (text.size() <= limits::kMaxCaseBytes &&
        impl_->parser.parse(impl_->copy.data(), text.size(), false).get(root) == simdjson::SUCCESS &&
        root.type() == Type::OBJECT) {
      Element a;
      if (dom::object(root).at_key("authority").get(a) == simdjson::SUCCESS && a.type() == Type::STRING) {
        return std::string(std::string_view(a));
      }
    }
  } catch (...) {
  }
  return "(unknown)";
}

CaseReader& thread_reader() {
  thread_local CaseReader reader;
  return reader;
}

}  // namespace redress::detail

#include "redress/batch.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "detail/evaluate.hpp"
#include "detail/json_read.hpp"
#include "detail/name_index.hpp"
#include "detail/report_json.hpp"
#include "redress/authorities.hpp"
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

// The length of the UTF-8 sequence at s[i], or 0 if it is not one: overlong forms, surrogates (U+D800..DFFF) and
// code points beyond U+10FFFF are not UTF-8 (RFC 3629, table 3-7 of the Unicode standard).
std::size_t utf8_sequence(const std::string& s, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char b = at(0);
  if (b < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0) lo = 0xA0;  // overlong
    if (b == 0xED) hi = 0x9F;  // surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0) lo = 0x90;  // overlong
    if (b == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;  // a continuation byte, C0, C1 (overlong) or F5..FF
  }
  if (i + len > s.size()) return 0;
  if (at(1) < lo || at(1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (at(k) < 0x80 || at(k) > 0xBF) return 0;
  }
  return len;
}

// `s` with any byte sequence that is not UTF-8 replaced by U+FFFD, so that the CSV stays UTF-8.
std::string utf8_clean(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_sequence(s, i);
    if (len != 0) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// A CSV cell: UTF-8, quoted where it must be, and a text that a spreadsheet would run as a formula (one beginning
// = + - @, a tab or a CR: OWASP's rule) prefixed with ' so that it is shown as text.
std::string csv_field(const std::string& raw) {
  std::string s = utf8_clean(raw);
  if (!s.empty() && std::strchr("=+-@\t\r", s[0]) != nullptr) s.insert(0, 1, '\'');
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

}  // namespace

namespace {

// A short text put together on the stack and appended to a std::string in one call: each std::string::append
// is a call into the library, and a row made of nine of them spent a twentieth of a plain case's work there.
// Every piece has a bound (a number has at most 20 digits, a reference 10 characters), and the writers below
// flush() before a piece that might not fit, so no text is ever cut. The last flush() is the caller's (not a
// destructor's, which could not let an exception out).
class Piece {
 public:
  static constexpr std::size_t kRoom = 128;

  explicit Piece(std::string& out) : out_(out) {}
  Piece(const Piece&) = delete;
  Piece& operator=(const Piece&) = delete;

  void flush() {
    out_.append(buf_, n_);
    n_ = 0;
  }
  // Room for `bytes` more, flushing first if they might not fit.
  void room(std::size_t bytes) {
    if (n_ + bytes > kRoom) flush();
  }
  template <std::size_t N>
  void text(const char (&t)[N]) {
    static_assert(N - 1 <= kRoom, "a literal longer than a piece");
    room(N - 1);
    std::memcpy(buf_ + n_, t, N - 1);
    n_ += N - 1;
  }
  void put(char c) {
    room(1);
    buf_[n_++] = c;
  }
  // A text of any length: kept in the piece when it fits, else appended after what the piece holds.
  void bytes(std::string_view t) {
    if (t.size() > kRoom) {
      flush();
      out_.append(t.data(), t.size());
      return;
    }
    room(t.size());
    std::memcpy(buf_ + n_, t.data(), t.size());
    n_ += t.size();
  }
  // The digits of a non-negative number.
  void number(std::uint64_t v) {
    char digits[20];
    char* at = digits + sizeof digits;  // filled from the end
    do {
      *--at = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    bytes(std::string_view(at, static_cast<std::size_t>(digits + sizeof digits - at)));
  }
  // Money::to_decimal's text ("-12.50").
  void money(Money amount) {
    const std::int64_t pence = amount.pence();
    if (pence < 0) put('-');
    const std::uint64_t magnitude =
        pence < 0 ? static_cast<std::uint64_t>(-(pence + 1)) + 1 : static_cast<std::uint64_t>(pence);
    number(magnitude / 100);
    room(3);
    buf_[n_++] = '.';
    buf_[n_++] = static_cast<char>('0' + magnitude % 100 / 10);
    buf_[n_++] = static_cast<char>('0' + magnitude % 10);
  }
  // CaseReference::str()'s "NN NNN NNN".
  void reference(std::uint32_t number) {
    room(10);
    char* text = buf_ + n_;
    const int at[8] = {0, 1, 3, 4, 5, 7, 8, 9};
    text[2] = text[6] = ' ';
    for (int k = 7; k >= 0; --k) {
      text[at[k]] = static_cast<char>('0' + number % 10);
      number /= 10;
    }
    n_ += 10;
  }

 private:
  std::string& out_;
  char buf_[kRoom];
  std::size_t n_ = 0;
};

// CaseReference::str()'s "NN NNN NNN", appended to `out`.
void append_reference(std::string& out, std::uint32_t number) {
  Piece piece(out);
  piece.reference(number);
  piece.flush();
}

// Whether `raw` is a CSV cell as it stands: printable ASCII, no comma or quote, not read as a formula.
bool plain_csv(const std::string& raw) {
  const bool plain = std::all_of(raw.begin(), raw.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x80 && c != ',' && c != '"';
  });
  return plain && (raw.empty() || std::strchr("=+-@", raw[0]) == nullptr);
}

// A CSV cell: csv_field's text, without a temporary for the usual plain ASCII cell.
void csv_cell(Piece& out, const std::string& raw) {
  if (plain_csv(raw)) {
    out.bytes(raw);
  } else {
    out.bytes(csv_field(raw));
  }
}

// A result's CSV row: line, reference, authority, total and empty error columns.
void append_csv_result(std::string& out, std::int64_t n, const Case& c, Money total) {
  Piece row(out);
  row.number(static_cast<std::uint64_t>(n));
  row.put(',');
  if (c.reference) {
    row.reference(c.reference->number());
  } else {
    csv_cell(row, c.id);
  }
  row.put(',');
  csv_cell(row, c.authority);
  row.put(',');
  row.money(total);
  row.text(",,\n");
  row.flush();
}

// A result's row: {"line":N,"reference":"21 002 722","id":...,"authority":...,"total":"8800.00"}.
void append_row(std::string& out, std::int64_t n, const std::optional<CaseReference>& reference,
                const std::string& authority_json, Money total, const std::string& id) {
  Piece row(out);
  row.text("{\"line\":");
  row.number(static_cast<std::uint64_t>(n));
  row.text(",\"reference\":");
  if (reference) {
    row.put('"');
    row.reference(reference->number());
    row.put('"');
  } else if (!id.empty()) {
    row.text("null");
  } else {
    row.text("\"\"");
  }
  if (!id.empty()) {
    row.text(",\"id\":");
    row.flush();
    detail::append_json_string(out, id);
  }
  row.text(",\"authority\":");
  row.bytes(authority_json);
  row.text(",\"total\":\"");
  row.money(total);
  row.text("\"}\n");
  row.flush();
}

}  // namespace

namespace {

// The reason the last write failed, as the system gives it ("No space left on device").
std::string write_failure() {
  const int code = errno;
  return code != 0 ? std::string(std::strerror(code)) : std::string("the write failed");
}

// One authority's part of a block's summary.
struct Tally {
  std::string key;       // the summary key: the council answerable now
  AuthoritySummary a;    // counts; a.authority is the name shown
  bool current = false;  // a.authority is a name of the council answerable now
  bool used = false;     // has a line in this block
  std::array<Money, detail::RemedyFigures::kKinds> kinds{};
  unsigned kinds_present = 0;
  struct Fault {
    std::int64_t cases = 0;
    std::vector<std::string> references;  // the first `listed` are this block's
    std::size_t listed = 0;
  };
  std::vector<Fault> faults;  // by index in fault_kinds()
};

// An authority as a line writes it: the tally it counts under, and whether it names the council answerable now.
struct Written {
  std::size_t tally = 0;
  bool current = false;
  std::string json;  // the name as a JSON string, quoted and escaped once for the rows of every line naming it
};

// One worker's block of whole lines and its scratch, reused from block to block so that the steady state does
// not allocate per case: the reader's parser, the case, the output text and a summary of the block alone. Each
// starts on a cache line of its own, so that one worker's writes (its counts, its case, its deadlines) never
// share a line with the fields another worker reads for every line.
struct alignas(64) Slot {
  static constexpr std::size_t kPadding = 64;  // readable bytes after the last line, as simdjson needs
  std::vector<char> in;
  std::size_t size = 0;         // bytes of whole lines in `in` (the last may lack its LF at the end of input)
  std::int64_t first_line = 0;  // the number of the line before the block's first
  std::string out, csv;
  std::int64_t lines = 0, cases = 0, errors = 0;
  // The block's summary: one tally per authority (by the council answerable now), kept from block to block with
  // its counts set back to zero after each merge, so that the steady state allocates nothing.
  std::vector<std::unique_ptr<Tally>> tallies;
  std::unordered_map<std::string, std::size_t> tally_of;  // summary key -> tallies index
  std::unordered_map<std::string, Written> names;         // authority as written -> its tally
  detail::CaseReader reader;
  Case c;
  detail::RemedyFigures figures;
  std::vector<Deadline> deadlines;
};

// The summary's key for an authority as written: the council answerable for its cases today, so that a
// predecessor's cases (Dorset County Council, 2019) and its successor's (Dorset Council) are one authority's, and
// "Dudley MBC" is "Dudley Metropolitan Borough Council". A name with no letters keeps its written form.
std::string summary_key(const std::string& name) {
  try {
    if (!name.empty()) return canonical_authority(name);
  } catch (const InvalidInput&) {
  }
  return name;
}

// The name an authority's summary shows: a name of the council answerable now ("Dorset Council") wins over a
// predecessor's ("Dorset County Council"); otherwise the first name written, in input order.
bool names_current(const std::string& key, const std::string& name) {
  if (name.empty()) return false;
  for (const AuthoritySuccession& step : authority_successions()) {
    if (step.predecessor == name) return false;  // an abolished council, by the name the table gives it
  }
  try {
    return authority_short_name(name) == key;
  } catch (const InvalidInput&) {
    return false;
  }
}
void name_summary(AuthoritySummary& a, const std::string& key, const std::string& name) {
  if (a.authority.empty() || (!names_current(key, a.authority) && names_current(key, name))) a.authority = name;
}

// The tally a line of `name` counts under in this slot, found by the name as written: the key and whether the
// name is current are worked out once per name, not per line.
Tally& tally_for(Slot& s, const std::string& name, const Written** written = nullptr) {
  auto found = s.names.find(name);
  if (found == s.names.end()) {
    const std::string key = summary_key(name);
    auto [at, fresh] = s.tally_of.emplace(key, s.tallies.size());
    if (fresh) {
      s.tallies.push_back(std::make_unique<Tally>());
      s.tallies.back()->key = key;
      s.tallies.back()->faults.resize(fault_kinds().size());
    }
    Written w{at->second, names_current(key, name), {}};
    detail::append_json_string(w.json, name);
    found = s.names.emplace(name, std::move(w)).first;
  }
  if (written != nullptr) *written = &found->second;
  Tally& t = *s.tallies[found->second.tally];
  t.used = true;
  // The name shown: a current name wins over a predecessor's; otherwise the first written (name_summary's rule).
  if (t.a.authority.empty() || (!t.current && found->second.current)) {
    t.a.authority = name;
    t.current = found->second.current;
  }
  return t;
}

// The index of a fault kind in fault_kinds() (the reader admits no other).
std::size_t fault_index(const std::string& kind) {
  static const detail::NameIndex kinds = [] {
    detail::NameIndex out;
    for (const std::string& k : fault_kinds()) {
      if (out.add(k) + 1 != out.size()) throw std::logic_error("fault_kinds() names a kind twice");
    }
    return out;
  }();
  const std::uint32_t found = kinds.find(kind);
  return found == detail::NameIndex::kNone ? fault_kinds().size() : found;
}

// Every line of the slot's block, in order, into the slot's output and summary.
void work(Slot& s, const BatchOptions& options, const CaseOptions& case_options, bool csv, std::int64_t skip) {
  s.out.clear();
  s.csv.clear();
  s.lines = s.cases = s.errors = 0;
  std::int64_t n = s.first_line;
  for (std::size_t at = 0; at < s.size;) {
    const char* start = s.in.data() + at;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', s.size - at));
    const std::size_t length = newline != nullptr ? static_cast<std::size_t>(newline - start) : s.size - at;
    std::string_view line(start, length);
    const std::size_t capacity = s.in.size() - at;
    at += length + 1;
    ++n;
    if (n <= skip) continue;  // finished by an earlier run (resume)
    ++s.lines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Case& c = s.c;
    try {
      if (line.find_first_not_of(" \t") == std::string_view::npos) {
        throw InvalidInput("line", "", "is blank: each line must hold one case");
      }
      s.reader.read(line, capacity, c);
      // The rows need the figures only; --detail writes the whole report, words and all.
      detail::RemedyFigures& f = s.figures;
      const CaseReport report = detail::evaluate_case(c, case_options, options.detail, options.detail ? nullptr : &f,
                                                      options.detail ? nullptr : &s.deadlines);
      const std::vector<Deadline>& deadlines = options.detail ? report.deadlines : s.deadlines;
      if (options.detail && report.remedy) {
        f = detail::RemedyFigures{};
        f.total = report.remedy->total;
        for (const auto& [kind, amount] : report.remedy->by_kind) {
          std::size_t k = 0;
          while (k + 1 < detail::RemedyFigures::kKinds && detail::kind_name(k) != kind) ++k;
          f.by_kind[k] += amount;
          f.present |= 1U << k;
        }
      }
      const bool remedied = c.remedy && (options.detail ? report.remedy.has_value() : case_options.remedy);
      const Written* written = nullptr;
      Tally& t = tally_for(s, c.authority, &written);
      AuthoritySummary& a = t.a;
      ++a.cases;
      ++s.cases;
      if (remedied) {
        a.total += f.total;
        for (std::size_t k = 0; k < detail::RemedyFigures::kKinds; ++k) {
          if ((f.present >> k & 1U) != 0) t.kinds[k] += f.by_kind[k];
        }
        t.kinds_present |= f.present;
      }
      const bool stated = c.remedy && (!c.remedy->payments.empty() || !c.remedy->lost_provision.empty());
      const bool recommends_payment = std::any_of(c.recommendations.begin(), c.recommendations.end(),
                                                  [](const Recommendation& r) { return r.kind == "payment"; });
      a.amount_not_stated += recommends_payment && !stated;
      a.recommendations_overdue += report.recommendations_overdue;
      for (const Deadline& d : deadlines) {
        if (d.status == DeadlineStatus::overdue) {
          ++a.deadlines_overdue;
          ++a.overdue_by_rule[d.rule];
        }
        static const std::string kFinalPlan = "ehc.final_plan";  // compared as strings: lengths first
        if (!d.met || d.rule != kFinalPlan) continue;
        const bool within = d.status == DeadlineStatus::met_on_time;
        ++a.plans;
        a.plans_within_20_weeks += within;
        if (d.exceptions.empty() && c.exceptions_apply != true) {  // exceptions dated, or recorded as applying
          ++a.plans_ex;
          a.plans_within_20_weeks_ex += within;
        }
      }
      // Each fault kind once per case: a case that lists a fault twice is still one case.
      std::uint64_t kinds = 0;
      for (const std::string& kind : c.faults) kinds |= std::uint64_t{1} << fault_index(kind);
      for (std::size_t k = 0; kinds != 0; ++k, kinds >>= 1) {
        if ((kinds & 1U) == 0) continue;
        Tally::Fault& fault = t.faults[k];
        ++fault.cases;
        if (fault.listed >= AuthoritySummary::kListedReferences) continue;
        if (fault.listed == fault.references.size()) fault.references.emplace_back();
        std::string& reference = fault.references[fault.listed++];
        if (c.reference) {
          reference.clear();
          append_reference(reference, c.reference->number());
        } else {
          reference.assign(c.id);
        }
      }
      const Money total = remedied ? f.total : Money();
      if (options.detail) {
        Json row = detail::case_report_json(c, report);
        row["line"] = n;
        s.out += dump(row);
        s.out += '\n';
      } else {
        append_row(s.out, n, c.reference, written->json, total, c.id);
      }
      if (csv) append_csv_result(s.csv, n, c, total);
    } catch (const Error& e) {
      ++s.errors;
      ++tally_for(s, s.reader.authority_of(line)).a.errors;
      s.out +=
          dump(Json{{"line", n}, {"error", {{"path", e.field()}, {"message", e.what()}, {"kind", error_kind(e)}}}});
      s.out += '\n';
      if (csv) s.csv += std::to_string(n) + ",,,," + csv_field(e.field()) + ',' + csv_field(e.what()) + '\n';
    }
  }
}

// Adds a block's tally of one authority to the earlier blocks' summary, and sets the tally back to zero for the
// next block (keeping its buffers). Counts add, and the fault references keep the first kListedReferences in input
// order, so the result is the same however the file was split.
void merge(AuthoritySummary& a, Tally& t) {
  AuthoritySummary& b = t.a;
  name_summary(a, t.key, b.authority);
  a.cases += b.cases;
  a.errors += b.errors;
  a.total += b.total;
  for (std::size_t k = 0; k < detail::RemedyFigures::kKinds; ++k) {
    if ((t.kinds_present >> k & 1U) != 0) a.by_kind[std::string(detail::kind_name(k))] += t.kinds[k];
  }
  a.recommendations_overdue += b.recommendations_overdue;
  a.deadlines_overdue += b.deadlines_overdue;
  for (auto& [rule, count] : b.overdue_by_rule) {
    if (count != 0) a.overdue_by_rule[rule] += count;
    count = 0;
  }
  a.amount_not_stated += b.amount_not_stated;
  a.plans += b.plans;
  a.plans_within_20_weeks += b.plans_within_20_weeks;
  a.plans_ex += b.plans_ex;
  a.plans_within_20_weeks_ex += b.plans_within_20_weeks_ex;
  for (std::size_t k = 0; k < t.faults.size(); ++k) {
    Tally::Fault& fault = t.faults[k];
    if (fault.cases == 0) continue;
    AuthoritySummary::FaultTally& into = a.faults[fault_kinds()[k]];
    into.cases += fault.cases;
    for (std::size_t i = 0; i < fault.listed && into.references.size() < AuthoritySummary::kListedReferences; ++i) {
      into.references.push_back(fault.references[i]);
    }
    fault.cases = 0;
    fault.listed = 0;
  }
  // Back to zero, buffers kept.
  b.authority.clear();
  b.cases = b.errors = 0;
  b.total = Money();
  b.recommendations_overdue = b.deadlines_overdue = b.amount_not_stated = 0;
  b.plans = b.plans_within_20_weeks = b.plans_ex = b.plans_within_20_weeks_ex = 0;
  t.current = false;
  t.used = false;
  t.kinds.fill(Money());
  t.kinds_present = 0;
}

// The LFs in `size` bytes: memchr finds each with vector instructions, where a byte-by-byte count took a tenth
// of a case's time (under the input lock).
std::int64_t count_lines(const char* p, std::size_t size) {
  std::int64_t n = 0;
  const char* const end = p + size;
  while (const auto* lf = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) {
    ++n;
    p = lf + 1;
  }
  return n;
}

// Fills `s` with the next whole lines of `in` (at least `block` bytes unless the input ends first), keeping the
// bytes after the last LF in `carry` for the next block. False when the input is used up. The slot's buffer only
// grows: the bytes past the block are left as they were (the reader needs them readable, not zero), where
// resizing it for each block wrote a megabyte of zeros, a twentieth of the work.
bool fill(std::istream& in, Slot& s, std::vector<char>& carry, bool& eof, std::size_t block) {
  std::vector<char>& b = s.in;
  const auto room = [&b](std::size_t bytes) {
    if (b.size() < bytes + Slot::kPadding) b.resize(bytes + Slot::kPadding);
  };
  std::size_t size = carry.size();
  room(size);
  std::copy(carry.begin(), carry.end(), b.begin());
  carry.clear();
  std::size_t searched = 0;  // bytes of `b` already known to hold no LF
  for (;;) {
    while (!eof && size < block) {
      const std::size_t want = std::max<std::size_t>(block - size, 4096);
      room(size + want);
      in.read(b.data() + size, static_cast<std::streamsize>(want));
      const auto got = static_cast<std::size_t>(in.gcount());
      size += got;
      if (got < want) eof = true;
    }
    if (eof) break;
    const auto first = b.begin() + static_cast<std::ptrdiff_t>(searched);
    const auto end = b.begin() + static_cast<std::ptrdiff_t>(size);
    const auto last = std::find(std::make_reverse_iterator(end), std::make_reverse_iterator(first), '\n');
    if (last != std::make_reverse_iterator(first)) {
      const auto cut = static_cast<std::size_t>(last.base() - b.begin());  // bytes up to and including the LF
      carry.assign(b.begin() + static_cast<std::ptrdiff_t>(cut), end);
      size = cut;
      break;
    }
    searched = size;  // one line longer than the block: read on until it ends
    block = size * 2;
  }
  s.size = size;
  return size > 0;
}

BatchSummary run_lines(std::istream& in, std::ostream& out, const BatchOptions& options, std::ostream* csv,
                       std::int64_t skip) {
  BatchSummary summary;
  std::map<std::string, AuthoritySummary> by_authority;
  if (csv != nullptr && skip == 0) *csv << "line,reference,authority,total,error_path,error\n";
  CaseOptions case_options;
  case_options.as_of = options.as_of;
  case_options.deadlines = options.deadlines;
  unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : std::thread::hardware_concurrency();
  jobs = std::max(1U, std::min(jobs, static_cast<unsigned>(BatchOptions::kMaxJobs)));
  const std::size_t block = std::max<std::size_t>(options.block_bytes, 1);
  // Each worker takes the next block of whole lines from the input (one at a time), works it alone, then waits
  // for its turn to write it, so the rows and the summary keep input order while the other workers go on: one
  // block in flight per worker, reading and writing overlapped with the work.
  std::vector<std::unique_ptr<Slot>> slots;
  for (unsigned i = 0; i < jobs; ++i) slots.push_back(std::make_unique<Slot>());
  std::mutex input_mutex;  // guards in, carry, eof, n and next
  std::vector<char> carry;
  bool eof = false;
  std::int64_t n = 0;
  std::uint64_t next = 0;
  std::mutex output_mutex;  // guards out, csv, written, failure and the summary
  std::condition_variable turn;
  std::uint64_t written = 0;
  std::exception_ptr failure;
  std::atomic<bool> stop{false};
  const auto fail = [&](std::exception_ptr e) {
    {
      const std::lock_guard<std::mutex> lock(output_mutex);
      if (!failure) failure = std::move(e);
      stop = true;
    }
    turn.notify_all();
  };
  const auto worker = [&](Slot& s) {
    for (;;) {
      std::uint64_t seq = 0;
      try {
        const std::lock_guard<std::mutex> lock(input_mutex);
        if (stop || !fill(in, s, carry, eof, block)) return;
        s.first_line = n;
        n += count_lines(s.in.data(), s.size);
        if (s.in[s.size - 1] != '\n') ++n;  // the last line, without its LF
        seq = next++;
      } catch (...) {
        fail(std::current_exception());
        return;
      }
      try {
        work(s, options, case_options, csv != nullptr, skip);
      } catch (...) {
        fail(std::current_exception());
        return;
      }
      {
        std::unique_lock<std::mutex> lock(output_mutex);
        turn.wait(lock, [&] { return written == seq || stop; });
        if (stop) return;
        errno = 0;
        out.write(s.out.data(), static_cast<std::streamsize>(s.out.size()));
        if (!out) {
          failure = std::make_exception_ptr(Error("output", "", "could not be written: " + write_failure()));
        } else if (csv != nullptr) {
          errno = 0;
          csv->write(s.csv.data(), static_cast<std::streamsize>(s.csv.size()));
          if (!*csv) failure = std::make_exception_ptr(Error("csv", "", "could not be written: " + write_failure()));
        }
        if (failure) {
          stop = true;
        } else {
          summary.lines += s.lines;
          summary.cases += s.cases;
          summary.errors += s.errors;
          for (const std::unique_ptr<Tally>& t : s.tallies) {
            if (t->used) merge(by_authority[t->key], *t);
          }
          ++written;
        }
      }
      turn.notify_all();
    }
  };
  {
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < slots.size(); ++i) threads.emplace_back(worker, std::ref(*slots[i]));
    worker(*slots[0]);
    for (std::thread& t : threads) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  errno = 0;
  out.flush();
  if (!out) throw Error("output", "", "could not be written: " + write_failure());
  if (csv != nullptr) {
    errno = 0;
    csv->flush();
    if (!*csv) throw Error("csv", "", "could not be written: " + write_failure());
  }
  summary.resumed_after = skip;
  for (auto& [name, a] : by_authority) summary.authorities.push_back(std::move(a));
  return summary;
}

// The number of whole lines in `path` (each ending in LF), the file cut after the last of them, or after the
// first `keep` of them when `keep` is not negative.
std::int64_t whole_lines(const std::string& path, std::int64_t keep) {
  std::ifstream f(path, std::ios::binary);
  std::int64_t lines = 0;
  std::uintmax_t end = 0, at = 0;
  std::vector<char> block(std::size_t{1} << 16);
  while (f.read(block.data(), static_cast<std::streamsize>(block.size())) || f.gcount() > 0) {
    const auto got = static_cast<std::size_t>(f.gcount());
    for (std::size_t i = 0; i < got; ++i) {
      if (block[i] == '\n' && (keep < 0 || lines < keep)) {
        ++lines;
        end = at + i + 1;
      }
    }
    at += got;
  }
  f.close();
  std::error_code ec;
  std::filesystem::resize_file(path, end, ec);
  return lines;
}

}  // namespace

BatchSummary run_batch(std::istream& in, std::ostream& out, const BatchOptions& options, std::ostream* csv) {
  return run_lines(in, out, options, csv, 0);
}

BatchSummary run_batch_files(const std::string& input, const std::string& output, const BatchOptions& options,
                             const std::string& csv) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(input, ec)) {
    throw InvalidInput("input", input, "is a directory: the batch reads one JSON Lines file");
  }
  // A pipe or a terminal can be both input and output (`redress batch - -o -`); only a file can be written over.
  if (fs::is_regular_file(input, ec)) {
    for (const std::string& target : {output, csv}) {
      if (!target.empty() && fs::exists(target, ec) && fs::equivalent(input, target, ec)) {
        throw InvalidInput("output", target, "is the input file: the batch never writes over its input");
      }
    }
  }
  if (!csv.empty() &&
      (csv == output || (fs::exists(csv, ec) && fs::exists(output, ec) && fs::equivalent(csv, output, ec)))) {
    throw InvalidInput("csv", csv, "is also the output file: give the CSV a name of its own");
  }
  std::ifstream in(input, std::ios::binary);
  if (!in) throw InvalidInput("input", input, "cannot be opened for reading");
  // Where each output goes. A file (or a name not yet taken) is written to NAME.part beside it and renamed over it
  // when the whole run is written, so a file under its name is always a finished run; through a symbolic link,
  // the file is the link's target, and the link stays. A device, a pipe or a terminal (/dev/null, /dev/full),
  // and any name under /dev or /proc (/dev/stdout: standard output, whatever it is), is written in place and
  // appended to, never truncated or replaced: a file renamed over it would replace the device or the link.
  struct Target {
    std::string path;
    bool in_place = false;
  };
  const auto target_of = [](const std::string& name) -> Target {
    if (name.empty()) return {};
    if (name.rfind("/dev/", 0) == 0 || name.rfind("/proc/", 0) == 0) return {name, true};
    std::error_code e;
    fs::path file(name);
    if (fs::is_symlink(fs::symlink_status(file, e))) {
      const fs::path resolved = fs::weakly_canonical(file, e);
      if (!e) file = resolved;
    }
    if (fs::exists(file, e) && !fs::is_regular_file(file, e)) return {file.string(), true};
    return {file.string(), false};
  };
  const Target out_target = target_of(output);
  const Target csv_target = target_of(csv);
  const std::string part = out_target.path + ".part";
  const std::string csv_part = csv.empty() ? std::string() : csv_target.path + ".part";
  const std::string out_path = out_target.in_place ? out_target.path : part;
  const std::string csv_path = csv_target.in_place ? csv_target.path : csv_part;
  // --resume goes on from the .part files; an output written in place has none, so the run starts again.
  const bool resumable = options.resume && !out_target.in_place && (csv.empty() || !csv_target.in_place);
  std::int64_t skip = 0;
  if (resumable && fs::exists(part, ec)) {
    skip = whole_lines(part, -1);
    if (!csv.empty()) {
      // The CSV has a header and one row a line: both files go on from the lines both finished.
      const std::int64_t rows = fs::exists(csv_part, ec) ? whole_lines(csv_part, -1) - 1 : -1;
      skip = std::max<std::int64_t>(0, std::min(skip, rows));
      if (skip > 0) whole_lines(csv_part, skip + 1);
    }
    whole_lines(part, skip);
  }
  const auto mode = [skip](const Target& t) {
    return std::ios::binary | (t.in_place || skip > 0 ? std::ios::app : std::ios::trunc);
  };
  std::ofstream out(out_path, mode(out_target));
  if (!out) throw InvalidInput("output", output, "cannot be opened for writing: " + write_failure());
  std::ofstream csv_out;
  if (!csv.empty()) {
    csv_out.open(csv_path, mode(csv_target));
    if (!csv_out) throw InvalidInput("csv", csv, "cannot be opened for writing: " + write_failure());
  }
  BatchSummary summary;
  try {
    summary = run_lines(in, out, options, csv.empty() ? nullptr : &csv_out, skip);
    errno = 0;
    out.close();
    if (out.fail()) throw Error("output", "", "could not be written: " + write_failure());
    if (!csv.empty()) {
      errno = 0;
      csv_out.close();
      if (csv_out.fail()) throw Error("csv", "", "could not be written: " + write_failure());
    }
  } catch (const Error& e) {
    // Name the file and the reason; leave nothing under the output's name (a file's .part is removed; what went
    // to a device or a pipe has gone).
    out.close();
    csv_out.close();
    const bool csv_failed = e.field() == "csv";
    const std::string file = csv_failed ? csv : output;
    if (!options.resume) {
      if (!out_target.in_place) fs::remove(part, ec);
      if (!csv.empty() && !csv_target.in_place) fs::remove(csv_part, ec);
    }
    throw Error(csv_failed ? "csv" : "output", file, e.rule());
  }
  if (!out_target.in_place) fs::rename(part, out_target.path, ec);
  if (ec) throw Error("output", output, "could not be put in place: " + ec.message());
  if (!csv.empty() && !csv_target.in_place) {
    fs::rename(csv_part, csv_target.path, ec);
    if (ec) throw Error("csv", csv, "could not be put in place: " + ec.message());
  }
  return summary;
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
                    {"deadlines_overdue_by_rule", a.overdue_by_rule},
                    {"amount_not_stated", a.amount_not_stated},
                    {"plans_issued", a.plans},
                    {"plans_within_20_weeks", a.plans_within_20_weeks},
                    {"pc_within_20_weeks", rate(a.plans_within_20_weeks, a.plans)},
                    {"pc_within_20_weeks_ex", rate(a.plans_within_20_weeks_ex, a.plans_ex)},
                    {"repeat_faults", repeats},
                    {"repeat_fault_cases", repeat_cases}});
  }
  Json doc = {{"lines", lines}, {"cases", cases}, {"errors", errors}, {"authorities", list}};
  if (resumed_after > 0) doc["resumed_after"] = resumed_after;
  return dump(doc);
}

namespace {
// "1 case", "2 cases": counts in the summary read as English.
std::string count(std::int64_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}
}  // namespace

std::string BatchSummary::to_text() const {
  std::ostringstream s;
  s << count(lines, "line") << ": " << count(cases, "case") << ", " << count(errors, "error") << "\n";
  if (resumed_after > 0) {
    s << "(resumed after line " << resumed_after << ": the summary counts the lines of this run only)\n";
  }
  for (const AuthoritySummary& a : authorities) {
    s << "\n"
      << (a.authority.empty() ? "(no authority)" : a.authority) << ": " << count(a.cases, "case") << ", "
      << count(a.errors, "error") << ", ";
    if (a.total.pence() == 0 && a.amount_not_stated > 0) {
      s << "amount not stated\n";
    } else {
      s << a.total.format() << " owed\n";
    }
    if (a.amount_not_stated > 0 && a.total.pence() != 0) {
      s << "  a payment recommended without its amount in " << count(a.amount_not_stated, "case") << "\n";
    }
    for (const auto& [k, v] : a.by_kind) s << "  " << k << ": " << v.format() << "\n";
    s << "  recommendations overdue: " << a.recommendations_overdue
      << "; statutory deadlines overdue: " << a.deadlines_overdue;
    if (!a.overdue_by_rule.empty()) {
      s << " (";
      bool first = true;
      for (const auto& [rule, n] : a.overdue_by_rule) {
        s << (first ? "" : ", ") << rule << " " << n;
        first = false;
      }
      s << ")";
    }
    s << "\n";
    if (a.plans > 0) {
      s << "  final EHC plans within 20 weeks: " << a.plans_within_20_weeks << " of " << a.plans << "\n";
    }
    for (const auto& [k, refs] : a.repeat_faults()) {
      const std::int64_t found = a.faults.at(k).cases;
      s << "  repeat fault " << k << " in " << count(found, "case") << ":";
      for (const std::string& r : refs) s << " " << r;
      if (found > static_cast<std::int64_t>(refs.size())) s << " ...";
      s << "\n";
    }
  }
  return s.str();
}

}  // namespace redress

// The table-import layer: the CSV reader, the column map and the streaming row mapper (include/redress/tables.hpp).
// Rows become JSON text directly (no document tree per row): the map is compiled once into a tree of fields, and
// each row walks it, converting each cell by its field's type.
#include "redress/tables.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <functional>
#include <istream>
#include <ostream>
#include <set>
#include <utility>

#include "detail/config_json.hpp"
#include "detail/json_read.hpp"
#include "redress/deadlines.hpp"
#include "redress/error.hpp"

namespace redress {

namespace {

using detail::Json;

// --- Text helpers ---------------------------------------------------------------------------------------------

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  // A no-break space (U+00A0) around a figure is as blank as a space.
  while (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0)
    s.remove_prefix(2);
  while (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
         static_cast<unsigned char>(s[s.size() - 1]) == 0xA0)
    s.remove_suffix(2);
  return s;
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// An enum cell as the case format writes it: "Not upheld" -> "not_upheld", "Term" -> "term".
std::string as_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : trim(s)) out += (c == ' ' || c == '-') ? '_' : lower(c);
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
  }
  out.append(s.data() + start, s.size() - start);
  out += '"';
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// " (did you mean \"x\"?)" for the nearest of `names` within a third of the word's length, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& names) {
  std::size_t best = std::string::npos;
  std::string nearest;
  for (const std::string& n : names) {
    const std::size_t d = edit_distance(word, n);
    if (d < best) {
      best = d;
      nearest = n;
    }
  }
  if (nearest.empty() || best > std::max<std::size_t>(2, word.size() / 3)) return "";
  return " (did you mean \"" + nearest + "\"?)";
}

// --- Encodings ------------------------------------------------------------------------------------------------

// The length of the valid UTF-8 prefix of `s` (s.size() when all of it is valid).
std::size_t utf8_valid_prefix(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return n;
}

// Windows-1252's 0x80-0x9F (0 where the code page leaves the byte undefined).
constexpr std::array<std::uint16_t, 32> kCp1252High = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                                       0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string from_cp1252(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else if (c < 0xA0) {
      const std::uint16_t cp = kCp1252High[c - 0x80];
      append_utf8(out, cp == 0 ? 0xFFFDu : cp);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

}  // namespace

// --- CsvReader ------------------------------------------------------------------------------------------------

struct CsvReader::Impl {
  std::istream& in;
  std::string buf;
  std::size_t pos = 0;
  bool eof = false;
  char delim = 0;
  std::string encoding = "utf-8";
  bool cp1252 = false;
  std::size_t row = 0;
  std::string error;
  std::string scratch;

  explicit Impl(std::istream& is) : in(is) {}

  // Reads more input after compacting away what has been consumed; false when nothing more came.
  bool fill() {
    if (eof) return false;
    if (pos > 0) {
      buf.erase(0, pos);
      pos = 0;
    }
    const std::size_t old = buf.size();
    constexpr std::size_t kChunk = 1 << 20;
    buf.resize(old + kChunk);
    in.read(&buf[old], static_cast<std::streamsize>(kChunk));
    const auto got = static_cast<std::size_t>(in.gcount());
    buf.resize(old + got);
    if (got < kChunk) eof = true;
    return got > 0;
  }

  void start(char given) {
    fill();
    while (!eof && buf.size() < (1u << 16)) fill();
    if (buf.size() >= 3 && buf.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      pos = 3;
      encoding = "utf-8-sig";
    } else {
      // Judge by the first 64 KiB (cut at a line end so a character is not split).
      std::string_view head(buf);
      if (head.size() > (1u << 16)) {
        head = head.substr(0, 1u << 16);
        const std::size_t nl = head.rfind('\n');
        if (nl != std::string_view::npos) head = head.substr(0, nl);
      }
      if (utf8_valid_prefix(head) != head.size()) {
        cp1252 = true;
        encoding = "windows-1252";
      }
    }
    delim = given != 0 ? given : sniff();
  }

  char sniff() const {
    std::array<std::size_t, 4> counts{};
    const char cand[4] = {',', ';', '\t', '|'};
    bool quoted = false;
    for (std::size_t i = pos; i < buf.size(); ++i) {
      const char c = buf[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '\n' || c == '\r') break;
      for (std::size_t k = 0; k < 4; ++k) counts[k] += c == cand[k];
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < 4; ++k)
      if (counts[k] > counts[best]) best = k;
    return counts[best] == 0 ? ',' : cand[best];
  }

  // Parses one record starting at pos into cells; returns false (consuming nothing) if the buffer ends first and
  // more input may follow.
  enum class Parse { ok, need_more, end };
  Parse parse(std::vector<std::string>& cells, std::size_t& ncells) {
    std::size_t i = pos;
    const std::size_t n = buf.size();
    if (i >= n) return eof ? Parse::end : Parse::need_more;
    ncells = 0;
    auto cell = [&]() -> std::string& {
      if (ncells == cells.size()) cells.emplace_back();
      std::string& c = cells[ncells++];
      c.clear();
      return c;
    };
    while (true) {
      std::string& c = cell();
      if (i < n && buf[i] == '"') {
        ++i;
        while (true) {
          const std::size_t q = buf.find('"', i);
          if (q == std::string::npos) {
            if (!eof) return Parse::need_more;
            c.append(buf, i, n - i);
            i = n;
            error = "has a quoted cell that is never closed";
            break;
          }
          c.append(buf, i, q - i);
          i = q + 1;
          if (i < n && buf[i] == '"') {
            c += '"';
            ++i;
            continue;
          }
          if (i >= n && !eof) return Parse::need_more;
          break;
        }
        // Anything between the closing quote and the delimiter is kept as written.
        while (i < n && buf[i] != delim && buf[i] != '\n' && buf[i] != '\r') c += buf[i++];
      } else {
        std::size_t j = i;
        while (j < n && buf[j] != delim && buf[j] != '\n' && buf[j] != '\r') ++j;
        c.append(buf, i, j - i);
        i = j;
      }
      if (i >= n) {
        if (!eof) return Parse::need_more;
        pos = n;
        return Parse::ok;
      }
      if (buf[i] == delim) {
        ++i;
        continue;
      }
      // A line end: \n, \r\n or a lone \r.
      if (buf[i] == '\r') {
        if (i + 1 >= n && !eof) return Parse::need_more;
        ++i;
        if (i < n && buf[i] == '\n') ++i;
      } else {
        ++i;
      }
      pos = i;
      return Parse::ok;
    }
  }

  static constexpr std::size_t kMaxRecord = std::size_t{16} << 20;

  void skip_line() {
    while (true) {
      const std::size_t nl = buf.find('\n', pos);
      if (nl != std::string::npos) {
        pos = nl + 1;
        return;
      }
      pos = buf.size();
      if (!fill()) return;
    }
  }

  bool next(std::vector<std::string>& cells) {
    error.clear();
    std::size_t ncells = 0;
    while (true) {
      const Parse p = parse(cells, ncells);
      if (p == Parse::ok) break;
      if (p == Parse::end) return false;
      error.clear();
      if (buf.size() - pos >= kMaxRecord) {
        // A row this long is a quote never closed (or not a table at all): skip to the next line end, so
        // memory stays bounded and the rows after it are still read.
        skip_line();
        cells.clear();
        ++row;
        error = "is longer than 16 MiB (a quote never closed?): skipped to the next line";
        return true;
      }
      if (!fill() && pos >= buf.size()) return false;
    }
    cells.resize(ncells);
    ++row;
    for (std::string& c : cells) {
      if (cp1252) {
        bool high = false;
        for (char ch : c) high |= static_cast<unsigned char>(ch) >= 0x80;
        if (high) c = from_cp1252(c);
      } else if (error.empty()) {
        const std::size_t ok = utf8_valid_prefix(c);
        if (ok != c.size()) {
          static const char* hex = "0123456789abcdef";
          const auto b = static_cast<unsigned char>(c[ok]);
          error = std::string("is not valid UTF-8 (byte 0x") + hex[b >> 4] + hex[b & 15] +
                  ") though the file began as UTF-8";
          c = from_cp1252(c);  // shown legibly in the error line
        }
      }
    }
    return true;
  }
};

CsvReader::CsvReader(std::istream& in, char delimiter) : impl_(std::make_unique<Impl>(in)) {
  impl_->start(delimiter);
}
CsvReader::~CsvReader() = default;
bool CsvReader::next(std::vector<std::string>& cells) {
  return impl_->next(cells);
}
std::size_t CsvReader::row() const noexcept {
  return impl_->row;
}
const std::string& CsvReader::row_error() const noexcept {
  return impl_->error;
}
char CsvReader::delimiter() const noexcept {
  return impl_->delim;
}
const std::string& CsvReader::encoding() const noexcept {
  return impl_->encoding;
}

// --- Field types and the known targets ---------------------------------------------------------------------

namespace {

enum class Type { text, reference, date, date_or_month, money, number, boolean, choice, list_choice, event, due };

struct FieldSpec {
  Type type = Type::text;
  std::vector<std::string> choices;
};

const std::vector<std::string> kOutcomes = {"upheld", "not_upheld", "closed_after_initial_enquiries", "premature",
                                            "outside_jurisdiction"};
const std::vector<std::string> kFindings = {"fault_causing_injustice", "fault_no_injustice", "no_fault",
                                            "maladministration_and_injustice"};
const std::vector<std::string> kFaults = {"assessment_delay",
                                          "plan_content",
                                          "provision_not_secured",
                                          "alternative_provision",
                                          "annual_review",
                                          "phase_transfer",
                                          "tribunal_order",
                                          "complaint_handling",
                                          "communication",
                                          "record_keeping",
                                          "cooperation_with_ombudsman",
                                          "other"};
const std::vector<std::string> kRounding = {"pence",      "pound",        "five_pounds",
                                            "ten_pounds", "fifty_pounds", "hundred_pounds"};
const std::vector<std::string> kPer = {"month", "term", "week", "year"};
const std::vector<std::string> kProvision = {"none", "partial", "unsuitable"};
const std::vector<std::string> kHead = {"education", "special_provision", "other"};
const std::vector<std::string> kPaymentKinds = {
    "distress", "time_and_trouble", "lost_opportunity", "uncertainty", "complaint_handling", "reimbursement", "other"};
const std::vector<std::string> kPaymentTo = {"parent", "child", "young_person", "other"};
const std::vector<std::string> kStatus = {"complete", "in_progress", "on_track", "not_started", "refused"};
const std::vector<std::string> kExceptionTypes = {"school_closure", "exceptional_personal_circumstances",
                                                  "absent_from_area", "missed_appointment", "coronavirus"};
const std::vector<std::string> kTransfer = {"school_phase", "to_post16", "between_post16"};
const std::vector<std::string> kOrder = {"assess", "make_plan", "amend_contents", "name_school", "cease"};
const std::vector<std::string> kDateNames = {"first_aware", "complaint_to_council", "complaint_to_ombudsman",
                                             "final_decision", "report_received"};
// The event names the case format fixes, whatever the catalogue says.
const std::vector<std::string> kFixedEvents = {"ehc_request_received",
                                               "assessment_decision_notified",
                                               "advice_requested",
                                               "no_plan_decision_notified",
                                               "draft_plan_issued",
                                               "final_plan_issued",
                                               "plan_transferred_in",
                                               "review_meeting_held",
                                               "review_decision_notified",
                                               "amendment_notice_sent",
                                               "amended_plan_issued",
                                               "reassessment_request_received",
                                               "phase_transfer_due",
                                               "decision_letter_sent",
                                               "mediation_certificate_issued",
                                               "tribunal_order_made",
                                               "absence_began",
                                               "exclusion_began",
                                               "provision_started"};

// The catalogue's event names: every event a rule starts from, is met by, requires or is implied by.
std::vector<std::string> event_names(const RuleCatalogue& catalogue) {
  std::set<std::string> names(kFixedEvents.begin(), kFixedEvents.end());
  for (const Rule& r : catalogue.rules()) {
    for (const auto* list : {&r.start_events, &r.met_by, &r.requires_events, &r.implied_by, &r.superseded_by})
      names.insert(list->begin(), list->end());
    if (r.alternative) names.insert(r.alternative->event);
  }
  return {names.begin(), names.end()};
}

// The spec of a dotted path with array indices removed ("remedy.lost_provision[].rate"), or nullptr.
const FieldSpec* spec_of(const std::string& generic) {
  static const std::map<std::string, FieldSpec> specs = [] {
    std::map<std::string, FieldSpec> m;
    m["id"] = {Type::text, {}};
    m["reference"] = {Type::reference, {}};
    m["authority"] = {Type::text, {}};
    m["category"] = {Type::text, {}};
    m["outcome"] = {Type::choice, kOutcomes};
    m["finding"] = {Type::choice, kFindings};
    m["public_report"] = {Type::boolean, {}};
    m["faults"] = {Type::list_choice, kFaults};
    for (const std::string& d : kDateNames) m["dates." + d] = {Type::date, {}};
    m["remedy.guidance"] = {Type::text, {}};
    m["remedy.school_calendar"] = {Type::text, {}};
    m["remedy.rounding"] = {Type::choice, kRounding};
    m["remedy.stated_total"] = {Type::money, {}};
    const std::string lp = "remedy.lost_provision[].";
    m[lp + "from"] = {Type::date_or_month, {}};
    m[lp + "to"] = {Type::date_or_month, {}};
    m[lp + "rate"] = {Type::money, {}};
    m[lp + "per"] = {Type::choice, kPer};
    m[lp + "provision"] = {Type::choice, kProvision};
    m[lp + "head"] = {Type::choice, kHead};
    m[lp + "note"] = {Type::text, {}};
    m[lp + "amount"] = {Type::money, {}};
    m[lp + "open"] = {Type::boolean, {}};
    for (const char* u : {"years", "terms", "months", "weeks", "days"}) m[lp + "length." + u] = {Type::number, {}};
    m["remedy.payments[].kind"] = {Type::choice, kPaymentKinds};
    m["remedy.payments[].amount"] = {Type::money, {}};
    m["remedy.payments[].to"] = {Type::choice, kPaymentTo};
    m["remedy.payments[].for"] = {Type::text, {}};
    m["recommendations[].kind"] = {Type::text, {}};
    m["recommendations[].text"] = {Type::text, {}};
    m["recommendations[].due"] = {Type::due, {}};
    m["recommendations[].status"] = {Type::choice, kStatus};
    m["recommendations[].completed"] = {Type::date, {}};
    m["send.exceptions_apply"] = {Type::boolean, {}};
    m["send.events[].event"] = {Type::event, {}};
    m["send.events[].date"] = {Type::date, {}};
    m["send.events[].transfer"] = {Type::choice, kTransfer};
    m["send.events[].order"] = {Type::choice, kOrder};
    m["send.exceptions[].type"] = {Type::choice, kExceptionTypes};
    m["send.exceptions[].from"] = {Type::date, {}};
    m["send.exceptions[].to"] = {Type::date, {}};
    return m;
  }();
  const auto it = specs.find(generic);
  return it == specs.end() ? nullptr : &it->second;
}

std::vector<std::string> known_targets() {
  std::vector<std::string> out = {"event:NAME", "payment:KIND", "column"};
  for (const std::string& g :
       {std::string("id"), std::string("reference"), std::string("authority"), std::string("category"),
        std::string("outcome"), std::string("finding"), std::string("public_report"), std::string("faults"),
        std::string("remedy.guidance"), std::string("remedy.school_calendar"), std::string("remedy.rounding"),
        std::string("remedy.stated_total"), std::string("send.exceptions_apply")})
    out.push_back(g);
  for (const std::string& d : kDateNames) out.push_back("dates." + d);
  for (const char* f : {"from", "to", "rate", "per", "provision", "head", "note", "amount", "open"})
    out.push_back(std::string("remedy.lost_provision[0].") + f);
  for (const char* f : {"kind", "amount", "to", "for"}) out.push_back(std::string("remedy.payments[0].") + f);
  for (const char* f : {"kind", "text", "due", "status", "completed"})
    out.push_back(std::string("recommendations[0].") + f);
  for (const char* f : {"event", "date", "transfer", "order"}) out.push_back(std::string("send.events[0].") + f);
  for (const char* f : {"type", "from", "to"}) out.push_back(std::string("send.exceptions[0].") + f);
  return out;
}

// A path segment: a key, and an index when the key names an array element.
struct Segment {
  std::string key;
  std::optional<std::size_t> index;
};

// Splits "remedy.lost_provision[0].rate"; the generic form has the indices emptied ("...[].rate").
std::vector<Segment> split_path(const std::string& target, std::string& generic) {
  std::vector<Segment> out;
  generic.clear();
  std::size_t i = 0;
  while (i <= target.size()) {
    const std::size_t dot = target.find('.', i);
    std::string part = target.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
    Segment s;
    const std::size_t br = part.find('[');
    if (br != std::string::npos) {
      if (part.back() != ']' || br + 2 >= part.size())
        throw InvalidInput("map.columns", target, "has a malformed index (write name[0])");
      const std::string digits = part.substr(br + 1, part.size() - br - 2);
      if (digits.size() > 4 || !std::all_of(digits.begin(), digits.end(), is_digit))
        throw InvalidInput("map.columns", target, "has a malformed index (write name[0])");
      s.index = static_cast<std::size_t>(std::stoul(digits));
      s.key = part.substr(0, br);
      generic += (generic.empty() ? "" : ".") + s.key + "[]";
    } else {
      s.key = part;
      generic += (generic.empty() ? "" : ".") + s.key;
    }
    if (s.key.empty()) throw InvalidInput("map.columns", target, "has an empty part");
    out.push_back(std::move(s));
    if (dot == std::string::npos) break;
    i = dot + 1;
  }
  return out;
}

// --- Dates ----------------------------------------------------------------------------------------------------

const char* const kMonthNames[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};
const char* const kMonthFull[12] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};

enum class Tok { day, month, month_name, year4, year2, literal };
struct DateToken {
  Tok tok;
  char literal;
};

std::vector<DateToken> compile_date_format(const std::string& fmt) {
  std::vector<DateToken> out;
  const std::string f = lowered(fmt);
  std::size_t i = 0;
  bool d = false, m = false, y = false;
  while (i < f.size()) {
    if (f.compare(i, 4, "yyyy") == 0) {
      out.push_back({Tok::year4, 0});
      i += 4;
      y = true;
    } else if (f.compare(i, 2, "yy") == 0) {
      out.push_back({Tok::year2, 0});
      i += 2;
      y = true;
    } else if (f.compare(i, 3, "mon") == 0) {
      out.push_back({Tok::month_name, 0});
      i += 3;
      m = true;
    } else if (f.compare(i, 2, "mm") == 0 || f[i] == 'm') {
      out.push_back({Tok::month, 0});
      i += f.compare(i, 2, "mm") == 0 ? 2u : 1u;
      m = true;
    } else if (f.compare(i, 2, "dd") == 0 || f[i] == 'd') {
      out.push_back({Tok::day, 0});
      i += f.compare(i, 2, "dd") == 0 ? 2u : 1u;
      d = true;
    } else if (std::isalnum(static_cast<unsigned char>(f[i]))) {
      throw InvalidInput("map.dates", fmt, "is not a date format: use dd, mm, mon, yyyy and separators");
    } else {
      out.push_back({Tok::literal, fmt[i]});
      ++i;
    }
  }
  if (!d || !m || !y) throw InvalidInput("map.dates", fmt, "is not a date format: it needs a day, a month and a year");
  return out;
}

struct CellError {
  std::string message;
};

int days_in(int year, int month) {
  static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : n[month - 1];
}

// Reads digits at s[i] (at most `most`, at least `least`).
bool read_int(std::string_view s, std::size_t& i, std::size_t least, std::size_t most, int& value) {
  std::size_t k = 0;
  value = 0;
  while (i + k < s.size() && k < most && is_digit(s[i + k])) value = value * 10 + (s[i + k++] - '0');
  i += k;
  return k >= least;
}

// After a date, an optional time of day ("00:00:00", "T00:00", " 12:30:00.000") is allowed and ignored.
bool rest_is_time(std::string_view s, std::size_t i) {
  if (i == s.size()) return true;
  if (s[i] != ' ' && s[i] != 'T') return false;
  ++i;
  if (i == s.size() || !is_digit(s[i])) return false;
  for (; i < s.size(); ++i)
    if (!is_digit(s[i]) && s[i] != ':' && s[i] != '.') return false;
  return true;
}

bool parse_with(std::string_view s, const std::vector<DateToken>& fmt, int& y, int& m, int& d) {
  std::size_t i = 0;
  y = m = d = 0;
  for (const DateToken& t : fmt) {
    switch (t.tok) {
      case Tok::day:
        if (!read_int(s, i, 1, 2, d)) return false;
        break;
      case Tok::month:
        if (!read_int(s, i, 1, 2, m)) return false;
        break;
      case Tok::year4:
        if (!read_int(s, i, 4, 4, y)) return false;
        break;
      case Tok::year2:
        if (!read_int(s, i, 2, 2, y)) return false;
        y += 2000;
        break;
      case Tok::month_name: {
        if (i + 3 > s.size()) return false;
        const std::string name = lowered(s.substr(i, 3));
        m = 0;
        for (int k = 0; k < 12; ++k)
          if (name == kMonthNames[k]) m = k + 1;
        if (m == 0) return false;
        i += 3;
        // A full month name ("September") is read as its first three letters.
        while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
        break;
      }
      case Tok::literal:
        if (i >= s.size() || s[i] != t.literal) return false;
        ++i;
        break;
    }
  }
  return rest_is_time(s, i);
}

const std::vector<DateToken>& iso_format() {
  static const std::vector<DateToken> f = compile_date_format("yyyy-mm-dd");
  return f;
}

void check_date(int y, int m, int d) {
  if (m < 1 || m > 12) throw CellError{"is not a date: there is no month " + std::to_string(m)};
  if (y < 1900 || y > 2199) throw CellError{"is not a date redress can use: the year must be 1900 to 2199"};
  if (d < 1 || d > days_in(y, m))
    throw CellError{"is not a date: " + std::string(kMonthFull[m - 1]) + " " + std::to_string(y) + " has " +
                    std::to_string(days_in(y, m)) + " days"};
}

// --- Money and numbers ----------------------------------------------------------------------------------------

// "£1,600", "1600", "1,600.00", "£ 250.5" -> "1600", "1600", "1600.00", "250.5".
std::string parse_money(std::string_view s) {
  std::string_view t = s;
  if (t.size() >= 2 && static_cast<unsigned char>(t[0]) == 0xC2 && static_cast<unsigned char>(t[1]) == 0xA3) {
    t.remove_prefix(2);
  } else if (!t.empty() && t[0] == '-') {
    throw CellError{"is negative: an amount of money here is never below zero"};
  }
  t = trim(t);
  if (!t.empty() && t[0] == '-') throw CellError{"is negative: an amount of money here is never below zero"};
  std::string out;
  const std::size_t dot = t.find('.');
  const std::string_view whole = t.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view() : t.substr(dot + 1);
  // Thousands separators: groups of three digits after the first group.
  const std::size_t comma = whole.find(',');
  if (comma != std::string_view::npos) {
    if (comma == 0 || comma > 3) throw CellError{"is not an amount of money (a misplaced comma)"};
    for (std::size_t i = comma; i < whole.size(); i += 4) {
      if (whole[i] != ',' || i + 3 >= whole.size() + 0 || i + 4 > whole.size())
        throw CellError{"is not an amount of money (a misplaced comma)"};
    }
  }
  for (char c : whole) {
    if (c == ',') continue;
    if (!is_digit(c))
      throw CellError{
          "is not an amount of money: write it like 1600, 1,600.00 or \xC2\xA3"
          "1,600"};
    out += c;
  }
  if (out.empty())
    throw CellError{
        "is not an amount of money: write it like 1600, 1,600.00 or \xC2\xA3"
        "1,600"};
  if (out.size() > 13) throw CellError{"is too large an amount of money"};
  if (dot != std::string_view::npos) {
    if (frac.empty() || frac.size() > 2 || !std::all_of(frac.begin(), frac.end(), is_digit))
      throw CellError{"is not an amount of money: at most two decimals (pence)"};
    out += '.';
    out.append(frac);
  }
  return out;
}

std::string parse_number(std::string_view s) {
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  if (whole.empty() || whole.size() > 6 || !std::all_of(whole.begin(), whole.end(), is_digit))
    throw CellError{"is not a number (at most two decimals)"};
  if (dot != std::string_view::npos) {
    const std::string_view frac = s.substr(dot + 1);
    if (frac.empty() || frac.size() > 2 || !std::all_of(frac.begin(), frac.end(), is_digit))
      throw CellError{"is not a number (at most two decimals)"};
  }
  std::string out(s);
  while (out.size() > 1 && out[0] == '0' && out[1] != '.') out.erase(0, 1);
  return out;
}

bool parse_bool(std::string_view s) {
  const std::string v = lowered(s);
  if (v == "yes" || v == "y" || v == "true" || v == "1" || v == "t") return true;
  if (v == "no" || v == "n" || v == "false" || v == "0" || v == "f") return false;
  throw CellError{"is not yes or no (write yes, no, true, false, 1 or 0)"};
}

std::string parse_reference(std::string_view s) {
  std::string digits;
  for (char c : s) {
    if (is_digit(c)) {
      digits += c;
    } else if (c != ' ' && c != '-') {
      throw CellError{"is not an Ombudsman reference (NN NNN NNN)"};
    }
  }
  if (digits.size() != 8) throw CellError{"is not an Ombudsman reference (NN NNN NNN): it needs 8 digits"};
  return digits.substr(0, 2) + " " + digits.substr(2, 3) + " " + digits.substr(5, 3);
}

std::string parse_choice(std::string_view s, const std::vector<std::string>& choices) {
  std::string v = as_name(s);
  if (std::find(choices.begin(), choices.end(), v) != choices.end()) return v;
  std::string all;
  for (const std::string& c : choices) all += (all.empty() ? "" : ", ") + c;
  throw CellError{"is not one of " + all + did_you_mean(v, choices)};
}

// --- The compiled map: a tree of fields -------------------------------------------------------------------

struct Condition {
  std::size_t column = 0;
  std::vector<std::string> values;  // lowered
};

struct Node {
  enum class Kind { object, array, leaf } kind = Kind::object;
  std::string key;                    // as JSON text, with quotes and colon: "\"rate\":"
  std::vector<Node> children;         // object members or array elements, in order
  std::vector<std::size_t> indices;   // array: each element's index as the map wrote it
  std::vector<std::string> required;  // object: fields an element must have once it has any
  const FieldSpec* spec = nullptr;    // leaf
  std::ptrdiff_t column = -1;         // leaf: the cell's column, or -1 for a constant
  std::string constant;               // leaf: the constant's JSON text
  bool content = true;                // a constant that counts as content (from "set"), or not (an event name)
  std::optional<Condition> when;      // leaf: only on rows where the condition holds
  std::string name;                   // leaf: the field name (for required checks)
  std::string path;                   // object or array: its dotted path ("remedy.lost_provision")
};

Node* child(Node& parent, const std::string& key, Node::Kind kind) {
  const std::string quoted = "\"" + key + "\":";
  for (Node& c : parent.children)
    if (c.key == quoted) return &c;
  Node n;
  n.kind = kind;
  n.key = quoted;
  n.name = key;
  n.path = parent.path.empty() ? key : parent.path + "." + key;
  parent.children.push_back(std::move(n));
  return &parent.children.back();
}

Node* element(Node& array, std::size_t index) {
  for (std::size_t i = 0; i < array.indices.size(); ++i)
    if (array.indices[i] == index) return &array.children[i];
  array.indices.push_back(index);
  Node n;
  n.kind = Node::Kind::object;
  n.path = array.path;
  array.children.push_back(std::move(n));
  return &array.children.back();
}

const std::map<std::string, std::vector<std::string>>& required_fields() {
  static const std::map<std::string, std::vector<std::string>> r = {{"lost_provision", {"rate", "per"}},
                                                                    {"payments", {"kind", "amount"}},
                                                                    {"events", {"event", "date"}},
                                                                    {"exceptions", {"type", "from", "to"}},
                                                                    {"recommendations", {"kind"}}};
  return r;
}

std::string json_text(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace

// --- TableMap ---------------------------------------------------------------------------------------------------

namespace {

void check_target(const std::string& target, const std::vector<std::string>& events) {
  if (target == "column") return;
  if (target.rfind("event:", 0) == 0) {
    const std::string name = target.substr(6);
    if (std::find(events.begin(), events.end(), name) == events.end())
      throw InvalidInput("map.columns", target,
                         "names an event that is not in the rule catalogue" + did_you_mean(name, events));
    return;
  }
  if (target.rfind("payment:", 0) == 0) {
    const std::string kind = target.substr(8);
    if (std::find(kPaymentKinds.begin(), kPaymentKinds.end(), kind) == kPaymentKinds.end())
      throw InvalidInput("map.columns", target, "names an unknown kind of payment" + did_you_mean(kind, kPaymentKinds));
    return;
  }
  std::string generic;
  split_path(target, generic);
  if (spec_of(generic) == nullptr) {
    // Suggest against the known targets with index 0, and the generic form of the target.
    std::string shown = generic;
    for (std::size_t p = shown.find("[]"); p != std::string::npos; p = shown.find("[]", p + 3))
      shown.replace(p, 2, "[0]");
    throw InvalidInput("map.columns", target,
                       "is not a field a column can fill" + did_you_mean(shown, known_targets()));
  }
}

}  // namespace

TableMap TableMap::from_json(std::string_view json, const RuleCatalogue* catalogue) {
  const Json doc = detail::parse_config(json, "map");
  if (!doc.is_object()) throw InvalidInput("map", detail::show(doc), "must be a JSON object");
  if (!doc.contains("format") || doc["format"] != "redress.table-map/1")
    throw InvalidInput("map.format", doc.contains("format") ? detail::show(doc["format"]) : "",
                       "must be \"redress.table-map/1\"");
  detail::check_fields(
      doc, {"format", "dates", "columns", "set", "unmapped", "duplicates", "delimiter", "title", "notes", "preset"},
      "map", "a table map");
  // The same document again, keeping the order the columns were written in.
  const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(json);
  TableMap map;
  const std::vector<std::string> events = event_names(catalogue ? *catalogue : RuleCatalogue::standard());
  if (doc.contains("dates")) {
    map.date_format = detail::require_string(doc, "dates", "map");
    compile_date_format(map.date_format);
  }
  if (doc.contains("columns")) {
    const Json& cols = doc["columns"];
    if (!cols.is_object()) throw InvalidInput("map.columns", detail::show(cols), "must be an object");
    for (const auto& [column, ordered_value] : ordered["columns"].items()) {
      std::vector<ColumnTarget> targets;
      const Json value = Json::parse(ordered_value.dump());
      const Json list = value.is_array() ? value : Json::array({value});
      for (const Json& t : list) {
        ColumnTarget ct;
        if (t.is_string()) {
          ct.target = t.get<std::string>();
        } else if (t.is_object() && t.contains("to") && t["to"].is_string()) {
          ct.target = t["to"].get<std::string>();
          if (t.contains("when")) {
            const Json& w = t["when"];
            if (!w.is_object() || w.size() != 1 || !w.begin().value().is_array())
              throw InvalidInput("map.columns." + column + ".when", detail::show(w),
                                 "must be {\"COLUMN\": [\"value\", ...]}");
            ct.when_column = w.begin().key();
            for (const Json& v : w.begin().value()) ct.when_values.push_back(lowered(detail::show(v)));
          }
        } else {
          throw InvalidInput("map.columns." + column, detail::show(t),
                             "must be a target such as \"authority\" or {\"to\": target, \"when\": {...}}");
        }
        check_target(ct.target, events);
        targets.push_back(std::move(ct));
      }
      map.columns.emplace_back(column, std::move(targets));
    }
  }
  if (doc.contains("set")) {
    const Json& set = doc["set"];
    if (!set.is_object()) throw InvalidInput("map.set", detail::show(set), "must be an object of target: value");
    for (const auto& [target, ordered_value] : ordered["set"].items()) {
      const Json value = Json::parse(ordered_value.dump());
      check_target(target, events);
      if (target.rfind("event:", 0) == 0 || target.rfind("payment:", 0) == 0 || target == "column")
        throw InvalidInput("map.set", target, "sets a field: name it by its path (\"authority\")");
      map.constants.emplace_back(target, detail::show(value));
    }
  }
  if (doc.contains("unmapped")) {
    const std::string u = detail::require_string(doc, "unmapped", "map");
    if (u != "keep" && u != "ignore") throw InvalidInput("map.unmapped", u, "must be \"keep\" or \"ignore\"");
    map.keep_unmapped = u == "keep";
  }
  if (doc.contains("duplicates")) {
    const std::string u = detail::require_string(doc, "duplicates", "map");
    if (u != "error" && u != "allow") throw InvalidInput("map.duplicates", u, "must be \"error\" or \"allow\"");
    map.allow_duplicates = u == "allow";
  }
  if (doc.contains("delimiter")) {
    const std::string d = detail::require_string(doc, "delimiter", "map");
    if (d == "\\t" || d == "tab") {
      map.delimiter = '\t';
    } else if (d.size() == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r') {
      map.delimiter = d[0];
    } else {
      throw InvalidInput("map.delimiter", d, "must be one character (or \"tab\")");
    }
  }
  return map;
}

TableMap TableMap::overridden_by(const TableMap& user) const {
  TableMap out = *this;
  for (const auto& [column, targets] : user.columns) {
    // A user column replaces the preset's column with the same target(s), or is added.
    bool replaced = false;
    for (auto& [pc, pt] : out.columns) {
      if (pt.size() == targets.size() &&
          std::equal(pt.begin(), pt.end(), targets.begin(),
                     [](const ColumnTarget& a, const ColumnTarget& b) { return a.target == b.target; })) {
        pc = column;
        pt = targets;
        replaced = true;
        break;
      }
      if (pc == column) {
        pt = targets;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.columns.emplace_back(column, targets);
  }
  for (const auto& constant : user.constants) {
    const std::string& target = constant.first;
    const std::string& value = constant.second;
    auto it =
        std::find_if(out.constants.begin(), out.constants.end(), [&](const auto& p) { return p.first == target; });
    if (it != out.constants.end()) {
      it->second = value;
    } else {
      out.constants.emplace_back(target, value);
    }
  }
  if (user.date_format != "yyyy-mm-dd") out.date_format = user.date_format;
  out.keep_unmapped = out.keep_unmapped || user.keep_unmapped;
  out.allow_duplicates = out.allow_duplicates || user.allow_duplicates;
  if (user.delimiter != 0) out.delimiter = user.delimiter;
  return out;
}

std::string TableMap::to_json() const {
  Json doc = {{"format", "redress.table-map/1"}, {"dates", date_format}};
  Json cols = Json::object();
  for (const auto& [column, targets] : columns) {
    Json list = Json::array();
    for (const ColumnTarget& t : targets) {
      if (t.when_column.empty()) {
        list.push_back(t.target);
      } else {
        list.push_back({{"to", t.target}, {"when", {{t.when_column, t.when_values}}}});
      }
    }
    cols[column] = list.size() == 1 ? list[0] : list;
  }
  doc["columns"] = cols;
  if (!constants.empty()) {
    Json set = Json::object();
    for (const auto& [target, value] : constants) set[target] = value;
    doc["set"] = set;
  }
  doc["unmapped"] = keep_unmapped ? "keep" : "ignore";
  doc["duplicates"] = allow_duplicates ? "allow" : "error";
  if (delimiter != 0) doc["delimiter"] = std::string(1, delimiter);
  return doc.dump(2);
}

// --- TableMapper --------------------------------------------------------------------------------------------

struct TableMapper::Impl {
  Node root;
  std::vector<std::string> header;
  std::vector<DateToken> date_format;
  std::string date_format_text;
  std::vector<std::size_t> unmapped;  // columns kept as found
  std::ptrdiff_t id_column = -1, reference_column = -1;
  bool allow_duplicates = false;
  // The ids seen so far, as 64-bit fingerprints in an open-addressing table (0 marks an empty slot): 12 bytes
  // a slot, at most half full.
  std::vector<std::uint64_t> seen_keys;
  std::vector<std::uint32_t> seen_rows;
  std::size_t seen_count = 0;

  // 0 when `key` is new (and now recorded for `row`), else the row it was first seen on.
  std::size_t remember(std::uint64_t key, std::size_t row) {
    if (key == 0) key = 1;
    if (2 * (seen_count + 1) > seen_keys.size()) {
      std::vector<std::uint64_t> keys(std::max<std::size_t>(1024, 2 * seen_keys.size()), 0);
      std::vector<std::uint32_t> rows(keys.size(), 0);
      for (std::size_t i = 0; i < seen_keys.size(); ++i) {
        if (seen_keys[i] == 0) continue;
        std::size_t j = seen_keys[i] & (keys.size() - 1);
        while (keys[j] != 0) j = (j + 1) & (keys.size() - 1);
        keys[j] = seen_keys[i];
        rows[j] = seen_rows[i];
      }
      seen_keys.swap(keys);
      seen_rows.swap(rows);
    }
    std::size_t j = key & (seen_keys.size() - 1);
    while (seen_keys[j] != 0) {
      if (seen_keys[j] == key) return seen_rows[j];
      j = (j + 1) & (seen_keys.size() - 1);
    }
    seen_keys[j] = key;
    seen_rows[j] = static_cast<std::uint32_t>(std::min<std::size_t>(row, UINT32_MAX));
    ++seen_count;
    return 0;
  }
  ImportStats stats;
  std::string scratch;

  struct RowError {
    std::string column;
    std::string value;
    std::string message;
  };

  std::size_t column_of(const std::string& name, const std::string& what) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    // A header that differs only in case or surrounding spaces still matches.
    for (std::size_t i = 0; i < header.size(); ++i)
      if (lowered(trim(header[i])) == lowered(trim(name))) return i;
    throw InvalidInput(what, name, "is not a column of the table" + did_you_mean(name, header));
  }

  void add_leaf(const std::string& target, std::ptrdiff_t column, const std::string& constant, bool content,
                const std::optional<Condition>& when) {
    Node* at = &root;
    const FieldSpec* spec = nullptr;
    std::vector<Segment> segs;
    std::string generic;
    static const FieldSpec event_spec{Type::event, {}}, kind_spec{Type::text, {}}, date_spec{Type::date, {}},
        money_spec{Type::money, {}};
    auto synth = [&](const char* array_path, const char* key_field, const std::string& key_value,
                     const char* value_field, const FieldSpec* value_spec) {
      Node* arr = &root;
      std::string a = array_path;
      for (std::size_t p = 0; p <= a.size();) {
        const std::size_t dot = a.find('.', p);
        const std::string part = a.substr(p, dot == std::string::npos ? std::string::npos : dot - p);
        arr = child(*arr, part, dot == std::string::npos ? Node::Kind::array : Node::Kind::object);
        if (dot == std::string::npos) break;
        p = dot + 1;
      }
      // A new element per column: index past any the map numbered.
      std::size_t next = 0;
      for (std::size_t i : arr->indices) next = std::max(next, i + 1);
      next = std::max<std::size_t>(next, 1000);
      while (std::find(arr->indices.begin(), arr->indices.end(), next) != arr->indices.end()) ++next;
      Node* el = element(*arr, next);
      el->required = required_fields().at(arr->name);
      Node* k = child(*el, key_field, Node::Kind::leaf);
      k->spec = key_field == std::string("event") ? &event_spec : &kind_spec;
      k->constant = json_text(key_value);
      k->content = false;
      Node* v = child(*el, value_field, Node::Kind::leaf);
      v->spec = value_spec;
      v->column = column;
      v->when = when;
    };
    if (target.rfind("event:", 0) == 0) {
      synth("send.events", "event", target.substr(6), "date", &date_spec);
      return;
    }
    if (target.rfind("payment:", 0) == 0) {
      synth("remedy.payments", "kind", target.substr(8), "amount", &money_spec);
      return;
    }
    segs = split_path(target, generic);
    spec = spec_of(generic);
    for (std::size_t i = 0; i < segs.size(); ++i) {
      const bool last = i + 1 == segs.size();
      if (segs[i].index) {
        Node* arr = child(*at, segs[i].key, Node::Kind::array);
        at = element(*arr, *segs[i].index);
        const auto r = required_fields().find(segs[i].key);
        if (r != required_fields().end()) at->required = r->second;
        if (last) throw InvalidInput("map.columns", target, "names an element, not a field of it");
      } else {
        at = child(*at, segs[i].key, last ? Node::Kind::leaf : Node::Kind::object);
      }
    }
    if (at->kind != Node::Kind::leaf || at->column >= 0 || !at->constant.empty())
      throw InvalidInput("map.columns", target, "is filled twice (two columns, or a column and \"set\")");
    at->spec = spec;
    at->column = column;
    at->content = content;
    at->when = when;
    if (column < 0) {
      // A constant from "set", checked now as a cell would be.
      try {
        at->constant = convert(*spec, constant);
      } catch (const CellError& e) {
        throw InvalidInput("map.set." + target, constant, e.message);
      }
    }
  }

  std::string convert(const FieldSpec& spec, std::string_view cell) const {
    std::string out;
    convert_into(spec, cell, out);
    return out;
  }

  // Appends the cell's JSON text, converted by the field's type; CellError if it does not read as one.
  void convert_into(const FieldSpec& spec, std::string_view cell, std::string& out) const {
    switch (spec.type) {
      case Type::text: append_json_string(out, cell); return;
      case Type::reference: append_json_string(out, parse_reference(cell)); return;
      case Type::date: append_date(cell, out); return;
      case Type::date_or_month: {
        if (cell.size() == 7 && cell[4] == '-' && is_digit(cell[0]) && is_digit(cell[5]) && is_digit(cell[6])) {
          const int m = (cell[5] - '0') * 10 + (cell[6] - '0');
          if (m < 1 || m > 12) throw CellError{"is not a month: there is no month " + std::to_string(m)};
          append_json_string(out, cell);
          return;
        }
        append_date(cell, out);
        return;
      }
      case Type::money: append_json_string(out, parse_money(cell)); return;
      case Type::number: out += parse_number(cell); return;
      case Type::boolean: out += parse_bool(cell) ? "true" : "false"; return;
      case Type::choice: append_json_string(out, parse_choice(cell, spec.choices)); return;
      case Type::event: append_json_string(out, as_name(cell)); return;
      case Type::due: {
        int y = 0, m = 0, d = 0;
        if (parse_with(cell, date_format, y, m, d) || parse_with(cell, iso_format(), y, m, d)) {
          append_date(cell, out);
        } else {
          append_json_string(out, lowered(trim(cell)));
        }
        return;
      }
      case Type::list_choice: {
        out += '[';
        std::size_t start = 0;
        bool first = true;
        for (std::size_t i = 0; i <= cell.size(); ++i) {
          if (i == cell.size() || cell[i] == ';' || cell[i] == ',' || cell[i] == '|') {
            const std::string_view item = trim(cell.substr(start, i - start));
            start = i + 1;
            if (item.empty()) continue;
            if (!first) out += ',';
            first = false;
            append_json_string(out, parse_choice(item, spec.choices));
          }
        }
        out += ']';
        return;
      }
    }
    append_json_string(out, cell);
  }

  void append_date(std::string_view cell, std::string& out) const {
    int y = 0, m = 0, d = 0;
    if (!parse_with(cell, date_format, y, m, d) && !parse_with(cell, iso_format(), y, m, d))
      throw CellError{"is not a date in the map's format " + date_format_text + " or ISO yyyy-mm-dd"};
    check_date(y, m, d);
    char buf[13] = {'"',
                    static_cast<char>('0' + y / 1000),
                    static_cast<char>('0' + y / 100 % 10),
                    static_cast<char>('0' + y / 10 % 10),
                    static_cast<char>('0' + y % 10),
                    '-',
                    static_cast<char>('0' + m / 10),
                    static_cast<char>('0' + m % 10),
                    '-',
                    static_cast<char>('0' + d / 10),
                    static_cast<char>('0' + d % 10),
                    '"',
                    0};
    out.append(buf, 12);
  }

  // Emits `node`'s members into out; returns whether any content was written. Leaves a partial element's first
  // missing required field in `missing`.
  bool emit_object(const Node& node, const std::vector<std::string>& cells, std::string& out, RowError*& err,
                   std::size_t index = std::string::npos) {
    out += '{';
    bool any = false, content = false;
    std::uint64_t have = 0;  // bit i: child i was written (objects with required fields have few children)
    for (std::size_t ci = 0; ci < node.children.size(); ++ci) {
      const Node& c = node.children[ci];
      const std::size_t mark = out.size();
      if (any) out += ',';
      out += c.key;
      bool wrote = false, counted = false;
      if (c.kind == Node::Kind::leaf) {
        wrote = emit_leaf(c, cells, out, err, counted);
        if (err) return false;
      } else if (c.kind == Node::Kind::object) {
        wrote = emit_object(c, cells, out, err);
        counted = wrote;
        if (err) return false;
      } else {
        wrote = emit_array(c, cells, out, err);
        counted = wrote;
        if (err) return false;
      }
      if (wrote) {
        any = true;
        content |= counted;
        if (ci < 64) have |= std::uint64_t{1} << ci;
      } else {
        out.resize(mark);
      }
    }
    out += '}';
    if (!content) return false;
    auto has = [&](std::string_view name) {
      for (std::size_t ci = 0; ci < node.children.size() && ci < 64; ++ci)
        if ((have >> ci & 1u) && node.children[ci].name == name) return true;
      return false;
    };
    for (const std::string& r : node.required) {
      if (!has(r)) {
        // Name the column that should have filled it, if the map has one; else the first one that was filled.
        const Node* filled = nullptr;
        const Node* wanted = nullptr;
        for (const Node& c : node.children) {
          if (c.kind != Node::Kind::leaf || c.column < 0) continue;
          if (c.name == r) wanted = &c;
          if (!filled && has(c.name)) filled = &c;
        }
        const std::string path = index == std::string::npos ? node.path : node.path + "[" + std::to_string(index) + "]";
        const Node* who = wanted ? wanted : filled;
        err = new RowError{who ? header[static_cast<std::size_t>(who->column)] : "",
                           who ? cells_at(cells, who->column) : "",
                           path + " has " + (filled ? filled->name : std::string("a value")) + " but no " + r +
                               (wanted ? " (this cell is blank)" : " (the map gives no column for it)")};
        return false;
      }
    }
    return true;
  }

  static std::string cells_at(const std::vector<std::string>& cells, std::ptrdiff_t column) {
    const auto c = static_cast<std::size_t>(column);
    return c < cells.size() ? cells[c] : std::string();
  }

  bool emit_array(const Node& node, const std::vector<std::string>& cells, std::string& out, RowError*& err) {
    out += '[';
    std::size_t n = 0;
    for (const Node& el : node.children) {
      const std::size_t mark = out.size();
      if (n > 0) out += ',';
      if (emit_object(el, cells, out, err, n)) {
        ++n;
      } else {
        out.resize(mark);
      }
      if (err) return false;
    }
    out += ']';
    return n > 0;
  }

  bool emit_leaf(const Node& leaf, const std::vector<std::string>& cells, std::string& out, RowError*& err,
                 bool& counted) {
    if (leaf.column < 0) {
      out += leaf.constant;
      counted = leaf.content;
      return true;
    }
    if (leaf.when) {
      const std::string_view v = trim(cells_at_view(cells, static_cast<std::ptrdiff_t>(leaf.when->column)));
      const std::string lv = lowered(v);
      if (std::find(leaf.when->values.begin(), leaf.when->values.end(), lv) == leaf.when->values.end()) return false;
    }
    const std::string_view raw = cells_at_view(cells, leaf.column);
    const std::string_view cell = trim(raw);
    if (cell.empty()) return false;
    try {
      convert_into(*leaf.spec, cell, out);
    } catch (const CellError& e) {
      err = new RowError{header[static_cast<std::size_t>(leaf.column)], std::string(raw), e.message};
      return false;
    }
    counted = true;
    return true;
  }

  static std::string_view cells_at_view(const std::vector<std::string>& cells, std::ptrdiff_t column) {
    const auto c = static_cast<std::size_t>(column);
    return c < cells.size() ? std::string_view(cells[c]) : std::string_view();
  }

  void error_line(std::string& out, std::size_t row, const std::string& column, std::string_view value,
                  const std::string& message) {
    out += "{\"row\":";
    out += std::to_string(row);
    out += ",\"error\":{\"column\":";
    if (column.empty()) {
      out += "null";
    } else {
      append_json_string(out, column);
    }
    out += ",\"value\":";
    append_json_string(out, value);
    out += ",\"message\":";
    append_json_string(out, message);
    out += "}}\n";
    ++stats.errors;
  }
};

TableMapper::TableMapper(const TableMap& map, const std::vector<std::string>& header, const RuleCatalogue* catalogue)
    : impl_(std::make_unique<Impl>()) {
  (void)catalogue;  // the map was checked against it when read
  Impl& m = *impl_;
  m.header = header;
  m.date_format = compile_date_format(map.date_format);
  m.date_format_text = map.date_format;
  m.allow_duplicates = map.allow_duplicates;
  m.root.kind = Node::Kind::object;
  {
    Node fmt;
    fmt.kind = Node::Kind::leaf;
    fmt.key = "\"format\":";
    fmt.name = "format";
    fmt.constant = "\"redress.case/1\"";
    fmt.content = false;
    static const FieldSpec text{Type::text, {}};
    fmt.spec = &text;
    m.root.children.push_back(fmt);
  }
  // id, reference and authority first, then the rest in the map's order.
  std::vector<std::pair<std::size_t, const ColumnTarget*>> order;
  std::vector<std::pair<std::string, std::size_t>> named;  // column name -> header index
  std::set<std::size_t> used;
  for (const auto& [column, targets] : map.columns) {
    const std::size_t idx = m.column_of(column, "map.columns");
    used.insert(idx);
    for (const ColumnTarget& t : targets) order.emplace_back(idx, &t);
  }
  auto rank = [](const std::string& t) { return t == "id" ? 0 : t == "reference" ? 1 : t == "authority" ? 2 : 3; };
  std::stable_sort(order.begin(), order.end(),
                   [&](const auto& a, const auto& b) { return rank(a.second->target) < rank(b.second->target); });
  bool constants_done = false;
  auto add_constants = [&] {
    for (const auto& [target, value] : map.constants) {
      std::string text = value;
      m.add_leaf(target, -1, text, true, std::nullopt);
    }
    constants_done = true;
  };
  for (const auto& [idx, t] : order) {
    if (!constants_done && rank(t->target) == 3) add_constants();
    std::optional<Condition> when;
    if (!t->when_column.empty()) when = Condition{m.column_of(t->when_column, "map.columns.when"), t->when_values};
    if (t->target == "column") {
      m.unmapped.push_back(idx);
      continue;
    }
    m.add_leaf(t->target, static_cast<std::ptrdiff_t>(idx), "", true, when);
    if (t->target == "id") m.id_column = static_cast<std::ptrdiff_t>(idx);
    if (t->target == "reference") m.reference_column = static_cast<std::ptrdiff_t>(idx);
  }
  if (!constants_done) add_constants();
  const bool id_set = std::any_of(map.constants.begin(), map.constants.end(),
                                  [](const auto& p) { return p.first == "id" || p.first == "reference"; });
  if (m.id_column < 0 && m.reference_column < 0 && !id_set)
    throw InvalidInput("map.columns", "", "maps no column to \"id\" or \"reference\": every case needs one");
  if (map.keep_unmapped) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (!used.count(i)) m.unmapped.push_back(i);
  }
  std::sort(m.unmapped.begin(), m.unmapped.end());
  m.unmapped.erase(std::unique(m.unmapped.begin(), m.unmapped.end()), m.unmapped.end());
}

TableMapper::~TableMapper() = default;
TableMapper::TableMapper(TableMapper&&) noexcept = default;
TableMapper& TableMapper::operator=(TableMapper&&) noexcept = default;
const ImportStats& TableMapper::stats() const noexcept {
  return impl_->stats;
}

bool TableMapper::map_row(const std::vector<std::string>& cells, std::size_t row, std::string& out,
                          std::string_view row_error) {
  Impl& m = *impl_;
  ++m.stats.rows;
  if (!row_error.empty()) {
    m.error_line(out, row, "", "", "the row " + std::string(row_error));
    return false;
  }
  if (cells.size() > m.header.size()) {
    bool extra = false;
    for (std::size_t i = m.header.size(); i < cells.size(); ++i) extra |= !trim(cells[i]).empty();
    if (extra) {
      m.error_line(out, row, "", cells[m.header.size()],
                   "the row has " + std::to_string(cells.size()) + " cells but the header has " +
                       std::to_string(m.header.size()));
      return false;
    }
  }
  if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); })) {
    m.error_line(out, row, "", "", "the row is blank");
    return false;
  }
  const std::size_t mark = out.size();
  Impl::RowError* err = nullptr;
  m.emit_object(m.root, cells, out, err);
  if (err) {
    std::unique_ptr<Impl::RowError> owned(err);
    out.resize(mark);
    m.error_line(out, row, owned->column, owned->value, owned->message);
    return false;
  }
  // Every case needs an id or a reference.
  const std::string_view id = m.id_column >= 0 ? trim(Impl::cells_at_view(cells, m.id_column)) : std::string_view();
  const std::string_view ref =
      m.reference_column >= 0 ? trim(Impl::cells_at_view(cells, m.reference_column)) : std::string_view();
  if (id.empty() && ref.empty() && (m.id_column >= 0 || m.reference_column >= 0)) {
    out.resize(mark);
    const std::ptrdiff_t col = m.id_column >= 0 ? m.id_column : m.reference_column;
    m.error_line(out, row, m.header[static_cast<std::size_t>(col)], "",
                 "is blank: a case needs an id or an Ombudsman reference");
    return false;
  }
  if (!m.allow_duplicates && (!id.empty() || !ref.empty())) {
    // Ids and references are fingerprinted apart; a reference in any accepted spelling is the same reference.
    std::uint64_t key = 0;
    if (!id.empty()) {
      key = std::hash<std::string_view>{}(id)*0x9E3779B97F4A7C15ull;
    } else {
      std::string canonical(ref);
      try {
        canonical = parse_reference(ref);
      } catch (const CellError&) {  // a reference the row did not use (a "when" column): compared as written
      }
      key = std::hash<std::string>{}(canonical) ^ 0x5bd1e995ull;
    }
    const std::size_t first = m.remember(key, row);
    if (first != 0) {
      out.resize(mark);
      const std::ptrdiff_t col = !id.empty() ? m.id_column : m.reference_column;
      m.error_line(
          out, row, m.header[static_cast<std::size_t>(col)], !id.empty() ? id : ref,
          std::string("duplicates the ") + (!id.empty() ? "id" : "reference") + " on row " + std::to_string(first));
      return false;
    }
  }
  // Columns kept as found go under "table_columns".
  if (!m.unmapped.empty()) {
    out.pop_back();  // the closing brace
    bool first = true;
    for (std::size_t i : m.unmapped) {
      const std::string_view v = Impl::cells_at_view(cells, static_cast<std::ptrdiff_t>(i));
      if (trim(v).empty()) continue;
      out += first ? ",\"table_columns\":{" : ",";
      first = false;
      append_json_string(out, m.header[i]);
      out += ':';
      append_json_string(out, v);
    }
    if (!first) out += '}';
    out += '}';
  }
  out += '\n';
  ++m.stats.cases;
  return true;
}

ImportStats import_csv(std::istream& in, std::ostream& out, const TableMap& map, const RuleCatalogue* catalogue) {
  CsvReader reader(in, map.delimiter);
  std::vector<std::string> header;
  if (!reader.next(header)) throw InvalidInput("table", "", "is empty: the first row must name the columns");
  for (std::string& h : header) h = std::string(trim(h));
  TableMapper mapper(map, header, catalogue);
  std::vector<std::string> cells;
  std::string buffer;
  buffer.reserve(1 << 20);
  while (reader.next(cells)) {
    mapper.map_row(cells, reader.row(), buffer, reader.row_error());
    if (buffer.size() >= (1u << 20) - 4096) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  ImportStats stats = mapper.stats();
  stats.encoding = reader.encoding();
  stats.delimiter = reader.delimiter();
  return stats;
}

}  // namespace redress

// Extraction: decision statements, public reports and council reports read into redress.case/1 cases with
// provenance. The text is first normalised (extract_text.cpp); then paragraphs, list items, headings and sentences
// are found in one pass, and each field is read by small hand-written matchers over bounded windows, so the whole
// is linear in the input. No std::regex.
#include "redress/extract.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "detail/extract_text.hpp"
#include "detail/json_read.hpp"
#include "redress/complaint.hpp"
#include "redress/error.hpp"

namespace redress {

using detail::Json;

namespace {

constexpr std::size_t npos = std::string::npos;

bool is_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) noexcept {
  return c >= 'A' && c <= 'Z';
}
bool is_alnum(char c) noexcept {
  return is_alpha(c) || is_digit(c);
}
char lower(char c) noexcept {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// --- Words: months, numbers -----------------------------------------------------------------------------------

int month_of(std::string_view w) {
  static const char* const names[] = {"january", "february", "march",     "april",   "may",      "june",
                                      "july",    "august",   "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m) {
    std::string_view full = names[m];
    if (w == full) return m + 1;
    if (w.size() >= 3 && w.size() < full.size() && full.substr(0, w.size()) == w && w != "mar" && w != "may") {
      if (w.size() == 3 || w == "sept") return m + 1;
    }
  }
  if (w == "mar") return 3;
  return 0;
}

// "one" .. "twenty", "thirty" ..., digits; 0 when not a number word.
int number_of(std::string_view w) {
  static const char* const small[] = {"zero",     "one",     "two",     "three",     "four",     "five",     "six",
                                      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
                                      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  for (int k = 1; k <= 20; ++k) {
    if (w == small[k]) return k;
  }
  if (w == "thirty") return 30;
  if (w == "forty") return 40;
  if (w == "fifty") return 50;
  if (!w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), is_digit)) {
    int v = 0;
    for (char c : w) v = v * 10 + (c - '0');
    return v;
  }
  return 0;
}

struct Word {
  std::size_t b, e;
  std::string_view w;  // lower case
};

// The words of low[b, e): letters and digits, with "-" and "&" kept as words of their own.
std::vector<Word> words_of(std::string_view low, std::size_t b, std::size_t e) {
  std::vector<Word> out;
  std::size_t i = b;
  while (i < e) {
    if (is_alnum(low[i])) {
      std::size_t j = i;
      while (j < e && (is_alnum(low[j]) || (low[j] == '\'' && j + 1 < e && is_alpha(low[j + 1])))) ++j;
      out.push_back({i, j, low.substr(i, j - i)});
      i = j;
    } else if (low[i] == '-' || low[i] == ',' || low[i] == '.' || low[i] == ';' || low[i] == ':') {
      out.push_back({i, i + 1, low.substr(i, 1)});
      ++i;
    } else {
      ++i;
    }
  }
  return out;
}

int year_of(std::string_view w) {
  if (w.size() == 4 && std::all_of(w.begin(), w.end(), is_digit) && (w[0] == '1' || w[0] == '2')) {
    return (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
  }
  return 0;
}

int day_of(std::string_view w) {
  std::size_t k = 0;
  int v = 0;
  while (k < w.size() && k < 2 && is_digit(w[k])) v = v * 10 + (w[k++] - '0');
  if (k == 0) return 0;
  const std::string_view rest = w.substr(k);
  if (!(rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th")) return 0;
  return (v >= 1 && v <= 31) ? v : 0;
}

std::string two(int v) {
  return v < 10 ? "0" + std::to_string(v) : std::to_string(v);
}
std::string ym(int y, int m) {
  return std::to_string(y) + "-" + two(m);
}
std::string ymd(int y, int m, int d) {
  return std::to_string(y) + "-" + two(m) + "-" + two(d);
}
bool valid_date(int y, int m, int d) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
  if (m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return true;
}

// A date written "25 Jan 2023", "1st October 2019", "25/01/2023" or "2023-01-25" starting at word k.
struct FoundDate {
  std::string iso;
  std::size_t b = 0, e = 0;
};
std::optional<FoundDate> date_at(const std::vector<Word>& ws, std::size_t k, std::string_view low) {
  if (k >= ws.size()) return std::nullopt;
  const int d = day_of(ws[k].w);
  if (d > 0 && k + 2 < ws.size()) {
    const int m = month_of(ws[k + 1].w);
    const int y = year_of(ws[k + 2].w);
    if (m > 0 && y > 0 && valid_date(y, m, d)) return FoundDate{ymd(y, m, d), ws[k].b, ws[k + 2].e};
  }
  // 25/01/2023 is one word run broken by '/': read it from the text.
  const std::size_t b = ws[k].b;
  if (b + 10 <= low.size() && is_digit(low[b])) {
    std::string_view t = low.substr(b, 10);
    if (t[2] == '/' && t[5] == '/') {
      const int dd = (t[0] - '0') * 10 + (t[1] - '0');
      const int mm = (t[3] - '0') * 10 + (t[4] - '0');
      const int yy = year_of(t.substr(6, 4));
      if (yy > 0 && valid_date(yy, mm, dd)) return FoundDate{ymd(yy, mm, dd), b, b + 10};
    }
    if (t[4] == '-' && t[7] == '-' && year_of(t.substr(0, 4)) > 0) {
      const int yy = year_of(t.substr(0, 4));
      const int mm = (t[5] - '0') * 10 + (t[6] - '0');
      const int dd = (t[8] - '0') * 10 + (t[9] - '0');
      if (is_digit(t[5]) && is_digit(t[6]) && is_digit(t[8]) && is_digit(t[9]) && valid_date(yy, mm, dd)) {
        return FoundDate{ymd(yy, mm, dd), b, b + 10};
      }
    }
  }
  return std::nullopt;
}

std::optional<FoundDate> first_date(std::string_view low, std::size_t b, std::size_t e) {
  const std::vector<Word> ws = words_of(low, b, e);
  for (std::size_t k = 0; k < ws.size(); ++k) {
    if (auto d = date_at(ws, k, low)) return d;
  }
  return std::nullopt;
}

// --- Money ---------------------------------------------------------------------------------------------------

struct Amount {
  std::size_t b, e;
  std::int64_t pence;
  bool scaled = false;  // "£40m", "£1.2 million": never a remedy figure
};

std::string pounds(std::int64_t pence) {
  std::string s = std::to_string(pence / 100);
  if (pence % 100 != 0) s += "." + two(static_cast<int>(pence % 100));
  return s;
}
std::string show_pounds(std::int64_t pence) {
  std::string digits = std::to_string(pence / 100);
  std::string out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return "\xC2\xA3" + out + "." + two(static_cast<int>(pence % 100));
}

std::vector<Amount> find_amounts(std::string_view t) {
  std::vector<Amount> out;
  std::size_t i = t.find("\xC2\xA3");
  while (i != npos) {
    std::size_t k = i + 2;
    if (k < t.size() && t[k] == ' ') ++k;
    if (k < t.size() && is_digit(t[k])) {
      std::int64_t pounds_v = 0;
      int digits = 0;
      bool ok = true;
      while (k < t.size() && (is_digit(t[k]) || (t[k] == ',' && k + 3 < t.size() && is_digit(t[k + 1]) &&
                                                 is_digit(t[k + 2]) && is_digit(t[k + 3])))) {
        if (t[k] != ',') {
          if (++digits > 11) ok = false;
          if (ok) pounds_v = pounds_v * 10 + (t[k] - '0');
        }
        ++k;
      }
      std::int64_t pence = 0;
      bool odd_decimals = false;
      if (k + 1 < t.size() && t[k] == '.' && is_digit(t[k + 1])) {
        std::size_t d = k + 1;
        while (d < t.size() && is_digit(t[d])) ++d;
        if (d - k - 1 == 2) {
          pence = (t[k + 1] - '0') * 10 + (t[k + 2] - '0');
        } else {
          odd_decimals = true;  // "£0.5m", "£1.2 million"
        }
        k = d;
      }
      if (ok) {
        Amount a{i, k, pounds_v * 100 + pence};
        std::size_t s = k;
        if (s < t.size() && t[s] == ' ') ++s;
        auto word = [&](std::string_view w) {
          return t.compare(s, w.size(), w) == 0 && (s + w.size() >= t.size() || !is_alpha(t[s + w.size()]));
        };
        if (word("m") || word("k") || word("bn") || word("million") || word("billion") || word("M") || odd_decimals) {
          a.scaled = true;
        }
        out.push_back(a);
      }
    }
    i = t.find("\xC2\xA3", i + 2);
  }
  return out;
}

// --- Paragraphs, sentences and sections ------------------------------------------------------------------------

enum class Role { other, header, summary, complaint, powers, found, finding, remedy, final_decision, finance };

struct Para {
  std::size_t b = 0, e = 0;  // the paragraph, and where its text starts after any list marker
  std::size_t body = 0;
  std::string marker;    // "3.1.2", "1", "a", or "" (a bullet alone)
  int mtype = 0;         // 0 none, 1 bullet, 2 number "N.", 3 dotted "3.1.2", 4 letter "(a)"
  bool heading = false;  // a short line naming a section
  Role heading_role = Role::other;
  Role role = Role::other;  // the section it is in
};

struct Sentence {
  std::size_t b, e;
  std::size_t para;
};

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '*' || s.front() == '#' || s.front() == '_')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '*' || s.back() == '#' || s.back() == '_' || s.back() == ':' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

Role heading_role(std::string_view h) {
  struct Key {
    const char* text;
    Role role;
  };
  static const Key keys[] = {
      {"summary", Role::summary},
      {"brief summary", Role::summary},
      {"the ombudsman's final decision", Role::summary},
      {"the complaint", Role::complaint},
      {"complaint", Role::complaint},
      {"what the complaint is about", Role::complaint},
      {"the ombudsman's role and powers", Role::powers},
      {"our role and powers", Role::powers},
      {"the ombudsman's role", Role::powers},
      {"legal and administrative background", Role::powers},
      {"relevant law and guidance", Role::powers},
      {"relevant law and policy", Role::powers},
      {"law and guidance", Role::powers},
      {"the law", Role::powers},
      {"what should have happened", Role::powers},
      {"how i considered this complaint", Role::powers},
      {"how we considered this complaint", Role::powers},
      {"how i considered this report", Role::powers},
      {"what i have investigated", Role::powers},
      {"what i have and have not investigated", Role::powers},
      {"what we have investigated", Role::powers},
      {"what i have not investigated", Role::powers},
      {"the ombudsman's guidance on remedies", Role::powers},
      {"what i found", Role::found},
      {"what we found", Role::found},
      {"what happened", Role::found},
      {"key facts", Role::found},
      {"background", Role::found},
      {"analysis", Role::found},
      {"my assessment", Role::found},
      {"assessment", Role::found},
      {"conclusions", Role::found},
      {"investigation", Role::found},
      {"finding", Role::finding},
      {"findings", Role::finding},
      {"agreed action", Role::remedy},
      {"action", Role::remedy},
      {"actions", Role::remedy},
      {"what the council will do", Role::remedy},
      {"agreed actions", Role::remedy},
      {"recommendations", Role::remedy},
      {"recommended action", Role::remedy},
      {"our recommendations", Role::remedy},
      {"remedy", Role::remedy},
      {"remedies", Role::remedy},
      {"putting things right", Role::remedy},
      {"what the council has agreed to do", Role::remedy},
      {"action the council has agreed to take", Role::remedy},
      {"final decision", Role::final_decision},
      {"decision", Role::final_decision},
      {"my decision", Role::final_decision},
      {"our decision", Role::final_decision},
      {"financial implications", Role::finance},
      {"finance", Role::finance},
      {"financial", Role::finance},
      {"resource implications", Role::finance},
  };
  for (const Key& k : keys) {
    if (h == k.text) return k.role;
  }
  return Role::other;
}

// --- The extractor ---------------------------------------------------------------------------------------------

struct Mark {
  std::string path;
  std::size_t b, e;  // clean text
};
struct Note {
  std::string path;
  std::string message;
  std::size_t b, e;
};

struct RecItem {
  std::size_t b, e;  // the item with its continuations
  std::size_t text_b, text_e;
  std::string text;
  std::string due;
  std::size_t due_b = 0, due_e = 0;
  std::string intro_kind;  // "service_improvement" when the list's introduction says so
  std::string kind;
  std::string status;
  std::size_t status_b = 0, status_e = 0;
};

enum class AmountRole { payment, rate, band, total, offered, scaled, line_amount, subtotal, repeat, outside };

struct AmountInfo {
  Amount a;
  AmountRole role = AmountRole::payment;
  std::size_t sentence = 0;
  std::size_t para = 0;
  long item = -1;  // the recommendation item holding it
  std::string per;
  std::size_t per_b = 0, per_e = 0;
  bool in_region = true;
};

struct Period {
  bool found = false;
  bool months = false;
  bool dates = false;
  std::string from, to;
  Json length;
  std::size_t b = 0, e = 0;
  bool gap = false;  // months ranges joined over more than the summer holiday
};

class Extractor {
 public:
  Extractor(std::string_view input, const ExtractOptions& options) : input_(input), options_(options) {}

  std::string run();

 private:
  // Lower-case text helpers over the clean text.
  bool has(std::size_t b, std::size_t e, std::string_view needle) const {
    if (e > low_.size()) e = low_.size();
    if (b >= e || needle.size() > e - b) return false;
    return std::string_view(low_).substr(b, e - b).find(needle) != npos;
  }
  std::size_t find_in(std::size_t b, std::size_t e, std::string_view needle) const {
    if (e > low_.size()) e = low_.size();
    if (b >= e || needle.size() > e - b) return npos;
    const std::size_t at = std::string_view(low_).substr(b, e - b).find(needle);
    return at == npos ? npos : b + at;
  }
  bool has_any(std::size_t b, std::size_t e, std::initializer_list<std::string_view> needles) const {
    for (std::string_view n : needles) {
      if (has(b, e, n)) return true;
    }
    return false;
  }
  std::string_view clean(std::size_t b, std::size_t e) const { return std::string_view(ct_.text).substr(b, e - b); }

  void mark(const std::string& path, std::size_t b, std::size_t e) { marks_.push_back({path, b, e}); }
  void note(const std::string& path, std::string message, std::size_t b, std::size_t e) {
    review_.push_back({path, std::move(message), b, e});
  }
  void ignore(std::string reason, std::size_t b, std::size_t e) { ignored_.push_back({"", std::move(reason), b, e}); }

  void split();
  void detect_layout();
  void read_reference();
  void read_authority();
  void read_header();
  void read_finding();
  void read_dates();
  void read_recommendations();
  void read_remedy();
  void read_statuses();
  Period period_in(std::size_t b, std::size_t e, std::size_t skip_b, std::size_t skip_e) const;
  std::string kind_of_payment(std::size_t b, std::size_t e, std::size_t& kb, std::size_t& ke) const;
  std::string recipient_near(const Amount& a, std::size_t sb, std::size_t se, std::size_t& rb, std::size_t& re) const;
  std::string due_in(std::size_t b, std::size_t e, std::size_t& db, std::size_t& de) const;
  std::size_t sentence_at(std::size_t pos) const;
  // The sentences holding any of `needles`, found in one pass per needle over the text (so per-sentence checks
  // run only where they can match).
  std::vector<std::size_t> sentences_with(std::initializer_list<std::string_view> needles) const;
  std::string item_text(std::size_t b, std::size_t e, std::size_t& tb, std::size_t& te) const;
  std::string finish(Json doc);

  std::string_view input_;
  const ExtractOptions& options_;
  detail::CleanText ct_;
  std::string low_;
  std::vector<Para> paras_;
  std::vector<Sentence> sents_;
  std::vector<std::size_t> lines_;  // where each non-blank line's text starts
  std::vector<Mark> marks_;
  std::vector<Note> review_;
  std::vector<Note> ignored_;
  std::vector<RecItem> recs_;
  std::string layout_ = "unknown";
  Json doc_ = Json::object();
  std::optional<std::size_t> ref_pos_;
};

// Splits the clean text into paragraphs (blank lines, list markers and headings start a new one) and sentences.
void Extractor::split() {
  const std::string& t = ct_.text;
  std::size_t i = 0;
  Para cur;
  bool open = false;
  auto close = [&](std::size_t end) {
    if (!open) return;
    cur.e = end;
    while (cur.e > cur.b && (t[cur.e - 1] == ' ' || t[cur.e - 1] == '\n')) --cur.e;
    paras_.push_back(cur);
    open = false;
  };
  while (i < t.size()) {
    std::size_t eol = t.find('\n', i);
    if (eol == npos) eol = t.size();
    std::size_t s = i;
    while (s < eol && t[s] == ' ') ++s;
    std::size_t last = eol;
    while (last > s && t[last - 1] == ' ') --last;
    const bool blank = s == last || clean(s, last).find_first_not_of("*#_-= ") == npos;
    if (!blank) lines_.push_back(s);
    if (blank) {
      close(i);
    } else {
      // A list marker: a bullet, "3.1.2", "1.", "(a)", "a)", or a bullet then one of those.
      std::size_t k = s;
      std::string marker;
      int mtype = 0;
      if ((t[k] == '-' || t[k] == '*') && k + 1 < last && t[k + 1] == ' ') {
        mtype = 1;
        k += 2;
        while (k < last && t[k] == ' ') ++k;
      }
      std::size_t m = k;
      if (m < last && is_digit(t[m])) {
        std::size_t n = m;
        int parts = 0;
        bool good = true;
        while (n < last && is_digit(t[n])) {
          std::size_t d = n;
          while (n < last && is_digit(t[n])) ++n;
          if (n - d > 3) good = false;
          ++parts;
          if (n < last && t[n] == '.' && n + 1 < last && is_digit(t[n + 1])) {
            ++n;
          } else {
            break;
          }
        }
        const bool dot = n < last && (t[n] == '.' || t[n] == ')');
        const std::size_t after = dot ? n + 1 : n;
        if (good && after < last && t[after] == ' ' && (dot || parts > 1)) {
          marker = std::string(clean(m, n));
          mtype = parts > 1 ? 3 : 2;
          k = after;
          while (k < last && t[k] == ' ') ++k;
        }
      } else if (m + 2 < last && t[m] == '(' && is_alpha(t[m + 1]) &&
                 (t[m + 2] == ')' || (m + 3 < last && is_alpha(t[m + 2]) && t[m + 3] == ')'))) {
        const std::size_t close_p = t[m + 2] == ')' ? m + 2 : m + 3;
        marker = std::string(clean(m + 1, close_p));
        mtype = 4;
        k = close_p + 1;
        while (k < last && t[k] == ' ') ++k;
      } else if (m + 2 < last && lower(t[m]) >= 'a' && lower(t[m]) <= 'z' && t[m + 1] == ')' && t[m + 2] == ' ') {
        marker = std::string(1, lower(t[m]));
        mtype = 4;
        k = m + 2;
        while (k < last && t[k] == ' ') ++k;
      }
      const std::string_view line = trim_view(clean(k, last));
      std::string hl;
      for (char c : line) hl += lower(c);
      const Role hr = hl.size() <= 60 ? heading_role(hl) : Role::other;
      const std::string_view raw = clean(k, last);
      const bool colon_end = !raw.empty() && (raw.back() == ':' || raw.back() == '-');
      const std::size_t spaces = static_cast<std::size_t>(std::count(line.begin(), line.end(), ' '));
      const bool heading_like = line.size() <= 70 && !line.empty() && line.back() != '.' && line.back() != ',' &&
                                line.back() != ';' &&
                                (hr != Role::other || (mtype >= 2 && is_upper(line[0]) && !colon_end && spaces < 9));
      if (mtype != 0 || (hr != Role::other && line.size() <= 60)) close(i);
      if (!open) {
        cur = Para{};
        cur.b = s;
        cur.body = k;
        cur.marker = marker;
        cur.mtype = mtype;
        cur.heading = heading_like && (hr != Role::other || mtype >= 2) && eol - s <= 80;
        cur.heading_role = hr;
        open = true;
      }
      if (hr != Role::other && line.size() <= 60 && mtype == 0) {
        close(eol);
      }
    }
    i = eol + 1;
  }
  close(t.size());
  // Sections: a heading starts one; "Summary:" at the start of a paragraph starts the summary.
  Role role = Role::header;
  for (Para& p : paras_) {
    if (p.heading && p.heading_role != Role::other) {
      role = p.heading_role;
    } else if (p.heading && p.mtype >= 2) {
      role = Role::other;
    } else if (low_.compare(p.body, 8, "summary:") == 0) {
      role = Role::summary;
    }
    p.role = role;
  }
  // Sentences: split at . ! ? followed by a space and a capital, a digit, '£' or a quote; not after Mr., Mrs. ...
  for (std::size_t pi = 0; pi < paras_.size(); ++pi) {
    const Para& p = paras_[pi];
    std::size_t b = p.body;
    for (std::size_t k = p.body; k < p.e; ++k) {
      const char c = t[k];
      if ((c == '.' || c == '!' || c == '?') && k + 2 < p.e && (t[k + 1] == ' ' || t[k + 1] == '\n')) {
        std::size_t n = k + 1;
        while (n < p.e && (t[n] == ' ' || t[n] == '\n' || t[n] == '*')) ++n;
        if (n >= p.e) break;
        const char nc = t[n];
        if (!(is_upper(nc) || is_digit(nc) || nc == '"' || nc == '\'' || nc == '(' ||
              static_cast<unsigned char>(nc) == 0xC2)) {
          continue;
        }
        std::size_t w = k;
        while (w > b && is_alpha(t[w - 1])) --w;
        const std::string_view prev = std::string_view(low_).substr(w, k - w);
        if (c == '.' &&
            (prev == "mr" || prev == "mrs" || prev == "ms" || prev == "dr" || prev == "no" || prev == "para" ||
             prev == "s" || prev == "st" || prev == "cllr" || prev == "e" || prev == "i" || prev == "etc" ||
             prev == "ref" || prev == "v" || prev == "vs" || (prev.size() == 1 && is_upper(t[w])))) {
          continue;
        }
        sents_.push_back({b, k + 1, pi});
        b = n;
        k = n - 1;
      }
    }
    if (b < p.e) sents_.push_back({b, p.e, pi});
  }
}

std::size_t Extractor::sentence_at(std::size_t pos) const {
  auto it =
      std::upper_bound(sents_.begin(), sents_.end(), pos, [](std::size_t v, const Sentence& s) { return v < s.b; });
  if (it == sents_.begin()) return 0;
  return static_cast<std::size_t>(it - sents_.begin() - 1);
}

std::vector<std::size_t> Extractor::sentences_with(std::initializer_list<std::string_view> needles) const {
  std::vector<std::size_t> out;
  if (sents_.empty()) return out;
  for (std::string_view n : needles) {
    std::size_t at = low_.find(n);
    while (at != npos) {
      const std::size_t si = sentence_at(at);
      out.push_back(si);
      at = low_.find(n, std::max(at + 1, sents_[si].e));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void Extractor::detect_layout() {
  const std::size_t head = std::min<std::size_t>(low_.size(), 4000);
  auto line_label = [&](std::string_view label) {
    // "Decision :" / "Category:" at the start of a line.
    for (std::size_t at : lines_) {
      if (low_.compare(at, label.size(), label) != 0) continue;
      std::size_t k = at + label.size();
      while (k < low_.size() && low_[k] == ' ') ++k;
      if (k < low_.size() && low_[k] == ':') return true;
    }
    return false;
  };
  const bool headers = line_label("category") || line_label("decision date");
  const bool council = has_any(0, head,
                               {"monitoring officer", "cabinet", "committee", "agenda item", "meeting date",
                                "report author", "portfolio holder", "report of the", "board"}) &&
                       !headers;
  const bool report_title = has_any(0, std::min<std::size_t>(low_.size(), 400),
                                    {"report by the local government", "investigation into a complaint"});
  if (has(0, low_.size(), "ombudsman satisfied with")) {
    layout_ = "report_summary";
  } else if (report_title) {
    layout_ = "public_report";
  } else if (has_any(0, head, {"report by the local government", "investigation into a complaint"}) && !council) {
    layout_ = "public_report";
  } else if (council) {
    layout_ = "council_report";
  } else if (has(0, low_.size(), "we will not investigate") || has(0, low_.size(), "we will not be investigating")) {
    layout_ = "assessment_decision";
  } else if (headers || line_label("decision") ||
             has_any(0, low_.size(), {"final decision", "what i found", "agreed action"})) {
    bool sections = false;
    for (const Para& p : paras_) {
      if (p.heading && (p.heading_role == Role::found || p.heading_role == Role::remedy)) sections = true;
    }
    layout_ = sections ? "decision_statement" : "decision_statement_numbered";
  }
  if (layout_ == "unknown" && !low_.empty()) {
    note("", "the layout was not recognised (not a decision statement, public report or council report)", 0, 0);
  }
}

void Extractor::read_reference() {
  const std::string& t = ct_.text;
  struct Cand {
    std::size_t b, e;
  };
  std::map<std::string, std::pair<int, std::vector<Cand>>> found;
  for (std::size_t i = 0; i + 8 <= t.size(); ++i) {
    if (!is_digit(t[i]) || (i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == '/'))) continue;
    std::string digits;
    std::size_t k = i;
    char sep = 0;
    bool ok = true;
    for (int group : {2, 3, 3}) {
      if (group != 2) {
        if (k < t.size() && (t[k] == ' ' || t[k] == '-')) {
          if (sep == 0 && group == 3 && digits.size() == 2) sep = t[k];
          if (t[k] != sep) {
            ok = false;
            break;
          }
          ++k;
        } else if (sep != 0) {
          ok = false;
          break;
        }
      }
      for (int g = 0; g < group; ++g) {
        if (k >= t.size() || !is_digit(t[k])) {
          ok = false;
          break;
        }
        digits += t[k++];
      }
      if (!ok) break;
    }
    if (!ok || (k < t.size() && (is_digit(t[k]) || is_alpha(t[k])))) {
      while (i + 1 < t.size() && is_digit(t[i + 1])) ++i;
      continue;
    }
    if (k < t.size() && t[k] == ',' && k + 1 < t.size() && is_digit(t[k + 1])) continue;
    // Score: near the top, after "reference"/"report"/"Ombudsman" scores up; after "former"/"previous" down.
    int score = 1;
    if (i < 600) score += 4;
    const std::size_t from = i > 80 ? i - 80 : 0;
    if (has_any(from, i, {"reference", "ref", "report", "ombudsman", "complaint", "council ("})) score += 3;
    if (has_any(from, i, {"former", "previous", "earlier", "another", "also a report", "other recent"})) score -= 6;
    auto& slot = found[digits];
    slot.first += score;
    slot.second.push_back({i, k});
    i = k - 1;
  }
  if (found.empty()) {
    note("reference", "no Ombudsman reference (NN NNN NNN) was found: add one before using the case", 0, 0);
    return;
  }
  auto best = found.begin();
  for (auto it = found.begin(); it != found.end(); ++it) {
    if (it->second.first > best->second.first) best = it;
  }
  const std::string& d = best->first;
  doc_["reference"] = d.substr(0, 2) + " " + d.substr(2, 3) + " " + d.substr(5, 3);
  const Cand first = best->second.second.front();
  mark("reference", first.b, first.e);
  ref_pos_ = first.b;
  for (auto it = found.begin(); it != found.end(); ++it) {
    if (it == best) continue;
    const Cand c = it->second.second.front();
    note("reference",
         "the text also mentions reference " + it->first.substr(0, 2) + " " + it->first.substr(2, 3) + " " +
             it->first.substr(5, 3) + ": check which case this text is about",
         c.b, c.e);
  }
}

void Extractor::read_authority() {
  const std::string& t = ct_.text;
  std::map<std::string, std::pair<int, std::pair<std::size_t, std::size_t>>> found;
  auto add = [&](std::size_t b, std::size_t e, int score) {
    std::string name(clean(b, e));
    auto& slot = found[name];
    if (slot.first == 0 && slot.second.second == 0) slot.second = {b, e};
    slot.first += score;
  };
  auto context_score = [&](std::size_t b) {
    int score = 1;
    const std::size_t from = b > 40 ? b - 40 : 0;
    if (has_any(from, b, {"former", "predecessor", "previous", "neighbouring"})) score -= 3;
    if (b < 300) score += 5;
    if (ref_pos_ && b < *ref_pos_ && *ref_pos_ - b < 80) score += 5;
    return score;
  };
  static const std::set<std::string_view> stop = {
      "The",       "This",       "That", "A",   "An",   "Full",    "Its",     "Our",     "Each",      "Every",
      "Parish",    "Town",       "Mr",   "Mrs", "Ms",   "Miss",    "Dr",      "Local",   "Social",    "Care",
      "Ombudsman", "Government", "LGO",  "If",  "When", "Whether", "Both",    "Neither", "Which",     "By",
      "To",        "For",        "All",  "Any", "Some", "Whole",   "Cabinet", "Chief",   "Executive", "Director"};
  static const std::set<std::string_view> generic = {"County",       "Borough", "City",    "District",
                                                     "Metropolitan", "Unitary", "Combined"};
  std::size_t at = t.find("Council");
  while (at != npos) {
    const std::size_t after = at + 7;
    if (after < t.size() && is_alpha(t[after])) {
      at = t.find("Council", after);
      continue;
    }
    // Walk back over capitalised words ("Dudley Metropolitan Borough", "Bath and North East Somerset").
    std::size_t b = at;
    std::size_t k = at;
    int words = 0;
    bool specific = false;
    while (k > 0 && words < 6) {
      std::size_t e = k;
      if (e == 0 || t[e - 1] != ' ') break;
      std::size_t s = e - 1;
      while (s > 0 && (is_alpha(t[s - 1]) || t[s - 1] == '-' || t[s - 1] == '\'')) --s;
      const std::string_view w = clean(s, e - 1);
      if (w.empty()) break;
      if (w == "and" || w == "upon" || w == "on" || w == "of") {
        // a connector only between two names
        std::size_t s2 = s;
        if (s2 == 0 || t[s2 - 1] != ' ') break;
        std::size_t q = s2 - 1;
        while (q > 0 && is_alpha(t[q - 1])) --q;
        const std::string_view w2 = clean(q, s2 - 1);
        if (w2.empty() || !is_upper(w2[0]) || stop.count(w2) || w2.size() == 1) break;
        k = s;
        continue;
      }
      if (!is_upper(w[0]) || stop.count(w) || w.size() == 1) break;
      if (!generic.count(w)) specific = true;
      b = s;
      k = s;
      ++words;
    }
    if (specific && b < at) add(b, after, context_score(b));
    at = t.find("Council", after);
  }
  // "London Borough of Richmond upon Thames", "Royal Borough of Greenwich".
  for (std::string_view lead : {"London Borough of ", "Royal Borough of "}) {
    std::size_t p = t.find(lead);
    while (p != npos) {
      std::size_t e = p + lead.size();
      std::size_t end = e;
      while (end < t.size()) {
        std::size_t s = end;
        while (s < t.size() && (is_alpha(t[s]) || t[s] == '-')) ++s;
        const std::string_view w = clean(end, s);
        if (w.empty() || (!is_upper(w[0]) && w != "upon" && w != "and")) break;
        end = s;
        if (end < t.size() && t[end] == ' ') {
          ++end;
        } else {
          break;
        }
      }
      while (end > e && t[end - 1] == ' ') --end;
      if (end > e) add(p, end, context_score(p) + 1);
      p = t.find(lead, e);
    }
  }
  if (found.empty()) {
    note("authority", "no council was named: add the authority", 0, 0);
    return;
  }
  auto best = found.begin();
  for (auto it = found.begin(); it != found.end(); ++it) {
    if (it->second.first > best->second.first) best = it;
  }
  doc_["authority"] = best->first;
  mark("authority", best->second.second.first, best->second.second.second);
}

// The header lines of a decision statement (Category :, Decision :, Decision date :) and what a council or
// public report says about the outcome, the category and whether there was a public report.
void Extractor::read_header() {
  auto label_value = [&](std::string_view label, std::size_t& vb, std::size_t& ve) {
    for (std::size_t at : lines_) {
      if (low_.compare(at, label.size(), label) == 0) {
        std::size_t k = at + label.size();
        while (k < low_.size() && low_[k] == ' ') ++k;
        if (k < low_.size() && low_[k] == ':') {
          ++k;
          while (k < low_.size() && low_[k] == ' ') ++k;
          std::size_t e = low_.find('\n', k);
          if (e == npos) e = low_.size();
          while (e > k && low_[e - 1] == ' ') --e;
          vb = k;
          ve = e;
          return true;
        }
      }
    }
    return false;
  };
  std::size_t vb = 0, ve = 0;
  if (label_value("category", vb, ve)) {
    std::string_view v = clean(vb, ve);
    const std::size_t gt = v.rfind('>');
    if (gt != npos) v = v.substr(gt + 1);
    std::string slug;
    for (char c : trim_view(v)) slug += is_alnum(c) ? lower(c) : '-';
    if (!slug.empty()) {
      doc_["category"] = slug;
      mark("category", vb, ve);
    }
  }
  if (label_value("decision", vb, ve)) {
    const std::string_view v = std::string_view(low_).substr(vb, ve - vb);
    std::string outcome;
    if (v.rfind("not upheld", 0) == 0) {
      outcome = "not_upheld";
    } else if (v.rfind("upheld", 0) == 0) {
      outcome = "upheld";
    } else if (v.rfind("closed after initial enquiries", 0) == 0) {
      outcome = "closed_after_initial_enquiries";
    } else if (v.rfind("premature", 0) == 0 || v.find("referred back for local resolution") != npos) {
      outcome = "premature";
    } else if (v.rfind("outside jurisdiction", 0) == 0 || v.rfind("not in jurisdiction", 0) == 0) {
      outcome = "outside_jurisdiction";
    }
    if (vb == ve) {
      // "Decision:" with nothing after it (a committee's decision heading)
    } else if (!outcome.empty()) {
      doc_["outcome"] = outcome;
      mark("outcome", vb, ve);
    } else {
      note("outcome", "the decision '" + std::string(clean(vb, ve)) + "' has no outcome term in the case format", vb,
           ve);
    }
    if (v.find("maladministration and injustice") != npos || v.find("fault and injustice") != npos) {
      doc_["finding"] = "fault_causing_injustice";
      mark("finding", vb, ve);
    } else if (v.find("no maladministration") != npos || v.find("no fault") != npos) {
      doc_["finding"] = "no_fault";
      mark("finding", vb, ve);
    }
  }
  if (label_value("decision date", vb, ve) || label_value("date of decision", vb, ve) ||
      label_value("report date", vb, ve) || label_value("date of report", vb, ve)) {
    if (auto d = first_date(low_, vb, ve)) {
      doc_["dates"]["final_decision"] = d->iso;
      mark("dates.final_decision", d->b, d->e);
    }
  }
  if (!doc_.contains("category")) {
    const std::size_t at = [&] {
      for (std::string_view k : {"special educational needs", "ehc plan", "education, health and care", "ehcp",
                                 "send tribunal", "send service", "(send)"}) {
        const std::size_t p = low_.find(k);
        if (p != npos) return p;
      }
      return npos;
    }();
    if (at != npos) {
      doc_["category"] = "special-educational-needs";
      mark("category", at, at + 4 < low_.size() ? std::min(low_.size(), at + 25) : at);
    }
  }
  // Public report or not.
  std::size_t pb = npos;
  if (layout_ == "public_report" || layout_ == "report_summary") {
    pb = 0;
  } else {
    for (std::string_view k : {"section 31(2)", "s.31(2)", "s31(2)", "section 5a", "report issued", "formal report",
                               "publication of findings", "issued a public report", "public report",
                               "publication of the conclusions", "section 30 of the local government act"}) {
      const std::size_t p = low_.find(k);
      if (p != npos && (pb == npos || p < pb)) pb = p;
    }
  }
  if (pb != npos) {
    doc_["public_report"] = true;
    std::size_t e = pb;
    if (pb == 0) {
      e = low_.find('\n');
      if (e == npos) e = low_.size();
    } else {
      e = sents_.empty() ? pb : sents_[sentence_at(pb)].e;
    }
    mark("public_report", pb, std::max(e, pb + 1));
  } else {
    doc_["public_report"] = false;
  }
}

void Extractor::read_finding() {
  // Sentences in the finding, decision, summary and final sections first; the rest after; never the
  // role-and-powers or law sections (whose boilerplate speaks of fault and injustice in general).
  const Role order[] = {Role::finding, Role::header, Role::summary, Role::final_decision,
                        Role::found,   Role::remedy, Role::other,   Role::complaint};
  const std::vector<std::size_t> candidates = sentences_with({"fault", "maladministration"});
  for (Role r : order) {
    for (std::size_t ci : candidates) {
      const Sentence& s = sents_[ci];
      const Para& p = paras_[s.para];
      if (p.role != r) continue;
      if (has_any(s.b, s.e,
                  {"if there has been", "we investigate", "we must also consider", "i refer to this", "may suggest",
                   "we may", "whether any fault", "if there is", "complains", "complained", "say the council",
                   "says the council", "said the council"})) {
        continue;
      }
      std::size_t se = s.e;
      const std::size_t si = static_cast<std::size_t>(&s - sents_.data());
      if (!has(s.b, s.e, "injustice") && si + 1 < sents_.size() && sents_[si + 1].para == s.para &&
          has(sents_[si + 1].b, sents_[si + 1].e, "injustice")) {
        se = sents_[si + 1].e;  // "The Council was at fault. This caused injustice."
      }
      std::string finding;
      if (has_any(s.b, se,
                  {"no fault", "not at fault", "did not find fault", "no evidence of fault", "not find fault",
                   "no maladministration"})) {
        finding = "no_fault";
      } else if (has(s.b, se, "injustice")) {
        if (has_any(s.b, se,
                    {"no injustice", "did not cause injustice", "did not cause any injustice",
                     "did not cause significant injustice", "without causing injustice", "not caused injustice",
                     "no significant injustice", "caused no injustice"})) {
          finding = "fault_no_injustice";
        } else {
          finding = "fault_causing_injustice";
        }
      } else if (has_any(s.b, s.e, {"found fault", "was at fault", "at fault", "fault found"}) &&
                 has_any(s.b, s.e, {"remedy", "apologise", "pay", "agreed"})) {
        finding = "fault_causing_injustice";
      }
      if (finding.empty()) continue;
      if (!doc_.contains("finding")) {
        doc_["finding"] = finding;
        mark("finding", s.b, s.e);
      }
      if (!doc_.contains("outcome")) {
        doc_["outcome"] = finding == "no_fault" ? "not_upheld" : "upheld";
        mark("outcome", s.b, s.e);
      }
      return;
    }
  }
  if (!doc_.contains("outcome") && layout_ == "assessment_decision") {
    const std::size_t at = low_.find("we will not investigate");
    if (at != npos) {
      doc_["outcome"] = "closed_after_initial_enquiries";
      mark("outcome", at, at + 23);
    }
  }
}

void Extractor::read_dates() {
  // A council report: the meeting it was written for.
  if (layout_ == "council_report") {
    std::optional<FoundDate> meeting;
    for (std::string_view label : {"meeting date", "date of meeting"}) {
      const std::size_t at = low_.find(label);
      if (at != npos && !meeting) {
        std::size_t e = low_.find('\n', at);
        if (e == npos) e = low_.size();
        meeting = first_date(low_, at, e);
      }
    }
    if (!meeting) {
      // The title page: the first lines naming the Cabinet, committee or board with a date on or just after.
      std::size_t seen = 0;
      for (std::size_t pi = 0; pi < paras_.size() && seen < 6; ++pi) {
        const Para& p = paras_[pi];
        if (p.e - p.b > 120) continue;
        ++seen;
        if (has_any(p.b, p.e, {"cabinet", "committee", "board", "council meeting"})) {
          meeting = first_date(low_, p.b, p.e);
          if (!meeting && pi + 1 < paras_.size() && paras_[pi + 1].e - paras_[pi + 1].b <= 30) {
            meeting = first_date(low_, paras_[pi + 1].b, paras_[pi + 1].e);
          }
          if (meeting) break;
        }
      }
    }
    if (!meeting) {
      // "the report to Cabinet of 1 October 2019"
      std::map<std::string, std::pair<int, FoundDate>> counts;
      for (std::string_view k : {"to cabinet of ", "to cabinet on ", "cabinet meeting on ", "committee on "}) {
        std::size_t at = low_.find(k);
        while (at != npos) {
          const std::vector<Word> ws = words_of(low_, at + k.size(), std::min(low_.size(), at + k.size() + 30));
          if (auto d = date_at(ws, 0, low_)) {
            auto& slot = counts[d->iso];
            if (slot.first++ == 0) slot.second = *d;
          }
          at = low_.find(k, at + 1);
        }
      }
      int best = 0;
      for (auto& [iso, slot] : counts) {
        if (slot.first > best) {
          best = slot.first;
          meeting = slot.second;
        }
      }
    }
    if (meeting) {
      doc_["send"]["events"] = Json::array({{{"event", "report_considered"}, {"date", meeting->iso}}});
      mark("send.events[0].date", meeting->b, meeting->e);
    }
  }
  // A public report's date: a line holding only a date near the top.
  if (layout_ == "public_report" && !(doc_.contains("dates") && doc_["dates"].contains("final_decision"))) {
    for (std::size_t pi = 0; pi < paras_.size() && pi < 15; ++pi) {
      const Para& p = paras_[pi];
      if (p.e - p.b > 30) continue;
      if (auto d = first_date(low_, p.b, p.e)) {
        doc_["dates"]["final_decision"] = d->iso;
        mark("dates.final_decision", d->b, d->e);
        break;
      }
    }
  }
  // "sent their final report ... on 6 April 2022": the decision and its receipt; "report dated ...".
  for (std::size_t si : sentences_with({"final report", "complain"})) {
    const Sentence& s = sents_[si];
    if (s.e - s.b > 400) continue;
    if (has(s.b, s.e, "final report") && has_any(s.b, s.e, {" sent ", " received ", " issued "})) {
      if (auto d = first_date(low_, s.b, s.e)) {
        if (!(doc_.contains("dates") && doc_["dates"].contains("final_decision"))) {
          doc_["dates"]["final_decision"] = d->iso;
          mark("dates.final_decision", d->b, d->e);
        }
        if (!(doc_.contains("dates") && doc_["dates"].contains("report_received"))) {
          doc_["dates"]["report_received"] = d->iso;
          mark("dates.report_received", d->b, d->e);
        }
      }
    }
    if (has_any(s.b, s.e,
                {"stage 1 complaint", "complained to the council on", "complaint to the council on",
                 "first complained to the council"})) {
      if (auto d = first_date(low_, s.b, s.e)) {
        if (!(doc_.contains("dates") && doc_["dates"].contains("complaint_to_council"))) {
          doc_["dates"]["complaint_to_council"] = d->iso;
          mark("dates.complaint_to_council", d->b, d->e);
        }
      }
    }
    if (has_any(s.b, s.e, {"complained to us on", "complained to the ombudsman on", "complaint to us on"})) {
      if (auto d = first_date(low_, s.b, s.e)) {
        if (!(doc_.contains("dates") && doc_["dates"].contains("complaint_to_ombudsman"))) {
          doc_["dates"]["complaint_to_ombudsman"] = d->iso;
          mark("dates.complaint_to_ombudsman", d->b, d->e);
        }
      }
    }
  }
  for (std::string_view k : {"report dated ", "report of "}) {
    std::size_t at = low_.find(k);
    while (at != npos) {
      const std::vector<Word> ws = words_of(low_, at + k.size(), std::min(low_.size(), at + k.size() + 30));
      if (auto d = date_at(ws, 0, low_)) {
        if (!(doc_.contains("dates") && doc_["dates"].contains("final_decision"))) {
          doc_["dates"]["final_decision"] = d->iso;
          mark("dates.final_decision", d->b, d->e);
        } else if (doc_["dates"]["final_decision"] != d->iso && layout_ != "council_report") {
          note("dates.final_decision", "the report is also dated " + d->iso + ": check the date of the decision", d->b,
               d->e);
        } else if (doc_["dates"]["final_decision"] != d->iso) {
          note("dates.final_decision",
               "the text also dates the Ombudsman's report " + d->iso + ": check the date of the decision", d->b, d->e);
          break;
        }
      }
      at = low_.find(k, at + 1);
    }
  }
  // The older report summaries: "Ombudsman satisfied with council's response: 12 March 2019".
  const std::size_t sat = low_.find("ombudsman satisfied with");
  if (sat != npos) {
    std::size_t e = low_.find('\n', sat);
    if (e == npos) e = low_.size();
    if (auto d = first_date(low_, sat, e)) {
      doc_["extraction_satisfied"] = d->iso;
      mark("extraction.ombudsman_satisfied", d->b, d->e);
    }
  }
}

std::string Extractor::due_in(std::size_t b, std::size_t e, std::size_t& db, std::size_t& de) const {
  std::size_t at = find_in(b, e, "within ");
  while (at != npos) {
    const std::vector<Word> ws = words_of(low_, at + 7, std::min(e, at + 40));
    if (ws.size() >= 2) {
      int n = number_of(ws[0].w);
      std::size_t k = 1;
      if (ws[0].w == "a" || ws[0].w == "an") n = 1;
      if (n > 0 && k < ws.size()) {
        std::string_view unit = ws[k].w;
        if (unit == "working" || unit == "calendar") {
          if (unit == "working") {
            return "";
          }
          ++k;
          unit = k < ws.size() ? ws[k].w : "";
        }
        std::string u;
        if (unit == "month" || unit == "months") u = "month";
        if (unit == "week" || unit == "weeks") u = "week";
        if (unit == "day" || unit == "days") u = "day";
        if (!u.empty()) {
          db = at;
          de = ws[k].e;
          return std::to_string(n) + " " + u + (n == 1 ? "" : "s");
        }
      }
    }
    at = find_in(at + 7, e, "within ");
  }
  return "";
}

// The words of a list item as a recommendation's text: markers, Markdown emphasis, the council's response in
// bold and "Status: ..." left out; the first letter capitalised; a final ';' or '; and' made a full stop.
std::string Extractor::item_text(std::size_t b, std::size_t e, std::size_t& tb, std::size_t& te) const {
  // Cut at the council's response ("**The Council has ...**", "Status:") and at a page reference.
  std::size_t cut = e;
  for (std::string_view k : {"**status", "status:", "(*recommendations page", "(recommendations page"}) {
    const std::size_t at = find_in(b, cut, k);
    if (at != npos) cut = at;
  }
  // A bold sentence after the item's own text is the council's response.
  const std::size_t bold = find_in(b + 2, cut, " **");
  if (bold != npos) cut = bold;
  std::string out;
  bool space = false;
  for (std::size_t k = b; k < cut; ++k) {
    const char c = ct_.text[k];
    if (c == '*' || c == '_') continue;
    if (c == ' ' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '-' || out.back() == ',')) out.pop_back();
  if (out.size() >= 4 && out.compare(out.size() - 4, 4, " and") == 0) out.resize(out.size() - 4);
  if (out.size() >= 3 && out.compare(out.size() - 3, 3, " or") == 0) out.resize(out.size() - 3);
  while (!out.empty() && (out.back() == ';' || out.back() == ',' || out.back() == ' ')) out.pop_back();
  if (!out.empty() && out.back() != '.' && out.back() != ')' && out.back() != '?') out += '.';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  tb = b;
  te = cut;
  while (te > tb && (ct_.text[te - 1] == ' ' || ct_.text[te - 1] == '\n')) --te;
  return out;
}

// Recommendations: the items of lists introduced as the Ombudsman's recommendations or the action the council
// agreed ("the Council should, within one month ...:"), and the s.31(2) paragraph of a report.
void Extractor::read_recommendations() {
  const bool decision = layout_ != "council_report";
  auto is_intro = [&](const Para& p) {
    const std::size_t b = p.body;
    const std::size_t e = p.e;
    if (e - b > 600) return false;
    std::size_t last = e;
    while (last > b && (ct_.text[last - 1] == '*' || ct_.text[last - 1] == ' ' || ct_.text[last - 1] == ')')) --last;
    const bool colon = last > b && (ct_.text[last - 1] == ':' || has(last > b + 20 ? last - 20 : b, e, "below") ||
                                    has(b, e, "as follows"));
    const bool ombudsman_list = has(b, e, "recommendation") &&
                                has_any(b, e, {"ombudsman", "lgo", "in the report", "the report's", "our report"});
    const bool council_agreed =
        has_any(b, e,
                {"council should", "council must", "council has agreed", "council agreed", "council will",
                 "council should,", "it should", "has agreed to", "agreed to:", "we recommend", "i recommend",
                 "council to:", "recommended that", "recommends that", "recommended the council"});
    if (has_any(b, e,
                {"that the cabinet", "that cabinet", "is recommended to", "it is recommended that",
                 "recommended that cabinet", "committee is recommended"})) {
      return false;
    }
    const char end_c = last > b ? ct_.text[last - 1] : '.';
    if (ombudsman_list && (colon || (p.heading && p.mtype == 0) || (e - b < 140 && end_c != '.'))) return true;
    return colon && (council_agreed || (decision && p.role == Role::remedy));
  };
  std::vector<bool> used(paras_.size(), false);
  for (std::size_t pi = 0; pi < paras_.size(); ++pi) {
    const Para& intro = paras_[pi];
    if (!is_intro(intro)) continue;
    if (!decision || true) {
      // the items
    }
    std::size_t db = 0, de = 0;
    const std::string intro_due = due_in(intro.body, intro.e, db, de);
    const bool si_intro =
        has_any(intro.body, intro.e,
                {"service improvement", "in future", "similar faults", "not recur", "improve its services", "wider"});
    // Items: hierarchical ("3.1" -> "3.1.N"), a fresh numbered list (1, 2, 3), letters, or bullets.
    const std::string prefix = intro.mtype == 3 || intro.mtype == 2 ? intro.marker + "." : "";
    if (intro.mtype == 2 && pi + 1 < paras_.size() && paras_[pi + 1].mtype == 3 &&
        paras_[pi + 1].marker.rfind(prefix, 0) == 0) {
      continue;  // a numbered section heading ("2. Progress against ..."), not a list's introduction
    }
    std::size_t k = pi + 1;
    int mtype = 0;
    int expect = 1;
    long current = -1;
    while (k < paras_.size()) {
      const Para& p = paras_[k];
      const bool child = !prefix.empty() && p.mtype == 3 && p.marker.rfind(prefix, 0) == 0 &&
                         p.marker.find('.', prefix.size()) == npos;
      bool item = false;
      if (child) {
        item = true;
      } else if (p.mtype != 0 && !prefix.empty() && p.mtype == 3) {
        break;  // a sibling section ("3.2", "3.4")
      } else if (p.mtype == 2 && (mtype == 0 || mtype == 2)) {
        const int n = std::atoi(p.marker.c_str());
        if (n == expect) {
          item = true;
          ++expect;
          mtype = 2;
        } else {
          break;
        }
      } else if (p.mtype == 1 && p.marker.empty() && (mtype == 0 || mtype == 1)) {
        item = true;
        mtype = 1;
      } else if (p.mtype == 4 && (mtype == 0 || mtype == 4)) {
        item = true;
        mtype = 4;
      } else if (p.mtype != 0 && !child) {
        if (current >= 0 || p.heading) break;
        break;
      }
      if (item) {
        if (ct_.text[p.e - 1] == ':' && is_intro(p) && !has(p.body, p.e, "\xC2\xA3")) break;  // a new list
        RecItem r;
        r.b = p.body;
        r.e = p.e;
        r.intro_kind = si_intro ? "service_improvement" : "";
        r.due = intro_due;
        r.due_b = db;
        r.due_e = de;
        recs_.push_back(r);
        used[k] = true;
        current = static_cast<long>(recs_.size()) - 1;
      } else if (current >= 0) {
        // A continuation: the item had no full stop, or this paragraph starts in lower case or with '£'.
        RecItem& r = recs_[static_cast<std::size_t>(current)];
        std::size_t last = r.e;
        while (last > r.b && (ct_.text[last - 1] == '*' || ct_.text[last - 1] == ' ')) --last;
        const char end_c = last > r.b ? ct_.text[last - 1] : '.';
        const char first = ct_.text[p.body];
        const bool cont =
            !p.heading && (end_c != '.' && end_c != ';' && end_c != ':' && end_c != ')') && !has(r.b, r.e, "status");
        const bool lowercase = first >= 'a' && first <= 'z';
        if ((cont || lowercase || static_cast<unsigned char>(first) == 0xC2) && !p.heading) {
          r.e = p.e;
          used[k] = true;
        } else if (prefix.empty()) {
          break;
        } else {
          current = -1;  // position statements between hierarchical items
        }
      } else if (prefix.empty() || p.heading) {
        break;
      }
      ++k;
    }
    pi = std::max(pi, k > 0 ? k - 1 : pi);
  }
  // Paragraphs of an Agreed action / Recommendations section that are actions in themselves, and the s.31(2)
  // paragraph wherever it stands.
  for (std::size_t pi = 0; pi < paras_.size(); ++pi) {
    const Para& p = paras_[pi];
    if (used[pi] || p.heading) continue;
    const bool s31 = has(p.body, p.e, "consider the report") && has(p.body, p.e, "confirm") &&
                     has_any(p.body, p.e, {"three months", "31(2)"});
    bool action = false;
    if (decision && p.role == Role::remedy && !is_intro(p)) {
      action = has_any(p.body, p.e, {"agreed to", "should", "will ", "must"}) &&
               has_any(p.body, p.e,
                       {"apologis", "pay", "review", "remind", "train", "provide", "consider", "arrange", "issue",
                        "ensure"}) &&
               !has_any(p.body, p.e,
                        {"provide us with evidence", "evidence it has complied", "we will require", "i am satisfied",
                         "i have completed", "i have now completed"});
    }
    if (s31 && std::any_of(recs_.begin(), recs_.end(),
                           [&](const RecItem& r) { return has(r.b, r.e, "consider the report"); })) {
      continue;  // the list already holds it
    }
    if (!s31 && !action) continue;
    // Keep document order.
    RecItem r;
    r.b = p.body;
    r.e = p.e;
    auto it =
        std::upper_bound(recs_.begin(), recs_.end(), r.b, [](std::size_t v, const RecItem& x) { return v < x.b; });
    recs_.insert(it, r);
  }
  // Each item's text, kind and time limit.
  for (RecItem& r : recs_) {
    r.text = item_text(r.b, r.e, r.text_b, r.text_e);
    std::size_t db = 0, de = 0;
    const std::string own = due_in(r.text_b, r.text_e, db, de);
    if (!own.empty()) {
      r.due = own;
      r.due_b = db;
      r.due_e = de;
    }
    std::string lowt;
    for (char c : r.text) lowt += lower(c);
    // The item's verb, past "The Council should", "The Council has agreed to", "it will".
    std::string_view v = lowt;
    for (std::string_view lead : {"the council has agreed to ", "the council agreed to ", "the council should ",
                                  "the council must ", "the council will ", "it should ", "it will ", "to "}) {
      if (v.rfind(lead, 0) == 0) v.remove_prefix(lead.size());
    }
    if (v.rfind("within ", 0) == 0) {
      // "Within three months it will review ...": the verb after the time limit.
      for (std::string_view lead : {" the council has agreed to ", " the council will ", " the council should ",
                                    " the council must ", " it will ", " it should ", " it has agreed to "}) {
        const std::size_t at = v.substr(0, std::min<std::size_t>(v.size(), 100)).find(lead);
        if (at != std::string_view::npos) {
          v.remove_prefix(at + lead.size());
          break;
        }
      }
    }
    auto starts = [&](std::initializer_list<std::string_view> verbs) {
      for (std::string_view w : verbs) {
        if (v.rfind(w, 0) == 0) return true;
      }
      return false;
    };
    const bool personal = lowt.find("this case") != npos || lowt.find("mr ") != npos || lowt.find("mrs ") != npos ||
                          lowt.find("ms ") != npos || lowt.find("miss ") != npos || lowt.find("the family") != npos;
    if (lowt.find("consider the report") != npos) {
      r.kind = "consider_report";
    } else if ((starts({"apologis", "write to", "send a written apology", "send an apology",
                        "provide a written apology"}) &&
                lowt.find("\xC2\xA3") == npos) ||
               (lowt.find("apologis") != npos && lowt.find("\xC2\xA3") == npos && lowt.find("pay") == npos)) {
      r.kind = "apology";
    } else if (starts({"pay", "make a payment", "a payment", "a further payment", "make payment", "make a further",
                       "make two payments", "make payments", "reimburse", "refund", "repay"}) ||
               lowt.find("\xC2\xA3") != npos) {
      r.kind = "payment";
    } else if (!r.intro_kind.empty() ||
               starts({"remind", "train", "provide training", "improve", "share", "circulate", "introduce", "audit",
                       "issue guidance", "produce guidance", "update its", "review its", "review how", "review the way",
                       "develop", "create", "put in place"}) ||
               (starts({"review"}) && (lowt.find("process") != npos || lowt.find("procedure") != npos ||
                                       lowt.find("policy") != npos || lowt.find("practice") != npos)) ||
               (!personal &&
                (lowt.find("not recur") != npos || lowt.find("in future") != npos || lowt.find("staff") != npos ||
                 lowt.find("officers") != npos || lowt.find("procedure") != npos || lowt.find("policy") != npos))) {
      r.kind = "service_improvement";
    } else {
      r.kind = "action";
    }
    // A status in the item ("Status: Complete").
    const std::size_t st = find_in(r.b, r.e, "status:");
    if (st != npos) {
      std::size_t e = r.e;
      const std::string_view rest = std::string_view(low_).substr(st + 7, std::min<std::size_t>(80, r.e - st - 7));
      std::string status;
      if (rest.find("in progress") != npos) {
        status = "in_progress";
      } else if (rest.find("on track") != npos) {
        status = "on_track";
      } else if (rest.find("not started") != npos) {
        status = "not_started";
      } else if (rest.find("refused") != npos || rest.find("declined") != npos) {
        status = "refused";
      } else if (rest.find("complete") != npos) {
        status = "complete";
      }
      const std::size_t star = find_in(st + 7, r.e, "**");
      if (star != npos) e = star;
      if (!status.empty()) {
        r.status = status;
        r.status_b = st;
        r.status_e = e;
      } else {
        note("", "a status the case format has no term for: '" + std::string(clean(st, e)) + "'", st, e);
      }
    } else {
      // The council's response in bold: "The Council has issued the payment ...".
      const std::size_t bold = find_in(r.b + 2, r.e, " **");
      if (bold != npos && has_any(bold, r.e,
                                  {"has issued", "has been paid", "has paid", "has apologised", "has been completed",
                                   "has completed", "has been provided"})) {
        r.status = "complete";
        r.status_b = bold + 1;
        r.status_e = r.e;
      }
    }
  }
}

// The kind of a payment from the words around it: the earliest named purpose wins, except that a purpose
// "caused by" poor communication or complaint handling is complaint handling.
std::string Extractor::kind_of_payment(std::size_t b, std::size_t e, std::size_t& kb, std::size_t& ke) const {
  struct Key {
    const char* text;
    const char* kind;
  };
  static const Key keys[] = {
      {"time and trouble", "time_and_trouble"},
      {"time and effort", "time_and_trouble"},
      {"complaint handling", "complaint_handling"},
      {"complaints handling", "complaint_handling"},
      {"handling of her complaint", "complaint_handling"},
      {"handling of his complaint", "complaint_handling"},
      {"handling of their complaint", "complaint_handling"},
      {"handling of the complaint", "complaint_handling"},
      {"handled her complaint", "complaint_handling"},
      {"handled the complaint", "complaint_handling"},
      {"poor communication", "complaint_handling"},
      {"distress", "distress"},
      {"anxiety", "distress"},
      {"upset", "distress"},
      {"stress", "distress"},
      {"frustration", "distress"},
      {"impact on her", "distress"},
      {"impact on him", "distress"},
      {"impact on them", "distress"},
      {"impact on the family", "distress"},
      {"uncertainty", "uncertainty"},
      {"lost opportunity", "lost_opportunity"},
      {"loss of opportunity", "lost_opportunity"},
      {"lost the opportunity", "lost_opportunity"},
      {"missed opportunity", "lost_opportunity"},
      {"lost chance", "lost_opportunity"},
      {"reimburse", "reimbursement"},
      {"repay", "reimbursement"},
      {"refund", "reimbursement"},
      {"costs", "reimbursement"},
      {"cost of", "reimbursement"},
      {"expenses", "reimbursement"},
      {"fees", "reimbursement"},
      {"paid for", "reimbursement"},
      {"spent on", "reimbursement"},
  };
  std::size_t best = npos;
  std::string kind;
  for (const Key& k : keys) {
    const std::size_t at = find_in(b, e, k.text);
    if (at != npos && (best == npos || at < best)) {
      best = at;
      kind = k.kind;
      kb = at;
      ke = at + std::string_view(k.text).size();
    }
  }
  if (kind != "complaint_handling" && best != npos) {
    const std::size_t cb = find_in(b, e, "caused by");
    if (cb != npos && cb > best) {
      for (const Key& k : keys) {
        if (std::string_view(k.kind) != "complaint_handling") continue;
        const std::size_t at = find_in(cb, e, k.text);
        if (at != npos) {
          kind = k.kind;
          kb = at;
          ke = at + std::string_view(k.text).size();
          break;
        }
      }
    }
  }
  return kind;
}

// Who a payment is for, when the words next to it say: "£750 to C", "for Ms B", "pay Mrs X £300".
std::string Extractor::recipient_near(const Amount& a, std::size_t sb, std::size_t se, std::size_t& rb,
                                      std::size_t& re) const {
  auto who = [&](std::size_t p, std::size_t e, std::size_t& wb, std::size_t& we) -> std::string {
    const std::vector<Word> ws = words_of(low_, p, std::min(e, p + 40));
    if (ws.empty()) return "";
    std::size_t k = 0;
    if (ws[k].w == "the" && k + 1 < ws.size()) ++k;
    const std::string_view w = ws[k].w;
    wb = ws[k].b;
    we = ws[k].e;
    if (w == "mr" || w == "mrs" || w == "ms" || w == "miss" || w == "dr" || w == "parents" || w == "parent" ||
        w == "family" || w == "complainant" || w == "mother" || w == "father") {
      if (k + 1 < ws.size() && ws[k + 1].w != "," && ws[k + 1].w.size() <= 3) we = ws[k + 1].e;
      return "parent";
    }
    if (w == "her" || w == "his" || w == "their") {
      if (k + 1 < ws.size() &&
          (ws[k + 1].w == "son" || ws[k + 1].w == "daughter" || ws[k + 1].w == "child" || ws[k + 1].w == "children")) {
        we = ws[k + 1].e;
        return "child";
      }
      return "";
    }
    if (w == "child" || w == "son" || w == "daughter") return "child";
    if (w == "young" && k + 1 < ws.size() && ws[k + 1].w == "person") {
      we = ws[k + 1].e;
      return "young_person";
    }
    // A single capital letter standing for the child ("to C", "for Y"); not "A" or "I".
    if (w.size() == 1 && is_alpha(w[0]) && is_upper(ct_.text[ws[k].b]) && w != "a" && w != "i") return "child";
    return "";
  };
  // After: "£750.00 to C", "£750.00 for Ms B".
  std::size_t k = a.e;
  while (k < se && ct_.text[k] == ' ') ++k;
  for (std::string_view lead : {"to ", "for "}) {
    if (low_.compare(k, lead.size(), lead) == 0) {
      const std::string r = who(k + lead.size(), se, rb, re);
      if (!r.empty()) return r;
    }
  }
  // Before: "pay Mrs B £1800", "pay her son £500".
  std::size_t from = a.b > sb + 30 ? a.b - 30 : sb;
  const std::size_t pay = [&] {
    std::size_t found = npos;
    std::size_t at = find_in(from, a.b, "pay ");
    while (at != npos) {
      found = at;
      at = find_in(at + 1, a.b, "pay ");
    }
    return found;
  }();
  if (pay != npos) {
    const std::string r = who(pay + 4, a.b, rb, re);
    if (!r.empty()) return r;
  }
  return "";
}

Period Extractor::period_in(std::size_t b, std::size_t e, std::size_t skip_b, std::size_t skip_e) const {
  Period out;
  const std::vector<Word> ws = words_of(low_, b, e);
  // Month and date ranges.
  for (std::size_t k = 0; k < ws.size(); ++k) {
    if (ws[k].b >= skip_b && ws[k].e <= skip_e) continue;
    // a date range: "8 January 2024 to 19 July 2024"
    if (auto d1 = date_at(ws, k, low_)) {
      std::size_t n = k + 3;
      if (n < ws.size() && (ws[n].w == "to" || ws[n].w == "until" || ws[n].w == "-" || ws[n].w == "and")) {
        if (auto d2 = date_at(ws, n + 1, low_)) {
          out.found = true;
          out.dates = true;
          out.from = d1->iso;
          out.to = d2->iso;
          out.b = d1->b;
          out.e = d2->e;
          return out;
        }
      }
      continue;
    }
    if (month_of(ws[k].w) == 0) continue;
    if (ws[k].w == "may" && !(k + 1 < ws.size() && (ws[k + 1].w == "to" || year_of(ws[k + 1].w) > 0 ||
                                                    ws[k + 1].w == "and" || ws[k + 1].w == "-"))) {
      continue;
    }
    // m1 [y1] (to|until|-|and) m2 [y2] {(and|,) m3 [y3] to m4 [y4]}
    struct End {
      int m, y;
    };
    std::vector<std::pair<End, End>> ranges;
    std::size_t n = k;
    const bool between = k > 0 && ws[k - 1].w == "between";
    std::size_t last_e = ws[k].e;
    while (n < ws.size()) {
      const int m1 = month_of(ws[n].w);
      if (m1 == 0) break;
      std::size_t q = n + 1;
      int y1 = 0;
      if (q < ws.size() && year_of(ws[q].w) > 0) y1 = year_of(ws[q++].w);
      if (!(q < ws.size() && (ws[q].w == "to" || ws[q].w == "until" || ws[q].w == "-" ||
                              (ws[q].w == "and" && between && ranges.empty())))) {
        break;
      }
      ++q;
      if (q < ws.size() && ws[q].w == "the" && q + 2 < ws.size() && ws[q + 1].w == "end") q += 3;
      if (q >= ws.size() || month_of(ws[q].w) == 0) break;
      const int m2 = month_of(ws[q].w);
      last_e = ws[q].e;
      ++q;
      int y2 = 0;
      if (q < ws.size() && year_of(ws[q].w) > 0) {
        y2 = year_of(ws[q].w);
        last_e = ws[q].e;
        ++q;
      }
      ranges.push_back({{m1, y1}, {m2, y2}});
      n = q;
      if (n < ws.size() && (ws[n].w == "and" || ws[n].w == ",") && n + 1 < ws.size() && month_of(ws[n + 1].w) > 0) {
        ++n;
        continue;
      }
      break;
    }
    if (ranges.empty()) continue;
    // Years: each missing year takes the next one given; a range running over New Year starts a year earlier.
    int next = 0;
    for (auto it = ranges.rbegin(); it != ranges.rend(); ++it) {
      if (it->second.y == 0) it->second.y = next;
      if (it->second.y != 0) next = it->second.y;
      if (it->first.y == 0 && it->second.y != 0) {
        it->first.y = it->first.m > it->second.m ? it->second.y - 1 : it->second.y;
      }
      if (it->first.y != 0) next = it->first.y;
    }
    if (ranges.front().first.y == 0 || ranges.back().second.y == 0) continue;
    // Join ranges whose gap is only August (the summer holiday): school months are counted anyway.
    for (std::size_t r = 1; r < ranges.size(); ++r) {
      const End a = ranges[r - 1].second;
      const End c = ranges[r].first;
      const int gap = (c.y * 12 + c.m) - (a.y * 12 + a.m) - 1;
      const bool only_august = gap == 0 || (gap == 1 && a.m == 7 && c.m == 9);
      if (!only_august) out.gap = true;
    }
    out.found = true;
    out.months = true;
    out.from = ym(ranges.front().first.y, ranges.front().first.m);
    out.to = ym(ranges.back().second.y, ranges.back().second.m);
    out.b = ws[k].b;
    out.e = last_e;
    return out;
  }
  // A length: "two terms and one week", "27 months", "one year and six months", "for two full terms".
  for (std::size_t k = 0; k < ws.size(); ++k) {
    if (ws[k].b >= skip_b && ws[k].e <= skip_e) continue;
    if (k > 0 && (ws[k - 1].w == "within" || ws[k - 1].w == "after")) continue;
    Json length = Json::object();
    std::size_t n = k;
    std::size_t end = 0;
    while (n < ws.size()) {
      int v = number_of(ws[n].w);
      if ((ws[n].w == "a" || ws[n].w == "an") && n > 0 && (ws[n - 1].w == "for" || ws[n - 1].w == "and")) v = 1;
      if (v == 0) break;
      std::size_t q = n + 1;
      while (q < ws.size() && (ws[q].w == "full" || ws[q].w == "school" || ws[q].w == "academic" ||
                               ws[q].w == "calendar" || ws[q].w == "whole" || ws[q].w == "complete")) {
        ++q;
      }
      if (q >= ws.size()) break;
      const std::string_view u = ws[q].w;
      std::string key;
      if (u == "term" || u == "terms") key = "terms";
      if (u == "month" || u == "months") key = "months";
      if (u == "week" || u == "weeks") key = "weeks";
      if (u == "year" || u == "years") key = "years";
      if (u == "day" || u == "days") key = "days";
      if (key.empty() || length.contains(key)) break;
      if (ws[q].b >= skip_b && ws[q].e <= skip_e) break;
      length[key] = v;
      end = ws[q].e;
      n = q + 1;
      if (n + 1 < ws.size() && (ws[n].w == "and" || ws[n].w == ",") && number_of(ws[n + 1].w) + 0 >= 0) {
        const std::size_t save = n;
        ++n;
        if (number_of(ws[n].w) == 0 && ws[n].w != "a" && ws[n].w != "an") {
          n = save;
          break;
        }
        continue;
      }
      break;
    }
    if (!length.empty()) {
      out.found = true;
      out.length = length;
      out.b = ws[k].b;
      out.e = end;
      return out;
    }
  }
  return out;
}

void Extractor::read_remedy() {
  const std::vector<Amount> amounts = find_amounts(ct_.text);
  if (amounts.empty()) {
    note("remedy", "no amounts of money were found: the case has no remedy section", 0, 0);
    return;
  }
  std::vector<AmountInfo> info;
  info.reserve(amounts.size());
  // Where the remedy is read from: a council report's recommendation items; a decision's Agreed action or
  // Recommendations section when it holds amounts; otherwise the whole text.
  auto item_of = [&](std::size_t pos) -> long {
    for (std::size_t r = 0; r < recs_.size(); ++r) {
      if (pos >= recs_[r].b && pos < recs_[r].e) return static_cast<long>(r);
    }
    return -1;
  };
  bool remedy_section = false;
  for (const Amount& a : amounts) {
    const std::size_t s = sentence_at(a.b);
    if (!a.scaled && !sents_.empty() && paras_[sents_[s].para].role == Role::remedy) remedy_section = true;
  }
  bool any_in_items = false;
  for (const Amount& a : amounts) {
    if (item_of(a.b) >= 0 && !a.scaled) any_in_items = true;
  }
  const bool council = layout_ == "council_report";
  for (const Amount& a : amounts) {
    AmountInfo x;
    x.a = a;
    x.sentence = sents_.empty() ? 0 : sentence_at(a.b);
    x.para = sents_.empty() ? 0 : sents_[x.sentence].para;
    x.item = item_of(a.b);
    const Role role = paras_.empty() ? Role::other : paras_[x.para].role;
    if (council && any_in_items) {
      x.in_region = x.item >= 0;
    } else if (!council && remedy_section) {
      x.in_region = role == Role::remedy;
    } else {
      x.in_region = role != Role::powers;
    }
    if (role == Role::finance) x.in_region = false;
    info.push_back(x);
  }
  // Roles, by the words next to each amount.
  for (std::size_t i = 0; i < info.size(); ++i) {
    AmountInfo& x = info[i];
    const Amount& a = x.a;
    const std::size_t sb = sents_.empty() ? 0 : sents_[x.sentence].b;
    const std::size_t se = sents_.empty() ? low_.size() : sents_[x.sentence].e;
    const std::size_t before_b = a.b > sb + 40 ? a.b - 40 : sb;
    // The words after the amount up to the next amount in the sentence.
    std::size_t after_e = se;
    if (i + 1 < info.size() && info[i + 1].a.b < after_e) after_e = info[i + 1].a.b;
    if (a.scaled) {
      x.role = AmountRole::scaled;
      continue;
    }
    // A guidance band: "between £900 and £2,400 a term".
    if ((has(before_b, a.b, "between ") && i + 1 < info.size() && info[i + 1].sentence == x.sentence &&
         has(a.e, info[i + 1].a.b, "and") && info[i + 1].a.b - a.e < 8) ||
        (i > 0 && info[i - 1].role == AmountRole::band && info[i - 1].sentence == x.sentence &&
         a.b - info[i - 1].a.e < 8)) {
      x.role = AmountRole::band;
      continue;
    }
    if (has_any(before_b, a.b, {"guidance", "band", "range of", "up to "}) && has_any(sb, se, {"guidance", "band"})) {
      x.role = AmountRole::band;
      continue;
    }
    // A rate: "£600 a month", "£1,600 per term", "£2,000 for every school term", "monthly rate of £500".
    {
      std::size_t k = a.e;
      while (k < se && low_[k] == ' ') ++k;
      struct Unit {
        const char* text;
        const char* per;
      };
      static const Unit units[] = {
          {"a month", "month"},
          {"per month", "month"},
          {"each month", "month"},
          {"every month", "month"},
          {"a calendar month", "month"},
          {"per calendar month", "month"},
          {"a school month", "month"},
          {"a term", "term"},
          {"per term", "term"},
          {"each term", "term"},
          {"a school term", "term"},
          {"per school term", "term"},
          {"for every school term", "term"},
          {"for every term", "term"},
          {"for each school term", "term"},
          {"for each term", "term"},
          {"a week", "week"},
          {"per week", "week"},
          {"each week", "week"},
          {"a school week", "week"},
          {"for every week", "week"},
          {"for each week", "week"},
          {"a year", "year"},
          {"per year", "year"},
          {"per annum", "year"},
          {"each year", "year"},
          {"a school year", "year"},
          {"an academic year", "year"},
          {"per academic year", "year"},
      };
      for (const Unit& u : units) {
        const std::string_view ut = u.text;
        if (low_.compare(k, ut.size(), ut) == 0 && (k + ut.size() >= low_.size() || !is_alpha(low_[k + ut.size()]))) {
          x.role = AmountRole::rate;
          x.per = u.per;
          x.per_b = k;
          x.per_e = k + ut.size();
          break;
        }
      }
      if (x.role != AmountRole::rate) {
        const std::size_t near = a.b > sb + 22 ? a.b - 22 : sb;
        for (auto [word, per] : {std::pair<const char*, const char*>{"monthly rate of", "month"},
                                 {"termly rate of", "term"},
                                 {"weekly rate of", "week"},
                                 {"annual rate of", "year"},
                                 {"monthly payment of", "month"}}) {
          const std::size_t at = find_in(near, a.b, word);
          if (at != npos) {
            x.role = AmountRole::rate;
            x.per = per;
            x.per_b = at;
            x.per_e = at + std::string_view(word).size();
            break;
          }
        }
      }
      if (x.role == AmountRole::rate) continue;
    }
    // Already offered or paid before the decision.
    if (has_any(a.e, std::min(after_e, a.e + 45),
                {"already offered", "already paid", "it has already", "it had already", "previously offered",
                 "it offered", "it had offered", "it has offered", "offered earlier", "offered previously"}) ||
        has_any(before_b, a.b,
                {"already offered", "already paid", "previously offered", "had offered", "has offered", "offered",
                 "original offer", "earlier offer", "its offer of", "the offer of"})) {
      x.role = AmountRole::offered;
      continue;
    }
    // A total: "a total of £6,000", "equates to £8,800", "£1,050 in total".
    if (has_any(before_b, a.b,
                {"total of", "totalling", "totaling", "in total", "a total", "total sum", "overall", "altogether",
                 "equates to", "amounting to", "comes to", "sum total", "total:", "totals "}) ||
        has_any(a.e, std::min(after_e, a.e + 14), {"in total", "in all", "altogether", "overall"}) ||
        (paras_.size() > x.para && paras_[x.para].role == Role::finance)) {
      x.role = AmountRole::total;
      continue;
    }
    x.role = AmountRole::payment;
  }
  // Rates and the amount they make: the nearest other amount in the sentence (before, else after), or the last
  // amount of the previous sentence when this one says how it was calculated.
  Json lost = Json::array();
  Json payments = Json::array();
  std::vector<std::pair<std::string, std::pair<std::size_t, std::size_t>>> line_marks;
  struct Line {
    std::size_t order;  // position in the text, for the subtotal check
    std::int64_t pence;
    std::string path;
    long item;
    std::size_t b, e;
  };
  std::vector<Line> lines;
  std::vector<long> partner(info.size(), -1);
  for (std::size_t i = 0; i < info.size(); ++i) {
    if (info[i].role != AmountRole::rate || !info[i].in_region) continue;
    long best = -1;
    for (long j = static_cast<long>(i) - 1; j >= 0; --j) {
      const AmountInfo& y = info[static_cast<std::size_t>(j)];
      if (y.sentence != info[i].sentence) break;
      if (y.role == AmountRole::payment || y.role == AmountRole::total) {
        best = j;
        break;
      }
    }
    if (best < 0) {
      for (std::size_t j = i + 1; j < info.size() && info[j].sentence == info[i].sentence; ++j) {
        if (info[j].role == AmountRole::payment || info[j].role == AmountRole::total) {
          best = static_cast<long>(j);
          break;
        }
      }
    }
    const std::size_t sb = sents_[info[i].sentence].b;
    if (best < 0 && info[i].sentence > 0 && sents_[info[i].sentence - 1].para == sents_[info[i].sentence].para &&
        has_any(sb, info[i].a.b, {"calculated", "based on", "this is", "which is", "works out", "this represents"})) {
      for (long j = static_cast<long>(i) - 1; j >= 0; --j) {
        const AmountInfo& y = info[static_cast<std::size_t>(j)];
        if (y.sentence + 1 < info[i].sentence) break;
        if (y.sentence + 1 == info[i].sentence && (y.role == AmountRole::payment || y.role == AmountRole::total)) {
          best = j;
          break;
        }
      }
    }
    // A rate in a paragraph that only continues the item ("£4,800 for ... . This is calculated at £600 a
    // month") may also pair across paragraphs of one item.
    if (best < 0 && info[i].sentence > 0 && info[i].item >= 0 &&
        has_any(sb, info[i].a.b, {"calculated", "based on", "this is", "which is"})) {
      for (long j = static_cast<long>(i) - 1; j >= 0; --j) {
        const AmountInfo& y = info[static_cast<std::size_t>(j)];
        if (y.item != info[i].item || y.sentence + 1 != info[i].sentence) break;
        if (y.role == AmountRole::payment || y.role == AmountRole::total) {
          best = j;
          break;
        }
      }
    }
    if (best >= 0 && partner[static_cast<std::size_t>(best)] < 0) {
      partner[static_cast<std::size_t>(best)] = static_cast<long>(i);
      info[static_cast<std::size_t>(best)].role = AmountRole::line_amount;
    } else {
      best = -1;
    }
    partner[i] = best;
  }
  // Lost provision lines, in text order of the rate.
  for (std::size_t i = 0; i < info.size(); ++i) {
    if (info[i].role != AmountRole::rate || !info[i].in_region) continue;
    const AmountInfo& r = info[i];
    const long pj = partner[i];
    const AmountInfo* amount = pj >= 0 ? &info[static_cast<std::size_t>(pj)] : nullptr;
    // The period: in the amount's sentence first, then the rate's.
    Period period;
    if (amount != nullptr) {
      const Sentence& s = sents_[amount->sentence];
      period = period_in(s.b, s.e, r.per_b, r.per_e);
    }
    if (!period.found) {
      const Sentence& s = sents_[r.sentence];
      period = period_in(s.b, s.e, r.per_b, r.per_e);
    }
    const std::size_t idx = lost.size();
    const std::string path = "remedy.lost_provision[" + std::to_string(idx) + "]";
    Json line = Json::object();
    const std::size_t span_b = amount != nullptr ? std::min(amount->a.b, r.a.b) : r.a.b;
    const std::size_t span_e = amount != nullptr ? std::max(amount->a.e, r.a.e) : r.a.e;
    const std::size_t ctx_b = sents_[amount != nullptr ? std::min(amount->sentence, r.sentence) : r.sentence].b;
    const std::size_t ctx_e = sents_[amount != nullptr ? std::max(amount->sentence, r.sentence) : r.sentence].e;
    if (!period.found && amount != nullptr && r.a.pence > 0 && amount->a.pence % r.a.pence == 0) {
      // "£3,000 ... calculated at £1,500 a term": two terms, said in review.
      const std::int64_t count = amount->a.pence / r.a.pence;
      period.found = true;
      period.length = Json::object({{r.per + "s", count}});
      period.b = span_b;
      period.e = span_e;
      note(path + ".length",
           "no period stated: " + std::to_string(count) + " " + r.per + (count == 1 ? "" : "s") +
               " inferred from the amount divided by the rate",
           span_b, span_e);
    }
    if (!period.found) {
      if (amount != nullptr) {
        // Never a silent figure: the stated amount stands as a payment and the missing period goes to review.
        const std::string ppath = "remedy.payments[" + std::to_string(payments.size()) + "]";
        payments.push_back(
            {{"kind", "other"},
             {"amount", pounds(amount->a.pence)},
             {"for", "lost provision at " + show_pounds(r.a.pence) + " a " + r.per + " (no period found)"}});
        mark(ppath + ".amount", amount->a.b, amount->a.e);
        lines.push_back({amount->a.b, amount->a.pence, ppath, amount->item, amount->a.b, amount->a.e});
        note(ppath,
             "a rate of " + show_pounds(r.a.pence) + " a " + r.per +
                 " with no period that could be dated: the stated amount is kept as a payment; check it",
             ctx_b, ctx_e);
      } else {
        note("remedy",
             "a rate of " + show_pounds(r.a.pence) + " a " + r.per +
                 " with neither a period nor an amount: not counted; add the period if it is owed",
             r.a.b, r.a.e);
      }
      continue;
    }
    if (period.months || period.dates) {
      line["from"] = period.from;
      line["to"] = period.to;
      mark(path + ".from", period.b, period.e);
      mark(path + ".to", period.b, period.e);
      if (period.gap) {
        note(path,
             "the text gives several periods with a gap longer than the summer holiday; they are read as one "
             "from the first month to the last: check",
             period.b, period.e);
      }
    } else {
      line["length"] = period.length;
      mark(path + ".length", period.b, period.e);
    }
    line["rate"] = pounds(r.a.pence);
    mark(path + ".rate", r.a.b, r.a.e);
    line["per"] = r.per;
    mark(path + ".per", r.per_b, r.per_e);
    std::string provision = "none";
    std::size_t pv_b = 0, pv_e = 0;
    for (auto [word, value] : {std::pair<const char*, const char*>{"unsuitable", "unsuitable"},
                               {"not suitable", "unsuitable"},
                               {"partial", "partial"},
                               {"part-time", "partial"},
                               {"part time", "partial"},
                               {"reduced timetable", "partial"},
                               {"some provision", "partial"},
                               {"no alternative provision", "none"},
                               {"no provision", "none"},
                               {"no education", "none"},
                               {"without any education", "none"},
                               {"without education", "none"}}) {
      const std::size_t at = find_in(ctx_b, ctx_e, word);
      if (at != npos) {
        provision = value;
        pv_b = at;
        pv_e = at + std::string_view(word).size();
        break;
      }
    }
    line["provision"] = provision;
    // EHC plan provision such as therapy is its own head, so it may run alongside lost education.
    for (std::string_view word : {"therapy", "speech and language", "special educational provision", "section f"}) {
      const std::size_t at = find_in(ctx_b, ctx_e, word);
      if (at != npos) {
        line["head"] = "special_provision";
        mark(path + ".head", at, at + word.size());
        break;
      }
    }
    if (pv_e > pv_b) mark(path + ".provision", pv_b, pv_e);
    if (amount != nullptr) {
      line["amount"] = pounds(amount->a.pence);
      mark(path + ".amount", amount->a.b, amount->a.e);
      lines.push_back({amount->a.b, amount->a.pence, path, amount->item, amount->a.b, amount->a.e});
    } else {
      lines.push_back({r.a.b, -1, path, r.item, r.a.b, r.a.e});
    }
    lost.push_back(line);
  }
  // Payments: the remaining amounts in the region, each with its kind and recipient.
  std::vector<std::size_t> payment_infos;
  for (std::size_t i = 0; i < info.size(); ++i) {
    const AmountInfo& x = info[i];
    if (x.role != AmountRole::payment || !x.in_region) continue;
    payment_infos.push_back(i);
  }
  // The same sum in two sections (the Summary and the Agreed action; the Summary and the Final decision) is one
  // payment: a later repeat in another section is ignored.
  std::vector<bool> repeat(info.size(), false);
  auto preferred = [&](const AmountInfo& x) { return x.item >= 0 || paras_[x.para].role == Role::remedy; };
  for (std::size_t u = 0; u < payment_infos.size(); ++u) {
    for (std::size_t v = 0; v < u; ++v) {
      const std::size_t iu = payment_infos[u];
      const std::size_t iv = payment_infos[v];
      if (repeat[iv] || repeat[iu]) continue;
      const AmountInfo& a = info[iu];
      const AmountInfo& b = info[iv];
      if (a.a.pence != b.a.pence || paras_[a.para].role == paras_[b.para].role) continue;
      if (preferred(a) && preferred(b)) continue;
      // Keep the one in the remedy (an Agreed action item) and drop the other.
      const std::size_t drop = preferred(a) ? iv : iu;
      const std::size_t keep = drop == iu ? iv : iu;
      repeat[drop] = true;
      ignore("the same sum as the one at " + std::to_string(info[keep].a.b) +
                 " in another section of the text: one payment, counted once",
             info[drop].a.b, info[drop].a.e);
    }
  }
  std::map<long, std::pair<std::string, std::pair<std::size_t, std::size_t>>> item_recipient;
  for (std::size_t i : payment_infos) {
    if (repeat[i]) continue;
    const AmountInfo& x = info[i];
    const std::size_t idx = payments.size();
    const std::string path = "remedy.payments[" + std::to_string(idx) + "]";
    const Sentence& s = sents_[x.sentence];
    // The purpose: the words after the amount up to the next amount (else the words before it).
    std::size_t next = s.e;
    for (std::size_t j = i + 1; j < info.size(); ++j) {
      if (info[j].role == AmountRole::offered || info[j].role == AmountRole::band) continue;
      if (info[j].a.b >= x.a.e) {
        if (info[j].a.b < next) next = info[j].a.b;
        break;
      }
    }
    std::size_t prev = s.b;
    for (std::size_t j = i; j-- > 0;) {
      if (info[j].a.e <= x.a.b && info[j].a.e > prev && info[j].sentence == x.sentence) {
        prev = info[j].a.e;
        break;
      }
    }
    std::size_t kb = 0, ke = 0;
    std::string kind = kind_of_payment(x.a.e, next, kb, ke);
    if (kind.empty()) kind = kind_of_payment(prev, x.a.b, kb, ke);
    Json p = Json::object();
    p["kind"] = kind.empty() ? "other" : kind;
    p["amount"] = pounds(x.a.pence);
    mark(path + ".amount", x.a.b, x.a.e);
    if (!kind.empty()) mark(path + ".kind", kb, ke);
    std::size_t rb = 0, re = 0;
    std::string to = recipient_near(x.a, s.b, s.e, rb, re);
    if (!to.empty()) {
      if (x.item >= 0 && !item_recipient.count(x.item)) item_recipient[x.item] = {to, {rb, re}};
    } else if (x.item >= 0 && item_recipient.count(x.item) && low_.compare(x.a.b > 4 ? x.a.b - 4 : 0, 4, "and ") == 0) {
      to = item_recipient[x.item].first;
      rb = item_recipient[x.item].second.first;
      re = item_recipient[x.item].second.second;
    } else if (x.item >= 0 && item_recipient.count(x.item)) {
      const std::size_t pb = x.a.b > 5 ? x.a.b - 5 : 0;
      if (has(pb, x.a.b, "and")) {
        to = item_recipient[x.item].first;
        rb = item_recipient[x.item].second.first;
        re = item_recipient[x.item].second.second;
      }
    }
    if (!to.empty()) {
      p["to"] = to;
      mark(path + ".to", rb, re);
    }
    // "for": the purpose in the text's words.
    std::size_t fb = x.a.e;
    while (fb < next && (ct_.text[fb] == ' ' || ct_.text[fb] == ',')) ++fb;
    std::size_t fe = next;
    while (fe > fb && (ct_.text[fe - 1] == ' ' || ct_.text[fe - 1] == '.' || ct_.text[fe - 1] == ';' ||
                       ct_.text[fe - 1] == ',' || ct_.text[fe - 1] == '*')) {
      --fe;
    }
    if (fe > fb + 3) {
      std::string purpose;
      for (char c : clean(fb, std::min(fe, fb + 240))) {
        if (c == '\n') c = ' ';
        if (c == '*') continue;
        purpose += c;
      }
      if (low_.compare(fe > 4 ? fe - 4 : 0, 4, " and") == 0 && purpose.size() > 4) purpose.resize(purpose.size() - 4);
      p["for"] = purpose;
      mark(path + ".for", fb, std::min(fe, fb + 240));
    }
    if (kind.empty()) {
      note(path + ".kind",
           "no purpose the case format names was found for " + show_pounds(x.a.pence) + ": recorded as 'other'; check",
           s.b, s.e);
    }
    lines.push_back({x.a.b, x.a.pence, path, x.item, x.a.b, x.a.e});
    payments.push_back(p);
  }
  // A sum of the lines that follow it in one item ("£6,300 ... This comprises £4,800 ... £1,500") is their
  // subtotal, not another payment.
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.order < b.order; });
  std::set<std::string> drop;
  for (std::size_t u = 0; u < lines.size(); ++u) {
    if (lines[u].path.find("payments") == npos) continue;
    std::int64_t sum = 0;
    std::size_t count = 0;
    for (std::size_t v = u + 1; v < lines.size() && lines[v].item == lines[u].item && lines[u].item >= 0; ++v) {
      if (lines[v].pence < 0) break;
      sum += lines[v].pence;
      ++count;
      if (sum == lines[u].pence && count >= 2) {
        drop.insert(lines[u].path);
        ignore("the sum of the " + std::to_string(count) + " figures that follow it: a subtotal, counted once",
               lines[u].b, lines[u].e);
        break;
      }
      if (sum > lines[u].pence) break;
    }
  }
  if (!drop.empty()) {
    // Rebuild payments without the subtotals, renumbering their provenance paths.
    Json kept = Json::array();
    std::map<std::string, std::string> renamed;
    for (std::size_t k = 0; k < payments.size(); ++k) {
      const std::string old = "remedy.payments[" + std::to_string(k) + "]";
      if (drop.count(old)) {
        renamed[old] = "";
        continue;
      }
      renamed[old] = "remedy.payments[" + std::to_string(kept.size()) + "]";
      kept.push_back(payments[k]);
    }
    payments = kept;
    std::vector<Mark> marks;
    for (Mark& m : marks_) {
      bool keep = true;
      for (auto& [old, now] : renamed) {
        if (m.path.rfind(old, 0) == 0 && (m.path.size() == old.size() || m.path[old.size()] == '.')) {
          if (now.empty()) {
            keep = false;
          } else {
            m.path = now + m.path.substr(old.size());
          }
          break;
        }
      }
      if (keep) marks.push_back(m);
    }
    marks_ = marks;
    std::vector<Note> notes;
    for (Note& n : review_) {
      bool keep = true;
      for (auto& [old, now] : renamed) {
        if (n.path.rfind(old, 0) == 0 && (n.path.size() == old.size() || n.path[old.size()] == '.')) {
          if (now.empty()) {
            keep = false;
          } else {
            n.path = now + n.path.substr(old.size());
          }
          break;
        }
      }
      if (keep) notes.push_back(n);
    }
    review_ = notes;
    for (Line& l : lines) {
      if (renamed.count(l.path)) l.path = renamed[l.path];
    }
  }
  std::int64_t sum = 0;
  bool complete_sum = true;
  for (const Line& l : lines) {
    if (l.path.empty()) continue;
    if (l.pence < 0) complete_sum = false;
    sum += l.pence < 0 ? 0 : l.pence;
  }
  // The stated total: a total-marked amount (or one in the finance section) equal to the sum; else the last
  // total-marked one, with a review entry when it disagrees.
  std::optional<std::size_t> total;
  for (std::size_t i = 0; i < info.size(); ++i) {
    const AmountInfo& x = info[i];
    if (x.role == AmountRole::total && x.a.pence == sum && sum > 0) {
      total = i;
      break;
    }
  }
  // An amount outside the remedy that is the sum of two or more lines is the total too ("£2,300 has been paid").
  if (!total) {
    for (std::size_t i = 0; i < info.size(); ++i) {
      const AmountInfo& x = info[i];
      if (x.role == AmountRole::payment && !x.in_region && x.a.pence == sum && lines.size() >= 2 && sum > 0) {
        total = i;
        break;
      }
    }
  }
  if (!total) {
    for (std::size_t i = 0; i < info.size(); ++i) {
      const AmountInfo& x = info[i];
      if (x.role == AmountRole::total && (x.in_region || paras_[x.para].role == Role::finance || lines.empty())) {
        total = i;
      }
    }
  }
  Json remedy = Json::object();
  if (!lost.empty()) remedy["lost_provision"] = lost;
  if (!payments.empty()) remedy["payments"] = payments;
  if (total) {
    const AmountInfo& x = info[*total];
    remedy["stated_total"] = pounds(x.a.pence);
    mark("remedy.stated_total", x.a.b, x.a.e);
    if (x.a.pence != sum && complete_sum) {
      note("remedy.stated_total",
           "the stated total " + show_pounds(x.a.pence) + " differs from the sum of the figures found, " +
               show_pounds(sum) + ": check for a payment missed or counted twice",
           x.a.b, x.a.e);
    }
  }
  // Everything else is said: ignored with a reason, or sent to review.
  for (std::size_t i = 0; i < info.size(); ++i) {
    const AmountInfo& x = info[i];
    if (total && *total == i) continue;
    if (repeat[i]) continue;
    switch (x.role) {
      case AmountRole::band: ignore("a range quoted from guidance, not a payment", x.a.b, x.a.e); break;
      case AmountRole::scaled: ignore("a sum in thousands or millions (spending, not a remedy)", x.a.b, x.a.e); break;
      case AmountRole::offered:
        note("remedy.payments",
             show_pounds(x.a.pence) +
                 " the council had already offered or paid is not counted as a payment: add it if the remedy "
                 "should include it",
             x.a.b, x.a.e);
        break;
      case AmountRole::total:
        if (x.a.pence == sum) {
          ignore("the total again", x.a.b, x.a.e);
        } else if (!x.in_region && x.a.pence != sum) {
          note("remedy.stated_total",
               "another total, " + show_pounds(x.a.pence) + ", not the sum of the figures found: check", x.a.b, x.a.e);
        } else {
          ignore("a total", x.a.b, x.a.e);
        }
        break;
      case AmountRole::rate:
      case AmountRole::line_amount:
        if (!x.in_region) {
          ignore("a figure outside the remedy section", x.a.b, x.a.e);
        }
        break;
      case AmountRole::payment:
        if (!x.in_region) {
          bool same = false;
          for (const Line& l : lines) {
            if (l.pence == x.a.pence) same = true;
          }
          if (same) {
            ignore("repeats a figure of the remedy", x.a.b, x.a.e);
          } else {
            note("remedy",
                 show_pounds(x.a.pence) +
                     " is outside the remedy the text sets out and could not be "
                     "attached to a purpose: not counted; check",
                 x.a.b, x.a.e);
          }
        }
        break;
      default: break;
    }
  }
  if (!remedy.empty() && (remedy.contains("payments") || remedy.contains("lost_provision"))) {
    doc_["remedy"] = remedy;
  } else if (remedy.contains("stated_total")) {
    note("remedy.stated_total", "a total is stated but no payment could be read: check the remedy", 0, 0);
  }
}

void Extractor::read_statuses() {
  // "the written apology has been provided and the total sum ... has been paid": every apology and payment
  // recommendation complete.
  for (std::size_t si : sentences_with({"apolog", "paid", "payment"})) {
    const Sentence& s = sents_[si];
    if (s.e - s.b > 600) continue;
    const bool apology =
        has_any(s.b, s.e,
                {"apology has been provided", "apology has been given", "apology has been sent",
                 "apology has been issued", "has apologised", "apology was provided", "apology was sent"});
    const bool paid = has_any(s.b, s.e,
                              {"has been paid", "have been paid", "has paid the", "was paid", "has issued the payment",
                               "payment has been made", "payments have been made"});
    if (!apology && !paid) continue;
    if (has_any(s.b, s.e, {"has not been paid", "not yet", "will be paid"})) continue;
    for (std::size_t r = 0; r < recs_.size(); ++r) {
      RecItem& item = recs_[r];
      if (!item.status.empty()) continue;
      if ((apology && item.kind == "apology") || (paid && item.kind == "payment")) {
        item.status = "complete";
        item.status_b = s.b;
        item.status_e = s.e;
      }
    }
  }
  // "Ombudsman satisfied with council's response": every recommendation complete.
  const std::size_t sat = low_.find("ombudsman satisfied with");
  if (sat != npos) {
    std::size_t e = low_.find('\n', sat);
    if (e == npos) e = low_.size();
    for (RecItem& item : recs_) {
      if (item.status.empty()) {
        item.status = "complete";
        item.status_b = sat;
        item.status_e = e;
      }
    }
  }
  Json list = Json::array();
  for (std::size_t r = 0; r < recs_.size(); ++r) {
    const RecItem& item = recs_[r];
    const std::string path = "recommendations[" + std::to_string(r) + "]";
    Json j = {{"kind", item.kind}, {"text", item.text}};
    mark(path + ".text", item.text_b, item.text_e);
    if (!item.due.empty()) {
      j["due"] = item.due;
      mark(path + ".due", item.due_b, item.due_e);
    }
    if (!item.status.empty()) {
      j["status"] = item.status;
      mark(path + ".status", item.status_b, item.status_e);
    }
    list.push_back(j);
  }
  if (!list.empty()) doc_["recommendations"] = list;
  // A count the text states but whose items could not be read ("ten recommendations in total").
  if (recs_.empty()) {
    const std::size_t at = low_.find(" recommendations");
    if (at != npos) {
      std::size_t wb = at;
      while (wb > 0 && is_alpha(low_[wb - 1])) --wb;
      const int n = number_of(std::string_view(low_).substr(wb, at - wb));
      if (n > 0) {
        note("recommendations",
             "the text speaks of " + std::to_string(n) + " recommendations but does not list them: none recorded", wb,
             at + 16);
      }
    }
  }
}

std::string Extractor::run() {
  if (input_.size() > (std::size_t{1} << 30)) {
    throw OutOfRange("text", std::to_string(input_.size()) + " bytes", "is larger than the 1 GiB extract reads");
  }
  ct_ = detail::clean_text(input_);
  const std::size_t control = ct_.control_bytes;
  if ((control > 0 && control * 50 > input_.size()) ||
      (ct_.invalid_bytes > 16 && ct_.invalid_bytes * 10 > input_.size()) || input_.find('\0') != npos) {
    throw InvalidInput(options_.source.empty() ? "text" : options_.source, std::to_string(input_.size()) + " bytes",
                       "is not text: it holds NUL bytes, control characters or bytes that are not UTF-8 (" +
                           std::to_string(control) + " control, " + std::to_string(ct_.invalid_bytes) + " not UTF-8)");
  }
  if (ct_.invalid_bytes > 0) {
    note("", std::to_string(ct_.invalid_bytes) + " bytes were not UTF-8 and were read as Windows-1252 or spaces", 0, 0);
  }
  low_.resize(ct_.text.size());
  std::transform(ct_.text.begin(), ct_.text.end(), low_.begin(), lower);
  doc_["format"] = "redress.case/1";
  if (ct_.text.find_first_not_of(" \n") == npos) {
    note("", "the input is empty: nothing could be read", 0, 0);
    note("reference", "no Ombudsman reference (NN NNN NNN) was found: add one before using the case", 0, 0);
    return finish(doc_);
  }
  split();
  detect_layout();
  read_reference();
  read_authority();
  read_header();
  read_finding();
  read_dates();
  read_recommendations();
  read_remedy();
  read_statuses();
  if (!doc_.contains("outcome")) {
    note("outcome", "no outcome (upheld, not upheld, ...) could be read", 0, 0);
  }
  return finish(doc_);
}

// Maps every mark to the input, checks the case through read_case (dropping anything it refuses, said in review)
// and assembles the extraction member.
std::string Extractor::finish(Json doc) {
  std::string satisfied;
  if (doc.contains("extraction_satisfied")) {
    satisfied = doc["extraction_satisfied"].get<std::string>();
    doc.erase("extraction_satisfied");
  }
  // Read it back: a refused field is removed and said.
  std::optional<CaseFile> checked;
  for (int attempt = 0; attempt < 50; ++attempt) {
    const bool has_reference = doc.contains("reference");
    try {
      if (has_reference) {
        checked = read_case(doc.dump());
      } else {
        Json probe = doc;
        probe["reference"] = "00 000 000";
        read_case(probe.dump());
      }
      break;
    } catch (const Error& e) {
      const std::string field = e.field();
      review_.push_back({field, std::string("dropped: ") + e.what(), 0, 0});
      // Remove the innermost array element or member the path names.
      Json::json_pointer ptr;
      std::string tok;
      std::vector<std::string> parts;
      for (std::size_t k = 0; k <= field.size(); ++k) {
        const char c = k < field.size() ? field[k] : '.';
        if (c == '.' || c == '[' || c == ']') {
          if (!tok.empty()) parts.push_back(tok);
          tok.clear();
        } else {
          tok += c;
        }
      }
      bool removed = false;
      while (!parts.empty() && !removed) {
        Json* node = &doc;
        bool ok = true;
        for (std::size_t k = 0; k + 1 < parts.size() && ok; ++k) {
          const std::string& p = parts[k];
          if (node->is_array() && std::all_of(p.begin(), p.end(), is_digit)) {
            const std::size_t idx = std::stoul(p);
            ok = idx < node->size();
            if (ok) node = &(*node)[idx];
          } else if (node->is_object() && node->contains(p)) {
            node = &(*node)[p];
          } else {
            ok = false;
          }
        }
        const std::string& leaf = parts.back();
        if (ok && node->is_array() && std::all_of(leaf.begin(), leaf.end(), is_digit) &&
            std::stoul(leaf) < node->size()) {
          node->erase(std::stoul(leaf));
          removed = true;
        } else if (ok && node->is_object() && node->contains(leaf) && leaf != "format") {
          node->erase(leaf);
          removed = true;
        } else {
          parts.pop_back();
        }
      }
      if (!removed) throw;
    }
  }
  // Offsets: clean positions -> input bytes -> code points.
  auto resolve = [&](std::size_t b, std::size_t e, std::size_t& ob, std::size_t& oe) {
    if (e <= b) {
      ob = oe = 0;
      return false;
    }
    ob = ct_.orig_begin(b);
    oe = ct_.orig_end(e);
    if (oe < ob) oe = ob;
    return true;
  };
  std::vector<std::size_t> bytes;
  struct Loc {
    std::size_t ob = 0, oe = 0;
    bool ok = false;
  };
  std::vector<Loc> mark_locs(marks_.size()), review_locs(review_.size()), ignored_locs(ignored_.size());
  for (std::size_t k = 0; k < marks_.size(); ++k) {
    mark_locs[k].ok = resolve(marks_[k].b, marks_[k].e, mark_locs[k].ob, mark_locs[k].oe);
  }
  for (std::size_t k = 0; k < review_.size(); ++k) {
    review_locs[k].ok = resolve(review_[k].b, review_[k].e, review_locs[k].ob, review_locs[k].oe);
  }
  for (std::size_t k = 0; k < ignored_.size(); ++k) {
    ignored_locs[k].ok = resolve(ignored_[k].b, ignored_[k].e, ignored_locs[k].ob, ignored_locs[k].oe);
  }
  for (const auto* v : {&mark_locs, &review_locs, &ignored_locs}) {
    for (const Loc& l : *v) {
      if (!l.ok) continue;
      bytes.push_back(l.ob);
      bytes.push_back(l.oe);
    }
  }
  std::sort(bytes.begin(), bytes.end());
  bytes.erase(std::unique(bytes.begin(), bytes.end()), bytes.end());
  const std::vector<std::size_t> cps = detail::code_points_at(input_, bytes);
  auto cp = [&](std::size_t byte) {
    return cps[static_cast<std::size_t>(std::lower_bound(bytes.begin(), bytes.end(), byte) - bytes.begin())];
  };
  // The extraction member is written by hand: it is most of the output, and building it as a JSON tree cost
  // more than the extraction itself.
  std::string out;
  out.reserve(4096 + 160 * (marks_.size() + review_.size() + ignored_.size()));
  auto quote = [&](std::string_view v) {
    out += '"';
    for (std::size_t k = 0; k < v.size();) {
      const auto c = static_cast<unsigned char>(v[k]);
      if (c < 0x80) {
        switch (c) {
          case '"': out += "\\\""; break;
          case '\\': out += "\\\\"; break;
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          case '\t': out += "\\t"; break;
          default:
            if (c < 0x20) {
              static const char* const hex = "0123456789abcdef";
              out += "\\u00";
              out += hex[c >> 4U];
              out += hex[c & 15U];
            } else {
              out += static_cast<char>(c);
            }
        }
        ++k;
        continue;
      }
      // Invalid UTF-8 in the quoted words would make the JSON unwritable: such bytes become U+FFFD.
      const std::size_t len = (c & 0xE0U) == 0xC0U ? 2 : (c & 0xF0U) == 0xE0U ? 3 : (c & 0xF8U) == 0xF0U ? 4 : 0;
      bool ok = len > 0 && k + len <= v.size() && !(len == 2 && c < 0xC2);
      for (std::size_t q = 1; ok && q < len; ++q) ok = (static_cast<unsigned char>(v[k + q]) & 0xC0U) == 0x80U;
      if (ok) {
        out.append(v.substr(k, len));
        k += len;
      } else {
        out += "\xEF\xBF\xBD";
        ++k;
      }
    }
    out += '"';
  };
  auto located = [&](const Loc& l) {
    if (!l.ok) return;
    out += ",\"text\":";
    quote(input_.substr(l.ob, l.oe - l.ob));
    out += ",\"start\":" + std::to_string(cp(l.ob)) + ",\"end\":" + std::to_string(cp(l.oe));
    out += ",\"byte_start\":" + std::to_string(l.ob) + ",\"byte_end\":" + std::to_string(l.oe);
  };
  // The document read_case accepted (money as extraction writes it: "4800", "4800.50"), not re-written: write_case
  // would only add the defaults and cost a fifth of the time.
  std::string case_text = doc.dump();
  while (!case_text.empty() && case_text.back() != '}') case_text.pop_back();
  if (!case_text.empty()) case_text.pop_back();
  out += case_text;
  out += ",\"extraction\":{\"version\":1,\"source\":{\"file\":";
  quote(options_.source);
  out += ",\"format\":\"";
  out += ct_.html ? (ct_.article ? "html-article" : "html") : "text";
  out += "\",\"layout\":\"" + layout_ + "\"}";
  out += ",\"offsets\":\"code points of the input as given; byte_start/byte_end are UTF-8 bytes\"";
  if (!satisfied.empty()) out += ",\"ombudsman_satisfied\":\"" + satisfied + "\"";
  out += ",\"provenance\":[";
  for (std::size_t k = 0; k < marks_.size(); ++k) {
    if (k > 0) out += ',';
    out += "{\"path\":";
    quote(marks_[k].path);
    located(mark_locs[k]);
    out += '}';
  }
  out += "],\"review\":[";
  for (std::size_t k = 0; k < review_.size(); ++k) {
    if (k > 0) out += ',';
    out += '{';
    if (!review_[k].path.empty()) {
      out += "\"path\":";
      quote(review_[k].path);
      out += ',';
    }
    out += "\"message\":";
    quote(review_[k].message);
    located(review_locs[k]);
    out += '}';
  }
  out += "],\"ignored\":[";
  for (std::size_t k = 0; k < ignored_.size(); ++k) {
    if (k > 0) out += ',';
    out += "{\"reason\":";
    quote(ignored_[k].message);
    located(ignored_locs[k]);
    out += '}';
  }
  out += "]}}";
  return out;
}

}  // namespace

std::string extract_json(std::string_view text, const ExtractOptions& options) {
  // The case part is the library's own reader and writer's (canonical form); the extraction member follows it.
  Extractor x(text, options);
  return x.run();
}

CaseFile extract_case(std::string_view text, const ExtractOptions& options) {
  const std::string json = extract_json(text, options);
  CaseFile file;
  try {
    file = read_case(json);
  } catch (const InvalidInput& e) {
    if (e.field() == "reference") {
      throw NotComputable("reference", options.source.empty() ? "text" : options.source,
                          "no Ombudsman reference (NN NNN NNN) was found in the text");
    }
    throw;
  }
  return file;
}

}  // namespace redress

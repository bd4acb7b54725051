// Text normalisation for extraction (see detail/extract_text.hpp): a single forward pass over the input, so it is
// linear in the input's length whatever the input holds.
#include <algorithm>
#include <cstring>

#include "detail/extract_text.hpp"

namespace redress::detail {

namespace {

char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (lower(s[at + k]) != prefix[k]) return false;
  }
  return true;
}

std::size_t find_ci(std::string_view s, std::string_view needle, std::size_t from, std::size_t to) {
  if (needle.empty() || to > s.size()) to = s.size();
  for (std::size_t i = from; i + needle.size() <= to; ++i) {
    if (lower(s[i]) == needle[0] && starts_with_ci(s, i, needle)) return i;
  }
  return std::string_view::npos;
}

// The length and code point of the UTF-8 sequence at `i`, or 0 when the bytes there are not valid UTF-8.
std::size_t utf8_at(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0U) == 0xC0U) {
    len = 2;
    cp = b0 & 0x1FU;
    min = 0x80;
  } else if ((b0 & 0xF0U) == 0xE0U) {
    len = 3;
    cp = b0 & 0x0FU;
    min = 0x800;
  } else if ((b0 & 0xF8U) == 0xF0U) {
    len = 4;
    cp = b0 & 0x07U;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0U) != 0x80U) return 0;
    cp = (cp << 6U) | (b & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0U | (cp >> 6U));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0U | (cp >> 12U));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (cp >> 18U));
    out += static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  }
}

// What a code point becomes in the clean text: typographic quotes and dashes become ASCII, no-break and
// zero-width spaces become a space or nothing, bullets become '-'. `keep` when the code point is kept as it is.
bool normalised(char32_t cp, std::string& out) {
  switch (cp) {
    case 0x00A0:
    case 0x2002:
    case 0x2003:
    case 0x2009:
    case 0x202F: out = " "; return true;
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0xFEFF:
    case 0x00AD: out.clear(); return true;
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
    case 0x00B4: out = "'"; return true;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2033: out = "\""; return true;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212: out = "-"; return true;
    case 0x2022:
    case 0x25CF:
    case 0x25AA:
    case 0x25E6:
    case 0x2023:
    case 0x2043: out = "-"; return true;
    case 0x2026: out = "..."; return true;
    default: return false;
  }
}

// Windows-1252 bytes that turn up in text saved in the wrong encoding.
bool cp1252(unsigned char b, std::string& out) {
  switch (b) {
    case 0xA3: out = "\xC2\xA3"; return true;  // £
    case 0x80: out = "\xE2\x82\xAC"; return true;
    case 0x91:
    case 0x92: out = "'"; return true;
    case 0x93:
    case 0x94: out = "\""; return true;
    case 0x95:
    case 0x96:
    case 0x97: out = "-"; return true;
    case 0xA0: out = " "; return true;
    default: return false;
  }
}

struct Entity {
  const char* name;
  char32_t cp;
};
constexpr Entity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"pound", 0xA3},    {"euro", 0x20AC},  {"rsquo", 0x2019}, {"lsquo", 0x2018},
    {"rdquo", 0x201D}, {"ldquo", 0x201C},  {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
    {"bull", 0x2022},  {"middot", 0xB7},   {"copy", 0xA9},    {"shy", 0xAD},     {"ensp", 0x2002},
    {"emsp", 0x2003},  {"thinsp", 0x2009}, {"sect", 0xA7},    {"frac12", 0xBD},  {"zwsp", 0x200B},
};

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

class Writer {
 public:
  explicit Writer(std::string_view in) : in_(in) { out_.text.reserve(in.size() + in.size() / 16); }

  // Copies input bytes [q, q + n) unchanged.
  void copy(std::size_t q, std::size_t n) {
    sync(q);
    out_.text.append(in_.data() + q, n);
    expect_ = q + n;
  }
  // `n` input bytes at `q` become `s` (possibly nothing).
  void replace(std::size_t q, std::size_t n, std::string_view s) {
    sync(q);
    if (!s.empty() || n > 0) out_.joints.push_back({out_.text.size(), s.size(), q, n});
    out_.text.append(s);
    expect_ = q + n;
  }
  CleanText& result() { return out_; }

 private:
  void sync(std::size_t q) {
    if (q != expect_) out_.joints.push_back({out_.text.size(), 0, expect_, q - expect_});
  }
  std::string_view in_;
  CleanText out_;
  std::size_t expect_ = 0;
};

class Cleaner {
 public:
  Cleaner(std::string_view in, bool html) : in_(in), w_(in), html_(html) {
    for (unsigned c = 0; c < 256; ++c) {
      plain_[c] = (c >= 0x80 || c < 0x20 || c == 0x7F) ? (c == '\n' && !html) : (c != '<' && c != '&');
    }
  }

  void run(std::size_t begin, std::size_t end) {
    std::size_t i = begin;
    std::string repl;
    while (i < end) {
      // Plain ASCII runs are copied in one go.
      std::size_t j = i;
      while (j < end && plain(in_[j])) ++j;
      if (j > i) {
        w_.copy(i, j - i);
        i = j;
        continue;
      }
      const auto c = static_cast<unsigned char>(in_[i]);
      if (c == '\r') {
        const std::size_t n = (i + 1 < end && in_[i + 1] == '\n') ? 2 : 1;
        w_.replace(i, n, html_ ? " " : "\n");
        i += n;
      } else if (c == '\n') {
        if (html_) {
          w_.replace(i, 1, " ");
        } else {
          w_.copy(i, 1);
        }
        ++i;
      } else if (c == '\t') {
        w_.replace(i, 1, " ");
        ++i;
      } else if (c == '\f') {
        w_.replace(i, 1, "\n");
        ++i;
      } else if (c == '<') {
        i = tag(i, end);
      } else if (c == '&') {
        i = entity(i, end);
      } else if (c < 0x20 || c == 0x7F) {
        ++w_.result().control_bytes;
        w_.replace(i, 1, " ");
        ++i;
      } else {
        i = non_ascii(i, end, repl);
      }
    }
    w_.replace(end, 0, "");  // the end of the region maps to itself
  }

  CleanText& result() { return w_.result(); }

 private:
  bool plain(char ch) const noexcept { return plain_[static_cast<unsigned char>(ch)]; }

  std::size_t non_ascii(std::size_t i, std::size_t end, std::string& repl) {
    char32_t cp = 0;
    const std::size_t len = utf8_at(in_.substr(0, end), i, cp);
    if (len == 0) {
      ++w_.result().invalid_bytes;
      if (!cp1252(static_cast<unsigned char>(in_[i]), repl)) repl = " ";
      w_.replace(i, 1, repl);
      return i + 1;
    }
    // Mojibake: UTF-8 read as Windows-1252 and saved again as UTF-8 ("Â£" for "£", "â€™" for "'").
    if (cp == 0xC2 || cp == 0xE2) {
      char32_t cp2 = 0;
      const std::size_t len2 = i + len < end ? utf8_at(in_.substr(0, end), i + len, cp2) : 0;
      if (cp == 0xC2 && len2 > 0 && (cp2 == 0xA3 || cp2 == 0xA0)) {
        w_.replace(i, len + len2, cp2 == 0xA3 ? "\xC2\xA3" : " ");
        return i + len + len2;
      }
      if (cp == 0xE2 && len2 > 0 && cp2 == 0x20AC && i + len + len2 < end) {
        char32_t cp3 = 0;
        const std::size_t len3 = utf8_at(in_.substr(0, end), i + len + len2, cp3);
        const char* to = nullptr;
        switch (cp3) {
          case 0x2122:
          case 0x02DC: to = "'"; break;
          case 0x0153:
          case 0x009D: to = "\""; break;
          case 0x201C:
          case 0x201D: to = "-"; break;
          case 0x00A6: to = "..."; break;
          case 0x00A2: to = "-"; break;  // the bullet
          default: break;
        }
        if (len3 > 0 && to != nullptr) {
          w_.replace(i, len + len2 + len3, to);
          return i + len + len2 + len3;
        }
      }
    }
    if (normalised(cp, repl)) {
      w_.replace(i, len, repl);
    } else {
      w_.copy(i, len);
    }
    return i + len;
  }

  std::size_t entity(std::size_t i, std::size_t end) {
    if (!html_) {
      w_.copy(i, 1);
      return i + 1;
    }
    std::size_t semi = i + 1;
    while (semi < end && semi < i + 12 && in_[semi] != ';' && in_[semi] != ' ' && in_[semi] != '&') ++semi;
    if (semi >= end || in_[semi] != ';' || semi == i + 1) {
      w_.copy(i, 1);
      return i + 1;
    }
    const std::string_view name = in_.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    bool ok = false;
    if (name[0] == '#') {
      std::uint32_t v = 0;
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      ok = name.size() > (hex ? 2U : 1U);
      for (std::size_t k = hex ? 2 : 1; k < name.size() && ok; ++k) {
        const char d = lower(name[k]);
        std::uint32_t digit = 0;
        if (d >= '0' && d <= '9') {
          digit = static_cast<std::uint32_t>(d - '0');
        } else if (hex && d >= 'a' && d <= 'f') {
          digit = static_cast<std::uint32_t>(d - 'a' + 10);
        } else {
          ok = false;
        }
        v = v * (hex ? 16U : 10U) + digit;
        if (v > 0x10FFFF) ok = false;
      }
      if (ok && (v == 0 || (v >= 0xD800 && v <= 0xDFFF))) ok = false;
      // Numeric references in the C1 range mean the Windows-1252 character (as browsers read them).
      if (ok && v >= 0x80 && v <= 0x9F) {
        std::string repl;
        if (cp1252(static_cast<unsigned char>(v), repl)) {
          w_.replace(i, semi + 1 - i, repl);
          return semi + 1;
        }
      }
      cp = v;
    } else {
      for (const Entity& e : kEntities) {
        if (name == e.name) {
          cp = e.cp;
          ok = true;
          break;
        }
      }
    }
    if (!ok) {
      w_.copy(i, 1);
      return i + 1;
    }
    std::string repl;
    if (!normalised(cp, repl)) {
      repl.clear();
      if (cp < 0x20 && cp != '\n' && cp != '\t') cp = ' ';
      append_utf8(repl, cp);
    }
    w_.replace(i, semi + 1 - i, repl);
    return semi + 1;
  }

  std::size_t tag(std::size_t i, std::size_t end) {
    std::size_t k = i + 1;
    if (html_ && starts_with_ci(in_, k, "!--")) {
      const std::size_t close = in_.substr(0, end).find("-->", k + 3);
      const std::size_t after = close == std::string_view::npos ? end : close + 3;
      w_.replace(i, after - i, "");
      return after;
    }
    const bool closing = k < end && in_[k] == '/';
    if (closing) ++k;
    std::string name;
    while (k < end && name.size() < 16 &&
           ((in_[k] >= 'a' && in_[k] <= 'z') || (in_[k] >= 'A' && in_[k] <= 'Z') || (in_[k] >= '0' && in_[k] <= '9'))) {
      name += lower(in_[k]);
      ++k;
    }
    const bool bang = html_ && k < end && (in_[k] == '!' || in_[k] == '?') && name.empty();
    if (name.empty() && !bang) {
      w_.copy(i, 1);
      return i + 1;
    }
    if (k < end && !bang &&
        !(in_[k] == '>' || in_[k] == ' ' || in_[k] == '/' || in_[k] == '\t' || in_[k] == '\n' || in_[k] == '\r')) {
      w_.copy(i, 1);
      return i + 1;
    }
    if (!html_) {
      // Plain text: only the inline tags that Markdown-like documents carry are dropped (<sup>th</sup>, <br>).
      if (!one_of(name, {"sup", "sub", "b", "i", "em", "strong", "span", "u", "br", "small"})) {
        w_.copy(i, 1);
        return i + 1;
      }
      const std::size_t gt = in_.substr(0, end).find('>', k);
      if (gt == std::string_view::npos || gt > k + 200) {
        w_.copy(i, 1);
        return i + 1;
      }
      w_.replace(i, gt + 1 - i, name == "br" ? "\n" : "");
      return gt + 1;
    }
    const std::size_t gt0 = in_.substr(0, end).find('>', k);
    const std::size_t after = gt0 == std::string_view::npos ? end : gt0 + 1;
    if (!closing && one_of(name, {"script", "style", "nav", "footer", "header", "noscript", "template", "svg", "form",
                                  "button", "select", "iframe", "head", "aside"})) {
      std::string close = "</" + name;
      const std::size_t at = find_ci(in_, close, after, end);
      std::size_t stop = end;
      if (at != std::string_view::npos) {
        const std::size_t gt = in_.substr(0, end).find('>', at);
        stop = gt == std::string_view::npos ? end : gt + 1;
      }
      w_.replace(i, stop - i, "\n\n");
      return stop;
    }
    if (one_of(name, {"td", "th"})) {
      w_.replace(i, after - i, " ");
    } else if (name == "li" && !closing) {
      w_.replace(i, after - i, "\n\n- ");
    } else if (name == "br") {
      w_.replace(i, after - i, "\n");
    } else if (one_of(name, {"p",          "div",     "li",    "ul",    "ol",    "h1",      "h2",      "h3",
                             "h4",         "h5",      "h6",    "tr",    "table", "section", "article", "blockquote",
                             "dd",         "dt",      "dl",    "hr",    "title", "main",    "pre",     "figure",
                             "figcaption", "caption", "tbody", "thead", "body",  "html"})) {
      w_.replace(i, after - i, "\n\n");
    } else {
      w_.replace(i, after - i, "");
    }
    return after;
  }

  std::string_view in_;
  Writer w_;
  bool html_;
  bool plain_[256] = {};
};

bool looks_like_html(std::string_view in, std::size_t begin) {
  const std::size_t to = std::min(in.size(), begin + 4096);
  for (std::string_view mark : {"<!doctype html", "<html", "<body", "<article", "<div", "<p>", "<p ", "<h1", "<head"}) {
    if (find_ci(in, mark, begin, to) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::size_t CleanText::orig_begin(std::size_t p) const {
  auto it =
      std::upper_bound(joints.begin(), joints.end(), p, [](std::size_t v, const TextJoint& j) { return v < j.clean; });
  if (it == joints.begin()) return p;
  const TextJoint& j = *(it - 1);
  if (p < j.clean + j.clean_len) return j.orig;
  return j.orig + j.orig_len + (p - j.clean - j.clean_len);
}

std::size_t CleanText::orig_end(std::size_t e) const {
  if (e == 0) return orig_begin(0);
  const std::size_t p = e - 1;
  auto it =
      std::upper_bound(joints.begin(), joints.end(), p, [](std::size_t v, const TextJoint& j) { return v < j.clean; });
  if (it != joints.begin()) {
    const TextJoint& j = *(it - 1);
    if (p < j.clean + j.clean_len) return j.orig + j.orig_len;
  }
  return orig_begin(p) + 1;
}

CleanText clean_text(std::string_view input) {
  std::size_t begin = 0;
  if (input.size() >= 3 && std::memcmp(input.data(), "\xEF\xBB\xBF", 3) == 0) begin = 3;
  const bool html = looks_like_html(input, begin);
  std::size_t from = begin;
  std::size_t to = input.size();
  bool article = false;
  if (html) {
    // The Ombudsman's pages keep the decision in <article id="article">; elsewhere the <body>.
    std::size_t at = find_ci(input, "<article", begin, input.size());
    while (at != std::string_view::npos) {
      const std::size_t gt = input.find('>', at);
      if (gt == std::string_view::npos) break;
      const std::string_view open = input.substr(at, gt - at);
      if (find_ci(open, "id=\"article\"", 0, open.size()) != std::string_view::npos ||
          find_ci(open, "id='article'", 0, open.size()) != std::string_view::npos) {
        from = gt + 1;
        // The matching </article>, counting nested articles.
        int depth = 1;
        std::size_t k = from;
        to = input.size();
        while (depth > 0) {
          const std::size_t o = find_ci(input, "<article", k, input.size());
          const std::size_t c = find_ci(input, "</article", k, input.size());
          if (c == std::string_view::npos) break;
          if (o != std::string_view::npos && o < c) {
            ++depth;
            k = o + 8;
          } else {
            --depth;
            k = c + 9;
            if (depth == 0) to = c;
          }
        }
        article = true;
        break;
      }
      at = find_ci(input, "<article", gt, input.size());
    }
    if (!article) {
      const std::size_t body = find_ci(input, "<body", begin, input.size());
      if (body != std::string_view::npos) {
        const std::size_t gt = input.find('>', body);
        if (gt != std::string_view::npos) from = gt + 1;
        const std::size_t close = find_ci(input, "</body", from, input.size());
        if (close != std::string_view::npos) to = close;
      }
    }
  }
  Cleaner cleaner(input, html);
  cleaner.result().html = html;
  cleaner.result().article = article;
  // Everything before the region is skipped.
  cleaner.run(from, to);
  CleanText out = std::move(cleaner.result());
  return out;
}

std::vector<std::size_t> code_points_at(std::string_view input, const std::vector<std::size_t>& sorted_bytes) {
  std::vector<std::size_t> out;
  out.reserve(sorted_bytes.size());
  std::size_t i = 0;
  std::size_t count = 0;
  for (std::size_t target : sorted_bytes) {
    while (i < target && i < input.size()) {
      char32_t cp = 0;
      std::size_t len = utf8_at(input, i, cp);
      if (len == 0) len = 1;
      if (i + len > target) break;  // a target inside a sequence counts from its start
      i += len;
      ++count;
    }
    out.push_back(count);
  }
  return out;
}

}  // namespace redress::detail

#include "redress/authorities.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>

#include "redress/error.hpp"

namespace redress {
namespace detail {
extern const std::string_view kAuthorities;  // data/authorities/authorities.json (generated)
}  // namespace detail

namespace {

using Words = std::vector<std::string>;

// A word as compared: lower case, letters and digits only ("&" is "and").
std::string fold(std::string_view word) {
  if (word == "&") return "and";
  std::string out;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0) out += static_cast<char>(std::tolower(u));
  }
  return out;
}

// The name's words as written (split on blanks, "&" a word of its own) and as compared, empty words dropped.
std::pair<Words, Words> split(std::string_view name) {
  Words shown;
  Words folded;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && !fold(word).empty()) {
      shown.push_back(word == "&" ? "and" : word);
      folded.push_back(fold(word));
    }
    word.clear();
  };
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else if (c == '&') {
      flush();
      word = "&";
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return {shown, folded};
}

// Abbreviations of a council's kind, as the last word of a name.
const std::vector<std::pair<std::string, Words>>& abbreviations() {
  static const std::vector<std::pair<std::string, Words>> table = {{"mbc", {"metropolitan", "borough", "council"}},
                                                                   {"mdc", {"metropolitan", "district", "council"}},
                                                                   {"cc", {"county", "council"}},
                                                                   {"bc", {"borough", "council"}},
                                                                   {"dc", {"district", "council"}},
                                                                   {"lbc", {"london", "borough", "council"}}};
  return table;
}

// Endings and beginnings that say what kind of council it is, not which: longest first.
const std::vector<Words>& endings() {
  static const std::vector<Words> table = {{"metropolitan", "borough", "council"},
                                           {"metropolitan", "district", "council"},
                                           {"london", "borough", "council"},
                                           {"borough", "council"},
                                           {"county", "council"},
                                           {"city", "council"},
                                           {"district", "council"},
                                           {"unitary", "authority"},
                                           {"council"}};
  return table;
}
const std::vector<Words>& beginnings() {
  static const std::vector<Words> table = {{"london", "borough", "of"},
                                           {"royal", "borough", "of"},
                                           {"council", "of", "the"},
                                           {"city", "of"},
                                           {"borough", "of"},
                                           {"county", "of"},
                                           {"the"}};
  return table;
}

// The folded words with an abbreviated ending written out ("dorset cc" -> "dorset county council").
Words expanded(Words folded) {
  if (!folded.empty()) {
    for (const auto& [short_form, long_form] : abbreviations()) {
      if (folded.back() == short_form && folded.size() > 1) {
        folded.pop_back();
        folded.insert(folded.end(), long_form.begin(), long_form.end());
        break;
      }
    }
  }
  return folded;
}

std::string join(const Words& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The full name as compared ("Dorset CC" -> "dorset county council").
std::string full_key(std::string_view name) {
  return join(expanded(split(name).second));
}

struct Short {
  std::string shown;  // "Dudley"
  std::string key;    // "dudley"
};

Short shorten(std::string_view name) {
  auto words = split(name);
  Words shown = std::move(words.first);
  Words folded = std::move(words.second);
  // Abbreviated endings: the same number of words removed from both lists after expanding.
  Words exp = expanded(folded);
  if (exp.size() != folded.size()) {
    shown.pop_back();
    shown.insert(shown.end(), exp.end() - static_cast<std::ptrdiff_t>(exp.size() - folded.size() + 1), exp.end());
    folded = exp;
  }
  auto starts_with = [&](const Words& w) {
    return folded.size() > w.size() && std::equal(w.begin(), w.end(), folded.begin());
  };
  auto ends_with = [&](const Words& w) {
    return folded.size() > w.size() && std::equal(w.rbegin(), w.rend(), folded.rbegin());
  };
  for (const auto& w : endings()) {
    if (ends_with(w)) {
      folded.resize(folded.size() - w.size());
      shown.resize(shown.size() - w.size());
      break;
    }
  }
  for (const auto& w : beginnings()) {
    if (starts_with(w)) {
      folded.erase(folded.begin(), folded.begin() + static_cast<std::ptrdiff_t>(w.size()));
      shown.erase(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(w.size()));
      break;
    }
  }
  std::string text = join(shown);
  while (!text.empty() && (text.back() == ',' || text.back() == ';')) text.pop_back();
  return {text, join(folded)};
}

struct Table {
  std::vector<AuthoritySuccession> successions;
  std::vector<std::pair<std::string, std::string>> names;  // key of a variant -> its listed short name
};

const Table& table() {
  static const Table instance = [] {
    Table t;
    const auto doc = nlohmann::json::parse(detail::kAuthorities);
    for (const auto& s : doc.at("successions")) {
      AuthoritySuccession a;
      a.predecessor = s.at("predecessor").get<std::string>();
      a.successor = s.at("successor").get<std::string>();
      a.date = parse_date(s.at("date").get<std::string>(), "authorities.successions.date");
      a.share = s.at("share").get<std::string>();
      a.note = s.value("note", "");
      a.instrument = s.at("instrument").get<std::string>();
      a.url = s.at("url").get<std::string>();
      t.successions.push_back(std::move(a));
    }
    for (const auto& n : doc.at("names")) {
      const auto listed = n.at("name").get<std::string>();
      t.names.emplace_back(shorten(listed).key, listed);
      for (const auto& v : n.at("variants")) t.names.emplace_back(shorten(v.get<std::string>()).key, listed);
    }
    return t;
  }();
  return instance;
}

Short short_of(std::string_view name) {
  Short s = shorten(name);
  if (s.key.empty()) {
    throw InvalidInput("authority", std::string(name), "is not a council's name: it has no letters or digits");
  }
  for (const auto& [key, listed] : table().names) {
    if (key == s.key) return shorten(listed);
  }
  return s;
}

// The short-name keys of the council and all its predecessors.
std::vector<std::string> lineage_keys(std::string_view name) {
  std::vector<std::string> keys = {short_of(name).key};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (const auto& s : table().successions) {
      if (short_of(s.successor).key != keys[i]) continue;
      std::string k = short_of(s.predecessor).key;
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
  }
  return keys;
}

}  // namespace

const std::vector<AuthoritySuccession>& authority_successions() {
  return table().successions;
}

std::string authority_short_name(std::string_view name) {
  return short_of(name).shown;
}

std::string canonical_authority(std::string_view name, std::optional<Date> on) {
  std::string current(name);
  for (int step = 0; step < 16; ++step) {  // successions never chain this deep; the bound only stops a cycle
    const std::string key = full_key(current);
    const AuthoritySuccession* next = nullptr;
    for (const auto& s : table().successions) {
      if (full_key(s.predecessor) != key || (on && s.date > *on)) continue;
      if (s.share == "whole" || s.share == "principal") next = &s;
    }
    if (next == nullptr) break;
    current = next->successor;
  }
  return short_of(current).shown;
}

std::vector<std::string> authority_lineage(std::string_view name) {
  std::vector<std::string> shown = {short_of(name).shown};
  std::vector<std::string> keys = {short_of(name).key};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (const auto& s : table().successions) {
      if (short_of(s.successor).key != keys[i]) continue;
      Short p = short_of(s.predecessor);
      if (std::find(keys.begin(), keys.end(), p.key) == keys.end()) {
        keys.push_back(p.key);
        shown.push_back(p.shown);
      }
    }
  }
  return shown;
}

bool same_authority(std::string_view a, std::string_view b) {
  const std::string ka = short_of(a).key;
  const std::string kb = short_of(b).key;
  if (ka == kb) return true;
  const auto la = lineage_keys(a);
  const auto lb = lineage_keys(b);
  return std::find(la.begin(), la.end(), kb) != la.end() || std::find(lb.begin(), lb.end(), ka) != lb.end();
}

}  // namespace redress

#include "detail/fast_remedy.hpp"

#include <simdjson.h>

#include <algorithm>
#include <bitset>
#include <string_view>

#include "redress/calendar.hpp"
#include "redress/complaint.hpp"
#include "redress/error.hpp"
#include "redress/remedy.hpp"

namespace redress::detail {

namespace od = simdjson::ondemand;

const char* kind_slot_name(std::size_t slot) noexcept {
  static const char* const names[kKindSlots] = {"lost_provision",   "distress",    "time_and_trouble",
                                                "lost_opportunity", "uncertainty", "complaint_handling",
                                                "reimbursement",    "other"};
  return slot < kKindSlots ? names[slot] : "";
}

void append_json_string(std::string& out, const std::string& text) {
  static const char* const hex = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // the start of the run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
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
  out.append(text, plain, text.size() - plain);
  out += '"';
}

namespace {

// Thrown inside the fast path to hand the line to the full reader.
struct Bail {};

std::string_view text(od::value v) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) throw Bail{};
  return s;
}

Money money(od::value v) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) throw Bail{};  // numbers go the full way
  try {
    return Money::parse(s);
  } catch (const Error&) {
    throw Bail{};
  }
}

int month_index(YearMonth m) {
  return m.year * 12 + (m.month - 1);
}

}  // namespace

struct FastRemedyReader::Impl {
  od::parser parser;
  // Months (counted from January 1990) in which the default school calendar has no school day.
  std::bitset<(kLastCalendarYear - kFirstCalendarYear + 1) * 12> closed_months;
  UnitConversions conversions;
  struct Period {
    int from, to;
    Head head;
  };
  struct Line {
    Money rate;
    Fraction factor;
    std::optional<Rounding> own;
  };
  std::vector<Period> periods;  // reused from line to line
  std::vector<Line> lines;

  Impl() {
    const SchoolCalendar school = SchoolCalendar::default_calendar();
    for (int y = kFirstCalendarYear; y <= kLastCalendarYear; ++y) {
      for (int m = 1; m <= 12; ++m) {
        const Date first(static_cast<unsigned short>(y), static_cast<unsigned short>(m), 1);
        if (school.school_days_inclusive(first, first.end_of_month()) == 0) {
          closed_months.set(static_cast<std::size_t>((y - kFirstCalendarYear) * 12 + m - 1));
        }
      }
    }
  }

  void remedy(od::object obj, FastCase& out) {
    Rounding rounding = Rounding::pound;
    periods.clear();
    lines.clear();
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) throw Bail{};
      od::value v = field.value();
      if (key == "guidance") {
        if (text(v) != "auto") throw Bail{};
      } else if (key == "school_calendar") {
        if (text(v) != "default") throw Bail{};
      } else if (key == "rounding") {
        try {
          rounding = parse_rounding(text(v));
        } catch (const Error&) {
          throw Bail{};
        }
      } else if (key == "stated_total") {
        money(v);
      } else if (key == "lost_provision") {
        od::array arr;
        if (v.get_array().get(arr) != simdjson::SUCCESS) throw Bail{};
        for (auto item : arr) {
          od::object p;
          if (item.get_object().get(p) != simdjson::SUCCESS) throw Bail{};
          std::string_view from, to;
          Money rate;
          bool has_rate = false, has_per = false;
          RateUnit per = RateUnit::month;
          Head head = Head::education;
          std::optional<Rounding> own;
          for (auto f : p) {
            std::string_view k;
            if (f.unescaped_key().get(k) != simdjson::SUCCESS) throw Bail{};
            od::value pv = f.value();
            try {
              if (k == "from") {
                from = text(pv);
              } else if (k == "to") {
                to = text(pv);
              } else if (k == "rate") {
                rate = money(pv);
                has_rate = true;
              } else if (k == "per") {
                per = parse_rate_unit(text(pv));
                has_per = true;
              } else if (k == "provision") {
                parse_provision(text(pv));
              } else if (k == "head") {
                head = parse_head(text(pv));
              } else if (k == "note") {
                text(pv);
              } else if (k == "amount") {
                money(pv);
              } else if (k == "rounding") {
                own = parse_rounding(text(pv));
              } else {
                throw Bail{};  // open, length, paid_to, unknown fields: the full reader
              }
            } catch (const Error&) {
              throw Bail{};
            }
          }
          if (!has_rate || !has_per || from.size() != 7 || to.size() != 7 || rate.pence() <= 0) throw Bail{};
          YearMonth a{}, b{};
          try {
            a = parse_year_month(from);
            b = parse_year_month(to);
          } catch (const Error&) {
            throw Bail{};
          }
          if (b < a || b.year - a.year > 100) throw Bail{};
          if (a.year < kFirstCalendarYear || b.year > kLastCalendarYear) throw Bail{};
          std::int64_t months = 0;
          for (int i = month_index(a); i <= month_index(b); ++i) {
            if (i % 12 == 7) continue;  // August is never a school month
            if (closed_months.test(static_cast<std::size_t>(i - kFirstCalendarYear * 12))) throw Bail{};
            ++months;
          }
          // The same exact arithmetic as calculate(): rate x (months x weeks a month / weeks per rate unit).
          const Fraction weeks_month = conversions.weeks_per_month;
          const Fraction per_unit = conversions.weeks_per(per);
          const Fraction factor(months * weeks_month.numerator() * per_unit.denominator(),
                                weeks_month.denominator() * per_unit.numerator());
          lines.push_back({rate, factor, own});
          periods.push_back({month_index(a), month_index(b), head});
        }
      } else if (key == "payments") {
        od::array arr;
        if (v.get_array().get(arr) != simdjson::SUCCESS) throw Bail{};
        for (auto item : arr) {
          od::object p;
          if (item.get_object().get(p) != simdjson::SUCCESS) throw Bail{};
          std::optional<PaymentKind> kind;
          std::optional<Money> amount;
          for (auto f : p) {
            std::string_view k;
            if (f.unescaped_key().get(k) != simdjson::SUCCESS) throw Bail{};
            od::value pv = f.value();
            try {
              if (k == "kind") {
                kind = parse_payment_kind(text(pv));
              } else if (k == "amount") {
                amount = money(pv);
              } else if (k == "to") {
                parse_recipient(text(pv));
              } else if (k == "for") {
                text(pv);
              } else {
                throw Bail{};
              }
            } catch (const Error&) {
              throw Bail{};
            }
          }
          if (!kind || !amount || amount->pence() <= 0) throw Bail{};
          const auto slot = static_cast<std::size_t>(*kind) + 1;
          out.by_kind[slot] += *amount;
          out.has_kind[slot] = true;
          out.total += *amount;
        }
      } else {
        throw Bail{};
      }
    }
    for (std::size_t i = 0; i < periods.size(); ++i) {
      for (std::size_t j = i + 1; j < periods.size(); ++j) {
        if (periods[i].head == periods[j].head && periods[i].from <= periods[j].to &&
            periods[j].from <= periods[i].to) {
          throw Bail{};  // overlapping periods: the full reader names both
        }
      }
    }
    // Rounded once per line, by the line's own rounding or the remedy's (which may come after the periods).
    for (const Line& line : lines) {
      const Money amount = line.rate.multiply(line.factor, line.own.value_or(rounding));
      out.by_kind[0] += amount;
      out.total += amount;
    }
    if (!lines.empty()) out.has_kind[0] = true;
    out.has_remedy = true;
  }
};

FastRemedyReader::FastRemedyReader() : impl_(new Impl()) {}
FastRemedyReader::~FastRemedyReader() {
  delete impl_;
}

bool FastRemedyReader::read(const char* data, std::size_t size, std::size_t capacity, FastCase& out) {
  // Reset in place, keeping the strings' and vector's memory for the next line.
  out.reference.clear();
  out.authority.clear();
  out.total = Money();
  out.by_kind.fill(Money());
  out.has_kind.fill(false);
  out.faults.clear();
  out.has_remedy = false;
  try {
    od::document doc;
    if (impl_->parser.iterate(simdjson::padded_string_view(data, size, capacity)).get(doc) != simdjson::SUCCESS) {
      return false;
    }
    od::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) return false;
    bool format = false, reference = false;
    for (auto field : obj) {
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
      od::value v = field.value();
      if (key == "format") {
        if (text(v) != "redress.case/1") return false;
        format = true;
      } else if (key == "reference") {
        out.reference.assign(CaseReference(text(v)).str());
        reference = true;
      } else if (key == "authority") {
        out.authority.assign(text(v));
      } else if (key == "category") {
        text(v);
      } else if (key == "outcome") {
        parse_outcome(text(v));
      } else if (key == "finding") {
        parse_finding(text(v));
      } else if (key == "public_report") {
        bool b = false;
        if (v.get_bool().get(b) != simdjson::SUCCESS) return false;
      } else if (key == "faults") {
        od::array arr;
        if (v.get_array().get(arr) != simdjson::SUCCESS) return false;
        for (auto item : arr) {
          std::string_view f;
          if (item.get_string().get(f) != simdjson::SUCCESS) return false;
          const auto& kinds = fault_kinds();
          const auto it = std::find(kinds.begin(), kinds.end(), f);
          if (it == kinds.end()) return false;
          out.faults.push_back(static_cast<std::size_t>(it - kinds.begin()));
        }
      } else if (key == "dates") {
        od::object dates;
        if (v.get_object().get(dates) != simdjson::SUCCESS) return false;
        for (auto d : dates) {
          std::string_view k;
          if (d.unescaped_key().get(k) != simdjson::SUCCESS) return false;
          if (k != "first_aware" && k != "complaint_to_council" && k != "complaint_to_ombudsman" &&
              k != "final_decision" && k != "report_received") {
            return false;
          }
          parse_date(text(d.value()));
        }
      } else if (key == "remedy") {
        od::object remedy;
        if (v.get_object().get(remedy) != simdjson::SUCCESS) return false;
        impl_->remedy(remedy, out);
      } else if (key == "notes") {
        // kept by the full reader; nothing here needs it
      } else {
        return false;  // recommendations, send and unknown fields: the full reader
      }
    }
    // Nothing may follow the object: current_location() answers only while inside the document.
    if (doc.current_location().error() == simdjson::SUCCESS) return false;
    return format && reference;
  } catch (const Bail&) {
    return false;
  } catch (const Error&) {
    return false;
  } catch (const simdjson::simdjson_error&) {
    return false;
  }
}

}  // namespace redress::detail

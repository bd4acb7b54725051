// The case reader recycles the Case it reads into (issue 13 item 2): the elements of the case read last keep
// their buffers for the next. The risk is a stale field: a value of the last case left in the next. These tests
// read a case into a Case that held another, by one reader that has read many, and compare every field (and
// every fault, or the error thrown) with reading the same text into a fresh Case by a fresh reader. The
// expected values are those of the fresh read, so a test fails on any difference between the two.
//
// The cases are varied by a seeded random generator: hand-written cases covering every field of the format,
// mutated by dropping fields, replacing values with wrong or edge ones (so that faults arise midway through a
// section), adding unknown fields and misspelt ones, and by text-level damage (duplicate keys, truncation).
#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "detail/json_read.hpp"
#include "redress/complaint.hpp"
#include "redress/error.hpp"
#include "redress/io.hpp"

namespace {

using nlohmann::json;
using redress::Case;
using redress::CaseFault;
using redress::detail::CaseReader;

std::string show(const redress::Fraction& f) {
  return std::to_string(f.numerator()) + "/" + std::to_string(f.denominator());
}
template <typename T>
std::string show_opt(const std::optional<T>& v) {
  if (!v) return "(none)";
  if constexpr (std::is_same_v<T, redress::Date>) {
    return redress::iso(*v);
  } else if constexpr (std::is_same_v<T, redress::Money>) {
    return std::to_string(v->pence());
  } else if constexpr (std::is_same_v<T, bool>) {
    return *v ? "true" : "false";
  } else {
    return std::string(redress::to_string(*v));
  }
}

// Every field of a Case, as text: two cases are equal when their descriptions are.
std::string describe(const Case& c) {
  std::ostringstream o;
  o << "reference=" << (c.reference ? std::to_string(c.reference->number()) : "(none)") << "\nid=" << c.id
    << "\nauthority=" << c.authority << "\ncategory=" << c.category << "\noutcome=" << show_opt(c.outcome)
    << "\nfinding=" << show_opt(c.finding) << "\npublic_report=" << c.public_report << "\nfaults=";
  for (const std::string& f : c.faults) o << f << ",";
  o << "\ndates=";
  for (const auto& [name, d] : c.dates) o << name << ":" << redress::iso(d) << ",";
  o << "\nremedy=";
  if (c.remedy) {
    const redress::Remedy& r = *c.remedy;
    o << "guidance=" << r.guidance << " calendar=" << r.school_calendar << " rounding=" << to_string(r.rounding)
      << " stated_total=" << show_opt(r.stated_total);
    for (const redress::LostProvision& p : r.lost_provision) {
      o << "\n  period form=" << static_cast<int>(p.form) << " months=" << p.from_month.year << "-"
        << p.from_month.month << ".." << p.to_month.year << "-" << p.to_month.month
        << " dates=" << redress::iso(p.from_date) << ".." << redress::iso(p.to_date) << " open=" << p.open
        << " length=" << show(p.length.years) << "," << show(p.length.terms) << "," << show(p.length.months) << ","
        << show(p.length.weeks) << "," << show(p.length.days) << " rate=" << p.rate.pence()
        << " per=" << to_string(p.per) << " provision=" << to_string(p.provision) << " head=" << to_string(p.head)
        << " to=" << to_string(p.to) << " rounding=" << show_opt(p.rounding) << " amount=" << show_opt(p.stated_amount)
        << " note=" << p.note;
    }
    for (const redress::Payment& p : r.payments) {
      o << "\n  payment kind=" << to_string(p.kind) << " amount=" << p.amount.pence() << " to=" << to_string(p.to)
        << " for=" << p.purpose;
    }
  } else {
    o << "(none)";
  }
  o << "\nrecommendations=";
  for (const redress::Recommendation& r : c.recommendations) {
    o << "\n  kind=" << r.kind << " text=" << r.text << " due=" << r.due << " status=" << show_opt(r.status)
      << " completed=" << show_opt(r.completed);
  }
  o << "\nevents=";
  for (const redress::Event& e : c.send.events) {
    o << "\n  " << e.name << " " << redress::iso(e.date);
    for (const auto& [k, v] : e.fields) o << " " << k << "=" << v;
  }
  o << "\nexceptions=";
  for (const redress::ExceptionInterval& x : c.send.exceptions) {
    o << "\n  " << x.type << " " << redress::iso(x.from) << ".." << redress::iso(x.to);
  }
  o << "\nexceptions_apply=" << show_opt(c.exceptions_apply) << "\n";
  return o.str();
}

// What a read gives: the case, and its faults (faults mode) or the error it threw.
std::string outcome(CaseReader& reader, const std::string& text, Case& c, bool faults_mode) {
  // Padded, as the batch gives its lines (and unpadded, every other read, as read_case does).
  const std::string padded = text + std::string(CaseReader::kPadding, ' ');
  std::string result;
  if (faults_mode) {
    std::vector<CaseFault> faults;
    reader.read(std::string_view(padded.data(), text.size()), padded.size(), c, "line 7", &faults);
    for (const CaseFault& f : faults) {
      result += "fault " + f.kind + " | " + f.path + " | " + f.value + " | " + f.message + "\n";
    }
  } else {
    try {
      reader.read(text, 0, c);
    } catch (const redress::OutOfRange& e) {
      result += std::string("out_of_range: ") + e.what() + "\n";
    } catch (const redress::Error& e) {
      result += std::string("error: ") + e.what() + "\n";
    }
  }
  return result + describe(c);
}

// Cases covering every field the reader fills.
const char* const kBases[] = {
    R"({"format":"redress.case/1","reference":"21 002 722","id":"DUD-2021-0042","authority":"Dudley MBC",)"
    R"("category":"Education: SEN","outcome":"upheld","finding":"fault_causing_injustice","public_report":true,)"
    R"("faults":["alternative_provision","communication","complaint_handling","assessment_delay"],)"
    R"("dates":{"first_aware":"2020-07-01","complaint_to_council":"2020-11-02",)"
    R"("complaint_to_ombudsman":"2021-02-01","final_decision":"2021-06-16","report_received":"2021-06-20"},)"
    R"("remedy":{"guidance":"2017","school_calendar":"default","rounding":"pence","stated_total":"3100",)"
    R"("lost_provision":[{"from":"2020-09","to":"2021-03","rate":"600","per":"month","provision":"partial",)"
    R"("head":"education","note":"no tuition for the autumn and spring terms","amount":"4200","rounding":"pound",)"
    R"("paid_to":"parent"},{"from":"2021-04-19","to":"2021-05-28","rate":1800,"per":"term",)"
    R"("provision":"none","head":"special_provision"},{"from":"2021-01","open":true,"rate":150.5,"per":"week"}],)"
    R"("payments":[{"kind":"distress","amount":"500","to":"parent"},{"kind":"time_and_trouble","amount":300,)"
    R"("to":"parent","for":"the time and trouble of pursuing the complaint with the council and the Ombudsman"},)"
    R"({"kind":"reimbursement","amount":"1,250.75","to":"young_person","for":"private speech and language therapy"}]},)"
    R"("recommendations":[{"kind":"apology","text":"Apologise to Mrs X for the delay","due":"1 month",)"
    R"("status":"complete","completed":"2021-07-01"},{"kind":"payment","due":"2021-07-16","status":"in_progress"},)"
    R"({"kind":"service_improvement","text":"Review how the council tracks EHC deadlines","due":"3 months"}],)"
    R"("send":{"events":[{"event":"ehc_request_received","date":"2019-06-10","by":"parent","pages":12},)"
    R"({"event":"assessment_decision_notified","date":"2019-07-22","outcome":{"agreed":true,"notes":["a","b"]}},)"
    R"({"event":"draft_plan_issued","date":"2019-10-03"}],"exceptions":[{"type":"absent_from_area",)"
    R"("from":"2019-08-01","to":"2019-09-10"},{"type":"exceptional_personal_circumstances","from":"2019-09-20",)"
    R"("to":"2019-10-01"}],"exceptions_apply":false},"notes":{"kept":["as","written"],"n":1}})",
    R"({"format":"redress.case/1","id":"CHILD-000123-HERTS","authority":"Hertfordshire County Council",)"
    R"("finding":"maladministration_and_injustice","faults":["assessment_delay","assessment_delay"],)"
    R"("dates":{"final_decision":"2024-01-10"},)"
    R"("remedy":{"lost_provision":[{"length":{"terms":2,"weeks":1.5},"rate":"2400","per":"term",)"
    R"("provision":"unsuitable"},{"length":{"years":1,"days":"3"},"rate":"39","per":"year","note":"a year"}],)"
    R"("payments":[{"kind":"uncertainty","amount":"250"}]},)"
    R"("recommendations":[{"kind":"apology","due":"28 days","status":"not_started"}],)"
    R"("send":{"events":[{"event":"ehc_request_received","date":"2022-06-10"},{"event":)"
    R"("assessment_decision_notified","date":"2022-07-22"},{"event":"draft_plan_issued","date":"2022-10-03"},)"
    R"({"event":"final_plan_issued","date":"2022-11-30"},{"event":"review_meeting_held","date":"2023-11-12"},)"
    R"({"event":"review_decision_notified","date":"2023-12-14"},{"event":"decision_letter_sent",)"
    R"("date":"2023-12-31"},{"event":"mediation_certificate_issued","date":"2024-02-19"}],)"
    R"("exceptions":[{"type":"absent_from_area","from":"2022-08-01","to":"2022-09-10"}],"exceptions_apply":true}})",
    R"({"format":"redress.case/1","reference":"18 000 001","authority":"Leeds","outcome":"not_upheld",)"
    R"("dates":{"final_decision":"2019-06-16"},"remedy":{"payments":[]},"notes":{"kept":["as", "written"]}})",
    R"({"format":"redress.case/1","reference":"23-004-567","authority":null,"category":null,)"
    R"("recommendations":[{"kind":"payment","due":"2 weeks"},{"kind":"apology","due":"1 month"}],)"
    R"("remedy":{"guidance":null,"rounding":"ten_pounds","lost_provision":[{"from":"2022-01-04","to":"2022-03-31",)"
    R"("rate":"900","per":"month","provision":"none","paid_to":"child"}]}})",
};

// Wrong, edge and odd values a mutation puts in place of a value.
const char* const kValues[] = {R"("")",
                               R"("x")",
                               "1.005",
                               "-5",
                               "0",
                               "null",
                               "{}",
                               "[]",
                               "true",
                               R"("2020-13-01")",
                               R"("2120-01-01")",
                               R"("2020-02")",
                               R"("2020-02-30")",
                               R"("1800.5")",
                               R"("£1,800.00")",
                               "12345678901234567890",
                               R"("92233720368547758.08")",
                               R"("a rather long string that no buffer of a short one would hold")",
                               R"(["alternative_provision","nope"])",
                               R"({"event":"final_plan_issued","date":"2020-01-01"})",
                               R"({"kind":"distress","amount":"10"})",
                               R"({"type":"coronavirus","from":"2020-03-23","to":"2020-03-01"})",
                               R"({"terms":0})",
                               R"("1 fortnight")",
                               R"("12345 days")"};

const char* const kUnknownKeys[] = {"notes", "extra", "ammount", "authorty", "x", "evnt", "reference_2", "due_by"};

void paths(const json& j, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) paths(it.value(), at / it.key(), out);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) paths(j[i], at / i, out);
  }
}

// A mutant of one of the base cases.
std::string mutant(std::mt19937& rng) {
  auto pick = [&rng](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  json doc = json::parse(kBases[pick(std::size(kBases))]);
  const std::size_t edits = pick(4);
  for (std::size_t e = 0; e < edits; ++e) {
    std::vector<json::json_pointer> all;
    paths(doc, json::json_pointer(), all);
    const json::json_pointer at = all[pick(all.size())];
    if (at.empty()) continue;
    const json::json_pointer parent = at.parent_pointer();
    switch (pick(3)) {
      case 0:  // drop it
        if (doc[parent].is_object()) {
          doc[parent].erase(at.back());
        } else {
          doc[parent].erase(static_cast<std::size_t>(std::stoul(at.back())));
        }
        break;
      case 1: doc[at] = json::parse(kValues[pick(std::size(kValues))]); break;
      default:  // an unknown field beside it
        if (doc[parent].is_object()) doc[parent][kUnknownKeys[pick(std::size(kUnknownKeys))]] = "kept";
    }
  }
  std::string text = doc.dump();
  switch (pick(12)) {
    case 0:  // a duplicate key
      text.insert(1, R"("authority":"Twice",)");
      break;
    case 1:  // cut short
      text.resize(pick(text.size()));
      break;
    case 2:  // not the format
      text = R"({"format":"redress.case/2","reference":"21 002 722"})";
      break;
    default: break;
  }
  return text;
}

// Reads `texts` one after another through one reader into one Case, and each also into a fresh Case by a fresh
// reader, in both modes; the two must agree on everything.
void expect_reuse_matches_fresh(const std::vector<std::string>& texts) {
  CaseReader reused;
  Case c;
  std::size_t n = 0;
  for (const std::string& text : texts) {
    const bool faults_mode = n++ % 3 != 0;
    CaseReader fresh_reader;
    Case fresh;
    const std::string expected = outcome(fresh_reader, text, fresh, faults_mode);
    const std::string got = outcome(reused, text, c, faults_mode);
    ASSERT_EQ(got, expected) << "case " << n << ": " << text;
  }
}

TEST(ReaderReuse, EveryPairOfBaseCasesReadsAsIntoAFreshCase) {
  std::vector<std::string> texts;
  for (const char* a : kBases) {
    for (const char* b : kBases) {
      texts.emplace_back(a);
      texts.emplace_back(b);
    }
  }
  expect_reuse_matches_fresh(texts);
}

TEST(ReaderReuse, MutatedCasesInSequenceReadAsIntoAFreshCase) {
  std::mt19937 rng(20261202);
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i) texts.push_back(mutant(rng));
  // Interleaved with the full cases, so that a short or broken case follows a long one and the other way round.
  std::vector<std::string> mixed;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    mixed.push_back(texts[i]);
    if (i % 5 == 0) mixed.emplace_back(kBases[i / 5 % std::size(kBases)]);
  }
  expect_reuse_matches_fresh(mixed);
}

TEST(ReaderReuse, TheBaseCasesAreValid) {
  for (const char* text : kBases) {
    CaseReader reader;
    Case c;
    std::vector<CaseFault> faults;
    reader.read(text, 0, c, {}, &faults);
    EXPECT_TRUE(faults.empty()) << text << "\n" << (faults.empty() ? "" : faults[0].message);
  }
}

TEST(ReaderReuse, TheMutantsAreVaried) {
  // The generator is only a test if it reaches both outcomes: cases read cleanly and cases with faults.
  std::mt19937 rng(20261202);
  int clean = 0, faulty = 0;
  for (int i = 0; i < 500; ++i) {
    CaseReader reader;
    Case c;
    std::vector<CaseFault> faults;
    const std::string text = mutant(rng);
    reader.read(text, 0, c, {}, &faults);
    (faults.empty() ? clean : faulty) += 1;
  }
  EXPECT_GT(clean, 50);
  EXPECT_GT(faulty, 50);
}

TEST(ReaderReuse, AStaleFieldWouldShow) {
  // The comparison itself: a case that differs from another in one field deep inside is described differently.
  CaseReader reader;
  Case a, b;
  reader.read(kBases[0], 0, a);
  std::string text = kBases[0];
  text.replace(text.find(R"("pages":12)"), 10, R"("pages":13)");
  reader.read(text, 0, b);
  EXPECT_NE(describe(a), describe(b));
}

}  // namespace

// The steady state allocates nothing per case (issue 13): this executable replaces the global operator new with
// one that counts the allocations of the thread that asks for a count, so a test can run the same work on a
// short input and on a long one and compare. It is its own executable because the replacement is global.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "detail/embedded_data.hpp"
#include "detail/evaluate.hpp"
#include "detail/json_read.hpp"
#include "redress/batch.hpp"
#include "redress/error.hpp"

// Under AddressSanitizer: this executable's operator new and delete are malloc and free, which ASan would
// otherwise report as mismatched with its own for the variants not replaced here.
extern "C" const char* __asan_default_options() {
  return "alloc_dealloc_mismatch=0";
}

namespace {
thread_local bool counting = false;
thread_local long allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  if (counting) ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return operator new(size);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

// The allocations `f` makes on this thread.
template <typename F>
long count_allocations(F&& f) {
  allocations = 0;
  counting = true;
  f();
  counting = false;
  return allocations;
}

// Cases of every section the batch evaluates: a remedy in each of the three period forms with payments, a full
// EHC timeline with an exception, recommendations, faults and dates; and an authority written two ways.
const char* const kCases[] = {
    R"({"format":"redress.case/1","reference":"21 002 722","authority":"Dudley MBC","outcome":"upheld",)"
    R"("faults":["alternative_provision","communication","complaint_handling"],)"
    R"("dates":{"complaint_to_council":"2020-11-02","complaint_to_ombudsman":"2021-02-01",)"
    R"("final_decision":"2021-06-16"},"remedy":{"rounding":"pound","lost_provision":[{"from":"2020-09",)"
    R"("to":"2021-03","rate":"600","per":"month","provision":"partial"},{"from":"2021-04-19","to":"2021-05-28",)"
    R"("rate":"1800","per":"term","provision":"none","head":"special_provision"}],"payments":[{"kind":)"
    R"("distress","amount":"500","to":"parent"},{"kind":"time_and_trouble","amount":"300","to":"parent",)"
    R"("for":"the time and trouble of pursuing the complaint with the council and the Ombudsman"}]},)"
    R"("recommendations":[{"kind":"apology","due":"1 month","status":"complete","completed":"2021-07-01"},)"
    R"({"kind":"payment","due":"1 month","status":"in_progress"},{"kind":"service_improvement",)"
    R"("due":"3 months"}]})",
    R"({"format":"redress.case/1","id":"CHILD-000123-HERTS","authority":"Hertfordshire County Council",)"
    R"("faults":["assessment_delay","assessment_delay"],"dates":{"final_decision":"2024-01-10"},)"
    R"("remedy":{"lost_provision":[{"length":{"terms":2,"weeks":1.5},"rate":"2400","per":"term",)"
    R"("provision":"unsuitable"}],"payments":[{"kind":"uncertainty","amount":"250"}]},)"
    R"("send":{"events":[{"event":"ehc_request_received","date":"2022-06-10"},{"event":)"
    R"("assessment_decision_notified","date":"2022-07-22"},{"event":"draft_plan_issued","date":"2022-10-03"},)"
    R"({"event":"final_plan_issued","date":"2022-11-30"},{"event":"review_meeting_held","date":"2023-11-12"},)"
    R"({"event":"review_decision_notified","date":"2023-12-14"},{"event":"decision_letter_sent",)"
    R"("date":"2023-12-31"},{"event":"mediation_certificate_issued","date":"2024-02-19"}],)"
    R"("exceptions":[{"type":"absent_from_area","from":"2022-08-01","to":"2022-09-10"}]}})",
    (R"({"format":"redress.case/1","reference":"18 000 001","authority":"Dudley Metropolitan Borough Council",)"
     R"("dates":{"final_decision":"2019-06-16"},"notes":{"kept":["as", "written"]}})"),  // (): -Wstring-concatenation
};

std::string cases(int copies) {
  std::string text;
  for (int i = 0; i < copies; ++i) {
    for (const char* c : kCases) text += std::string(c) + "\n";
  }
  return text;
}

long batch_allocations(int copies, int jobs, bool csv = false) {
  const std::string text = cases(copies);
  redress::BatchOptions options;
  options.as_of = redress::Date(2024, 6, 1);
  options.jobs = jobs;
  return count_allocations([&] {
    std::istringstream in(text);
    std::ostringstream out, table;
    const redress::BatchSummary s = redress::run_batch(in, out, options, csv ? &table : nullptr);
    EXPECT_EQ(s.cases, copies * 3);
    EXPECT_EQ(s.errors, 0) << out.str().substr(0, 400);
  });
}

TEST(SteadyState, BatchAllocatesNothingPerCase) {
  // Reading, evaluating and writing 3,000 more cases may not allocate more than a handful more times (the
  // output's buffers growing): anything per case would add thousands.
  const long short_run = batch_allocations(100, 1);
  const long long_run = batch_allocations(1100, 1);
  EXPECT_LT(long_run - short_run, 100) << short_run << " allocations for 300 cases, " << long_run << " for 3,300";
}

TEST(SteadyState, BatchWithCsvAllocatesNothingPerCase) {
  const long short_run = batch_allocations(100, 1, true);
  const long long_run = batch_allocations(1100, 1, true);
  EXPECT_LT(long_run - short_run, 100) << short_run << " allocations for 300 cases, " << long_run << " for 3,300";
}

// More of what the reader fills: every field of the format, unknown fields kept in events (strings and JSON
// values), money as numbers, a length period, an open period, recommendations due by date and by a period with
// no final decision to count from, long strings, nulls.
const char* const kMoreCases[] = {
    R"({"format":"redress.case/1","reference":"21 002 722","id":"DUD-2021-0042-LONGER-THAN-SSO",)"
    R"("authority":"Dudley Metropolitan Borough Council","category":"Education and children's services: SEN",)"
    R"("outcome":"upheld","finding":"fault_causing_injustice","public_report":true,)"
    R"("faults":["provision_not_secured","alternative_provision","complaint_handling","assessment_delay"],)"
    R"("dates":{"first_aware":"2020-07-01","complaint_to_council":"2020-11-02",)"
    R"("complaint_to_ombudsman":"2021-02-01","final_decision":"2021-06-16","report_received":"2021-06-20"},)"
    R"("remedy":{"guidance":"2017","school_calendar":"default","rounding":"pence","stated_total":3100.5,)"
    R"("lost_provision":[{"from":"2020-09","to":"2021-03","rate":"600","per":"month","provision":"partial",)"
    R"("head":"education","note":"no tuition for the autumn and spring terms","amount":"4200","rounding":"pound",)"
    R"("paid_to":"parent"},{"from":"2021-01","open":true,"rate":150.5,"per":"week"},)"
    R"({"length":{"years":1,"days":"3"},"rate":"39","per":"year","note":"a year and three days"}],)"
    R"("payments":[{"kind":"reimbursement","amount":"92,233,720,368.75","to":"young_person",)"
    R"("for":"private speech and language therapy"},{"kind":"distress","amount":500}]},)"
    R"("recommendations":[{"kind":"apology","text":"Apologise to Mrs X for the delay in issuing the plan",)"
    R"("due":"2021-07-16","status":"complete","completed":"2021-07-01"},{"kind":"payment","due":"28 days"}],)"
    R"("send":{"events":[{"event":"ehc_request_received","date":"2019-06-10","by":"a parent, in writing",)"
    R"("pages":12,"outcome":{"agreed":true,"notes":["a","b"]}}],"exceptions":[{"type":)"
    R"("exceptional_personal_circumstances","from":"2019-09-20","to":"2019-10-01"}],"exceptions_apply":false},)"
    R"("notes":{"kept":["as","written"],"n":1}})",
    R"({"format":"redress.case/1","reference":"23-004-567","authority":null,"category":null,)"
    R"("recommendations":[{"kind":"payment","due":"2 weeks"},{"kind":"apology","due":"1 month","text":null}],)"
    R"("remedy":{"guidance":null,"rounding":"ten_pounds","lost_provision":[{"from":"2022-01-04",)"
    R"("to":"2022-03-31","rate":"900","per":"month","provision":"none","paid_to":"child"}]}})",
};

TEST(SteadyState, ReadingIntoTheSameCaseAllocatesNothing) {
  redress::detail::CaseReader reader;
  redress::Case c;
  std::vector<const char*> texts(std::begin(kCases), std::end(kCases));
  texts.insert(texts.end(), std::begin(kMoreCases), std::end(kMoreCases));
  std::vector<redress::CaseFault> faults;
  faults.reserve(8);
  for (const char* text : texts) reader.read(text, 0, c);  // the buffers grow to their size once
  for (const char* text : texts) {
    const std::string padded = std::string(text) + std::string(redress::detail::CaseReader::kPadding, ' ');
    const std::string_view doc(padded.data(), std::string_view(text).size());
    EXPECT_EQ(count_allocations([&] { reader.read(doc, padded.size(), c); }), 0) << text;
    // With a fault list (as check_case reads), a case without faults allocates nothing either.
    EXPECT_EQ(count_allocations([&] { reader.read(doc, padded.size(), c, "line 2", &faults); }), 0) << text;
    EXPECT_TRUE(faults.empty()) << text << "\n" << (faults.empty() ? "" : faults[0].message);
  }
}

// --- Deadlines -------------------------------------------------------------------------------------------------

redress::Event event(const std::string& name, redress::Date date,
                     std::map<std::string, std::string> fields = std::map<std::string, std::string>()) {
  return {name, date, std::move(fields)};
}

// A whole EHC timeline: request, decision, draft, final plan, review, appeal after mediation, with an absence.
redress::Case ehc_case() {
  using redress::Date;
  redress::Case c;
  c.id = "EHC-1";
  c.dates["final_decision"] = Date(2024, 6, 10);
  c.dates["complaint_to_council"] = Date(2024, 2, 1);
  c.send.events = {
      event("ehc_request_received", Date(2022, 6, 10)),  event("assessment_decision_notified", Date(2022, 7, 22)),
      event("draft_plan_issued", Date(2022, 10, 3)),     event("final_plan_issued", Date(2022, 11, 30)),
      event("review_meeting_held", Date(2023, 11, 12)),  event("review_decision_notified", Date(2023, 12, 14)),
      event("decision_letter_sent", Date(2023, 12, 31)), event("mediation_certificate_issued", Date(2024, 2, 19)),
      event("appeal_lodged", Date(2024, 3, 15))};
  c.send.exceptions = {{"absent_from_area", Date(2022, 8, 1), Date(2022, 9, 10)}};
  return c;
}

// A different shape: a tribunal order, a phase transfer and a public report, so that the pool has to serve
// deadlines of other sizes between two of the first.
redress::Case other_case() {
  using redress::Date;
  redress::Case c;
  c.id = "OTHER-1";
  c.public_report = true;
  c.dates["report_received"] = Date(2024, 1, 15);
  c.send.events = {event("tribunal_order_made", Date(2023, 5, 2), {{"order", "make_plan"}}),
                   event("draft_plan_issued", Date(2023, 6, 20)),
                   event("phase_transfer_due", Date(2024, 9, 1), {{"transfer", "school_phase"}}),
                   event("response_to_ombudsman", Date(2024, 5, 1))};
  c.send.exceptions = {{"school_closure", Date(2023, 5, 10), Date(2023, 5, 20)},
                       {"coronavirus", Date(2023, 5, 1), Date(2023, 6, 1)}};
  return c;
}

const redress::Deadline* find(const std::vector<redress::Deadline>& list, const std::string& rule) {
  for (const redress::Deadline& d : list) {
    if (d.rule == rule) return &d;
  }
  return nullptr;
}

TEST(SteadyState, DeadlinesOfAWholeEhcTimelineAllocateNothingTheSecondTime) {
  const redress::Case c = ehc_case();
  redress::CaseOptions options;
  options.as_of = redress::Date(2024, 6, 1);
  std::vector<redress::Deadline> out;
  redress::detail::evaluate_case_deadlines(c, options, false, out);  // the pool and the buffers grow once
  EXPECT_EQ(count_allocations([&] { redress::detail::evaluate_case_deadlines(c, options, false, out); }), 0);
  // The figures are there: 20 weeks from 10 June 2022 is 28 October 2022; the plan on 30 November is 33 days
  // late, and the absence (1 August to 10 September 2022, 41 days, at least four weeks, all inside the period)
  // covers 41 days of it, so none is left net.
  const redress::Deadline* plan = find(out, "ehc.final_plan");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(plan->due, redress::Date(2022, 10, 28));
  EXPECT_EQ(plan->met, redress::Date(2022, 11, 30));
  EXPECT_EQ(plan->status, redress::DeadlineStatus::met_late);
  EXPECT_EQ(plan->days_late, 33);
  EXPECT_EQ(plan->days_late_net, 0);
  EXPECT_EQ(plan->exceptions, std::vector<std::string>{"absent_from_area"});
  EXPECT_TRUE(plan->explanation.empty());  // no text without explain
  // 4 weeks from the review meeting on 12 November 2023 is 10 December; the decision came 4 days later.
  const redress::Deadline* review = find(out, "review.decision");
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->due, redress::Date(2023, 12, 10));
  EXPECT_EQ(review->days_late, 4);
}

TEST(SteadyState, DeadlinesOfCasesInTurnAllocateNothingOnceWarm) {
  const redress::Case a = ehc_case(), b = other_case();
  redress::CaseOptions options;
  options.as_of = redress::Date(2024, 6, 1);
  std::vector<redress::Deadline> out;
  for (int i = 0; i < 3; ++i) {
    redress::detail::evaluate_case_deadlines(a, options, false, out);
    redress::detail::evaluate_case_deadlines(b, options, false, out);
  }
  const long n = count_allocations([&] {
    for (int i = 0; i < 10; ++i) {
      redress::detail::evaluate_case_deadlines(a, options, false, out);
      redress::detail::evaluate_case_deadlines(b, options, false, out);
    }
  });
  EXPECT_EQ(n, 0);
  EXPECT_NE(find(out, "lgo.response"), nullptr);  // b's public report brings the s.31(2) duty
}

// Every event name the catalogue knows, and some it does not; and for each, the names of the steps that can
// follow it (what meets, supersedes, is required by or implies the rules it starts).
struct Names {
  std::vector<std::string> all;
  std::map<std::string, std::vector<std::string>> next;
};
Names event_names() {
  std::set<std::string> names = {"advice_requested", "report_received", "not_a_catalogue_event"};
  Names out;
  for (const redress::Rule& r : redress::RuleCatalogue::standard().rules()) {
    for (const auto* list :
         {&r.start_events, &r.met_by, &r.superseded_by, &r.requires_events, &r.implied_by, &r.missing_start_if}) {
      names.insert(list->begin(), list->end());
    }
    if (r.alternative) names.insert(r.alternative->event);
    for (const std::string& start : r.start_events) {
      for (const auto* list : {&r.met_by, &r.superseded_by, &r.requires_events, &r.implied_by}) {
        out.next[start].insert(out.next[start].end(), list->begin(), list->end());
      }
      if (r.alternative) out.next[start].push_back(r.alternative->event);
    }
  }
  out.all.assign(names.begin(), names.end());
  return out;
}

// A random case: events from the catalogue's names (some as dates, some with the fields rules look for) within
// a few years, exception intervals of every type, sometimes a public report.
redress::Case random_case(std::mt19937& rng, const Names& catalogue) {
  const std::vector<std::string>& names = catalogue.all;
  using redress::Date;
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const Date base(2023, 7, 1);
  auto day = [&](int spread) {
    return base + boost::gregorian::date_duration(std::uniform_int_distribution<int>(-spread, spread)(rng));
  };
  static const char* const kFields[][2] = {
      {"transfer", "school_phase"}, {"transfer", "to_post16"}, {"transfer", "between_post16"},
      {"order", "assess"},          {"order", "make_plan"},    {"order", "amend_contents"},
      {"order", "name_school"},     {"order", "cease"},        {"appeal", "assess"},
      {"appeal", "contents"},       {"from", "head_teacher"},  {"from", "health_service"}};
  static const char* const kExceptions[] = {
      "absent_from_area",   "school_closure", "exceptional_personal_circumstances",
      "missed_appointment", "coronavirus",    "not_an_exception"};
  redress::Case c;
  c.public_report = pick(3) == 0;
  // One to three rules' stories: a start of the rule (with the fields it looks for) and often one of the steps
  // that meet, supersede, are required by or imply it, within two months before to four months after.
  const auto& rules = redress::RuleCatalogue::standard().rules();
  for (std::size_t k = 1 + pick(3); k > 0; --k) {
    const redress::Rule& r = rules[pick(rules.size())];
    if (r.start_events.empty()) continue;
    const Date when = day(1300);
    c.send.events.push_back({r.start_events[pick(r.start_events.size())], when, r.start_where});
    std::vector<std::string> steps;
    for (const auto* list : {&r.met_by, &r.superseded_by, &r.requires_events, &r.implied_by}) {
      steps.insert(steps.end(), list->begin(), list->end());
    }
    if (!steps.empty() && pick(4) != 0) {
      c.send.events.push_back(
          {steps[pick(steps.size())],
           when + boost::gregorian::date_duration(std::uniform_int_distribution<int>(-60, 120)(rng)),
           {}});
    }
  }
  const std::size_t events = pick(8);
  for (std::size_t i = 0; i < events; ++i) {
    const std::string& name = names[pick(names.size())];
    // Mostly 2019 to 2026, across the Complaint Handling Code's date; sometimes around the 2014-15 rules.
    const Date when =
        pick(10) == 0
            ? Date(2015, 1, 1) + boost::gregorian::date_duration(std::uniform_int_distribution<int>(-200, 200)(rng))
            : day(1300);
    if (pick(4) == 0) {
      c.dates[name] = when;
      continue;
    }
    redress::Event e{name, when, {}};
    if (pick(4) != 0) {  // mostly a field the event's rules look at, sometimes any
      std::vector<std::size_t> fitting;
      for (std::size_t k = 0; k < std::size(kFields); ++k) {
        const std::string key = kFields[k][0];
        if ((name == "phase_transfer_due" && key == "transfer") || (name == "tribunal_order_made" && key == "order") ||
            (name == "appeal_not_opposed" && key == "appeal") || (name == "advice_requested" && key == "from") ||
            pick(8) == 0) {
          fitting.push_back(k);
        }
      }
      if (!fitting.empty()) {
        const auto& f = kFields[fitting[pick(fitting.size())]];
        e.fields[f[0]] = f[1];
      }
    }
    c.send.events.push_back(e);
    // Often a next step soon after, within four months: mostly one of the steps that can follow it.
    const auto follows = catalogue.next.find(name);
    if (pick(2) == 0) {
      const bool fits = follows != catalogue.next.end() && !follows->second.empty() && pick(4) != 0;
      c.send.events.push_back({fits ? follows->second[pick(follows->second.size())] : names[pick(names.size())],
                               when + boost::gregorian::date_duration(std::uniform_int_distribution<int>(0, 120)(rng)),
                               {}});
    }
  }
  // Runs of the same event close together, so that several starts of one rule and ties on a date happen.
  if (!c.send.events.empty() && pick(2) == 0) {
    redress::Event again = c.send.events[pick(c.send.events.size())];
    again.date += boost::gregorian::date_duration(std::uniform_int_distribution<int>(0, 60)(rng));
    c.send.events.push_back(again);
  }
  const std::size_t intervals = pick(4);
  for (std::size_t i = 0; i < intervals; ++i) {
    const Date from = day(1300);
    c.send.exceptions.push_back(
        {kExceptions[pick(std::size(kExceptions))], from,
         from + boost::gregorian::date_duration(std::uniform_int_distribution<int>(0, 70)(rng))});
  }
  return c;
}

void expect_same_figures(const redress::Deadline& a, const redress::Deadline& b, const std::string& where) {
  EXPECT_EQ(a.rule, b.rule) << where;
  EXPECT_EQ(a.start, b.start) << where << a.rule;
  EXPECT_EQ(a.start_event, b.start_event) << where << a.rule;
  EXPECT_EQ(a.due, b.due) << where << a.rule;
  EXPECT_EQ(a.met, b.met) << where << a.rule;
  EXPECT_EQ(a.met_event, b.met_event) << where << a.rule;
  EXPECT_EQ(a.status, b.status) << where << a.rule;
  EXPECT_EQ(a.days_late, b.days_late) << where << a.rule;
  EXPECT_EQ(a.days_late_net, b.days_late_net) << where << a.rule;
  EXPECT_EQ(a.days_remaining, b.days_remaining) << where << a.rule;
  EXPECT_EQ(a.exceptions, b.exceptions) << where << a.rule;
  ASSERT_EQ(a.exception_findings.size(), b.exception_findings.size()) << where << a.rule;
  for (std::size_t i = 0; i < a.exception_findings.size(); ++i) {
    const auto &x = a.exception_findings[i], &y = b.exception_findings[i];
    EXPECT_EQ(x.type, y.type) << where << a.rule;
    EXPECT_EQ(x.from, y.from) << where << a.rule;
    EXPECT_EQ(x.to, y.to) << where << a.rule;
    EXPECT_EQ(x.applied, y.applied) << where << a.rule;
    EXPECT_EQ(x.days_covered, y.days_covered) << where << a.rule;
  }
}

// Evaluates case `c` three ways, as the batch does (rules skipped by mask, no text, into `fast`), in full with
// every rule run (`full`) and in full with the masks (`masked`); the figures of the first must be those of the
// second, and the second and third the same to the letter.
void evaluate_three_ways(const redress::Case& c, const redress::CaseOptions& options, const std::string& where,
                         std::vector<redress::Deadline>& fast, std::vector<redress::Deadline>& full,
                         std::vector<redress::Deadline>& masked) {
  redress::detail::evaluate_case_deadlines(c, options, false, fast);
  redress::detail::evaluate_case_deadlines(c, options, true, full, false);
  redress::detail::evaluate_case_deadlines(c, options, true, masked, true);
  ASSERT_EQ(fast.size(), full.size()) << where;
  for (std::size_t i = 0; i < fast.size(); ++i) expect_same_figures(fast[i], full[i], where);
  EXPECT_EQ(redress::deadlines_to_json(full), redress::deadlines_to_json(masked)) << where;
}

// The batch's evaluation (rules skipped by their masks, no text, one vector reused for every case) gives the
// figures of the full evaluation (every rule run through, with the text), and the full evaluation with and
// without the masks gives the same deadlines to the letter, for thousands of random cases that between them
// make every rule of the catalogue relevant.
TEST(DeadlineIndex, SkippingByMaskAndLeavingOutTheTextChangeNoFigure) {
  const Names names = event_names();
  std::mt19937 rng(20260401);
  redress::CaseOptions options;
  std::vector<redress::Deadline> fast, full, full_masked;
  std::multiset<std::string> seen;
  std::size_t total = 0;
  for (int n = 0; n < 3000; ++n) {
    const redress::Case c = random_case(rng, names);
    options.as_of = redress::Date(2024, 1, 1) + boost::gregorian::date_duration(n % 900);
    const std::string where = "case " + std::to_string(n) + ": ";
    evaluate_three_ways(c, options, where, fast, full, full_masked);
    for (std::size_t i = 0; i < fast.size(); ++i) {
      EXPECT_TRUE(fast[i].explanation.empty() && fast[i].title.empty() && fast[i].notes.empty()) << where;
      seen.insert(full[i].rule);
    }
    // The public function on the case's timeline (report duties aside) explains the same deadlines.
    if (c.public_report && c.date("report_received")) {
      redress::DeadlineOptions dopt;
      dopt.as_of = options.as_of;
      EXPECT_EQ(redress::deadlines_to_json(redress::evaluate_deadlines(c.timeline(), dopt)),
                redress::deadlines_to_json(full))
          << where;
    }
    total += full.size();
  }
  std::set<std::string> all;
  for (const redress::Rule& r : redress::RuleCatalogue::standard().rules()) all.insert(r.id);
  for (const std::string& id : all) EXPECT_GT(seen.count(id), 0U) << id << " never relevant";
  EXPECT_GT(total, 3000U);
}

// The same over a catalogue of 244 rules (four 64-bit words of rules): 100 rules started by events no case holds,
// listed first so that they take the first event numbers, then the shipped catalogue three times (ids suffixed,
// references between rules kept within each copy). Its 200-odd event names pass the 128 a mask holds, so many
// rules are ones the masks cannot decide: those are run in full on both paths.
TEST(DeadlineIndex, ACatalogueOfManyRulesSomeBeyondTheMasksChangesNoFigureEither) {
  nlohmann::json doc = nlohmann::json::parse(redress::detail::kRuleCatalogue);
  nlohmann::json rules = nlohmann::json::array();
  for (int i = 0; i < 100; ++i) {
    rules.push_back({{"id", "extra." + std::to_string(i)},
                     {"title", "extra rule " + std::to_string(i)},
                     {"source", {{"instrument", "test"}, {"provision", "s." + std::to_string(i)}}},
                     {"evidence", "verified"},
                     {"start", {{"event", "extra_event_" + std::to_string(i)}}},
                     {"length", 5},
                     {"unit", "days"}});
  }
  for (const char* suffix : {"", "~2", "~3"}) {
    for (nlohmann::json rule : doc["rules"]) {
      rule["id"] = rule["id"].get<std::string>() + suffix;
      for (const char* key : {"rule", "else_rule"}) {
        if (rule["start"].contains(key)) rule["start"][key] = rule["start"][key].get<std::string>() + suffix;
      }
      rules.push_back(rule);
    }
  }
  doc["rules"] = rules;
  const redress::RuleCatalogue big = redress::RuleCatalogue::from_json(doc.dump());
  ASSERT_EQ(big.rules().size(), 100 + 3 * redress::RuleCatalogue::standard().rules().size());
  const Names names = event_names();
  std::mt19937 rng(20261202);
  redress::CaseOptions options;
  options.catalogue = &big;
  std::vector<redress::Deadline> fast, full, full_masked;
  std::size_t total = 0;
  for (int n = 0; n < 1500; ++n) {
    const redress::Case c = random_case(rng, names);
    options.as_of = redress::Date(2024, 1, 1) + boost::gregorian::date_duration(n % 900);
    const std::string where = "case " + std::to_string(n) + ": ";
    evaluate_three_ways(c, options, where, fast, full, full_masked);
    total += full.size();
  }
  EXPECT_GT(total, 3 * 1500U);  // each copy of the catalogue gives the case its deadlines
}

}  // namespace

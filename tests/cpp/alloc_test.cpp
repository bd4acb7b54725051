// The steady state allocates nothing per case (issue 13): this executable replaces the global operator new with
// one that counts the allocations of the thread that asks for a count, so a test can run the same work on a
// short input and on a long one and compare. It is its own executable because the replacement is global.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "detail/json_read.hpp"
#include "redress/batch.hpp"

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

}  // namespace

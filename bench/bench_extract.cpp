// Google Benchmark for extraction: a generated corpus of 10,000 decision texts in the layouts redress reads
// (decision statements old and new, assessment decisions, public reports, council reports, HTML pages), each
// extracted to its case JSON on one core. The figure reported is bytes of input per second.
// Run on demand (see README "Extracting cases from texts"); never part of the test command.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "redress/extract.hpp"

namespace {

const char* const kPlaces[] = {"Westmoor", "Eastbrook",       "Kingsford",  "Harlow Vale", "Carrow",
                               "Fenwick",  "Laxton",          "Northshire", "Southdale",   "Brackley",
                               "Ashcombe", "Redbridge Hills", "Tolworth"};
const char* const kKinds[] = {"County Council", "Borough Council", "City Council", "Council",
                              "Metropolitan Borough Council"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kPurposes[] = {"to recognise her distress", "for her time and trouble", "for the uncertainty caused",
                                 "to recognise the lost opportunity to appeal",
                                 "for the poor handling of her complaint"};

std::string pounds(std::mt19937& rng, int lo, int hi) {
  std::uniform_int_distribution<int> d(lo, hi);
  const int v = d(rng) * 50;
  std::string s = std::to_string(v);
  if (v >= 1000) s.insert(s.size() - 3, ",");
  return "\xC2\xA3" + s;
}

// One decision text; `k` picks the layout.
std::string decision(std::mt19937& rng, std::size_t k) {
  std::uniform_int_distribution<int> pick(0, 1000);
  const std::string council = std::string(kPlaces[static_cast<std::size_t>(pick(rng)) % 13]) + " " +
                              kKinds[static_cast<std::size_t>(pick(rng)) % 5];
  char ref[16];
  std::snprintf(ref, sizeof ref, "%02d %03d %03d", 16 + pick(rng) % 9, pick(rng) % 1000, pick(rng) % 1000);
  const int year = 2017 + pick(rng) % 8;
  const std::string date =
      std::to_string(1 + pick(rng) % 28) + " " + kMonths[pick(rng) % 12] + " " + std::to_string(year);
  const std::string a1 = pounds(rng, 2, 30);
  const std::string purpose = kPurposes[static_cast<std::size_t>(pick(rng)) % 5];
  const int months = 2 + pick(rng) % 10;
  const std::string boiler =
      "We investigate complaints about 'maladministration' and 'service failure'. In this statement, I have used the "
      "word fault to refer to these. We must also consider whether any fault has had an adverse impact on the person "
      "making the complaint. I refer to this as 'injustice'. If there has been fault which has caused an injustice, "
      "we may suggest a remedy.\n\n";
  // "What I found": as in real statements, a chronology of a few thousand words (real decision statements run
  // to 8-20 KB); the paragraphs vary so that no two texts are alike.
  static const char* const kFacts[] = {
      "The Council wrote to Mrs X about the annual review of her son's Education, Health and Care Plan. It did not "
      "send the amended plan within the time the law allows.",
      "Mrs X emailed the SEN team to ask when the amended plan would be issued. Nobody replied for several weeks, "
      "and when the Council did reply it did not give a date.",
      "The school told the Council that Y had stopped attending because of anxiety. The Council's records show it "
      "discussed alternative provision but did not arrange any.",
      "An educational psychologist saw Y and recommended a small specialist setting with a therapeutic approach. "
      "The Council consulted three schools, none of which offered a place.",
      "Mrs X complained to the Council. Its stage one response accepted there had been delay and apologised, but "
      "said a place would be found soon. No place was found that term.",
      "At stage two the Council said it had been unable to recruit enough caseworkers, which had caused a backlog "
      "of reviews across the service. It did not offer any remedy for the education Y missed.",
      "The law says a council must arrange suitable full-time education for a child of compulsory school age who "
      "cannot attend school because of illness or otherwise. The duty applies from the sixth day of absence.",
      "The Council provided five hours a week of online tuition from the spring term. I do not consider this was "
      "suitable or full-time education for Y, and the Council did not review it."};
  std::string facts;
  const int paragraphs = 12 + pick(rng) % 28;
  for (int i = 0; i < paragraphs; ++i) {
    facts += std::to_string(10 + i) + ". On " + std::to_string(1 + (i * 7) % 28) + " " + kMonths[(i + 3) % 12] + " " +
             std::to_string(year - 1 - i / 12) + ", " + kFacts[static_cast<std::size_t>(pick(rng)) % 8] + " " +
             kFacts[static_cast<std::size_t>(pick(rng)) % 8] + "\n\n";
  }
  switch (k % 5) {
    case 0:
      return council + " (" + ref + ")\n\nCategory : Education > Special educational needs\n\nDecision : Upheld\n\n" +
             "Decision date : " + date +
             "\n\nSummary: The Council did not secure the provision in Y's plan. We "
             "found fault causing injustice.\n\nThe Ombudsman's role and powers\n\n" +
             boiler + "What I found\n\n" + facts +
             "Agreed action\n\n30. Within one month of my final decision, the Council has agreed to:\n" +
             "- apologise to Mrs X;\n- pay Mrs X " + a1 + " " + purpose + ";\n- pay " + pounds(rng, 8, 40) +
             " a month for the " + std::to_string(months) + " months Y was without the provision.\n\n" +
             "31. Within three months of my final decision, the Council has agreed to remind staff of its duties.\n\n"
             "Final decision\n\n32. I have completed my investigation.\n";
    case 1:
      return council + " (" + ref + ")\n\nDecision : Closed after initial enquiries\n\nDecision date : " + date +
             "\n\nSummary: We will not investigate Mrs R's complaint because the Council has agreed to pay her " + a1 +
             " " + purpose +
             ", which is a suitable remedy.\n\nThe complaint\n\n1. Mrs R complains about delay.\n\n"
             "My assessment\n\n" +
             facts + "My decision\n\n3. We will not investigate this complaint.\n";
    case 2:
      return "Report by the Local Government and Social Care Ombudsman\n\nInvestigation into a complaint against " +
             council + "\n(reference number: " + ref + ")\n\n" + date +
             "\n\nSummary\n\nThe Council failed to "
             "arrange education.\n\nFinding\n\nFault found causing injustice and recommendations made.\n\n" +
             facts +
             "Recommendations\n\nTo remedy the injustice caused, the Council must, within one month of the date of "
             "this report:\n- apologise to Mrs D;\n- pay Mrs D " +
             a1 + " " + purpose +
             ".\n\nThe Council must "
             "consider the report and confirm within three months the action it has taken or proposes to take. "
             "(Local Government Act 1974, section 31(2), as amended)\n";
    case 3:
      return "Cabinet\n\n" + date + "\n\nReport of the Monitoring Officer\n\nResponse to the Ombudsman's report on " +
             council + " (" + ref + ")\n\n1. Purpose\n\n1.1 This is a statutory report under section 5A.\n\n" + facts +
             "2. Recommendations made by the Ombudsman\n\n2.1 The Council should, within one month of the report:\n\n"
             "2.1.1 apologise in writing to Ms B;\n\n2.1.2 make a payment of " +
             a1 + " " + purpose +
             ".\n\n"
             "3. Financial Implications\n\nThe remedy equates to " +
             a1 + ".\n";
    default:
      return "<!DOCTYPE html><html><head><title>" + council +
             "</title><script>var x = 1;</script></head><body>"
             "<nav><a href='/'>Home</a></nav><article id=\"article\"><h1>" +
             council + " (" + ref +
             ")</h1>"
             "<p>Category : Education &gt; Special educational needs</p><p>Decision : Upheld</p><p>Decision date : " +
             date + "</p><p>Summary: We found fault causing injustice.</p><h2>What I found</h2><p>" + facts +
             "</p><h2>Agreed action</h2><ol><li>Within one month of my final decision, the Council has agreed to pay "
             "Mrs W " +
             a1 + " " + purpose + ".</li></ol></article><footer>&copy; LGSCO</footer></body></html>";
  }
}

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> texts = [] {
    std::mt19937 rng(20240601U);
    std::vector<std::string> out;
    out.reserve(10000);
    for (std::size_t i = 0; i < 10000; ++i) out.push_back(decision(rng, i));
    return out;
  }();
  return texts;
}

// The whole corpus, extracted text by text, per iteration.
void BM_ExtractCorpus(benchmark::State& state) {
  const auto& texts = corpus();
  std::int64_t bytes = 0;
  for (const std::string& t : texts) bytes += static_cast<std::int64_t>(t.size());
  for (auto _ : state) {
    for (const std::string& t : texts) benchmark::DoNotOptimize(redress::extract_json(t));
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(texts.size()));
  state.counters["texts"] = static_cast<double>(texts.size());
  state.counters["corpus_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_ExtractCorpus)->Unit(benchmark::kMillisecond)->Iterations(3);

// One long text (a 50 MB input): the scanner is linear.
void BM_ExtractLongText(benchmark::State& state) {
  std::string big;
  const auto& texts = corpus();
  for (std::size_t i = 0; big.size() < 50U * 1000U * 1000U; ++i) big += texts[i % 400];
  for (auto _ : state) benchmark::DoNotOptimize(redress::extract_json(big));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(big.size()));
}
BENCHMARK(BM_ExtractLongText)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

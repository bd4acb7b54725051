// Tests of the compliance ledger (redress/ledger.hpp) and of council names and reorganisations
// (redress/authorities.hpp).
//
// Expected values are hand calculations written beside them: recommendation periods on the corresponding-date
// rule ("1 month" from 16 June 2022 is 16 July 2022; from 31 January 2022 it is 28 February 2022, February having
// no 31st), s.31(2) of the Local Government Act 1974 ("within three months beginning with" the day the report was
// received: received 16 June 2022, so the last day is 15 September 2022), and the structural changes orders named
// in data/SOURCES.md for the reorganisations (Dorset, Bournemouth and Poole 1 April 2019, SI 2018/648;
// Buckinghamshire 1 April 2020, SI 2019/957; Northamptonshire 1 April 2021, SI 2020/156; Cumbria, North Yorkshire
// and Somerset 1 April 2023, SIs 2022/331, 2022/328, 2022/329).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "redress/authorities.hpp"
#include "redress/calendar.hpp"
#include "redress/complaint.hpp"
#include "redress/error.hpp"
#include "redress/ledger.hpp"

namespace {

using redress::Date;
using redress::Verdict;

Date d(const char* iso) {
  return redress::parse_date(iso);
}

redress::Recommendation rec(const char* due, std::optional<redress::RecommendationStatus> status = std::nullopt,
                            std::optional<Date> completed = std::nullopt) {
  redress::Recommendation r;
  r.kind = "apology";
  r.due = due;
  r.status = status;
  r.completed = completed;
  return r;
}

redress::Case base_case() {
  redress::Case c;
  c.reference = redress::CaseReference("21 002 722");
  c.authority = "Dorset Council";
  c.outcome = redress::Outcome::upheld;
  c.finding = redress::Finding::fault_causing_injustice;
  c.public_report = true;
  return c;
}

redress::LedgerOptions as_of(const char* iso) {
  redress::LedgerOptions o;
  o.as_of = d(iso);
  return o;
}

const redress::Deadline* duty(const redress::CaseLedger& l, const std::string& rule) {
  auto it = std::find_if(l.duties.begin(), l.duties.end(), [&](const auto& x) { return x.rule == rule; });
  return it == l.duties.end() ? nullptr : &*it;
}

using redress::RecommendationStatus;

TEST(Ledger, VerdictsAgainstDueDatesFromTheFinalDecision) {
  auto c = base_case();
  c.dates["final_decision"] = d("2022-06-16");
  c.dates["report_received"] = d("2022-06-16");
  c.recommendations = {
      rec("1 month", RecommendationStatus::complete, d("2022-07-01")),  // due 16 July: 15 days early, on time
      rec("1 month", RecommendationStatus::complete, d("2022-07-16")),  // on the due day: on time
      rec("1 month", RecommendationStatus::complete, d("2022-07-19")),  // 19 - 16 = late by 3 days
      rec("3 months", RecommendationStatus::in_progress),               // due 16 September; 1 Oct: overdue by 15
      rec("6 months"),                                                  // due 16 December; 1 Oct: due in 76 days
      rec("1 month", RecommendationStatus::complete),                   // no completion date
      rec("1 month", RecommendationStatus::refused),
      rec("2022-08-31", RecommendationStatus::on_track),  // a date: overdue by 31 days on 1 October
  };
  auto l = redress::case_ledger(c, as_of("2022-10-01"));
  ASSERT_EQ(l.recommendations.size(), 8U);
  const auto& r = l.recommendations;
  EXPECT_EQ(r[0].due, d("2022-07-16"));
  EXPECT_EQ(r[0].base, d("2022-06-16"));
  EXPECT_EQ(r[0].base_field, "dates.final_decision");
  EXPECT_EQ(r[0].verdict, Verdict::on_time);
  EXPECT_EQ(r[0].describe(), "on time");
  EXPECT_EQ(r[1].verdict, Verdict::on_time);
  EXPECT_EQ(r[2].verdict, Verdict::late);
  EXPECT_EQ(r[2].describe(), "late by 3 days");
  EXPECT_EQ(r[3].due, d("2022-09-16"));
  EXPECT_EQ(r[3].verdict, Verdict::overdue);
  EXPECT_EQ(r[3].describe(), "overdue by 15 days");
  EXPECT_EQ(r[4].due, d("2022-12-16"));
  EXPECT_EQ(r[4].verdict, Verdict::open);
  // 1 Oct -> 16 Dec: 30 (rest of Oct) + 30 (Nov) + 16 = 76
  EXPECT_EQ(r[4].describe(), "open, due in 76 days");
  EXPECT_EQ(r[5].verdict, Verdict::complete_undated);
  EXPECT_EQ(r[5].describe(), "complete, date not stated");
  EXPECT_EQ(r[6].verdict, Verdict::refused);
  EXPECT_EQ(r[7].due, d("2022-08-31"));
  EXPECT_FALSE(r[7].base.has_value());
  EXPECT_EQ(r[7].describe(), "overdue by 31 days");
  EXPECT_EQ(r[0].canonical, "Dorset");
  EXPECT_TRUE(l.missing_dates.empty());
}

TEST(Ledger, OneDayOverdueAndDueTodayAreNotConfused) {
  auto c = base_case();
  c.dates["final_decision"] = d("2022-06-16");
  c.recommendations = {rec("1 month")};
  EXPECT_EQ(redress::case_ledger(c, as_of("2022-07-16")).recommendations[0].describe(), "open, due in 0 days");
  EXPECT_EQ(redress::case_ledger(c, as_of("2022-07-17")).recommendations[0].describe(), "overdue by 1 day");
}

TEST(Ledger, MonthsFollowTheCorrespondingDateRule) {
  auto c = base_case();
  c.dates["final_decision"] = d("2022-01-31");
  c.recommendations = {rec("1 month"), rec("28 days")};
  auto l = redress::case_ledger(c, as_of("2022-03-01"));
  EXPECT_EQ(l.recommendations[0].due, d("2022-02-28"));  // no 31 February: the last day of the month
  EXPECT_EQ(l.recommendations[1].due, d("2022-02-28"));  // 31 January + 28 days
}

TEST(Ledger, APublicReportWithoutAFinalDecisionCountsFromTheReport) {
  auto c = base_case();
  c.dates["report_received"] = d("2022-04-06");
  c.recommendations = {rec("3 months")};
  auto l = redress::case_ledger(c, as_of("2022-05-01"));
  EXPECT_EQ(l.recommendations[0].due, d("2022-07-06"));
  EXPECT_EQ(l.recommendations[0].base_field, "dates.report_received");
  EXPECT_EQ(l.missing_dates, std::vector<std::string>{"dates.final_decision"});
}

TEST(Ledger, NoDatesMeansNoDueDatesAndSaysWhy) {
  auto c = base_case();
  c.recommendations = {rec("1 month", RecommendationStatus::complete), rec("3 months"), rec("")};
  auto l = redress::case_ledger(c, as_of("2026-01-01"));
  EXPECT_EQ(l.missing_dates, (std::vector<std::string>{"dates.final_decision", "dates.report_received"}));
  for (const auto& e : l.recommendations) EXPECT_FALSE(e.due.has_value());
  EXPECT_EQ(l.recommendations[0].verdict, Verdict::complete_undated);
  // Regression: a recommendation with a time limit ("1 month", "3 months") but no date to run it from was
  // described as having "no due date", as if it had no deadline; only the one without a time limit has none.
  EXPECT_EQ(l.recommendations[0].describe(), "complete, date not stated, due date cannot be computed");
  EXPECT_EQ(l.recommendations[1].verdict, Verdict::no_due_date);
  EXPECT_EQ(l.recommendations[1].describe(), "due date cannot be computed");
  EXPECT_EQ(l.recommendations[2].describe(), "no due date");
  EXPECT_NE(l.recommendations[1].reason.find("dates.final_decision"), std::string::npos);
  EXPECT_NE(l.recommendations[1].reason.find("dates.report_received"), std::string::npos);
  EXPECT_EQ(l.recommendations[2].reason, "the recommendation gives no time limit");
  // The s.31(2) response and the s.5A report are listed, not computable, each saying what is missing.
  const auto* response = duty(l, "lgo.response");
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(response->status, redress::DeadlineStatus::not_computable);
  EXPECT_EQ(response->source, "Local Government Act 1974, s.31(2)");
  const auto* mo = duty(l, "mo.report_considered");
  ASSERT_NE(mo, nullptr);
  EXPECT_EQ(mo->status, redress::DeadlineStatus::not_computable);
  EXPECT_NE(mo->reason.find("monitoring_officer_report_sent"), std::string::npos);
  EXPECT_NE(mo->source.find("5A"), std::string::npos);
}

TEST(Ledger, TheS312DutyComesFromTheCatalogue) {
  auto c = base_case();
  c.dates["report_received"] = d("2022-06-16");
  auto l = redress::case_ledger(c, as_of("2022-07-01"));
  const auto* response = duty(l, "lgo.response");
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(response->due, d("2022-09-15"));  // three months beginning with 16 June: the last day is 15 September
}

TEST(Ledger, DutiesTrackedOnlyWhenRecordedShowTheirDueDateButNeverOverdue) {
  // Report received and decided 6 April 2022 (Cambridgeshire 20 013 354), as of 5 July 2022.
  auto c = base_case();
  c.dates["final_decision"] = d("2022-04-06");
  c.dates["report_received"] = d("2022-04-06");
  auto l = redress::case_ledger(c, as_of("2022-07-05"));
  const auto* notice = duty(l, "lgo.public_notice");  // s.30(5): two weeks (unconfirmed length) -> 20 April 2022
  ASSERT_NE(notice, nullptr);
  EXPECT_EQ(notice->due, d("2022-04-20"));
  EXPECT_EQ(notice->status, redress::DeadlineStatus::not_computable);
  EXPECT_NE(notice->reason.find("public_notice_given"), std::string::npos);
  const auto* personal = duty(l, "remedy.personal");  // one month from 6 April: 6 May 2022, passed, not recorded
  ASSERT_NE(personal, nullptr);
  EXPECT_EQ(personal->due, d("2022-05-06"));
  EXPECT_EQ(personal->status, redress::DeadlineStatus::not_computable);
  const auto* improvements = duty(l, "remedy.service_improvements");  // three months: 6 July 2022, tomorrow
  ASSERT_NE(improvements, nullptr);
  EXPECT_EQ(improvements->due, d("2022-07-06"));
  EXPECT_EQ(improvements->status, redress::DeadlineStatus::pending);
  EXPECT_EQ(improvements->days_remaining, 1);
  const auto* response = duty(l, "lgo.response");  // three months beginning with 6 April: 5 July 2022
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(response->due, d("2022-07-05"));

  // Recorded, the catalogue's own evaluation stands: notice given 15 April, within the two weeks.
  c.send.events.push_back({"public_notice_given", d("2022-04-15"), {}});
  auto recorded = redress::case_ledger(c, as_of("2022-07-05"));
  ASSERT_NE(duty(recorded, "lgo.public_notice"), nullptr);
  EXPECT_EQ(duty(recorded, "lgo.public_notice")->status, redress::DeadlineStatus::met_on_time);
}

TEST(Ledger, ANameWithNoLettersIsKeptAsWritten) {
  auto c = base_case();
  c.authority = "--";
  EXPECT_EQ(redress::case_ledger(c, as_of("2022-07-01")).canonical, "--");
  c.authority = "";
  EXPECT_EQ(redress::case_ledger(c, as_of("2022-07-01")).canonical, "");
}

TEST(Ledger, APrivateDecisionHasNoReportDuties) {
  auto c = base_case();
  c.public_report = false;
  c.dates["final_decision"] = d("2022-06-16");
  auto l = redress::case_ledger(c, as_of("2022-07-01"));
  EXPECT_EQ(duty(l, "lgo.response"), nullptr);
  EXPECT_EQ(duty(l, "mo.report_considered"), nullptr);
  EXPECT_EQ(duty(l, "lgo.public_notice"), nullptr);
  EXPECT_TRUE(l.missing_dates.empty());
}

TEST(Ledger, RemedyTotalsByKind) {
  auto c = base_case();
  c.dates["final_decision"] = d("2022-06-16");
  redress::Remedy remedy;
  remedy.payments = {
      {redress::PaymentKind::distress, redress::Money::parse("750"), redress::Recipient::child, ""},
      {redress::PaymentKind::distress, redress::Money::parse("750"), redress::Recipient::parent, ""},
      {redress::PaymentKind::time_and_trouble, redress::Money::parse("250"), redress::Recipient::parent, ""}};
  c.remedy = remedy;
  auto l = redress::case_ledger(c, as_of("2022-07-01"));
  ASSERT_EQ(l.remedy.size(), 2U);
  EXPECT_EQ(l.remedy[0].kind, "distress");
  EXPECT_EQ(l.remedy[0].amount, redress::Money::parse("1500"));
  EXPECT_EQ(l.remedy[0].lines, 2);
  EXPECT_EQ(l.remedy[0].year, 2022);
  EXPECT_EQ(l.remedy[1].kind, "time_and_trouble");
  EXPECT_EQ(l.remedy[1].amount, redress::Money::parse("250"));
}

TEST(Ledger, SummaryPerAuthorityAndYearAcrossTheReorganisation) {
  auto earlier = base_case();
  earlier.reference = redress::CaseReference("18 016 599");
  earlier.authority = "Dorset County Council";
  earlier.dates["final_decision"] = d("2019-03-01");
  earlier.recommendations = {rec("1 month", RecommendationStatus::complete, d("2019-03-20")),    // due 1 April: on time
                             rec("3 months", RecommendationStatus::complete, d("2019-06-10"))};  // due 1 June: late
  auto later = base_case();
  later.dates["final_decision"] = d("2022-06-16");
  later.recommendations = {rec("1 month", RecommendationStatus::complete, d("2022-07-01")),  // on time
                           rec("3 months"),                                                  // overdue on 1 Oct
                           rec("6 months")};                                                 // not yet due
  auto other = base_case();
  other.authority = "Dudley MBC";
  other.dates["final_decision"] = d("2022-06-16");
  other.recommendations = {rec("1 month")};
  std::vector<redress::CaseLedger> ledgers;
  for (const auto& c : {earlier, later, other}) ledgers.push_back(redress::case_ledger(c, as_of("2022-10-01")));

  auto all = redress::summarise_ledgers(ledgers);
  ASSERT_EQ(all.years.size(), 3U);  // Dorset 2019, Dorset 2022, Dudley 2022
  EXPECT_EQ(all.years[0].authority, "Dorset");
  EXPECT_EQ(all.years[0].year, 2019);
  EXPECT_EQ(all.years[0].on_time, 1);
  EXPECT_EQ(all.years[0].late, 1);
  EXPECT_DOUBLE_EQ(*all.years[0].compliance_rate(), 50.0);
  EXPECT_EQ(all.years[1].year, 2022);
  EXPECT_EQ(all.years[1].recommendations, 3);
  EXPECT_EQ(all.years[1].due, 2);
  EXPECT_EQ(all.years[1].on_time, 1);
  EXPECT_EQ(all.years[1].outstanding, 1);
  EXPECT_EQ(all.years[1].not_yet_due, 1);
  EXPECT_DOUBLE_EQ(*all.years[1].compliance_rate(), 50.0);
  EXPECT_EQ(all.years[2].authority, "Dudley");
  EXPECT_EQ(all.years[2].outstanding, 1);
  EXPECT_DOUBLE_EQ(*all.years[2].compliance_rate(), 0.0);

  auto dorset = redress::summarise_ledgers(ledgers, "Dorset Council");
  EXPECT_EQ(dorset.years.size(), 2U);  // the County Council's 2019 case counts as Dorset's
}

TEST(Ledger, CsvHasOneLinePerRecommendation) {
  auto c = base_case();
  c.dates["final_decision"] = d("2022-06-16");
  c.recommendations = {rec("1 month", RecommendationStatus::complete, d("2022-07-19"))};
  c.recommendations[0].text = "Apologise, in writing";
  std::string csv = redress::ledger_to_csv({redress::case_ledger(c, as_of("2022-10-01"))});
  EXPECT_EQ(csv,
            "reference,authority,canonical_authority,path,kind,due_text,base_field,base,due,status,completed,verdict,"
            "days,reason\n"
            "21 002 722,Dorset Council,Dorset,recommendations[0],apology,1 month,dates.final_decision,2022-06-16,"
            "2022-07-16,complete,2022-07-19,late,3,\n");
}

TEST(Authorities, NameVariantsReduceToOneShortName) {
  EXPECT_EQ(redress::authority_short_name("Dudley MBC"), "Dudley");
  EXPECT_EQ(redress::authority_short_name("Dudley Metropolitan Borough Council"), "Dudley");
  EXPECT_EQ(redress::authority_short_name("  Dudley   Council "), "Dudley");
  EXPECT_EQ(redress::authority_short_name("Cambridgeshire County Council"), "Cambridgeshire");
  EXPECT_EQ(redress::authority_short_name("Dorset CC"), "Dorset");
  EXPECT_EQ(redress::authority_short_name("City of York Council"), "York");
  EXPECT_EQ(redress::authority_short_name("Royal Borough of Greenwich"), "Greenwich");
  EXPECT_EQ(redress::authority_short_name("BCP Council"), "Bournemouth, Christchurch and Poole");
  EXPECT_EQ(redress::authority_short_name("Bournemouth, Christchurch & Poole Council"),
            "Bournemouth, Christchurch and Poole");
  EXPECT_THROW(redress::authority_short_name("  "), redress::InvalidInput);
}

TEST(Authorities, TheTableHasTheReorganisationsSince2019) {
  auto find = [](const std::string& predecessor, const std::string& successor) {
    for (const auto& s : redress::authority_successions()) {
      if (s.predecessor == predecessor && s.successor == successor) return s.date;
    }
    return Date();
  };
  EXPECT_EQ(find("Dorset County Council", "Dorset Council"), d("2019-04-01"));
  EXPECT_EQ(find("Poole Borough Council", "Bournemouth, Christchurch and Poole Council"), d("2019-04-01"));
  EXPECT_EQ(find("Buckinghamshire County Council", "Buckinghamshire Council"), d("2020-04-01"));
  EXPECT_EQ(find("Northamptonshire County Council", "West Northamptonshire Council"), d("2021-04-01"));
  EXPECT_EQ(find("Northamptonshire County Council", "North Northamptonshire Council"), d("2021-04-01"));
  EXPECT_EQ(find("Cumbria County Council", "Cumberland Council"), d("2023-04-01"));
  EXPECT_EQ(find("Cumbria County Council", "Westmorland and Furness Council"), d("2023-04-01"));
  EXPECT_EQ(find("North Yorkshire County Council", "North Yorkshire Council"), d("2023-04-01"));
  EXPECT_EQ(find("Somerset County Council", "Somerset Council"), d("2023-04-01"));
  for (const auto& s : redress::authority_successions()) EXPECT_NE(s.url.find("legislation.gov.uk"), std::string::npos);
}

TEST(Authorities, CanonicalFollowsSuccessionsInForceOnTheDate) {
  EXPECT_EQ(redress::canonical_authority("Poole Borough Council", d("2019-03-31")), "Poole");
  EXPECT_EQ(redress::canonical_authority("Poole Borough Council", d("2019-04-01")),
            "Bournemouth, Christchurch and Poole");
  EXPECT_EQ(redress::canonical_authority("Christchurch BC"), "Bournemouth, Christchurch and Poole");
  EXPECT_EQ(redress::canonical_authority("Dorset County Council", d("2022-07-26")), "Dorset");
  EXPECT_EQ(redress::canonical_authority("Dudley MBC", d("2022-07-26")), "Dudley");
  // Split between successors with none principal: the council keeps its own name.
  EXPECT_EQ(redress::canonical_authority("Northamptonshire County Council"), "Northamptonshire");
  EXPECT_EQ(redress::canonical_authority("Cumbria County Council"), "Cumbria");
}

TEST(Authorities, LineageAndSameAuthority) {
  auto west = redress::authority_lineage("West Northamptonshire Council");
  EXPECT_EQ(west, (std::vector<std::string>{"West Northamptonshire", "Northamptonshire"}));
  auto bcp = redress::authority_lineage("BCP Council");
  for (const char* name : {"Bournemouth", "Poole", "Christchurch", "Dorset"}) {
    EXPECT_NE(std::find(bcp.begin(), bcp.end(), name), bcp.end()) << name;
  }
  EXPECT_TRUE(redress::same_authority("Dorset County Council", "Dorset Council"));
  EXPECT_TRUE(redress::same_authority("Dudley MBC", "Dudley Metropolitan Borough Council"));
  EXPECT_TRUE(redress::same_authority("Northamptonshire County Council", "West Northamptonshire Council"));
  EXPECT_TRUE(redress::same_authority("West Northamptonshire Council", "Northamptonshire County Council"));
  EXPECT_FALSE(redress::same_authority("North Northamptonshire Council", "West Northamptonshire Council"));
  EXPECT_FALSE(redress::same_authority("Somerset County Council", "North Somerset Council"));
  EXPECT_FALSE(redress::same_authority("Dudley MBC", "Dorset Council"));
}

}  // namespace

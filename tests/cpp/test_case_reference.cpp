#include <gtest/gtest.h>

#include <string>

#include "redress/complaint.hpp"
#include "redress/error.hpp"

namespace {

using redress::CaseReference;

TEST(CaseReference, AcceptsTheThreeSpellings) {
  // CASE_FORMAT.md: 21002722 and 21-002-722 are accepted and written back canonical.
  for (const char* text : {"21 002 722", "21002722", "21-002-722", " 21 002 722\t"}) {
    CaseReference r(text);
    EXPECT_EQ(r.str(), "21 002 722") << text;
    EXPECT_EQ(r.digits(), "21002722");
    EXPECT_EQ(r.number(), 21002722U);
  }
}

TEST(CaseReference, YearIsWhenTheOmbudsmanReceivedIt) {
  // domain/remedies.md §4: the first two digits are the year of receipt (21 002 722 arrived in 2021).
  EXPECT_EQ(CaseReference("21 002 722").year(), 2021);
  EXPECT_EQ(CaseReference("17 016 386").year(), 2017);  // Dudley, seed 002
  EXPECT_EQ(CaseReference("18 016 599").year(), 2018);  // Dorset County Council, seeds 001/004
  EXPECT_EQ(CaseReference("05 000 001").year(), 2005);
  EXPECT_EQ(CaseReference("21 002 722").serial(), 2722U);
}

TEST(CaseReference, LeadingZerosSurvive) {
  CaseReference r("05-000-001");
  EXPECT_EQ(r.str(), "05 000 001");
  EXPECT_EQ(r.digits(), "05000001");
}

TEST(CaseReference, RejectsOtherShapesNamingTheValue) {
  for (const char* bad : {"21 002 72", "", "2100272", "210027222", "21 002-722", "21/002/722", "21 0027 22",
                          "2I 002 722", "ab cde fgh", "21  002 722", "21_002_722"}) {
    try {
      CaseReference r(bad);
      ADD_FAILURE() << "accepted '" << bad << "' as " << r.str();
    } catch (const redress::InvalidInput& e) {
      EXPECT_EQ(e.value(), bad);
      EXPECT_NE(std::string(e.what()).find(std::string("'") + bad + "'"), std::string::npos);
    }
  }
}

TEST(CaseReference, OrdersAndComparesByNumber) {
  EXPECT_EQ(CaseReference("21002722"), CaseReference("21 002 722"));
  EXPECT_LT(CaseReference("17 016 386"), CaseReference("21 002 722"));
  EXPECT_NE(CaseReference("17 016 386"), CaseReference("18 016 599"));
}

}  // namespace

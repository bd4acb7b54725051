#include <gtest/gtest.h>

#include <string>

#include "redress/error.hpp"

namespace {

TEST(Error, MessageNamesFieldValueAndRule) {
  redress::InvalidInput e("remedy.lost_provision[2].to", "2020-13-01", "is not a date");
  EXPECT_EQ(std::string(e.what()), "remedy.lost_provision[2].to: '2020-13-01' is not a date");
  EXPECT_EQ(e.field(), "remedy.lost_provision[2].to");
  EXPECT_EQ(e.value(), "2020-13-01");
  EXPECT_EQ(e.rule(), "is not a date");
}

TEST(Error, EveryKindIsCaughtAsTheBase) {
  auto kinds = {0, 1, 2};
  for (int kind : kinds) {
    try {
      if (kind == 0) throw redress::InvalidInput("f", "v", "r");
      if (kind == 1) throw redress::NotComputable("f", "v", "r");
      throw redress::OutOfRange("f", "v", "r");
    } catch (const redress::Error& e) {
      EXPECT_EQ(e.field(), "f");
      continue;
    }
    ADD_FAILURE() << "kind " << kind << " was not caught as redress::Error";
  }
}

}  // namespace

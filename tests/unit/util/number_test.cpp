#include "util/number.hpp"

#include <gtest/gtest.h>

namespace flocker {
namespace {

TEST(ParseNumber, TakesOnlyTheWholeTextAsADecimalNumber) {
  EXPECT_EQ(parse_number<int>("8080"), 8080);
  EXPECT_EQ(parse_number<int>("-5"), -5);
  EXPECT_EQ(parse_number<unsigned>("-5"), std::nullopt);
  EXPECT_EQ(parse_number<int>(""), std::nullopt);
  EXPECT_EQ(parse_number<int>("80x"), std::nullopt);
  EXPECT_EQ(parse_number<int>(" 80"), std::nullopt);
  EXPECT_EQ(parse_number<int>("99999999999"), std::nullopt);
  EXPECT_EQ(parse_number<unsigned long long>("18446744073709551615"), 18446744073709551615ull);
}

TEST(ParseLeadingNumber, ReturnsTheNumberAndWhatFollows) {
  auto count = parse_leading_number<unsigned long long>("123 bytes copied");
  ASSERT_TRUE(count);
  EXPECT_EQ(count->value, 123u);
  EXPECT_EQ(count->rest, " bytes copied");
  EXPECT_EQ(parse_leading_number<int>("bytes"), std::nullopt);
}

}  // namespace
}  // namespace flocker

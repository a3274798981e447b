#include "util/duration.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace flocker {
namespace {

TEST(ParseDuration, ANumberWithAUnitOrABareNumberOfSeconds) {
  EXPECT_EQ(parse_duration("30s"), 30);
  EXPECT_EQ(parse_duration("5m"), 300);
  EXPECT_EQ(parse_duration("2h"), 7200);
  EXPECT_EQ(parse_duration("1d"), 86400);
  EXPECT_EQ(parse_duration("90"), 90);
  EXPECT_EQ(parse_duration("0s"), 0);
  EXPECT_EQ(parse_duration("0"), 0);
  EXPECT_EQ(parse_duration("007m"), 420);
}

TEST(ParseDuration, UnitsCombineFromTheLargestDown) {
  EXPECT_EQ(parse_duration("1h30m"), 5400);
  EXPECT_EQ(parse_duration("1d2h3m4s"), 93784);
  EXPECT_EQ(parse_duration("1d30s"), 86430);
  EXPECT_EQ(parse_duration("90m"), 5400);
  EXPECT_EQ(parse_duration("30m1h"), std::nullopt);
  EXPECT_EQ(parse_duration("1m1m"), std::nullopt);
  EXPECT_EQ(parse_duration("1h30"), std::nullopt);  // 30 what?
}

TEST(ParseDuration, RefusesAnythingElse) {
  for (const char* text :
       {"", "m", "5x", "-1m", "+1m", "1.5h", "5M", "5 m", " 5m", "5m ", "1w", "s30", "1hm"})
    EXPECT_EQ(parse_duration(text), std::nullopt) << '"' << text << '"';
}

TEST(ParseDuration, RefusesATotalBeyondALongLong) {
  EXPECT_EQ(parse_duration("9223372036854775807"), std::numeric_limits<long long>::max());
  EXPECT_EQ(parse_duration("9223372036854775808"), std::nullopt);
  EXPECT_EQ(parse_duration("106751991167301d"), std::nullopt);
  EXPECT_EQ(parse_duration("106751991167300d86400s"), std::nullopt);
}

TEST(FormatDuration, TheShortestExactForm) {
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(45), "45s");
  EXPECT_EQ(format_duration(432), "7m12s");
  EXPECT_EQ(format_duration(300), "5m");
  EXPECT_EQ(format_duration(7200), "2h");
  EXPECT_EQ(format_duration(86400), "1d");
  EXPECT_EQ(format_duration(97200), "1d3h");
  EXPECT_EQ(format_duration(93784), "1d2h3m4s");
  EXPECT_EQ(format_duration(30 * 86400), "30d");
  EXPECT_EQ(format_duration(-90), "-1m30s");
  EXPECT_EQ(format_duration(std::numeric_limits<long long>::min()), "-106751991167300d15h30m8s");
}

TEST(FormatDuration, ParsesBackToTheSameSeconds) {
  for (long long seconds :
       {0LL, 1LL, 59LL, 60LL, 61LL, 3599LL, 3600LL, 86399LL, 86400LL, 2592000LL, 123456789LL})
    EXPECT_EQ(parse_duration(format_duration(seconds)), seconds) << seconds;
}

}  // namespace
}  // namespace flocker

#include "util/clock.hpp"

#include <gtest/gtest.h>

#include "support/fake_clock.hpp"

namespace flocker {
namespace {

using namespace std::chrono_literals;

TEST(FakeClock, TimeMovesOnlyWhenSleptOrAdvanced) {
  testing::FakeClock clock;
  const auto start = clock.now();
  EXPECT_EQ(clock.now(), start);
  clock.sleep_for(250ms);
  clock.advance(1s);
  EXPECT_EQ(clock.now() - start, 1250ms);
  EXPECT_DOUBLE_EQ(clock.seconds_since(start), 1.25);
  ASSERT_EQ(clock.sleeps().size(), 1u);
  EXPECT_EQ(clock.sleeps()[0], 250ms);
  EXPECT_EQ(clock.wall_now() - clock.wall_start, 1250ms);
}

TEST(SystemClock, KnowsWhoAndWhereItIs) {
  Clock& clock = system_clock();
  EXPECT_GT(clock.pid(), 0);
  EXPECT_FALSE(clock.host_name().empty());
  const auto before = clock.now();
  clock.sleep_for(1ms);
  EXPECT_GE(clock.now() - before, 1ms);
}

}  // namespace
}  // namespace flocker

#include "plan/stream_stages.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

using ::testing::HasSubstr;

const std::string kA = "node1", kB = "node2";
const NodeTools kAll{.zstd = true, .lz4 = true, .mbuffer = true, .dd_progress = true};
const NodeTools kNone{};

Result<StreamStages> choose(const TransferSettings& settings, const NodeTools& a, const NodeTools& b,
                            bool compressed_send = false) {
  return choose_stream_stages(
      settings,
      {.source_node = kA, .source = a, .target_node = kB, .target = b, .compressed_send = compressed_send});
}

TEST(StreamStages, AutoTakesZstdWhenBothEndsHaveIt) {
  auto stages = choose({}, kAll, kAll);
  ASSERT_TRUE(stages);
  EXPECT_EQ(stages->compression, StreamCompression::Zstd);
  EXPECT_TRUE(stages->buffer);
  EXPECT_TRUE(stages->count);
}

TEST(StreamStages, AutoFallsBackToLz4ThenToNothing) {
  NodeTools lz4_only{.lz4 = true};
  EXPECT_EQ(choose({}, kAll, lz4_only)->compression, StreamCompression::Lz4);
  EXPECT_EQ(choose({}, lz4_only, NodeTools{.zstd = true})->compression, StreamCompression::None);
}

TEST(StreamStages, ABandwidthLimitNeedsMbufferOnTheSource) {
  TransferSettings limited{.bandwidth = 50'000'000};
  auto stages = choose(limited, kAll, kNone);
  ASSERT_TRUE(stages);
  EXPECT_EQ(stages->rate_limit, 50'000'000u);
  EXPECT_FALSE(stages->buffer);  // the target has no mbuffer: limited, not buffered
  auto refused = choose(limited, kNone, kAll);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("transfer.bandwidth needs mbuffer on node1"));
}

TEST(StreamStages, AutoLeavesStreamsThatOpenZfsSendsCompressedAlone) {
  EXPECT_EQ(choose({}, kAll, kAll, true)->compression, StreamCompression::None);
}

TEST(StreamStages, AnExplicitChoiceIsHonouredOrRefusedNamingTheNode) {
  TransferSettings lz4{.compression = CompressionChoice::Lz4};
  EXPECT_EQ(choose(lz4, kAll, kAll, true)->compression, StreamCompression::Lz4);
  TransferSettings zstd{.compression = CompressionChoice::Zstd};
  auto refused = choose(zstd, kAll, NodeTools{.lz4 = true});
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("node node2 has no working `zstd`"));
  EXPECT_THAT(refused.error().hint, HasSubstr("apt-get install zstd"));
}

TEST(StreamStages, OffMeansOff) {
  auto stages = choose({.compression = CompressionChoice::Off, .buffer = false}, kAll, kAll);
  EXPECT_EQ(stages->compression, StreamCompression::None);
  EXPECT_FALSE(stages->buffer);
}

TEST(StreamStages, TheBufferNeedsMbufferOnBothEnds) {
  EXPECT_FALSE(choose({}, kAll, NodeTools{.zstd = true})->buffer);
}

TEST(StreamStages, TheCounterRunsWhereFlockerCannotCountTheStreamItself) {
  EXPECT_TRUE(choose({}, kAll, kNone)->count);  // direct: the stream never passes flocker
  EXPECT_FALSE(choose({.mode = Transport::Relay}, kAll, kNone)->count);  // relayed as sent: flocker counts
  EXPECT_TRUE(choose({.mode = Transport::Relay}, kAll, kAll)->count);    // relayed compressed
  EXPECT_FALSE(choose({}, NodeTools{.zstd = true}, kAll)->count);        // no GNU dd on the source
}

}  // namespace
}  // namespace flocker

#include "util/text.hpp"

#include <gtest/gtest.h>

#include "util/size.hpp"
#include "util/table.hpp"

namespace flocker {
namespace {

TEST(Text, SplitLinesDropsTheLastNewlineOnly) {
  auto lines = split_lines("a\n\nb\r\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2], "b");
}

TEST(Text, ClosestMatchFindsTyposOnly) {
  EXPECT_EQ(closest_match("imgae", {"image", "command", "volumes"}), "image");
  EXPECT_EQ(closest_match("volume", {"image", "command", "volumes"}), "volumes");
  EXPECT_EQ(closest_match("database", {"image", "command", "volumes"}), std::nullopt);
}

TEST(Text, HumanBytes) {
  EXPECT_EQ(human_bytes(512), "512 B");
  EXPECT_EQ(human_bytes(1536), "1.5 KiB");
  EXPECT_EQ(human_bytes(200ull * 1024 * 1024), "200.0 MiB");
}

TEST(Table, AlignsColumnsAndTrimsTheLast) {
  EXPECT_EQ(render_table({{"NAME", "STATE"}, {"a-long-name", "ok"}, {"b", ""}}),
            "NAME         STATE\n"
            "a-long-name  ok\n"
            "b\n");
}

}  // namespace
}  // namespace flocker

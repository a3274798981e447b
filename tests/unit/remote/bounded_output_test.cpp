#include "remote/bounded_output.hpp"

#include <gtest/gtest.h>

namespace flocker {
namespace {

TEST(BoundedOutput, KeepsEverythingWithinItsLimit) {
  BoundedOutput out(16);
  out.append("01234567");
  out.append("89abcdef");
  EXPECT_FALSE(out.overflowed());
  EXPECT_EQ(out.take("stderr"), "0123456789abcdef");
}

TEST(BoundedOutput, KeepsTheStartAndTheEndAndSaysHowMuchWasDropped) {
  // A long transfer's stderr: a first line, much progress, the cause at the end.
  BoundedOutput out(16);
  out.append("zfs:");
  for (int i = 0; i < 100000; ++i) out.append("progress\r");
  out.append("\nno space");
  EXPECT_EQ(out.kept() + out.dropped(), 4u + 900000u + 9u);
  EXPECT_LE(out.kept(), 4u + 2 * 12u);  // the tail is trimmed in batches
  EXPECT_EQ(out.take("stderr"),
            "zfs:\n[flocker dropped 899997 bytes the node printed on stderr here]\nss\r\nno space");
}

}  // namespace
}  // namespace flocker

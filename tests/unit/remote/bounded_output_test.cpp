#include "remote/bounded_output.hpp"

#include <gtest/gtest.h>

namespace flocker {
namespace {

TEST(BoundedOutput, KeepsEverythingWithinItsLimit) {
  BoundedOutput out(10);
  out.append("01234");
  out.append("56789");
  EXPECT_FALSE(out.overflowed());
  EXPECT_EQ(out.take("stderr"), "0123456789");
}

TEST(BoundedOutput, KeepsTheFirstBytesAndSaysHowManyWereDropped) {
  BoundedOutput out(8);
  out.append("cannot ");
  out.append("receive: and then a node that never stops");
  for (int i = 0; i < 1000; ++i) out.append(std::string(1000, 'y'));
  EXPECT_TRUE(out.overflowed());
  EXPECT_EQ(out.kept(), 8u);
  EXPECT_EQ(out.dropped(), 7u + 41u + 1000u * 1000u - 8u);
  EXPECT_EQ(
      out.take("stderr"),
      "cannot r\n[flocker kept the first 8 bytes the node printed on stderr; 1000040 more were dropped]\n");
}

}  // namespace
}  // namespace flocker

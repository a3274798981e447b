#include <gtest/gtest.h>

#include "util/text.hpp"

namespace flocker {
namespace {

TEST(Printable, TerminalControlsAreShownEscaped) {
  EXPECT_EQ(printable("web\x1b[2J\x1b]0;owned\x07"), "web\\x1b[2J\\x1b]0;owned\\x07");
  EXPECT_EQ(printable("a\x7f"
                      "b"),
            "a\\x7fb");
  EXPECT_EQ(printable("\xc2\x9b"
                      "31m"),
            "\\u009b31m");  // C1 CSI, as UTF-8
  EXPECT_EQ(printable("\x9b"
                      "31m"),
            "\\x9b31m");  // a bare 8-bit CSI: not UTF-8
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x90\xb3"),
            "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x90\xb3");
  EXPECT_EQ(printable("two\nlines\t!"), "two\nlines\t!");
  EXPECT_EQ(printable("two\nlines", true), "two\\x0alines");
  EXPECT_EQ(printable("\xe0\x80\xaf"), "\\xe0\\x80\\xaf");  // overlong
}

}  // namespace
}  // namespace flocker

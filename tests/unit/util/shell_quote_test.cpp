#include "util/shell_quote.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>

#include "util/text.hpp"

namespace flocker {
namespace {

// What a real POSIX shell makes of a quoted line: each word NUL-terminated.
Argv words_seen_by_shell(const std::string& line) {
  std::string script = "printf '%s\\0' " + line;
  std::string quoted_script = quote_arg(script);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("/bin/sh -c " + quoted_script).c_str(), "r"), pclose);
  std::string output;
  std::array<char, 4096> buffer{};
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) output.append(buffer.data(), n);
  Argv words;
  for (auto word : split(output, '\0')) words.emplace_back(word);
  words.pop_back();  // after the last NUL
  return words;
}

TEST(ShellQuote, PlainWordsStayReadable) {
  EXPECT_EQ(quote_argv({"zfs", "create", "-o", "tank/flocker/web.data"}),
            "zfs create -o tank/flocker/web.data");
  EXPECT_EQ(quote_arg("snap@flocker-1"), "snap@flocker-1");
}

TEST(ShellQuote, EverythingElseIsSingleQuoted) {
  EXPECT_EQ(quote_arg(""), "''");
  EXPECT_EQ(quote_arg("a b"), "'a b'");
  EXPECT_EQ(quote_arg("it's"), "'it'\\''s'");
  EXPECT_EQ(quote_arg("A=1"), "'A=1'");  // as a first word it would be an assignment
  EXPECT_EQ(quote_arg("~root"), "'~root'");
}

TEST(ShellQuote, HostileValuesReachTheCommandUnchanged) {
  const Argv hostile = {"docker",    "run",
                        "--env",     "X=$(touch /tmp/flocker-pwned)",
                        "`id`",      "a;b",
                        "c|d",       "e&f",
                        "new\nline", "tab\there",
                        "'",         "\"",
                        "\\",        "$HOME",
                        "*",         "?",
                        "[a]",       "{a,b}",
                        "#x",        "~",
                        "!",         "> /etc/passwd",
                        "",          "  ",
                        "é ü",       "%s",
                        "-"};
  EXPECT_EQ(words_seen_by_shell(quote_argv(hostile)), hostile);
}

TEST(ShellQuote, EveryByteRoundTrips) {
  std::string all;
  for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
  EXPECT_EQ(words_seen_by_shell(quote_argv({"x", all})), (Argv{"x", all}));
}

}  // namespace
}  // namespace flocker

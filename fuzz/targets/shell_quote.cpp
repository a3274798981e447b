// quote_arg and quote_argv (src/util/shell_quote), checked by reading their
// output back as a POSIX shell splits words: every argument comes back
// unchanged, as one word, and nothing outside quotes is a character a shell
// treats specially. The input is an argv: arguments separated by NUL bytes
// (an argument itself cannot hold one).
#include "util/shell_quote.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
}

// The words of line as sh splits them, for what quote_arg writes: plain
// characters, '…' strings and backslash-escaped characters (the \' of
// 'it'\''s'), words separated by single spaces. Anything else (an unquoted $,
// `, ", ;, newline, glob or redirection character, an unterminated quote) is
// nullopt: a shell would not read it literally.
std::optional<flocker::Argv> split_words(std::string_view line) {
  flocker::Argv words;
  std::string word;
  bool in_word = false;
  for (size_t at = 0; at < line.size(); ++at) {
    const char c = line[at];
    if (c == ' ') {
      if (!in_word) return std::nullopt;  // quote_argv separates by exactly one space
      words.push_back(word);
      word.clear();
      in_word = false;
    } else if (c == '\'') {
      const auto close = line.find('\'', at + 1);
      if (close == std::string_view::npos) return std::nullopt;
      word += line.substr(at + 1, close - at - 1);
      at = close;
      in_word = true;
    } else if (c == '\\' && at + 1 < line.size() && line[at + 1] != '\n') {
      word += line[++at];  // outside quotes, a backslash makes the next character literal
      in_word = true;
    } else if (plain(c)) {
      word += c;
      in_word = true;
    } else {
      return std::nullopt;
    }
  }
  if (!in_word) return std::nullopt;
  words.push_back(word);
  return words;
}

[[noreturn]] void mismatch(const char* what, std::string_view line) {
  std::fprintf(stderr, "shell_quote: %s: %.*s\n", what, static_cast<int>(line.size()), line.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  flocker::Argv argv;
  size_t start = 0;
  for (size_t end; (end = text.find('\0', start)) != std::string_view::npos; start = end + 1)
    argv.emplace_back(text.substr(start, end - start));
  argv.emplace_back(text.substr(start));

  const auto one = flocker::quote_arg(argv[0]);
  const auto one_back = split_words(one);
  if (!one_back || one_back->size() != 1 || (*one_back)[0] != argv[0])
    mismatch("quote_arg does not round-trip", one);
  const auto line = flocker::quote_argv(argv);
  const auto back = split_words(line);
  if (!back || *back != argv) mismatch("quote_argv does not round-trip", line);
  return 0;
}

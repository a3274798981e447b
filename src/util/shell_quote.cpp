#include "util/shell_quote.hpp"

namespace flocker {

namespace {

bool is_plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '/' || c == ':' || c == '@' || c == '%' || c == '+' || c == ',';
}

}  // namespace

std::string quote_arg(std::string_view arg) {
  bool plain = !arg.empty();
  for (char c : arg) plain = plain && is_plain(c);
  // '=' is not plain: as the first word it would make an assignment, not a command.
  if (plain) return std::string(arg);
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  quoted += '\'';
  return quoted;
}

std::string quote_argv(const Argv& argv) {
  std::string line;
  for (const auto& arg : argv) {
    if (!line.empty()) line += ' ';
    line += quote_arg(arg);
  }
  return line;
}

}  // namespace flocker

#include "support/command_lines.hpp"

namespace flocker::testing {

std::vector<std::string> lines(const FakeHost& host) {
  std::vector<std::string> result;
  for (const auto& argv : host.commands) {
    std::string line;
    for (const auto& word : argv) line += (line.empty() ? "" : " ") + word;
    result.push_back(line);
  }
  return result;
}

size_t index_of(const std::vector<std::string>& commands, const std::string& prefix) {
  for (size_t i = 0; i < commands.size(); ++i)
    if (commands[i].starts_with(prefix)) return i;
  return commands.size();
}

}  // namespace flocker::testing

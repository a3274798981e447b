#include "state/node_tools.hpp"

#include "util/number.hpp"
#include "util/text.hpp"

namespace flocker {

Argv node_tools_probe() {
  // Each is run rather than looked up: a tool that is on the PATH but broken
  // would cut every transfer through it.
  return {"sh", "-c",
          "for t in zstd lz4 mbuffer; do \"$t\" -V >/dev/null 2>&1 && echo \"$t\"; done; "
          "LC_ALL=C dd if=/dev/null of=/dev/null status=progress >/dev/null 2>&1 && echo dd-progress; "
          "echo \"clock $(date +%s)\"; true"};
}

long long parse_node_clock(std::string_view out) {
  for (auto line : split_lines(out)) {
    line = trim(line);
    if (!line.starts_with("clock ")) continue;
    // A clock before 2001 or past 2286 is not one to measure lag with.
    auto seconds = parse_number<long long>(line.substr(6));
    if (seconds && *seconds > 1'000'000'000 && *seconds < 10'000'000'000) return *seconds;
  }
  return 0;
}

NodeTools parse_node_tools(std::string_view out) {
  NodeTools tools;
  for (auto line : split_lines(out)) {
    line = trim(line);
    if (line == "zstd")
      tools.zstd = true;
    else if (line == "lz4")
      tools.lz4 = true;
    else if (line == "mbuffer")
      tools.mbuffer = true;
    else if (line == "dd-progress")
      tools.dd_progress = true;
  }
  return tools;
}

}  // namespace flocker

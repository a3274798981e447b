#include "state/node_tools.hpp"

#include "util/text.hpp"

namespace flocker {

Argv node_tools_probe() {
  // Each is run rather than looked up: a tool that is on the PATH but broken
  // would cut every transfer through it.
  return {"sh", "-c",
          "for t in zstd lz4 mbuffer; do \"$t\" -V >/dev/null 2>&1 && echo \"$t\"; done; "
          "LC_ALL=C dd if=/dev/null of=/dev/null status=progress >/dev/null 2>&1 && echo dd-progress; true"};
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

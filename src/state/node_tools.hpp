#pragma once
// Which optional stream tools a node has (zstd, lz4, mbuffer, GNU dd): one
// command that runs each and prints the names of those that work.
#include <string_view>

#include "state/model.hpp"
#include "util/shell_quote.hpp"

namespace flocker {

Argv node_tools_probe();
NodeTools parse_node_tools(std::string_view out);

}  // namespace flocker

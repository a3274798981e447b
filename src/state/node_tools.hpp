#pragma once
// Which optional stream tools a node has (zstd, lz4, mbuffer, GNU dd): one
// command that runs each and prints the names of those that work, and the
// node's clock (`clock <epoch seconds>`), which a replica's lag is measured on.
#include <string_view>

#include "state/model.hpp"
#include "util/shell_quote.hpp"

namespace flocker {

Argv node_tools_probe();
NodeTools parse_node_tools(std::string_view out);
// The node's clock, seconds since the epoch; 0 when the probe did not say.
long long parse_node_clock(std::string_view out);

}  // namespace flocker

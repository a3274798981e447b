#pragma once
// The parts of a node's state that a plan depends on, as canonical text: a
// saved plan records them, and `apply FILE` refuses to run when they changed.
#include <string>
#include <vector>

#include "state/model.hpp"

namespace flocker {

// One sorted line per dataset, snapshot and container: names, flocker's
// properties, guids, container ids, states and configuration hashes. Sizes, the
// lock and whether the root exists are left out: they change without making
// a plan wrong (the apply's own lock creates the root).
std::vector<std::string> state_lines(const NodeState& node);

std::string state_digest(const std::vector<std::string>& lines);

// What differs between two line sets: "- old line" and "+ new line", at most
// limit lines (then "… and N more").
std::vector<std::string> line_changes(const std::vector<std::string>& before,
                                      const std::vector<std::string>& after, size_t limit = 10);

}  // namespace flocker

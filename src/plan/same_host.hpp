#pragma once
// Two node names of one manifest that reach the same machine (the same SSH
// host key) would let flocker count one pool twice: a copy seen as both live
// and standby, a move onto itself. The manifest reader checks same host:port;
// this checks what only observation knows. Pure.
#include <string>
#include <vector>

#include "state/model.hpp"

namespace flocker {

// One entry per host key that more than one node answered with (empty: none).
std::vector<std::string> same_host_blockers(const Observed& observed);

}  // namespace flocker

#pragma once
// The environment variables a resolved link gives the linking container, as
// Docker's links did (and Flocker 0.x after them), pointing at the node that
// runs the target:
//   DB_PORT_5432_TCP=tcp://10.0.0.2:15432   DB_PORT_5432_TCP_ADDR=10.0.0.2
//   DB_PORT_5432_TCP_PORT=15432             DB_PORT_5432_TCP_PROTO=tcp
#include <map>
#include <string>

#include "manifest/model.hpp"

namespace flocker {

// REQUIRES: the link was resolved (protocol and address set).
std::map<std::string, std::string> link_environment(const LinkSpec& link);

}  // namespace flocker

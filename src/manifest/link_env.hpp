#pragma once
// The environment variables an application's resolved links give its
// container, as Docker's links did (and Flocker 0.x after them), pointing at
// the address where the target's node publishes the port:
//   DB_PORT_5432_TCP=tcp://10.0.0.2:15432   DB_PORT_5432_TCP_ADDR=10.0.0.2
//   DB_PORT_5432_TCP_PORT=15432             DB_PORT_5432_TCP_PROTO=tcp
//   DB_PORT=tcp://10.0.0.2:15432   (the alias's first port, as Docker chooses it)
// The alias is upper-cased with '-' as '_'.
#include <map>
#include <string>
#include <vector>

#include "manifest/model.hpp"

namespace flocker {

// Every variable of the resolved links (protocol and address set; others are
// left out): each link's four, and per alias <ALIAS>_PORT with the URL of its
// first port. Docker's first port: tcp before other protocols, then the
// lowest number; here the number is local_port, the one the variables name.
std::map<std::string, std::string> link_environment(const std::vector<LinkSpec>& links);

// The variables links[index] alone sets: its four, and <ALIAS>_PORT when it
// is its alias's first port. For telling which link a clashing name comes from.
std::map<std::string, std::string> link_variables(const std::vector<LinkSpec>& links, size_t index);

// "DB_PORT" for alias "db": the one variable that an application's own
// environment may set too, and then wins (as with Docker's `-e` and links),
// since many images read DB_PORT as a setting of their own.
std::string alias_port_variable(const LinkSpec& link);

}  // namespace flocker

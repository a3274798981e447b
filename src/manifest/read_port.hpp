#pragma once
// The one reader of published ports, for native and Flocker 0.x files
// ({internal, external, protocol?, host_ip?}) and compose files (the long
// form {target, published, protocol?, host_ip?, mode?} and the short
// "[IP:]PUBLISHED:TARGET[/PROTOCOL]").
#include <yaml-cpp/yaml.h>

#include <string>

#include "manifest/model.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

// How one format names the two numbers of a port mapping.
struct PortKeys {
  const char* internal;        // "internal" / "target"
  const char* external;        // "external" / "published"
  const char* needs_internal;  // the error's tail when internal is missing
  const char* needs_external;
  bool compose;  // `mode` is accepted (Swarm's), and an incomplete port is not kept
};

extern const PortKeys kNativePortKeys;
extern const PortKeys kComposePortKeys;

// One port written as a mapping; `what` is "a port of application \"web\"".
void read_port_mapping(YamlReader& reader, const YAML::Node& item, const std::string& what,
                       const PortKeys& keys, AppSpec& app);

// One compose port written as text: "8080:80", "127.0.0.1:8080:80/udp", "[::1]:8080:80".
void read_port_text(YamlReader& reader, const YAML::Node& item, AppSpec& app);

}  // namespace flocker

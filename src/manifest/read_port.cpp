#include "manifest/read_port.hpp"

#include <fmt/format.h>

#include "manifest/app_fields.hpp"
#include "manifest/field_table.hpp"
#include "util/number.hpp"
#include "util/text.hpp"

namespace flocker {

const PortKeys kNativePortKeys = {"internal", "external", "(the port inside the container)",
                                  "(the port published on the node)", false};
const PortKeys kComposePortKeys = {"target", "published", "(the port inside the container)",
                                   ": flocker publishes every port on the node", true};

namespace {

std::optional<std::string> read_protocol(YamlReader& reader, const YAML::Node& value,
                                         const std::string& what) {
  auto protocol = reader.string_value(value, what);
  if (protocol && *protocol != "tcp" && *protocol != "udp") {
    reader.error(value, fmt::format("{} must be tcp or udp, not \"{}\"", what, *protocol));
    return std::nullopt;
  }
  return protocol;
}

std::optional<std::string> read_host_ip(YamlReader& reader, const YAML::Node& value,
                                        const std::string& what) {
  auto ip = reader.string_value(value, what);
  if (ip && !is_ip_address(*ip)) {
    reader.error(value, fmt::format("{} must be an IP address, not \"{}\"", what, *ip));
    return std::nullopt;
  }
  return ip;
}

// "1" to "65535" → the number, else 0.
int port_number(std::string_view digits) {
  auto value = parse_number<int>(digits);
  return value && *value >= 1 && *value <= 65535 ? *value : 0;
}

}  // namespace

void read_port_mapping(YamlReader& reader, const YAML::Node& item, const std::string& what,
                       const PortKeys& keys, AppSpec& app) {
  PortSpec port{.where = reader.at(item)};
  bool has_internal = false, has_external = false;
  auto field_what = [&](std::string_view key) { return fmt::format("\"{}\" of {}", key, what); };
  FieldTable table{{
      {keys.internal,
       [&](const YAML::Node&, const YAML::Node& value) {
         has_internal = true;
         port.internal = reader.int_value(value, field_what(keys.internal), 1, 65535).value_or(0);
       }},
      {keys.external,
       [&](const YAML::Node&, const YAML::Node& value) {
         has_external = true;
         port.external = reader.int_value(value, field_what(keys.external), 1, 65535).value_or(0);
       }},
      {"protocol",
       [&](const YAML::Node&, const YAML::Node& value) {
         if (auto protocol = read_protocol(reader, value, field_what("protocol"))) port.protocol = *protocol;
       }},
      {"host_ip",
       [&](const YAML::Node&, const YAML::Node& value) {
         if (auto ip = read_host_ip(reader, value, field_what("host_ip"))) port.host_ip = *ip;
       }},
  }};
  if (keys.compose)  // host or ingress: it matters only to Swarm
    table.fields.emplace_back("mode", [](const YAML::Node&, const YAML::Node&) {});
  read_fields(reader, item, what, table);
  if (!item.IsMap()) return;
  if (!has_internal)
    reader.error(item, fmt::format("{} needs `{}` {}", what, keys.internal, keys.needs_internal));
  if (!has_external)
    reader.error(item, fmt::format("{} needs `{}`{}{}", what, keys.external, keys.compose ? "" : " ",
                                   keys.needs_external));
  if (!keys.compose || (has_internal && has_external)) app.ports.push_back(port);
}

void read_port_text(YamlReader& reader, const YAML::Node& item, AppSpec& app) {
  auto text = reader.string_value(item, fmt::format("a port of service \"{}\"", app.name));
  if (!text) return;
  PortSpec port{.where = reader.at(item)};
  std::string spec = *text;
  const auto what = fmt::format("port \"{}\" of service \"{}\"", *text, app.name);
  if (auto slash = spec.rfind('/'); slash != std::string::npos) {
    port.protocol = spec.substr(slash + 1);
    spec.resize(slash);
    if (port.protocol != "tcp" && port.protocol != "udp")
      return reader.error(item, fmt::format("{}: the protocol must be tcp or udp", what));
  }
  std::string ip;
  if (spec.starts_with("[")) {  // [::1]:8080:80
    auto close = spec.find(']');
    if (close == std::string::npos || close + 1 >= spec.size() || spec[close + 1] != ':')
      return reader.error(item, fmt::format("{} is not [IP]:PUBLISHED:TARGET", what));
    ip = spec.substr(1, close - 1);
    spec = spec.substr(close + 2);
  }
  auto parts = split(spec, ':');
  if (ip.empty() && parts.size() == 3) {
    ip = std::string(parts[0]);
    parts.erase(parts.begin());
  }
  if (!ip.empty() && !is_ip_address(ip))
    return reader.error(item, fmt::format("{}: \"{}\" is not an IP address", what, ip));
  port.host_ip = ip;
  if (parts.size() == 1)
    return reader.error(item,
                        fmt::format("{} publishes on no fixed port: flocker publishes each port on the "
                                    "node where links can find it; write PUBLISHED:TARGET, e.g. \"8080:{}\"",
                                    what, *text));
  if (parts.size() != 2 || parts[0].find('-') != std::string_view::npos ||
      parts[1].find('-') != std::string_view::npos)
    return reader.error(
        item,
        fmt::format("{} is not [IP:]PUBLISHED:TARGET[/PROTOCOL] (port ranges are not supported)", what));
  port.external = port_number(parts[0]);
  port.internal = port_number(parts[1]);
  if (port.external == 0 || port.internal == 0)
    return reader.error(item, fmt::format("{}: ports are numbers from 1 to 65535", what));
  app.ports.push_back(port);
}

}  // namespace flocker

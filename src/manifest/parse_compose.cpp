#include "manifest/parse_compose.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "manifest/compose_keys.hpp"
#include "manifest/compose_reader.hpp"
#include "manifest/field_table.hpp"
#include "manifest/interpolate_compose.hpp"

namespace flocker {

void ComposeReader::services(const YAML::Node& node) {
  if (node.IsNull()) return;
  reader.for_each_entry(node, "services",
                        [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
                          service(name, key, value);
                        });
  expand_links();
}

// Compose links carry no ports: a link to a service means one Docker-style
// link per port it publishes.
void ComposeReader::expand_links() {
  std::map<std::string, AppSpec*> by_name;
  for (auto& app : part.applications) by_name.emplace(app.name, &app);
  for (const auto& link : pending_links) {
    AppSpec* app = by_name.at(link.app);
    auto found = by_name.find(link.target);
    if (found == by_name.end()) {
      reader.error(link.where,
                   fmt::format("service \"{}\" links to \"{}\", which is not a service of this file",
                               link.app, link.target));
      continue;
    }
    const AppSpec* target = found->second;
    if (target->ports.empty()) {
      reader.error(
          link.where,
          fmt::format("service \"{}\" links to \"{}\", which publishes no ports: links across nodes go "
                      "through published ports",
                      link.app, link.target));
      continue;
    }
    // A port published only on the node's loopback reaches no container.
    const auto reachable = std::ranges::count_if(
        target->ports, [](const PortSpec& port) { return !is_loopback_address(port.host_ip); });
    if (reachable == 0) {
      reader.error(link.where,
                   fmt::format("service \"{}\" links to \"{}\", which publishes its ports only on loopback "
                               "addresses, where no container reaches them: publish one without host_ip",
                               link.app, link.target));
      continue;
    }
    for (const auto& port : target->ports)
      if (!is_loopback_address(port.host_ip))
        app->links.push_back(LinkSpec{.alias = link.alias,
                                      .local_port = port.internal,
                                      .remote_port = port.external,
                                      .application = link.target,
                                      .protocol = port.protocol,
                                      .where = link.where});
  }
}

namespace {

void check_version(YamlReader& reader, const YAML::Node& value) {
  auto version = reader.string_value(value, "version");
  if (version && !(version->starts_with("2") || version->starts_with("3")))
    reader.error(value,
                 fmt::format("compose file version \"{}\" is not supported: flocker reads versions 2 and 3 "
                             "and the unversioned Compose Specification",
                             *version));
}

}  // namespace

void parse_compose(YamlReader& reader, const YAML::Node& root, const EnvLookup& env, ManifestPart& part) {
  interpolate_compose_file(reader, root, env);
  ComposeReader compose{reader, env, part};
  // The volumes first: services refer to them.
  if (root["volumes"]) compose.top_level_volumes(root["volumes"]);
  FieldTable table{{
      {"version", [&](const YAML::Node&, const YAML::Node& value) { check_version(reader, value); }},
      {"services", [&](const YAML::Node&, const YAML::Node& value) { compose.services(value); }},
  }};
  table.other = [&](const std::string& key, const YAML::Node& key_node, const YAML::Node&) {
    // volumes are read above; the project name means nothing here; extensions are for other tools
    if (key == "volumes" || key == "name" || key.starts_with("x-")) return;
    if (auto why = why_top_level_key_refused(key))
      reader.error(key_node, fmt::format("\"{}\" in the compose file is not supported: {}", key, *why));
    else
      reader.error(
          key_node,
          fmt::format("unknown key \"{}\" in the compose file (known: version, services, volumes, name)",
                      key));
  };
  read_fields(reader, root, "the compose file", table);
}

void parse_fig(YamlReader& reader, const YAML::Node& root, const EnvLookup& env, ManifestPart& part) {
  ComposeReader fig{reader, env, part, /*fig=*/true};
  fig.services(root);
}

}  // namespace flocker

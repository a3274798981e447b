#include "manifest/parse_flocker0.hpp"

#include <fmt/format.h>

#include "manifest/app_fields.hpp"
#include "manifest/field_table.hpp"
#include "manifest/names.hpp"

namespace flocker {

namespace {

void check_version(YamlReader& reader, const YAML::Node& root, std::string_view file_kind) {
  const auto version = root["version"];
  if (!version) {
    reader.error(SourceLocation{reader.file(), 1, 1},
                 fmt::format("a Flocker 0.x {} file needs `version: 1`", file_kind));
    return;
  }
  auto number = reader.int_value(version, "version", 0, 1000);
  if (number && *number != 1)
    reader.error(version,
                 fmt::format("Flocker 0.x {} file version {} is not supported: flocker reads version 1",
                             file_kind, *number));
}

// Flocker 0.x named an application's one volume after the application; here
// it is the volume "data", the dataset <root>/<app>.data.
VolumeSpec read_volume(AppFieldReader& fields, const YAML::Node& node) {
  YamlReader& reader = fields.reader;
  VolumeSpec volume{.name = "data", .where = reader.at(node)};
  const auto what = fmt::format("volume of application \"{}\"", fields.app);
  bool has_mountpoint = false;
  read_fields(reader, node, what,
              {{
                  {"mountpoint",
                   [&](const YAML::Node&, const YAML::Node& value) {
                     has_mountpoint = true;
                     auto path = reader.string_value(value, fmt::format("mountpoint of the {}", what));
                     if (!path) return;
                     volume.mountpoint = *path;
                     if (auto why = check_mountpoint(*path))
                       reader.error(
                           value, fmt::format("invalid mountpoint \"{}\" of the {}: {}", *path, what, *why));
                   }},
                  {"maximum_size",
                   [&](const YAML::Node&, const YAML::Node& value) {
                     volume.maximum_size = fields.size(value, fmt::format("maximum_size of the {}", what));
                   }},
              }});
  if (node.IsMap() && !has_mountpoint) reader.error(node, fmt::format("the {} needs a mountpoint", what));
  return volume;
}

AppSpec read_application(YamlReader& reader, const EnvLookup& env, const std::string& name,
                         const YAML::Node& key, const YAML::Node& value) {
  AppSpec app{.name = name, .where = reader.at(key)};
  if (auto why = check_app_name(name))
    reader.error(key, fmt::format("invalid application name \"{}\": {}", name, *why));
  AppFieldReader fields{reader, env, name};
  read_fields(reader, value, fmt::format("application \"{}\"", name),
              {{
                  {"image", fields.field("image", app)},
                  {"command_line", fields.field("command_line", app)},
                  {"environment", fields.field("environment", app)},
                  {"ports", fields.field("ports", app)},
                  {"links", fields.field("links", app)},
                  {"volume", [&](const YAML::Node&,
                                 const YAML::Node& v) { app.volumes.push_back(read_volume(fields, v)); }},
                  {"restart_policy", fields.field("restart_policy", app)},
                  {"mem_limit", fields.field("mem_limit", app)},
                  {"cpu_shares", fields.field("cpu_shares", app)},
              }});
  if (value.IsMap() && !fields.has_image)
    reader.error(key, fmt::format("application \"{}\" needs an image", name));
  return app;
}

// One entry of the deployment file's `nodes`: a host and the applications it runs.
void read_deployed_node(YamlReader& reader, const std::string& host, const YAML::Node& host_key,
                        const YAML::Node& apps, ManifestPart& part) {
  if (auto why = check_node_name(host))
    reader.error(host_key, fmt::format("invalid node address \"{}\": {}", host, *why));
  part.implicit_nodes.push_back(
      NodeSpec{.name = host, .host = host, .zfs_root = kFlocker0DefaultRoot, .where = reader.at(host_key)});
  part.deployment_nodes.emplace_back(host, reader.at(host_key));
  if (apps.IsNull()) return;
  if (!apps.IsSequence()) {
    reader.error(
        apps, fmt::format("the applications of node \"{}\" must be a list, found {}", host, yaml_kind(apps)));
    return;
  }
  for (const auto& app : apps)
    if (auto name = reader.string_value(app, fmt::format("each application of node \"{}\"", host)))
      part.deployment.push_back({host, *name, reader.at(host_key), reader.at(app)});
}

}  // namespace

void parse_flocker0_deployment(YamlReader& reader, const YAML::Node& root, ManifestPart& part) {
  check_version(reader, root, "deployment");
  read_fields(reader, root, "the Flocker 0.x deployment file",
              {{
                  {"version", [](const YAML::Node&, const YAML::Node&) {}},  // checked above
                  {"nodes",
                   [&](const YAML::Node&, const YAML::Node& value) {
                     reader.for_each_entry(
                         value, "nodes",
                         [&](const std::string& host, const YAML::Node& key, const YAML::Node& apps) {
                           read_deployed_node(reader, host, key, apps, part);
                         });
                   }},
              }});
}

void parse_flocker0_applications(YamlReader& reader, const YAML::Node& root, const EnvLookup& env,
                                 ManifestPart& part) {
  check_version(reader, root, "application");
  read_fields(reader, root, "the Flocker 0.x application file",
              {{
                  {"version", [](const YAML::Node&, const YAML::Node&) {}},  // checked above
                  {"applications",
                   [&](const YAML::Node&, const YAML::Node& value) {
                     if (value.IsNull()) return;
                     reader.for_each_entry(
                         value, "applications",
                         [&](const std::string& name, const YAML::Node& key, const YAML::Node& app) {
                           part.applications.push_back(read_application(reader, env, name, key, app));
                         });
                   }},
              }});
}

}  // namespace flocker

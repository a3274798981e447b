#include "manifest/parse_flocker0.hpp"

#include <fmt/format.h>

#include "manifest/app_fields.hpp"
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
  VolumeSpec volume{.name = "data", .where = fields.reader.at(node)};
  const auto what = fmt::format("volume of application \"{}\"", fields.app);
  bool has_mountpoint = false;
  fields.reader.for_each_entry(
      node, what,
      [&](const std::string& key, const YAML::Node&, const YAML::Node& value) {
        if (key == "mountpoint") {
          has_mountpoint = true;
          if (auto path = fields.reader.string_value(value, fmt::format("mountpoint of the {}", what))) {
            volume.mountpoint = *path;
            if (auto why = check_mountpoint(*path))
              fields.reader.error(value,
                                  fmt::format("invalid mountpoint \"{}\" of the {}: {}", *path, what, *why));
          }
        } else {
          volume.maximum_size = fields.size(value, fmt::format("maximum_size of the {}", what));
        }
      },
      {"mountpoint", "maximum_size"});
  if (node.IsMap() && !has_mountpoint)
    fields.reader.error(node, fmt::format("the {} needs a mountpoint", what));
  return volume;
}

AppSpec read_application(YamlReader& reader, const EnvLookup& env, const std::string& name,
                         const YAML::Node& key, const YAML::Node& value) {
  AppSpec app{.name = name, .where = reader.at(key)};
  if (auto why = check_app_name(name))
    reader.error(key, fmt::format("invalid application name \"{}\": {}", name, *why));
  AppFieldReader fields{reader, env, name};
  bool has_image = false;
  reader.for_each_entry(
      value, fmt::format("application \"{}\"", name),
      [&](const std::string& field, const YAML::Node&, const YAML::Node& field_value) {
        const auto field_what = fields.what(field);
        if (field == "image") {
          has_image = true;
          fields.image(field_value, field_what, app);
        } else if (field == "command_line") {
          app.command = reader.command_value(field_value, field_what).value_or(std::vector<std::string>{});
        } else if (field == "environment") {
          fields.environment(field_value, app);
        } else if (field == "ports") {
          fields.ports(field_value, app);
        } else if (field == "links") {
          fields.links(field_value, app);
        } else if (field == "volume") {
          app.volumes.push_back(read_volume(fields, field_value));
        } else if (field == "restart_policy") {
          app.restart = fields.restart_policy(field_value);
        } else if (field == "mem_limit") {
          app.mem_limit = fields.size(field_value, field_what);
        } else if (field == "cpu_shares") {
          app.cpu_shares = fields.cpu_shares(field_value);
        }
      },
      {"image", "command_line", "environment", "ports", "links", "volume", "restart_policy", "mem_limit",
       "cpu_shares"});
  if (value.IsMap() && !has_image) reader.error(key, fmt::format("application \"{}\" needs an image", name));
  return app;
}

}  // namespace

void parse_flocker0_deployment(YamlReader& reader, const YAML::Node& root, ManifestPart& part) {
  check_version(reader, root, "deployment");
  reader.for_each_entry(
      root, "the Flocker 0.x deployment file",
      [&](const std::string& key, const YAML::Node&, const YAML::Node& value) {
        if (key != "nodes") return;
        reader.for_each_entry(
            value, "nodes", [&](const std::string& host, const YAML::Node& host_key, const YAML::Node& apps) {
              if (auto why = check_node_name(host))
                reader.error(host_key, fmt::format("invalid node address \"{}\": {}", host, *why));
              part.implicit_nodes.push_back(NodeSpec{.name = host,
                                                     .host = host,
                                                     .zfs_root = kFlocker0DefaultRoot,
                                                     .where = reader.at(host_key)});
              part.deployment_nodes.emplace_back(host, reader.at(host_key));
              if (apps.IsNull()) return;
              if (!apps.IsSequence()) {
                reader.error(apps, fmt::format("the applications of node \"{}\" must be a list, found {}",
                                               host, yaml_kind(apps)));
                return;
              }
              for (const auto& app : apps)
                if (auto name =
                        reader.string_value(app, fmt::format("each application of node \"{}\"", host)))
                  part.deployment.push_back({host, *name, reader.at(host_key), reader.at(app)});
            });
      },
      {"version", "nodes"});
}

void parse_flocker0_applications(YamlReader& reader, const YAML::Node& root, const EnvLookup& env,
                                 ManifestPart& part) {
  check_version(reader, root, "application");
  reader.for_each_entry(
      root, "the Flocker 0.x application file",
      [&](const std::string& key, const YAML::Node&, const YAML::Node& value) {
        if (key != "applications" || value.IsNull()) return;
        reader.for_each_entry(
            value, "applications",
            [&](const std::string& name, const YAML::Node& app_key, const YAML::Node& app) {
              part.applications.push_back(read_application(reader, env, name, app_key, app));
            });
      },
      {"version", "applications"});
}

}  // namespace flocker

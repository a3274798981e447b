#include "manifest/parse_native.hpp"

#include <fmt/format.h>

#include "manifest/app_fields.hpp"
#include "manifest/names.hpp"
#include "manifest/parse_transfer.hpp"
#include "manifest/transfer_address.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

namespace {

constexpr int kSupportedVersion = 1;

void read_transfer_address(YamlReader& reader, const YAML::Node& value, const std::string& what,
                           NodeSpec& node) {
  auto text = reader.string_value(value, what);
  if (!text) return;
  if (auto address = parse_transfer_address(*text))
    node.transfer_address = *address;
  else
    reader.error(value, fmt::format("{} must be {}, not \"{}\"", what, address.error().message, *text));
}

NodeSpec read_node(YamlReader& reader, const std::string& name, const YAML::Node& key,
                   const YAML::Node& value) {
  NodeSpec node{.name = name, .host = name, .where = reader.at(key)};
  if (auto why = check_node_name(name))
    reader.error(key, fmt::format("invalid node name \"{}\": {}", name, *why));
  if (value.IsNull()) {
    reader.error(key, fmt::format("node \"{}\" needs at least a pool, e.g. `pool: tank`", name));
    return node;
  }
  const auto what = fmt::format("node \"{}\"", name);
  // yaml-cpp nodes are references: assigning to one rewrites the tree, so
  // value nodes are kept in optionals instead of being reassigned.
  std::optional<YAML::Node> pool_value, root_value;
  reader.for_each_entry(
      value, what,
      [&](const std::string& field, const YAML::Node&, const YAML::Node& field_value) {
        const auto field_what = fmt::format("\"{}\" of node \"{}\"", field, name);
        if (field == "host") {
          if (auto host = reader.string_value(field_value, field_what)) node.host = *host;
        } else if (field == "port") {
          node.port = reader.int_value(field_value, field_what, 1, 65535);
        } else if (field == "user") {
          node.user = reader.string_value(field_value, field_what);
        } else if (field == "address") {
          auto address = reader.string_value(field_value, field_what);
          if (address && (address->empty() || address->find_first_of(" /:\t") != std::string::npos))
            reader.error(field_value, fmt::format("{} must be a host name or IPv4 address, not \"{}\"",
                                                  field_what, *address));
          else if (address)
            node.address = *address;
        } else if (field == "transfer_address") {
          read_transfer_address(reader, field_value, field_what, node);
        } else if (field == "sudo") {
          node.sudo = reader.bool_value(field_value, field_what).value_or(false);
        } else if (field == "pool") {
          pool_value.emplace(field_value);
        } else if (field == "root") {
          root_value.emplace(field_value);
        }
      },
      {"host", "port", "user", "address", "transfer_address", "pool", "root", "sudo"});
  if (!value.IsMap()) return node;
  if (pool_value && root_value) {
    reader.error(*root_value, fmt::format("node \"{}\" has both pool and root: give one", name));
  } else if (pool_value) {
    auto pool = reader.string_value(*pool_value, fmt::format("\"pool\" of node \"{}\"", name));
    if (!pool) return node;
    if (pool->find('/') != std::string::npos)
      reader.error(
          *pool_value,
          fmt::format("pool \"{}\" of node \"{}\" contains '/': use `root: {}` for a dataset inside a pool",
                      *pool, name, *pool));
    else if (auto why = check_dataset_path(*pool))
      reader.error(*pool_value, fmt::format("invalid pool name \"{}\": {}", *pool, *why));
    node.zfs_root = *pool + "/flocker";
  } else if (root_value) {
    auto root = reader.string_value(*root_value, fmt::format("\"root\" of node \"{}\"", name));
    if (!root) return node;
    if (auto why = check_dataset_path(*root))
      reader.error(*root_value, fmt::format("invalid root dataset \"{}\": {}", *root, *why));
    node.zfs_root = *root;
  } else {
    reader.error(
        key, fmt::format("node \"{}\" needs a pool (`pool: tank`) or a root dataset (`root: tank/flocker`)",
                         name));
  }
  return node;
}

VolumeSpec read_volume(AppFieldReader& fields, const std::string& app, const std::string& name,
                       const YAML::Node& key, const YAML::Node& value) {
  YamlReader& reader = fields.reader;
  VolumeSpec volume{.name = name, .where = reader.at(key)};
  if (auto why = check_volume_name(name))
    reader.error(key, fmt::format("invalid volume name \"{}\" in application \"{}\": {}", name, app, *why));
  const auto what = fmt::format("mountpoint of volume \"{}\" in application \"{}\"", name, app);
  std::optional<YAML::Node> mountpoint_node;
  if (value.IsMap()) {
    reader.for_each_entry(
        value, fmt::format("volume \"{}\" of application \"{}\"", name, app),
        [&](const std::string& field, const YAML::Node&, const YAML::Node& field_value) {
          if (field == "mountpoint")
            mountpoint_node.emplace(field_value);
          else
            volume.maximum_size = fields.size(
                field_value, fmt::format("maximum_size of volume \"{}\" in application \"{}\"", name, app));
        },
        {"mountpoint", "maximum_size"});
    if (!mountpoint_node) {
      reader.error(key, fmt::format("volume \"{}\" of application \"{}\" needs a mountpoint", name, app));
      return volume;
    }
  } else {
    mountpoint_node.emplace(value);
  }
  if (auto path = reader.string_value(*mountpoint_node, what)) {
    volume.mountpoint = *path;
    if (auto why = check_mountpoint(*path))
      reader.error(*mountpoint_node, fmt::format("invalid {} \"{}\": {}", what, *path, *why));
  }
  return volume;
}

AppSpec read_application(YamlReader& reader, const EnvLookup& env, const std::string& name,
                         const YAML::Node& key, const YAML::Node& value) {
  AppSpec app{.name = name, .where = reader.at(key)};
  AppFieldReader fields{reader, env, name};
  if (auto why = check_app_name(name))
    reader.error(key, fmt::format("invalid application name \"{}\": {}", name, *why));
  bool has_image = false;
  reader.for_each_entry(
      value, fmt::format("application \"{}\"", name),
      [&](const std::string& field, const YAML::Node&, const YAML::Node& field_value) {
        const auto field_what = fmt::format("\"{}\" of application \"{}\"", field, name);
        if (field == "image") {
          has_image = true;
          fields.image(field_value, field_what, app);
        } else if (field == "command") {
          app.command = reader.command_value(field_value, field_what).value_or(std::vector<std::string>{});
        } else if (field == "entrypoint") {
          app.entrypoint =
              field_value.IsNull()
                  ? std::vector<std::string>{}
                  : reader.command_value(field_value, field_what).value_or(std::vector<std::string>{});
        } else if (field == "environment") {
          fields.environment(field_value, app);
        } else if (field == "ports") {
          fields.ports(field_value, app);
        } else if (field == "links") {
          fields.links(field_value, app);
        } else if (field == "depends_on") {
          app.depends_on = reader.string_list(field_value, field_what).value_or(std::vector<std::string>{});
        } else if (field == "restart_policy") {
          app.restart = fields.restart_policy(field_value);
        } else if (field == "mem_limit") {
          app.mem_limit = fields.size(field_value, field_what);
        } else if (field == "cpu_shares") {
          app.cpu_shares = fields.cpu_shares(field_value);
        } else if (field == "labels") {
          fields.labels(field_value, app);
        } else if (field == "stop_timeout") {
          app.stop_timeout = reader.int_value(field_value, field_what, 0, 3600);
        } else if (field == "volumes") {
          if (field_value.IsNull()) return;
          reader.for_each_entry(
              field_value, field_what,
              [&](const std::string& volume, const YAML::Node& volume_key, const YAML::Node& volume_value) {
                app.volumes.push_back(read_volume(fields, name, volume, volume_key, volume_value));
              });
        }
      },
      {"image", "command", "entrypoint", "environment", "ports", "links", "depends_on", "restart_policy",
       "mem_limit", "cpu_shares", "labels", "volumes", "stop_timeout"});
  if (value.IsMap() && !has_image) reader.error(key, fmt::format("application \"{}\" needs an image", name));
  // Two volumes on one mountpoint would hide one dataset behind the other.
  for (size_t i = 0; i < app.volumes.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (!app.volumes[i].mountpoint.empty() && app.volumes[i].mountpoint == app.volumes[j].mountpoint)
        reader.error(app.volumes[i].where,
                     fmt::format("volumes \"{}\" and \"{}\" of application \"{}\" are both mounted on {}",
                                 app.volumes[j].name, app.volumes[i].name, name, app.volumes[i].mountpoint));
  return app;
}

void read_deployment(YamlReader& reader, ManifestPart& part, const YAML::Node& value) {
  reader.for_each_entry(
      value, "deployment", [&](const std::string& node, const YAML::Node& node_key, const YAML::Node& apps) {
        part.deployment_nodes.emplace_back(node, reader.at(node_key));
        if (apps.IsNull()) return;  // a node that runs nothing
        if (!apps.IsSequence()) {
          reader.error(apps, fmt::format("the applications deployed on \"{}\" must be a list, found {}", node,
                                         yaml_kind(apps)));
          return;
        }
        for (const auto& app : apps)
          if (auto name = reader.string_value(app, fmt::format("each application deployed on \"{}\"", node)))
            part.deployment.push_back({node, *name, reader.at(node_key), reader.at(app)});
      });
}

}  // namespace

ManifestPart parse_native_manifest(const std::string& file, const std::string& text, Diagnostics& diagnostics,
                                   const EnvLookup& env) {
  ManifestPart part{.file = file};
  YamlReader reader(file, diagnostics);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    reader.error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1},
                 fmt::format("not valid YAML: {}", e.msg));
    part.readable = false;
    return part;
  }
  if (root.IsNull() || !root.IsDefined()) {
    reader.error(SourceLocation{file, 1, 1},
                 "the file is empty: a manifest has `nodes`, `applications` and `deployment`");
    part.readable = false;
    return part;
  }
  if (!root.IsMap()) {
    reader.error(
        root, fmt::format("a manifest is a mapping with `nodes`, `applications` and `deployment`, found {}",
                          yaml_kind(root)));
    part.readable = false;
    return part;
  }
  reader.for_each_entry(
      root, "the manifest",
      [&](const std::string& section, const YAML::Node&, const YAML::Node& value) {
        if (section == "version") {
          auto version = reader.int_value(value, "version", 0, 1000);
          if (version && *version != kSupportedVersion)
            reader.error(value,
                         fmt::format("manifest version {} is not supported: this flocker reads version {}",
                                     *version, kSupportedVersion));
        } else if (section == "nodes") {
          if (value.IsNull()) return;
          reader.for_each_entry(value, "nodes",
                                [&](const std::string& name, const YAML::Node& key, const YAML::Node& node) {
                                  part.nodes.push_back(read_node(reader, name, key, node));
                                });
        } else if (section == "applications") {
          if (value.IsNull()) return;
          reader.for_each_entry(value, "applications",
                                [&](const std::string& name, const YAML::Node& key, const YAML::Node& app) {
                                  part.applications.push_back(read_application(reader, env, name, key, app));
                                });
        } else if (section == "deployment") {
          if (value.IsNull()) return;
          read_deployment(reader, part, value);
        } else if (section == "transfer") {
          part.transfer_where = reader.at(value);
          part.transfer = read_transfer_settings(reader, value);
        }
      },
      {"version", "nodes", "applications", "deployment", "transfer"});
  return part;
}

}  // namespace flocker

#include "manifest/parse_native.hpp"

#include <fmt/format.h>

#include "manifest/app_fields.hpp"
#include "manifest/field_checks.hpp"
#include "manifest/field_table.hpp"
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

void read_address(YamlReader& reader, const YAML::Node& value, const std::string& what, NodeSpec& node) {
  auto address = reader.string_value(value, what);
  if (address &&
      (address->empty() || address->find_first_of(" /:\t") != std::string::npos || check_host(*address)))
    reader.error(value, fmt::format("{} must be a host name or IPv4 address, not \"{}\"", what, *address));
  else if (address)
    node.address = *address;
}

// The zfs_root from `pool` or `root`, which a node gives one of.
void read_node_root(YamlReader& reader, const YAML::Node& key, const std::optional<YAML::Node>& pool_value,
                    const std::optional<YAML::Node>& root_value, NodeSpec& node) {
  const auto& name = node.name;
  if (pool_value && root_value) {
    reader.error(*root_value, fmt::format("node \"{}\" has both pool and root: give one", name));
  } else if (pool_value) {
    auto pool = reader.string_value(*pool_value, fmt::format("\"pool\" of node \"{}\"", name));
    if (!pool) return;
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
    if (!root) return;
    if (auto why = check_dataset_path(*root))
      reader.error(*root_value, fmt::format("invalid root dataset \"{}\": {}", *root, *why));
    node.zfs_root = *root;
  } else {
    reader.error(
        key, fmt::format("node \"{}\" needs a pool (`pool: tank`) or a root dataset (`root: tank/flocker`)",
                         name));
  }
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
  auto what = [&](std::string_view field) { return fmt::format("\"{}\" of node \"{}\"", field, name); };
  // yaml-cpp nodes are references: assigning to one rewrites the tree, so
  // value nodes are kept in optionals instead of being reassigned.
  std::optional<YAML::Node> pool_value, root_value;
  read_fields(
      reader, value, fmt::format("node \"{}\"", name),
      {{
          {"host",
           [&](const YAML::Node&, const YAML::Node& v) {
             if (auto host = reader.string_value(v, what("host"))) {
               if (auto why = check_host(*host))
                 reader.error(v, fmt::format("{} \"{}\": {}", what("host"), *host, *why));
               else
                 node.host = *host;
             }
           }},
          {"port", [&](const YAML::Node&,
                       const YAML::Node& v) { node.port = reader.int_value(v, what("port"), 1, 65535); }},
          {"user",
           [&](const YAML::Node&, const YAML::Node& v) {
             auto user = reader.string_value(v, what("user"));
             if (auto why = user ? check_user(*user) : std::nullopt)
               reader.error(v, fmt::format("{} \"{}\": {}", what("user"), *user, *why));
             else
               node.user = user;
           }},
          {"address",
           [&](const YAML::Node&, const YAML::Node& v) { read_address(reader, v, what("address"), node); }},
          {"transfer_address",
           [&](const YAML::Node&, const YAML::Node& v) {
             read_transfer_address(reader, v, what("transfer_address"), node);
           }},
          {"pool", [&](const YAML::Node&, const YAML::Node& v) { pool_value.emplace(v); }},
          {"root", [&](const YAML::Node&, const YAML::Node& v) { root_value.emplace(v); }},
          {"sudo",
           [&](const YAML::Node&, const YAML::Node& v) {
             node.sudo = reader.bool_value(v, what("sudo")).value_or(false);
           }},
      }});
  if (value.IsMap()) read_node_root(reader, key, pool_value, root_value, node);
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
    read_fields(
        reader, value, fmt::format("volume \"{}\" of application \"{}\"", name, app),
        {{
            {"mountpoint", [&](const YAML::Node&, const YAML::Node& v) { mountpoint_node.emplace(v); }},
            {"maximum_size",
             [&](const YAML::Node&, const YAML::Node& v) {
               volume.maximum_size = fields.size(
                   v, fmt::format("maximum_size of volume \"{}\" in application \"{}\"", name, app));
             }},
        }});
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

// Two volumes on one mountpoint would hide one dataset behind the other.
void check_mountpoints_differ(YamlReader& reader, const AppSpec& app) {
  for (size_t i = 0; i < app.volumes.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (!app.volumes[i].mountpoint.empty() && app.volumes[i].mountpoint == app.volumes[j].mountpoint)
        reader.error(
            app.volumes[i].where,
            fmt::format("volumes \"{}\" and \"{}\" of application \"{}\" are both mounted on {}",
                        app.volumes[j].name, app.volumes[i].name, app.name, app.volumes[i].mountpoint));
}

AppSpec read_application(YamlReader& reader, const EnvLookup& env, const std::string& name,
                         const YAML::Node& key, const YAML::Node& value) {
  AppSpec app{.name = name, .where = reader.at(key)};
  AppFieldReader fields{reader, env, name};
  if (auto why = check_app_name(name))
    reader.error(key, fmt::format("invalid application name \"{}\": {}", name, *why));
  auto what = [&](std::string_view field) {
    return fmt::format("\"{}\" of application \"{}\"", field, name);
  };
  read_fields(
      reader, value, fmt::format("application \"{}\"", name),
      {{
          {"image", fields.field("image", app)},
          {"command", fields.field("command", app)},
          {"entrypoint",
           [&](const YAML::Node&, const YAML::Node& v) {
             app.entrypoint =
                 v.IsNull()
                     ? std::vector<std::string>{}
                     : reader.command_value(v, what("entrypoint")).value_or(std::vector<std::string>{});
           }},
          {"environment", fields.field("environment", app)},
          {"ports", fields.field("ports", app)},
          {"links", fields.field("links", app)},
          {"depends_on",
           [&](const YAML::Node&, const YAML::Node& v) {
             app.depends_on = reader.string_list(v, what("depends_on")).value_or(std::vector<std::string>{});
           }},
          {"restart_policy", fields.field("restart_policy", app)},
          {"mem_limit", fields.field("mem_limit", app)},
          {"cpu_shares", fields.field("cpu_shares", app)},
          {"labels", fields.field("labels", app)},
          {"volumes",
           [&](const YAML::Node&, const YAML::Node& v) {
             if (v.IsNull()) return;
             reader.for_each_entry(
                 v, what("volumes"),
                 [&](const std::string& volume, const YAML::Node& volume_key,
                     const YAML::Node& volume_value) {
                   app.volumes.push_back(read_volume(fields, name, volume, volume_key, volume_value));
                 });
           }},
          {"stop_timeout",
           [&](const YAML::Node&, const YAML::Node& v) {
             app.stop_timeout = reader.int_value(v, what("stop_timeout"), 0, 3600);
           }},
          {"replicas",
           [&](const YAML::Node&, const YAML::Node& v) { fields.replicas(v, what("replicas"), app); }},
          {"max_lag",
           [&](const YAML::Node&, const YAML::Node& v) { fields.max_lag(v, what("max_lag"), app); }},
      }});
  if (value.IsMap() && !fields.has_image)
    reader.error(key, fmt::format("application \"{}\" needs an image", name));
  check_mountpoints_differ(reader, app);
  return app;
}

void check_version(YamlReader& reader, const YAML::Node& value) {
  auto version = reader.int_value(value, "version", 0, 1000);
  if (version && *version != kSupportedVersion)
    reader.error(value, fmt::format("manifest version {} is not supported: this flocker reads version {}",
                                    *version, kSupportedVersion));
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
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    ManifestPart part{.file = file, .readable = false};
    YamlReader(file, diagnostics)
        .error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1},
               fmt::format("not valid YAML: {}", e.msg));
    return part;
  }
  return parse_native_manifest(file, root, diagnostics, env);
}

ManifestPart parse_native_manifest(const std::string& file, const YAML::Node& root, Diagnostics& diagnostics,
                                   const EnvLookup& env) {
  ManifestPart part{.file = file};
  YamlReader reader(file, diagnostics);
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
  read_fields(reader, root, "the manifest",
              {{
                  {"version", [&](const YAML::Node&, const YAML::Node& v) { check_version(reader, v); }},
                  {"nodes",
                   [&](const YAML::Node&, const YAML::Node& v) {
                     if (v.IsNull()) return;
                     reader.for_each_entry(
                         v, "nodes",
                         [&](const std::string& name, const YAML::Node& key, const YAML::Node& node) {
                           part.nodes.push_back(read_node(reader, name, key, node));
                         });
                   }},
                  {"applications",
                   [&](const YAML::Node&, const YAML::Node& v) {
                     if (v.IsNull()) return;
                     reader.for_each_entry(
                         v, "applications",
                         [&](const std::string& name, const YAML::Node& key, const YAML::Node& app) {
                           part.applications.push_back(read_application(reader, env, name, key, app));
                         });
                   }},
                  {"deployment",
                   [&](const YAML::Node&, const YAML::Node& v) {
                     if (!v.IsNull()) read_deployment(reader, part, v);
                   }},
                  {"transfer",
                   [&](const YAML::Node&, const YAML::Node& v) {
                     part.transfer_where = reader.at(v);
                     part.transfer = read_transfer_settings(reader, v);
                   }},
              }});
  return part;
}

}  // namespace flocker

#pragma once
// The state of reading one compose (or fig-style) file, shared by the files
// that read its parts: compose_service.cpp (a service's keys),
// compose_volumes.cpp (named volumes and their mounts), compose_options.cpp
// (restart, stop_grace_period, deploy, depends_on conditions),
// compose_environment.cpp (environment, labels, secrets) and
// parse_compose.cpp (the file, and the links once every service is read).
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "manifest/app_fields.hpp"
#include "manifest/parse_native.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

// A link written `service` or `service:alias`, expanded once every service is read.
struct PendingComposeLink {
  std::string app;
  std::string target;
  std::string alias;
  SourceLocation where;
};

// What one service's keys leave to be checked once all are read.
struct ComposeService {
  AppSpec app;
  AppFieldReader fields;
  std::set<std::string> secret_names;  // x-flocker.secrets, as written
  std::optional<YAML::Node> secrets_node, mem_limit_node, deploy_memory_node;
  bool has_image = false;
};

struct ComposeReader {
  YamlReader& reader;
  const EnvLookup& env;
  ManifestPart& part;
  bool fig = false;
  std::map<std::string, std::optional<std::uint64_t>> declared_volumes;  // top-level `volumes`
  struct VolumeUse {
    std::string app;
    SourceLocation where;
  };
  std::map<std::string, VolumeUse> volume_users;
  std::vector<PendingComposeLink> pending_links;

  // parse_compose.cpp
  void services(const YAML::Node& node);
  void expand_links();
  // compose_service.cpp
  void service(const std::string& name, const YAML::Node& key, const YAML::Node& original);
  void service_fields(ComposeService& service, const YAML::Node& value);
  void links(ComposeService& service, const YAML::Node& node, const std::string& what);
  void depends_on(ComposeService& service, const YAML::Node& node, const std::string& what);
  void memory_limit(ComposeService& service, const std::string& where);
  // compose_volumes.cpp
  void top_level_volumes(const YAML::Node& node);
  std::optional<std::uint64_t> volume_definition(const std::string& name, const YAML::Node& value);
  void volume(const YAML::Node& item, AppSpec& app);
  void volume_mapping(const YAML::Node& item, AppSpec& app);
  void add_volume(const YAML::Node& item, AppSpec& app, const std::string& name, const std::string& target);
  // compose_environment.cpp
  void environment(ComposeService& service, const YAML::Node& node);
  void labels(ComposeService& service, const YAML::Node& node, const std::string& what);
  void secrets(ComposeService& service);
  // compose_options.cpp
  void dependency_condition(const std::string& app, const std::string& other, const YAML::Node& how);
  std::optional<YAML::Node> deploy_memory(const YAML::Node& node, const std::string& where);
  std::optional<RestartSpec> restart(const YAML::Node& node, const std::string& app);
  std::optional<int> duration_seconds(const YAML::Node& node, const std::string& app);
};

}  // namespace flocker

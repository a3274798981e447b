#pragma once
// Readers for the application fields whose syntax the native format and
// Flocker 0.x share (ports, links, restart_policy, sizes, environment values),
// so that the same text means the same thing in both.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "manifest/field_table.hpp"
#include "manifest/interpolate.hpp"
#include "manifest/model.hpp"
#include "manifest/yaml_reader.hpp"
#include "util/size.hpp"

namespace flocker {

// The range of max_lag, seconds: 1s to 30 days.
inline constexpr long long kMinMaxLagSeconds = 1;
inline constexpr long long kMaxMaxLagSeconds = 30LL * 24 * 3600;

struct AppFieldReader {
  YamlReader& reader;
  const EnvLookup& env;
  const std::string& app;
  // nullopt: the values arrive interpolated (compose files, interpolate_compose.hpp).
  std::optional<InterpolationSyntax> syntax = InterpolationSyntax::Braced;
  bool has_image = false;  // set by the "image" handler, even when its value is unusable

  // The handler of a field native and Flocker 0.x files write alike, for a
  // FieldTable: image, command (command_line), environment, ports, links,
  // restart_policy, mem_limit, cpu_shares, labels. REQUIRES: one of those.
  FieldHandler field(std::string_view name, AppSpec& spec);

  // A scalar with ${VAR} replaced; an unset variable is an error at the value,
  // which quotes the value unless it is secret.
  std::optional<std::string> interpolated(const YAML::Node& node, std::string_view what, bool secret = false);
  // The same for text taken from the scalar at `at` (the value part of NAME=value).
  std::optional<std::string> interpolated_text(const YAML::Node& at, const std::string& text,
                                               std::string_view what, bool secret = false);
  // The image, interpolated; one that is empty or starts with '-' (it would
  // read as a docker option) is an error at the value.
  void image(const YAML::Node& node, std::string_view what, AppSpec& spec);
  // Native environment: NAME: value, or NAME: {value: ..., secret: true}.
  void environment(const YAML::Node& node, AppSpec& spec);
  // Sets one variable, checking its name; REQUIRES: value already interpolated.
  void set_variable(const YAML::Node& at, const std::string& name, std::string value, bool secret,
                    AppSpec& spec);
  // A list of {internal, external, protocol?, host_ip?}.
  void ports(const YAML::Node& node, AppSpec& spec);
  // A list of {alias, local_port, remote_port, application?}.
  void links(const YAML::Node& node, AppSpec& spec);
  void link(const YAML::Node& item, AppSpec& spec);
  // A link's alias: a letter, then letters, digits, '_' and '-'.
  std::optional<std::string> link_alias(const YAML::Node& value, const std::string& what);
  // never | always | on-failure, or {name: ..., maximum_retry_count: N}.
  std::optional<RestartSpec> restart_policy(const YAML::Node& node);
  // Bytes, or a number with a unit: 512K, 100M, 1G, 2T (powers of 1024).
  std::optional<std::uint64_t> size(const YAML::Node& node, std::string_view what);
  // A size, at least Docker's minimum memory limit.
  std::optional<std::uint64_t> memory_limit(const YAML::Node& node, std::string_view what);
  std::optional<int> cpu_shares(const YAML::Node& node);
  // replicas (native; compose: x-flocker): a list of node names, kept in
  // order with where each is written. Whether each names a node, and once,
  // is validate_manifest's to check.
  void replicas(const YAML::Node& node, std::string_view what, AppSpec& spec);
  // max_lag (native; compose: x-flocker): a duration from 1s to 30d (30s, 5m,
  // 2h, 1d, 1h30m; a bare number is seconds).
  void max_lag(const YAML::Node& node, std::string_view what, AppSpec& spec);
  // NAME: value (strings), for container labels; flocker.* is reserved.
  void labels(const YAML::Node& node, AppSpec& spec);
  void check_label(const YAML::Node& at, const std::string& key);

  std::string what(std::string_view field) const;
};

// A literal IPv4 or IPv6 address.
bool is_ip_address(const std::string& text);
// A host_ip that publishes on every address of the node: empty (Docker's default), 0.0.0.0 or ::.
bool is_wildcard_address(const std::string& host_ip);
// 127.0.0.0/8, ::1 or ::ffff:127.x.y.z: reached only from the node itself.
bool is_loopback_address(const std::string& host_ip);
// "DB_PASSWORD" is fine; names with '=' or NUL or empty ones are not.
std::optional<std::string> check_variable_name(std::string_view name);

}  // namespace flocker

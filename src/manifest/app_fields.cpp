#include "manifest/app_fields.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>

namespace flocker {

std::optional<std::uint64_t> parse_size(std::string_view text) {
  size_t i = 0;
  std::uint64_t number = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (number > std::numeric_limits<std::uint64_t>::max() / 10) return std::nullopt;
    number = number * 10 + static_cast<std::uint64_t>(text[i] - '0');
    ++i;
  }
  if (i == 0) return std::nullopt;
  auto unit = text.substr(i);
  if (unit.empty() || unit == "b" || unit == "B") return number;
  int shift = 0;
  switch (std::toupper(static_cast<unsigned char>(unit.front()))) {
    case 'K':
      shift = 10;
      break;
    case 'M':
      shift = 20;
      break;
    case 'G':
      shift = 30;
      break;
    case 'T':
      shift = 40;
      break;
    case 'P':
      shift = 50;
      break;
    default:
      return std::nullopt;
  }
  unit.remove_prefix(1);
  // 1G, 1GB, 1GiB, 1g, 1gb: all powers of 1024, as ZFS and Docker read them.
  if (!(unit.empty() || unit == "B" || unit == "b" || unit == "iB" || unit == "ib")) return std::nullopt;
  if (number > (std::numeric_limits<std::uint64_t>::max() >> shift)) return std::nullopt;
  return number << shift;
}

std::string format_size(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"", "K", "M", "G", "T", "P"};
  int unit = 0;
  while (unit < 5 && bytes != 0 && bytes % 1024 == 0) {
    bytes /= 1024;
    ++unit;
  }
  return fmt::format("{}{}", bytes, kUnits[unit]);
}

bool is_ip_address(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 || inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

bool is_wildcard_address(const std::string& host_ip) {
  unsigned char buffer[16] = {};
  if (host_ip.empty()) return true;
  if (inet_pton(AF_INET, host_ip.c_str(), buffer) == 1)
    return std::all_of(buffer, buffer + 4, [](unsigned char b) { return b == 0; });
  if (inet_pton(AF_INET6, host_ip.c_str(), buffer) == 1)
    return std::all_of(buffer, buffer + 16, [](unsigned char b) { return b == 0; });
  return false;
}

bool is_loopback_address(const std::string& host_ip) {
  unsigned char buffer[16] = {};
  if (inet_pton(AF_INET, host_ip.c_str(), buffer) == 1) return buffer[0] == 127;
  if (inet_pton(AF_INET6, host_ip.c_str(), buffer) != 1) return false;
  const bool zeros_then = std::all_of(buffer, buffer + 10, [](unsigned char b) { return b == 0; });
  if (zeros_then && buffer[10] == 0xff && buffer[11] == 0xff) return buffer[12] == 127;  // IPv4-mapped
  return zeros_then && std::all_of(buffer + 10, buffer + 15, [](unsigned char b) { return b == 0; }) &&
         buffer[15] == 1;
}

std::optional<std::string> check_variable_name(std::string_view name) {
  if (name.empty()) return "an environment variable needs a name";
  for (char c : name)
    if (c == '=' || c == '\0' || c == '\n' || std::isspace(static_cast<unsigned char>(c)))
      return "an environment variable name has no '=', spaces or line breaks";
  return std::nullopt;
}

std::string AppFieldReader::what(std::string_view field) const {
  return fmt::format("\"{}\" of application \"{}\"", field, app);
}

std::optional<std::string> AppFieldReader::interpolated(const YAML::Node& node, std::string_view description,
                                                        bool secret) {
  auto text = reader.string_value(node, description);
  if (!text) return std::nullopt;
  return interpolated_text(node, *text, description, secret);
}

std::optional<std::string> AppFieldReader::interpolated_text(const YAML::Node& at, const std::string& text,
                                                             std::string_view description, bool secret) {
  if (!syntax) return text;
  auto value = interpolate(text, env, *syntax, secret);
  if (!value) {
    reader.error(at, describe_interpolation_error(description, value.error()));
    return std::nullopt;
  }
  return *value;
}

void AppFieldReader::image(const YAML::Node& node, std::string_view what, AppSpec& spec) {
  auto image = interpolated(node, what);
  if (!image) return;
  spec.image = *image;
  if (image->empty() || image->front() == '-') reader.error(node, fmt::format("{} must name an image", what));
}

void AppFieldReader::set_variable(const YAML::Node& at, const std::string& name, std::string value,
                                  bool secret, AppSpec& spec) {
  if (auto why = check_variable_name(name)) {
    reader.error(at, fmt::format("invalid environment variable name \"{}\" in application \"{}\": {}", name,
                                 app, *why));
    return;
  }
  // A secret reaches docker through an env-file on stdin, one line a variable.
  if (secret && value.find_first_of("\r\n") != std::string::npos) {
    reader.error(
        at, fmt::format("secret environment variable \"{}\" of application \"{}\" contains a line break, "
                        "which a secret cannot carry",
                        name, app));
    return;
  }
  spec.environment[name] = std::move(value);
  if (secret) spec.secret_environment.insert(name);
}

void AppFieldReader::environment(const YAML::Node& node, AppSpec& spec) {
  if (node.IsNull()) return;
  reader.for_each_entry(
      node, what("environment"),
      [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
        const auto variable_what =
            fmt::format("environment variable \"{}\" of application \"{}\"", name, app);
        if (value.IsNull()) {
          reader.error(key,
                       fmt::format("{} has no value (write {}: \"\" for an empty one)", variable_what, name));
          return;
        }
        if (!value.IsMap()) {
          if (auto text = interpolated(value, variable_what)) set_variable(key, name, *text, false, spec);
          return;
        }
        // The value is read once `secret` is known, in whichever order the two
        // come: an error about a secret value must not quote it. An unreadable
        // `secret` counts as true.
        std::optional<YAML::Node> value_node;
        bool secret = false;
        reader.for_each_entry(
            value, variable_what,
            [&](const std::string& field, const YAML::Node&, const YAML::Node& field_value) {
              if (field == "value")
                value_node.emplace(field_value);
              else
                secret = reader.bool_value(field_value, fmt::format("\"secret\" of {}", variable_what))
                             .value_or(true);
            },
            {"value", "secret"});
        if (!value_node) {
          reader.error(key,
                       fmt::format("{} needs a value: {{value: \"${{VAR}}\", secret: true}}", variable_what));
          return;
        }
        if (auto text = interpolated(*value_node, variable_what, secret))
          set_variable(key, name, *text, secret, spec);
      });
}

void AppFieldReader::ports(const YAML::Node& node, AppSpec& spec) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) {
    reader.error(node, fmt::format("{} must be a list of {{internal: PORT, external: PORT}}, found {}",
                                   what("ports"), yaml_kind(node)));
    return;
  }
  for (const auto& item : node) {
    PortSpec port{.where = reader.at(item)};
    bool has_internal = false, has_external = false;
    const auto port_what = fmt::format("a port of application \"{}\"", app);
    reader.for_each_entry(
        item, port_what,
        [&](const std::string& field, const YAML::Node&, const YAML::Node& value) {
          const auto field_what = fmt::format("\"{}\" of {}", field, port_what);
          if (field == "internal") {
            has_internal = true;
            port.internal = reader.int_value(value, field_what, 1, 65535).value_or(0);
          } else if (field == "external") {
            has_external = true;
            port.external = reader.int_value(value, field_what, 1, 65535).value_or(0);
          } else if (field == "protocol") {
            auto protocol = reader.string_value(value, field_what);
            if (protocol == "tcp" || protocol == "udp")
              port.protocol = *protocol;
            else if (protocol)
              reader.error(value, fmt::format("{} must be tcp or udp, not \"{}\"", field_what, *protocol));
          } else if (field == "host_ip") {
            auto ip = reader.string_value(value, field_what);
            if (ip && !is_ip_address(*ip))
              reader.error(value, fmt::format("{} must be an IP address, not \"{}\"", field_what, *ip));
            else if (ip)
              port.host_ip = *ip;
          }
        },
        {"internal", "external", "protocol", "host_ip"});
    if (!item.IsMap()) continue;
    if (!has_internal)
      reader.error(item, fmt::format("{} needs `internal` (the port inside the container)", port_what));
    if (!has_external)
      reader.error(item, fmt::format("{} needs `external` (the port published on the node)", port_what));
    spec.ports.push_back(port);
  }
}

void AppFieldReader::links(const YAML::Node& node, AppSpec& spec) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) {
    reader.error(node, fmt::format("{} must be a list of {{alias, local_port, remote_port}}, found {}",
                                   what("links"), yaml_kind(node)));
    return;
  }
  for (const auto& item : node) {
    LinkSpec link{.where = reader.at(item)};
    const auto link_what = fmt::format("a link of application \"{}\"", app);
    std::vector<std::string> missing = {"alias", "local_port", "remote_port"};
    reader.for_each_entry(
        item, link_what,
        [&](const std::string& field, const YAML::Node&, const YAML::Node& value) {
          std::erase(missing, field);
          const auto field_what = fmt::format("\"{}\" of {}", field, link_what);
          if (field == "alias") {
            auto alias = reader.string_value(value, field_what);
            if (alias && (alias->empty() || !std::isalpha(static_cast<unsigned char>(alias->front())) ||
                          alias->find_first_not_of(
                              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
                              std::string::npos))
              reader.error(
                  value,
                  fmt::format("{} \"{}\" must start with a letter and use letters, digits, '_' and '-'",
                              field_what, *alias));
            else if (alias)
              link.alias = *alias;
          } else if (field == "local_port") {
            link.local_port = reader.int_value(value, field_what, 1, 65535).value_or(0);
          } else if (field == "remote_port") {
            link.remote_port = reader.int_value(value, field_what, 1, 65535).value_or(0);
          } else if (field == "application") {
            link.application = reader.string_value(value, field_what).value_or("");
          }
        },
        {"alias", "local_port", "remote_port", "application"});
    if (!item.IsMap()) continue;
    for (const auto& field : missing) reader.error(item, fmt::format("{} needs `{}`", link_what, field));
    if (missing.empty()) spec.links.push_back(link);
  }
}

std::optional<RestartSpec> AppFieldReader::restart_policy(const YAML::Node& node) {
  const auto policy_what = what("restart_policy");
  auto named = [&](const YAML::Node& name_node) -> std::optional<RestartSpec> {
    auto name = reader.string_value(name_node, policy_what);
    if (!name) return std::nullopt;
    if (*name == "never" || *name == "no") return RestartSpec{RestartPolicy::Never, std::nullopt};
    if (*name == "always") return RestartSpec{RestartPolicy::Always, std::nullopt};
    if (*name == "on-failure") return RestartSpec{RestartPolicy::OnFailure, std::nullopt};
    reader.error(name_node,
                 fmt::format("{} must be never, always or on-failure, not \"{}\"", policy_what, *name));
    return std::nullopt;
  };
  if (node.IsScalar()) return named(node);
  std::optional<RestartSpec> spec;
  std::optional<YAML::Node> count_node;
  bool has_name = false;
  reader.for_each_entry(node, policy_what,
                        [&](const std::string& field, const YAML::Node&, const YAML::Node& value) {
                          if (field == "name") {
                            has_name = true;
                            spec = named(value);
                          } else {
                            count_node.emplace(value);
                          }
                        },
                        {"name", "maximum_retry_count"});
  if (!node.IsMap()) return std::nullopt;
  if (!has_name) {
    reader.error(node, fmt::format("{} needs a name: never, always or on-failure", policy_what));
    return std::nullopt;
  }
  if (spec && count_node) {
    if (spec->policy != RestartPolicy::OnFailure) {
      reader.error(*count_node,
                   fmt::format("maximum_retry_count of application \"{}\" applies only to on-failure", app));
      return std::nullopt;
    }
    spec->maximum_retry_count = reader.int_value(
        *count_node, fmt::format("maximum_retry_count of application \"{}\"", app), 1, 1000000);
  }
  return spec;
}

std::optional<std::uint64_t> AppFieldReader::size(const YAML::Node& node, std::string_view description) {
  if (!node.IsScalar()) {
    reader.error(node,
                 fmt::format("{} must be a size such as 512M or 1G, found {}", description, yaml_kind(node)));
    return std::nullopt;
  }
  auto bytes = parse_size(node.Scalar());
  if (!bytes || *bytes == 0) {
    reader.error(node,
                 fmt::format("{} must be a size such as 512M or 1G (K, M, G, T: powers of 1024), not \"{}\"",
                             description, node.Scalar()));
    return std::nullopt;
  }
  return bytes;
}

std::optional<int> AppFieldReader::cpu_shares(const YAML::Node& node) {
  return reader.int_value(node, what("cpu_shares"), 2, 262144);
}

void AppFieldReader::check_label(const YAML::Node& at, const std::string& key) {
  if (key.empty() || key.find('=') != std::string::npos)
    reader.error(at, fmt::format("invalid label name \"{}\" in application \"{}\"", key, app));
  else if (key.starts_with("flocker."))
    reader.error(
        at,
        fmt::format("label \"{}\" of application \"{}\": labels starting with \"flocker.\" are flocker's own",
                    key, app));
}

void AppFieldReader::labels(const YAML::Node& node, AppSpec& spec) {
  if (node.IsNull()) return;
  reader.for_each_entry(
      node, what("labels"), [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& value) {
        check_label(key_node, key);
        if (auto text =
                reader.string_value(value, fmt::format("label \"{}\" of application \"{}\"", key, app)))
          spec.labels[key] = *text;
      });
}

}  // namespace flocker

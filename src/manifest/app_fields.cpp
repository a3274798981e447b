#include "manifest/app_fields.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "manifest/field_checks.hpp"
#include "manifest/field_table.hpp"
#include "manifest/read_port.hpp"
#include "util/duration.hpp"

namespace flocker {

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
    if (c == '=' || std::isspace(static_cast<unsigned char>(c)) ||
        std::iscntrl(static_cast<unsigned char>(c)))
      return "an environment variable name has no '=', spaces, line breaks or control characters";
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
  if (auto why = check_scalar_text(*value)) {  // what a variable brought in
    reader.error(at, fmt::format("{}: {}", description, *why));
    return std::nullopt;
  }
  return *value;
}

FieldHandler AppFieldReader::field(std::string_view name, AppSpec& spec) {
  const std::string field_what = what(name);
  if (name == "image")
    return [this, field_what, &spec](const YAML::Node&, const YAML::Node& value) {
      has_image = true;
      image(value, field_what, spec);
    };
  if (name == "command" || name == "command_line")
    return [this, field_what, &spec](const YAML::Node&, const YAML::Node& value) {
      spec.command = reader.command_value(value, field_what).value_or(std::vector<std::string>{});
    };
  if (name == "mem_limit")
    return [this, field_what, &spec](const YAML::Node&, const YAML::Node& value) {
      spec.mem_limit = memory_limit(value, field_what);
    };
  using Read = void (AppFieldReader::*)(const YAML::Node&, AppSpec&);
  const Read read = name == "environment" ? &AppFieldReader::environment
                    : name == "ports"     ? &AppFieldReader::ports
                    : name == "links"     ? &AppFieldReader::links
                    : name == "labels"    ? &AppFieldReader::labels
                                          : nullptr;
  if (read != nullptr)
    return [this, read, &spec](const YAML::Node&, const YAML::Node& value) { (this->*read)(value, spec); };
  if (name == "restart_policy")
    return
        [this, &spec](const YAML::Node&, const YAML::Node& value) { spec.restart = restart_policy(value); };
  return [this, &spec](const YAML::Node&, const YAML::Node& value) { spec.cpu_shares = cpu_shares(value); };
}

void AppFieldReader::image(const YAML::Node& node, std::string_view what, AppSpec& spec) {
  auto image = interpolated(node, what);
  if (!image) return;
  spec.image = *image;
  if (image->empty() || image->front() == '-')
    reader.error(node, fmt::format("{} must name an image", what));
  else if (auto why = check_image_reference(*image))
    reader.error(node, fmt::format("{} \"{}\" is not a Docker image reference: {}", what, *image, *why));
}

void AppFieldReader::set_variable(const YAML::Node& at, const std::string& name, std::string value,
                                  bool secret, AppSpec& spec) {
  if (auto why = check_variable_name(name)) {
    reader.error(at, fmt::format("invalid environment variable name \"{}\" in application \"{}\": {}", name,
                                 app, *why));
    return;
  }
  if (auto why = secret ? check_secret_name(name) : std::nullopt) {
    reader.error(
        at, fmt::format("secret environment variable \"{}\" of application \"{}\": {}", name, app, *why));
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
        read_fields(
            reader, value, variable_what,
            {{
                {"value", [&](const YAML::Node&, const YAML::Node& field) { value_node.emplace(field); }},
                {"secret",
                 [&](const YAML::Node&, const YAML::Node& field) {
                   secret = reader.bool_value(field, fmt::format("\"secret\" of {}", variable_what))
                                .value_or(true);
                 }},
            }});
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
  const auto port_what = fmt::format("a port of application \"{}\"", app);
  for (const auto& item : node) read_port_mapping(reader, item, port_what, kNativePortKeys, spec);
}

std::optional<std::string> AppFieldReader::link_alias(const YAML::Node& value, const std::string& what) {
  auto alias = reader.string_value(value, what);
  if (alias &&
      (alias->empty() || !std::isalpha(static_cast<unsigned char>(alias->front())) ||
       alias->find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
           std::string::npos)) {
    reader.error(value, fmt::format("{} \"{}\" must start with a letter and use letters, digits, '_' and '-'",
                                    what, *alias));
    return std::nullopt;
  }
  return alias;
}

void AppFieldReader::link(const YAML::Node& item, AppSpec& spec) {
  LinkSpec link{.where = reader.at(item)};
  const auto link_what = fmt::format("a link of application \"{}\"", app);
  std::vector<std::string> missing = {"alias", "local_port", "remote_port"};
  auto field_what = [&](std::string_view field) {
    std::erase(missing, field);
    return fmt::format("\"{}\" of {}", field, link_what);
  };
  read_fields(
      reader, item, link_what,
      {{
          {"alias",
           [&](const YAML::Node&, const YAML::Node& value) {
             link.alias = link_alias(value, field_what("alias")).value_or("");
           }},
          {"local_port",
           [&](const YAML::Node&, const YAML::Node& value) {
             link.local_port = reader.int_value(value, field_what("local_port"), 1, 65535).value_or(0);
           }},
          {"remote_port",
           [&](const YAML::Node&, const YAML::Node& value) {
             link.remote_port = reader.int_value(value, field_what("remote_port"), 1, 65535).value_or(0);
           }},
          {"application",
           [&](const YAML::Node&, const YAML::Node& value) {
             link.application = reader.string_value(value, field_what("application")).value_or("");
           }},
      }});
  if (!item.IsMap()) return;
  for (const auto& field : missing) reader.error(item, fmt::format("{} needs `{}`", link_what, field));
  if (missing.empty()) spec.links.push_back(link);
}

void AppFieldReader::links(const YAML::Node& node, AppSpec& spec) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) {
    reader.error(node, fmt::format("{} must be a list of {{alias, local_port, remote_port}}, found {}",
                                   what("links"), yaml_kind(node)));
    return;
  }
  for (const auto& item : node) link(item, spec);
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
  read_fields(reader, node, policy_what,
              {{
                  {"name",
                   [&](const YAML::Node&, const YAML::Node& value) {
                     has_name = true;
                     spec = named(value);
                   }},
                  {"maximum_retry_count",
                   [&](const YAML::Node&, const YAML::Node& value) { count_node.emplace(value); }},
              }});
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

std::optional<std::uint64_t> AppFieldReader::memory_limit(const YAML::Node& node,
                                                          std::string_view description) {
  auto bytes = size(node, description);
  if (bytes && *bytes < kMinMemoryLimit) {
    reader.error(node, fmt::format("{} is {}: Docker refuses a memory limit below {}", description,
                                   format_size(*bytes), format_size(kMinMemoryLimit)));
    return std::nullopt;
  }
  return bytes;
}

std::optional<int> AppFieldReader::cpu_shares(const YAML::Node& node) {
  return reader.int_value(node, what("cpu_shares"), 2, 262144);
}

void AppFieldReader::replicas(const YAML::Node& node, std::string_view description, AppSpec& spec) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) {
    reader.error(node, fmt::format("{} must be a list of node names such as [node2, node3], found {}",
                                   description, yaml_kind(node)));
    return;
  }
  const auto entry_what = fmt::format("each entry of {}", description);
  for (const auto& item : node)
    if (auto name = reader.string_value(item, entry_what))
      spec.replicas.push_back({.node = *name, .where = reader.at(item)});
}

void AppFieldReader::max_lag(const YAML::Node& node, std::string_view description, AppSpec& spec) {
  constexpr std::string_view kForms =
      "a duration such as 30s, 5m, 2h or 1d (a whole number with s, m, h or d; combined as 1h30m; a "
      "bare number is seconds)";
  if (!node.IsScalar()) {
    reader.error(node, fmt::format("{} must be {}, found {}", description, kForms, yaml_kind(node)));
    return;
  }
  if (!reader.string_value(node, description)) return;
  const auto seconds = parse_duration(node.Scalar());
  if (!seconds) {
    reader.error(node, fmt::format("{} must be {}, not \"{}\"", description, kForms, node.Scalar()));
    return;
  }
  if (*seconds < kMinMaxLagSeconds || *seconds > kMaxMaxLagSeconds) {
    reader.error(node, fmt::format("{} must be from {} to {}, not \"{}\"", description,
                                   format_duration(kMinMaxLagSeconds), format_duration(kMaxMaxLagSeconds),
                                   node.Scalar()));
    return;
  }
  spec.max_lag_seconds = *seconds;
  spec.max_lag_where = reader.at(node);
}

void AppFieldReader::check_label(const YAML::Node& at, const std::string& key) {
  if (auto why = check_label_key(key))
    reader.error(at, fmt::format("invalid label name \"{}\" in application \"{}\": {}", key, app, *why));
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

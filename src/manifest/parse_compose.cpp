#include "manifest/parse_compose.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "manifest/app_fields.hpp"
#include "manifest/compose_keys.hpp"
#include "manifest/interpolate_compose.hpp"
#include "manifest/names.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

std::optional<long long> to_number(std::string_view text) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A link written `service` or `service:alias`, expanded once every service is read.
struct PendingLink {
  std::string app;
  std::string target;
  std::string alias;
  SourceLocation where;
};

struct VolumeUse {
  std::string app;
  SourceLocation where;
};

struct ComposeReader {
  YamlReader& reader;
  const EnvLookup& env;
  ManifestPart& part;
  bool fig = false;
  std::map<std::string, std::optional<std::uint64_t>> declared_volumes;  // top-level `volumes`
  std::map<std::string, VolumeUse> volume_users;
  std::vector<PendingLink> pending_links;

  void top_level_volumes(const YAML::Node& node) {
    if (node.IsNull()) return;
    reader.for_each_entry(
        node, "the top-level volumes",
        [&](const std::string& name, const YAML::Node&, const YAML::Node& value) {
          auto& size = declared_volumes[name];
          if (value.IsNull()) return;
          const auto what = fmt::format("volume \"{}\"", name);
          reader.for_each_entry(
              value, what, [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& field) {
                if (key == "x-flocker") {
                  reader.for_each_entry(
                      field, fmt::format("x-flocker of {}", what),
                      [&](const std::string&, const YAML::Node&, const YAML::Node& size_node) {
                        const std::string app;
                        AppFieldReader fields{reader, env, app};
                        size = fields.size(size_node, fmt::format("maximum_size of {}", what));
                      },
                      {"maximum_size"});
                } else if (key == "driver" && field.IsScalar() && field.Scalar() == "local") {
                  // Docker's default: the same as not saying it.
                } else {
                  reader.error(
                      key_node,
                      fmt::format(
                          "\"{}\" of {} is not supported: flocker makes each named volume a ZFS dataset "
                          "it owns (only `x-flocker: {{maximum_size: 1G}}` may be set)",
                          key, what));
                }
              });
        });
  }

  static std::string variable_what(const std::string& name, const AppSpec& app) {
    return fmt::format("environment variable \"{}\" of application \"{}\"", name, app.name);
  }

  void environment(AppFieldReader& fields, const YAML::Node& node, const std::set<std::string>& secrets,
                   AppSpec& app) {
    if (node.IsNull()) return;
    auto from_flocker = [&](const YAML::Node& at, const std::string& name) {
      // `NAME` alone: the value of NAME in flocker's environment, as compose does.
      if (auto value = env(name))
        fields.set_variable(at, name, *value, false, app);
      else
        reader.error(at, fmt::format("environment variable {} of service \"{}\" takes its value from "
                                     "flocker's environment, where it is not set",
                                     name, app.name));
    };
    if (node.IsSequence()) {
      for (const auto& item : node) {
        auto text = reader.string_value(
            item, fmt::format("each entry of \"environment\" of service \"{}\"", app.name));
        if (!text) continue;
        auto eq = text->find('=');
        if (eq == std::string::npos) {
          from_flocker(item, *text);
          continue;
        }
        const auto name = text->substr(0, eq);
        if (auto value = fields.interpolated_text(item, text->substr(eq + 1), variable_what(name, app),
                                                  secrets.contains(name)))
          fields.set_variable(item, name, *value, false, app);
      }
      return;
    }
    reader.for_each_entry(
        node, fields.what("environment"),
        [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
          if (value.IsNull()) return from_flocker(key, name);
          if (auto text = fields.interpolated(value, variable_what(name, app), secrets.contains(name)))
            fields.set_variable(key, name, *text, false, app);
        });
  }

  void port(const YAML::Node& item, AppSpec& app) {
    PortSpec port{.where = reader.at(item)};
    const auto what = fmt::format("a port of service \"{}\"", app.name);
    if (item.IsMap()) {
      bool has_target = false, has_published = false;
      reader.for_each_entry(
          item, what,
          [&](const std::string& key, const YAML::Node&, const YAML::Node& value) {
            const auto field_what = fmt::format("\"{}\" of {}", key, what);
            if (key == "target") {
              has_target = true;
              port.internal = reader.int_value(value, field_what, 1, 65535).value_or(0);
            } else if (key == "published") {
              has_published = true;
              port.external = reader.int_value(value, field_what, 1, 65535).value_or(0);
            } else if (key == "protocol") {
              auto protocol = reader.string_value(value, field_what);
              if (protocol == "tcp" || protocol == "udp")
                port.protocol = *protocol;
              else if (protocol)
                reader.error(value, fmt::format("{} must be tcp or udp, not \"{}\"", field_what, *protocol));
            } else if (key == "host_ip") {
              auto ip = reader.string_value(value, field_what);
              if (ip && !is_ip_address(*ip))
                reader.error(value, fmt::format("{} must be an IP address, not \"{}\"", field_what, *ip));
              else if (ip)
                port.host_ip = *ip;
            }
            // mode (host or ingress) matters only to Swarm.
          },
          {"target", "published", "protocol", "host_ip", "mode"});
      if (!has_target)
        reader.error(item, fmt::format("{} needs `target` (the port inside the container)", what));
      if (!has_published)
        reader.error(item,
                     fmt::format("{} needs `published`: flocker publishes every port on the node", what));
      if (has_target && has_published) app.ports.push_back(port);
      return;
    }
    auto text = reader.string_value(item, what);
    if (!text) return;
    std::string spec = *text;
    const auto text_what = fmt::format("port \"{}\" of service \"{}\"", *text, app.name);
    if (auto slash = spec.rfind('/'); slash != std::string::npos) {
      port.protocol = spec.substr(slash + 1);
      spec.resize(slash);
      if (port.protocol != "tcp" && port.protocol != "udp") {
        reader.error(item, fmt::format("{}: the protocol must be tcp or udp", text_what));
        return;
      }
    }
    std::string ip;
    if (spec.starts_with("[")) {  // [::1]:8080:80
      auto close = spec.find(']');
      if (close == std::string::npos || close + 1 >= spec.size() || spec[close + 1] != ':') {
        reader.error(item, fmt::format("{} is not [IP]:PUBLISHED:TARGET", text_what));
        return;
      }
      ip = spec.substr(1, close - 1);
      spec = spec.substr(close + 2);
    }
    auto parts = split(spec, ':');
    if (ip.empty() && parts.size() == 3) {
      ip = std::string(parts[0]);
      parts.erase(parts.begin());
    }
    if (!ip.empty() && !is_ip_address(ip)) {
      reader.error(item, fmt::format("{}: \"{}\" is not an IP address", text_what, ip));
      return;
    }
    port.host_ip = ip;
    if (parts.size() == 1) {
      reader.error(item, fmt::format("{} publishes on no fixed port: flocker publishes each port on the node "
                                     "where links can find it; write PUBLISHED:TARGET, e.g. \"8080:{}\"",
                                     text_what, *text));
      return;
    }
    if (parts.size() != 2 || parts[0].find('-') != std::string_view::npos ||
        parts[1].find('-') != std::string_view::npos) {
      reader.error(item,
                   fmt::format("{} is not [IP:]PUBLISHED:TARGET[/PROTOCOL] (port ranges are not supported)",
                               text_what));
      return;
    }
    auto number = [&](std::string_view digits) -> int {
      auto value = to_number(digits);
      return value && *value >= 1 && *value <= 65535 ? static_cast<int>(*value) : 0;
    };
    port.external = number(parts[0]);
    port.internal = number(parts[1]);
    if (port.external == 0 || port.internal == 0) {
      reader.error(item, fmt::format("{}: ports are numbers from 1 to 65535", text_what));
      return;
    }
    app.ports.push_back(port);
  }

  void add_volume(const YAML::Node& item, AppSpec& app, const std::string& name, const std::string& target) {
    VolumeSpec volume{.name = name, .mountpoint = target, .where = reader.at(item)};
    if (auto why = check_volume_name(name)) {
      reader.error(item,
                   fmt::format("invalid volume name \"{}\" in service \"{}\": {}", name, app.name, *why));
      return;
    }
    if (auto why = check_mountpoint(target)) {
      reader.error(item, fmt::format("invalid mountpoint \"{}\" of volume \"{}\" in service \"{}\": {}",
                                     target, name, app.name, *why));
      return;
    }
    if (!fig) {
      auto declared = declared_volumes.find(name);
      if (declared == declared_volumes.end()) {
        reader.error(
            item, fmt::format("volume \"{}\" of service \"{}\" is not declared under the top-level `volumes`",
                              name, app.name));
        return;
      }
      volume.maximum_size = declared->second;
      auto [user, added] = volume_users.emplace(name, VolumeUse{app.name, volume.where});
      if (!added && user->second.app != app.name) {
        reader.error(
            item,
            fmt::format(
                "volume \"{}\" is used by service \"{}\" here and by \"{}\" at {}: a flocker volume is a "
                "dataset that belongs to one application",
                name, app.name, user->second.app, format_location(user->second.where)));
        return;
      }
    }
    // One dataset is mounted once, and one mountpoint holds one dataset (the
    // other would be hidden), as in a native file.
    for (const auto& other : app.volumes) {
      if (other.name == name)
        return reader.error(
            item, fmt::format("service \"{}\" mounts volume \"{}\" twice (here and at {}): flocker mounts "
                              "each dataset of an application once",
                              app.name, name, format_location(other.where)));
      if (other.mountpoint == target)
        return reader.error(
            item,
            fmt::format("volumes \"{}\" and \"{}\" of service \"{}\" are both mounted on {} (at {} and here)",
                        other.name, name, app.name, target, format_location(other.where)));
    }
    app.volumes.push_back(volume);
  }

  void volume(const YAML::Node& item, AppSpec& app) {
    const auto what = fmt::format("a volume of service \"{}\"", app.name);
    const char* bind_why =
        "bind mounts have no meaning here: an application's data lives in ZFS datasets that move with it; "
        "use a named volume";
    if (item.IsMap()) {
      std::string type = "volume", source, target;
      reader.for_each_entry(
          item, what, [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& value) {
            if (key == "type" || key == "source" || key == "target") {
              auto text = reader.string_value(value, fmt::format("\"{}\" of {}", key, what)).value_or("");
              (key == "type" ? type : key == "source" ? source : target) = text;
            } else if (key == "read_only") {
              if (reader.bool_value(value, "read_only").value_or(false))
                reader.error(
                    value, fmt::format("{} is read-only: flocker mounts an application's datasets read-write",
                                       what));
            } else {
              reader.error(key_node,
                           fmt::format("\"{}\" of {} is not supported: flocker reads type, source and target",
                                       key, what));
            }
          });
      if (!item.IsMap()) return;
      if (type == "bind") return reader.error(item, fmt::format("{} is a bind mount: {}", what, bind_why));
      if (type != "volume")
        return reader.error(
            item,
            fmt::format("{} has type \"{}\": flocker manages only named volumes (type: volume)", what, type));
      if (source.empty())
        return reader.error(
            item,
            fmt::format("{} has no source: name it, e.g. `source: data`, so it becomes a dataset", what));
      return add_volume(item, app, source, target);
    }
    auto text = reader.string_value(item, what);
    if (!text) return;
    auto parts = split(*text, ':');
    const auto text_what = fmt::format("volume \"{}\" of service \"{}\"", *text, app.name);
    if (parts.size() == 1) {
      if (fig) {
        // Flocker 0.x's fig files: one container path, the application's one volume.
        if (std::ranges::any_of(app.volumes, [](const VolumeSpec& v) { return v.name == "data"; }))
          return reader.error(
              item, fmt::format(
                        "service \"{}\" has more than one volume: a fig-style file gives an application one",
                        app.name));
        return add_volume(item, app, "data", *text);
      }
      return reader.error(
          item,
          fmt::format(
              "{} is anonymous: name it (\"data:{}\") so it becomes a dataset that moves with the service",
              text_what, *text));
    }
    const std::string source(parts[0]);
    if (source.starts_with("/") || source.starts_with(".") || source.starts_with("~"))
      return reader.error(item, fmt::format("{} is a bind mount: {}", text_what, bind_why));
    if (parts.size() == 3 && parts[2] != "rw")
      return reader.error(
          item, fmt::format("{} has mode \"{}\": flocker mounts an application's datasets read-write",
                            text_what, parts[2]));
    if (parts.size() > 3) return reader.error(item, fmt::format("{} is not NAME:PATH", text_what));
    add_volume(item, app, source, std::string(parts[1]));
  }

  // depends_on: {db: {condition: ..., restart: ..., required: ...}}. flocker
  // starts containers in order and watches nothing after, so of the
  // conditions only service_started has a meaning; restart and required are
  // Compose's own and harmless.
  void dependency_condition(const std::string& app, const std::string& other, const YAML::Node& how) {
    if (how.IsNull()) return;
    const auto what = fmt::format("depends_on \"{}\" of service \"{}\"", other, app);
    reader.for_each_entry(
        how, what,
        [&](const std::string& key, const YAML::Node&, const YAML::Node& value) {
          const auto field_what = fmt::format("\"{}\" of {}", key, what);
          if (key != "condition") {
            reader.bool_value(value, field_what);
            return;
          }
          auto condition = reader.string_value(value, field_what);
          if (!condition || *condition == "service_started") return;
          const auto start_order = fmt::format(
              "it starts \"{}\" once the container of \"{}\" has started (start order only)", app, other);
          if (*condition == "service_healthy")
            reader.error(
                value,
                fmt::format(
                    "{} waits for service_healthy, but flocker runs no health checks: {}, so \"{}\" should "
                    "retry its first connection; write condition: service_started",
                    what, start_order, app));
          else if (*condition == "service_completed_successfully")
            reader.error(
                value,
                fmt::format(
                    "{} waits for service_completed_successfully, but flocker waits for no container to "
                    "exit: {}; write condition: service_started",
                    what, start_order));
          else
            reader.error(value,
                         fmt::format("{} must be service_started, not \"{}\"", field_what, *condition));
        },
        {"condition", "restart", "required"});
  }

  // deploy: only resources.limits.memory, the version 3 way to write
  // mem_limit, has a meaning for flocker; every other key is refused with why.
  std::optional<YAML::Node> deploy_memory(const YAML::Node& node, const std::string& where) {
    std::optional<YAML::Node> memory;
    const auto refuse = [&](const YAML::Node& key_node, const std::string& path) {
      reader.error(key_node, refused_deploy_key(path, where));
    };
    reader.for_each_entry(
        node, fmt::format("deploy of {}", where),
        [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& resources) {
          if (key != "resources") return refuse(key_node, key);
          reader.for_each_entry(
              resources, fmt::format("deploy.resources of {}", where),
              [&](const std::string& kind, const YAML::Node& kind_node, const YAML::Node& limits) {
                if (kind != "limits") return refuse(kind_node, "resources." + kind);
                reader.for_each_entry(
                    limits, fmt::format("deploy.resources.limits of {}", where),
                    [&](const std::string& limit, const YAML::Node& limit_node, const YAML::Node& value) {
                      if (limit == "memory")
                        memory.emplace(value);
                      else
                        refuse(limit_node, "resources.limits." + limit);
                    },
                    {"memory", "cpus", "pids"});
              },
              {"limits", "reservations"});
        });
    return memory;
  }

  std::optional<RestartSpec> restart(const YAML::Node& node, const std::string& app) {
    auto text = reader.string_value(node, fmt::format("\"restart\" of service \"{}\"", app));
    if (!text) return std::nullopt;
    if (*text == "no") return RestartSpec{RestartPolicy::Never, std::nullopt};
    if (*text == "always") return RestartSpec{RestartPolicy::Always, std::nullopt};
    if (*text == "on-failure") return RestartSpec{RestartPolicy::OnFailure, std::nullopt};
    if (text->starts_with("on-failure:")) {
      auto count = to_number(std::string_view(*text).substr(11));
      if (count && *count >= 1 && *count <= 1000000)
        return RestartSpec{RestartPolicy::OnFailure, static_cast<int>(*count)};
    }
    if (*text == "unless-stopped") {
      reader.error(node, fmt::format("\"restart\" of service \"{}\": unless-stopped is not supported: "
                                     "flocker stops containers on purpose "
                                     "when it moves or replaces them; use always",
                                     app));
      return std::nullopt;
    }
    reader.error(
        node,
        fmt::format(
            "\"restart\" of service \"{}\" must be \"no\", always, on-failure or on-failure:N, not \"{}\"",
            app, *text));
    return std::nullopt;
  }

  std::optional<int> duration_seconds(const YAML::Node& node, const std::string& app) {
    const auto what = fmt::format("\"stop_grace_period\" of service \"{}\"", app);
    auto text = reader.string_value(node, what);
    if (!text) return std::nullopt;
    long long total = 0, number = 0;
    bool digits = false;
    for (char c : *text) {
      if (c >= '0' && c <= '9') {
        number = number * 10 + (c - '0');
        digits = true;
        if (number > 3600 * 24) break;
      } else if (digits && (c == 'h' || c == 'm' || c == 's')) {
        total += number * (c == 'h' ? 3600 : c == 'm' ? 60 : 1);
        number = 0;
        digits = false;
      } else {
        digits = false;
        total = -1;
        break;
      }
    }
    if (digits) total += number;  // a bare number: seconds
    if (total < 0 || total > 3600 || text->empty()) {
      reader.error(node, fmt::format("{} must be a duration such as 30s or 1m30s, at most 1h, not \"{}\"",
                                     what, *text));
      return std::nullopt;
    }
    return static_cast<int>(total);
  }

  void service(const std::string& name, const YAML::Node& key, const YAML::Node& original) {
    const YAML::Node value = with_merge_keys(original);
    AppSpec app{.name = name, .where = reader.at(key)};
    if (auto why = check_app_name(name))
      reader.error(key, fmt::format("invalid service name \"{}\": {}", name, *why));
    // A compose file arrives interpolated; a fig-style one is Flocker 0.x's,
    // which reads ${...} in environment and image only.
    AppFieldReader fields{reader, env, app.name,
                          fig ? std::optional(InterpolationSyntax::Braced) : std::nullopt};
    const auto secret_names = compose_secret_names(value);
    const auto where = fmt::format("service \"{}\"", name);
    if (!value.IsMap()) {
      reader.error(value, fmt::format("{} must be a mapping, found {}", where, yaml_kind(value)));
      return;
    }
    bool has_image = false;
    std::optional<YAML::Node> secrets_node, mem_limit_node, deploy_memory_node;
    reader.for_each_entry(
        value, where,
        [&](const std::string& field, const YAML::Node& field_key, const YAML::Node& field_value) {
          const auto field_what = fmt::format("\"{}\" of service \"{}\"", field, name);
          if (field.starts_with("x-") && field != "x-flocker") return;  // extensions are for other tools
          if (std::ranges::find(compose_service_keys_read(), field) == compose_service_keys_read().end())
            return reader.error(field_key, refused_service_key(field, where));
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
            environment(fields, field_value, secret_names, app);
          } else if (field == "ports") {
            if (!field_value.IsSequence())
              return reader.error(field_value, fmt::format("{} must be a list", field_what));
            for (const auto& item : field_value) port(item, app);
          } else if (field == "volumes") {
            if (!field_value.IsSequence())
              return reader.error(field_value, fmt::format("{} must be a list", field_what));
            for (const auto& item : field_value) volume(item, app);
          } else if (field == "links") {
            if (!field_value.IsSequence())
              return reader.error(field_value, fmt::format("{} must be a list, found {}", field_what,
                                                           yaml_kind(field_value)));
            for (const auto& item : field_value) {  // each link's errors point at its entry
              auto link = reader.string_value(item, fmt::format("each entry of {}", field_what));
              if (!link) continue;
              auto colon = link->find(':');
              auto target = link->substr(0, colon);
              pending_links.push_back({name, target,
                                       colon == std::string::npos ? target : link->substr(colon + 1),
                                       reader.at(item)});
            }
          } else if (field == "depends_on") {
            if (field_value.IsMap()) {
              reader.for_each_entry(field_value, field_what,
                                    [&](const std::string& other, const YAML::Node&, const YAML::Node& how) {
                                      app.depends_on.push_back(other);
                                      dependency_condition(name, other, how);
                                    });
            } else {
              app.depends_on =
                  reader.string_list(field_value, field_what).value_or(std::vector<std::string>{});
            }
          } else if (field == "restart") {
            app.restart = restart(field_value, name);
          } else if (field == "mem_limit") {
            mem_limit_node.emplace(field_value);
          } else if (field == "deploy") {
            deploy_memory_node = deploy_memory(field_value, where);
          } else if (field == "cpu_shares") {
            app.cpu_shares = fields.cpu_shares(field_value);
          } else if (field == "labels") {
            if (field_value.IsSequence()) {
              for (const auto& item : field_value) {
                auto text = reader.string_value(item, field_what);
                if (!text) continue;
                auto eq = text->find('=');
                auto label = text->substr(0, eq);
                fields.check_label(item, label);
                app.labels[label] = eq == std::string::npos ? "" : text->substr(eq + 1);
              }
            } else {
              fields.labels(field_value, app);
            }
          } else if (field == "stop_grace_period") {
            app.stop_timeout = duration_seconds(field_value, name);
          } else if (field == "x-flocker") {
            reader.for_each_entry(field_value, fmt::format("x-flocker of service \"{}\"", name),
                                  [&](const std::string&, const YAML::Node&, const YAML::Node& secrets) {
                                    secrets_node.emplace(secrets);
                                  },
                                  {"secrets"});
          }
        });
    if (!has_image) reader.error(key, fmt::format("service \"{}\" needs an image", name));
    if (mem_limit_node && deploy_memory_node)
      reader.error(
          *deploy_memory_node,
          fmt::format("service \"{}\" sets its memory limit twice, here and in mem_limit at {}: give one",
                      name, format_location(reader.at(*mem_limit_node))));
    else if (mem_limit_node)
      app.mem_limit = fields.size(*mem_limit_node, fmt::format("\"mem_limit\" of {}", where));
    else if (deploy_memory_node)
      app.mem_limit =
          fields.size(*deploy_memory_node, fmt::format("deploy.resources.limits.memory of {}", where));
    if (secrets_node) {
      for (const auto& item : *secrets_node) {
        auto secret = reader.string_value(item, fmt::format("each secret of service \"{}\"", name));
        if (!secret) continue;
        auto it = app.environment.find(*secret);
        if (it == app.environment.end())
          reader.error(item,
                       fmt::format("secret \"{}\" of service \"{}\" is not one of its environment variables",
                                   *secret, name));
        else if (it->second.find_first_of("\r\n") != std::string::npos)
          reader.error(item, fmt::format("secret environment variable \"{}\" of service \"{}\" contains a "
                                         "line break, which a secret cannot carry",
                                         *secret, name));
        else
          app.secret_environment.insert(*secret);
      }
      if (!secrets_node->IsSequence())
        reader.error(*secrets_node,
                     fmt::format("secrets of service \"{}\" must be a list of variable names", name));
    }
    part.applications.push_back(std::move(app));
  }

  // Compose links carry no ports: a link to a service means one Docker-style
  // link per port it publishes.
  void expand_links() {
    for (const auto& link : pending_links) {
      auto app = std::ranges::find(part.applications, link.app, &AppSpec::name);
      auto target = std::ranges::find(part.applications, link.target, &AppSpec::name);
      if (target == part.applications.end()) {
        reader.error(link.where,
                     fmt::format("service \"{}\" links to \"{}\", which is not a service of this file",
                                 link.app, link.target));
        continue;
      }
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

  void services(const YAML::Node& node) {
    if (node.IsNull()) return;
    reader.for_each_entry(node, "services",
                          [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
                            service(name, key, value);
                          });
    expand_links();
  }
};

}  // namespace

void parse_compose(YamlReader& reader, const YAML::Node& root, const EnvLookup& env, ManifestPart& part) {
  interpolate_compose_file(reader, root, env);
  ComposeReader compose{reader, env, part};
  // The volumes first: services refer to them.
  if (root["volumes"]) compose.top_level_volumes(root["volumes"]);
  reader.for_each_entry(
      root, "the compose file",
      [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& value) {
        if (key == "version") {
          auto version = reader.string_value(value, "version");
          if (version && !(version->starts_with("2") || version->starts_with("3")))
            reader.error(
                value,
                fmt::format(
                    "compose file version \"{}\" is not supported: flocker reads versions 2 and 3 and the "
                    "unversioned Compose Specification",
                    *version));
        } else if (key == "services") {
          compose.services(value);
        } else if (key == "volumes" || key == "name" || key.starts_with("x-")) {
          // read above; the project name means nothing here; extensions are for other tools
        } else if (auto why = why_top_level_key_refused(key)) {
          reader.error(key_node, fmt::format("\"{}\" in the compose file is not supported: {}", key, *why));
        } else {
          reader.error(
              key_node,
              fmt::format("unknown key \"{}\" in the compose file (known: version, services, volumes, name)",
                          key));
        }
      });
}

void parse_fig(YamlReader& reader, const YAML::Node& root, const EnvLookup& env, ManifestPart& part) {
  ComposeReader fig{reader, env, part, /*fig=*/true};
  fig.services(root);
}

}  // namespace flocker

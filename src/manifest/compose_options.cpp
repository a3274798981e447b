// The compose keys that become one setting each: restart, stop_grace_period,
// deploy (its memory limit) and the conditions of depends_on.
#include <fmt/format.h>

#include "manifest/compose_keys.hpp"
#include "manifest/compose_reader.hpp"
#include "util/number.hpp"

namespace flocker {

// depends_on: {db: {condition: ..., restart: ..., required: ...}}. flocker
// starts containers in order and watches nothing after, so of the
// conditions only service_started has a meaning; restart and required are
// Compose's own and harmless.
void ComposeReader::dependency_condition(const std::string& app, const std::string& other,
                                         const YAML::Node& how) {
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
              value, fmt::format(
                         "{} waits for service_completed_successfully, but flocker waits for no container to "
                         "exit: {}; write condition: service_started",
                         what, start_order));
        else
          reader.error(value, fmt::format("{} must be service_started, not \"{}\"", field_what, *condition));
      },
      {"condition", "restart", "required"});
}

// deploy: only resources.limits.memory, the version 3 way to write
// mem_limit, has a meaning for flocker; every other key is refused with why.
std::optional<YAML::Node> ComposeReader::deploy_memory(const YAML::Node& node, const std::string& where) {
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

std::optional<RestartSpec> ComposeReader::restart(const YAML::Node& node, const std::string& app) {
  auto text = reader.string_value(node, fmt::format("\"restart\" of service \"{}\"", app));
  if (!text) return std::nullopt;
  if (*text == "no") return RestartSpec{RestartPolicy::Never, std::nullopt};
  if (*text == "always") return RestartSpec{RestartPolicy::Always, std::nullopt};
  if (*text == "on-failure") return RestartSpec{RestartPolicy::OnFailure, std::nullopt};
  if (text->starts_with("on-failure:")) {
    auto count = parse_number<long long>(std::string_view(*text).substr(11));
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
          "\"restart\" of service \"{}\" must be \"no\", always, on-failure or on-failure:N, not \"{}\"", app,
          *text));
  return std::nullopt;
}

std::optional<int> ComposeReader::duration_seconds(const YAML::Node& node, const std::string& app) {
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
    reader.error(
        node, fmt::format("{} must be a duration such as 30s or 1m30s, at most 1h, not \"{}\"", what, *text));
    return std::nullopt;
  }
  return static_cast<int>(total);
}

}  // namespace flocker

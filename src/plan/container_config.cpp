#include "plan/container_config.hpp"

#include <fmt/format.h>

#include "manifest/link_env.hpp"
#include "plan/secret_digest.hpp"
#include "util/sha256.hpp"
#include "util/size.hpp"

namespace flocker {

std::string container_name(const std::string& app) {
  return "flocker--" + app;
}

std::string dataset_name(const std::string& root, const std::string& app, const std::string& volume) {
  return root + "/" + app + "." + volume;
}

namespace {

std::string restart_argument(const AppSpec& app) {
  if (!app.restart) return "";
  switch (app.restart->policy) {
    case RestartPolicy::Never:
      return "";
    case RestartPolicy::Always:
      return "always";
    case RestartPolicy::OnFailure:
      return app.restart->maximum_retry_count
                 ? fmt::format("on-failure:{}", *app.restart->maximum_retry_count)
                 : "on-failure";
  }
  return "";
}

std::string publish_argument(const PortSpec& port) {
  std::string ip = port.host_ip.find(':') != std::string::npos ? "[" + port.host_ip + "]" : port.host_ip;
  return fmt::format("{}{}{}:{}/{}", ip, ip.empty() ? "" : ":", port.external, port.internal, port.protocol);
}

// "8080/tcp" or "127.0.0.1:8080/tcp": what the node publishes, unique on it.
std::string published_key(const PortSpec& port) {
  return fmt::format("{}{}{}/{}", port.host_ip, port.host_ip.empty() ? "" : ":", port.external,
                     port.protocol);
}

constexpr const char* kSecretKey = "secret";

bool is_secret(const nlohmann::json& value) {
  return value.is_object() && value.contains(kSecretKey);
}

}  // namespace

nlohmann::json container_config(const AppSpec& app) {
  nlohmann::json volumes = nlohmann::json::object();
  for (const auto& volume : app.volumes) volumes[volume.name] = volume.mountpoint;
  nlohmann::json environment = nlohmann::json::object();
  for (const auto& [name, value] : app.environment)
    environment[name] = app.secret_environment.contains(name)
                            ? nlohmann::json{{kSecretKey, secret_digest(app.name, name, value)}}
                            : nlohmann::json(value);
  nlohmann::json config = {
      {"image", app.image},
      {"command", app.command},
      {"environment", environment},
      {"volumes", volumes},
  };
  // Each only when set, so that configurations written before it existed keep their hash.
  if (app.stop_timeout) config["stop_timeout"] = *app.stop_timeout;
  if (app.entrypoint) config["entrypoint"] = *app.entrypoint;
  if (!app.ports.empty()) {
    nlohmann::json ports = nlohmann::json::object();
    for (const auto& port : app.ports) ports[published_key(port)] = port.internal;
    config["ports"] = ports;
  }
  if (!app.links.empty()) {
    // The target's address is part of it: a target that moves changes the variables.
    nlohmann::json links = nlohmann::json::object();
    for (const auto& link : app.links)
      links[fmt::format("{}:{}", link.alias, link.local_port)] =
          fmt::format("{}://{}:{} ({})", link.protocol, link.address, link.remote_port, link.application);
    config["links"] = links;
  }
  if (auto restart = restart_argument(app); !restart.empty()) config["restart"] = restart;
  if (app.mem_limit) config["mem_limit"] = format_size(*app.mem_limit);
  if (app.cpu_shares) config["cpu_shares"] = *app.cpu_shares;
  if (!app.labels.empty()) config["labels"] = app.labels;
  return config;
}

std::string config_hash(const nlohmann::json& config) {
  return sha256_hex(config.dump());
}

namespace {

std::string shown(const nlohmann::json& value) {
  if (is_secret(value)) return "(secret)";
  return value.is_null() ? "(none)" : value.dump();
}

void compare(const std::string& path, const nlohmann::json& before, const nlohmann::json& after,
             std::vector<std::string>& changes) {
  if (before == after) return;
  // A secret shows only that it changed, never a value or its digest.
  if (is_secret(before) && is_secret(after)) {
    changes.push_back(fmt::format("{}: (secret) → (secret, changed)", path));
    return;
  }
  if (is_secret(before) || is_secret(after)) {
    changes.push_back(fmt::format("{}: {} → {}", path, is_secret(before) ? "(secret)" : "(not secret)",
                                  is_secret(after) ? "(secret)" : "(not secret)"));
    return;
  }
  if (before.is_object() && after.is_object()) {
    for (const auto& [key, value] : before.items())
      compare(path + "." + key, value, after.contains(key) ? after[key] : nlohmann::json(), changes);
    for (const auto& [key, value] : after.items())
      if (!before.contains(key)) compare(path + "." + key, nlohmann::json(), value, changes);
    return;
  }
  changes.push_back(fmt::format("{}: {} → {}", path, shown(before), shown(after)));
}

}  // namespace

std::vector<std::string> config_changes(const std::string& recorded, const nlohmann::json& desired) {
  auto before = nlohmann::json::parse(recorded, nullptr, /*allow_exceptions=*/false);
  if (before.is_discarded() || !before.is_object())
    return {"the container carries no readable record of its configuration"};
  std::vector<std::string> changes;
  for (const auto& [key, value] : desired.items())
    compare(key, before.contains(key) ? before[key] : nlohmann::json(), value, changes);
  for (const auto& [key, value] : before.items())
    if (!desired.contains(key)) compare(key, value, nlohmann::json(), changes);
  return changes;
}

ContainerRun container_run(const AppSpec& app, const std::string& root) {
  const auto config = container_config(app);
  ContainerRun run{
      .name = container_name(app.name),
      .image = app.image,
      .command = app.command,
      .environment = app.environment,
      .stop_timeout = app.stop_timeout,
      .labels = app.labels,
      .entrypoint = app.entrypoint,
      .secret_environment = app.secret_environment,
      .restart = restart_argument(app),
      .memory = app.mem_limit,
      .cpu_shares = app.cpu_shares,
  };
  run.labels[kAppLabel] = app.name;
  run.labels[kConfigHashLabel] = config_hash(config);
  run.labels[kConfigLabel] = config.dump();
  run.labels[kRootLabel] = root;
  run.environment.merge(link_environment(app.links));
  for (const auto& port : app.ports) run.publish.push_back(publish_argument(port));
  for (const auto& volume : app.volumes)
    run.volumes.push_back({dataset_name(root, app.name, volume.name), volume.mountpoint});
  return run;
}

}  // namespace flocker

#include "plan/container_config.hpp"

#include <fmt/format.h>

#include "util/sha256.hpp"

namespace flocker {

std::string container_name(const std::string& app) { return "flocker--" + app; }

std::string dataset_name(const std::string& root, const std::string& app, const std::string& volume) {
  return root + "/" + app + "." + volume;
}

nlohmann::json container_config(const AppSpec& app) {
  nlohmann::json volumes = nlohmann::json::object();
  for (const auto& volume : app.volumes) volumes[volume.name] = volume.mountpoint;
  nlohmann::json config = {
      {"image", app.image},
      {"command", app.command},
      {"environment", app.environment},
      {"volumes", volumes},
  };
  // Only when set, so that configurations written before it existed keep their hash.
  if (app.stop_timeout) config["stop_timeout"] = *app.stop_timeout;
  return config;
}

std::string config_hash(const nlohmann::json& config) {
  return sha256_hex(config.dump());
}

namespace {

std::string shown(const nlohmann::json& value) { return value.is_null() ? "(none)" : value.dump(); }

void compare(const std::string& path, const nlohmann::json& before, const nlohmann::json& after,
             std::vector<std::string>& changes) {
  if (before == after) return;
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
      .labels = {{kAppLabel, app.name}, {kConfigHashLabel, config_hash(config)}, {kConfigLabel, config.dump()}},
  };
  for (const auto& volume : app.volumes)
    run.volumes.push_back({dataset_name(root, app.name, volume.name), volume.mountpoint});
  return run;
}

}  // namespace flocker

#include "manifest/normalized.hpp"

#include "manifest/app_fields.hpp"

namespace flocker {

namespace {

nlohmann::json optional_json(const auto& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

std::string restart_name(const std::optional<RestartSpec>& restart) {
  if (!restart) return "never";
  switch (restart->policy) {
    case RestartPolicy::Never:
      return "never";
    case RestartPolicy::Always:
      return "always";
    case RestartPolicy::OnFailure:
      return "on-failure";
  }
  return "never";
}

nlohmann::json app_to_json(const AppSpec& app) {
  nlohmann::json environment = nlohmann::json::object();
  for (const auto& [name, value] : app.environment)
    environment[name] =
        app.secret_environment.contains(name) ? nlohmann::json("(secret)") : nlohmann::json(value);
  auto ports = nlohmann::json::array();
  for (const auto& port : app.ports)
    ports.push_back({{"internal", port.internal},
                     {"external", port.external},
                     {"protocol", port.protocol},
                     {"host_ip", port.host_ip}});
  auto links = nlohmann::json::array();
  for (const auto& link : app.links)
    links.push_back({{"alias", link.alias},
                     {"local_port", link.local_port},
                     {"remote_port", link.remote_port},
                     {"application", link.application},
                     {"protocol", link.protocol},
                     {"address", link.address}});
  auto volumes = nlohmann::json::array();
  for (const auto& volume : app.volumes)
    volumes.push_back(
        {{"name", volume.name},
         {"mountpoint", volume.mountpoint},
         {"maximum_size",
          volume.maximum_size ? nlohmann::json(format_size(*volume.maximum_size)) : nlohmann::json()}});
  nlohmann::json out = {
      {"image", app.image},
      {"command", app.command},
      {"entrypoint", optional_json(app.entrypoint)},
      {"environment", environment},
      {"ports", ports},
      {"links", links},
      {"depends_on", app.depends_on},
      {"restart_policy",
       {{"name", restart_name(app.restart)},
        {"maximum_retry_count",
         app.restart ? optional_json(app.restart->maximum_retry_count) : nlohmann::json()}}},
      {"mem_limit", app.mem_limit ? nlohmann::json(format_size(*app.mem_limit)) : nlohmann::json()},
      {"cpu_shares", optional_json(app.cpu_shares)},
      {"labels", app.labels},
      {"volumes", volumes},
      {"stop_timeout", optional_json(app.stop_timeout)},
  };
  // Only with replicas, so the model of an application without is as before.
  if (!app.replicas.empty()) {
    auto replicas = nlohmann::json::array();
    for (const auto& replica : app.replicas) replicas.push_back(replica.node);
    out["replicas"] = replicas;
    out["max_lag_seconds"] = app.max_lag_seconds;
  }
  return out;
}

nlohmann::json transfer_to_json(const TransferSettings& transfer) {
  nlohmann::json out = {{"mode", transfer.mode == Transport::Direct ? "direct" : "relay"},
                        {"compression", compression_choice_name(transfer.compression)},
                        {"buffer", transfer.buffer ? "auto" : "off"}};
  if (transfer.bandwidth != 0) out["bandwidth"] = format_size(transfer.bandwidth);  // bytes per second
  return out;
}

}  // namespace

nlohmann::json manifest_to_json(const Manifest& manifest) {
  nlohmann::json nodes = nlohmann::json::object();
  for (const auto& [name, node] : manifest.nodes)
    nodes[name] = {
        {"host", node.host},
        {"port", optional_json(node.port)},
        {"user", optional_json(node.user)},
        {"address", node.reachable_address()},
        {"root", node.zfs_root},
        {"sudo", node.sudo},
        {"transfer_address",
         node.transfer_address.empty() ? nlohmann::json() : nlohmann::json(node.transfer_address.text())}};
  nlohmann::json applications = nlohmann::json::object();
  for (const auto& [name, app] : manifest.applications) applications[name] = app_to_json(app);
  return {
      {"transfer", transfer_to_json(manifest.transfer)},
      {"nodes", nodes},
      {"applications", applications},
      {"deployment", manifest.deployment},
      {"start_order", manifest.start_order},
  };
}

}  // namespace flocker

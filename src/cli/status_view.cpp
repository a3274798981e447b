#include "cli/status_view.hpp"

#include <fmt/format.h>

#include <set>

#include "cli/common.hpp"
#include "plan/container_config.hpp"
#include "util/duration.hpp"
#include "util/size.hpp"
#include "util/table.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

struct AppRow {
  std::string app, node, state, image, deployed_on;
};

// Every flocker container found, plus the applications of the manifest that have none.
std::vector<AppRow> application_rows(const Manifest& manifest, const Observed& observed) {
  std::vector<AppRow> rows;
  std::set<std::string> seen;
  for (const auto& [node, state] : observed.nodes)
    for (const auto& container : state.containers) {
      std::string deployed_on =
          manifest.applications.contains(container.app) ? manifest.node_of(container.app) : "";
      rows.push_back({container.app, node, container.state, container.image, deployed_on});
      seen.insert(container.app);
    }
  for (const auto& [app, spec] : manifest.applications) {
    if (seen.contains(app)) continue;
    const auto& node = manifest.node_of(app);
    bool known = observed.nodes.contains(node) && observed.nodes.at(node).ok();
    rows.push_back({app, node, known ? "not running" : "unknown", spec.image, node});
  }
  std::ranges::sort(rows, {}, [](const AppRow& row) { return std::tie(row.app, row.node); });
  return rows;
}

// What flocker leaves alone on a node: another root's containers, and those
// named like its own that it did not make.
std::string foreign_owner(const ContainerState& container) {
  if (container.app.empty()) return "not made by flocker";
  if (container.root.empty()) return "another root (older flocker)";
  return "another root (" + container.root + ")";
}

// live: the node that holds it owns it; standby: a copy left by a move, owned elsewhere.
std::string dataset_role(const DatasetState& dataset, const std::string& node) {
  if (dataset.owner.empty()) return "-";
  if (dataset.owner == node) return "live";
  return "standby of " + dataset.owner;
}

std::string node_health(const NodeState& state) {
  if (!state.reachable) return "unreachable";
  if (!state.error.empty()) return "error";
  return "ok";
}

// Why a node's data cannot be seen; empty when it was read.
std::string unseen_node(const Observed& observed, const std::string& node) {
  auto it = observed.nodes.find(node);
  if (it == observed.nodes.end() || !it->second.reachable) return node + " cannot be reached";
  if (!it->second.error.empty()) return node + " could not be read";
  return "";
}

ReplicaStatus replica_status(const Manifest& manifest, const Observed& observed, ReplicaVolume replica) {
  ReplicaStatus status{.replica = std::move(replica)};
  const auto& row = status.replica;
  if (auto why = unseen_node(observed, row.node); !why.empty()) {
    status.state = ReplicaState::Problem;
    status.problem = why;
    status.unseen = true;
  } else if (auto live =
                 row.live_node.empty() ? unseen_node(observed, manifest.node_of(row.app)) : std::string();
             !live.empty()) {
    // The live copy is on the node the application is deployed on, most likely.
    status.state = ReplicaState::Problem;
    status.problem = "the live copy cannot be seen: " + live;
    status.unseen = true;
  } else if (!row.problem.empty()) {
    status.state = ReplicaState::Problem;
    status.problem = row.problem;
    status.hint = row.hint;
  } else if (!row.exists) {
    status.state = ReplicaState::Missing;
  } else {
    status.state = row.within_bound() ? ReplicaState::Ok : ReplicaState::Behind;
  }
  return status;
}

bool any_replicas(const Manifest& manifest) {
  return std::ranges::any_of(manifest.applications,
                             [](const auto& entry) { return !entry.second.replicas.empty(); });
}

// "replica of web on node2 (volume "www")", as the plan names one.
std::string replica_name(const ReplicaVolume& replica) {
  return fmt::format("replica of {} on {} (volume \"{}\")", replica.app, replica.node, replica.volume);
}

std::string lag_text(const ReplicaStatus& status) {
  if (status.replica.lag_seconds) return format_duration(*status.replica.lag_seconds);
  return status.state == ReplicaState::Behind ? "unknown" : "-";
}

// The table's word for a state.
std::string state_text(const ReplicaStatus& status) {
  if (status.state == ReplicaState::Problem) return status.unseen ? "unknown" : "cannot refresh";
  return std::string(replica_state_name(status.state));
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

std::string render_replicas_text(const Manifest& manifest, const Observed& observed, const Style& style) {
  std::vector<std::vector<std::string>> rows = {
      {"APPLICATION", "VOLUME", "NODE", "SNAPSHOT", "LAG", "MAX_LAG", "UNREPLICATED", "STATE"}};
  std::string problems;
  for (const auto& status : replica_statuses(manifest, observed)) {
    const auto& replica = status.replica;
    rows.push_back(
        {replica.app, replica.volume, replica.node, replica.snapshot.empty() ? "-" : replica.snapshot,
         lag_text(status), format_duration(replica.max_lag_seconds),
         replica.unreplicated_bytes ? human_bytes(*replica.unreplicated_bytes) : "-", state_text(status)});
    if (status.state != ReplicaState::Problem) continue;
    problems +=
        style.paint("  ! ", Colour::Red) + printable(replica_name(replica) + ": " + status.problem) + "\n";
    if (!status.hint.empty()) problems += "      " + printable(status.hint) + "\n";
  }
  return style.paint("Replicas", Colour::Bold) + "\n" + (rows.size() > 1 ? render_table(rows) : "(none)\n") +
         problems;
}

nlohmann::json optional_json(const std::string& text) {
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

}  // namespace

std::string_view replica_state_name(ReplicaState state) {
  switch (state) {
    case ReplicaState::Ok:
      return "ok";
    case ReplicaState::Behind:
      return "behind";
    case ReplicaState::Missing:
      return "missing";
    case ReplicaState::Problem:
      return "problem";
  }
  return "";
}

std::vector<ReplicaStatus> replica_statuses(const Manifest& manifest, const Observed& observed) {
  std::vector<ReplicaStatus> statuses;
  for (auto& replica : replica_volumes(manifest, observed))
    statuses.push_back(replica_status(manifest, observed, std::move(replica)));
  return statuses;
}

StatusCheck check_status(const Manifest& manifest, const Observed& observed) {
  StatusCheck check;
  for (const auto& status : replica_statuses(manifest, observed)) {
    const auto& replica = status.replica;
    const auto max_lag = format_duration(replica.max_lag_seconds);
    std::string line;
    switch (status.state) {
      case ReplicaState::Ok:
        continue;
      case ReplicaState::Behind:
        line =
            fmt::format("{} is behind: lag {}, max_lag {}", replica_name(replica), lag_text(status), max_lag);
        break;
      case ReplicaState::Missing:
        line = fmt::format("{} is missing: no copy yet, max_lag {}", replica_name(replica), max_lag);
        break;
      case ReplicaState::Problem:
        line = fmt::format("{} {}: {}", replica_name(replica),
                           status.unseen ? "cannot be checked" : "cannot be refreshed",
                           first_line(status.problem));
        break;
    }
    check.messages.push_back(printable(line, true));
  }
  const bool all_read =
      std::ranges::all_of(observed.nodes, [](const auto& entry) { return entry.second.ok(); });
  check.exit_code = !all_read                ? exit_code::kError
                    : check.messages.empty() ? exit_code::kOk
                                             : exit_code::kReplicasBehind;
  return check;
}

std::string render_status_text(const Manifest& manifest, const Observed& observed, const Style& style) {
  std::string text;
  std::vector<std::vector<std::string>> nodes = {{"NODE", "STATUS", "ZFS", "DOCKER", "ROOT"}};
  std::vector<std::string> problems;
  for (const auto& [name, state] : observed.nodes) {
    auto health = node_health(state);
    std::string zfs = state.flavour == ZfsFlavour::Unknown
                          ? "-"
                          : fmt::format("{} {}", flavour_name(state.flavour), state.zfs_version);
    std::string root = state.ok()
                           ? (state.root_exists ? state.zfs_root : state.zfs_root + " (not created yet)")
                           : state.zfs_root;
    nodes.push_back({name, health, zfs, state.docker_version.empty() ? "-" : state.docker_version, root});
    if (!state.error.empty()) problems.push_back(fmt::format("{}: {}", name, state.error));
    if (!state.lock_holder.empty())
      problems.push_back(fmt::format("{}: locked by {}", name, state.lock_holder));
  }
  text += style.paint("Nodes", Colour::Bold) + "\n" + render_table(nodes);
  for (const auto& problem : problems) text += style.paint("  ! ", Colour::Red) + printable(problem) + "\n";

  std::vector<std::vector<std::string>> apps = {{"APPLICATION", "NODE", "STATE", "IMAGE", "MANIFEST"}};
  for (const auto& row : application_rows(manifest, observed)) {
    std::string expectation = row.deployed_on.empty()       ? "not in manifest"
                              : row.deployed_on == row.node ? "deployed here"
                                                            : "deployed on " + row.deployed_on;
    apps.push_back({row.app, row.node, row.state, row.image, expectation});
  }
  for (const auto& [name, state] : observed.nodes)
    for (const auto& container : state.foreign_containers)
      apps.push_back({container.app.empty() ? container.name : container.app, name, container.state,
                      container.image, foreign_owner(container)});
  text += "\n" + style.paint("Applications", Colour::Bold) + "\n" + render_table(apps);

  std::vector<std::vector<std::string>> datasets = {{"DATASET", "NODE", "USED", "ROLE", "GEN", "MOUNTPOINT"}};
  for (const auto& [name, state] : observed.nodes)
    for (const auto& dataset : state.datasets)
      datasets.push_back({dataset.name, name, human_bytes(dataset.used), dataset_role(dataset, name),
                          dataset.generation > 0 ? std::to_string(dataset.generation) : "-",
                          dataset.mounted ? dataset.mountpoint : dataset.mountpoint + " (not mounted)"});
  text += "\n" + style.paint("Datasets", Colour::Bold) + "\n";
  text += datasets.size() > 1 ? render_table(datasets) : "(none)\n";
  if (any_replicas(manifest)) text += "\n" + render_replicas_text(manifest, observed, style);
  return text;
}

nlohmann::json status_to_json(const Manifest& manifest, const Observed& observed) {
  auto nodes = nlohmann::json::array();
  auto datasets = nlohmann::json::array();
  for (const auto& [name, state] : observed.nodes) {
    nlohmann::json node = {
        {"name", name},
        {"status", node_health(state)},
        {"zfs", {{"flavour", flavour_name(state.flavour)}, {"version", state.zfs_version}}},
        {"docker_version", state.docker_version},
        {"root", state.zfs_root},
        {"root_exists", state.root_exists},
    };
    if (!state.error.empty()) node["error"] = state.error;
    node["lock"] = state.lock_holder.empty() ? nlohmann::json() : nlohmann::json(state.lock_holder);
    nodes.push_back(node);
    for (const auto& dataset : state.datasets)
      datasets.push_back({{"name", dataset.name},
                          {"node", name},
                          {"used_bytes", dataset.used},
                          {"owner", dataset.owner},
                          {"role", dataset.owner.empty()   ? "none"
                                   : dataset.owner == name ? "live"
                                                           : "standby"},
                          {"app", dataset.app},
                          {"volume", dataset.volume},
                          {"generation", dataset.generation},
                          {"mountpoint", dataset.mountpoint},
                          {"mounted", dataset.mounted},
                          {"readonly", dataset.readonly}});
  }
  auto apps = nlohmann::json::array();
  for (const auto& row : application_rows(manifest, observed))
    apps.push_back(
        {{"name", row.app},
         {"node", row.node},
         {"state", row.state},
         {"image", row.image},
         {"deployed_on", row.deployed_on.empty() ? nlohmann::json() : nlohmann::json(row.deployed_on)}});
  auto others = nlohmann::json::array();
  for (const auto& [name, state] : observed.nodes)
    for (const auto& container : state.foreign_containers)
      others.push_back(
          {{"name", container.name},
           {"node", name},
           {"state", container.state},
           {"image", container.image},
           {"app", container.app.empty() ? nlohmann::json() : nlohmann::json(container.app)},
           {"root", container.root.empty() ? nlohmann::json() : nlohmann::json(container.root)}});
  auto replicas = nlohmann::json::array();
  for (const auto& status : replica_statuses(manifest, observed)) {
    const auto& replica = status.replica;
    replicas.push_back(
        {{"app", replica.app},
         {"volume", replica.volume},
         {"node", replica.node},
         {"live_node", optional_json(replica.live_node)},
         {"snapshot", optional_json(replica.snapshot)},
         {"snapshot_time", replica.snapshot.empty() || replica.snapshot_time <= 0
                               ? nlohmann::json()
                               : nlohmann::json(replica.snapshot_time)},
         {"lag_seconds", replica.lag_seconds ? nlohmann::json(*replica.lag_seconds) : nlohmann::json()},
         {"max_lag_seconds", replica.max_lag_seconds},
         {"unreplicated_bytes",
          replica.unreplicated_bytes ? nlohmann::json(*replica.unreplicated_bytes) : nlohmann::json()},
         {"state", replica_state_name(status.state)},
         {"problem", optional_json(status.problem)}});
  }
  return {{"format_version", 1},        {"nodes", nodes},      {"applications", apps}, {"datasets", datasets},
          {"other_containers", others}, {"replicas", replicas}};
}

}  // namespace flocker

#include "cli/status_view.hpp"

#include <fmt/format.h>

#include <set>

#include "plan/container_config.hpp"
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

}  // namespace

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
  return {{"format_version", 1},
          {"nodes", nodes},
          {"applications", apps},
          {"datasets", datasets},
          {"other_containers", others}};
}

}  // namespace flocker

#include <fmt/format.h>

#include <algorithm>

#include "manifest/load.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

template <class Map>
std::vector<std::string> keys_of(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

// A manifest that repeats one mistake thousands of times gets this many
// guesses; later unknown names are listed without one.
constexpr size_t kMaxSuggestions = 20;
constexpr size_t kMaxNamesListed = 10;

// "unknown node \"nod2\"" and what says where (" in ..."), then a guess or the names defined.
template <class Map>
std::string unknown_name_message(std::string_view kind, const std::string& name, const Map& known,
                                 size_t& suggestions, std::string_view where = {}) {
  auto message = fmt::format("unknown {} \"{}\"{}", kind, name, where);
  if (known.empty()) return message + fmt::format(" (no {}s are defined)", kind);
  if (suggestions < kMaxSuggestions) {
    ++suggestions;
    if (auto guess = closest_match(name, keys_of(known)))
      return message + fmt::format(" (did you mean \"{}\"?)", *guess);
  }
  std::vector<std::string> names;  // the first few only: this runs once per unknown name
  for (auto it = known.begin(); it != known.end() && names.size() < kMaxNamesListed; ++it)
    names.push_back(it->first);
  if (known.size() <= kMaxNamesListed) return message + fmt::format(" (defined: {})", fmt::join(names, ", "));
  return message +
         fmt::format(" (defined: {}, and {} more)", fmt::join(names, ", "), known.size() - kMaxNamesListed);
}

// Two nodes that reach one sshd are one Docker and one set of datasets: each
// would plan the other's containers away, and nested roots share datasets.
void check_endpoints(const Manifest& manifest, Diagnostics& diagnostics) {
  std::map<std::string, const NodeSpec*> endpoints;  // "host:port" -> first node there
  for (const auto& [name, node] : manifest.nodes) {
    const auto endpoint = fmt::format("{}:{}", node.host, node.port.value_or(22));
    auto [it, added] = endpoints.emplace(endpoint, &node);
    if (added) continue;
    const NodeSpec& first = *it->second;
    const bool nested = node.zfs_root == first.zfs_root || node.zfs_root.starts_with(first.zfs_root + "/") ||
                        first.zfs_root.starts_with(node.zfs_root + "/");
    diagnostics.push_back(
        {node.where,
         fmt::format(
             "node \"{}\" is the same endpoint as node \"{}\" ({}, defined at {}){}: one host's Docker "
             "would run both nodes' containers, and each node's plan would remove the other's",
             name, first.name, endpoint, format_location(first.where),
             nested ? fmt::format(", and their roots {} and {} nest", first.zfs_root, node.zfs_root)
                    : std::string())});
  }
}

// Each replica names a defined node, once per application. A replica on the
// node the application is deployed on is the plan's to judge (it is how an
// application moves onto its standby).
void check_replicas(const Manifest& manifest, Diagnostics& diagnostics, size_t& suggestions) {
  for (const auto& [name, app] : manifest.applications) {
    std::map<std::string, SourceLocation> seen;
    for (const auto& replica : app.replicas) {
      auto [first, added] = seen.emplace(replica.node, replica.where);
      if (!added)
        diagnostics.push_back(
            {replica.where, fmt::format("node \"{}\" is listed twice in the replicas of application \"{}\" "
                                        "(first at {}): a node keeps one standby of an application",
                                        replica.node, name, format_location(first->second))});
      else if (!manifest.nodes.contains(replica.node))
        diagnostics.push_back(
            {replica.where,
             unknown_name_message("node", replica.node, manifest.nodes, suggestions,
                                  fmt::format(" in the replicas of application \"{}\"", name))});
    }
  }
}

}  // namespace

std::expected<Manifest, Diagnostics> validate_manifest(const std::vector<ManifestPart>& parts) {
  Diagnostics diagnostics;
  auto error = [&](const SourceLocation& where, std::string message) {
    diagnostics.push_back({where, std::move(message)});
  };
  Manifest manifest;
  size_t suggestions = 0;
  for (const auto& part : parts) {
    manifest.files.push_back(part.file);
    for (const auto& node : part.nodes) {
      auto [it, added] = manifest.nodes.emplace(node.name, node);
      if (!added)
        error(node.where, fmt::format("node \"{}\" is already defined at {}", node.name,
                                      format_location(it->second.where)));
    }
    for (const auto& app : part.applications) {
      auto [it, added] = manifest.applications.emplace(app.name, app);
      if (!added)
        error(app.where, fmt::format("application \"{}\" is already defined at {}", app.name,
                                     format_location(it->second.where)));
    }
  }

  // Nodes a Flocker 0.x deployment file names: a native definition wins.
  for (const auto& part : parts)
    for (const auto& node : part.implicit_nodes) manifest.nodes.emplace(node.name, node);

  check_endpoints(manifest, diagnostics);
  check_replicas(manifest, diagnostics, suggestions);

  std::optional<SourceLocation> transfer_where;
  for (const auto& part : parts) {
    if (!part.transfer) continue;
    if (transfer_where && manifest.transfer != *part.transfer)
      error(part.transfer_where,
            fmt::format("transfer is set differently at {}", format_location(*transfer_where)));
    manifest.transfer = *part.transfer;
    transfer_where = part.transfer_where;
  }

  std::map<std::string, SourceLocation> deployed_nodes;
  std::map<std::string, DeploymentEntry> placements;
  for (const auto& part : parts) {
    for (const auto& [node, where] : part.deployment_nodes) {
      auto [it, added] = deployed_nodes.emplace(node, where);
      if (!added)
        error(where,
              fmt::format("node \"{}\" already has a deployment at {}", node, format_location(it->second)));
      else if (!manifest.nodes.contains(node))
        error(where, unknown_name_message("node", node, manifest.nodes, suggestions));
      manifest.deployment[node];  // a node listed with no applications runs nothing
    }
    for (const auto& entry : part.deployment) {
      if (!manifest.applications.contains(entry.app)) {
        error(entry.app_where,
              unknown_name_message("application", entry.app, manifest.applications, suggestions));
        continue;
      }
      auto [it, added] = placements.emplace(entry.app, entry);
      if (!added) {
        error(entry.app_where,
              fmt::format("application \"{}\" is deployed twice: on \"{}\" here and on \"{}\" at {}; an "
                          "application runs on one node",
                          entry.app, entry.node, it->second.node, format_location(it->second.app_where)));
        continue;
      }
      manifest.deployment[entry.node].push_back(entry.app);
    }
  }
  for (const auto& [name, app] : manifest.applications)
    if (!placements.contains(name))
      error(app.where,
            fmt::format("application \"{}\" is not deployed on any node: list it under `deployment` "
                        "(for compose and Flocker 0.x application files, in a file given with it)",
                        name));
  const bool all_readable = std::ranges::all_of(parts, &ManifestPart::readable);
  if (manifest.nodes.empty() && !parts.empty() && all_readable)
    error({parts.front().file, 1, 1}, "no nodes are defined: add a `nodes` section");

  if (diagnostics.empty()) resolve_manifest(manifest, diagnostics);
  if (!diagnostics.empty()) return std::unexpected(std::move(diagnostics));
  return manifest;
}

}  // namespace flocker

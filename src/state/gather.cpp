#include "state/gather.hpp"

#include <fmt/format.h>

#include <mutex>

#include "state/observe.hpp"
#include "util/parallel.hpp"

namespace flocker {

Cluster gather(const Manifest& manifest, const HostFactory& connect, size_t parallelism) {
  std::vector<const NodeSpec*> nodes;
  for (const auto& [name, node] : manifest.nodes) nodes.push_back(&node);
  std::vector<NodeState> states(nodes.size());
  std::vector<std::unique_ptr<Host>> hosts(nodes.size());
  parallel_for(nodes.size(), parallelism, [&](size_t i) {
    const NodeSpec& node = *nodes[i];
    auto host = connect(node);
    if (!host) {
      states[i] = NodeState{.node = node.name, .error = describe(host.error()), .zfs_root = node.zfs_root};
      return;
    }
    states[i] = observe_node(**host, node, manifest);
    hosts[i] = std::move(*host);
  });
  Cluster cluster;
  for (size_t i = 0; i < nodes.size(); ++i) {
    cluster.observed.nodes.emplace(nodes[i]->name, std::move(states[i]));
    if (hosts[i]) cluster.hosts.emplace(nodes[i]->name, std::move(hosts[i]));
  }
  return cluster;
}

void reobserve(Cluster& cluster, const Manifest& manifest, size_t parallelism) {
  std::vector<std::pair<const NodeSpec*, Host*>> nodes;
  for (const auto& [name, host] : cluster.hosts) nodes.emplace_back(&manifest.nodes.at(name), host.get());
  std::vector<NodeState> states(nodes.size());
  parallel_for(nodes.size(), parallelism,
               [&](size_t i) { states[i] = observe_node(*nodes[i].second, *nodes[i].first, manifest); });
  for (size_t i = 0; i < nodes.size(); ++i)
    cluster.observed.nodes[nodes[i].first->name] = std::move(states[i]);
}

std::optional<Error> Cluster::unavailable() const {
  std::string message;
  size_t count = 0;
  for (const auto& [name, state] : observed.nodes) {
    if (state.ok()) continue;
    ++count;
    std::string detail = state.error;
    for (size_t at = detail.find('\n'); at != std::string::npos; at = detail.find('\n', at + 1))
      detail.insert(at + 1, "  ");
    message += fmt::format("\n  {}: {}", name, detail);
  }
  if (count == 0) return std::nullopt;
  return Error{fmt::format("{} of {} nodes could not be reached or read; nothing was changed:{}", count,
                           observed.nodes.size(), message),
               "fix the nodes above (or remove them from the manifest) and run the command again"};
}

}  // namespace flocker

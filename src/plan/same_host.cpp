#include "plan/same_host.hpp"

#include <fmt/format.h>

#include <map>

namespace flocker {

namespace {

// "ssh-ed25519 …Qm9v5x0A": enough to recognise the key, short enough for a line.
std::string short_key(const std::string& key) {
  const auto space = key.find(' ');
  if (space == std::string::npos || key.size() - space <= 13) return key;
  return key.substr(0, space) + " …" + key.substr(key.size() - 12);
}

}  // namespace

std::vector<std::string> same_host_blockers(const Observed& observed) {
  std::map<std::string, std::vector<std::string>> nodes_by_key;
  for (const auto& [name, state] : observed.nodes)
    if (!state.host_key.empty()) nodes_by_key[state.host_key].push_back(name);
  std::vector<std::string> blockers;
  for (const auto& [key, nodes] : nodes_by_key) {
    if (nodes.size() < 2) continue;
    std::string names;
    for (const auto& node : nodes) names += (names.empty() ? "" : " and ") + node;
    blockers.push_back(fmt::format(
        "nodes {} are one machine: each answered with the host key {}; flocker would count its pool "
        "twice.\n      Keep one of these nodes in the manifest (or fix the `host`/`port` of the other)",
        names, short_key(key)));
  }
  return blockers;
}

}  // namespace flocker

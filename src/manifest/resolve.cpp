#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "manifest/app_fields.hpp"
#include "manifest/link_env.hpp"
#include "manifest/load.hpp"

namespace flocker {

namespace {

struct Resolver {
  Manifest& manifest;
  Diagnostics& diagnostics;
  std::map<std::string, std::string> node_of;  // application -> node it is deployed on

  Resolver(Manifest& m, Diagnostics& d) : manifest(m), diagnostics(d) {
    for (const auto& [node, apps] : manifest.deployment)
      for (const auto& app : apps) node_of.emplace(app, node);
  }

  void error(const SourceLocation& where, std::string message) {
    diagnostics.push_back({where, std::move(message)});
  }

  // The port a link with this remote_port reaches: of the given protocol (a
  // compose link is one per published port), else the tcp one when the target
  // publishes the number for both; of several host_ips one on all addresses
  // first, then one on a given address, a loopback last.
  static const PortSpec* published(const AppSpec& app, int external, const std::string& protocol = "") {
    const PortSpec* best = nullptr;
    auto order = [](const PortSpec& port) {
      return std::pair(port.protocol != "tcp", is_wildcard_address(port.host_ip)   ? 0
                                               : is_loopback_address(port.host_ip) ? 2
                                                                                   : 1);
    };
    for (const auto& port : app.ports)
      if (port.external == external && (protocol.empty() || port.protocol == protocol) &&
          (best == nullptr || order(port) < order(*best)))
        best = &port;
    return best;
  }

  void resolve_link(const AppSpec& app, LinkSpec& link) {
    const auto what = fmt::format("link \"{}\" of application \"{}\"", link.alias, app.name);
    if (link.application.empty()) {
      // Flocker 0.x: the target is the application that publishes remote_port.
      std::vector<std::string> candidates;
      for (const auto& [name, other] : manifest.applications)
        if (name != app.name && published(other, link.remote_port)) candidates.push_back(name);
      if (candidates.empty())
        return error(
            link.where,
            fmt::format("{}: no application publishes port {} (remote_port names an `external` port)", what,
                        link.remote_port));
      if (candidates.size() > 1)
        return error(link.where, fmt::format("{}: port {} is published by {}: say which with `application:`",
                                             what, link.remote_port, fmt::join(candidates, " and ")));
      link.application = candidates.front();
    }
    auto target = manifest.applications.find(link.application);
    if (target == manifest.applications.end())
      return error(link.where, fmt::format("{} names unknown application \"{}\"", what, link.application));
    if (target->first == app.name)
      return error(link.where, fmt::format("{} points at the application itself", what));
    const auto* port = published(target->second, link.remote_port, link.protocol);
    if (port == nullptr)
      return error(
          link.where,
          fmt::format("{}: application \"{}\" publishes no port {} (remote_port names an `external` port)",
                      what, link.application, link.remote_port));
    // Containers run on Docker's bridge network, where 127.0.0.1 is the
    // container's own: a port published only on the node's loopback reaches
    // no container, on that node or another.
    if (is_loopback_address(port->host_ip))
      return error(
          link.where,
          fmt::format(
              "{}: application \"{}\" publishes port {} only on {}, which no container reaches "
              "(a container's loopback is its own): publish it on the node's address, or leave out host_ip",
              what, link.application, link.remote_port, port->host_ip));
    link.protocol = port->protocol;
    // A port published on one address is reached there; on all addresses, at the node's.
    link.address = is_wildcard_address(port->host_ip)
                       ? manifest.nodes.at(node_of.at(link.application)).reachable_address()
                       : port->host_ip;
  }

  void check_link_variables(const AppSpec& app) {
    std::map<std::string, const LinkSpec*> seen;
    for (size_t index = 0; index < app.links.size(); ++index) {
      const auto& link = app.links[index];
      for (const auto& [name, value] : link_variables(app.links, index)) {
        if (app.environment.contains(name) && name == alias_port_variable(link))
          continue;  // the environment wins
        if (app.environment.contains(name))
          error(link.where,
                fmt::format("link \"{}\" of application \"{}\" sets {}, which its environment also sets",
                            link.alias, app.name, name));
        else if (auto [it, added] = seen.emplace(name, &link); !added)
          error(link.where,
                fmt::format(
                    "links of application \"{}\" both set {}: give them different aliases or local ports",
                    app.name, name));
      }
    }
  }

  void check_ports() {
    for (const auto& [node, apps] : manifest.deployment) {
      std::map<std::string, std::string> used;  // "ip:port/proto" -> app
      for (const auto& name : apps)
        for (const auto& port : manifest.applications.at(name).ports) {
          const auto key = fmt::format("{}:{}/{}", port.host_ip, port.external, port.protocol);
          auto [it, added] = used.emplace(key, name);
          if (!added)
            error(port.where, fmt::format("port {}/{} is published twice on node \"{}\" (by {} and {})",
                                          port.external, port.protocol, node, it->second, name));
        }
    }
  }

  // Kahn's algorithm, ties by name; what remains is on or behind a cycle.
  void order() {
    std::map<std::string, std::set<std::string>> needs;  // app -> apps that start before it
    for (auto& [name, app] : manifest.applications) {
      auto& before = needs[name];
      for (const auto& link : app.links)
        if (manifest.applications.contains(link.application) && link.application != name)
          before.insert(link.application);
      for (const auto& other : app.depends_on) {
        if (!manifest.applications.contains(other))
          error(app.where,
                fmt::format("application \"{}\" depends on unknown application \"{}\"", name, other));
        else if (other == name)
          error(app.where, fmt::format("application \"{}\" depends on itself", name));
        else
          before.insert(other);
      }
    }
    std::map<std::string, std::vector<std::string>> needed_by;  // the reverse edges
    std::map<std::string, size_t> waiting;                      // how many of `before` have not started
    std::set<std::string> ready;
    for (const auto& [name, before] : needs) {
      waiting[name] = before.size();
      for (const auto& other : before) needed_by[other].push_back(name);
      if (before.empty()) ready.insert(name);
    }
    while (!ready.empty()) {
      auto next = *ready.begin();
      ready.erase(ready.begin());
      manifest.start_order.push_back(next);
      for (const auto& name : needed_by[next])
        if (--waiting[name] == 0) ready.insert(name);
    }
    if (manifest.start_order.size() == manifest.applications.size()) return;
    // Report one cycle, found by walking from an application left over.
    std::set<std::string> placed(manifest.start_order.begin(), manifest.start_order.end());
    std::string at;
    for (const auto& [name, before] : needs)
      if (!placed.contains(name)) {
        at = name;
        break;
      }
    std::vector<std::string> path;
    while (std::ranges::find(path, at) == path.end()) {
      path.push_back(at);
      for (const auto& next : needs[at])
        if (!placed.contains(next)) {
          at = next;
          break;
        }
    }
    std::vector<std::string> cycle(std::ranges::find(path, at), path.end());
    std::ranges::reverse(cycle);
    cycle.push_back(cycle.front());
    error(manifest.applications.at(cycle.front()).where,
          fmt::format("links and depends_on form a cycle ({}): no application of it could start first",
                      fmt::join(cycle, " → ")));
  }
};

}  // namespace

void resolve_manifest(Manifest& manifest, Diagnostics& diagnostics) {
  Resolver resolver{manifest, diagnostics};
  for (auto& [name, app] : manifest.applications) {
    // `never` is Docker's default: the same as saying nothing, so all formats agree.
    if (app.restart && app.restart->policy == RestartPolicy::Never) app.restart.reset();
    for (auto& link : app.links) resolver.resolve_link(app, link);
    resolver.check_link_variables(app);
  }
  resolver.check_ports();
  resolver.order();
}

}  // namespace flocker

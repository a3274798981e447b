#pragma once
// Connects to every node of the manifest and observes it, nodes in parallel.
#include <functional>
#include <map>
#include <memory>

#include "manifest/model.hpp"
#include "remote/host.hpp"
#include "state/model.hpp"

namespace flocker {

using HostFactory = std::function<Result<std::unique_ptr<Host>>(const NodeSpec&)>;

struct Cluster {
  std::map<std::string, std::unique_ptr<Host>> hosts;  // the nodes that answered
  Observed observed;                                   // every node, answered or not

  // The nodes that could not be reached or read, as one error; nullopt if none.
  std::optional<Error> unavailable() const;
};

Cluster gather(const Manifest& manifest, const HostFactory& connect, size_t parallelism);

// Observes the connected nodes again, in parallel, over their open sessions.
void reobserve(Cluster& cluster, const Manifest& manifest, size_t parallelism);

}  // namespace flocker

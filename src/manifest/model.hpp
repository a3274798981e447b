#pragma once
// Desired state: what the manifest files ask for, as plain values.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "manifest/diagnostic.hpp"

namespace flocker {

struct VolumeSpec {
  std::string name;
  std::string mountpoint;  // inside the container
  SourceLocation where;
};

struct AppSpec {
  std::string name;
  std::string image;
  std::vector<std::string> command;               // empty: the image's default
  std::map<std::string, std::string> environment;  // sorted, so hashing is canonical
  std::vector<VolumeSpec> volumes;                 // in manifest order
  std::optional<int> stop_timeout;                 // seconds `docker stop` waits before SIGKILL
  SourceLocation where;
};

struct NodeSpec {
  std::string name;
  std::string host;                 // SSH alias or address; defaults to the node name
  std::optional<int> port;          // overrides the SSH config
  std::optional<std::string> user;  // overrides the SSH config
  std::string zfs_root;             // the dataset flocker owns on this node
  bool sudo = false;                // prefix commands with `sudo -n`
  SourceLocation where;
};

// How a move's data travels: A pipes `zfs send` to B over SSH with a one-time
// key (direct), or flocker pumps it between its own two sessions (relay).
enum class Transport { Direct, Relay };

struct Manifest {
  Transport transport = Transport::Direct;
  std::map<std::string, NodeSpec> nodes;
  std::map<std::string, AppSpec> applications;
  std::map<std::string, std::vector<std::string>> deployment;  // node -> applications
  std::vector<std::string> files;                               // where it was read from

  // The node an application is deployed to. REQUIRES: the manifest was validated.
  const std::string& node_of(const std::string& app) const;
};

}  // namespace flocker

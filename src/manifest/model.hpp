#pragma once
// Desired state: what the manifest files ask for, as plain values.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "manifest/diagnostic.hpp"
#include "manifest/transfer_address.hpp"

namespace flocker {

struct VolumeSpec {
  std::string name;
  std::string mountpoint;                     // inside the container
  std::optional<std::uint64_t> maximum_size;  // bytes; a ZFS refquota on the dataset
  SourceLocation where;
};

// A port of the container published on the node running it.
struct PortSpec {
  int internal = 0;              // inside the container
  int external = 0;              // on the node
  std::string protocol = "tcp";  // tcp or udp
  std::string host_ip;           // the node address to publish on; empty: Docker's default
  SourceLocation where;
};

// Docker-style link variables (ALIAS_PORT_<local>_TCP=tcp://address:remote)
// that point at the node running another application, so a link works across
// nodes. Flocker 0.x links name no application: the target is the one that
// publishes remote_port; validate_manifest() resolves it.
struct LinkSpec {
  std::string alias;
  int local_port = 0;
  int remote_port = 0;
  std::string application;  // the target; resolved by validation when not given
  // Filled by validate_manifest() (protocol already by compose, which links each published port):
  std::string protocol;  // of the target's published port
  std::string address;   // of the node the target is deployed on
  SourceLocation where;
};

// A node named in an application's `replicas`, with where it was written.
struct ReplicaSpec {
  std::string node;
  SourceLocation where;
};

constexpr long long kDefaultMaxLagSeconds = 15 * 60;

enum class RestartPolicy { Never, Always, OnFailure };

struct RestartSpec {
  RestartPolicy policy = RestartPolicy::Never;
  std::optional<int> maximum_retry_count;  // OnFailure only
  bool operator==(const RestartSpec&) const = default;
};

struct AppSpec {
  std::string name;
  std::string image;
  std::vector<std::string> command;                    // empty: the image's default
  std::optional<std::vector<std::string>> entrypoint;  // set (even empty): replaces the image's
  std::map<std::string, std::string> environment;      // sorted, so hashing is canonical
  std::set<std::string> secret_environment;            // names whose values never leave the node
  std::vector<PortSpec> ports;
  std::vector<LinkSpec> links;
  std::vector<std::string> depends_on;     // start order only (compose)
  std::optional<RestartSpec> restart;      // unset: never
  std::optional<std::uint64_t> mem_limit;  // bytes
  std::optional<int> cpu_shares;
  std::map<std::string, std::string> labels;
  std::vector<VolumeSpec> volumes;  // in manifest order
  std::optional<int> stop_timeout;  // seconds `docker stop` waits before SIGKILL
  // Nodes that keep a read-only standby of every volume, refreshed from the
  // live copy (`replicas:`; compose: `x-flocker: {replicas: [...]}`).
  std::vector<ReplicaSpec> replicas;
  // How far behind a replica may fall (its newest snapshot's age), seconds:
  // the recovery point objective. `max_lag:`; 15 minutes when not set.
  long long max_lag_seconds = kDefaultMaxLagSeconds;
  SourceLocation max_lag_where;  // where max_lag was written; empty when defaulted
  SourceLocation where;
};

struct NodeSpec {
  std::string name;
  std::string host;                 // SSH alias or address; defaults to the node name
  std::optional<int> port;          // overrides the SSH config
  std::optional<std::string> user;  // overrides the SSH config
  std::string address;              // where others reach its published ports; empty: host
  // Where the other nodes reach its sshd for direct transfers, when not at
  // the address and port flocker uses (another network, a NAT).
  TransferAddress transfer_address;
  std::string zfs_root;  // the dataset flocker owns on this node
  bool sudo = false;     // prefix commands with `sudo -n`
  SourceLocation where;

  const std::string& reachable_address() const { return address.empty() ? host : address; }
};

// How a move's data travels: A pipes `zfs send` to B over SSH with a one-time
// key (direct), or flocker pumps it between its own two sessions (relay).
enum class Transport { Direct, Relay };

// Whether the stream is compressed on its way. Auto: zstd, else lz4, when both
// ends have the tool, except for streams OpenZFS already sends compressed.
enum class CompressionChoice { Auto, Zstd, Lz4, Off };

struct TransferSettings {
  Transport mode = Transport::Direct;
  CompressionChoice compression = CompressionChoice::Auto;
  bool buffer = true;  // mbuffer on both ends when both have it
  // Bytes per second a stream may use (moves and replication alike); 0: no limit.
  unsigned long long bandwidth = 0;

  bool operator==(const TransferSettings&) const = default;
};

std::string_view compression_choice_name(CompressionChoice choice);

struct Manifest {
  TransferSettings transfer;
  std::map<std::string, NodeSpec> nodes;
  std::map<std::string, AppSpec> applications;
  std::map<std::string, std::vector<std::string>> deployment;  // node -> applications
  std::vector<std::string> files;                              // where it was read from
  // Per file, the variables of flocker's environment its ${...} asked for,
  // sorted (whether allowed or not: manifest/variable_access.hpp).
  std::map<std::string, std::vector<std::string>> variables;
  // The allow list it was read with (--allow-env).
  std::set<std::string> allowed_variables;
  // Applications in the order they start: an application after those it links
  // to or depends on, ties by name. Filled by validate_manifest().
  std::vector<std::string> start_order;

  // The node an application is deployed to. REQUIRES: the manifest was validated.
  const std::string& node_of(const std::string& app) const;
  // Position in start_order (0 first). REQUIRES: the manifest was validated.
  size_t start_rank(const std::string& app) const;
};

}  // namespace flocker

#pragma once
// Observed state: what the nodes really hold, as plain values.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flocker {

enum class ZfsFlavour { Unknown, OpenZfs, ZfsFuse };
std::string_view flavour_name(ZfsFlavour flavour);

struct SnapshotState {
  std::string name;  // the part after '@'
  std::string guid;
  unsigned long long createtxg = 0;
  unsigned long long written = 0;  // OpenZFS: bytes written between the previous snapshot and this one
  // When it was taken, seconds since the epoch by the clock of the node that
  // took it (a received snapshot keeps its creation time); 0 when unknown.
  long long creation = 0;
};

struct DatasetState {
  std::string name;                   // full dataset name
  unsigned long long used = 0;        // with snapshots and descendants
  unsigned long long referenced = 0;  // the dataset's own data: what refquota limits
  unsigned long long refquota = 0;    // 0: none
  std::string mountpoint;
  bool mounted = false;
  bool readonly = false;
  // flocker's user properties; empty when not set.
  std::string app;
  std::string volume;
  std::string owner;
  long long generation = 0;
  std::string lock;  // flocker:lock, set on the lock dataset only
  // OpenZFS only (zfs-fuse lacks both): bytes written since the newest
  // snapshot, and the token an interrupted `receive -s` left (empty: none).
  unsigned long long written = 0;
  std::string resume_token;
  std::vector<SnapshotState> snapshots;  // oldest first (by createtxg)
};

struct ContainerState {
  std::string name;
  std::string id;
  std::string image;
  std::string state;                // docker's: running, exited, created, paused, restarting, dead
  std::string app;                  // label flocker.app
  std::string config_hash;          // label flocker.config-hash
  std::string config;               // label flocker.config: canonical JSON of the spec it was started with
  std::string root;                 // label flocker.root: the root dataset of the manifest that made it
  std::vector<std::string> mounts;  // host paths docker reports it binds
  std::vector<std::string> docker_volumes;  // docker volumes it mounts (an image's VOLUME makes one)
  // Made by a flocker before the root label, and taken as this root's (see container_scope.hpp).
  bool adopted = false;
  bool running() const { return state == "running" || state == "restarting"; }
};

// The optional tools a node has for moving streams, probed by running each.
struct NodeTools {
  bool zstd = false;
  bool lz4 = false;
  bool mbuffer = false;
  bool dd_progress = false;  // GNU dd with status=progress (busybox's has none)

  bool operator==(const NodeTools&) const = default;
};

struct NodeState {
  std::string node;
  bool reachable = false;  // an SSH session was established
  std::string error;       // why it could not be reached or observed; empty when all is well
  bool ok() const { return reachable && error.empty(); }
  ZfsFlavour flavour = ZfsFlavour::Unknown;
  std::string zfs_version;
  std::string docker_version;
  std::string zfs_root;
  bool root_exists = false;
  std::string lock_holder;                 // who holds flocker's lock on this node; empty when free
  std::vector<DatasetState> datasets;      // below the root, the root itself and the lock excluded
  std::vector<ContainerState> containers;  // this root's (flocker.root), and adopted older ones
  // Containers flocker must never stop or remove here: another root's, and
  // those named flocker--* that carry no flocker labels (container_scope.hpp).
  std::vector<ContainerState> foreign_containers;
  std::string host_key;  // the SSH host key verified for this node; empty without SSH
  NodeTools tools;
  // The node's clock when observed, seconds since the epoch (0: unknown): a
  // replica's lag is measured against the live node's own clock, as the
  // creation time of its snapshots is.
  long long clock = 0;
  // image -> the VOLUME paths it declares (empty: none), for the images of the
  // manifest's applications deployed or running here that this node has; an
  // image it lacks (to be pulled) is absent. Only for the plan's warnings.
  std::map<std::string, std::vector<std::string>> image_volumes;

  const DatasetState* find_dataset(std::string_view name) const;
  const ContainerState* find_container(std::string_view name) const;
};

struct Observed {
  std::map<std::string, NodeState> nodes;
};

}  // namespace flocker

#pragma once
// A plan: the ordered steps that bring the nodes to the manifest, each with
// the reason it exists.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "manifest/transfer_address.hpp"

namespace flocker {

enum class StepKind {
  CreateRoot,        // + flocker's root dataset on a node
  CreateDataset,     // + a volume's dataset
  RunContainer,      // + a new container
  StartContainer,    // ~ an existing, stopped container with the right configuration
  ReplaceContainer,  // -/+ configuration drift: remove and run again; the data stays
  RemoveContainer,   // - a container the manifest no longer deploys there; the data stays
  MoveApplication,   // > an application and its data, from source_node to node
  CompleteHandOff,   // ~ claim a copy whose hand-off was interrupted after the source let go
  DestroyDataset,  // - data of an application or volume no longer in the manifest (only with --allow-destroy)
  UpdateQuota,     // ~ a volume's maximum_size changed: set its dataset's refquota in place
  CreateReplica,   // + a replica node has no copy of an application's volumes yet: send them whole
  RefreshReplica,  // ~ a replica fell behind (max_lag): send what the live copy wrote since
};

std::string_view step_symbol(StepKind kind);
std::string_view step_kind_name(StepKind kind);  // "create_dataset", for JSON

// Why a step exists, for programs (as the prose reason is for people): one
// code per cause diff gives a reason for. Stable: JSON carries its name.
enum class ReasonCode {
  Unset,               // none: only a plan saved by a flocker before reason codes
  RootMissing,         // create_root: flocker's root dataset is missing
  HandOffInterrupted,  // complete_hand_off: a move stopped after the source let go
  NoDataset,           // create_dataset: a volume has no dataset yet
  QuotaChanged,        // update_quota: maximum_size differs from the refquota
  Moved,               // move_application: deployed on another node than its data
  NoContainer,         // run_container: deployed on a node that has no container for it
  ConfigDrift,         // replace_container: the container's configuration differs
  Stopped,             // start_container: right configuration, not running
  NotInManifest,       // remove_container, destroy_dataset: the application is gone
  DeployedElsewhere,   // remove_container: the application is now on another node
  VolumeRemoved,       // destroy_dataset: the application no longer has the volume
  ReplicaMissing,      // create_replica: a node in replicas holds no copy yet
  ReplicaBehind,       // refresh_replica: the replica's newest common snapshot is older than allowed
  ReplicaRequested,    // refresh_replica: refreshed because asked (replicate --all), not yet behind
  NotAReplica,         // destroy_dataset: a standby on a node the application's replicas no longer name
};
std::string_view reason_code_name(ReasonCode code);  // "config_drift"; "" for Unset
std::optional<ReasonCode> reason_code_named(std::string_view name);

struct VolumeBinding {
  std::string dataset;
  std::string mountpoint;  // inside the container
};

struct ContainerRun {
  std::string name;
  std::string image;
  std::vector<std::string> command;
  std::map<std::string, std::string> environment;
  std::vector<VolumeBinding> volumes;
  std::optional<int> stop_timeout;
  std::map<std::string, std::string> labels;
  std::optional<std::vector<std::string>> entrypoint;  // set (even empty): replaces the image's
  std::set<std::string> secret_environment;  // sent to docker on stdin: never in an argv, a plan or a log
  std::vector<std::string> publish;          // docker --publish: [ip:]external:internal/protocol
  std::string restart;                       // docker --restart: always, on-failure[:N]; empty: no
  std::optional<std::uint64_t> memory;       // bytes
  std::optional<int> cpu_shares;
};

// What a move's stream passes through besides zfs send and zfs receive.
enum class StreamCompression { None, Zstd, Lz4 };
std::string_view stream_compression_name(StreamCompression compression);  // "zstd"; "none"

struct StreamStages {
  StreamCompression compression =
      StreamCompression::None;  // compressed on the source, expanded on the target
  bool buffer = false;          // mbuffer on both ends, to ride out each side's stalls
  bool count = false;           // dd on the source counts the bytes: progress for direct transfers
  // Bytes per second the stream may use on the wire (transfer.bandwidth), by
  // mbuffer's rate limit on the source; 0: none.
  unsigned long long rate_limit = 0;

  bool operator==(const StreamStages&) const = default;
};

// One dataset of a moving application.
struct VolumeMove {
  std::string volume;
  std::string source;  // the live dataset on the source node
  std::string target;  // its copy on the target node (a standby, or created by the move)
  std::string base;    // the newest snapshot both hold (matched by guid); empty: a full send
  bool target_exists = false;
  unsigned long long estimated_bytes = 0;  // of the pre-copy; 0 when unknown
  std::string resume_token;                // OpenZFS: the target holds an interrupted receive -s
  int next_snapshot = 1;                   // the move's snapshots are flocker-N, flocker-N+1
  long long generation = 0;                // the source's flocker:generation
  // Snapshots of the source (and target) that other copies of the volume
  // share as their newest with it: never pruned, so those copies can still be
  // refreshed, or moved to, with an increment.
  std::vector<std::string> keep;
  // Replication: flocker's snapshots the source and the replica held when
  // planned, destroyed once the new one arrived (never one in keep).
  std::vector<std::string> prune_source;
  std::vector<std::string> prune_target;
};

// How far behind a replica is, for the plan's words (refresh_replica).
struct ReplicaLag {
  std::optional<long long> seconds;  // the live node's clock − its newest common snapshot; unknown: nullopt
  long long max_seconds = 0;
};

struct Step {
  StepKind kind;
  std::string node;
  std::string app;     // empty for CreateRoot
  std::string target;  // the dataset or container the step acts on
  std::string reason;  // why the step exists
  ReasonCode reason_code = ReasonCode::Unset;
  std::vector<std::string>
      changes;  // ReplaceContainer: "image: a → b" (secrets masked); UpdateQuota: "none → 100M"
  std::map<std::string, std::string> properties;  // CreateDataset, UpdateQuota: ZFS properties to set
  ContainerRun run;         // RunContainer, ReplaceContainer, MoveApplication: what to start
  std::string source_node;  // MoveApplication: where the application runs now
  bool direct = true;       // MoveApplication: direct (node to node) or relayed by flocker
  bool openzfs_streams =
      false;            // MoveApplication: both ends run OpenZFS (large-block, embedded, compressed send)
  StreamStages stream;  // MoveApplication: compression, buffering, counting
  TransferAddress transfer_address;   // MoveApplication, direct: where the source reaches the target's sshd
  std::vector<VolumeMove> moves;      // MoveApplication: its datasets
  unsigned long long data_bytes = 0;  // DestroyDataset: what the dataset and its snapshots use
  ReplicaLag lag;                     // RefreshReplica
  std::vector<std::string>
      starts_after;           // applications whose containers start first (links, depends_on), on any node
  std::vector<size_t> after;  // the steps (indices in the plan) this one waits for: plan/step_graph.hpp
};

// Whether the step (re)starts its application's container.
bool starts_container(const Step& step);
// Whether the step sends data from source_node to node (a move, a replica).
bool transfers_data(const Step& step);
// The nodes a step acts on: its node, and the source of a transfer.
std::vector<std::string> nodes_of(const Step& step);

struct Plan {
  std::vector<Step> steps;         // in order; each waits for the steps in its `after`
  std::vector<std::string> notes;  // things left alone on purpose, e.g. kept data

  bool empty() const { return steps.empty(); }
};

struct PlanSummary {
  int add = 0;
  int move = 0;
  int change = 0;
  int replace = 0;
  int remove = 0;
  int destroy = 0;    // datasets
  int replicate = 0;  // replicas created or refreshed
  unsigned long long destroy_bytes = 0;
};

PlanSummary summarize(const Plan& plan);

// What the plan would do, without what merely describes it (reasons, size
// estimates, notes): two plans with the same fingerprint make the same changes.
// Steps that create a root dataset are left out when skip_roots is set.
std::string plan_fingerprint(const Plan& plan, bool skip_roots = false);

}  // namespace flocker

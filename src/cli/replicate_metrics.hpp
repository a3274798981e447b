#pragma once
// What `flocker replicate --metrics-file` writes after each pass: the
// Prometheus text format that node_exporter's textfile collector reads.
// Pure: the rows and counters in, the text out.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "plan/replicas.hpp"
#include "state/model.hpp"

namespace flocker {

// Since the process started, per (application, replica node).
struct ReplicaCounters {
  long long last_success = 0;  // seconds since the epoch; 0: none yet
  unsigned long long bytes_sent = 0;
  unsigned long long failures = 0;
};

struct ReplicationMetrics {
  std::vector<ReplicaVolume> replicas;  // as observed after the pass
  std::map<std::pair<std::string, std::string>, ReplicaCounters> counters;
  std::map<std::string, bool> nodes_up;  // node -> it answered
  long long pass_time = 0;               // when the pass ended, seconds since the epoch
  double pass_seconds = 0;
};

// flocker_replica_lag_seconds{app,volume,node} (absent when unknown),
// flocker_replica_max_lag_seconds, flocker_replica_within_bound (1/0),
// flocker_replica_last_success_timestamp_seconds{app,node},
// flocker_replica_sent_bytes_total, flocker_replica_failures_total,
// flocker_node_up{node}, flocker_replicate_last_pass_timestamp_seconds,
// flocker_replicate_last_pass_duration_seconds.
std::string render_replication_metrics(const ReplicationMetrics& metrics);

// A label value as the text format wants it: \, " and newline escaped.
std::string metric_label_value(const std::string& value);

}  // namespace flocker

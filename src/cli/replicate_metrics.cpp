#include "cli/replicate_metrics.hpp"

#include <fmt/format.h>

namespace flocker {

namespace {

void header(std::string& text, std::string_view name, std::string_view type, std::string_view help) {
  text += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

std::string replica_labels(const ReplicaVolume& row) {
  return fmt::format("app=\"{}\",volume=\"{}\",node=\"{}\"", metric_label_value(row.app),
                     metric_label_value(row.volume), metric_label_value(row.node));
}

std::string pair_labels(const std::pair<std::string, std::string>& key) {
  return fmt::format("app=\"{}\",node=\"{}\"", metric_label_value(key.first), metric_label_value(key.second));
}

}  // namespace

std::string metric_label_value(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\')
      escaped += "\\\\";
    else if (c == '"')
      escaped += "\\\"";
    else if (c == '\n')
      escaped += "\\n";
    else
      escaped += c;
  }
  return escaped;
}

std::string render_replication_metrics(const ReplicationMetrics& metrics) {
  std::string text;
  header(text, "flocker_replica_lag_seconds", "gauge",
         "Age of the newest snapshot a replica shares with the live copy (absent while unknown).");
  for (const auto& row : metrics.replicas)
    if (row.lag_seconds)
      text += fmt::format("flocker_replica_lag_seconds{{{}}} {}\n", replica_labels(row), *row.lag_seconds);
  header(text, "flocker_replica_max_lag_seconds", "gauge",
         "The replica's max_lag (recovery point objective).");
  for (const auto& row : metrics.replicas)
    text +=
        fmt::format("flocker_replica_max_lag_seconds{{{}}} {}\n", replica_labels(row), row.max_lag_seconds);
  header(text, "flocker_replica_within_bound", "gauge",
         "1 when the replica exists, can be refreshed and is within max_lag, else 0.");
  for (const auto& row : metrics.replicas)
    text += fmt::format("flocker_replica_within_bound{{{}}} {}\n", replica_labels(row),
                        row.within_bound() ? 1 : 0);
  header(text, "flocker_replica_last_success_timestamp_seconds", "gauge",
         "When this process last refreshed the replica (absent before its first success).");
  for (const auto& [key, counters] : metrics.counters)
    if (counters.last_success > 0)
      text += fmt::format("flocker_replica_last_success_timestamp_seconds{{{}}} {}\n", pair_labels(key),
                          counters.last_success);
  header(text, "flocker_replica_sent_bytes_total", "counter", "Bytes sent to the replica by this process.");
  for (const auto& [key, counters] : metrics.counters)
    text += fmt::format("flocker_replica_sent_bytes_total{{{}}} {}\n", pair_labels(key), counters.bytes_sent);
  header(text, "flocker_replica_failures_total", "counter", "Refreshes of the replica that failed.");
  for (const auto& [key, counters] : metrics.counters)
    text += fmt::format("flocker_replica_failures_total{{{}}} {}\n", pair_labels(key), counters.failures);
  header(text, "flocker_node_up", "gauge", "1 when the node answered over SSH in the last pass, else 0.");
  for (const auto& [node, up] : metrics.nodes_up)
    text += fmt::format("flocker_node_up{{node=\"{}\"}} {}\n", metric_label_value(node), up ? 1 : 0);
  header(text, "flocker_replicate_last_pass_timestamp_seconds", "gauge", "When the last pass ended.");
  text += fmt::format("flocker_replicate_last_pass_timestamp_seconds {}\n", metrics.pass_time);
  header(text, "flocker_replicate_last_pass_duration_seconds", "gauge", "How long the last pass took.");
  text += fmt::format("flocker_replicate_last_pass_duration_seconds {:.3f}\n", metrics.pass_seconds);
  return text;
}

}  // namespace flocker

#include "plan/model.hpp"

#include <fmt/format.h>

#include <array>

namespace flocker {

std::string_view step_symbol(StepKind kind) {
  switch (kind) {
    case StepKind::CreateRoot:
    case StepKind::CreateDataset:
    case StepKind::RunContainer:
      return "+";
    case StepKind::CreateReplica:
      return "+";
    case StepKind::StartContainer:
    case StepKind::CompleteHandOff:
    case StepKind::UpdateQuota:
    case StepKind::RefreshReplica:
      return "~";
    case StepKind::ReplaceContainer:
      return "-/+";
    case StepKind::RemoveContainer:
    case StepKind::DestroyDataset:
      return "-";
    case StepKind::MoveApplication:
      return ">";
  }
  return "?";
}

std::string_view step_kind_name(StepKind kind) {
  switch (kind) {
    case StepKind::CreateRoot:
      return "create_root";
    case StepKind::CreateDataset:
      return "create_dataset";
    case StepKind::RunContainer:
      return "run_container";
    case StepKind::StartContainer:
      return "start_container";
    case StepKind::ReplaceContainer:
      return "replace_container";
    case StepKind::RemoveContainer:
      return "remove_container";
    case StepKind::MoveApplication:
      return "move_application";
    case StepKind::CompleteHandOff:
      return "complete_hand_off";
    case StepKind::DestroyDataset:
      return "destroy_dataset";
    case StepKind::UpdateQuota:
      return "update_quota";
    case StepKind::CreateReplica:
      return "create_replica";
    case StepKind::RefreshReplica:
      return "refresh_replica";
  }
  return "unknown";
}

namespace {

constexpr std::array kReasonCodes{
    ReasonCode::RootMissing,   ReasonCode::HandOffInterrupted,
    ReasonCode::NoDataset,     ReasonCode::QuotaChanged,
    ReasonCode::Moved,         ReasonCode::NoContainer,
    ReasonCode::ConfigDrift,   ReasonCode::Stopped,
    ReasonCode::NotInManifest, ReasonCode::DeployedElsewhere,
    ReasonCode::VolumeRemoved, ReasonCode::ReplicaMissing,
    ReasonCode::ReplicaBehind, ReasonCode::ReplicaRequested,
    ReasonCode::NotAReplica,
};

}  // namespace

std::string_view reason_code_name(ReasonCode code) {
  switch (code) {
    case ReasonCode::Unset:
      return "";
    case ReasonCode::RootMissing:
      return "root_missing";
    case ReasonCode::HandOffInterrupted:
      return "handoff_interrupted";
    case ReasonCode::NoDataset:
      return "no_dataset";
    case ReasonCode::QuotaChanged:
      return "quota_changed";
    case ReasonCode::Moved:
      return "moved";
    case ReasonCode::NoContainer:
      return "no_container";
    case ReasonCode::ConfigDrift:
      return "config_drift";
    case ReasonCode::Stopped:
      return "stopped";
    case ReasonCode::NotInManifest:
      return "not_in_manifest";
    case ReasonCode::DeployedElsewhere:
      return "deployed_elsewhere";
    case ReasonCode::VolumeRemoved:
      return "volume_removed";
    case ReasonCode::ReplicaMissing:
      return "replica_missing";
    case ReasonCode::ReplicaBehind:
      return "replica_behind";
    case ReasonCode::ReplicaRequested:
      return "replica_requested";
    case ReasonCode::NotAReplica:
      return "not_a_replica";
  }
  return "";
}

std::optional<ReasonCode> reason_code_named(std::string_view name) {
  for (auto code : kReasonCodes)
    if (reason_code_name(code) == name) return code;
  return std::nullopt;
}

std::string_view stream_compression_name(StreamCompression compression) {
  switch (compression) {
    case StreamCompression::None:
      return "none";
    case StreamCompression::Zstd:
      return "zstd";
    case StreamCompression::Lz4:
      return "lz4";
  }
  return "none";
}

std::string plan_fingerprint(const Plan& plan, bool skip_roots) {
  std::string text;
  for (const auto& step : plan.steps) {
    if (skip_roots && step.kind == StepKind::CreateRoot) continue;
    text +=
        std::string(step_kind_name(step.kind)) + " " + step.node + " " + step.source_node + " " + step.target;
    for (const auto& [key, value] : step.properties) text += " " + key + "=" + value;
    for (const auto& [key, value] : step.run.labels) text += " " + key + "=" + value;
    for (const auto& move : step.moves)
      text +=
          " " + move.source + ">" + move.target + "@" + move.base + "#" + std::to_string(move.next_snapshot);
    if (transfers_data(step))
      text +=
          fmt::format(" via {} {}{}{} {}", step.direct ? "direct" : "relay",
                      stream_compression_name(step.stream.compression), step.stream.buffer ? " buffered" : "",
                      step.stream.count ? " counted" : "", step.transfer_address.text());
    if (step.stream.rate_limit > 0) text += fmt::format(" limit {}", step.stream.rate_limit);
    text += "\n";
  }
  return text;
}

bool transfers_data(const Step& step) {
  return step.kind == StepKind::MoveApplication || step.kind == StepKind::CreateReplica ||
         step.kind == StepKind::RefreshReplica;
}

std::vector<std::string> nodes_of(const Step& step) {
  if (transfers_data(step)) return {step.source_node, step.node};
  return {step.node};
}

bool starts_container(const Step& step) {
  return step.kind == StepKind::RunContainer || step.kind == StepKind::ReplaceContainer ||
         step.kind == StepKind::StartContainer || step.kind == StepKind::MoveApplication;
}

PlanSummary summarize(const Plan& plan) {
  PlanSummary summary;
  for (const auto& step : plan.steps) {
    switch (step.kind) {
      case StepKind::CreateRoot:
      case StepKind::CreateDataset:
      case StepKind::RunContainer:
        ++summary.add;
        break;
      case StepKind::StartContainer:
      case StepKind::CompleteHandOff:
      case StepKind::UpdateQuota:
        ++summary.change;
        break;
      case StepKind::ReplaceContainer:
        ++summary.replace;
        break;
      case StepKind::RemoveContainer:
        ++summary.remove;
        break;
      case StepKind::MoveApplication:
        ++summary.move;
        break;
      case StepKind::DestroyDataset:
        ++summary.destroy;
        summary.destroy_bytes += step.data_bytes;
        break;
      case StepKind::CreateReplica:
      case StepKind::RefreshReplica:
        ++summary.replicate;
        break;
    }
  }
  return summary;
}

}  // namespace flocker

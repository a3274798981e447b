#include "plan/plan_from_json.hpp"

#include <fmt/format.h>

#include <array>

namespace flocker {

namespace {

constexpr std::array kKinds{StepKind::CreateRoot,      StepKind::CreateDataset,    StepKind::RunContainer,
                            StepKind::StartContainer,  StepKind::ReplaceContainer, StepKind::RemoveContainer,
                            StepKind::MoveApplication, StepKind::CompleteHandOff,  StepKind::DestroyDataset,
                            StepKind::UpdateQuota,     StepKind::CreateReplica,    StepKind::RefreshReplica};

Result<StepKind> kind_named(const std::string& name) {
  for (auto kind : kKinds)
    if (step_kind_name(kind) == name) return kind;
  return fail(fmt::format("unknown step kind \"{}\"", name));
}

VolumeMove volume_move_from_json(const nlohmann::json& json) {
  VolumeMove move{.volume = json.at("volume").get<std::string>(),
                  .source = json.at("source").get<std::string>(),
                  .target = json.at("target").get<std::string>(),
                  .target_exists = json.value("target_exists", false)};
  if (json.contains("base_snapshot") && json["base_snapshot"].is_string())
    move.base = json["base_snapshot"].get<std::string>();
  if (json.contains("estimated_bytes") && json["estimated_bytes"].is_number())
    move.estimated_bytes = json["estimated_bytes"].get<unsigned long long>();
  return move;
}

}  // namespace

Result<Plan> plan_from_json(const nlohmann::json& json) {
  try {
    Plan plan;
    for (const auto& entry : json.at("steps")) {
      auto kind = kind_named(entry.at("kind").get<std::string>());
      if (!kind) return std::unexpected(kind.error());
      Step step{.kind = *kind,
                .node = entry.at("node").get<std::string>(),
                .app = entry.value("app", ""),
                .target = entry.at("target").get<std::string>(),
                .reason = entry.at("reason").get<std::string>(),
                .changes = entry.value("changes", std::vector<std::string>{}),
                .source_node = entry.value("from", ""),
                .data_bytes = entry.value("data_bytes", 0ULL)};
      step.run.image = entry.value("image", "");
      // Plans saved before reason codes and the step graph have neither.
      if (entry.contains("reason_code")) {
        const auto name = entry["reason_code"].get<std::string>();
        auto code = reason_code_named(name);
        if (!code)
          return fail(fmt::format("the plan in it cannot be read: unknown reason code \"{}\"", name));
        step.reason_code = *code;
      }
      step.after = entry.value("after", std::vector<size_t>{});
      if (entry.contains("transfer")) {
        const auto& transfer = entry["transfer"];
        step.direct = transfer.value("mode", "direct") == "direct";
        const auto compression = transfer.value("compression", "none");
        step.stream.compression = compression == "zstd"  ? StreamCompression::Zstd
                                  : compression == "lz4" ? StreamCompression::Lz4
                                                         : StreamCompression::None;
        step.stream.buffer = transfer.value("buffer", false);
        step.openzfs_streams = !transfer.value("send_flags", "").empty();
        if (transfer.contains("address") && transfer["address"].is_string()) {
          const auto text = transfer["address"].get<std::string>();
          auto address = parse_transfer_address(text);
          if (!address)
            return fail(fmt::format("the plan in it cannot be read: transfer address \"{}\"", text));
          step.transfer_address = *address;
        }
      }
      if (entry.contains("lag") && entry["lag"].is_object()) {
        const auto& lag = entry["lag"];
        if (lag.contains("seconds") && lag["seconds"].is_number())
          step.lag.seconds = lag["seconds"].get<long long>();
        step.lag.max_seconds = lag.value("max_seconds", 0LL);
      }
      if (entry.contains("volumes"))
        for (const auto& volume : entry["volumes"]) step.moves.push_back(volume_move_from_json(volume));
      plan.steps.push_back(std::move(step));
    }
    plan.notes = json.at("notes").get<std::vector<std::string>>();
    return plan;
  } catch (const nlohmann::json::exception& e) {
    return fail(fmt::format("the plan in it cannot be read: {}", e.what()));
  }
}

}  // namespace flocker

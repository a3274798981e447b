#include "plan/render.hpp"

#include <fmt/format.h>

#include "util/duration.hpp"
#include "util/size.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

Colour colour_of(StepKind kind) {
  switch (kind) {
    case StepKind::CreateRoot:
    case StepKind::CreateDataset:
    case StepKind::RunContainer:
    case StepKind::CreateReplica:
      return Colour::Green;
    case StepKind::RefreshReplica:
    case StepKind::StartContainer:
    case StepKind::CompleteHandOff:
    case StepKind::UpdateQuota:
    case StepKind::ReplaceContainer:
      return Colour::Yellow;
    case StepKind::RemoveContainer:
    case StepKind::DestroyDataset:
      return Colour::Red;
    case StepKind::MoveApplication:
      return Colour::Yellow;
  }
  return Colour::Bold;
}

}  // namespace

std::string describe_step(const Step& step) {
  switch (step.kind) {
    case StepKind::CreateRoot:
      return fmt::format("create root dataset {}", step.target);
    case StepKind::CreateDataset:
      return fmt::format("create dataset {}", step.target);
    case StepKind::RunContainer:
      return fmt::format("run container {} ({})", step.target, step.run.image);
    case StepKind::StartContainer:
      return fmt::format("start container {}", step.target);
    case StepKind::ReplaceContainer:
      return fmt::format("replace container {} ({})", step.target, step.run.image);
    case StepKind::RemoveContainer:
      return fmt::format("remove container {}", step.target);
    case StepKind::MoveApplication:
      return fmt::format("move {} {} → {} ({})", step.app, step.source_node, step.node, step.run.image);
    case StepKind::CompleteHandOff:
      return fmt::format("complete the hand-off of {}", step.target);
    case StepKind::DestroyDataset:
      return fmt::format("destroy dataset {} and its snapshots ({} of data)", step.target,
                         human_bytes(step.data_bytes));
    case StepKind::UpdateQuota:
      return fmt::format("update quota of {}", step.target);
    case StepKind::CreateReplica:
      return fmt::format("replicate {} {} → {}", step.app, step.source_node, step.node);
    case StepKind::RefreshReplica:
      if (step.reason_code == ReasonCode::ReplicaRequested || !step.lag.seconds)
        return fmt::format("refresh replica of {} on {} from {}", step.app, step.node, step.source_node);
      return fmt::format("refresh replica of {} on {}: {} behind, max_lag {}", step.app, step.node,
                         format_duration(*step.lag.seconds), format_duration(step.lag.max_seconds));
  }
  return "unknown step";
}

std::string describe_volume_move(const VolumeMove& move, bool replica) {
  std::string what = move.base.empty() ? "full send" : fmt::format("incremental from @{}", move.base);
  std::string size = move.estimated_bytes > 0 ? fmt::format(", about {}", human_bytes(move.estimated_bytes))
                                              : ", size known once sent";
  std::string target = move.target_exists ? (replica ? "its replica " : "its standby copy ") + move.target
                                          : "new dataset " + move.target;
  return fmt::format("{} → {}: {}{}", move.source, target, what, size);
}

std::string describe_stages(const Step& step) {
  const auto& stages = step.stream;
  std::string text = stages.compression != StreamCompression::None
                         ? fmt::format(", {}-compressed", stream_compression_name(stages.compression))
                     : step.openzfs_streams ? ", compressed as stored (send -c)"
                                            : ", uncompressed";
  if (stages.buffer) text += ", buffered by mbuffer";
  if (stages.rate_limit > 0) text += fmt::format(", at most {}/s", human_bytes(stages.rate_limit));
  return text;
}

std::string describe_stream(const Step& step) {
  if (!step.direct) return "relay" + describe_stages(step);
  return (step.transfer_address.empty() ? "direct" : "direct to " + step.transfer_address.text()) +
         describe_stages(step);
}

std::string render_summary(const PlanSummary& summary) {
  auto text = fmt::format("Plan: {} to add, {} to change, {} to replace, {} to move, {} to remove.",
                          summary.add, summary.change, summary.replace, summary.move, summary.remove);
  if (summary.replicate > 0)
    text += fmt::format(" {} {} to replicate.", summary.replicate,
                        summary.replicate == 1 ? "replica" : "replicas");
  if (summary.destroy > 0)
    text += fmt::format(" {} {} to destroy, with {} of data.", summary.destroy,
                        summary.destroy == 1 ? "dataset" : "datasets", human_bytes(summary.destroy_bytes));
  return text;
}

std::string render_plan_text(const Plan& plan, const Style& style) {
  std::string text;
  if (plan.empty()) {
    text += style.paint("No changes.", Colour::Bold) + " The nodes match the manifest.\n";
  } else {
    text += "flocker will perform these actions:\n";
    std::string node;
    for (const auto& step : plan.steps) {
      if (step.node != node) {
        node = step.node;
        text += "\n" + style.paint(fmt::format("node {}:", node), Colour::Bold) + "\n";
      }
      auto symbol = fmt::format("{:>3}", step_symbol(step.kind));
      // What the plan says may quote what a node said (images, errors): each
      // line is made printable, so a node's escape sequences reach no terminal.
      text += fmt::format("  {} {}\n", style.paint(symbol, colour_of(step.kind)),
                          printable(describe_step(step), true));
      text += fmt::format("        because {}\n", printable(step.reason, true));
      for (const auto& change : step.changes) text += fmt::format("          {}\n", printable(change, true));
      for (const auto& move : step.moves)
        text +=
            fmt::format("          {}\n",
                        printable(describe_volume_move(move, step.kind != StepKind::MoveApplication), true));
      if (transfers_data(step))
        text += fmt::format("          transfer: {}\n", printable(describe_stream(step), true));
    }
  }
  if (!plan.notes.empty()) {
    text += "\n";
    for (const auto& note : plan.notes) text += fmt::format("Note: {}\n", printable(note));
  }
  if (!plan.empty()) text += "\n" + style.paint(render_summary(summarize(plan)), Colour::Bold) + "\n";
  return text;
}

nlohmann::json plan_to_json(const Plan& plan) {
  auto steps = nlohmann::json::array();
  for (const auto& step : plan.steps) {
    nlohmann::json entry = {
        {"kind", step_kind_name(step.kind)},
        {"symbol", step_symbol(step.kind)},
        {"node", step.node},
        {"target", step.target},
        {"description", describe_step(step)},
        {"reason", step.reason},
        {"after", step.after},
    };
    if (step.reason_code != ReasonCode::Unset) entry["reason_code"] = reason_code_name(step.reason_code);
    if (!step.app.empty()) entry["app"] = step.app;
    if (!step.run.image.empty()) entry["image"] = step.run.image;
    if (!step.changes.empty()) entry["changes"] = step.changes;
    if (transfers_data(step)) {
      entry["from"] = step.source_node;
      auto volumes = nlohmann::json::array();
      for (const auto& move : step.moves)
        volumes.push_back(
            {{"volume", move.volume},
             {"source", move.source},
             {"target", move.target},
             {"target_exists", move.target_exists},
             {"send", move.base.empty() ? "full" : "incremental"},
             {"base_snapshot", move.base.empty() ? nlohmann::json() : nlohmann::json(move.base)},
             {"estimated_bytes",
              move.estimated_bytes == 0 ? nlohmann::json() : nlohmann::json(move.estimated_bytes)}});
      entry["volumes"] = volumes;
      entry["transfer"] = {
          {"mode", step.direct ? "direct" : "relay"},
          {"compression", stream_compression_name(step.stream.compression)},
          {"buffer", step.stream.buffer},
          {"bandwidth",
           step.stream.rate_limit > 0 ? nlohmann::json(step.stream.rate_limit) : nlohmann::json()},
          {"send_flags", step.openzfs_streams ? "-L -e -c" : ""},
          {"address",
           step.transfer_address.empty() ? nlohmann::json() : nlohmann::json(step.transfer_address.text())}};
    }
    if (step.kind == StepKind::DestroyDataset) entry["data_bytes"] = step.data_bytes;
    if (step.kind == StepKind::RefreshReplica || step.kind == StepKind::CreateReplica)
      entry["lag"] = {{"seconds", step.lag.seconds ? nlohmann::json(*step.lag.seconds) : nlohmann::json()},
                      {"max_seconds", step.lag.max_seconds}};
    steps.push_back(std::move(entry));
  }
  const auto summary = summarize(plan);
  return {
      {"format_version", 1},
      {"changes", !plan.empty()},
      {"steps", steps},
      {"notes", plan.notes},
      {"summary",
       {{"add", summary.add},
        {"change", summary.change},
        {"replace", summary.replace},
        {"move", summary.move},
        {"remove", summary.remove},
        {"destroy", summary.destroy},
        {"replicate", summary.replicate},
        {"destroy_bytes", summary.destroy_bytes}}},
  };
}

}  // namespace flocker

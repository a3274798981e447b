#include "plan/model.hpp"

namespace flocker {

std::string_view step_symbol(StepKind kind) {
  switch (kind) {
    case StepKind::CreateRoot:
    case StepKind::CreateDataset:
    case StepKind::RunContainer: return "+";
    case StepKind::StartContainer:
    case StepKind::CompleteHandOff: return "~";
    case StepKind::ReplaceContainer: return "-/+";
    case StepKind::RemoveContainer: return "-";
    case StepKind::MoveApplication: return ">";
  }
  return "?";
}

std::string_view step_kind_name(StepKind kind) {
  switch (kind) {
    case StepKind::CreateRoot: return "create_root";
    case StepKind::CreateDataset: return "create_dataset";
    case StepKind::RunContainer: return "run_container";
    case StepKind::StartContainer: return "start_container";
    case StepKind::ReplaceContainer: return "replace_container";
    case StepKind::RemoveContainer: return "remove_container";
    case StepKind::MoveApplication: return "move_application";
    case StepKind::CompleteHandOff: return "complete_hand_off";
  }
  return "unknown";
}

PlanSummary summarize(const Plan& plan) {
  PlanSummary summary;
  for (const auto& step : plan.steps) {
    switch (step.kind) {
      case StepKind::CreateRoot:
      case StepKind::CreateDataset:
      case StepKind::RunContainer: ++summary.add; break;
      case StepKind::StartContainer:
      case StepKind::CompleteHandOff: ++summary.change; break;
      case StepKind::ReplaceContainer: ++summary.replace; break;
      case StepKind::RemoveContainer: ++summary.remove; break;
      case StepKind::MoveApplication: ++summary.move; break;
    }
  }
  return summary;
}

}  // namespace flocker

#include "plan/render.hpp"

#include <fmt/format.h>

namespace flocker {

namespace {

Colour colour_of(StepKind kind) {
  switch (kind) {
    case StepKind::CreateRoot:
    case StepKind::CreateDataset:
    case StepKind::RunContainer: return Colour::Green;
    case StepKind::StartContainer:
    case StepKind::ReplaceContainer: return Colour::Yellow;
    case StepKind::RemoveContainer: return Colour::Red;
  }
  return Colour::Bold;
}

}  // namespace

std::string describe_step(const Step& step) {
  switch (step.kind) {
    case StepKind::CreateRoot: return fmt::format("create root dataset {}", step.target);
    case StepKind::CreateDataset: return fmt::format("create dataset {}", step.target);
    case StepKind::RunContainer: return fmt::format("run container {} ({})", step.target, step.run.image);
    case StepKind::StartContainer: return fmt::format("start container {}", step.target);
    case StepKind::ReplaceContainer: return fmt::format("replace container {} ({})", step.target, step.run.image);
    case StepKind::RemoveContainer: return fmt::format("remove container {}", step.target);
  }
  return "unknown step";
}

std::string render_summary(const PlanSummary& summary) {
  return fmt::format("Plan: {} to add, {} to change, {} to replace, {} to remove.", summary.add,
                     summary.change, summary.replace, summary.remove);
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
      text += fmt::format("  {} {}\n", style.paint(symbol, colour_of(step.kind)), describe_step(step));
      text += fmt::format("        because {}\n", step.reason);
      for (const auto& change : step.changes) text += fmt::format("          {}\n", change);
    }
  }
  if (!plan.notes.empty()) {
    text += "\n";
    for (const auto& note : plan.notes) text += fmt::format("Note: {}\n", note);
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
    };
    if (!step.app.empty()) entry["app"] = step.app;
    if (!step.changes.empty()) entry["changes"] = step.changes;
    steps.push_back(std::move(entry));
  }
  const auto summary = summarize(plan);
  return {
      {"format_version", 1},
      {"changes", !plan.empty()},
      {"steps", steps},
      {"notes", plan.notes},
      {"summary", {{"add", summary.add}, {"change", summary.change}, {"replace", summary.replace}, {"remove", summary.remove}}},
  };
}

}  // namespace flocker

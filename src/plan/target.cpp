#include "plan/target.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "plan/step_graph.hpp"
#include "util/text.hpp"

namespace flocker {

Result<TargetedPlan> restrict_to_targets(const Plan& plan, const std::vector<std::string>& targets,
                                         const std::vector<std::string>& known_apps) {
  for (const auto& target : targets) {
    if (std::ranges::find(known_apps, target) != known_apps.end()) continue;
    std::string hint = "--target takes an application name from the manifest";
    if (auto match = closest_match(target, known_apps)) hint = fmt::format("did you mean {}?", *match);
    return fail(fmt::format("--target {}: there is no application {} in the manifest or on the nodes", target,
                            target),
                hint);
  }
  const std::set<std::string> wanted(targets.begin(), targets.end());
  std::set<std::string> nodes_used;
  for (const auto& step : plan.steps) {
    if (!wanted.contains(step.app)) continue;
    nodes_used.insert(step.node);
    if (!step.source_node.empty()) nodes_used.insert(step.source_node);
  }
  TargetedPlan targeted;
  // The full plan's ordering notes are replaced by those of the cut plan.
  const auto full_order = step_order(plan.steps);
  for (const auto& note : plan.notes)
    if (std::ranges::find(full_order.notes, note) == full_order.notes.end())
      targeted.plan.notes.push_back(note);
  for (const auto& step : plan.steps) {
    const bool keep =
        step.kind == StepKind::CreateRoot ? nodes_used.contains(step.node) : wanted.contains(step.app);
    if (keep)
      targeted.plan.steps.push_back(step);
    else
      ++targeted.left_out;
  }
  order_steps(targeted.plan);
  return targeted;
}

}  // namespace flocker

#include "apply/move_names.hpp"

#include <fmt/format.h>

#include "apply/mount_check.hpp"
#include "state/trusted_names.hpp"

namespace flocker {

Status check_move_names(const Step& step) {
  const char* doing = step.kind == StepKind::MoveApplication ? "moving" : "replicating";
  for (const auto& move : step.moves) {
    const std::pair<std::string_view, std::string_view> sides[] = {{step.source_node, move.source},
                                                                   {step.node, move.target}};
    for (const auto& [node, dataset] : sides)
      if (auto problem = untrusted_name_problem(
              node, "the dataset", dataset,
              is_flocker_dataset(dataset, parent_dataset(std::string(dataset)), step.app, move.volume)))
        return fail(fmt::format("{} {}: {}", doing, step.app, *problem));
    if (auto problem = untrusted_name_problem(step.source_node, "the common snapshot", move.base,
                                              move.base.empty() || is_snapshot_name(move.base)))
      return fail(fmt::format("{} {}: {}", doing, step.app, *problem));
    if (auto problem =
            untrusted_name_problem(step.node, "the resume token", move.resume_token,
                                   move.resume_token.empty() || is_resume_token(move.resume_token)))
      return fail(fmt::format("{} {}: {}", doing, step.app, *problem));
  }
  return {};
}

}  // namespace flocker

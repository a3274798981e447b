#include "cli/apply_output.hpp"

#include "cli/progress_text.hpp"

namespace flocker {

void announce_plan(ApplyOutput& out, const Plan& plan, const std::string& warning) {
  out.plan(plan);
  if (!warning.empty()) out.warning(warning);
}

std::string progress_message(const StepUpdate& update) {
  return update.fact ? progress_text(*update.fact, update.step) : update.message;
}

}  // namespace flocker

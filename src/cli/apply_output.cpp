#include "cli/apply_output.hpp"

namespace flocker {

void announce_plan(ApplyOutput& out, const Plan& plan, const std::string& warning) {
  out.plan(plan);
  if (!warning.empty()) out.warning(warning);
}

}  // namespace flocker

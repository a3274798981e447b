#pragma once
// --target: a plan cut down to some applications, for the rare apply that must
// leave the rest alone (an urgent fix while another change waits for review).
#include <string>
#include <vector>

#include "plan/model.hpp"
#include "util/result.hpp"

namespace flocker {

struct TargetedPlan {
  Plan plan;
  size_t left_out = 0;  // steps of the full plan that were dropped
};

// Keeps the steps of the named applications, and the creation of flocker's
// root on the nodes those steps use. known_apps: every application the
// manifest names or the plan acts on; a target outside it is an error.
Result<TargetedPlan> restrict_to_targets(const Plan& plan, const std::vector<std::string>& targets,
                                         const std::vector<std::string>& known_apps);

}  // namespace flocker

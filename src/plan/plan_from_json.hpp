#pragma once
// The way back from plan_to_json(), for `flocker show FILE`: the fields that
// describe each step, enough to render it exactly as `plan` did. What a step
// would run (container configurations) is not in the JSON and stays empty.
#include <nlohmann/json.hpp>

#include "plan/model.hpp"
#include "util/result.hpp"

namespace flocker {

Result<Plan> plan_from_json(const nlohmann::json& json);

}  // namespace flocker

#pragma once
// A plan as people read it (text) and as programs read it (JSON).
#include <nlohmann/json.hpp>
#include <string>

#include "plan/model.hpp"
#include "util/style.hpp"

namespace flocker {

// "  + create dataset tank/flocker/web.data"
std::string describe_step(const Step& step);

// "tank/flocker/web.www → new dataset …: full send, about 200.0 MiB"
// "direct, zstd-compressed, buffered by mbuffer": how a move's stream travels.
std::string describe_stream(const Step& step);
// ", zstd-compressed, buffered by mbuffer" (", uncompressed"; ", compressed
// as stored" for send -c): the stages alone.
std::string describe_stages(const Step& step);
// replica: the target is a replica (create_replica, refresh_replica), not a move's standby.
std::string describe_volume_move(const VolumeMove& move, bool replica = false);

std::string render_plan_text(const Plan& plan, const Style& style);
// "Plan: 2 to add, 0 to change, 1 to replace, 0 to remove."
std::string render_summary(const PlanSummary& summary);

nlohmann::json plan_to_json(const Plan& plan);

}  // namespace flocker

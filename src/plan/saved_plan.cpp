#include "plan/saved_plan.hpp"

#include <fmt/format.h>

#include "plan/render.hpp"
#include "state/state_digest.hpp"
#include "util/sha256.hpp"

namespace flocker {

namespace {

constexpr std::string_view kFormat = "flocker-plan";
constexpr int kFormatVersion = 1;

}  // namespace

std::string plan_digest(const Plan& plan) {
  return sha256_hex(plan_fingerprint(plan, true));
}

SavedPlan make_saved_plan(const Plan& plan, const Observed& observed, SaveContext context) {
  SavedPlan saved{.flocker_version = std::move(context.flocker_version),
                  .created_at = std::move(context.created_at),
                  .manifests = std::move(context.manifests),
                  .targets = std::move(context.targets),
                  .allow_destroy = context.allow_destroy,
                  .allow_env = std::move(context.allow_env),
                  .plan_sha256 = plan_digest(plan),
                  .plan = plan_to_json(plan)};
  for (const auto& [name, node] : observed.nodes) {
    auto lines = state_lines(node);
    saved.nodes[name] = {state_digest(lines), std::move(lines)};
  }
  return saved;
}

nlohmann::json saved_plan_to_json(const SavedPlan& saved) {
  auto manifests = nlohmann::json::array();
  for (const auto& file : saved.manifests)
    manifests.push_back({{"path", file.path}, {"sha256", file.sha256}});
  auto nodes = nlohmann::json::object();
  for (const auto& [name, node] : saved.nodes) nodes[name] = {{"sha256", node.sha256}, {"state", node.lines}};
  return {
      {"format", kFormat},
      {"format_version", kFormatVersion},
      {"flocker_version", saved.flocker_version},
      {"created_at", saved.created_at},
      {"manifests", manifests},
      {"options",
       {{"targets", saved.targets}, {"allow_destroy", saved.allow_destroy}, {"allow_env", saved.allow_env}}},
      {"nodes", nodes},
      {"plan_sha256", saved.plan_sha256},
      {"plan", saved.plan}};
}

Result<SavedPlan> saved_plan_from_json(const nlohmann::json& json, const std::string& file) {
  if (!json.is_object() || json.value("format", "") != kFormat)
    return fail(fmt::format("{} is not a plan saved by `flocker plan -out`", file));
  if (json.value("format_version", 0) != kFormatVersion)
    return fail(fmt::format("{} is a saved plan of format version {}, and this flocker reads version {}",
                            file, json.value("format_version", 0), kFormatVersion),
                "make the plan again with this flocker: flocker plan -out FILE");
  try {
    SavedPlan saved;
    saved.flocker_version = json.at("flocker_version").get<std::string>();
    saved.created_at = json.at("created_at").get<std::string>();
    for (const auto& entry : json.at("manifests"))
      saved.manifests.push_back({entry.at("path").get<std::string>(), entry.at("sha256").get<std::string>()});
    saved.targets = json.at("options").at("targets").get<std::vector<std::string>>();
    saved.allow_destroy = json.at("options").at("allow_destroy").get<bool>();
    // Plans saved before --allow-env existed read no variable.
    if (json.at("options").contains("allow_env"))
      saved.allow_env = json.at("options").at("allow_env").get<std::vector<std::string>>();
    for (const auto& [name, node] : json.at("nodes").items())
      saved.nodes[name] = {node.at("sha256").get<std::string>(),
                           node.at("state").get<std::vector<std::string>>()};
    saved.plan_sha256 = json.at("plan_sha256").get<std::string>();
    saved.plan = json.at("plan");
    return saved;
  } catch (const nlohmann::json::exception& e) {
    return fail(fmt::format("{} is a damaged saved plan: {}", file, e.what()),
                "make the plan again: flocker plan -out FILE");
  }
}

bool looks_like_saved_plan(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || text[start] != '{') return false;
  return text.find(fmt::format("\"format\": \"{}\"", kFormat)) != std::string_view::npos ||
         text.find(fmt::format("\"format\":\"{}\"", kFormat)) != std::string_view::npos;
}

std::vector<std::string> stale_reasons(const SavedPlan& saved, const CurrentState& now) {
  std::vector<std::string> reasons;
  for (const auto& file : saved.manifests) {
    auto it = now.manifest_sha256.find(file.path);
    if (it == now.manifest_sha256.end())
      reasons.push_back(fmt::format("manifest {} can no longer be read", file.path));
    else if (it->second != file.sha256)
      reasons.push_back(fmt::format("manifest {} changed since the plan was made", file.path));
  }
  if (now.observed != nullptr) {
    for (const auto& [name, node] : now.observed->nodes) {
      auto it = saved.nodes.find(name);
      if (it == saved.nodes.end()) {
        reasons.push_back(fmt::format("node {} was not part of the plan", name));
        continue;
      }
      auto lines = state_lines(node);
      if (state_digest(lines) == it->second.sha256) continue;
      std::string reason = fmt::format("node {} changed since the plan was made:", name);
      for (const auto& change : line_changes(it->second.lines, lines)) reason += "\n      " + change;
      reasons.push_back(reason);
    }
  }
  // Same files, same nodes, another plan: what the files read from elsewhere
  // differs, ${VAR} values from flocker's environment (named, never shown:
  // they may be secrets), or the flocker that plans.
  if (reasons.empty() && !now.plan_sha256.empty() && now.plan_sha256 != saved.plan_sha256) {
    const std::string manifest_values =
        "values the manifest takes from the environment (${VAR}) differ from when the plan was made";
    if (now.flocker_version == saved.flocker_version)
      reasons.push_back(
          "the plan made now differs from the saved one, though the manifest files and the nodes are "
          "as they were: " +
          manifest_values);
    else
      reasons.push_back(
          fmt::format("the plan made now differs from the saved one, though the manifest files and the "
                      "nodes are as they were: {}, or flocker {} plans differently from flocker {}, "
                      "which made it",
                      manifest_values, now.flocker_version, saved.flocker_version));
  }
  return reasons;
}

}  // namespace flocker

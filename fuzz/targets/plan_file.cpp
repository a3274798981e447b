// A saved plan file (`flocker plan -out`), read as `flocker apply FILE` reads
// it (cli/plan_file.cpp): JSON, then saved_plan_from_json, which reads the
// plan with plan_from_json. A plan file may come from anywhere: no content
// may crash or throw.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "plan/plan_from_json.hpp"
#include "plan/saved_plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)flocker::looks_like_saved_plan(text);
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return 0;
  (void)flocker::saved_plan_from_json(json, "fuzz.tfplan");
  if (json.is_object() && json.contains("plan")) (void)flocker::plan_from_json(json["plan"]);
  (void)flocker::plan_from_json(json);
  return 0;
}

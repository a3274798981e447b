#pragma once
// What `flocker status` shows: pure functions of the manifest and the observed state.
#include <nlohmann/json.hpp>
#include <string>

#include "manifest/model.hpp"
#include "state/model.hpp"
#include "util/style.hpp"

namespace flocker {

std::string render_status_text(const Manifest& manifest, const Observed& observed, const Style& style);
nlohmann::json status_to_json(const Manifest& manifest, const Observed& observed);

}  // namespace flocker

#pragma once
// The manifest as one canonical JSON value, whatever format it was read
// from: what golden tests compare, and what `flocker validate --json` shows.
// Secret values are masked; source locations and file names are left out.
#include <nlohmann/json.hpp>

#include "manifest/model.hpp"

namespace flocker {

nlohmann::json manifest_to_json(const Manifest& manifest);

}  // namespace flocker

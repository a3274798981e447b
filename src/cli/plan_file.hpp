#pragma once
// Reading and writing saved plan files (the I/O around plan/saved_plan).
#include <optional>
#include <string>
#include <vector>

#include "plan/saved_plan.hpp"
#include "util/result.hpp"

namespace flocker {

// Written whole or not at all (a temporary file renamed into place).
Status write_plan_file(const std::string& path, const SavedPlan& saved);

Result<SavedPlan> read_plan_file(const std::string& path);

// The saved plan among apply's arguments: nullopt when they are manifests.
// A saved plan must come alone.
Result<std::optional<SavedPlan>> saved_plan_argument(const std::vector<std::string>& files);

// Digests of the manifest files as they are now; a file that cannot be read is absent.
std::map<std::string, std::string> current_manifest_digests(const std::vector<SavedManifestFile>& files);

std::string utc_timestamp();  // "2026-11-27T20:55:01Z"

}  // namespace flocker

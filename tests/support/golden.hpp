#pragma once
// Compares text with tests/golden/<name>; FLOCKER_UPDATE_GOLDEN=1 rewrites the file instead.
#include <string>

namespace flocker::testing {

// Returns an empty string when equal, else a description of the difference.
std::string compare_with_golden(const std::string& name, const std::string& actual);

}  // namespace flocker::testing

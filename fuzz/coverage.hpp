#pragma once
// The edge coverage that coverage.cpp collects (see there).
#include <cstddef>
#include <cstdint>

namespace flocker::fuzz {

inline constexpr size_t kCoverageMapSize = size_t{1} << 16;
extern unsigned char coverage_map[kCoverageMapSize];
void reset_coverage();

}  // namespace flocker::fuzz

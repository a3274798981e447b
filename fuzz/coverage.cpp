// Edge coverage for fuzz/driver.cpp from g++'s -fsanitize-coverage=trace-pc,
// which calls this hook at every basic block of the instrumented code
// (flocker_core and the fuzz targets, when FLOCKER_FUZZ is on). AFL's scheme:
// the pair (previous block, this block) hashed into a map of hit counts.
// This file itself is not instrumented. Not thread-safe; the targets run in
// one thread.
#include "coverage.hpp"

namespace flocker::fuzz {

unsigned char coverage_map[kCoverageMapSize];

namespace {
uintptr_t previous_block = 0;
}

void reset_coverage() {
  for (auto& count : coverage_map) count = 0;
  previous_block = 0;
}

}  // namespace flocker::fuzz

extern "C" void __sanitizer_cov_trace_pc() {
  using namespace flocker::fuzz;
  const auto block = reinterpret_cast<uintptr_t>(__builtin_return_address(0));
  const auto edge = (block ^ (block >> 15) ^ previous_block) & (kCoverageMapSize - 1);
  if (coverage_map[edge] != 255) ++coverage_map[edge];
  previous_block = (block ^ (block >> 15)) >> 1;
}

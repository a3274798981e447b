#pragma once
// How an apply that ran its steps ended, and its exit code: pure, so that the
// rules (an interrupted apply exits 128 + the signal even when a step failed
// too) are tested.
#include "apply/executor.hpp"
#include "cli/apply_output.hpp"

namespace flocker {

// total: the plan's steps; locks_released: false when a lock could not be
// released; interrupted_exit_code: what a stop request exits with.
ApplySummary summarize_apply(const ApplyReport& report, size_t total, bool locks_released,
                             int interrupted_exit_code);

}  // namespace flocker

#include "cli/apply_outcome.hpp"

#include "cli/common.hpp"

namespace flocker {

ApplySummary summarize_apply(const ApplyReport& report, size_t total, bool locks_released,
                             int interrupted_exit_code) {
  ApplySummary summary{.total = total,
                       .done = report.done,
                       .failed = report.failed,
                       .skipped = report.skipped,
                       .errors = report.errors};
  if (report.ok()) {
    summary.outcome = ApplyOutcome::Applied;
    summary.exit_code = locks_released ? exit_code::kOk : exit_code::kError;
  } else if (report.interrupted) {
    // Whoever stopped it (a person's Ctrl-C, a CI cancel) learns that it was
    // stopped; the failed steps' errors are in the summary all the same.
    summary.outcome = ApplyOutcome::Interrupted;
    summary.exit_code = interrupted_exit_code;
  } else {
    summary.outcome = ApplyOutcome::Failed;
    summary.exit_code = exit_code::kError;
  }
  return summary;
}

}  // namespace flocker

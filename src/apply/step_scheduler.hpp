#pragma once
// The executor's bookkeeping, without threads: which steps of a plan may
// start now (all they wait for, `Step::after`, is done, and fewer than
// `parallelism` run), which can no longer run and why, and what a finished
// step unblocks. apply_plan drives it from its worker threads under one lock;
// unit tests drive it directly.
#include <cstddef>
#include <vector>

#include "apply/executor.hpp"
#include "plan/model.hpp"

namespace flocker {

class StepScheduler {
 public:
  struct Action {
    enum class Kind { Start, Skip } kind;
    size_t step;
    SkipReason skip_reason = SkipReason::EarlierStepFailed;  // Skip

    bool operator==(const Action&) const = default;
  };

  StepScheduler(const Plan& plan, size_t parallelism);

  // One pass over the waiting steps, in plan order: skips those that can no
  // longer run (behind a failure, or a skip, or every step once stopping) and
  // starts the ready ones while the bound allows. A started step is running
  // until finished() is called for it. Call again while it skips something.
  std::vector<Action> next(bool stopping);
  void finished(size_t step, bool succeeded);

  // Nothing waits and nothing runs.
  bool all_settled() const;
  size_t running() const { return running_; }
  // A stop (or a step skipped for one) kept some step from starting.
  bool interrupted() const { return interrupted_; }

 private:
  enum class State { Waiting, Running, Done, Failed, Skipped };

  std::vector<std::vector<size_t>> after_;
  size_t parallelism_;
  std::vector<State> states_;
  std::vector<SkipReason> skip_reasons_;  // of the Skipped ones
  size_t running_ = 0;
  bool interrupted_ = false;
};

}  // namespace flocker

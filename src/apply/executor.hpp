#pragma once
// Runs a plan. A step starts once the steps it waits for (`Step::after`, the
// plan's step graph: plan/step_graph.hpp) have finished, so each node's steps
// keep their order while steps on other nodes (and moves between other nodes)
// run in parallel. A failed step skips the steps that wait for it, directly
// or not. The bookkeeping is StepScheduler's (apply/step_scheduler.hpp).
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "apply/progress_fact.hpp"
#include "plan/model.hpp"
#include "plan/step_graph.hpp"
#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

enum class StepEvent { Started, Progress, Done, Failed, Skipped };
// Why a step was not started.
enum class SkipReason {
  EarlierStepFailed,  // a step it waits for failed or was skipped
  Interrupted,        // a stop was requested before it could start
};

struct StepUpdate {
  const Step& step;
  StepEvent event;
  double seconds = 0;                  // Done, Failed: how long the step took
  const Error* error = nullptr;        // Failed
  std::string message;                 // Progress
  bool transient = false;              // Progress: a running count, superseded by the next one
  unsigned long long bytes = 0;        // Progress of a transfer: sent so far
  unsigned long long total_bytes = 0;  // and expected in all (0: unknown)
  SkipReason skip_reason = SkipReason::EarlierStepFailed;  // Skipped
  // Progress: what happened, for cli/ to word (progress_text); message is
  // then empty. bytes and total_bytes repeat a running count's.
  std::optional<ProgressFact> fact;
};

// Called from worker threads, one call at a time.
using StepListener = std::function<void(const StepUpdate& update)>;

struct ApplyReport {
  size_t done = 0;
  size_t failed = 0;
  size_t skipped = 0;
  std::vector<Error> errors;
  bool interrupted = false;  // stop_requested() said so before every step had succeeded
  bool ok() const { return failed == 0 && skipped == 0; }
};

// Once stop_requested() returns true no step starts; running ones finish.
// Once cut_requested() returns true too, a move still in its pre-copy ends
// there (see execute_move). The clock times the steps.
ApplyReport apply_plan(const Plan& plan, const std::map<std::string, std::unique_ptr<Host>>& hosts,
                       size_t parallelism, const StepListener& listener,
                       const std::function<bool()>& stop_requested = {},
                       const std::function<bool()>& cut_requested = {}, Clock& clock = system_clock());

}  // namespace flocker

#include "apply/executor.hpp"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "apply/move.hpp"
#include "apply/replicate.hpp"
#include "apply/step_scheduler.hpp"
#include "apply/steps.hpp"
#include "util/clock.hpp"

namespace flocker {

namespace {

Status execute(const Step& step, const std::map<std::string, std::unique_ptr<Host>>& hosts,
               const ProgressFn& progress, const std::function<bool()>& cut_requested, Clock& clock) {
  auto host = [&](const std::string& node) -> Host* {
    auto it = hosts.find(node);
    return it == hosts.end() ? nullptr : it->second.get();
  };
  for (const auto& node : nodes_of(step))
    if (host(node) == nullptr) return fail(fmt::format("node {} is not connected", node));
  if (step.kind == StepKind::MoveApplication)
    return execute_move(*host(step.source_node), *host(step.node), step, clock, progress, cut_requested);
  if (step.kind == StepKind::CreateReplica || step.kind == StepKind::RefreshReplica)
    return execute_replication(*host(step.source_node), *host(step.node), step, clock, progress,
                               cut_requested);
  return execute_step(*host(step.node), step, clock);
}

}  // namespace

ApplyReport apply_plan(const Plan& plan, const std::map<std::string, std::unique_ptr<Host>>& hosts,
                       size_t parallelism, const StepListener& listener,
                       const std::function<bool()>& stop_requested,
                       const std::function<bool()>& cut_requested, Clock& clock) {
  ApplyReport report;
  StepScheduler scheduler(plan, parallelism);
  std::mutex mutex;  // guards the scheduler, the report and the listener
  std::condition_variable changed;
  auto notify = [&](const StepUpdate& update) {  // REQUIRES: mutex held
    if (!listener) return;
    // Output that can no longer be written (a terminal closed with SIGHUP)
    // must not end the apply with a step cut halfway: the steps go on unseen.
    try {
      listener(update);
    } catch (...) {
    }
  };
  auto run = [&](size_t i) {  // on a worker thread
    const Step& step = plan.steps[i];
    const auto start = clock.now();
    auto outcome = execute(
        step, hosts,
        [&](const ProgressUpdate& update) {
          std::lock_guard progress_lock(mutex);
          notify({step, StepEvent::Progress, 0, nullptr, "", update.transient, update.bytes,
                  update.total_bytes, SkipReason::EarlierStepFailed, update.fact});
        },
        cut_requested, clock);
    const double seconds = clock.seconds_since(start);
    std::lock_guard done_lock(mutex);
    scheduler.finished(i, outcome.has_value());
    if (outcome) {
      ++report.done;
      notify({step, StepEvent::Done, seconds});
    } else {
      ++report.failed;
      report.errors.push_back(outcome.error());
      notify({step, StepEvent::Failed, seconds, &report.errors.back()});
    }
    changed.notify_all();
  };

  std::vector<std::jthread> workers;
  std::unique_lock lock(mutex);
  while (!scheduler.all_settled()) {
    bool skipped = false;
    for (const auto& action : scheduler.next(stop_requested && stop_requested())) {
      const Step& step = plan.steps[action.step];
      if (action.kind == StepScheduler::Action::Kind::Skip) {
        skipped = true;
        ++report.skipped;
        notify({.step = step, .event = StepEvent::Skipped, .skip_reason = action.skip_reason});
        continue;
      }
      notify({step, StepEvent::Started});
      workers.emplace_back(run, action.step);
    }
    // A skip may settle steps later in the plan that wait for it: look again
    // at once. Otherwise wait for a finished step, or half a second to notice
    // a stop request (a wake-up, not a measure of time: no Clock needed).
    if (!skipped && !scheduler.all_settled()) changed.wait_for(lock, std::chrono::milliseconds(500));
  }
  lock.unlock();
  report.interrupted = scheduler.interrupted();
  // A move the stop request cut short failed without skipping anything.
  report.interrupted = report.interrupted || (!report.ok() && stop_requested && stop_requested());
  return report;
}

}  // namespace flocker

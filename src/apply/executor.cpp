#include "apply/executor.hpp"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "apply/move.hpp"
#include "apply/steps.hpp"
#include "util/clock.hpp"

namespace flocker {

std::vector<std::string> nodes_of(const Step& step) {
  if (step.kind == StepKind::MoveApplication) return {step.source_node, step.node};
  return {step.node};
}

namespace {

enum class State { Waiting, Running, Done, Failed, Skipped };

Status execute(const Step& step, const std::map<std::string, std::unique_ptr<Host>>& hosts,
               const ProgressFn& progress, const std::function<bool()>& cut_requested) {
  auto host = [&](const std::string& node) -> Host* {
    auto it = hosts.find(node);
    return it == hosts.end() ? nullptr : it->second.get();
  };
  for (const auto& node : nodes_of(step))
    if (host(node) == nullptr) return fail(fmt::format("node {} is not connected", node));
  if (step.kind == StepKind::MoveApplication)
    return execute_move(*host(step.source_node), *host(step.node), step, system_clock(), progress,
                        cut_requested);
  return execute_step(*host(step.node), step, system_clock());
}

bool shares_node(const Step& a, const Step& b) {
  for (const auto& x : nodes_of(a))
    for (const auto& y : nodes_of(b))
      if (x == y) return true;
  return false;
}

// Whether step `from` already waits, directly or not, for step `to`.
bool waits_for(const std::vector<std::vector<size_t>>& before, size_t from, size_t to) {
  std::vector<size_t> stack = {from};
  std::vector<bool> seen(before.size());
  while (!stack.empty()) {
    const size_t at = stack.back();
    stack.pop_back();
    if (at == to) return true;
    if (seen[at]) continue;
    seen[at] = true;
    for (size_t next : before[at]) stack.push_back(next);
  }
  return false;
}

// A container starts after those of the applications it links to, on any
// node. Only where that adds no cycle with the per-node order (which then wins).
void add_start_order(const Plan& plan, std::vector<std::vector<size_t>>& before) {
  for (size_t i = 0; i < plan.steps.size(); ++i)
    for (const auto& app : plan.steps[i].starts_after)
      for (size_t j = 0; j < plan.steps.size(); ++j)
        if (j != i && plan.steps[j].app == app && starts_container(plan.steps[j]) && !waits_for(before, j, i))
          before[i].push_back(j);
}

}  // namespace

ApplyReport apply_plan(const Plan& plan, const std::map<std::string, std::unique_ptr<Host>>& hosts,
                       size_t parallelism, const StepListener& listener,
                       const std::function<bool()>& stop_requested,
                       const std::function<bool()>& cut_requested) {
  const size_t count = plan.steps.size();
  std::vector<std::vector<size_t>> before(
      count);  // what each step waits for: earlier steps sharing a node, and the starts of its link targets
  for (size_t i = 0; i < count; ++i)
    for (size_t j = 0; j < i; ++j)
      if (shares_node(plan.steps[i], plan.steps[j])) before[i].push_back(j);
  add_start_order(plan, before);

  ApplyReport report;
  std::vector<State> states(count, State::Waiting);
  std::vector<SkipReason> skip_reasons(count);  // of the Skipped ones
  std::mutex mutex;
  std::condition_variable changed;
  size_t running = 0;
  auto notify = [&](const StepUpdate& update) {  // REQUIRES: mutex held
    if (!listener) return;
    // Output that can no longer be written (a terminal closed with SIGHUP)
    // must not end the apply with a step cut halfway: the steps go on unseen.
    try {
      listener(update);
    } catch (...) {
    }
  };

  std::vector<std::jthread> workers;
  std::unique_lock lock(mutex);
  while (true) {
    bool finished = running == 0, progressed = false;
    for (size_t i = 0; i < count; ++i) {
      if (states[i] != State::Waiting) continue;
      finished = false;
      // Behind a failure (or a step skipped for one), a step would not have
      // run anyway: that is its reason, whether or not a stop came too.
      bool after_failure = false, after_stop = false, ready = true;
      for (size_t j : before[i]) {
        const bool skipped = states[j] == State::Skipped;
        after_failure = after_failure || states[j] == State::Failed ||
                        (skipped && skip_reasons[j] == SkipReason::EarlierStepFailed);
        after_stop = after_stop || (skipped && skip_reasons[j] == SkipReason::Interrupted);
        ready = ready && states[j] == State::Done;
      }
      const bool stopping = stop_requested && stop_requested();
      if (after_failure || after_stop || stopping) {
        report.interrupted = report.interrupted || stopping || after_stop;
        states[i] = State::Skipped;
        skip_reasons[i] = after_failure ? SkipReason::EarlierStepFailed : SkipReason::Interrupted;
        ++report.skipped;
        progressed = true;
        notify({.step = plan.steps[i], .event = StepEvent::Skipped, .skip_reason = skip_reasons[i]});
        continue;
      }
      if (!ready || running >= std::max<size_t>(1, parallelism)) continue;
      states[i] = State::Running;
      ++running;
      notify({plan.steps[i], StepEvent::Started});
      workers.emplace_back([&, i] {
        const Step& step = plan.steps[i];
        const auto start = std::chrono::steady_clock::now();
        auto outcome = execute(
            step, hosts,
            [&](const ProgressUpdate& update) {
              std::lock_guard progress_lock(mutex);
              notify({step, StepEvent::Progress, 0, nullptr, "", update.transient, update.bytes,
                      update.total_bytes, SkipReason::EarlierStepFailed, update.fact});
            },
            cut_requested);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::lock_guard done_lock(mutex);
        --running;
        if (outcome) {
          states[i] = State::Done;
          ++report.done;
          notify({step, StepEvent::Done, seconds});
        } else {
          states[i] = State::Failed;
          ++report.failed;
          report.errors.push_back(outcome.error());
          notify({step, StepEvent::Failed, seconds, &report.errors.back()});
        }
        changed.notify_all();
      });
    }
    if (finished) break;
    // Woken by a finished step, or every half second to notice a stop request.
    if (!progressed) changed.wait_for(lock, std::chrono::milliseconds(500));
  }
  lock.unlock();
  // A move the stop request cut short failed without skipping anything.
  report.interrupted = report.interrupted || (!report.ok() && stop_requested && stop_requested());
  return report;
}

}  // namespace flocker

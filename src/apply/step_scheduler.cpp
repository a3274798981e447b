#include "apply/step_scheduler.hpp"

#include <algorithm>
#include <stdexcept>

namespace flocker {

StepScheduler::StepScheduler(const Plan& plan, size_t parallelism)
    : parallelism_(std::max<size_t>(1, parallelism)),
      states_(plan.steps.size(), State::Waiting),
      skip_reasons_(plan.steps.size()) {
  for (const auto& step : plan.steps) {
    for (size_t before : step.after)
      if (before >= plan.steps.size()) throw std::out_of_range("a step waits for a step the plan lacks");
    after_.push_back(step.after);
  }
}

std::vector<StepScheduler::Action> StepScheduler::next(bool stopping) {
  std::vector<Action> actions;
  for (size_t i = 0; i < states_.size(); ++i) {
    if (states_[i] != State::Waiting) continue;
    // Behind a failure (or a step skipped for one), a step would not have
    // run anyway: that is its reason, whether or not a stop came too.
    bool after_failure = false, after_stop = false, ready = true;
    for (size_t j : after_[i]) {
      const bool skipped = states_[j] == State::Skipped;
      after_failure = after_failure || states_[j] == State::Failed ||
                      (skipped && skip_reasons_[j] == SkipReason::EarlierStepFailed);
      after_stop = after_stop || (skipped && skip_reasons_[j] == SkipReason::Interrupted);
      ready = ready && states_[j] == State::Done;
    }
    if (after_failure || after_stop || stopping) {
      interrupted_ = interrupted_ || stopping || after_stop;
      states_[i] = State::Skipped;
      skip_reasons_[i] = after_failure ? SkipReason::EarlierStepFailed : SkipReason::Interrupted;
      actions.push_back({Action::Kind::Skip, i, skip_reasons_[i]});
      continue;
    }
    if (!ready || running_ >= parallelism_) continue;
    states_[i] = State::Running;
    ++running_;
    actions.push_back({Action::Kind::Start, i});
  }
  return actions;
}

void StepScheduler::finished(size_t step, bool succeeded) {
  if (states_.at(step) != State::Running) throw std::logic_error("a step finished that was not running");
  states_[step] = succeeded ? State::Done : State::Failed;
  --running_;
}

bool StepScheduler::all_settled() const {
  return running_ == 0 && std::ranges::none_of(states_, [](State state) { return state == State::Waiting; });
}

}  // namespace flocker

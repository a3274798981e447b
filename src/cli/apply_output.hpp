#pragma once
// What `apply` tells its user, as text for people or as a stream of JSON
// objects, one a line, for programs (docs/json.md).
#include <memory>
#include <string>
#include <vector>

#include "apply/executor.hpp"
#include "manifest/diagnostic.hpp"
#include "plan/model.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace flocker {

// How an apply ended. NotStarted: nothing was changed (a refusal before any step).
enum class ApplyOutcome { Applied, NoChanges, Failed, Interrupted, NotStarted };
std::string_view outcome_name(ApplyOutcome outcome);

struct ApplySummary {
  ApplyOutcome outcome = ApplyOutcome::NotStarted;
  size_t total = 0;
  size_t done = 0;
  size_t failed = 0;
  size_t skipped = 0;
  std::vector<Error> errors;  // of failed steps
  int exit_code = 0;
};

class ApplyOutput {
 public:
  virtual ~ApplyOutput() = default;
  virtual void manifest_errors(const Diagnostics& diagnostics) = 0;
  virtual void error(const Error& error) = 0;  // a refusal or a problem outside the steps
  virtual void warning(const std::string& text) = 0;
  virtual void plan(const Plan& plan) = 0;
  // index: the step's position in the plan. Called from one thread at a time.
  virtual void step(const StepUpdate& update, size_t index) = 0;
  virtual void summary(const ApplySummary& summary) = 0;
};

// clock: how often a transfer's running count is worth a line (a JSON event,
// or a text line where no terminal redraws it in place).
std::unique_ptr<ApplyOutput> text_apply_output(bool no_colour, const Clock& clock);
std::unique_ptr<ApplyOutput> json_apply_output(const Clock& clock);

// A progress update's words: its fact worded (progress_text), else its message.
std::string progress_message(const StepUpdate& update);

// The plan first (a JSON reader's first event, docs/json.md), then the
// warning about it, if any (--target left steps out), right before the
// question a person answers.
void announce_plan(ApplyOutput& out, const Plan& plan, const std::string& warning);

}  // namespace flocker

#include <fmt/format.h>
#include <unistd.h>

#include "cli/apply_output.hpp"
#include "cli/common.hpp"
#include "cli/progress_throttle.hpp"
#include "plan/render.hpp"
#include "util/text.hpp"

namespace flocker {

std::string_view outcome_name(ApplyOutcome outcome) {
  switch (outcome) {
    case ApplyOutcome::Applied:
      return "applied";
    case ApplyOutcome::NoChanges:
      return "no_changes";
    case ApplyOutcome::Failed:
      return "failed";
    case ApplyOutcome::Interrupted:
      return "interrupted";
    case ApplyOutcome::NotStarted:
      return "not_started";
  }
  return "unknown";
}

namespace {

// One line per event, except a transfer's running count, which a terminal
// redraws in place (bytes, rate, ETA) and other outputs get every few seconds.
class TextApplyOutput final : public ApplyOutput {
 public:
  TextApplyOutput(bool no_colour, const Clock& clock)
      : clock_(clock),
        out_(style_for(STDOUT_FILENO, no_colour)),
        err_(style_for(STDERR_FILENO, no_colour)),
        terminal_(isatty(STDOUT_FILENO) == 1) {}

  void manifest_errors(const Diagnostics& diagnostics) override { print_diagnostics(diagnostics, err_); }
  void error(const Error& error) override { print_error(error, err_); }
  void warning(const std::string& text) override {
    fmt::print(stderr, "{} {}\n", err_.paint("Warning:", Colour::Yellow), printable(text));
  }
  void plan(const Plan& plan) override { fmt::print("{}", render_plan_text(plan, out_)); }

  void step(const StepUpdate& update, size_t) override {
    if (update.event == StepEvent::Progress && update.transient) {
      show_running_count(update);
      return;
    }
    clear_running_count();
    const auto what = fmt::format("{}: {} {}", update.step.node, step_symbol(update.step.kind),
                                  printable(describe_step(update.step), true));
    switch (update.event) {
      case StepEvent::Started:
        fmt::print("{} ...\n", what);
        break;
      case StepEvent::Progress:
        fmt::print("{}:   {}\n", update.step.node, printable(progress_message(update), true));
        break;
      case StepEvent::Done:
        fmt::print("{}: {} ({:.1f}s)\n", what, out_.paint("done", Colour::Green), update.seconds);
        break;
      case StepEvent::Failed:
        fmt::print("{}: {}\n", what, out_.paint("FAILED", Colour::Red));
        break;
      case StepEvent::Skipped:
        fmt::print("{}: {}\n", what,
                   out_.paint(update.skip_reason == SkipReason::Interrupted
                                  ? "not started (interrupted)"
                                  : "not started (an earlier step on its node failed)",
                              Colour::Yellow));
        break;
    }
    std::fflush(stdout);
  }

  void summary(const ApplySummary& summary) override {
    switch (summary.outcome) {
      case ApplyOutcome::Applied:
        fmt::print("\n{} {} {} done.\n", out_.paint("Apply complete:", Colour::Green), summary.done,
                   summary.done == 1 ? "step" : "steps");
        return;
      case ApplyOutcome::NoChanges:
      case ApplyOutcome::NotStarted:
        return;  // the plan or the error said it all
      case ApplyOutcome::Failed:
      case ApplyOutcome::Interrupted:
        fmt::print("\n");
        for (const auto& error : summary.errors) print_error(error, err_);
        fmt::print(
            stderr,
            "{} {} of {} steps done, {} failed, {} not started. Run `flocker plan` to see what is left.\n",
            err_.paint(summary.outcome == ApplyOutcome::Interrupted ? "Apply interrupted:" : "Apply failed:",
                       Colour::Red),
            summary.done, summary.total, summary.failed, summary.skipped);
        return;
    }
  }

 private:
  void show_running_count(const StepUpdate& update) {
    if (terminal_) {
      fmt::print("\r\033[K{}:   {}", update.step.node, printable(progress_message(update), true));
      showing_ = true;
    } else {
      if (!lines_.due(&update.step)) return;
      fmt::print("{}:   {}\n", update.step.node, printable(progress_message(update), true));
    }
    std::fflush(stdout);
  }

  void clear_running_count() {
    if (!showing_) return;
    fmt::print("\r\033[K");
    showing_ = false;
  }

  const Clock& clock_;
  Style out_;
  Style err_;
  bool terminal_;
  bool showing_ = false;
  ProgressThrottle<const Step*> lines_{clock_, kTextProgressInterval};
};

}  // namespace

std::unique_ptr<ApplyOutput> text_apply_output(bool no_colour, const Clock& clock) {
  return std::make_unique<TextApplyOutput>(no_colour, clock);
}

}  // namespace flocker

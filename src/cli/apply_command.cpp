#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <string>

#include "apply/executor.hpp"
#include "apply/node_lock.hpp"
#include "cli/interrupt.hpp"
#include "util/sha256.hpp"
#include "cli/commands.hpp"
#include "plan/diff.hpp"
#include "plan/render.hpp"

namespace flocker {

namespace {

enum class Approval { Approved, Declined, NoTerminal };

Approval ask_approval(const Style& style) {
  if (isatty(STDIN_FILENO) != 1) return Approval::NoTerminal;
  fmt::print("\n{}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ",
             style.paint("Do you want to perform these actions?", Colour::Bold));
  std::fflush(stdout);
  std::string answer;
  if (!std::getline(std::cin, answer)) return Approval::Declined;
  return answer == "yes" ? Approval::Approved : Approval::Declined;
}

// Prints the executor's updates: one line per event, except a transfer's
// running count, which a terminal redraws in place (a progress line with
// bytes, rate and ETA) and other outputs get every few seconds.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(const Style& style) : style_(style), terminal_(isatty(STDOUT_FILENO) == 1) {}

  void operator()(const StepUpdate& update) {
    if (update.event == StepEvent::Progress && update.transient) {
      show_running_count(update);
      return;
    }
    clear_running_count();
    const auto what = fmt::format("{}: {} {}", update.step.node, step_symbol(update.step.kind), describe_step(update.step));
    switch (update.event) {
      case StepEvent::Started: fmt::print("{} ...\n", what); break;
      case StepEvent::Progress: fmt::print("{}:   {}\n", update.step.node, update.message); break;
      case StepEvent::Done: fmt::print("{}: {} ({:.1f}s)\n", what, style_.paint("done", Colour::Green), update.seconds); break;
      case StepEvent::Failed: fmt::print("{}: {}\n", what, style_.paint("FAILED", Colour::Red)); break;
      case StepEvent::Skipped:
        fmt::print("{}: {}\n", what,
                   style_.paint(interrupted() ? "not started (interrupted)" : "not started (an earlier step on its node failed)",
                                Colour::Yellow));
        break;
    }
    std::fflush(stdout);
  }

 private:
  static constexpr auto kLineInterval = std::chrono::seconds(3);

  void show_running_count(const StepUpdate& update) {
    if (terminal_) {
      fmt::print("\r\033[K{}:   {}", update.step.node, update.message);
      showing_ = true;
    } else {
      auto now = std::chrono::steady_clock::now();
      auto& last = last_line_[&update.step];
      if (now - last < kLineInterval) return;
      last = now;
      fmt::print("{}:   {}\n", update.step.node, update.message);
    }
    std::fflush(stdout);
  }

  void clear_running_count() {
    if (!showing_) return;
    fmt::print("\r\033[K");
    showing_ = false;
  }

  const Style& style_;
  bool terminal_;
  bool showing_ = false;
  std::map<const Step*, std::chrono::steady_clock::time_point> last_line_;
};

}  // namespace

void ApplyCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("apply", "Bring the nodes to the manifest");
  command->footer("Example:\n  flocker apply --ssh-config lab/ssh_config --auto-approve flocker.yaml\n\n"
                  "Shows the plan, then asks for 'yes' on a terminal. Without a terminal (CI),\n"
                  "--auto-approve is required. Exit status: 0 when every step succeeded, 1 otherwise.");
  add_common_options(*command, common);
  command->add_flag("--auto-approve", auto_approve, "Apply without asking for confirmation");
  command->add_option("--lock-timeout", lock_timeout_seconds,
                      "Seconds to wait for another flocker's lock on a node (default: 0, fail at once)");
}

int ApplyCommand::run() {
  const auto out_style = style_for(STDOUT_FILENO, common.no_colour);
  const auto err_style = style_for(STDERR_FILENO, common.no_colour);
  auto manifest = load_or_report(common);
  if (!manifest) return exit_code::kError;
  auto planned = gather_and_plan(*manifest, common);
  if (!planned) return exit_code::kError;
  auto& cluster = planned->cluster;
  const Plan* plan = &planned->plan;
  fmt::print("{}", render_plan_text(*plan, out_style));
  if (plan->empty()) return exit_code::kOk;

  if (!auto_approve) {
    switch (ask_approval(out_style)) {
      case Approval::Approved: break;
      case Approval::Declined:
        fmt::print(stderr, "Apply cancelled; nothing was changed.\n");
        return exit_code::kError;
      case Approval::NoTerminal:
        print_error({"there is no terminal to ask for approval, so nothing was changed",
                     "review the plan above and pass --auto-approve to apply it without asking"},
                    err_style);
        return exit_code::kError;
    }
  }
  fmt::print("\n");
  install_interrupt_handler();

  // One apply at a time per node: lock what the plan touches, then make sure
  // the nodes did not change while the plan was being read.
  const auto approved = plan_fingerprint(*plan);
  std::vector<std::string> touched;
  for (const auto& step : plan->steps) std::ranges::copy(nodes_of(step), std::back_inserter(touched));
  auto locks = lock_nodes(touched, *manifest, cluster.hosts, describe_lock_holder(sha256_hex(approved)),
                          std::chrono::seconds(lock_timeout_seconds));
  if (!locks) {
    print_error(locks.error(), err_style);
    return exit_code::kError;
  }
  reobserve(cluster, *manifest, common.parallelism);
  if (auto unavailable = cluster.unavailable()) {
    (void)locks->release();
    print_error(*unavailable, err_style);
    return exit_code::kError;
  }
  auto current = diff(*manifest, cluster.observed);
  // Taking a lock creates a missing root: its step is then already done.
  if (!current || plan_fingerprint(*current, true) != plan_fingerprint(*plan, true)) {
    (void)locks->release();
    print_error({"the nodes changed after the plan was made, so nothing was changed",
                 "run `flocker apply` again to see the new plan"},
                err_style);
    return exit_code::kError;
  }

  ProgressPrinter printer(out_style);
  auto report = apply_plan(*plan, cluster.hosts, common.parallelism,
                           [&](const StepUpdate& update) { printer(update); }, interrupted);
  auto released = locks->release();
  if (!released) print_error(released.error(), err_style);
  if (report.ok()) {
    fmt::print("\n{} {} {} done.\n", out_style.paint("Apply complete:", Colour::Green), report.done,
               report.done == 1 ? "step" : "steps");
    return released ? exit_code::kOk : exit_code::kError;
  }
  fmt::print("\n");
  for (const auto& error : report.errors) print_error(error, err_style);
  fmt::print(stderr, "{} {} of {} steps done, {} failed, {} not started. Run `flocker plan` to see what is left.\n",
             err_style.paint(report.interrupted ? "Apply interrupted:" : "Apply failed:", Colour::Red), report.done,
             plan->steps.size(), report.failed, report.skipped);
  if (report.interrupted && report.failed == 0) return kInterruptedExitCode;
  return exit_code::kError;
}

}  // namespace flocker

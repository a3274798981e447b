#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>

#include "apply/executor.hpp"
#include "apply/lock_holder.hpp"
#include "apply/node_lock.hpp"
#include "apply/transfer_leftovers.hpp"
#include "cli/apply_outcome.hpp"
#include "cli/apply_output.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/plan_file.hpp"

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

Error stale_error(const std::vector<std::string>& reasons, const std::string& plan_file) {
  std::string message = fmt::format("the saved plan {} is stale, so nothing was changed:", plan_file);
  for (const auto& reason : reasons) message += "\n  - " + reason;
  return {message,
          fmt::format("make a new plan (flocker plan -out {}), review it, and apply that", plan_file)};
}

// One apply: the steps from loading the manifest to releasing the locks, each
// of which may end it early with nothing changed.
class ApplyRun {
 public:
  ApplyRun(const ApplyCommand& command, ApplyOutput& out, Clock& clock)
      : command_(command), out_(out), clock_(clock) {}

  int run() {
    // From the start, so that Ctrl-C while observing or waiting for a lock
    // ends with a summary (and released locks) rather than a killed process.
    install_interrupt_handler();
    auto saved = saved_plan_argument(command_.common.files);
    if (!saved) return refuse(saved.error());
    saved_ = std::move(*saved);
    if (saved_) {
      if (!command_.shaping.targets.empty() || command_.shaping.allow_destroy)
        return refuse(
            {"--target and --allow-destroy shape a new plan; a saved plan keeps the ones it was made with",
             fmt::format("apply the saved plan alone: flocker apply {}", plan_file())});
      shaping_ = {saved_->targets, saved_->allow_destroy};
      for (const auto& file : saved_->manifests) manifest_files_.push_back(file.path);
      allow_env_ = saved_->allow_env;          // the manifest reads what it read when the plan was made
      if (!command_.common.allow_env.empty())  // FLOCKER_ALLOW_ENV may be set for every job of a pipeline
        out_.warning(fmt::format(
            "--allow-env (or FLOCKER_ALLOW_ENV) is not used with a saved plan: the manifest "
            "reads the variables the plan was made with ({})",
            saved_->allow_env.empty() ? "none" : fmt::format("{}", fmt::join(saved_->allow_env, ", "))));
      if (auto reasons =
              stale_reasons(*saved_, {current_manifest_digests(saved_->manifests), nullptr, "", ""});
          !reasons.empty())
        return refuse(stale_error(reasons, plan_file()));
    } else {
      shaping_ = command_.shaping;
      manifest_files_ = command_.common.manifest_files();
      allow_env_ = command_.common.allow_env;
    }

    auto loaded = load_manifest_files(manifest_files_, allow_env_);
    if (!loaded) {
      out_.manifest_errors(loaded.error());
      return finish({.outcome = ApplyOutcome::NotStarted, .exit_code = exit_code::kError});
    }
    manifest_ = std::move(loaded->manifest);
    digests_ = std::move(loaded->digests);

    auto planned = gather_and_plan(manifest_, command_.common, shaping_);
    if (interrupted()) return stop_before_any_step();
    if (!planned) return refuse(planned.error());
    cluster_ = std::move(planned->cluster);
    plan_ = std::move(planned->plan);
    if (saved_)
      if (auto reasons = stale_reasons(*saved_, now(plan_digest(plan_))); !reasons.empty())
        return refuse(stale_error(reasons, plan_file()));
    announce_plan(out_, plan_, shaping_.targets.empty() ? "" : target_warning(shaping_, planned->left_out));
    if (plan_.empty()) {
      clean_up_after_killed_runs(remove_stale_locks(), plan_digest(plan_));
      return finish({.outcome = ApplyOutcome::NoChanges, .exit_code = exit_code::kOk});
    }
    auto approved = approve();
    if (interrupted()) return stop_before_any_step();
    if (!approved) return refuse(approved.error());
    if (!command_.json) fmt::print("\n");
    return execute();
  }

 private:
  std::string plan_file() const { return command_.common.files.front(); }

  CurrentState now(std::string plan_sha256) const {
    std::map<std::string, std::string> digests;
    for (const auto& file : digests_) digests[file.path] = file.sha256;
    return {std::move(digests), &cluster_.observed, std::move(plan_sha256), flocker_version_text()};
  }

  // A saved plan was approved when it was reviewed; otherwise ask, or require
  // --auto-approve where nobody can answer.
  Status approve() {
    if (saved_ || command_.auto_approve) return {};
    if (command_.json)
      return fail(
          "--json output cannot ask for approval, so nothing was changed",
          "pass --auto-approve, or apply a saved plan: flocker plan -out FILE, then flocker apply FILE");
    switch (ask_approval(style_for(STDOUT_FILENO, command_.common.no_colour))) {
      case Approval::Approved:
        return {};
      case Approval::Declined:
        return fail("apply cancelled; nothing was changed");
      case Approval::NoTerminal:
        return fail("there is no terminal to ask for approval, so nothing was changed",
                    "review the plan above and pass --auto-approve to apply it without asking");
    }
    return fail("unreachable");
  }

  // One apply at a time per node: lock what the plan touches, then make sure
  // the nodes did not change while the plan was being read.
  int execute() {
    const auto approved_digest = plan_digest(plan_);
    std::vector<std::string> touched;
    for (const auto& step : plan_.steps) std::ranges::copy(nodes_of(step), std::back_inserter(touched));
    auto locks = lock_nodes(touched, manifest_, cluster_.hosts,
                            describe_lock_holder(approved_digest, clock_, process_environment()),
                            std::chrono::seconds(command_.lock_timeout_seconds), clock_, interrupted);
    if (!locks) {
      if (interrupted()) return stop_before_any_step(locks.error());
      return refuse(locks.error());
    }
    for (const auto& warning : locks->warnings()) out_.warning(warning);
    // What killed runs left: stale locks on the nodes the plan does not
    // touch, and one-time keys on every node locked for it or stale-locked.
    // Before the re-check, which may refuse: the next apply may not lock
    // those nodes again.
    clean_up_after_killed_runs(remove_stale_locks(), approved_digest);
    remove_transfer_leftovers_on(touched);
    auto unlock_and_refuse = [&](const Error& error) {
      unlock(*locks);
      return refuse(error);
    };
    reobserve(cluster_, manifest_, command_.common.parallelism);
    if (auto unavailable = cluster_.unavailable()) return unlock_and_refuse(*unavailable);
    auto current = make_plan(manifest_, cluster_.observed, shaping_);
    if (!current) return unlock_and_refuse(current.error());
    // Taking a lock creates a missing root: plan digests leave that step out.
    const auto current_digest = plan_digest(current->plan);
    if (saved_) {
      if (auto reasons = stale_reasons(*saved_, now(current_digest)); !reasons.empty())
        return unlock_and_refuse(stale_error(reasons, plan_file()));
    } else if (current_digest != approved_digest) {
      return unlock_and_refuse({"the nodes changed after the plan was made, so nothing was changed",
                                "run `flocker apply` again to see the new plan"});
    }
    // Same changes; but what a transfer's pruning must leave (other copies'
    // bases, resume tokens) is taken from this look, under the locks: a
    // replicate loop may have refreshed a replica since the plan was made.
    for (auto& step : plan_.steps) {
      if (!transfers_data(step)) continue;
      auto fresh = std::ranges::find_if(current->plan.steps, [&](const Step& other) {
        return other.kind == step.kind && other.node == step.node && other.source_node == step.source_node &&
               other.app == step.app;
      });
      if (fresh != current->plan.steps.end()) step.moves = fresh->moves;
    }

    auto report = apply_plan(
        plan_, cluster_.hosts, command_.common.parallelism,
        [&](const StepUpdate& update) { out_.step(update, index_of(update.step)); }, interrupted,
        hurry_requested);
    const bool released = unlock(*locks);
    return finish(summarize_apply(report, plan_.steps.size(), released, interrupted_exit_code()));
  }

  // A lock that a killed flocker of this host left on a node where nothing
  // is to be done would stay forever: no later apply locks that node.
  // Returns the nodes where it removed one.
  std::vector<std::string> remove_stale_locks() {
    std::vector<std::string> removed_on;
    for (const auto& [node, state] : cluster_.observed.nodes) {
      auto host = cluster_.hosts.find(node);
      if (state.lock_holder.empty() || host == cluster_.hosts.end()) continue;
      auto removed = remove_stale_lock(*host->second, state.zfs_root, clock_);
      if (!removed) {
        out_.warning(fmt::format("could not check the lock on node {}: {}", node, removed.error().message));
      } else if (!removed->empty()) {
        out_.warning(*removed);
        removed_on.push_back(node);
      }
    }
    return removed_on;
  }

  // A killed run may have left one-time keys on a node this plan does not
  // touch (the source of a move killed after its final increment): take that
  // node's lock for the cleanup alone, without waiting for anyone.
  void clean_up_after_killed_runs(const std::vector<std::string>& nodes, const std::string& digest) {
    if (nodes.empty()) return;
    auto locks = lock_nodes(nodes, manifest_, cluster_.hosts,
                            describe_lock_holder(digest, clock_, process_environment()),
                            std::chrono::seconds(0), clock_, interrupted);
    if (!locks) {
      out_.warning(fmt::format("could not lock {} to remove what a killed flocker left there: {}",
                               fmt::join(nodes, ", "), locks.error().message));
      return;
    }
    remove_transfer_leftovers_on(nodes);
    (void)unlock(*locks);
  }

  // The root dataset of the manifest on node.
  std::string root_on(const std::string& node) const {
    auto spec = manifest_.nodes.find(node);
    return spec == manifest_.nodes.end() ? std::string() : spec->second.zfs_root;
  }

  // One-time keys and key directories a killed flocker left on the locked nodes.
  void remove_transfer_leftovers_on(std::vector<std::string> nodes) {
    std::ranges::sort(nodes);
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    for (const auto& node : nodes)
      if (auto host = cluster_.hosts.find(node); host != cluster_.hosts.end() && host->second)
        for (const auto& warning : remove_transfer_leftovers(*host->second, root_on(node)))
          out_.warning(warning);
  }

  // Says what releasing the locks left behind; false when a lock stayed.
  bool unlock(NodeLocks& locks) {
    auto released = locks.release();
    if (!released) {
      out_.error(released.error());
      return false;
    }
    for (const auto& warning : *released) out_.warning(warning);
    return true;
  }

  size_t index_of(const Step& step) const { return static_cast<size_t>(&step - plan_.steps.data()); }

  int stop_before_any_step(const Error& why = {"interrupted before any step started",
                                               "nothing was changed"}) {
    out_.error(why);
    return finish({.outcome = ApplyOutcome::Interrupted,
                   .total = plan_.steps.size(),
                   .skipped = plan_.steps.size(),
                   .exit_code = interrupted_exit_code()});
  }

  int refuse(const Error& error) {
    out_.error(error);
    return finish({.outcome = ApplyOutcome::NotStarted, .exit_code = exit_code::kError});
  }

  int finish(ApplySummary summary) {
    out_.summary(summary);
    return summary.exit_code;
  }

  const ApplyCommand& command_;
  ApplyOutput& out_;
  Clock& clock_;
  std::optional<SavedPlan> saved_;
  PlanShaping shaping_;
  std::vector<std::string> manifest_files_;
  std::vector<std::string> allow_env_;
  Manifest manifest_;
  std::vector<SavedManifestFile> digests_;
  Cluster cluster_;
  Plan plan_;
};

}  // namespace

void ApplyCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("apply", "Bring the nodes to the manifest, or apply a saved plan");
  command->footer(
      "Examples:\n"
      "  flocker apply --ssh-config lab/ssh_config flocker.yaml\n"
      "  flocker apply release.plan                  # saved by: flocker plan -out release.plan\n"
      "  flocker apply --auto-approve --json flocker.yaml   # in CI: one JSON event a line\n\n"
      "Shows the plan, then asks for 'yes' on a terminal. Without a terminal (CI),\n"
      "--auto-approve or a saved plan is required. A saved plan is refused, with\n"
      "nothing changed, when its manifests or nodes changed since it was made.\n"
      "Exit status: 0 when every step succeeded, 1 otherwise; when stopped by a signal,\n"
      "128 + its number: 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP).");
  add_common_options(*command, common);
  add_plan_shaping_options(*command, shaping);
  command->add_flag("--auto-approve", auto_approve, "Apply without asking for confirmation");
  command->add_flag("--json", json, "Print one JSON event a line (see docs/json.md); never asks");
  command->add_option("--lock-timeout", lock_timeout_seconds,
                      "Seconds to wait for another flocker's lock on a node (default: 0, fail at once)");
}

int ApplyCommand::run() {
  Clock& clock = system_clock();
  auto out = json ? json_apply_output(clock) : text_apply_output(common.no_colour, clock);
  return ApplyRun(*this, *out, clock).run();
}

}  // namespace flocker

// flocker replicate: refresh the replicas that are due, once or every
// DURATION, locking only the two nodes of one transfer at a time.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "apply/lock_holder.hpp"
#include "apply/node_lock.hpp"
#include "apply/replicate.hpp"
#include "apply/transfer_leftovers.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/plan_file.hpp"
#include "cli/progress_text.hpp"
#include "cli/replicate_metrics.hpp"
#include "cli/status_view.hpp"
#include "plan/copies.hpp"
#include "plan/render.hpp"
#include "state/observe.hpp"
#include "util/duration.hpp"
#include "util/env_lookup.hpp"
#include "util/size.hpp"
#include "util/text.hpp"

namespace flocker {

void ReplicateCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("replicate", "Refresh the replicas that are due (replicas, max_lag)");
  command->footer(
      "Example:\n  flocker replicate --every 30s --metrics-file /var/lib/node_exporter/flocker.prom "
      "flocker.yaml\n\n"
      "A replica is due once its lag passes half its max_lag. One pass exits 0 when every replica is\n"
      "within its max_lag afterwards, 3 when some is not (or its node did not answer), 1 on an error.\n"
      "With --every it runs passes until SIGTERM or SIGINT, then exits 0.");
  add_common_options(*command, common);
  command->add_flag("--all", all, "Refresh every replica, due or not");
  command
      ->add_option("--every", every,
                   "Run a pass every DURATION (30s, 5m, 1h) until stopped, instead of one pass")
      ->type_name("DURATION");
  command
      ->add_option("--metrics-file", metrics_file,
                   "After each pass, write Prometheus metrics here (atomically; node_exporter's textfile "
                   "collector reads them)")
      ->type_name("FILE");
  command->add_flag("--json", json, "Print one JSON event a line (see docs/json.md)");
}

namespace {

constexpr auto kSleepSlice = std::chrono::milliseconds(200);
constexpr long long kLongestInterval = 30LL * 24 * 3600;

// Writes a new file beside it (made by mkstemp: never a name planted
// beforehand, never through a symlink), then renames it over the file: a
// reader never sees half a file.
Status write_atomically(const std::string& path, const std::string& text) {
  std::string temporary = path + ".XXXXXX";
  const int fd = mkstemp(temporary.data());
  if (fd < 0) return fail(fmt::format("cannot write beside {}: {}", path, std::strerror(errno)));
  bool written = fchmod(fd, 0644) == 0;
  for (size_t done = 0; written && done < text.size();) {
    const auto n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0)
      written = false;
    else
      done += static_cast<size_t>(n);
  }
  written = close(fd) == 0 && written;
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    return fail(fmt::format("cannot write {}: {}", path, std::strerror(error)));
  }
  return {};
}

class Replication {
 public:
  Replication(const ReplicateCommand& command, Clock& clock) : command_(command), clock_(clock) {}

  int run() {
    install_interrupt_handler();
    std::optional<long long> every;
    if (!command_.every.empty()) {
      every = parse_duration(command_.every);
      if (!every || *every < 1 || *every > kLongestInterval) {
        print_error({fmt::format("--every {}: not a duration from 1s to 30d", command_.every),
                     "write it as 30s, 5m, 1h or 1d"},
                    style(STDERR_FILENO));
        return exit_code::kError;
      }
    }
    if (!reload()) return exit_code::kError;
    if (!every) return pass();
    while (!interrupted()) {
      const auto started = clock_.now();
      reload();
      pass();
      const auto next = started + std::chrono::seconds(*every);
      while (!interrupted() && clock_.now() < next) clock_.sleep_for(kSleepSlice);
    }
    say("stopped as asked", {{"type", "stopped"}});
    return exit_code::kOk;
  }

 private:
  Style style(int fd) const { return style_for(fd, command_.common.no_colour); }

  // Reads the manifest when its files changed; a broken edit is reported and
  // the last good manifest kept. False when there is none.
  bool reload() {
    const auto files = command_.common.manifest_files();
    if (manifest_) {
      std::vector<SavedManifestFile> now;
      for (const auto& file : files) now.push_back({file, ""});
      auto current = current_manifest_digests(now);
      bool same = current.size() == digests_.size();
      for (const auto& known : digests_) same = same && current[known.path] == known.sha256;
      if (same) {
        // Back to the last good manifest after a broken edit: said, as any change is.
        if (!rejected_.empty()) say("the manifest changed: read again", {{"type", "manifest_reloaded"}});
        rejected_.clear();
        return true;
      }
    }
    auto loaded = load_manifest_files(files, command_.common.allow_env);
    if (!loaded) {
      // Said once per broken edit, not every pass.
      std::vector<SavedManifestFile> now;
      for (const auto& file : files) now.push_back({file, ""});
      auto current = current_manifest_digests(now);
      if (current == rejected_) return false;
      rejected_ = std::move(current);
      print_diagnostics(loaded.error(), style(STDERR_FILENO));
      if (manifest_)
        say("the manifest has errors: the last good one is used until they are fixed",
            {{"type", "manifest_rejected"}});
      return false;
    }
    rejected_.clear();
    if (manifest_) say("the manifest changed: read again", {{"type", "manifest_reloaded"}});
    manifest_ = std::move(loaded->manifest);
    digests_ = std::move(loaded->digests);
    return true;
  }

  int pass() {
    const auto started = clock_.now();
    pass_snapshots_.clear();
    auto cluster = gather_cluster(*manifest_, command_.common);
    for (const auto& [name, state] : cluster.observed.nodes)
      if (!state.ok())
        say(fmt::format("node {} is skipped: {}", name,
                        state.error.empty() ? "it did not answer" : state.error),
            {{"type", "node_unreachable"}, {"node", name}, {"error", state.error}});
    const ReplicaPolicy policy{.due_fraction = 0.5, .all = command_.all};
    auto planned = plan_replication(*manifest_, cluster.observed, policy);
    for (const auto& note : planned.notes) say("note: " + note, {{"type", "note"}, {"message", note}});
    for (const auto& step : planned.steps) {
      if (interrupted()) break;
      refresh(cluster, step, policy);
    }
    reobserve(cluster, *manifest_, command_.common.parallelism);
    // What is behind, and why, as `status --check` judges it.
    const auto statuses = replica_statuses(*manifest_, cluster.observed);
    std::vector<ReplicaVolume> rows;
    int behind = 0;
    for (const auto& status : statuses) {
      rows.push_back(status.replica);
      if (status.state != ReplicaState::Ok) {
        const auto& row = status.replica;
        ++behind;
        say(fmt::format("{} on {} (volume \"{}\") is not within max_lag {}: {}", row.app, row.node,
                        row.volume, format_duration(row.max_lag_seconds), why_behind(status)),
            {{"type", "replica_behind"},
             {"app", row.app},
             {"volume", row.volume},
             {"node", row.node},
             {"lag_seconds", row.lag_seconds ? nlohmann::json(*row.lag_seconds) : nlohmann::json()},
             {"max_lag_seconds", row.max_lag_seconds}});
      }
    }
    say(fmt::format("Replicas: {} within max_lag, {} not.", rows.size() - static_cast<size_t>(behind),
                    behind),
        {{"type", "pass_done"},
         {"replicas", rows.size()},
         {"behind", behind},
         {"seconds", clock_.seconds_since(started)}});
    write_metrics(cluster, rows, clock_.seconds_since(started));
    return behind == 0 ? exit_code::kOk : exit_code::kReplicasBehind;
  }

  static std::string why_behind(const ReplicaStatus& status) {
    if (!status.problem.empty()) return status.problem;
    if (status.state == ReplicaState::Missing) return "it has no copy yet";
    if (!status.replica.lag_seconds) return "its lag is unknown";
    return fmt::format("{} behind", format_duration(*status.replica.lag_seconds));
  }

  // One transfer: lock its two nodes (a node an apply holds is skipped, not
  // waited for), look again (another flocker may have refreshed it), send.
  void refresh(Cluster& cluster, const Step& planned, const ReplicaPolicy& policy) {
    const auto what = fmt::format("{} {} → {}", planned.app, planned.source_node, planned.node);
    auto& counters = counters_[{planned.app, planned.node}];
    auto skipped = [&](const std::string& why) {
      say(fmt::format("{}: skipped: {}", what, why),
          {{"type", "replica_skipped"}, {"app", planned.app}, {"node", planned.node}, {"reason", why}});
    };
    auto locks = lock_nodes({planned.source_node, planned.node}, *manifest_, cluster.hosts,
                            describe_lock_holder_doing("flocker replicate", clock_, process_environment()),
                            std::chrono::seconds(0), clock_, interrupted);
    if (!locks) return skipped(locks.error().message);
    for (const auto& warning : locks->warnings()) say("warning: " + warning, {});
    for (const auto& node : {planned.source_node, planned.node}) {
      auto& host = *cluster.hosts.at(node);
      for (const auto& warning : remove_transfer_leftovers(host, manifest_->nodes.at(node).zfs_root))
        say("warning: " + warning, {});
    }
    // Every node again, not only these two: what the other copies build on
    // decides what may be pruned. Nothing refreshes them from the live node
    // while this holds its lock, so what is seen now stays true.
    reobserve(cluster, *manifest_, command_.common.parallelism);
    auto again = plan_replicas(*manifest_, cluster.observed, manifest_->applications.at(planned.app),
                               planned.source_node, {}, policy);
    auto step = std::ranges::find(again.steps, planned.node, &Step::node);
    if (step == again.steps.end()) {
      release(*locks);
      // Why, as the plan says it about this replica or its application;
      // else another flocker refreshed it meanwhile.
      for (const auto& note : again.notes)
        if (note.find(" on " + planned.node) != std::string::npos ||
            note.starts_with("the replicas of " + planned.app + " "))
          return skipped(note);
      return skipped("no longer due (another flocker refreshed it)");
    }
    // The replicas of one pass share its snapshot: each keeps the newest in
    // common with the others too, so a move to any of them leaves the rest an
    // increment to build on.
    // Only a snapshot this pass took that the live copy still holds, and
    // recent enough that the replica is not due again at once.
    const auto& live = cluster.observed.nodes.at(step->source_node);
    for (auto& move : step->moves) {
      auto taken = pass_snapshots_.find(planned.app + "/" + move.volume);
      if (taken == pass_snapshots_.end() || taken->second >= move.next_snapshot) continue;
      const auto* dataset = live.find_dataset(move.source);
      if (dataset == nullptr) continue;
      auto held = std::ranges::find(dataset->snapshots, snapshot_name(taken->second), &SnapshotState::name);
      const auto max_age =
          static_cast<long long>(policy.due_fraction * static_cast<double>(step->lag.max_seconds));
      if (held != dataset->snapshots.end() && live.clock > 0 && held->creation > 0 &&
          live.clock - held->creation < max_age)
        move.next_snapshot = taken->second;
    }
    say(fmt::format("{}: {}", what, describe_step(*step)),
        {{"type", "replica_started"}, {"app", step->app}, {"node", step->node}, {"from", step->source_node}});
    unsigned long long sent = 0;
    ProgressFn progress = [&](const ProgressUpdate& update) {
      if (update.fact.kind == ProgressKind::Sent)
        sent += update.fact.bytes > 0 ? update.fact.bytes : update.fact.wire_bytes;
      if (update.transient || command_.json) return;
      fmt::print("  {}\n", printable(progress_text(update.fact, *step)));
      std::fflush(stdout);
    };
    const auto started = clock_.now();
    auto done = execute_replication(*cluster.hosts.at(step->source_node), *cluster.hosts.at(step->node),
                                    *step, clock_, progress, hurry_requested);
    release(*locks);
    counters.bytes_sent += sent;
    if (!done && hurry_requested()) {
      // Cut because asked (SIGTERM, SIGHUP): not a failure to fix.
      return skipped("stopped as asked; the replica keeps its previous snapshot");
    }
    if (!done) {
      ++counters.failures;
      say(fmt::format("{}: failed: {}", what, done.error().message),
          {{"type", "replica_failed"},
           {"app", step->app},
           {"node", step->node},
           {"from", step->source_node},
           {"error", {{"message", done.error().message}, {"hint", done.error().hint}}}});
      if (!command_.json && !done.error().hint.empty()) fmt::print("  {}\n", printable(done.error().hint));
      return;
    }
    for (const auto& move : step->moves)
      pass_snapshots_.emplace(planned.app + "/" + move.volume, move.next_snapshot);
    counters.last_success =
        std::chrono::duration_cast<std::chrono::seconds>(clock_.wall_now().time_since_epoch()).count();
    say(fmt::format("{}: done in {:.1f}s, {} sent", what, clock_.seconds_since(started), human_bytes(sent)),
        {{"type", "replica_done"},
         {"app", step->app},
         {"node", step->node},
         {"from", step->source_node},
         {"bytes", sent},
         {"seconds", clock_.seconds_since(started)}});
  }

  void release(NodeLocks& locks) {
    auto released = locks.release();
    if (!released) return say("warning: " + released.error().message, {});
    for (const auto& warning : *released) say("warning: " + warning, {});
  }

  void write_metrics(const Cluster& cluster, const std::vector<ReplicaVolume>& rows, double seconds) {
    if (command_.metrics_file.empty()) return;
    ReplicationMetrics metrics{
        .replicas = rows,
        .counters = counters_,
        .nodes_up = {},
        .pass_time =
            std::chrono::duration_cast<std::chrono::seconds>(clock_.wall_now().time_since_epoch()).count(),
        .pass_seconds = seconds};
    for (const auto& [name, state] : cluster.observed.nodes) metrics.nodes_up[name] = state.ok();
    if (auto written = write_atomically(command_.metrics_file, render_replication_metrics(metrics)); !written)
      say("warning: " + written.error().message, {});
  }

  // One line for people, or one JSON event.
  void say(const std::string& text, nlohmann::json event) const {
    if (command_.json) {
      if (event.is_null() || event.empty()) event = {{"type", "warning"}, {"message", text}};
      event["format_version"] = 1;
      fmt::print("{}\n", event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      fmt::print("{}\n", printable(text));
    }
    std::fflush(stdout);
  }

  const ReplicateCommand& command_;
  Clock& clock_;
  std::optional<Manifest> manifest_;
  std::vector<SavedManifestFile> digests_;
  std::map<std::pair<std::string, std::string>, ReplicaCounters> counters_;
  std::map<std::string, int> pass_snapshots_;
  std::map<std::string, std::string> rejected_;  // the digests of the files of a broken edit, said once  //
                                                 // app/volume -> the flocker-N this pass took
};

}  // namespace

int ReplicateCommand::run() {
  Replication replication(*this, system_clock());
  return replication.run();
}

}  // namespace flocker

#pragma once
// Sends snapshots of a volume from one node's dataset into its copy on
// another: the part a move and a replica refresh share. Snapshot, send (full,
// incremental or resumed) through the step's transport and stream stages,
// receive, check what arrived; holds (OpenZFS) on what the transfer builds
// on; the direct links' one-time keys.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "apply/direct_link.hpp"
#include "apply/progress_fact.hpp"
#include "apply/transfer.hpp"
#include "plan/model.hpp"
#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

struct ProgressUpdate {
  ProgressFact fact;  // cli/ words it (progress_text)
  // A transfer's running count: a terminal redraws it in place; elsewhere
  // only every few seconds is worth a line.
  bool transient = false;
  // A transfer's running count, for JSON: bytes sent so far, and the expected
  // total (0 when unknown).
  unsigned long long bytes = 0;
  unsigned long long total_bytes = 0;
};
using ProgressFn = std::function<void(const ProgressUpdate& update)>;

class VolumeSender {
 public:
  // step: a transfer step (transfers_data): its transport, stages and
  // send flags; from is its source_node, to its node.
  VolumeSender(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
               const StopRequested& stop);
  VolumeSender(const VolumeSender&) = delete;
  VolumeSender& operator=(const VolumeSender&) = delete;

  // Takes `snapshot` of move.source; an existing one of that name is used when may_exist.
  Status take_snapshot(const VolumeMove& move, const std::string& snapshot, bool may_exist);
  enum class Snapshot { Take, TakeOrUse, Taken };
  // Takes `snapshot` of move.source as `taking` says, and sends it, from
  // `base` (empty: whole), into move.target, then checks what arrived.
  // stoppable: a stop request cuts the stream, as a lost connection would.
  Result<TransferResult> transfer(const VolumeMove& move, const std::string& base,
                                  const std::string& snapshot, std::string_view phase, bool stoppable,
                                  Snapshot taking = Snapshot::Take);
  // OpenZFS: completes an interrupted receive from move.resume_token, or, when
  // the source can no longer produce the rest, drops the partial state (receive -A).
  // zfs-fuse cannot send the rest: the partial state is dropped.
  Status resume(const VolumeMove& move);
  // What the transfer builds on: the plan's base, or the snapshot a resume completed.
  const std::string& base(const VolumeMove& move) const;
  // OpenZFS: holds the snapshot on both sides until release_holds(); nothing
  // (not even a person's `zfs destroy`) removes it meanwhile.
  Status hold_both(const VolumeMove& move, const std::string& snapshot);
  // Releases the holds taken (also after a failure); a failure is reported, not fatal.
  void release_holds();
  // Revokes the direct links' one-time keys; a failure is reported, not fatal.
  void close_links();
  // True once a stop was requested; remembers it.
  bool stopping();
  bool openzfs() const { return step_.openzfs_streams; }
  // Reports a fact that is not a running count.
  void report(ProgressFact fact) const { progress_({std::move(fact)}); }

  Host& from() const { return from_; }
  Host& to() const { return to_; }

 private:
  Result<TransferResult> stream(const VolumeMove& move, const Argv& send, std::string_view phase,
                                bool stoppable);
  Status abort_partial_receive(const VolumeMove& move, const std::string& why);
  Status hold(Host& host, const std::string& dataset, const std::string& snapshot);

  Host& from_;
  Host& to_;
  const Step& step_;
  Clock& clock_;
  const ProgressFn& progress_;
  const StopRequested& stop_;
  bool stopped_ = false;                     // a stop was requested (sticky: asked once, it stays)
  std::map<std::string, DirectLink> links_;  // by target dataset; each closes (revokes its key) when done
  std::map<std::string, std::string> resumed_base_;  // by target dataset
  struct Hold {
    Host* host;
    std::string snapshot;  // dataset@snapshot
  };
  std::vector<Hold> holds_;
};

}  // namespace flocker

#pragma once
// zfs-fuse calls a dataset busy for a moment after a receive, after a
// container let go of it, or right after it was made; the same command run
// a little later succeeds. This is the one place that waits that out.
#include <chrono>

#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

// At most this many runs, kBusyPause apart: about 5 s of waiting in all.
inline constexpr int kBusyAttempts = 20;
inline constexpr std::chrono::milliseconds kBusyPause{250};

// Runs argv again while it fails as busy (ZfsFailure::Busy), sleeping on
// clock in between, up to kBusyAttempts runs; returns the last outcome. A
// held snapshot (which zfs-fuse also calls busy) is not retried: no wait
// releases a hold.
Result<CommandResult> run_while_busy(Host& host, const Argv& argv, Clock& clock);

}  // namespace flocker

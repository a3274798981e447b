#pragma once
// This machine's process table, for the stale-lock check (apply/stale_lock.hpp).
#include "apply/stale_lock.hpp"

namespace flocker {

// Whether pid runs here, and since when (Linux: /proc/PID/stat's start time
// after boot plus /proc/stat's btime). A zombie counts as not running.
LocalProcess local_process(int pid);

}  // namespace flocker

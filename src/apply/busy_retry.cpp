#include "apply/busy_retry.hpp"

#include "remote/zfs_errors.hpp"

namespace flocker {

Result<CommandResult> run_while_busy(Host& host, const Argv& argv, Clock& clock) {
  for (int attempt = 1;; ++attempt) {
    auto result = host.run(argv);
    if (!result || classify_zfs_failure(*result) != ZfsFailure::Busy || attempt == kBusyAttempts)
      return result;
    clock.sleep_for(kBusyPause);
  }
}

}  // namespace flocker

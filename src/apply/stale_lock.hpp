#pragma once
// Whether a node's lock was left by a flocker that died (SIGKILL, a crash, a
// power cut of the machine it ran on), so the next apply may take it over.
// Pure: the caller reads the holder from the node and the process table of
// this machine (apply/local_process.hpp), and this decides.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace flocker {

// What lock_holder.cpp writes in flocker:lock:
// "USER@HOST pid PID since YYYY-MM-DDTHH:MM:SSZ, plan sha256:…[, job URL]".
struct LockHolder {
  std::string user;
  std::string host;
  int pid = 0;
  std::chrono::sys_seconds since;
};

// nullopt for any other text (an older or later flocker's, or a hand-made lock).
std::optional<LockHolder> parse_lock_holder(std::string_view text);

// What this machine knows about a pid: whether a process has it now, and when
// that process started (nullopt when it cannot be told).
struct LocalProcess {
  bool running = false;
  std::optional<std::chrono::sys_seconds> started;
};

enum class LockVerdict {
  live,     // its holder may still run: wait for it
  stale,    // its holder is dead: take the lock over
  foreign,  // held from another machine, or unreadable: only force-unlock removes it
};

struct LockJudgement {
  LockVerdict verdict;
  std::string why;  // for the person: why it is (not) taken over
};

// A lock is stale only when it names THIS host and its pid is not running,
// or is running but started after the lock was taken (the pid was reused by
// another process). Process start times are known to a second or two (the
// boot time is whole seconds), so a process that started up to kStartSlack
// after the lock's time still counts as its holder: a live lock is never
// taken over, at worst a stale one waits for force-unlock.
inline constexpr std::chrono::seconds kStartSlack{2};
LockJudgement judge_lock(std::string_view holder_text, std::string_view this_host,
                         const LocalProcess& process);

}  // namespace flocker

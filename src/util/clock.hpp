#pragma once
// What flocker asks of the machine it runs on besides the nodes: time,
// sleeping, and who and where it is (as leveldb's Env). Code that waits,
// retries, throttles or polls takes a Clock&, so its unit tests run on a
// FakeClock (tests/support/fake_clock.hpp) and take no real time.
#include <chrono>
#include <string>

namespace flocker {

class Clock {
 public:
  using Duration = std::chrono::steady_clock::duration;
  using Instant = std::chrono::steady_clock::time_point;
  using WallTime = std::chrono::system_clock::time_point;

  virtual ~Clock() = default;
  // Monotonic time, for deadlines, durations and throttling.
  virtual Instant now() const = 0;
  // Calendar time, for what people read (lock holders, saved plans).
  virtual WallTime wall_now() const = 0;
  virtual void sleep_for(Duration duration) = 0;
  virtual int pid() const = 0;
  virtual std::string host_name() const = 0;
  // The effective user's name (from the password database), "" if it has none.
  virtual std::string user_name() const = 0;

  double seconds_since(Instant start) const { return std::chrono::duration<double>(now() - start).count(); }
};

// The real machine. Thread-safe.
Clock& system_clock();

}  // namespace flocker

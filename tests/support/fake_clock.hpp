#pragma once
// A Clock for unit tests: time moves only when the code under test sleeps
// (or the test calls advance), so waits, retries and timeouts take no real
// time and every run sees the same instants. Thread-safe; a sleep by one
// thread moves the time every thread sees.
#include <mutex>
#include <vector>

#include "util/clock.hpp"

namespace flocker::testing {

class FakeClock final : public Clock {
 public:
  Instant now() const override;
  WallTime wall_now() const override;
  void sleep_for(Duration duration) override;
  int pid() const override { return pid_value; }
  std::string host_name() const override { return host_value; }
  std::string user_name() const override { return user_value; }

  void advance(Duration duration);
  // Every sleep asked for, in order.
  std::vector<Duration> sleeps() const;
  Duration total_slept() const;

  int pid_value = 4242;
  std::string host_value = "laptop";
  std::string user_value = "alice";
  // Calendar time at the start: 2026-01-02 03:04:05 UTC.
  WallTime wall_start = WallTime{std::chrono::seconds{1767323045}};

 private:
  mutable std::mutex mutex_;
  Duration elapsed_{};
  std::vector<Duration> sleeps_;
};

}  // namespace flocker::testing

#include "support/fake_clock.hpp"

namespace flocker::testing {

Clock::Instant FakeClock::now() const {
  std::lock_guard lock(mutex_);
  return Instant{} + std::chrono::hours(1) + elapsed_;
}

Clock::WallTime FakeClock::wall_now() const {
  std::lock_guard lock(mutex_);
  return wall_start + std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed_);
}

void FakeClock::sleep_for(Duration duration) {
  std::lock_guard lock(mutex_);
  sleeps_.push_back(duration);
  elapsed_ += duration;
}

void FakeClock::advance(Duration duration) {
  std::lock_guard lock(mutex_);
  elapsed_ += duration;
}

std::vector<Clock::Duration> FakeClock::sleeps() const {
  std::lock_guard lock(mutex_);
  return sleeps_;
}

Clock::Duration FakeClock::total_slept() const {
  std::lock_guard lock(mutex_);
  return elapsed_;
}

}  // namespace flocker::testing

#pragma once
// A transfer reports its running count several times a second; a log needs
// fewer lines. ProgressThrottle lets one through per key (a step) at most
// every interval, as measured on the clock; the first always passes.
#include <chrono>
#include <map>

#include "util/clock.hpp"

namespace flocker {

// Text output where no terminal redraws the count in place (CI logs).
inline constexpr std::chrono::seconds kTextProgressInterval{3};
// JSON progress events.
inline constexpr std::chrono::seconds kJsonProgressInterval{1};

template <typename Key>
class ProgressThrottle {
 public:
  ProgressThrottle(const Clock& clock, Clock::Duration interval) : clock_(clock), interval_(interval) {}

  // True when key's last update that passed is at least interval old (or none did).
  bool due(const Key& key) {
    const auto now = clock_.now();
    auto [last, first] = last_.try_emplace(key, now);
    if (!first && now - last->second < interval_) return false;
    last->second = now;
    return true;
  }

 private:
  const Clock& clock_;
  Clock::Duration interval_;
  std::map<Key, Clock::Instant> last_;
};

}  // namespace flocker

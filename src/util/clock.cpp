#include "util/clock.hpp"

#include <pwd.h>
#include <unistd.h>

#include <thread>

namespace flocker {
namespace {

class SystemClock final : public Clock {
 public:
  Instant now() const override { return std::chrono::steady_clock::now(); }
  WallTime wall_now() const override { return std::chrono::system_clock::now(); }
  void sleep_for(Duration duration) override { std::this_thread::sleep_for(duration); }
  int pid() const override { return static_cast<int>(getpid()); }
  std::string host_name() const override {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) return "";
    return host;
  }
  std::string user_name() const override {
    passwd entry{};
    passwd* found = nullptr;
    char buffer[4096];
    if (getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &found) != 0 || found == nullptr) return "";
    return found->pw_name != nullptr ? found->pw_name : "";
  }
};

}  // namespace

Clock& system_clock() {
  static SystemClock clock;
  return clock;
}

}  // namespace flocker

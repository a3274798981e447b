#include "apply/local_process.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <string>

namespace flocker {

namespace {

// /proc/stat's "btime SECONDS": when the machine booted.
std::optional<long long> boot_time() {
  std::ifstream stat("/proc/stat");
  std::string key;
  long long value = 0;
  while (stat >> key) {
    if (key == "btime" && stat >> value) return value;
    stat.ignore(1 << 20, '\n');
  }
  return std::nullopt;
}

}  // namespace

LocalProcess local_process(int pid) {
  if (pid <= 0) return {};
  // kill(pid, 0): EPERM still means that the pid is in use.
  if (kill(pid, 0) != 0 && errno != EPERM) return {};
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(file, line)) return {true, std::nullopt};
  // "PID (COMM) STATE …": COMM may hold spaces and ')', so fields count from the last ')'.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return {true, std::nullopt};
  std::istringstream fields(line.substr(close + 2));
  std::string state, field;
  fields >> state;
  if (state == "Z" || state == "X") return {};  // dead, not yet reaped
  // starttime is field 22 of the line; the state was field 3.
  for (int index = 4; index < 22 && fields >> field;) ++index;
  unsigned long long ticks = 0;
  const auto boot = boot_time();
  const long per_second = sysconf(_SC_CLK_TCK);
  if (!(fields >> ticks) || !boot || per_second <= 0) return {true, std::nullopt};
  return {true,
          std::chrono::sys_seconds(std::chrono::seconds(*boot + static_cast<long long>(ticks) / per_second))};
}

}  // namespace flocker

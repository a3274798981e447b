#include "apply/stale_lock.hpp"

#include <fmt/format.h>

#include <charconv>

namespace flocker {

namespace {

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// "2026-11-27T19:00:00Z", exactly as lock_holder.cpp writes it.
std::optional<std::chrono::sys_seconds> utc_time(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  auto year = whole_number(text.substr(0, 4)), month = whole_number(text.substr(5, 2)),
       day = whole_number(text.substr(8, 2)), hour = whole_number(text.substr(11, 2)),
       minute = whole_number(text.substr(14, 2)), second = whole_number(text.substr(17, 2));
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
         std::chrono::seconds(*second);
}

}  // namespace

std::optional<LockHolder> parse_lock_holder(std::string_view text) {
  // The user may hold anything but control characters; the host name has no
  // '@' and no space, so the last '@' before " pid " splits them.
  const auto pid_at = text.find(" pid ");
  if (pid_at == std::string_view::npos) return std::nullopt;
  const auto who = text.substr(0, pid_at);
  const auto at = who.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == who.size()) return std::nullopt;
  auto rest = text.substr(pid_at + 5);
  const auto since_at = rest.find(" since ");
  if (since_at == std::string_view::npos) return std::nullopt;
  auto pid = whole_number(rest.substr(0, since_at));
  rest = rest.substr(since_at + 7);
  auto since = utc_time(rest.substr(0, std::min<size_t>(rest.size(), 20)));
  if (!pid || *pid <= 0 || !since || (rest.size() > 20 && rest[20] != ',')) return std::nullopt;
  return LockHolder{std::string(who.substr(0, at)), std::string(who.substr(at + 1)), *pid, *since};
}

LockJudgement judge_lock(std::string_view holder_text, std::string_view this_host,
                         const LocalProcess& process) {
  auto holder = parse_lock_holder(holder_text);
  if (!holder) return {LockVerdict::foreign, "its holder is not in a form this flocker reads"};
  if (this_host.empty() || holder->host != this_host)
    return {LockVerdict::foreign,
            fmt::format("it was taken from host {}, not this one ({}), where flocker cannot tell "
                        "whether its holder still runs",
                        holder->host, this_host)};
  if (!process.running)
    return {LockVerdict::stale, fmt::format("its holder, pid {} on this host, no longer runs", holder->pid)};
  if (process.started && *process.started > holder->since + kStartSlack)
    return {LockVerdict::stale,
            fmt::format("pid {} on this host now belongs to a process that started after the lock was "
                        "taken, so its holder no longer runs",
                        holder->pid)};
  return {LockVerdict::live, fmt::format("its holder, pid {} on this host, still runs", holder->pid)};
}

}  // namespace flocker

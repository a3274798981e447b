#pragma once
// Durations in whole seconds, as manifests write them ("30s", "5m", "1h30m")
// and as people read them.
#include <optional>
#include <string>
#include <string_view>

namespace flocker {

// "30s" -> 30, "5m" -> 300, "2h", "1d" (86400), "1h30m" -> 5400, "90" -> 90 (a
// bare number is seconds). Units are s, m, h, d in lower case, each at most
// once and from the largest down; nullopt for anything else ("", "m", "5x",
// "-1m", "1.5h", "30m1h", "1h30") and for a total beyond a long long.
std::optional<long long> parse_duration(std::string_view text);

// 432 -> "7m12s", 300 -> "5m", 97200 -> "1d3h", 0 -> "0s": the shortest exact
// form parse_duration reads back. A negative duration gets a leading '-'.
std::string format_duration(long long seconds);

}  // namespace flocker

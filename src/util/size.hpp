#pragma once
// Sizes in bytes, as manifests write them and as people read them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flocker {

// "100M" -> 104857600 (K, M, G, T, P: powers of 1024, as ZFS and Docker read
// them; B, iB suffixes and lower case allowed); nullopt when not a size.
std::optional<std::uint64_t> parse_size(std::string_view text);

// 104857600 -> "100M": the shortest exact form, for messages and plans.
std::string format_size(std::uint64_t bytes);

// "1.5 MiB", "200 B": rounded, for sizes shown to people.
std::string human_bytes(unsigned long long bytes);

}  // namespace flocker

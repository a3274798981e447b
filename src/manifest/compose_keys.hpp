#pragma once
// What flocker says of each Docker Compose key it does not read: a key with no
// meaning across nodes or for ZFS-backed applications gets its reason; a
// container option flocker could carry but does not gets "not supported by
// flocker yet"; a key Compose does not have is unknown, with a guess. Never a
// silent skip, never a generic shrug.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flocker {

// The keys of a service that flocker reads.
const std::vector<std::string>& compose_service_keys_read();

// The error for a service key flocker does not read; `where` is "service \"web\"".
std::string refused_service_key(const std::string& key, std::string_view where);

// The error for a key of a service's `deploy`, given as its path below deploy
// ("placement", "resources.limits.cpus"): flocker reads resources.limits.memory.
std::string refused_deploy_key(const std::string& path, std::string_view where);

// Why a top-level key is refused, when Compose has it (nullopt: unknown).
std::optional<std::string> why_top_level_key_refused(const std::string& key);

}  // namespace flocker

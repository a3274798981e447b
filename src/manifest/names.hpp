#pragma once
// Rules for names that become ZFS dataset names, container names and paths.
// Each check returns why a name is invalid, or nullopt when it is fine.
#include <optional>
#include <string>
#include <string_view>

namespace flocker {

// Applications and volumes: they form `<root>/<app>.<volume>` and `flocker--<app>`,
// so they may not contain '.', and must suit DNS-style tooling.
std::optional<std::string> check_app_name(std::string_view name);
std::optional<std::string> check_volume_name(std::string_view name);
std::optional<std::string> check_node_name(std::string_view name);
// A ZFS dataset path such as "tank" or "tank/flocker".
std::optional<std::string> check_dataset_path(std::string_view path);
// An absolute path inside a container, as `docker run -v SRC:DST` accepts it.
std::optional<std::string> check_mountpoint(std::string_view path);

}  // namespace flocker

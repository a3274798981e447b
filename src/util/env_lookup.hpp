#pragma once
// Reading environment variables through a function, so that code which needs
// them (manifest ${VAR}, a lock's holder) is tested with a map instead of the
// process environment.
#include <functional>
#include <optional>
#include <string>

namespace flocker {

// Looks a variable up; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// flocker's process environment (getenv).
EnvLookup process_environment();

}  // namespace flocker

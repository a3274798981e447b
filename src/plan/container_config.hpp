#pragma once
// What identifies an application's container: its canonical configuration,
// whose SHA-256 is stored in the container's labels so that any change of
// image, command, entrypoint, environment, ports, links, restart policy,
// limits, labels or volumes is seen as drift. A secret environment value is
// kept there only as a salted digest (secret_digest.hpp), and shown in
// changes only as "(secret)". Volume sizes are not part of it: a quota
// changes in place (plan/quota.hpp).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "plan/model.hpp"

namespace flocker {

inline constexpr const char* kAppLabel = "flocker.app";
inline constexpr const char* kConfigHashLabel = "flocker.config-hash";
inline constexpr const char* kConfigLabel = "flocker.config";
// The root dataset of the manifest that made the container. Not part of the
// configuration (nor its hash): containers made before the label existed are
// adopted, not replaced, and a root is not something a replace could change.
inline constexpr const char* kRootLabel = "flocker.root";

std::string container_name(const std::string& app);
std::string dataset_name(const std::string& root, const std::string& app, const std::string& volume);

// Canonical: object keys sorted, so equal specs give equal text.
nlohmann::json container_config(const AppSpec& app);
std::string config_hash(const nlohmann::json& config);

// "image: \"a\" → \"b\"", one entry per changed field, from the configuration
// recorded on the running container to the desired one.
std::vector<std::string> config_changes(const std::string& recorded, const nlohmann::json& desired);

ContainerRun container_run(const AppSpec& app, const std::string& root);

}  // namespace flocker

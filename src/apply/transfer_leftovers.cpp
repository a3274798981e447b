#include "apply/transfer_leftovers.hpp"

#include <fmt/format.h>

#include "remote/authorized_keys.hpp"
#include "util/text.hpp"

namespace flocker {

std::vector<std::string> remove_transfer_leftovers(Host& host, const std::string& root) {
  const auto scope = root.empty() ? std::string() : transfer_scope(root);
  std::vector<std::string> warnings;
  auto says = [](const Result<CommandResult>& result) {
    return result ? std::string(trim(result->err)) : result.error().message;
  };
  if (auto keys = host.run(prune_keys_command(scope)); !keys || !keys->ok())
    warnings.push_back(
        fmt::format("{}: could not remove expired one-time transfer keys from "
                    "~/.ssh/authorized_keys: {}",
                    host.node(), says(keys)));
  if (auto directories = host.run(prune_key_directories_command(kStaleKeyDirectoryMinutes, scope));
      !directories || !directories->ok())
    warnings.push_back(fmt::format("{}: could not remove the key directories of killed transfers: {}",
                                   host.node(), says(directories)));
  return warnings;
}

}  // namespace flocker

#include "remote/host.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace flocker {

std::string SshEndpoint::known_hosts_line() const {
  if (port == 22) return host + " " + host_key;
  return fmt::format("[{}]:{} {}", host, port, host_key);
}

Error command_error(const Host& host, const Argv& argv, const CommandResult& result) {
  auto detail = trim(result.err);
  if (detail.empty()) detail = trim(result.out);
  return Error{fmt::format("{}: `{}` failed (exit {}): {}", host.node(), quote_argv(argv), result.exit_code,
                           detail.empty() ? "no output" : detail),
               {}};
}

}  // namespace flocker

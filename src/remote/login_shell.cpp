#include "remote/login_shell.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace flocker {

const std::string& login_shell_probe_value() {
  // A backslash pair and a quote (fish), a newline and '!' (csh), and what
  // any shell would expand unquoted.
  static const std::string value = "flocker \\\\ ' $HOME `x` !1 *\nprobe";
  return value;
}

std::string login_shell_probe_line() {
  return quote_argv({"printf", "%s\\n", login_shell_probe_value()});
}

Status check_login_shell(const std::string& node, const std::string& user, const RunLine& run) {
  auto probe = run(login_shell_probe_line());
  if (!probe) return std::unexpected(probe.error());
  if (probe->ok() && probe->out == login_shell_probe_value() + "\n") return {};
  auto named = run(kLoginShellNameLine);
  const std::string shell =
      named && named->ok() && !trim(named->out).empty() ? std::string(trim(named->out)) : "not POSIX";
  return fail(
      fmt::format("node {}: the login shell of {} ({}) does not read commands as a POSIX shell does, so "
                  "flocker's quoted arguments could change meaning there; nothing was run",
                  node, user, shell),
      fmt::format("make the login shell of {} a POSIX shell (`chsh -s /bin/sh {}`, or bash), or log in "
                  "as another user (the node's `user` in the manifest)",
                  user, user));
}

}  // namespace flocker

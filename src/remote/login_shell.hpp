#pragma once
// sshd hands each command line to the SSH user's login shell (`$SHELL -c LINE`).
// flocker quotes every argv for a POSIX shell (util/shell_quote); fish reads
// backslashes inside single quotes, csh ends a quote at a newline and expands
// `!`, so there a quoted value could change meaning, or become a command. At
// connect flocker sends one probe, a printf of a value made of those
// characters, and refuses a node whose shell does not print it back unchanged.
#include <functional>
#include <string>

#include "remote/host.hpp"

namespace flocker {

// The value the probe prints; and the probe: `printf '%s\n' VALUE`, quoted.
const std::string& login_shell_probe_value();
std::string login_shell_probe_line();
// The command line that names the login shell (valid in sh, fish and csh).
inline constexpr const char* kLoginShellNameLine = "echo $SHELL";

// Runs a command line as given (no quoting) on the node.
using RunLine = std::function<Result<CommandResult>(const std::string& line)>;

// The decision: OK when the probe printed its value back; else an error that
// names the shell (asked with kLoginShellNameLine) and what to do.
Status check_login_shell(const std::string& node, const std::string& user, const RunLine& run);

}  // namespace flocker

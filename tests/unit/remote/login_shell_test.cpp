#include "remote/login_shell.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <map>

namespace flocker {
namespace {

using ::testing::HasSubstr;

// `SHELL -c LINE` as sshd runs it, with this machine's shells.
Result<CommandResult> run_with(const std::string& shell, const std::string& line) {
  const auto command = shell + " -c " + quote_arg(line) + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return fail("popen");
  CommandResult result;
  char buffer[256];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
  return result;
}

TEST(LoginShell, PosixShellsPassTheProbe) {
  for (const char* shell : {"/bin/sh", "/bin/bash", "/bin/dash"}) {
    if (access(shell, X_OK) != 0) continue;
    SCOPED_TRACE(shell);
    EXPECT_TRUE(
        check_login_shell("node1", "deploy", [&](const std::string& line) { return run_with(shell, line); }));
  }
}

TEST(LoginShell, FishIsRefusedByName) {
  if (access("/usr/bin/fish", X_OK) != 0) GTEST_SKIP() << "no fish here";
  auto checked = check_login_shell("node1", "deploy", [](const std::string& line) {
    // sshd sets SHELL to the login shell.
    return run_with("SHELL=/usr/bin/fish /usr/bin/fish", line);
  });
  ASSERT_FALSE(checked);
  EXPECT_THAT(checked.error().message, HasSubstr("node node1: the login shell of deploy (/usr/bin/fish)"));
  EXPECT_THAT(checked.error().hint, HasSubstr("chsh -s /bin/sh deploy"));
}

TEST(LoginShell, TheDecisionReadsOnlyTheProbesOutput) {
  std::map<std::string, CommandResult> answers = {
      {login_shell_probe_line(), {0, "flocker \\ ' $HOME `x` !1 *\nprobe\n", ""}},  // fish: one backslash
      {kLoginShellNameLine, {0, "/bin/tcsh\n", ""}}};
  auto run = [&](const std::string& line) -> Result<CommandResult> { return answers.at(line); };
  auto checked = check_login_shell("node2", "ops", run);
  ASSERT_FALSE(checked);
  EXPECT_THAT(checked.error().message, HasSubstr("(/bin/tcsh) does not read commands as a POSIX shell does"));
  answers[login_shell_probe_line()] = {1, "", "Unmatched '.\n"};
  EXPECT_FALSE(check_login_shell("node2", "ops", run));
  answers[login_shell_probe_line()] = {0, login_shell_probe_value() + "\n", ""};
  EXPECT_TRUE(check_login_shell("node2", "ops", run));
  // A lost connection is an error of its own, not a verdict on the shell.
  auto lost = check_login_shell(
      "node2", "ops", [](const std::string&) -> Result<CommandResult> { return fail("connection lost"); });
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().message, "connection lost");
}

}  // namespace
}  // namespace flocker

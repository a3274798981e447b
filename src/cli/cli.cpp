#include <fmt/format.h>
#include <libssh/libssh.h>

#include <csignal>

#include "cli/commands.hpp"

namespace flocker {

namespace {

std::string version_text() {
  return fmt::format("flocker {} ({})", FLOCKER_VERSION, FLOCKER_GIT_VERSION);
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"flocker: run Docker applications on your hosts, with their data in ZFS, over SSH"};
  app.name("flocker");
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text());
  app.footer("Run `flocker COMMAND --help` for a command's options. See `man flocker`.");

  StatusCommand status;
  PlanCommand plan;
  ApplyCommand apply;
  ForceUnlockCommand force_unlock;
  ValidateCommand validate;
  status.attach(app);
  plan.attach(app);
  apply.attach(app);
  force_unlock.attach(app);
  validate.attach(app);
  app.add_subcommand("version", "Show flocker's version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_code::kOk : exit_code::kError;
  }

  // A node that drops the connection must not kill flocker with SIGPIPE: the
  // write fails instead, and the step reports it.
  std::signal(SIGPIPE, SIG_IGN);
  ssh_init();
  int code = exit_code::kOk;
  if (app.got_subcommand("status")) code = status.run();
  else if (app.got_subcommand("plan")) code = plan.run();
  else if (app.got_subcommand("apply")) code = apply.run();
  else if (app.got_subcommand("force-unlock")) code = force_unlock.run();
  else if (app.got_subcommand("validate")) code = validate.run();
  else fmt::print("{}\n", version_text());
  ssh_finalize();
  return code;
}

}  // namespace flocker

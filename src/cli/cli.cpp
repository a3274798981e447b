#include <fmt/format.h>
#include <libssh/libssh.h>

#include <csignal>
#include <string_view>

#include "cli/commands.hpp"

namespace flocker {

namespace {

// `plan -out FILE`, as Terraform users type it, is `--out FILE` to CLI11,
// which would otherwise read it as `-o ut`.
std::vector<std::string> terraform_style_out(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = argc - 1; i > 0; --i) {
    std::string_view arg = argv[i];
    if (arg == "-out" || arg.starts_with("-out="))
      args.push_back("--out" + std::string(arg.substr(4)));
    else
      args.emplace_back(arg);
  }
  return args;  // reversed, as CLI11's parse(vector) expects
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"flocker: run Docker applications on your hosts, with their data in ZFS, over SSH"};
  app.name("flocker");
  app.require_subcommand(1);
  app.set_version_flag("--version", "flocker " + flocker_version_text());
  app.footer(
      "Example:\n  flocker plan flocker.yaml && flocker apply flocker.yaml\n\n"
      "Run `flocker COMMAND --help` for a command's options and an example. See `man flocker`.");

  StatusCommand status;
  PlanCommand plan;
  ShowCommand show;
  ApplyCommand apply;
  ForceUnlockCommand force_unlock;
  ValidateCommand validate;
  ReplicateCommand replicate;
  status.attach(app);
  plan.attach(app);
  show.attach(app);
  apply.attach(app);
  replicate.attach(app);
  force_unlock.attach(app);
  validate.attach(app);
  app.add_subcommand("version", "Show flocker's version")
      ->footer("Example:\n  flocker version\n\nPrints the release and the git version it was built from.");

  try {
    auto args = terraform_style_out(argc, argv);
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_code::kOk : exit_code::kError;
  }

  // A node that drops the connection must not kill flocker with SIGPIPE: the
  // write fails instead, and the step reports it.
  std::signal(SIGPIPE, SIG_IGN);
  ssh_init();
  int code = exit_code::kOk;
  if (app.got_subcommand("status"))
    code = status.run();
  else if (app.got_subcommand("plan"))
    code = plan.run();
  else if (app.got_subcommand("show"))
    code = show.run();
  else if (app.got_subcommand("apply"))
    code = apply.run();
  else if (app.got_subcommand("replicate"))
    code = replicate.run();
  else if (app.got_subcommand("force-unlock"))
    code = force_unlock.run();
  else if (app.got_subcommand("validate"))
    code = validate.run();
  else
    fmt::print("flocker {}\n", flocker_version_text());
  ssh_finalize();
  return code;
}

}  // namespace flocker

#include <fmt/format.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "manifest/load.hpp"
#include "manifest/normalized.hpp"
#include "manifest/variable_access.hpp"
#include "util/text.hpp"

namespace flocker {

void ValidateCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("validate", "Check manifest files without contacting any node");
  command->footer(
      "Example:\n  flocker validate nodes.yaml docker-compose.yml\n\n"
      "Reads native, docker-compose and Flocker 0.x files (docs/manifest.md) and reports\n"
      "every error at once, with file, line and column. ${VAR} references are checked\n"
      "against this environment.\n\n"
      "Exit status: 0 when the files are valid, 1 otherwise.");
  command->add_option("files", files, "Manifest files, merged in order (default: flocker.yaml)")
      ->type_name("FILE");
  command->add_flag("--json", json, "Print the result as JSON (see docs/json.md)");
  command->add_flag("--no-color", no_colour, "Never colour the output (also: NO_COLOR=1)");
  add_allow_env_option(*command, allow_env);
}

int ValidateCommand::run() {
  auto paths = files.empty() ? std::vector<std::string>{"flocker.yaml"} : files;
  auto loaded = load_manifest_files(paths, allow_env);
  auto manifest = loaded ? std::expected<Manifest, Diagnostics>(std::move(loaded->manifest))
                         : std::unexpected(std::move(loaded.error()));
  const Diagnostics none;
  const Diagnostics& diagnostics = manifest ? none : manifest.error();
  if (json) {
    auto list = nlohmann::json::array();
    for (const auto& diagnostic : diagnostics)
      list.push_back({{"file", diagnostic.where.file},
                      {"line", diagnostic.where.line},
                      {"column", diagnostic.where.column},
                      {"severity", "error"},
                      {"message", diagnostic.message}});
    nlohmann::json out = {{"format_version", 1},
                          {"valid", diagnostics.empty()},
                          {"error_count", diagnostics.size()},
                          {"diagnostics", list}};
    if (manifest) {
      out["manifest"] = manifest_to_json(*manifest);
      out["variables"] = manifest->variables;  // file -> the variables its ${...} asked for
    }
    fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  } else if (manifest) {
    fmt::print("The manifest is valid: {} {} on {} {}.\n", manifest->applications.size(),
               manifest->applications.size() == 1 ? "application" : "applications", manifest->nodes.size(),
               manifest->nodes.size() == 1 ? "node" : "nodes");
    for (const auto& note : variable_notes(*manifest, manifest->allowed_variables))
      fmt::print("Note: {}\n", printable(note));
  } else {
    const auto style = style_for(STDERR_FILENO, no_colour);
    for (const auto& diagnostic : diagnostics)
      fmt::print(stderr, "{}\n", printable(format_diagnostic(diagnostic)));
    fmt::print(stderr, "{} {} in the manifest.\n",
               style.paint(std::to_string(diagnostics.size()), Colour::Red),
               diagnostics.size() == 1 ? "error" : "errors");
  }
  return diagnostics.empty() ? exit_code::kOk : exit_code::kError;
}

}  // namespace flocker

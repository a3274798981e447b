// A compose service's environment (a mapping or NAME=value lines; a NAME
// alone takes flocker's value, as compose does), its labels (either form) and
// the variables x-flocker marks secret.
#include <fmt/format.h>

#include "manifest/compose_reader.hpp"
#include "manifest/field_checks.hpp"

namespace flocker {

namespace {

std::string variable_what(const std::string& name, const AppSpec& app) {
  return fmt::format("environment variable \"{}\" of application \"{}\"", name, app.name);
}

}  // namespace

void ComposeReader::environment(ComposeService& service, const YAML::Node& node) {
  if (node.IsNull()) return;
  AppSpec& app = service.app;
  AppFieldReader& fields = service.fields;
  auto from_flocker = [&](const YAML::Node& at, const std::string& name) {
    // `NAME` alone: the value of NAME in flocker's environment, as compose does.
    if (auto value = env(name))
      fields.set_variable(at, name, *value, false, app);
    else
      reader.error(at, fmt::format("environment variable {} of service \"{}\" takes its value from "
                                   "flocker's environment, where it is not set",
                                   name, app.name));
  };
  if (!node.IsSequence()) {
    reader.for_each_entry(node, fields.what("environment"),
                          [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
                            if (value.IsNull()) return from_flocker(key, name);
                            if (auto text = fields.interpolated(value, variable_what(name, app),
                                                                service.secret_names.contains(name)))
                              fields.set_variable(key, name, *text, false, app);
                          });
    return;
  }
  for (const auto& item : node) {
    auto text =
        reader.string_value(item, fmt::format("each entry of \"environment\" of service \"{}\"", app.name));
    if (!text) continue;
    auto eq = text->find('=');
    if (eq == std::string::npos) {
      from_flocker(item, *text);
      continue;
    }
    const auto name = text->substr(0, eq);
    if (auto value = fields.interpolated_text(item, text->substr(eq + 1), variable_what(name, app),
                                              service.secret_names.contains(name)))
      fields.set_variable(item, name, *value, false, app);
  }
}

void ComposeReader::labels(ComposeService& service, const YAML::Node& node, const std::string& what) {
  if (!node.IsSequence()) return service.fields.labels(node, service.app);
  for (const auto& item : node) {
    auto text = reader.string_value(item, what);
    if (!text) continue;
    auto eq = text->find('=');
    auto label = text->substr(0, eq);
    service.fields.check_label(item, label);
    service.app.labels[label] = eq == std::string::npos ? "" : text->substr(eq + 1);
  }
}

// x-flocker: {secrets: [NAME]}: each an environment variable of the service,
// whose value reaches docker on stdin, one line a variable.
void ComposeReader::secrets(ComposeService& service) {
  if (!service.secrets_node) return;
  const YAML::Node& node = *service.secrets_node;
  const std::string& name = service.app.name;
  for (const auto& item : node) {
    auto secret = reader.string_value(item, fmt::format("each secret of service \"{}\"", name));
    if (!secret) continue;
    auto it = service.app.environment.find(*secret);
    if (it == service.app.environment.end())
      reader.error(item,
                   fmt::format("secret \"{}\" of service \"{}\" is not one of its environment variables",
                               *secret, name));
    else if (auto why = check_secret_name(*secret))
      reader.error(
          item, fmt::format("secret environment variable \"{}\" of service \"{}\": {}", *secret, name, *why));
    else if (it->second.find_first_of("\r\n") != std::string::npos)
      reader.error(item, fmt::format("secret environment variable \"{}\" of service \"{}\" contains a "
                                     "line break, which a secret cannot carry",
                                     *secret, name));
    else
      service.app.secret_environment.insert(*secret);
  }
  if (!node.IsSequence())
    reader.error(node, fmt::format("secrets of service \"{}\" must be a list of variable names", name));
}

}  // namespace flocker

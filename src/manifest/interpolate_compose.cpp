#include "manifest/interpolate_compose.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

namespace flocker {

namespace {

bool is_other_tools_extension(const std::string& key) {
  return key.starts_with("x-") && key != "x-flocker";
}

class ComposeInterpolator {
 public:
  ComposeInterpolator(YamlReader& reader, const EnvLookup& env) : reader_(reader), env_(env) {}

  void file(const YAML::Node& root) {
    each_entry(root, [&](const std::string& key, const YAML::Node& value) {
      if (key == "name") return;  // the project name: flocker has none
      if (key == "services" && value.IsMap()) {
        for (const auto& service : value)
          if (service.first.IsScalar() && service.second.IsMap())
            secret_names_.merge(compose_secret_names(service.second));
        each_entry(
            value, [&](const std::string& name, const YAML::Node& service) { this->service(name, service); },
            Extensions::None);
      } else if (key == "volumes" && value.IsMap()) {
        each_entry(
            value,
            [&](const std::string& name, const YAML::Node& volume) { volume_definition(name, volume); },
            Extensions::None);
      } else {
        walk(value, fmt::format("\"{}\" of the compose file", key));
      }
    });
  }

 private:
  // Calls fn for each entry with a plain key. Where Compose allows
  // extensions (the top level, a service, a volume), other tools' are skipped.
  enum class Extensions { Allowed, None };
  template <class Fn>
  void each_entry(const YAML::Node& map, const Fn& fn, Extensions extensions = Extensions::Allowed) {
    for (const auto& entry : with_merge_keys(map))
      if (entry.first.IsScalar() &&
          !(extensions == Extensions::Allowed && is_other_tools_extension(entry.first.Scalar())))
        fn(entry.first.Scalar(), entry.second);
  }

  void service(const std::string& name, const YAML::Node& node) {
    if (!node.IsMap()) return walk(node, fmt::format("service \"{}\"", name));
    each_entry(node, [&](const std::string& field, const YAML::Node& value) {
      if (field == "environment")
        environment(name, value);
      else
        walk(value, fmt::format("\"{}\" of service \"{}\"", field, name));
    });
  }

  void volume_definition(const std::string& name, const YAML::Node& node) {
    if (!node.IsMap()) return walk(node, fmt::format("volume \"{}\"", name));
    each_entry(node, [&](const std::string&, const YAML::Node& value) {
      walk(value, fmt::format("volume \"{}\"", name));
    });
  }

  // A variable is treated as secret if any service marks it so: an anchor
  // may share one value between services.
  void environment(const std::string& service, const YAML::Node& node) {
    auto variable = [&](const std::string& name, const YAML::Node& value) {
      // Anything but a string is an error of the reader, which quotes nothing:
      // a native-style {value: ..., secret: true} here may well hold a secret.
      if (!value.IsScalar()) return;
      scalar(value, fmt::format("environment variable \"{}\" of application \"{}\"", name, service),
             secret_names_.contains(name));
    };
    if (node.IsMap()) {
      each_entry(node, variable, Extensions::None);
    } else if (node.IsSequence()) {
      for (const auto& item : node)
        if (item.IsScalar()) variable(item.Scalar().substr(0, item.Scalar().find('=')), item);
    }
  }

  void walk(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar()) return scalar(node, what, false);
    if (!first_visit(node)) return;
    if (node.IsSequence())
      for (const auto& item : node) walk(item, what);
    if (node.IsMap())
      each_entry(
          node, [&](const std::string&, const YAML::Node& value) { walk(value, what); }, Extensions::None);
  }

  void scalar(const YAML::Node& node, const std::string& what, bool secret) {
    if (!first_visit(node)) return;
    auto value = interpolate(node.Scalar(), env_, InterpolationSyntax::Compose, secret);
    if (!value) {
      reader_.error(node, describe_interpolation_error(what, value.error()));
      reader_.silence_errors_at(node);
      return;
    }
    if (*value == node.Scalar()) return;
    YAML::Node target = node;  // a handle on the same node: assigning sets its text, keeping its mark
    target = *value;
  }

  // An anchor and its aliases are one node: it is interpolated once (or
  // "$$HOME" would become "$HOME", then a variable) and walked once.
  bool first_visit(const YAML::Node& node) {
    const auto mark = node.Mark();
    if (mark.is_null()) return true;  // made by with_merge_keys; its entries have marks
    auto& seen = visited_[mark.pos];
    if (std::ranges::any_of(seen, [&](const YAML::Node& other) { return other.is(node); })) return false;
    seen.push_back(node);
    return true;
  }

  YamlReader& reader_;
  const EnvLookup& env_;
  std::set<std::string> secret_names_;
  std::map<int, std::vector<YAML::Node>> visited_;  // by position in the file, to compare few
};

}  // namespace

void interpolate_compose_file(YamlReader& reader, const YAML::Node& root, const EnvLookup& env) {
  ComposeInterpolator(reader, env).file(root);
}

std::set<std::string> compose_secret_names(const YAML::Node& service) {
  std::set<std::string> names;
  const YAML::Node merged = with_merge_keys(service);
  if (!merged.IsMap()) return names;
  const YAML::Node flocker = merged["x-flocker"];
  if (!flocker || !flocker.IsMap()) return names;
  const YAML::Node secrets = flocker["secrets"];
  if (!secrets || !secrets.IsSequence()) return names;
  for (const auto& secret : secrets)
    if (secret.IsScalar()) names.insert(secret.Scalar());
  return names;
}

}  // namespace flocker

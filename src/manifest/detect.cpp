#include "manifest/detect.hpp"

#include <fmt/format.h>

#include "manifest/parse_compose.hpp"
#include "manifest/parse_flocker0.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

std::string_view format_name(ManifestFormat format) {
  switch (format) {
    case ManifestFormat::Native:
      return "native";
    case ManifestFormat::Compose:
      return "docker-compose";
    case ManifestFormat::Flocker0Deployment:
      return "Flocker 0.x deployment";
    case ManifestFormat::Flocker0Applications:
      return "Flocker 0.x applications";
    case ManifestFormat::Fig:
      return "Flocker 0.x fig-style";
  }
  return "unknown";
}

namespace {

bool has_only_keys(const YAML::Node& map, std::initializer_list<std::string_view> keys) {
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) return false;
    if (std::find(keys.begin(), keys.end(), entry.first.Scalar()) == keys.end()) return false;
  }
  return true;
}

}  // namespace

ManifestFormat detect_format(const YAML::Node& root) {
  if (!root.IsMap()) return ManifestFormat::Native;
  if (root["services"]) return ManifestFormat::Compose;
  if (const auto nodes = root["nodes"]; nodes && nodes.IsMap() && has_only_keys(root, {"version", "nodes"}))
    for (const auto& node : nodes)
      if (node.second.IsSequence()) return ManifestFormat::Flocker0Deployment;
  if (const auto apps = root["applications"];
      apps && apps.IsMap() && root["version"] && has_only_keys(root, {"version", "applications"}))
    for (const auto& app : apps)
      if (app.second.IsMap() && (app.second["volume"] || app.second["command_line"]))
        return ManifestFormat::Flocker0Applications;
  bool fig = root.size() > 0;
  for (const auto& entry : root) {
    const auto key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (key == "version" || key == "nodes" || key == "applications" || key == "deployment" ||
        key == "transfer" || !entry.second.IsMap() || !(entry.second["image"] || entry.second["build"]))
      fig = false;
  }
  return fig ? ManifestFormat::Fig : ManifestFormat::Native;
}

ManifestPart parse_manifest_file(const std::string& file, const std::string& text, Diagnostics& diagnostics,
                                 const EnvLookup& env) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return parse_native_manifest(file, text, diagnostics, env);  // which reports it
  }
  const auto format = detect_format(root);
  // Parsed once: yaml-cpp's reading is most of a big manifest's validation time.
  if (format == ManifestFormat::Native) return parse_native_manifest(file, root, diagnostics, env);
  ManifestPart part{.file = file};
  YamlReader reader(file, diagnostics);
  switch (format) {
    case ManifestFormat::Compose:
      parse_compose(reader, root, env, part);
      break;
    case ManifestFormat::Flocker0Deployment:
      parse_flocker0_deployment(reader, root, part);
      break;
    case ManifestFormat::Flocker0Applications:
      parse_flocker0_applications(reader, root, env, part);
      break;
    case ManifestFormat::Fig:
      parse_fig(reader, root, env, part);
      break;
    case ManifestFormat::Native:
      break;
  }
  return part;
}

}  // namespace flocker

// Compose's named volumes: the top-level `volumes` (each a ZFS dataset, with
// an optional x-flocker maximum_size) and each service's mounts of them.
#include <fmt/format.h>

#include <algorithm>

#include "manifest/compose_reader.hpp"
#include "manifest/field_table.hpp"
#include "manifest/names.hpp"
#include "util/text.hpp"

namespace flocker {

void ComposeReader::top_level_volumes(const YAML::Node& node) {
  if (node.IsNull()) return;
  reader.for_each_entry(node, "the top-level volumes",
                        [&](const std::string& name, const YAML::Node&, const YAML::Node& value) {
                          auto& size = declared_volumes[name];
                          if (!value.IsNull()) size = volume_definition(name, value);
                        });
}

std::optional<std::uint64_t> ComposeReader::volume_definition(const std::string& name,
                                                              const YAML::Node& value) {
  std::optional<std::uint64_t> size;
  const auto what = fmt::format("volume \"{}\"", name);
  FieldTable table{{
      {"x-flocker",
       [&](const YAML::Node&, const YAML::Node& field) {
         read_fields(reader, field, fmt::format("x-flocker of {}", what),
                     {{{"maximum_size", [&](const YAML::Node&, const YAML::Node& size_node) {
                          const std::string app;
                          AppFieldReader fields{reader, env, app};
                          size = fields.size(size_node, fmt::format("maximum_size of {}", what));
                        }}}});
       }},
  }};
  table.other = [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& field) {
    if (key == "driver" && field.IsScalar() && field.Scalar() == "local") return;  // Docker's default
    reader.error(key_node, fmt::format("\"{}\" of {} is not supported: flocker makes each named volume a ZFS "
                                       "dataset it owns (only `x-flocker: {{maximum_size: 1G}}` may be set)",
                                       key, what));
  };
  read_fields(reader, value, what, table);
  return size;
}

void ComposeReader::add_volume(const YAML::Node& item, AppSpec& app, const std::string& name,
                               const std::string& target) {
  VolumeSpec volume{.name = name, .mountpoint = target, .where = reader.at(item)};
  if (auto why = check_volume_name(name)) {
    reader.error(item, fmt::format("invalid volume name \"{}\" in service \"{}\": {}", name, app.name, *why));
    return;
  }
  if (auto why = check_mountpoint(target)) {
    reader.error(item, fmt::format("invalid mountpoint \"{}\" of volume \"{}\" in service \"{}\": {}", target,
                                   name, app.name, *why));
    return;
  }
  if (!fig) {
    auto declared = declared_volumes.find(name);
    if (declared == declared_volumes.end()) {
      reader.error(
          item, fmt::format("volume \"{}\" of service \"{}\" is not declared under the top-level `volumes`",
                            name, app.name));
      return;
    }
    volume.maximum_size = declared->second;
    auto [user, added] = volume_users.emplace(name, VolumeUse{app.name, volume.where});
    if (!added && user->second.app != app.name) {
      reader.error(
          item, fmt::format(
                    "volume \"{}\" is used by service \"{}\" here and by \"{}\" at {}: a flocker volume is a "
                    "dataset that belongs to one application",
                    name, app.name, user->second.app, format_location(user->second.where)));
      return;
    }
  }
  // One dataset is mounted once, and one mountpoint holds one dataset (the
  // other would be hidden), as in a native file.
  for (const auto& other : app.volumes) {
    if (other.name == name)
      return reader.error(
          item, fmt::format("service \"{}\" mounts volume \"{}\" twice (here and at {}): flocker mounts "
                            "each dataset of an application once",
                            app.name, name, format_location(other.where)));
    if (other.mountpoint == target)
      return reader.error(
          item,
          fmt::format("volumes \"{}\" and \"{}\" of service \"{}\" are both mounted on {} (at {} and here)",
                      other.name, name, app.name, target, format_location(other.where)));
  }
  app.volumes.push_back(volume);
}

namespace {

const char* const kBindWhy =
    "bind mounts have no meaning here: an application's data lives in ZFS datasets that move with it; "
    "use a named volume";

}  // namespace

void ComposeReader::volume_mapping(const YAML::Node& item, AppSpec& app) {
  const auto what = fmt::format("a volume of service \"{}\"", app.name);
  std::string type = "volume", source, target;
  auto text = [&](std::string& into) -> FieldHandler {
    return [&](const YAML::Node& key, const YAML::Node& value) {
      into = reader.string_value(value, fmt::format("\"{}\" of {}", key.Scalar(), what)).value_or("");
    };
  };
  FieldTable table{{
      {"type", text(type)},
      {"source", text(source)},
      {"target", text(target)},
      {"read_only",
       [&](const YAML::Node&, const YAML::Node& value) {
         if (reader.bool_value(value, "read_only").value_or(false))
           reader.error(
               value,
               fmt::format("{} is read-only: flocker mounts an application's datasets read-write", what));
       }},
  }};
  table.other = [&](const std::string& key, const YAML::Node& key_node, const YAML::Node&) {
    reader.error(key_node, fmt::format("\"{}\" of {} is not supported: flocker reads type, source and target",
                                       key, what));
  };
  read_fields(reader, item, what, table);
  if (type == "bind") return reader.error(item, fmt::format("{} is a bind mount: {}", what, kBindWhy));
  if (type != "volume")
    return reader.error(
        item,
        fmt::format("{} has type \"{}\": flocker manages only named volumes (type: volume)", what, type));
  if (source.empty())
    return reader.error(
        item, fmt::format("{} has no source: name it, e.g. `source: data`, so it becomes a dataset", what));
  add_volume(item, app, source, target);
}

void ComposeReader::volume(const YAML::Node& item, AppSpec& app) {
  if (item.IsMap()) return volume_mapping(item, app);
  const auto what = fmt::format("a volume of service \"{}\"", app.name);
  auto text = reader.string_value(item, what);
  if (!text) return;
  auto parts = split(*text, ':');
  const auto text_what = fmt::format("volume \"{}\" of service \"{}\"", *text, app.name);
  if (parts.size() == 1) {
    if (fig) {
      // Flocker 0.x's fig files: one container path, the application's one volume.
      if (std::ranges::any_of(app.volumes, [](const VolumeSpec& v) { return v.name == "data"; }))
        return reader.error(
            item,
            fmt::format("service \"{}\" has more than one volume: a fig-style file gives an application one",
                        app.name));
      return add_volume(item, app, "data", *text);
    }
    return reader.error(
        item,
        fmt::format(
            "{} is anonymous: name it (\"data:{}\") so it becomes a dataset that moves with the service",
            text_what, *text));
  }
  const std::string source(parts[0]);
  if (source.starts_with("/") || source.starts_with(".") || source.starts_with("~"))
    return reader.error(item, fmt::format("{} is a bind mount: {}", text_what, kBindWhy));
  if (parts.size() == 3 && parts[2] != "rw")
    return reader.error(item,
                        fmt::format("{} has mode \"{}\": flocker mounts an application's datasets read-write",
                                    text_what, parts[2]));
  if (parts.size() > 3) return reader.error(item, fmt::format("{} is not NAME:PATH", text_what));
  add_volume(item, app, source, std::string(parts[1]));
}

}  // namespace flocker

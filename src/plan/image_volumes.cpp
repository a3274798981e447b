#include "plan/image_volumes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace flocker {

namespace {

std::string normal_path(const std::string& path) {
  auto normal = std::filesystem::path(path).lexically_normal().generic_string();
  while (normal.size() > 1 && normal.ends_with('/')) normal.pop_back();
  return normal;
}

bool covers(const std::string& mountpoint, const std::string& path) {
  return mountpoint == path || mountpoint == "/" ||
         (path.size() > mountpoint.size() && path.starts_with(mountpoint) && path[mountpoint.size()] == '/');
}

}  // namespace

std::vector<std::string> uncovered_image_volumes(const std::vector<VolumeSpec>& volumes,
                                                 const std::vector<std::string>& declared) {
  std::vector<std::string> mountpoints;
  for (const auto& volume : volumes) mountpoints.push_back(normal_path(volume.mountpoint));
  std::vector<std::string> uncovered;
  for (const auto& raw : declared) {
    if (!raw.starts_with('/')) continue;  // observation keeps only absolute paths anyway
    const auto path = normal_path(raw);
    if (std::ranges::none_of(mountpoints, [&](const auto& mountpoint) { return covers(mountpoint, path); }))
      uncovered.push_back(path);
  }
  std::ranges::sort(uncovered);
  const auto [first, last] = std::ranges::unique(uncovered);
  uncovered.erase(first, last);
  return uncovered;
}

std::vector<std::string> image_volume_notes(const AppSpec& app, const std::string& node,
                                            const std::string& moved_from,
                                            const std::vector<std::string>& declared) {
  std::vector<std::string> notes;
  for (const auto& path : uncovered_image_volumes(app.volumes, declared)) {
    const auto stays =
        moved_from.empty()
            ? fmt::format("what the container writes there stays on {} and does not move with {}", node,
                          app.name)
            : fmt::format("what the container wrote there stays on {} and does not move with {} to {}",
                          moved_from, app.name, node);
    notes.push_back(fmt::format(
        "{}: the image {} declares VOLUME {}, which no flocker volume covers: {}; add a volume with "
        "mountpoint {}",
        app.name, app.image, path, stays, path));
  }
  return notes;
}

}  // namespace flocker

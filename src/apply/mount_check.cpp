#include "apply/mount_check.hpp"

#include <fmt/format.h>

namespace flocker {

std::string parent_dataset(const std::string& dataset) {
  const auto slash = dataset.rfind('/');
  return slash == std::string::npos ? std::string() : dataset.substr(0, slash);
}

std::string expected_mountpoint(const std::string& root_mountpoint, const std::string& dataset) {
  const auto slash = dataset.rfind('/');
  const auto leaf = slash == std::string::npos ? dataset : dataset.substr(slash + 1);
  if (root_mountpoint.empty() || root_mountpoint.front() != '/') return {};  // none, legacy, unknown
  return root_mountpoint.back() == '/' ? root_mountpoint + leaf : root_mountpoint + "/" + leaf;
}

Status check_mountpoint(const std::string& node, const std::string& dataset, const std::string& mountpoint,
                        const std::string& root_mountpoint) {
  const auto expected = expected_mountpoint(root_mountpoint, dataset);
  if (!expected.empty() && mountpoint == expected) return {};
  const auto root = parent_dataset(dataset);
  if (expected.empty())
    return fail(
        fmt::format("{}: flocker's root {} has mountpoint \"{}\", so {} has no mountpoint flocker can "
                    "check, and it is not given to a container",
                    node, root, root_mountpoint, dataset),
        fmt::format("give the root a path: zfs set mountpoint=/{} {}", root, root));
  return fail(fmt::format("{}: dataset {} has mountpoint {}, not {} below flocker's root {}, so it is not "
                          "mounted or given to a container",
                          node, dataset, mountpoint, expected, root),
              fmt::format("if the path is right, let it inherit it: zfs inherit mountpoint {}", dataset));
}

}  // namespace flocker

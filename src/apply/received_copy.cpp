#include "apply/received_copy.hpp"

#include <fmt/format.h>

#include <vector>

#include "apply/steps.hpp"
#include "remote/zfs_commands.hpp"
#include "util/text.hpp"

namespace flocker {

std::optional<std::string> received_copy_problem(const std::string& dataset, std::string_view received,
                                                 std::string_view filesystems) {
  std::vector<std::string> found;
  for (auto line : split_lines(received)) {
    auto fields = split(line, '\t');
    if (fields.size() >= 3) found.push_back(fmt::format("{}={} on {}", fields[1], fields[2], fields[0]));
  }
  for (auto line : split_lines(filesystems)) {
    auto name = trim(line);
    if (!name.empty() && name != dataset) found.push_back(fmt::format("the child dataset {}", name));
  }
  if (found.empty()) return std::nullopt;
  return fmt::format("{}", fmt::join(found, ", "));
}

Status check_received_copy(Host& host, const std::string& dataset) {
  auto received = run_checked(host, zfs::get_received(dataset));
  if (!received) return std::unexpected(received.error());
  auto filesystems = run_checked(host, zfs::list_filesystems(dataset));
  if (!filesystems) return std::unexpected(filesystems.error());
  auto problem = received_copy_problem(dataset, received->out, filesystems->out);
  if (!problem) return {};
  return fail(fmt::format("{}: the stream received into {} carried more than data ({}); flocker never sends "
                          "properties or child datasets, so the copy is not mounted or handed over",
                          host.node(), dataset, *problem),
              fmt::format("check the source node; then destroy the copy on {} (zfs destroy -r {}) and run "
                          "`flocker apply` again",
                          host.node(), dataset));
}

}  // namespace flocker

#include "state/zfs_parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "remote/zfs_errors.hpp"
#include "util/number.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

std::optional<unsigned long long> to_number(std::string_view text) {
  return parse_number<unsigned long long>(text);
}

// A user property that is not set prints as "-" with source "-".
std::string user_property(std::string_view value, std::string_view source) {
  if (value == "-" && source == "-") return {};
  return std::string(value);
}

}  // namespace

Result<ZfsVersion> parse_zfs_version(int exit_code, std::string_view out, std::string_view err) {
  if (exit_code == 0) {
    for (auto line : split_lines(out)) {
      line = trim(line);
      // "zfs-2.3.2-2~bpo12+2": the userland version comes first; "zfs-kmod-…" follows.
      if (line.starts_with("zfs-") && !line.starts_with("zfs-kmod-")) {
        auto version = line.substr(4);
        version = version.substr(0, version.find('-'));
        return ZfsVersion{ZfsFlavour::OpenZfs, std::string(version)};
      }
    }
    return fail(
        fmt::format("cannot read the ZFS version from `zfs version`: \"{}\"", trim(out).substr(0, 300)));
  }
  // zfs-fuse has no `zfs version` ("unrecognized command 'version'").
  if (classify_zfs_failure({exit_code, std::string(out), std::string(err)}) == ZfsFailure::Unsupported)
    return ZfsVersion{ZfsFlavour::ZfsFuse, "0.7"};
  auto first_line = split_lines(err);
  return fail(fmt::format("`zfs version` failed (exit {}): {}", exit_code,
                          first_line.empty() ? "no output" : std::string(first_line.front())),
              "check that ZFS is installed on the node and that its user may run `zfs`");
}

Result<std::vector<DatasetState>> parse_zfs_get(std::string_view out, std::string_view root) {
  std::vector<DatasetState> datasets;
  std::map<std::string, size_t, std::less<>> index;
  std::map<std::string, std::vector<SnapshotState>, std::less<>> snapshots;
  std::map<std::string, SnapshotState, std::less<>> snapshot_by_full_name;
  int line_number = 0;
  for (auto line : split_lines(out)) {
    ++line_number;
    auto fields = split(line, '\t');
    if (fields.size() != 4)
      return fail(fmt::format("unexpected `zfs get` output at line {}: \"{}\"", line_number, line));
    auto name = fields[0], property = fields[1], value = fields[2], source = fields[3];
    if (name == root) continue;
    if (!name.starts_with(root) || name.size() <= root.size() ||
        (name[root.size()] != '/' && name[root.size()] != '@'))
      return fail(fmt::format("`zfs get` listed {} which is not below {}", name, root));

    if (auto at = name.find('@'); at != std::string_view::npos) {
      auto& snapshot = snapshot_by_full_name[std::string(name)];
      snapshot.name = std::string(name.substr(at + 1));
      if (property == "guid") snapshot.guid = std::string(value);
      if (property == "createtxg") snapshot.createtxg = to_number(value).value_or(0);
      if (property == "creation") snapshot.creation = static_cast<long long>(to_number(value).value_or(0));
      continue;
    }
    auto [it, added] = index.emplace(std::string(name), datasets.size());
    if (added) datasets.push_back(DatasetState{.name = std::string(name)});
    auto& dataset = datasets[it->second];
    if (property == "used" || property == "referenced") {
      auto number = to_number(value);
      if (!number) return fail(fmt::format("`zfs get` gave a non-numeric size for {}: \"{}\"", name, value));
      (property == "used" ? dataset.used : dataset.referenced) = *number;
    } else if (property == "refquota") {
      // `get -p` prints 0 for none on both flavours; "none" or "-" are read as none too.
      dataset.refquota = to_number(value).value_or(0);
    } else if (property == "mountpoint") {
      dataset.mountpoint = std::string(value);
    } else if (property == "mounted") {
      dataset.mounted = value == "yes";
    } else if (property == "readonly") {
      dataset.readonly = value == "on";
    } else if (property == "flocker:app") {
      dataset.app = user_property(value, source);
    } else if (property == "flocker:volume") {
      dataset.volume = user_property(value, source);
    } else if (property == "flocker:owner") {
      dataset.owner = user_property(value, source);
    } else if (property == "flocker:lock") {
      dataset.lock = user_property(value, source);
    } else if (property == "flocker:generation") {
      auto text = user_property(value, source);
      dataset.generation = static_cast<long long>(to_number(text).value_or(0));
    }
  }
  for (auto& [full_name, snapshot] : snapshot_by_full_name) {
    auto parent = std::string_view(full_name).substr(0, full_name.find('@'));
    if (auto it = index.find(parent); it != index.end()) datasets[it->second].snapshots.push_back(snapshot);
  }
  for (auto& dataset : datasets) std::ranges::sort(dataset.snapshots, {}, &SnapshotState::createtxg);
  return datasets;
}

Result<std::vector<DatasetState>> parse_zfs_list(std::string_view out, std::string_view root) {
  const size_t columns = listed_zfs_properties().size();
  std::vector<DatasetState> datasets;
  std::map<std::string, size_t, std::less<>> index;
  std::vector<std::pair<std::string, SnapshotState>> snapshots;  // parent, snapshot
  int line_number = 0;
  // `zfs list` has no source column: an unset property is "-" (never a value flocker writes).
  auto property = [](std::string_view value) { return value == "-" ? std::string() : std::string(value); };
  for (auto line : split_lines(out)) {
    ++line_number;
    auto f = split(line, '\t');
    if (f.size() != columns)
      return fail(fmt::format("unexpected `zfs list` output at line {}: \"{}\"", line_number, line));
    const auto name = f[0];
    if (name == root) continue;
    if (!name.starts_with(root) || name.size() <= root.size() ||
        (name[root.size()] != '/' && name[root.size()] != '@'))
      return fail(fmt::format("`zfs list` listed {} which is not below {}", name, root));
    auto number = [&](std::string_view value, std::string_view what) -> Result<unsigned long long> {
      if (auto n = to_number(value)) return *n;
      return fail(fmt::format("`zfs list` gave a non-numeric {} for {}: \"{}\"", what, name, value));
    };
    auto createtxg = number(f[3], "createtxg");
    auto used = number(f[4], "size");
    auto written = number(f[5], "written size");
    if (!createtxg) return std::unexpected(createtxg.error());
    if (!used) return std::unexpected(used.error());
    if (!written) return std::unexpected(written.error());
    if (f[1] == "snapshot") {
      const auto at = name.find('@');
      snapshots.push_back({std::string(name.substr(0, at)),
                           SnapshotState{.name = std::string(name.substr(at + 1)),
                                         .guid = std::string(f[2]),
                                         .createtxg = *createtxg,
                                         .written = *written,
                                         .creation = static_cast<long long>(to_number(f[17]).value_or(0))}});
      continue;
    }
    if (f[1] != "filesystem") continue;  // volumes are not flocker's
    auto referenced = number(f[15], "referenced size");
    auto refquota = number(f[16], "refquota");  // `list -p` prints 0 for none
    if (!referenced) return std::unexpected(referenced.error());
    if (!refquota) return std::unexpected(refquota.error());
    index.emplace(std::string(name), datasets.size());
    datasets.push_back(DatasetState{
        .name = std::string(name),
        .used = *used,
        .referenced = *referenced,
        .refquota = *refquota,
        .mountpoint = std::string(f[6]),
        .mounted = f[7] == "yes",
        .readonly = f[8] == "on",
        .app = property(f[10]),
        .volume = property(f[11]),
        .owner = property(f[12]),
        .generation = static_cast<long long>(to_number(property(f[13])).value_or(0)),
        .lock = property(f[14]),
        .written = *written,
        .resume_token = property(f[9]),
        .snapshots = {},
    });
  }
  for (auto& [parent, snapshot] : snapshots)
    if (auto it = index.find(parent); it != index.end())
      datasets[it->second].snapshots.push_back(std::move(snapshot));
  for (auto& dataset : datasets) std::ranges::sort(dataset.snapshots, {}, &SnapshotState::createtxg);
  return datasets;
}

Result<SendEstimate> parse_send_estimate(std::string_view out) {
  // "full\tDS@S\tN" or "incremental\tDS@A\tDS@B\tN", then "size\tN" (OpenZFS 2.x).
  SendEstimate estimate;
  bool sized = false;
  for (auto line : split_lines(out)) {
    auto f = split(trim(line), '\t');
    if (f.size() == 3 && f[0] == "full") estimate.to = std::string(f[1]);
    if (f.size() == 4 && f[0] == "incremental") estimate.to = std::string(f[2]);
    if (f.size() == 2 && f[0] == "size") {
      auto n = to_number(f[1]);
      if (!n) break;
      estimate.bytes = *n;
      sized = true;
    }
  }
  if (!sized) return fail(fmt::format("cannot read the size from `zfs send -nvP`: \"{}\"", trim(out)));
  return estimate;
}

bool is_missing_dataset_error(std::string_view err) {
  return classify_zfs_failure({1, "", std::string(err)}) == ZfsFailure::NotFound;
}

}  // namespace flocker

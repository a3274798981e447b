#pragma once
// Where the copies of an application's volume are, which one is live, and
// what a transfer between two copies would start from. Pure functions.
#include <optional>
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

struct VolumeCopy {
  std::string node;
  const DatasetState* dataset;
  // Set by live_copy() for the target of an interrupted hand-off: the source
  // already let go (it names this node as owner, with this generation), but
  // this copy was not claimed yet.
  bool claim_pending = false;
  long long claim_generation = 0;
  bool live() const { return dataset->owner == node; }
};

// The copies of <root>/<app>.<volume> on every node of the manifest.
std::vector<VolumeCopy> find_copies(const Manifest& manifest, const Observed& observed,
                                    const std::string& app, const std::string& volume);

// The one live copy (owned by the node that holds it), nullopt when there is
// no copy at all; an error when ownership is ambiguous. When a hand-off was
// interrupted after the source let go, the copy it handed to is returned with
// claim_pending, provided it holds the source's newest snapshot.
Result<std::optional<VolumeCopy>> live_copy(const std::vector<VolumeCopy>& copies, const std::string& app,
                                            const std::string& volume);

// The newest snapshot of target that source also holds (same guid): the base
// of an incremental send. nullopt when target has no snapshot at all. An
// error, listing both sides' snapshots, when target has diverged (it holds
// snapshots newer than the common one that source lacks) or shares none.
Result<std::optional<SnapshotState>> common_base(const DatasetState& source, const std::string& source_node,
                                                 const DatasetState& target, const std::string& target_node);

// What the dataset wrote after its snapshot `base` (later snapshots' `written`
// and its own): OpenZFS counts it; nullopt when base is not among its snapshots.
std::optional<unsigned long long> written_since(const DatasetState& dataset, const std::string& base);

// Above this, flocker-N is not a name flocker wrote.
inline constexpr int kLargestSnapshotNumber = 1'000'000'000;

// 1 + the highest N of the flocker-N snapshots on either side.
int next_snapshot_number(const DatasetState& source, const DatasetState* target);

std::string snapshot_name(int number);  // "flocker-7"

}  // namespace flocker

#pragma once
// What the plan checks so that manifests with different root datasets can
// share nodes, and so that a changed root never hides live data: flocker
// never stops, removes or replaces a container it did not make for this root
// (state/container_scope.hpp), and never binds an empty dataset in place of
// the one a container holds. Pure.
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "state/model.hpp"

namespace flocker {

// Why the plan must stop, one entry per problem (empty: none):
//   - a foreign container holds the name (flocker--<app>) of an application
//     deployed on its node, or whose live data is there;
//   - a container of this root, of an application deployed on its node, binds
//     a path that is not the mountpoint of a dataset under the root.
std::vector<std::string> foreign_container_blockers(const Manifest& manifest, const Observed& observed);

// A note per container adopted from an older flocker (no flocker.root label).
std::vector<std::string> adoption_notes(const Observed& observed);

}  // namespace flocker

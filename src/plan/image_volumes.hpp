#pragma once
// The VOLUME paths an image declares that no flocker volume covers. Docker
// gives each such path an anonymous volume on the node that runs the
// container, which flocker neither sees nor moves: the plan warns.
#include <string>
#include <vector>

#include "manifest/model.hpp"

namespace flocker {

// The declared paths (normalized: no trailing '/', no "." or "..") that no
// volume's mountpoint equals or is a parent of; sorted, each once.
std::vector<std::string> uncovered_image_volumes(const std::vector<VolumeSpec>& volumes,
                                                 const std::vector<std::string>& declared);

// One plan note for each of them, for app's container about to be (re)created
// on node; moved_from names the node it leaves when it moves, else empty.
std::vector<std::string> image_volume_notes(const AppSpec& app, const std::string& node,
                                            const std::string& moved_from,
                                            const std::vector<std::string>& declared);

}  // namespace flocker

#pragma once
// Where a dataset may be mounted before a container gets it: what a node
// reports as its mountpoint is not trusted (a stream, or a person, may have
// set it anywhere, over /etc or a container's own files). flocker's datasets
// inherit their mountpoint from flocker's root: <root mountpoint>/<app>.<volume>.
#include <string>

#include "util/result.hpp"

namespace flocker {

// dataset's parent: flocker's root ("tank/flocker" of "tank/flocker/web.www").
std::string parent_dataset(const std::string& dataset);

// The mountpoint flocker expects for dataset, below its root's mountpoint.
std::string expected_mountpoint(const std::string& root_mountpoint, const std::string& dataset);

// An error naming node, dataset and both paths unless mountpoint is the expected one.
Status check_mountpoint(const std::string& node, const std::string& dataset, const std::string& mountpoint,
                        const std::string& root_mountpoint);

}  // namespace flocker

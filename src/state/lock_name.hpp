#pragma once
#include <string>

namespace flocker {

// The dataset whose existence is flocker's lock on a node. Application
// datasets are always "<app>.<volume>", so "lock" can never clash with one.
inline std::string lock_dataset_name(const std::string& root) {
  return root + "/lock";
}

}  // namespace flocker

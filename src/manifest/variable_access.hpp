#pragma once
// ${VAR} in a manifest reads only the variables of flocker's environment that
// the operator allows: those named with --allow-env NAME (repeatable, or
// comma-separated; NAME may end with `*` to allow a prefix) or in
// FLOCKER_ALLOW_ENV. Every other variable looks unset to the manifest, so a
// file flocker was handed (a vendor's compose file, say) cannot read a CI
// secret into an image name, a label or an environment its image controls;
// its `${NAME:-default}` takes the default. The plan says which variables
// each file asked for, allowed or not.
#include <set>
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "util/env_lookup.hpp"
#include "util/result.hpp"

namespace flocker {

// The allow list from --allow-env values (each may hold several names,
// comma-separated); an entry that is not a variable name (or prefix*) is an error.
Result<std::set<std::string>> parse_allowed_variables(const std::vector<std::string>& values);

bool variable_allowed(const std::set<std::string>& allowed, const std::string& name);

// environment, seen through the allow list.
EnvLookup allow_only(EnvLookup environment, std::set<std::string> allowed);

// One note per manifest file that asked for variables, for the plan.
std::vector<std::string> variable_notes(const Manifest& manifest, const std::set<std::string>& allowed);

}  // namespace flocker

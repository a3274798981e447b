#pragma once
// ${VAR} in manifest values, taken from flocker's own environment, so that CI
// secrets stay out of the files. The syntax is the Compose one:
//   $VAR, ${VAR}           the variable; unset is an error (bare $VAR: compose only)
//   ${VAR:-default}        default when unset or empty;  ${VAR-default}: when unset
//   ${VAR:?message}        an error with the message when unset or empty; ${VAR?message}: when unset
//   $$                     a literal '$'
// Native and Flocker 0.x files (Braced) read only ${...} and $${ (a literal
// "${"); any other '$' stays as written, as it did before ${VAR} existed.
#include <string>
#include <string_view>

#include "util/env_lookup.hpp"
#include "util/result.hpp"

namespace flocker {

enum class InterpolationSyntax { Braced, Compose };

// Pure: the text with every reference replaced, or why not (the first problem).
// The error quotes the text, unless it is secret: then it never contains it
// (a ${NAME:?message} still shows its message, written to be shown).
Result<std::string> interpolate(std::string_view text, const EnvLookup& env,
                                InterpolationSyntax syntax = InterpolationSyntax::Compose,
                                bool secret = false);

// "<what>: <message> (<hint>)", the diagnostic for a value that failed.
std::string describe_interpolation_error(std::string_view what, const Error& error);

}  // namespace flocker

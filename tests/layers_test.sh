#!/usr/bin/env bash
# layers_test: no folder of src/ includes one above it, so what decides
# (manifest/, state/, plan/) stays apart from what acts (remote/, apply/) and
# what talks (cli/), and util/ stays at the bottom (docs/ARCHITECTURE.md,
# "Folders"). Fails listing each include that breaks a rule.
set -euo pipefail
cd "${1:?usage: layers_test.sh REPO}/src"

# folder: the project folders it must not include ("*": all but itself).
rules=(
  "plan: remote apply cli"
  "manifest: remote apply cli"
  "state: plan apply cli"
  "remote: state plan apply cli"
  "apply: cli"
  "util: *"
)

# Known exceptions, "file include" a line (none today). state/ reads the
# nodes through remote/ (Host, the columns each command asks for, the kinds
# of failure), so it sits above remote/, below plan/.
allowed=()

is_allowed() {
  local entry
  for entry in ${allowed[@]+"${allowed[@]}"}; do [ "$entry" = "$1 $2" ] && return 0; done
  return 1
}

broken=()
for rule in "${rules[@]}"; do
  folder=${rule%%:*}
  forbidden=${rule#*: }
  [ -d "$folder" ] || continue
  while IFS=: read -r file _ include; do
    include=${include#*\"}
    include=${include%%\"*}
    target=${include%%/*}
    [ "$target" = "$include" ] && continue  # a system or library header, or one of its own folder
    [ "$target" = "$folder" ] && continue
    [ -d "$target" ] || continue  # not a project folder (fmt/format.h, nlohmann/json.hpp)
    if [ "$forbidden" = "*" ] || [[ " $forbidden " == *" $target "* ]]; then
      is_allowed "$file" "$include" || broken+=("$file includes $include ($folder/ must not include $target/)")
    fi
  done < <(grep -rn --include='*.cpp' --include='*.hpp' '^#include "' "$folder")
done
if [ ${#broken[@]} -gt 0 ]; then
  printf '%s\n' "${broken[@]}" >&2
  exit 1
fi
echo "layers_test: no folder includes one above it"

#!/usr/bin/env bash
# version_test.sh FLOCKER SOURCE_DIR: `flocker version` names the commit the
# binary was built from (the header is regenerated on every build, not at
# configure time), or "unknown" outside a git checkout.
set -euo pipefail
flocker=${1:?usage: version_test.sh FLOCKER SOURCE_DIR}
source_dir=${2:?usage: version_test.sh FLOCKER SOURCE_DIR}
shown=$("$flocker" version)
echo "$shown"
[ "$("$flocker" --version)" = "$shown" ] || { echo "FAIL: flocker --version differs from flocker version"; exit 1; }
if commit=$(git -C "$source_dir" describe --tags --always 2>/dev/null); then
  [[ $shown == *"($commit"* ]] || { echo "FAIL: built from $commit, or the build is stale (rebuild)"; exit 1; }
else
  [[ $shown == *"(unknown)"* ]] || { echo "FAIL: no git here, expected (unknown)"; exit 1; }
fi
echo "version: passed"

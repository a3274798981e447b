#!/usr/bin/env bash
# check_deb.sh BUILD_DIR: the .deb that cpack made there holds the binary, the
# man page and the three completions where their tools look, and depends on
# the C library alone.
set -euo pipefail
build=${1:?usage: check_deb.sh BUILD_DIR}
shopt -s nullglob
debs=("$build"/flocker_*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "expected one flocker_*.deb in $build (run cpack there first), found ${#debs[@]}"; exit 1; }
deb=${debs[0]}
echo "$deb: $(stat -c %s "$deb") bytes"
dpkg-deb --field "$deb" Package Version Architecture Depends Suggests
failures=0
contents=$(dpkg-deb --contents "$deb" | awk '{print $NF}')
for path in ./usr/bin/flocker ./usr/share/man/man1/flocker.1.gz \
            ./usr/share/bash-completion/completions/flocker \
            ./usr/share/zsh/vendor-completions/_flocker \
            ./usr/share/fish/vendor_completions.d/flocker.fish; do
  grep -qxF "$path" <<<"$contents" || { echo "FAIL: the package lacks $path"; failures=$((failures + 1)); }
done
# "libc6 (>= 2.36)", as dpkg-shlibdeps found it: libc6 and nothing else.
depends=$(dpkg-deb --field "$deb" Depends)
if [ "$(sed -E 's/ *\([^)]*\)//g' <<<"$depends")" != libc6 ]; then
  echo "FAIL: Depends should name libc6 alone: '$depends'"; failures=$((failures + 1))
fi
[ "$failures" -eq 0 ] && echo "deb: passed"
exit "$failures"

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
depends=$(dpkg-deb --field "$deb" Depends)
# "libc6 (>= 2.34)": nothing but libc6.
if [ -n "$(sed -E 's/ *\([^)]*\)//g; s/, */\n/g' <<<"$depends" | grep -vx 'libc6')" ]; then
  echo "FAIL: Depends names more than libc6: $depends"; failures=$((failures + 1))
fi
[ "$failures" -eq 0 ] && echo "deb: passed"
exit "$failures"

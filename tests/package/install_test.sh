#!/usr/bin/env bash
# install_test.sh BUILD_DIR: `cmake --install` puts the binary, the man page
# and the bash, zsh and fish completions where their tools look for them.
set -euo pipefail
build=${1:?usage: install_test.sh BUILD_DIR}
root=$(mktemp -d); trap 'rm -rf "$root"' EXIT
failures=0
check() {  # PREFIX PATH...: each path exists under the staged PREFIX
  local prefix=$1; shift
  rm -rf "${root:?}"/*
  DESTDIR=$root cmake --install "$build" --prefix "$prefix" >/dev/null
  for path in "$@"; do
    [ -e "$root$prefix/$path" ] || { echo "FAIL: --prefix $prefix installs no $path"; failures=$((failures + 1)); }
  done
}
check /usr/local bin/flocker share/man/man1/flocker.1.gz share/bash-completion/completions/flocker \
  share/zsh/site-functions/_flocker share/fish/vendor_completions.d/flocker.fish
# Debian's zsh reads packaged completions from vendor-completions.
check /usr bin/flocker share/man/man1/flocker.1.gz share/bash-completion/completions/flocker \
  share/zsh/vendor-completions/_flocker share/fish/vendor_completions.d/flocker.fish
# The installed page is the one the build configured from man/flocker.1.in
# (and the man_page_* tests checked), compressed.
cmp -s <(gzip -dc "$root/usr/share/man/man1/flocker.1.gz") "$build/flocker.1" ||
  { echo "FAIL: the installed man page differs from $build/flocker.1"; failures=$((failures + 1)); }
[ "$failures" -eq 0 ] && echo "install: passed"
exit "$failures"

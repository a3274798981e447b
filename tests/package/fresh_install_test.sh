#!/usr/bin/env bash
# fresh_install_test.sh BUILD_DIR: the .deb that cpack made there installs on a
# pristine Debian 12 (debootstrap --variant=minbase: no libssh, no OpenSSL, no
# yaml-cpp, no libstdc++ beyond what apt itself needs) with dpkg alone, and the
# installed flocker runs: version, help, validate of an example, the man page
# and the bash completion where the packages that read them look.
# The root is made once and cached as a tarball in $FLOCKER_LAB_CACHE (default
# /var/cache/flocker-lab); each run unpacks a new copy. Needs root and
# debootstrap; the mirror is FLOCKER_LAB_MIRROR, else deb.debian.org.
set -euo pipefail
build=${1:?usage: fresh_install_test.sh BUILD_DIR}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "fresh_install_test: must run as root (debootstrap, chroot)"; exit 1; }
shopt -s nullglob
debs=("$build"/flocker_*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "expected one flocker_*.deb in $build, found ${#debs[@]}"; exit 1; }
deb=${debs[0]}

cache=${FLOCKER_LAB_CACHE:-/var/cache/flocker-lab}
base=$cache/debian12-minbase.tar
mkdir -p "$cache"
if [ ! -s "$base" ]; then
  exec 8>"$cache/.minbase.lock"
  flock -w 900 8
  if [ ! -s "$base" ]; then
    mirror=${FLOCKER_LAB_MIRROR:-http://deb.debian.org/debian}
    echo "making a minimal Debian 12 root from $mirror (once; cached in $base)"
    tmp=$(mktemp -d "$cache/minbase.XXXX")
    debootstrap --variant=minbase bookworm "$tmp" "$mirror" >"$cache/minbase.log" 2>&1 ||
      { tail -20 "$cache/minbase.log"; rm -rf "$tmp"; exit 1; }
    tar -C "$tmp" -cf "$base.part" . && mv "$base.part" "$base"
    rm -rf "$tmp"
  fi
fi

root=$(mktemp -d /tmp/flocker-fresh.XXXXXX)
trap 'rm -rf "$root"' EXIT
tar -C "$root" -xf "$base"
cp "$deb" "$root/tmp/flocker.deb"
cp -r "$repo/examples/quickstart" "$root/tmp/quickstart"

# In a mount namespace of its own, so that /proc goes away with it.
unshare -m --propagation private chroot "$root" /bin/bash -euo pipefail -c '
  mount -t proc proc /proc
  failures=0
  fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
  dpkg -i /tmp/flocker.deb >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log; exit 1; }
  echo "installed: $(dpkg-query -W -f "\${Package} \${Version}" flocker)"
  version=$(flocker version) || fail "flocker version failed"
  echo "flocker version: $version"
  flocker --help | grep -q "plan" || fail "flocker --help lists no plan command"
  flocker validate /tmp/quickstart/flocker.yaml >/tmp/validate.out 2>&1 || { cat /tmp/validate.out; fail "validate of the quickstart failed"; }
  zcat /usr/share/man/man1/flocker.1.gz | grep -q "^\.TH FLOCKER 1" || fail "no man page in /usr/share/man/man1"
  # The bash completion, as bash-completion would load it.
  offered=$(bash -c ". /usr/share/bash-completion/completions/flocker
    COMP_WORDS=(flocker pl); COMP_CWORD=1; COMP_LINE=\"flocker pl\"; COMP_POINT=\${#COMP_LINE}
    _flocker flocker pl flocker; printf \"%s \" \"\${COMPREPLY[@]}\"") || true
  case " $offered " in *" plan "*) ;; *) fail "the bash completion offers \"$offered\" for \"flocker pl\"" ;; esac
  [ -s /usr/share/zsh/vendor-completions/_flocker ] || fail "no zsh completion"
  [ -s /usr/share/fish/vendor_completions.d/flocker.fish ] || fail "no fish completion"
  [ "$failures" -eq 0 ] && echo "fresh install: passed"
  exit "$failures"
'

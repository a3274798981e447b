#!/usr/bin/env bash
# check_binary.sh FLOCKER: the release binary is one binary. It may load only
# the C library family (libc, libm, the dynamic loader and glibc's split-off
# parts); every third-party library (libssh, libcrypto, yaml-cpp, fmt, zlib)
# and the C++ runtime must be linked in. It must also run.
set -euo pipefail
binary=${1:?usage: check_binary.sh FLOCKER}
allowed='^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libresolv\.so\.2|/lib(64)?/ld-linux[-a-z0-9_.]*\.so\.[0-9])$'

# ldd lists "name => path (addr)" or "path (addr)"; "not a dynamic executable"
# (exit 1) means fully static, which is fine too.
if ! listing=$(ldd "$binary" 2>&1); then
  grep -q 'not a dynamic executable' <<<"$listing" || { echo "ldd failed: $listing"; exit 1; }
  listing=""
fi
echo "ldd $binary:"; echo "$listing"
bad=()
while read -r name _; do
  [ -z "$name" ] && continue
  [[ $name =~ $allowed ]] || bad+=("$name")
done <<<"$listing"
if [ ${#bad[@]} -gt 0 ]; then
  echo "not allowed: ${bad[*]} (only the C library family may be loaded at run time)"
  exit 1
fi
# The libraries must not be loaded by other means either.
if grep -qaE 'lib(ssh|crypto|yaml-cpp|fmt|z|stdc\+\+|gssapi_krb5)\.so' <(readelf -d "$binary" 2>/dev/null); then
  echo "a NEEDED entry names a third-party library"; exit 1
fi
"$binary" version
echo "one binary: passed"

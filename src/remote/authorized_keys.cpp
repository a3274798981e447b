#include "remote/authorized_keys.hpp"

#include <string>

#include "util/sha256.hpp"

namespace flocker {

namespace {

// $1: add | remove | prune; $2: the marker (add, remove) or the scope whose
// lines all go (prune, may be empty); $3: minutes the key lives (add); the
// line to add on stdin. Messages start with "flocker:" and always say whether
// the file changed.
constexpr const char* kScript = R"SH(set -u
mode=$1 marker=${2:-} minutes=${3:-0}
scope=
[ "$mode" = prune ] && scope=$marker marker=
say() { printf 'flocker: %s\n' "$*" >&2; }
f=$HOME/.ssh/authorized_keys
umask 077
if [ "$mode" = add ]; then
  mkdir -p "$HOME/.ssh" || { say "cannot create $HOME/.ssh"; exit 1; }
  line=$(cat)
  case $line in *'
'*|'') say 'the key line is empty or has a newline; nothing was changed'; exit 1 ;; esac
elif [ ! -e "$f" ]; then
  exit 0
fi
if [ -L "$f" ]; then
  f=$(readlink -f "$f") || { say "cannot resolve the link $HOME/.ssh/authorized_keys; nothing was changed"; exit 1; }
fi
command -v flock >/dev/null 2>&1 || { say "flock (util-linux) is needed to edit $f safely; nothing was changed"; exit 1; }
: 2>/dev/null >>"$f.flocker-lock" || { say "cannot open the lock file $f.flocker-lock; $f is unchanged"; exit 1; }
exec 9>>"$f.flocker-lock"
flock -w 30 9 || { say "$f stayed locked by another flocker for 30 s; it is unchanged"; exit 1; }
now=$(date -u +%Y%m%d%H%M) || exit 1
new= drop=
[ "$mode" = remove ] && drop=$marker
if [ "$mode" = add ]; then
  s=$(date -u +%s) || exit 1
  # now + minutes as UTC YYYYMMDDHHMM (civil_from_days, H. Hinnant), in POSIX arithmetic.
  t=$((s / 60 + minutes)); z=$((t / 1440 + 719468)); era=$((z / 146097)); doe=$((z - era * 146097))
  yoe=$(((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365))
  doy=$((doe - (365 * yoe + yoe / 4 - yoe / 100))); mp=$(((5 * doy + 2) / 153))
  d=$((doy - (153 * mp + 2) / 5 + 1)); m=$((mp < 10 ? mp + 3 : mp - 9)); y=$((yoe + era * 400 + (m <= 2)))
  hm=$((t % 1440))
  new=$(printf 'expiry-time="%04d%02d%02d%02d%02dZ",%s' "$y" "$m" "$d" $((hm / 60)) $((hm % 60)) "$line")
fi
tmp=$f.flocker-new
rm -f "$tmp"  # a killed run's; the lock is ours
fail() { rm -f "$tmp"; say "$1; $f is unchanged"; exit 1; }
if [ -e "$f" ]; then
  cp -p "$f" "$tmp" || fail "cannot copy $f to $tmp (disk full?)"
  # Keeps every line but the marker's and expired flocker lines; awk ends
  # each line with a newline, so a last line without one stays whole.
  counts=$(awk -v marker="$drop" -v scope="$scope" -v now="$now" -v out="$tmp" '
    $NF == marker && marker != "" { dropped++; next }
    scope != "" && $NF ~ /^flocker-transfer-[0-9a-f]+-[0-9a-f]+$/ && index($NF, "flocker-transfer-" scope "-") == 1 &&
      substr($0, 1, 13) == "expiry-time=\"" {
      dropped++; next }
    $NF ~ /^flocker-transfer-[0-9a-f]+(-[0-9a-f]+)?$/ && substr($0, 1, 13) == "expiry-time=\"" &&
      substr($0, 26, 2) == "Z\"" && substr($0, 14, 12) ~ /^[0-9]+$/ && substr($0, 14, 12) <= now {
      dropped++; next }
    { print > out; kept++ }
    END { if (kept == 0) printf "" > out; close(out); print kept + 0, dropped + 0 }' "$f") ||
    fail "cannot write $tmp (disk full?)"
else
  : >"$tmp" || fail "cannot create $tmp (disk full?)"
  counts='0 0'
fi
kept=${counts% *} dropped=${counts#* }
if [ -z "$new" ] && [ "$dropped" -eq 0 ]; then rm -f "$tmp"; exit 0; fi
if [ -n "$new" ]; then
  printf '%s\n' "$new" >>"$tmp" || fail "cannot write $tmp (disk full?)"
  kept=$((kept + 1))
  [ "$(tail -n 1 "$tmp")" = "$new" ] || fail "$tmp lost its last line (disk full?)"
fi
[ $(($(wc -l <"$tmp"))) -eq "$kept" ] || fail "$tmp lost lines (disk full?)"
mv -f "$tmp" "$f" || fail "cannot rename $tmp to $f"
)SH";

// $1: minutes a directory must be untouched to be stale; $2: the scope whose
// directories are stale at any age (may be empty).
constexpr const char* kPruneDirectories = R"SH(set -u
me=$(id -u) scope=${2:-}
for d in "${TMPDIR:-/tmp}"/flocker-transfer.* "${TMPDIR:-/tmp}"/flocker-transfer-*.*; do
  [ -d "$d" ] && [ ! -L "$d" ] || continue
  age="-mmin +$1"
  [ -n "$scope" ] && case ${d##*/} in "flocker-transfer-$scope".*) age= ;; esac
  # shellcheck disable=SC2086 # $age is empty or two words
  [ -n "$(find "$d" -prune -user "$me" $age 2>/dev/null)" ] || continue
  live=
  for p in "$d"/pid.*; do
    [ -f "$p" ] && kill -0 "$(cat "$p")" 2>/dev/null && live=1
  done
  [ -n "$live" ] || rm -rf -- "$d"
done
exit 0
)SH";

}  // namespace

const std::string& authorized_keys_script() {
  static const std::string script = kScript;
  return script;
}

Argv authorize_key_command(const std::string& marker, int lifetime_minutes) {
  return {"sh", "-c", authorized_keys_script(), "sh", "add", marker, std::to_string(lifetime_minutes)};
}

Argv revoke_key_command(const std::string& marker) {
  return {"sh", "-c", authorized_keys_script(), "sh", "remove", marker};
}

Argv prune_keys_command(const std::string& scope) {
  return {"sh", "-c", authorized_keys_script(), "sh", "prune", scope};
}

Argv prune_key_directories_command(int stale_minutes, const std::string& scope) {
  return {"sh", "-c", kPruneDirectories, "sh", std::to_string(stale_minutes), scope};
}

std::string transfer_scope(const std::string& root) {
  return sha256_hex(root).substr(0, 8);
}

}  // namespace flocker

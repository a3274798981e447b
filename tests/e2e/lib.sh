# Shared by the end-to-end tests: run flocker against the lab and check the
# nodes directly with ssh, zfs and docker. Sourced; expects FLOCKER (the
# binary), LAB_DIR (a running lab from tests/lab/up) and REPO from ctest.
set -euo pipefail
: "${FLOCKER:?path to the flocker binary}" "${LAB_DIR:?a running lab}" "${REPO:?the source tree}"

# The lab's kind (tests/lab/up writes it): zfs-fuse nodes in namespaces, or
# OpenZFS guests under QEMU (--zfs openzfs, 2 nodes). The same tests run on
# both; the few checks that differ by flavour ask lab_is.
LAB_ZFS=$(sed -n 's/^LAB_ZFS=//p' "$LAB_DIR/lab.env" 2>/dev/null)
LAB_ZFS=${LAB_ZFS:-zfs-fuse}
LAB_NODE_COUNT=$(grep -c '^Host node' "$LAB_DIR/ssh_config")
lab_is() { [ "$LAB_ZFS" = "$1" ]; }

WORK=$(mktemp -d /tmp/flocker-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export FLOCKER_SSH_CONFIG=$LAB_DIR/ssh_config
export NO_COLOR=1
TEST_NAME=$(basename "$0" .sh)
failures=0

log() { printf '[%s %s] %s\n' "$TEST_NAME" "$(date -u +%T)" "$*"; }

# Runs a command on a node as an operator would, through the lab's SSH config.
# One argument is a shell line for the node; several are an argv, quoted.
on() {
  local node=$1; shift
  local line=$1
  [ $# -gt 1 ] && line=$(printf '%q ' "$@")
  ssh -F "$LAB_DIR/ssh_config" -o BatchMode=yes "$node" "$line"
}

# flocker with the lab's nodes.yaml plus the test's application file.
# Output goes to $WORK/out and $WORK/err; the exit code to $status.
run_flocker() {
  set +e
  local started=$SECONDS
  "$FLOCKER" "$@" >"$WORK/out" 2>"$WORK/err"
  status=$?
  set -e
  log "flocker $* -> exit $status ($((SECONDS - started)) s)"
}

fail() {
  log "FAIL: $*"
  log "--- stdout of the last flocker run:"; sed 's/^/    /' "$WORK/out" 2>/dev/null || true
  log "--- stderr:"; sed 's/^/    /' "$WORK/err" 2>/dev/null || true
  failures=$((failures + 1))
}

expect_eq() { [ "$1" = "$2" ] || fail "${3:-values differ}: expected '$2', got '$1'"; }
expect_status() { [ "$status" -eq "$1" ] || fail "expected exit $1 from flocker, got $status"; }
expect_out() { grep -qF -- "$1" "$WORK/out" || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" "$WORK/err" || fail "stderr lacks: $1"; }

# A snapshot of everything flocker could have touched on a node.
node_state() {
  on "$1" 'zfs list -H -o name,used -r tank 2>&1; zfs get -H -o name,property,value -r flocker:owner,flocker:generation tank 2>&1; docker ps -a --no-trunc --format "{{.ID}} {{.Names}} {{.State}}"'
}

container_id() { on "$1" docker inspect --format '{{.Id}}' "$2" 2>/dev/null || true; }
container_running() { local v; v=$(on "$1" docker inspect --format '{{.State.Running}}' "$2" 2>/dev/null) && echo "$v" || echo absent; }
zfs_prop() { local v; v=$(on "$1" zfs get -H -o value "$2" "$3" 2>/dev/null) && echo "$v" || echo absent; }

write_apps() { cat > "$WORK/apps.yaml"; }
# KiB of a size as flocker prints it: to_kib 32.1 MiB.
to_kib() {
  awk -v n="$1" -v u="$2" 'BEGIN { f = (u == "B") ? 1/1024 : (u == "KiB") ? 1 : (u == "MiB") ? 1024 : 1048576
                                   printf "%d\n", n * f }'
}
# KiB that the last stdout line matching the regular expression names just
# before "in T.Ts": what a transfer line ("pre-copy DS: 32.1 MiB in 0.2s (…)") moved.
moved_kib() {
  local size
  size=$(awk -v re="$1" '$0 ~ re { for (i = 1; i <= NF; i++) if ($i == "in") s = $(i-2) " " $(i-1) } END { print s }' "$WORK/out")
  if [ -n "$size" ]; then to_kib $size; fi  # nothing (and status 0) when no line says it
}
# The apps file of the move tests: web (busybox httpd serving its volume www)
# deployed on NODE, moved as TRANSFER says (default direct).
deploy_web_on() {  # node [transfer]
  write_apps <<YAML
transfer: ${2:-direct}
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    volumes: {www: /www}
deployment:
  $1: [web]
YAML
}
manifest() { echo "$LAB_DIR/nodes.yaml" "$WORK/apps.yaml"; }

reset_lab() { "$REPO/tests/lab/reset" --dir "$LAB_DIR" >/dev/null; }

# Skips the rest of a test that needs another kind of lab (ctest shows it passed).
only_on() {
  # 77: ctest's SKIP_RETURN_CODE, so a skip shows as skipped, never as passed.
  if ! lab_is "$1"; then log "skipped: needs a $1 lab, this one is $LAB_ZFS"; exit 77; fi
}

finish() {
  if [ "$failures" -ne 0 ]; then log "$failures check(s) failed"; exit 1; fi
  log "passed"
}

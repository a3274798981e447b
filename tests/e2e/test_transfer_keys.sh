#!/usr/bin/env bash
# The one-time keys of direct transfers never damage an operator's
# authorized_keys: a last line without newline stays whole, expired flocker
# lines and killed runs' key directories go, another flocker's fresh line and a
# stale temporary file do not get in the way, and a full disk leaves the file
# byte-identical with a clear error. And a node whose SSH user's login shell
# is fish is refused at connect, naming the shell.
. "$(dirname "$0")/lib.sh"
only_on zfs-fuse  # the namespaces of the zfs-fuse lab (tmpfs, /etc/passwd) are needed
reset_lab

home() { echo "$LAB_DIR/$1/home"; }
# Runs a command inside a node's mount namespace (as tests/lab does).
in_node() {
  local node=$1; shift
  nsenter -t "$(cat "$LAB_DIR/$node/holder.pid")" -m -r -w -- "$@"
}
saved=$WORK/saved
mkdir -p "$saved"
for n in node1 node2; do cp -a "$(home $n)/.ssh" "$saved/$n" 2>/dev/null || true; done
cleanup() {
  in_node node1 umount "$(home node1)/.ssh" 2>/dev/null || true
  in_node node3 umount /etc/passwd 2>/dev/null || true
  for n in node1 node2; do
    rm -rf "$(home $n)/.ssh"
    if [ -d "$saved/$n" ]; then cp -a "$saved/$n" "$(home $n)/.ssh"; fi
  done
  rm -rf /tmp/flocker-transfer.e2e-stale-$$ "/tmp/flocker-transfer-$scope.e2e-killed-$$" "$WORK"
}
# The scope of this root's one-time keys (remote/authorized_keys.hpp).
scope=$(printf %s tank/flocker | sha256sum | cut -c1-8)
trap cleanup EXIT

deploy_web_on node1
run_flocker apply --auto-approve $(manifest)
expect_status 0

# node2's authorized_keys as an operator may have it: no final newline, an
# expired line a killed flocker left, another flocker's line still fresh, a
# fresh line that a killed run of this root (tank/flocker) left, and a
# temporary file from a killed run. node1 has a killed run's key directory
# (a day old) and one of this root's killed run (fresh).
mkdir -p "$(home node2)/.ssh"
keys2=$(home node2)/.ssh/authorized_keys
operator='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOperatorKeyOperatorKeyOperatorKey00 op@laptop'
fresh='expiry-time="299912312359Z",restrict,command="zfs receive tank/x" ssh-ed25519 AAAAfresh flocker-transfer-00000000000000f1'
{
  echo 'expiry-time="200001010000Z",restrict,command="zfs receive tank/x" ssh-ed25519 AAAAold flocker-transfer-00000000000000e1'
  echo "$fresh"
  echo "expiry-time=\"299912312359Z\",restrict,command=\"zfs receive tank/x\" ssh-ed25519 AAAAkilled flocker-transfer-$scope-00000000000000d1"
  printf '%s' "$operator"
} >"$keys2"
echo 'half a file' >"$keys2.flocker-new"
mkdir -m 700 /tmp/flocker-transfer.e2e-stale-$$
echo 999999999 >/tmp/flocker-transfer.e2e-stale-$$/pid.1
touch -d '2 days ago' /tmp/flocker-transfer.e2e-stale-$$
mkdir -m 700 "/tmp/flocker-transfer-$scope.e2e-killed-$$"

deploy_web_on node2
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "(direct to node2"
expect_eq "$(cat "$keys2")" "$fresh
$operator" "node2 keeps the operator's last line whole and the fresh line, and only those"
[ -e "$keys2.flocker-new" ] && fail "the temporary file is still there"
[ -e /tmp/flocker-transfer.e2e-stale-$$ ] && fail "the killed run's key directory is still on node1"
[ -e "/tmp/flocker-transfer-$scope.e2e-killed-$$" ] && fail "this root's killed run's key directory is still on node1"

# A full disk under node1's ~/.ssh: moving back fails before any data moves,
# says so, and the file is byte-identical.
mkdir -p "$(home node1)/.ssh"
keys1=$(home node1)/.ssh/authorized_keys
printf '%s\n%s' "$operator" "$operator" >"$WORK/keys1"
in_node node1 mount -t tmpfs -o size=16k tmpfs "$(home node1)/.ssh"
# The tmpfs is seen only inside node1's namespace: write and read it there.
# (count: never more than the tmpfs, should the mount have failed.)
in_node node1 sh -c 'cp "$1" "$2" && { dd if=/dev/zero of="${2%/*}/filler" bs=1k count=64 2>/dev/null; true; }' \
  sh "$WORK/keys1" "$keys1"
key1_sum() { in_node node1 sha256sum "$keys1"; }
before=$(key1_sum)
expect_eq "$before" "$(sha256sum "$WORK/keys1" | sed "s#$WORK/keys1#$keys1#")" "the tmpfs holds the operator's file"
deploy_web_on node1
run_flocker apply --auto-approve $(manifest)
expect_status 1
expect_err "node1: could not add the one-time transfer key to ~/.ssh/authorized_keys"
expect_err "authorized_keys is unchanged"
expect_eq "$(key1_sum)" "$before" "node1's authorized_keys is byte-identical"
expect_eq "$(container_running node2 flocker--web)" true "web still runs on node2"
in_node node1 umount "$(home node1)/.ssh"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_eq "$(container_running node1 flocker--web)" true "web runs on node1 once there is room"
grep -q flocker-transfer "$keys1" 2>/dev/null && fail "a one-time key is left on node1"

# fish as root's login shell on node3 only (its own /etc/passwd, in its namespace).
sed 's#^\(root:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:\).*#\1/usr/bin/fish#' /etc/passwd >"$WORK/passwd"
chmod 644 "$WORK/passwd"
in_node node3 mount --bind "$WORK/passwd" /etc/passwd
run_flocker plan $(manifest)
expect_status 1
expect_err "node node3: the login shell of root (/usr/bin/fish) does not read commands as a POSIX shell does"
expect_err "chsh -s /bin/sh root"
in_node node3 umount /etc/passwd
run_flocker plan $(manifest)
expect_status 0
finish

# shellcheck shell=bash disable=SC2034 # the settings here are used by the scripts
# lib.sh: code shared by tests/lab/openzfs/{up,down,reset,sshd}. Sourced.
#
# An OpenZFS lab in DIR (same client files as the zfs-fuse lab):
#   DIR/id_ed25519{,.pub} ssh_config known_hosts nodes.yaml lab.env (LAB_ZFS=openzfs)
#   DIR/image/            busybox rootfs tar and the saved image
#   DIR/nodeK/            host key, root.qcow2 (overlay on the cached image),
#                         pool.img, qemu.pid, mon.sock (QEMU monitor), serial.log
# Every node is a QEMU guest (software emulation) booted from a fresh overlay.

LAB_POOL=tank
LAB_IMAGE=local/busybox
LAB_IMAGE_TAGS=(1 2)
LAB_IMAGE_RECIPE=v2
# Guests reach their peers' forwarded sshd ports through this address of the
# QEMU user network (guestfwd, one per peer port, to the host's 127.0.0.1).
LAB_PEER_ADDRESS=10.0.2.100
LAB_BOOT_TIMEOUT=${LAB_BOOT_TIMEOUT:-300}
LAB_GUEST_MEMORY=${LAB_GUEST_MEMORY:-1536}
LAB_GUEST_CPUS=${LAB_GUEST_CPUS:-2}
OZ_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

say() { printf '%s\n' "$*"; }
warn() { printf 'lab: %s\n' "$*" >&2; }
die() {
	printf 'lab: error: %s\n' "$*" >&2
	exit 1
}

lab_require_root() { [ "$(id -u)" -eq 0 ] || die "must run as root"; }
lab_abs_dir() {
	[ -n "$1" ] || die "--dir DIR is required"
	realpath -m -- "$1"
}
lab_lock() {
	exec 9>"$DIR/.lock"
	flock -w 900 9 || die "another lab command holds $DIR/.lock"
}
node_dir() { printf '%s/node%s' "$DIR" "$1"; }
lab_node_numbers() {
	local d
	for d in "$DIR"/node[0-9]*; do
		[ -f "$d/node.env" ] || continue
		d=${d##*/node}
		if [[ $d =~ ^[0-9]+$ ]]; then printf '%s\n' "$d"; fi
	done | sort -n
}
# N_NAME N_DIR N_PORT of node K (from its node.env).
node_load() {
	N_NAME=node$1
	N_DIR=$(node_dir "$1")
	[ -f "$N_DIR/node.env" ] || return 1
	# shellcheck source=/dev/null
	. "$N_DIR/node.env"
}
# The pid of node K's QEMU when it runs (checked against its command line, so a
# recycled pid is never taken for it).
node_qemu_pid() {
	local pid
	pid=$(cat "$N_DIR/qemu.pid" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-name flocker-lab-$N_DIR " || return 1
	printf '%s\n' "$pid"
}
node_ssh() { ssh -F "$DIR/ssh_config" -o BatchMode=yes -o ConnectTimeout=10 "$N_NAME" "$@"; }
# One command to node K's QEMU monitor; prints its answer.
node_monitor() {
	printf '%s\n' "$1" | socat -t 2 - "UNIX-CONNECT:$N_DIR/mon.sock" | tr -d '\r' | grep -v '^QEMU\|^(qemu)' || true
}

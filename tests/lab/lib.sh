# shellcheck shell=bash disable=SC2034 # the settings here are used by the scripts
# lib.sh: code shared by tests/lab/{up,down,reset,sshd}. Sourced, never run.
#
# A lab lives in one directory DIR:
#   DIR/id_ed25519{,.pub} authorized_keys ssh_config known_hosts nodes.yaml lab.env
#   DIR/image/            busybox rootfs tar and the saved image (built once per DIR)
#   DIR/nodeK/            node.env, keys, configs, pid files, logs, pool.img, docker/
# Every node is one mount namespace held open by a "holder" process; zfs-fuse,
# dockerd and sshd are started inside it with nsenter, so an SSH login sees only
# that node's pool and engine.

LAB_POOL=tank
LAB_IMAGE=local/busybox
LAB_IMAGE_TAGS=(1 2)
LAB_IMAGE_RECIPE=v2 # bump when the rootfs recipe in up changes: cached tars are named by it
# Debian's docker.io client matches the 20.10 engine; /usr/local/bin may hold a newer one.
LAB_DOCKER=/usr/bin/docker
LAB_PATH=/usr/sbin:/usr/bin:/sbin:/bin
LAB_TIMEOUT=${LAB_TIMEOUT:-90}           # seconds to wait for a daemon to answer
LAB_STOP_TIMEOUT=${LAB_STOP_TIMEOUT:-20} # seconds between SIGTERM and SIGKILL
LAB_HOLDER_TAG=flocker-lab-ns             # argv[0] of the holder, to recognise its pid

# The scripts of an OpenZFS lab (QEMU guests) are in openzfs/. down, reset and
# sshd hand over to them when DIR/lab.env says LAB_ZFS=openzfs; up when given
# --zfs openzfs. Call as: lab_dispatch SCRIPT "$@".
lab_dispatch() {
	local script=$1 here d='' prev=''
	shift
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	for a in "$@"; do
		[ "$prev" = --dir ] && d=$a
		prev=$a
	done
	if [ -n "$d" ] && grep -qx 'LAB_ZFS=openzfs' "$d/lab.env" 2>/dev/null; then
		exec "$here/openzfs/$script" "$@"
	fi
}

say() { printf '%s\n' "$*"; }
warn() { printf 'lab: %s\n' "$*" >&2; }
die() {
	printf 'lab: error: %s\n' "$*" >&2
	exit 1
}

lab_require_root() {
	[ "$(id -u)" -eq 0 ] || die "must run as root (it mounts, creates bridges and starts daemons)"
}

lab_require_tools() {
	local t missing=()
	for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
	[ ${#missing[@]} -eq 0 ] || die "missing tools: ${missing[*]} (apt-get install openssh-server docker.io zfs-fuse busybox-static iproute2)"
}

# Absolute path of DIR without requiring it to exist (realpath -m).
lab_abs_dir() {
	[ -n "$1" ] || die "--dir DIR is required"
	realpath -m -- "$1"
}

# Serialise up/down/reset/sshd on one DIR. Fd 9 is closed in every daemon we
# start (see lab_spawn), so the lock dies with the script that took it.
lab_lock() {
	exec 9>"$DIR/.lock"
	flock -w 600 9 || die "another lab command holds $DIR/.lock"
}

node_dir() { printf '%s/node%s' "$DIR" "$1"; }

# Node numbers present in DIR (a nodeK directory), sorted.
lab_node_numbers() {
	local d
	for d in "$DIR"/node[0-9]*; do
		[ -d "$d" ] || continue
		d=${d##*/node}
		if [[ $d =~ ^[0-9]+$ ]]; then printf '%s\n' "$d"; fi
	done | sort -n
}

# Everything about node K that is derived from its SSH port, so that two labs on
# different port bases never share a bridge, a subnet or a published-port address.
node_derive() {
	local k=$1 port=$2 nd
	nd=$(node_dir "$k")
	N_NAME=node$k
	N_DIR=$nd
	N_PORT=$port
	N_BRIDGE=flkbr$port
	N_SUBNET=10.$((port >> 8)).$((port & 255)).0/24
	N_GATEWAY=10.$((port >> 8)).$((port & 255)).1
	N_PUBLISH_IP=127.$((port >> 8)).$((port & 255)).1
	N_SOCK=$nd/docker.sock
	N_DOCKER_HOST=unix://$nd/docker.sock
}

node_write_env() {
	local k=$1 port=$2
	node_derive "$k" "$port"
	{
		printf '# written by tests/lab/up; read by down, reset, sshd\n'
		printf 'N_PORT=%q\n' "$N_PORT"
	} >"$N_DIR/node.env"
}

# Loads node K's settings; returns 1 if the node has no node.env.
node_load() {
	local k=$1 f port
	f=$(node_dir "$k")/node.env
	[ -f "$f" ] || return 1
	port=$(sed -n 's/^N_PORT=//p' "$f")
	[[ $port =~ ^[0-9]+$ ]] || die "$f: no N_PORT"
	node_derive "$k" "$port"
}

# --- processes --------------------------------------------------------------

# Prints the pid recorded in N_DIR/NAME.pid if that process is alive and is what
# we started (argv pattern; daemons must also be in the node's namespace).
node_pid() {
	local name=$1 pid pattern cmd ns
	[ -s "$N_DIR/$name.pid" ] || return 1
	pid=$(<"$N_DIR/$name.pid")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	case $name in
	holder) pattern="$LAB_HOLDER_TAG:$N_DIR " ;;
	*) pattern=$name ;;
	esac
	cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
	[[ $cmd == *"$pattern"* ]] || return 1
	if [ "$name" != holder ]; then
		ns=$(readlink "/proc/$pid/ns/mnt" 2>/dev/null) || return 1
		[ -s "$N_DIR/mntns" ] && [ "$ns" = "$(<"$N_DIR/mntns")" ] || return 1
	fi
	printf '%s\n' "$pid"
}

# The node's mount namespace, but only as seen on a live process we started:
# namespace ids are reused once a namespace dies, so a recorded id alone is not proof.
node_live_mntns() {
	local name pid
	for name in holder zfs-fuse dockerd sshd; do
		if pid=$(node_pid "$name"); then
			readlink "/proc/$pid/ns/mnt" && return 0
		fi
	done
	return 1
}

# "pid ppid mntns" for every process (no fork per process: one find, bash reads).
proc_table() {
	local p l line rest
	local -A mnt_of=()
	while read -r p l; do
		p=${p#/proc/}
		mnt_of[${p%/ns}]=$l
	done < <(find /proc/[0-9]*/ns/mnt -maxdepth 0 -printf '%h %l\n' 2>/dev/null)
	for p in "${!mnt_of[@]}"; do
		read -r line 2>/dev/null <"/proc/$p/stat" || continue
		rest=${line##*) } # comm may hold spaces and parentheses
		rest=${rest#* }   # drop the state field
		printf '%s %s %s\n' "$p" "${rest%% *}" "${mnt_of[$p]}"
	done
}

# Pids of ROOTS (space separated) and of all their descendants.
proc_tree() {
	proc_table | awk -v roots="$1" -v self="$$" '
		BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
		{ parent[$1] = $2 }
		END {
			do { changed = 0
				for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 }
			} while (changed)
			for (p in keep) if ((p in parent) && p != self) print p
		}'
}

# Pids in mount namespace NS and all their descendants (containers run in their
# own namespaces but descend from the node's containerd shims).
proc_in_ns() {
	local ns=$1 roots
	if [ -z "$ns" ] || [ "$ns" = "$(readlink /proc/1/ns/mnt)" ] || [ "$ns" = "$(readlink /proc/self/ns/mnt)" ]; then
		die "refusing to sweep mount namespace '$ns' (empty, or the host's own)"
	fi
	roots=$(proc_table | awk -v ns="$ns" '$3 == ns { printf "%s ", $1 }')
	[ -n "$roots" ] && proc_tree "$roots"
	return 0
}

# SIGTERM the pids, wait up to LAB_STOP_TIMEOUT, then SIGKILL what is left.
kill_pids() {
	local pids=("$@") p left i
	[ ${#pids[@]} -gt 0 ] || return 0
	for p in "${pids[@]}"; do
		printf 'stopping %s (%s)\n' "$p" "$(tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | cut -c1-60)"
	done
	kill -TERM "${pids[@]}" 2>/dev/null || true
	for ((i = 0; i < LAB_STOP_TIMEOUT * 10; i++)); do
		left=()
		for p in "${pids[@]}"; do [ -e "/proc/$p" ] && ! grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null && left+=("$p"); done
		[ ${#left[@]} -eq 0 ] && return 0
		sleep 0.1
	done
	warn "still alive after ${LAB_STOP_TIMEOUT}s, sending SIGKILL: ${left[*]}"
	kill -KILL "${left[@]}" 2>/dev/null || true
	sleep 0.5
}

# Starts CMD detached (own session, stdin /dev/null, output to LOG, lock fd
# closed) inside node's namespace; the pid is written to N_DIR/NAME.pid by the
# process itself before it execs, so it is right whatever setsid does.
lab_spawn_in_ns() {
	local name=$1 holder
	shift
	holder=$(node_pid holder) || die "$N_NAME: namespace holder is not running"
	rm -f "$N_DIR/$name.pid"
	printf '\n=== %s: starting %s\n' "$(date -u +%FT%TZ)" "$*" >>"$N_DIR/$name.log"
	# shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
	# -r -w: keep the holder's root and cwd; entering a mount namespace would
	# otherwise reset them to the namespace's real root (wrong under a chroot).
	setsid nsenter -t "$holder" -m -r -w -- env -i PATH="$LAB_PATH" LANG=C.UTF-8 \
		bash -c 'echo $$ >"$0"; exec "$@"' "$N_DIR/$name.pid" "$@" \
		</dev/null >>"$N_DIR/$name.log" 2>&1 9>&- &
	wait_for 10 "$N_NAME: $name to record its pid" test -s "$N_DIR/$name.pid"
}

# Runs a command inside node's mount namespace.
ns_exec() {
	local holder
	holder=$(node_pid holder) || {
		warn "$N_NAME: namespace holder is not running"
		return 1
	}
	nsenter -t "$holder" -m -r -w -- env -i PATH="$LAB_PATH" LANG=C.UTF-8 "$@"
}

node_docker() { "$LAB_DOCKER" -H "$N_DOCKER_HOST" "$@"; }

# wait_for SECONDS WHAT CMD...: retries CMD every 0.2 s; returns 1 on timeout.
wait_for() {
	local secs=$1 what=$2 end
	shift 2
	end=$((SECONDS + secs))
	until "$@" >/dev/null 2>&1; do
		if [ $SECONDS -ge $end ]; then
			warn "timed out after ${secs}s waiting for $what"
			return 1
		fi
		sleep 0.2
	done
}

log_tail() {
	local f
	for f in "$@"; do
		[ -s "$f" ] || continue
		printf -- '--- last lines of %s\n' "$f" >&2
		tail -n 15 "$f" | sed 's/^/    /' >&2
	done
}

# --- sshd -------------------------------------------------------------------

port_listening() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

node_start_sshd() {
	if node_pid sshd >/dev/null; then return 0; fi
	port_listening "$N_PORT" && die "$N_NAME: port 127.0.0.1:$N_PORT is taken by another process (ss -ltnp 'sport = :$N_PORT'); choose another --port-base"
	mkdir -p /run/sshd # privilege separation directory, shared by all sshds
	# -D: no fork, so the recorded pid is the listener; -f needs an absolute path.
	lab_spawn_in_ns sshd /usr/sbin/sshd -D -f "$N_DIR/sshd_config" -E "$N_DIR/sshd.log" || return 1
	wait_for 15 "$N_NAME: sshd to listen on 127.0.0.1:$N_PORT" port_listening "$N_PORT" || {
		log_tail "$N_DIR/sshd.log"
		return 1
	}
}

# Stops the listener and every connection it forked, like a host going away.
node_stop_sshd() {
	local pid
	pid=$(node_pid sshd) || return 0
	# shellcheck disable=SC2046
	kill_pids $(proc_tree "$pid")
	rm -f "$N_DIR/sshd.pid"
}

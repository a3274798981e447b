# shellcheck shell=bash
# bench/lib.sh: helpers shared by bench/transfer and bench/replication, sourced
# (functions and a few variables, nothing runs). They work on a lab of nodes
# (tests/lab/up) and expect these globals from the script:
#   DIR      the lab's directory (DIR/ssh_config, DIR/nodes.yaml, DIR/nodeK/*.pid)
#   RES      the results directory (logs, RES/times, RES/apps.yaml, RES/DATA.bin)
#   LAB      tests/lab
#   flocker  the flocker binary
#   DS MNT   db's dataset and its mount point on a node (tank/flocker/db.data)
#   zfs_kind zfs-fuse or openzfs (cpu_ticks)
say() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() {
	say "error: $*"
	exit 1
}

on() { # on K CMD...: runs CMD on nodeK (inside its namespace) over the lab's SSH
	local k=$1
	shift
	ssh -F "$DIR/ssh_config" "node$k" "$@"
}
# on_bash K ARGS... <SCRIPT: runs the script on stdin with bash on nodeK, each
# ARG quoted (ssh joins its arguments into one line for the remote shell).
on_bash() {
	local k=$1
	shift
	ssh -F "$DIR/ssh_config" "node$k" "bash -s --$(printf ' %q' "$@")"
}
fmt1() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Destroys DATASET on node K, retrying while zfs-fuse calls it busy (it does for
# a moment after a receive, and after a container let go of it).
destroy_gone() {
	on_bash "$1" "$2" <<'EOF'
ds=$1 out=''
for i in $(seq 1 40); do
	zfs list -H -o name "$ds" >/dev/null 2>&1 || exit 0
	out=$(zfs destroy -r "$ds" 2>&1) && exit 0
	case $out in *busy*) sleep 0.25 ;; *) echo "zfs destroy -r $ds: $out" >&2; exit 1 ;; esac
done
echo "zfs destroy -r $ds: still busy after 40 tries: $out" >&2
exit 1
EOF
}

# CPU seconds so far of node K: its zfs-fuse daemon (where ZFS work happens) and
# its sshd listener's reaped children (every SSH session, and what it ran: zfs
# send/receive CLIs, the ssh client of a direct transfer, mbuffer, pv...).
# Both are in clock ticks in /proc/PID/stat (utime stime cutime cstime).
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() {
	local k p t
	for k in 1 2; do
		t=0
		if [ "$zfs_kind" = openzfs ]; then # the whole guest
			printf '%s ' "$(awk '{ print $14 + $15 }' "/proc/$(cat "$DIR/node$k/qemu.pid")/stat")"
			continue
		fi
		for p in zfs-fuse sshd; do
			t=$((t + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$(cat "$DIR/node$k/$p.pid")/stat")))
		done
		printf '%s ' "$t"
	done
}
cpu_delta() { # BEFORE AFTER -> "node1_s node2_s"
	local -a b a
	read -ra b <<<"$1"
	read -ra a <<<"$2"
	awk -v b1="${b[0]}" -v b2="${b[1]}" -v a1="${a[0]}" -v a2="${a[1]}" -v hz="$CLK_TCK" \
		'BEGIN { printf "%.2f %.2f", (a1 - b1) / hz, (a2 - b2) / hz }'
}

# Results: one line per measurement in RES/times: ROW WALL_S RATE_S BYTES N1_CPU N2_CPU LOCAL_CPU [extra]
# (WALL_S: the command's wall time; RATE_S: the time the MB/s is computed from).
record() { printf '%s\n' "$*" >>"$RES/times"; }

# LOCAL_CPU of the last `timed` command: bash's `time` with user+sys of the
# command and its children.
timed() { # timed LOG CMD...: runs CMD, output to LOG; sets T_WALL T_CPU T_RC
	local log=$1 t0 t1 tf
	shift
	tf=$(mktemp "$RES/time.XXXXXX")
	T_RC=0
	t0=$EPOCHREALTIME
	{
		TIMEFORMAT='%U %S'
		time "$@" </dev/null >"$log" 2>&1 || T_RC=$?
	} 2>"$tf"
	t1=$EPOCHREALTIME
	T_WALL=$(elapsed "$t0" "$t1")
	T_CPU=$(awk '{ printf "%.2f", $1 + $2 }' "$tf")
	rm -f "$tf"
}

why_exit() { if [ "$1" -gt 128 ]; then printf ', killed by signal %s' "$(kill -l "$(($1 - 128))" 2>/dev/null || echo $(($1 - 128)))"; fi; }

# db's manifest: transfer MODE, deployed on NODE, running COMMAND; EXTRA: more
# of db's fields, one a line (replicas: [node2]).
write_manifest() { # MODE NODE COMMAND [EXTRA]
	local extra=''
	if [ -n "${4:-}" ]; then extra=$(printf '%s\n' "$4" | sed 's/^/    /')$'\n'; fi
	cat >"$RES/apps.yaml" <<EOF
# written by bench/$(basename "$0")
transfer: $1
applications:
  db:
    image: local/busybox:1
    command: ["sh", "-c", "$3"]
    volumes: {data: /data}
${extra}deployment:
  $2: [db]
EOF
}
SLEEPER='while true; do sleep 1; done'

# flocker apply of RES/apps.yaml; its output to LOG, each line prefixed with
# the time it came (flocker prints its progress line by line), so that the
# downtime can be split into its phases. Sets T_WALL T_CPU (flocker's user+sys) T_RC.
stamp() {
	local line
	while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done
}
apply() { # LOG
	local log=$1 t0 t1 tf fifo stamper
	tf=$(mktemp "$RES/time.XXXXXX")
	fifo=$RES/apply.fifo
	rm -f "$fifo" && mkfifo "$fifo"
	stamp <"$fifo" >"$log" &
	stamper=$!
	T_RC=0
	t0=$EPOCHREALTIME
	{
		TIMEFORMAT='%U %S'
		time "$flocker" apply --auto-approve --ssh-config "$DIR/ssh_config" "$DIR/nodes.yaml" "$RES/apps.yaml" \
			</dev/null >"$fifo" 2>&1 || T_RC=$?
	} 2>"$tf"
	t1=$EPOCHREALTIME
	wait "$stamper" || true # the log is complete once the stamping loop read the end
	rm -f "$fifo"
	T_WALL=$(elapsed "$t0" "$t1")
	T_CPU=$(awk '{ printf "%.2f", $1 + $2 }' "$tf")
	rm -f "$tf"
}
# The time stamp of the first line of LOG matching PATTERN.
stamp_of() { awk -v re="$2" '$0 ~ re { print $1; exit }' "$1"; }

# sha256 of the first N bytes of the master copy, computed once per size (in
# the main shell: sha_of runs in $(...), which could not fill the cache).
# The data kind the rows move now (use_data): its master copy ($MASTER, as
# node1 sees it), its rows' suffix ($SFX) and its full stream's size.
DATA=random SFX='' MASTER=''
declare -A SHA=() STREAM_OF=() MASTER_OF=()
sha_compute() { SHA[$DATA:$1]=$(head -c "$1" "$RES/$DATA.bin" | sha256sum | cut -d' ' -f1); }
sha_of() {
	[ -n "${SHA[$DATA:$1]:-}" ] || die "internal: no sha256 computed for $1 bytes of $DATA data"
	printf '%s' "${SHA[$DATA:$1]}"
}
use_data() { # KIND
	DATA=$1 MASTER=${MASTER_OF[$1]} STREAM_BYTES=${STREAM_OF[$1]:-}
	if [ "$1" = random ]; then SFX=''; else SFX=_$1; fi
}

# A clean lab with db deployed on node1 (transfer MODE, container COMMAND) and
# the first N bytes of the master copy in its dataset, on disk.
prepare() { # MODE COMMAND N
	local mode=$1 cmd=$2 n=$3 got want
	"$LAB/reset" --dir "$DIR" >>"$RES/lab.log" 2>&1 || die "tests/lab/reset failed; see $RES/lab.log"
	write_manifest "$mode" node1 "$cmd"
	apply "$RES/deploy.log"
	[ "$T_RC" -eq 0 ] || die "deploying db on node1 failed (exit $T_RC$(why_exit "$T_RC")): $(tail -3 "$RES/deploy.log")"
	# The blob is written from the master copy (this machine's /tmp is the
	# nodes' /tmp too); a snapshot forces a txg sync, so that no row starts
	# while zfs-fuse still writes it out.
	got=$(on_bash 1 "$MASTER" "$n" "$MNT" "$DS" <<'EOF'
set -euo pipefail
head -c "$2" "$1" >"$3/blob"
sync "$3/blob"
zfs snapshot "$4@settle" && zfs destroy "$4@settle"
sha256sum <"$3/blob" | cut -d' ' -f1
EOF
	) || die "writing the data on node1 failed"
	want=$(sha_of "$n")
	[ "$got" = "$want" ] || die "the data written on node1 has sha256 $got, not $want"
}

check_sha() { # K PATH N WHAT
	local got want
	want=$(sha_of "$3")
	got=$(on "$1" "sha256sum < '$2' | cut -d' ' -f1") || die "$4: cannot read $2 on node$1"
	[ "$got" = "$want" ] || die "$4: $2 on node$1 has sha256 $got, not $want (the data did not arrive intact)"
}

# The size of the full send stream of the dataset: the bytes every row moves.
STREAM_BYTES=''

to_b() { # "513.2 MiB" -> bytes
	awk -v v="$1" -v u="$2" 'BEGIN { m = 1; if (u == "KiB") m = 1024; if (u == "MiB") m = 1048576;
		if (u == "GiB") m = 1073741824; if (u == "TiB") m = 1099511627776; printf "%.0f", v * m }'
}
# A stream's line in flocker's output (src/apply/move.cpp, replicate.cpp), where
# S is the stream as zfs sent it (counted by dd on the source, or by flocker)
# and "sent" means uncounted:
#   pre-copy DS: S in 3.4s (direct to node2, STAGES)  | pre-copy DS: S in 3.9s (relay, STAGES[; W relayed])
#   final increment DS: ...                           | replica DS: S in 1.2s (direct to node2, STAGES)
# Prints "BYTES SECONDS" of the first line of LOG whose first words match WHAT
# (BYTES is - when uncounted), nothing when there is none.
stream_of() { # LOG WHAT (pre-copy, final, replica)
	local line
	line=$(sed -n "s/.*$2[a-z ]* [^ ]*: \\(sent\\|[0-9.]* [KMGT]*i*B\\) in \\([0-9.]*\\)s (\\(direct to node[0-9]*\\|relay\\)[,;)].*/\\1 in \\2/p" "$1" | head -1)
	[ -n "$line" ] || return 0
	set -- $line
	if [ "$1" = sent ]; then echo "- $3"; else echo "$(to_b "$1" "$2") $4"; fi
}

# (c)/(d) and the downtime rows of bench/transfer: prepare a fresh db on node1,
# move it to node2; flocker's lines:
#   pre-copy DS: ... | final increment DS: ... | db runs on node2; it was stopped for 0.62s
flocker_move() { # TRANSFER COMMAND N ROW RUN -> sets M_* (and records)
	local transfer=$1 cmd=$2 n=$3 row=$4 r=$5 log c0 c1 t_before t_after line mode=direct
	case $transfer in *relay*) mode=relay ;; esac
	log=$RES/move_${row}.$r.log
	prepare "$transfer" "$cmd" "$n"
	write_manifest "$transfer" node2 "$cmd"
	c0=$(cpu_ticks)
	t_before=$EPOCHREALTIME
	apply "$log"
	t_after=$EPOCHREALTIME
	sleep 0.3
	c1=$(cpu_ticks)
	[ "$T_RC" -eq 0 ] || die "$row: flocker apply failed (exit $T_RC$(why_exit "$T_RC")); see $log"
	grep -q "db runs on node2; it was stopped for" "$log" || die "$row: flocker did not say db runs on node2; see $log"
	if grep -q "warning:" "$log"; then say "anomaly: $row run $r: $(grep 'warning:' "$log" | head -2 | tr '\n' ' ')"; fi
	M_PRE_S='' M_PRE_B='' M_FIN_S='' M_FIN_B='' M_DOWN=''
	M_PRE_B=$STREAM_BYTES M_FIN_B=-
	for phase in pre-copy final; do
		line=$(stream_of "$log" "$phase")
		[ -n "$line" ] || continue
		local b t
		read -r b t <<<"$line"
		if [ $phase = pre-copy ]; then M_PRE_S=$t; [ "$b" = - ] || M_PRE_B=$b; else M_FIN_S=$t M_FIN_B=$b; fi
	done
	M_DOWN=$(sed -n 's/.*it was stopped for \([0-9.]*\)s.*/\1/p' "$log")
	# Phases of the downtime, from the stamps: stop + final snapshot + final
	# increment; then verify, hand-off, docker run on node2.
	local ts tf tr
	ts=$(stamp_of "$log" "stopping flocker--db on node1")
	tf=$(stamp_of "$log" "final increment .* in [0-9.]+s [(](direct|relay)")
	tr=$(stamp_of "$log" "db runs on node2")
	M_PH1=n/a M_PH2=n/a
	if [ -n "$ts" ] && [ -n "$tf" ] && [ -n "$tr" ]; then M_PH1=$(elapsed "$ts" "$tf") M_PH2=$(elapsed "$tf" "$tr"); fi
	[ -n "$M_PRE_S" ] && [ -n "$M_FIN_S" ] && [ -n "$M_DOWN" ] ||
		die "$row: cannot read the pre-copy/final increment/downtime lines in $log"
	# The data arrived, the application runs there and not on node1.
	check_sha 2 "$MNT/blob" "$n" "$row"
	[ "$(on 2 docker inspect -f '{{.State.Running}}' flocker--db 2>/dev/null)" = true ] ||
		die "$row: flocker--db does not run on node2"
	if on 1 docker inspect flocker--db >/dev/null 2>&1; then die "$row: flocker--db still exists on node1"; fi
	M_WALL=$T_WALL M_CPU=$T_CPU M_T0=$t_before M_T1=$t_after M_CPUN=$(cpu_delta "$c0" "$c1")
}

stat_of() { # ROW COL -> "median min n"
	awk -v row="$1" -v c="$2" '$1 == row && $(c + 1) != "n/a" && $(c + 1) != "-" { v[n++] = $(c + 1) }
		END { if (!n) { print "n/a n/a 0"; exit }
			for (i = 1; i < n; i++) for (j = i; j > 0 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
			m = (n % 2) ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
			printf "%.3f %.3f %d\n", m, v[0], n }' "$RES/times"
}

#!/usr/bin/env bash
# Replicas: an application with two replicas on a 3-node lab. Each replica
# holds the live copy's data at its snapshot; `flocker replicate --every 5s`
# keeps them within max_lag under a steady writer (the lag is sampled and
# printed), goes on while a replica's node is down and catches it up after;
# a standby written by hand is refused, never rolled back; and a move to a
# replica sends only what was written since its last refresh.
. "$(dirname "$0")/lib.sh"
[ "$LAB_NODE_COUNT" -ge 3 ] || { log "skipped: needs 3 nodes"; exit 77; }
reset_lab
loop_pid=''
trap '[ -n "$loop_pid" ] && kill "$loop_pid" 2>/dev/null; "$REPO/tests/lab/sshd" --dir "$LAB_DIR" start node3 >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# db appends 1 MiB a second to /data/log (and keeps a first file, seed).
deploy_db_on() {  # node replica...
  local node=$1; shift
  write_apps <<YAML
applications:
  db:
    image: local/busybox:1
    command: sh -c 'head -c 8388608 /dev/urandom > /data/seed; while true; do head -c 1048576 /dev/urandom >> /data/log; sleep 1; done'
    volumes: {data: /data}
    replicas: [$(IFS=,; echo "$*")]
    max_lag: 20s
deployment:
  $node: [db]
YAML
}

# md5 of the files of a snapshot of db's volume on a node, read through a clone
# (a fresh mount: zfs-fuse may serve a received copy's old pages).
snapshot_sums() {  # node snapshot
  on "$1" "zfs clone tank/flocker/db.data@$2 tank/flocker-check >/dev/null &&
    (cd /tank/flocker-check && md5sum seed log); status=\$?;
    for i in 1 2 3 4 5 6 7 8 9 10; do zfs destroy tank/flocker-check 2>/dev/null && break; sleep 0.3; done; exit \$status"
}
newest_snapshot() { on "$1" 'zfs list -H -t snapshot -o name -s createtxg -r tank/flocker/db.data | tail -1 | cut -d@ -f2'; }

deploy_db_on node1 node2 node3
run_flocker plan $(manifest)
expect_out "+ replicate db node1 → node2"
expect_out "+ replicate db node1 → node3"
expect_out "2 replicas to replicate."
run_flocker apply --auto-approve $(manifest)
expect_status 0
sleep 3
# A pass right now finds both within their bound (a replica is due at half of max_lag).
run_flocker replicate --all $(manifest)
expect_status 0
expect_out "db node1 → node2: done"
expect_out "db node1 → node3: done"
expect_out "Replicas: 2 within max_lag, 0 not."
for node in node2 node3; do
  snap=$(newest_snapshot "$node")
  [ -n "$snap" ] || fail "no snapshot on $node"
  expect_eq "$(snapshot_sums "$node" "$snap")" "$(snapshot_sums node1 "$snap")" "$node's replica equals node1's data at @$snap"
  expect_eq "$(zfs_prop "$node" readonly tank/flocker/db.data)" on "$node's replica is read-only"
  expect_eq "$(zfs_prop "$node" flocker:owner tank/flocker/db.data)" node1 "$node's replica names node1 as owner"
done
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# The loop, a minute under 1 MiB/s of writes; node3's sshd is stopped for 15 s in the middle.
"$FLOCKER" replicate --every 5s --metrics-file "$WORK/flocker.prom" $(manifest) >"$WORK/loop.out" 2>"$WORK/loop.err" &
loop_pid=$!
max_lag2=0 max_lag3=0 samples=''
cp "$WORK/apps.yaml" "$WORK/sampled.yaml"  # status reads this copy: the loop's file gets a broken edit
for i in $(seq 12); do
  sleep 5
  # A broken edit of the manifest is reported and the last good one kept; the fix is read again.
  if [ "$i" -eq 2 ]; then cp "$WORK/apps.yaml" "$WORK/apps.good"; sed -i 's/max_lag: 20s/max_lag: soon/' "$WORK/apps.yaml"; fi
  if [ "$i" -eq 3 ]; then cp "$WORK/apps.good" "$WORK/apps.yaml"; fi
  if [ "$i" -eq 5 ]; then "$REPO/tests/lab/sshd" --dir "$LAB_DIR" stop node3 >/dev/null; log "node3's sshd stopped"; fi
  if [ "$i" -eq 8 ]; then "$REPO/tests/lab/sshd" --dir "$LAB_DIR" start node3 >/dev/null; log "node3's sshd started"; fi
  "$FLOCKER" status --json "$LAB_DIR/nodes.yaml" "$WORK/sampled.yaml" >"$WORK/status.json" 2>/dev/null || true
  lag2=$(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1]))["replicas"] if x["node"]=="node2"]; print(r[0]["lag_seconds"] if r and r[0]["lag_seconds"] is not None else -1)' "$WORK/status.json")
  lag3=$(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1]))["replicas"] if x["node"]=="node3"]; print(r[0]["lag_seconds"] if r and r[0]["lag_seconds"] is not None else -1)' "$WORK/status.json")
  samples="$samples $((i * 5))s:node2=${lag2}s,node3=${lag3}s"
  [ "$lag2" -ge 0 ] && [ "$lag2" -le 20 ] || fail "sample $i: node2's lag ${lag2}s is not within max_lag 20s"
  [ "$lag2" -gt "$max_lag2" ] && max_lag2=$lag2
  # node3 is unknown while down (status cannot reach it); once back it must be within its bound again.
  if [ "$i" -le 4 ] || [ "$i" -ge 11 ]; then
    [ "$lag3" -ge 0 ] && [ "$lag3" -le 20 ] || fail "sample $i: node3's lag ${lag3}s is not within max_lag 20s"
    [ "$lag3" -gt "$max_lag3" ] && max_lag3=$lag3
  fi
done
log "lag samples (max_lag 20s):$samples"
log "largest lag seen: node2 ${max_lag2}s, node3 ${max_lag3}s (outside node3's outage)"
kill -TERM "$loop_pid"
set +e; wait "$loop_pid"; loop_status=$?; set -e
loop_pid=''
expect_eq "$loop_status" 0 "the loop exits 0 when stopped with SIGTERM"
grep -qF "stopped as asked" "$WORK/loop.out" || fail "the loop did not say it stopped"
grep -qF "node node3 is skipped" "$WORK/loop.out" || fail "the loop did not say node3 was down"
grep -qF "db node1 → node2: done" "$WORK/loop.out" || fail "the loop did not refresh node2"
grep -qF "the manifest has errors: the last good one is used" "$WORK/loop.out" || fail "the loop did not report the broken edit"
grep -qF "apps.yaml:" "$WORK/loop.err" || fail "the loop did not say where the manifest is wrong: $(head -c 400 "$WORK/loop.err")"
grep -qF "the manifest changed: read again" "$WORK/loop.out" || fail "the loop did not read the fixed manifest"
grep -qE '^flocker_replica_lag_seconds\{app="db",volume="data",node="node2"\} [0-9]+$' "$WORK/flocker.prom" \
  || fail "the metrics file lacks node2's lag: $(head -c 600 "$WORK/flocker.prom")"
grep -qE '^flocker_node_up\{node="node3"\} 1$' "$WORK/flocker.prom" || fail "the metrics file does not show node3 up again"
sends=$(grep -c "db node1 → node2: done" "$WORK/loop.out")
log "the loop refreshed node2 $sends times in a minute"
# Snapshots: each replica keeps its newest in common; node1 keeps those (at most one per replica).
for node in node1 node2 node3; do
  count=$(on "$node" 'zfs list -H -t snapshot -o name -r tank/flocker/db.data | wc -l')
  log "$node holds $count snapshot(s) of db"
  [ "$count" -le 2 ] || fail "$node keeps $count snapshots: older ones were not pruned"
done

# A standby written by hand (a snapshot of its own) is refused, with both sides' snapshots, and left alone.
on node3 'zfs snapshot tank/flocker/db.data@mine'
run_flocker replicate --all $(manifest)
expect_status 3
expect_out "the copy on node3 has diverged"
expect_out ", mine"
expect_out "db node1 → node2: done"
expect_eq "$(on node3 'zfs list -H -o name tank/flocker/db.data@mine')" "tank/flocker/db.data@mine" "node3's own snapshot is kept"
run_flocker status --check $(manifest)
expect_status 3
expect_err "node3"
on node3 'zfs destroy tank/flocker/db.data@mine'

# Two passes at once, with both replicas due: each replica is sent once; the
# other pass finds its node locked, or the replica refreshed, and says so.
sleep 11
"$FLOCKER" replicate $(manifest) >"$WORK/pass1.out" 2>&1 &
first=$!
"$FLOCKER" replicate $(manifest) >"$WORK/pass2.out" 2>&1 || true
wait "$first" || true
for node in node2 node3; do
  sent=$(cat "$WORK/pass1.out" "$WORK/pass2.out" | grep -c "db node1 → $node: done" || true)
  expect_eq "$sent" 1 "two passes at once refreshed $node once"
done
grep -qE "skipped: (no longer due|.*locked)" "$WORK/pass1.out" "$WORK/pass2.out" \
  || fail "neither pass said what it skipped: $(cat "$WORK/pass1.out" "$WORK/pass2.out")"

# A move to a replica: refreshed just before, it sends only the last seconds of writes.
run_flocker replicate --all $(manifest)
expect_status 0
total_kib=$(on node1 'du -sk /tank/flocker/db.data | cut -f1')
deploy_db_on node2 node1 node3
run_flocker plan $(manifest)
expect_out "> move db node1 → node2"
expect_out "incremental from @flocker-"
run_flocker apply --auto-approve $(manifest)
expect_status 0
sent=$(moved_kib 'pre-copy tank/flocker/db.data: .* in [0-9.]+s')
final=$(moved_kib 'final increment tank/flocker/db.data: .* in [0-9.]+s')
log "the move sent ${sent:-?} KiB before the stop and ${final:-?} KiB after it, of ${total_kib} KiB of data; $(grep -o 'it was stopped for [0-9.]*s' "$WORK/out")"
[ -n "$sent" ] && [ "$sent" -lt $((total_kib / 4)) ] || fail "the move to a replica sent ${sent:-?} KiB of ${total_kib} KiB: not just the increment"
expect_eq "$(container_running node2 flocker--db)" true "db runs on node2"
# node1, which it left, is one of its replicas now: fresh, no step; node3 follows node2.
run_flocker plan $(manifest)
if grep -qF "+ replicate db node2 → node1" "$WORK/out"; then fail "node1 is sent whole again"; fi
run_flocker replicate --all $(manifest)
expect_status 0
expect_out "db node2 → node3: done"
expect_out "Replicas: 2 within max_lag, 0 not."

# transfer.bandwidth caps a replica's stream too: 6 MiB at 1 MiB/s takes at
# least 4 s. (Capped below the writer's pace, the replicas may end the pass
# past max_lag: exit 3 is then the truth.)
sed -i '1i transfer: {bandwidth: 1M}' "$WORK/apps.yaml"
on node2 'head -c 6M /dev/urandom > /tank/flocker/db.data/burst'
run_flocker replicate --all $(manifest)
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || fail "replicate at 1 MiB/s exited $status"
expect_out "at most 1.0 MiB/s"
seconds=$(grep -oE 'replica tank/flocker/db.data: [0-9.]+ [KM]iB in [0-9.]+s' "$WORK/out" | head -1 | grep -oE '[0-9.]+s$' | tr -d s)
log "a 6 MiB refresh at transfer.bandwidth 1M took ${seconds:-?} s"
awk -v s="${seconds:-0}" 'BEGIN { exit !(s >= 4) }' || fail "the refresh took ${seconds:-?} s: not limited to 1 MiB/s"
finish

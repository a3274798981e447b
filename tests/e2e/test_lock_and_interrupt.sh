#!/usr/bin/env bash
# Two applies at once: the second fails naming the holder, or waits and then
# refuses a plan that is no longer true; no step runs twice. Ctrl-C: the
# running step finishes, the rest is left for the next apply, locks are freed.
# SIGTERM: a pre-copy is cut at once. After every stop, each application has
# one live copy holding its data, and the next apply converges.
. "$(dirname "$0")/lib.sh"
reset_lab

deploy_on() {
  write_apps <<YAML
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    volumes: {www: /www}
  db:
    image: local/busybox:1
    command: sleep 100000
    volumes: {data: /data}
deployment:
  $1: [web, db]
YAML
}
dataset_of() { [ "$1" = web ] && echo tank/flocker/web.www || echo tank/flocker/db.data; }
# The nodes whose copy of DATASET is owned by themselves (live copies).
live_nodes() {
  local k live=""
  for k in $(seq 1 "$LAB_NODE_COUNT"); do
    [ "$(zfs_prop "node$k" flocker:owner "$1")" = "node$k" ] && live="$live node$k"
  done
  echo "${live# }"
}
# What an interrupted apply must leave: per application one live copy, on the
# node that runs it, holding exactly the data it had; other copies read-only.
sums() { local app; for app in web db; do on "$1" "md5sum /$(dataset_of $app)/big"; done; }
expect_intact() {  # "CONTEXT" SUMS
  local app ds live k
  for app in web db; do
    ds=$(dataset_of "$app")
    live=$(live_nodes "$ds")
    expect_eq "$(wc -w <<<"$live" | tr -d ' ')" 1 "$1: one live copy of $ds (live on: $live)"
    [ -n "$live" ] || continue
    expect_eq "$(container_running "${live%% *}" "flocker--$app")" true "$1: $app runs where its live copy is"
    expect_eq "$(on "${live%% *}" "md5sum /$ds/big")" "$(grep " /$ds/big" <<<"$2")" "$1: $app's data intact"
    for k in $(seq 1 "$LAB_NODE_COUNT"); do
      [ "node$k" = "${live%% *}" ] && continue
      [ "$(zfs_prop "node$k" name "$ds")" = absent ] && continue
      # By writing: zfs-fuse reports a read-only standby as "readonly off (temporary)".
      on "node$k" "touch /$ds/.probe" 2>/dev/null && fail "$1: the standby of $ds on node$k is writable"
    done
  done
}
# Starts an apply in the background; interrupts it with SIGNAL once its output
# has a line matching PATTERN; leaves its exit code in $status, output in $WORK/out.
apply_interrupted() {  # SIGNAL PATTERN [flocker args]
  local signal=$1 pattern=$2 pid
  shift 2
  "$FLOCKER" apply --auto-approve "$@" $(manifest) >"$WORK/out" 2>"$WORK/err" &
  pid=$!
  for _ in $(seq 600); do grep -q -- "$pattern" "$WORK/out" 2>/dev/null && break; sleep 0.05; done
  grep -q -- "$pattern" "$WORK/out" || log "note: no line matched '$pattern' before the signal"
  kill "-$signal" "$pid"
  wait "$pid" && status=0 || status=$?
  log "flocker apply interrupted by SIG$signal after '$pattern' -> exit $status"
}

deploy_on node1
run_flocker apply --auto-approve $(manifest)
expect_status 0
on node1 'head -c 150M /dev/urandom > /tank/flocker/web.www/big; head -c 150M /dev/urandom > /tank/flocker/db.data/big'
data=$(sums node1)

# A moves both applications; B starts while A holds the locks.
deploy_on node2
"$FLOCKER" apply --auto-approve $(manifest) >"$WORK/a.out" 2>"$WORK/a.err" &
a_pid=$!
for _ in $(seq 50); do grep -q "pre-copy\|stopping" "$WORK/a.out" 2>/dev/null && break; sleep 0.1; done
run_flocker apply --auto-approve $(manifest)
expect_status 1
expect_err "is locked by another flocker:"
expect_err "pid $a_pid"
run_flocker apply --auto-approve --lock-timeout 120 $(manifest)
b_status=$status
wait "$a_pid" && a_status=0 || a_status=$?
expect_eq "$a_status" 0 "the first apply succeeded"
expect_eq "$b_status" 1 "the waiting apply refused"
expect_err "the nodes changed after the plan was made, so nothing was changed"
expect_eq "$(grep -c 'move web node1 → node2 (local/busybox:1): done' "$WORK/a.out")" 1 "web moved once"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0
run_flocker status $(manifest)
grep -q "locked by" "$WORK/out" && fail "a lock was left behind"

# Ctrl-C during the first of two moves (they share nodes, so they run one after the other).
deploy_on node1
"$FLOCKER" apply --auto-approve $(manifest) >"$WORK/c.out" 2>"$WORK/c.err" &
c_pid=$!
for _ in $(seq 100); do grep -q "pre-copy\|stopping" "$WORK/c.out" 2>/dev/null && break; sleep 0.05; done
kill -INT "$c_pid"
wait "$c_pid" && c_status=0 || c_status=$?
cp "$WORK/c.out" "$WORK/out"; cp "$WORK/c.err" "$WORK/err"
expect_eq "$c_status" 130 "interrupted apply exits 130"
expect_err "Interrupted: no new step will start"
expect_err "Apply interrupted: 1 of 2 steps done, 0 failed, 1 not started."
expect_out "not started (interrupted)"
# Exactly one application moved, whole; the other is untouched and running on node2.
moved=$(grep -o 'move [a-z]* node2 → node1 (local/busybox:1): done' "$WORK/c.out" | awk '{print $2}')
other=$([ "$moved" = web ] && echo db || echo web)
expect_eq "$(container_running node1 "flocker--$moved")" true "$moved finished its move"
expect_eq "$(container_running node2 "flocker--$other")" true "$other still runs on node2"
expect_eq "$(zfs_prop node2 flocker:owner "tank/flocker/$other.$([ "$other" = web ] && echo www || echo data)")" node2 "one owner for $other"
expect_intact "Ctrl-C in a pre-copy" "$data"
run_flocker status $(manifest)
grep -q "locked by" "$WORK/out" && fail "a lock was left behind after Ctrl-C"
run_flocker plan $(manifest)
expect_out "> move $other node2 → node1"
run_flocker apply --auto-approve $(manifest)
expect_status 0
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# Ctrl-C while waiting for a lock: node1's lock (taken first) is released,
# nothing is changed, exit 130.
before1=$(node_state node1); before2=$(node_state node2)
on node2 'zfs create -o canmount=off -o "flocker:lock=a test holding node2" tank/flocker/lock'
deploy_on node2
"$FLOCKER" apply --auto-approve --lock-timeout 300 $(manifest) >"$WORK/d.out" 2>"$WORK/d.err" &
d_pid=$!
for _ in $(seq 100); do grep -q "Plan:" "$WORK/d.out" 2>/dev/null && break; sleep 0.1; done
sleep 1
kill -INT "$d_pid"
wait "$d_pid" && d_status=0 || d_status=$?
cp "$WORK/d.out" "$WORK/out"; cp "$WORK/d.err" "$WORK/err"
expect_eq "$d_status" 130 "interrupted lock wait exits 130"
expect_err "interrupted while waiting for the lock on node node2"
expect_eq "$(zfs_prop node1 name tank/flocker/lock)" absent "node1's lock released"
expect_eq "$(zfs_prop node2 flocker:lock tank/flocker/lock)" "a test holding node2" "the other holder's lock untouched"
expect_eq "$(node_state node1)" "$before1" "node1 unchanged"
run_flocker force-unlock node2 $(manifest)
expect_status 0
expect_eq "$(node_state node2)" "$before2" "node2 as before"

# Ctrl-C once the first move has stopped its container (the downtime part):
# that move still completes, whole; the second never starts. --json: the
# summary says so too.
"$FLOCKER" apply --auto-approve --json $(manifest) >"$WORK/e.out" 2>"$WORK/e.err" &
e_pid=$!
for _ in $(seq 200); do grep -q '"message":"stopping' "$WORK/e.out" 2>/dev/null && break; sleep 0.05; done
kill -INT "$e_pid"
wait "$e_pid" && e_status=0 || e_status=$?
cp "$WORK/e.out" "$WORK/out"; cp "$WORK/e.err" "$WORK/err"
expect_eq "$e_status" 130 "interrupted during the downtime: exit 130"
"$REPO/tests/check_json.py" --lines apply-event.schema.json "$WORK/out" || fail "apply --json output does not match its schema"
expect_out '"type":"step_skipped"'
expect_out '"reason":"interrupted"'
expect_eq "$(tail -1 "$WORK/out" | grep '"exit_code":130' | grep -c '"outcome":"interrupted"')" 1 "summary: interrupted, 130"
moved=$(grep '"type":"step_done"' "$WORK/out" | grep -o '"description":"move [a-z]*' | sed 's/.*move //' || true)
[ -n "$moved" ] || fail "no move finished"
other=$([ "$moved" = web ] && echo db || echo web)
expect_eq "$(container_running node2 "flocker--$moved")" true "$moved finished its move though Ctrl-C came during it"
expect_eq "$(container_running node1 "flocker--$other")" true "$other still runs on node1"
expect_intact "Ctrl-C in the downtime" "$data"
run_flocker apply --auto-approve $(manifest)
expect_status 0
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# Ctrl-C once a move's final increment has arrived, that is in its hand-off:
# the hand-off completes whole (never half), the other move does not start.
deploy_on node1
apply_interrupted INT "final increment"
expect_eq "$status" 130 "interrupted in the hand-off: exit 130"
expect_err "Apply interrupted: 1 of 2 steps done, 0 failed, 1 not started."
expect_intact "Ctrl-C in the hand-off" "$data"
run_flocker status $(manifest)
grep -q "locked by" "$WORK/out" && fail "a lock was left behind after Ctrl-C in the hand-off"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_intact "the apply after" "$data"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# SIGTERM (a CI job cancelled, a kill to follow) during a pre-copy: the
# stream is cut at once, both applications run on where they were, the locks
# are released, exit 143; the next apply moves them.
# db, which moves first, gets 150 MiB to send; the signal comes with the
# first progress line of its stream (the lines that end in a rate, "…/s").
on node1 'head -c 150M /dev/urandom > /tank/flocker/db.data/big'
data=$(sums node1)
deploy_on node2
apply_interrupted TERM '/s$'
expect_eq "$status" 143 "stopped by SIGTERM in a pre-copy: exit 143"
# Cut mid-stream, or (dd reports once a second) stopped right after the
# stream, before the downtime: either way db was never stopped.
grep -qE "was cut on request|stopped as asked after the pre-copy" "$WORK/err" || fail "the pre-copy of db was not stopped"
expect_intact "SIGTERM in a pre-copy" "$data"
expect_eq "$(container_running node1 flocker--web)" true "web runs on node1"
expect_eq "$(container_running node1 flocker--db)" true "db runs on node1"
run_flocker status $(manifest)
grep -q "locked by" "$WORK/out" && fail "a lock was left behind after SIGTERM"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_intact "the apply after SIGTERM" "$data"
expect_eq "$(container_running node2 flocker--web)" true "web moved to node2 after all"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0
finish

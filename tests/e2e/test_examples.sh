#!/usr/bin/env bash
# The quickstart and stateful-move examples work as their comments say, on the
# lab (whose SSH config names its nodes node1, node2, … as the examples do).
# examples/compose, examples/flocker0 and examples/replicas are not run here:
# the unit test Examples.EveryExampleIsValid parses every example set, these
# three included (examples/replicas' systemd units are not manifests).
. "$(dirname "$0")/lib.sh"
reset_lab
EX=$REPO/examples

log "quickstart"
run_flocker apply --auto-approve "$EX/quickstart/flocker.yaml"
expect_status 0
on node1 'echo hello > /tank/flocker/web.www/index.html'
expect_eq "$(on node1 docker exec flocker--web wget -qO- http://127.0.0.1:8080/index.html)" hello "web serves its dataset"
sleep 1
on node2 'test -s /tank/flocker/journal.data/journal.log' || fail "the journal writes to its dataset"
run_flocker plan --detailed-exitcode "$EX/quickstart/flocker.yaml"
expect_status 0

reset_lab
log "stateful-move"
stateful() { echo "$EX/stateful-move/app.yaml" "$EX/stateful-move/$1.yaml"; }
run_flocker apply --auto-approve $(stateful on-node1)
expect_status 0
sleep 3
run_flocker plan $(stateful on-node2)
expect_out "> move guestbook node1 → node2 (local/busybox:1)"
run_flocker apply --auto-approve $(stateful on-node2)
expect_status 0
expect_eq "$(container_running node2 flocker--guestbook)" true "guestbook runs on node2"
expect_eq "$(container_running node1 flocker--guestbook)" absent "and no longer on node1"
signed=$(on node2 docker exec flocker--guestbook wget -qO- http://127.0.0.1:8080/book.txt | wc -l)
[ "$signed" -ge 2 ] || fail "the book kept its signatures from node1 (has $signed lines)"
# zfs-fuse reports readonly "off (temporary)" on a standby; writing tells the truth.
on node1 'touch /tank/flocker/guestbook.data/written' 2>/dev/null && fail "node1's standby copy is writable"
run_flocker apply --auto-approve $(stateful on-node1)
expect_status 0
expect_out "incremental from @flocker-"
expect_eq "$(container_running node1 flocker--guestbook)" true "moved back to node1"
run_flocker plan --detailed-exitcode $(stateful on-node1)
expect_status 0
finish

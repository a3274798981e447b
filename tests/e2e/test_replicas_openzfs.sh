#!/usr/bin/env bash
# Replicas on OpenZFS nodes (runs on the OpenZFS lab, skipped on zfs-fuse;
# test_replicas covers 3 zfs-fuse nodes): a replica made and refreshed, the
# bytes the live copy wrote since (written@) in status, a refresh cut
# mid-stream and resumed from its token by the next pass (sending less than
# the whole), holds released, and a move to the replica that sends only the
# increment.
. "$(dirname "$0")/lib.sh"
only_on openzfs
reset_lab

write_apps <<YAML
transfer: relay
applications:
  db:
    image: local/busybox:1
    command: sleep 100000
    volumes: {data: /data}
    replicas: [node2]
    max_lag: 10m
deployment:
  node1: [db]
YAML
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "replicate db node1 → node2"
expect_eq "$(zfs_prop node2 readonly tank/flocker/db.data)" on "the replica is read-only"

# Written since the replica's snapshot: status counts it (written@ on OpenZFS).
# (zpool sync: ZFS counts what a synced transaction group holds.)
on node1 'head -c 12M /dev/urandom > /tank/flocker/db.data/a && zpool sync tank'
run_flocker status --json $(manifest)
unreplicated=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["replicas"][0]["unreplicated_bytes"])' "$WORK/out")
[ "$unreplicated" -ge $((12 * 1048576)) ] || fail "status counts ${unreplicated} bytes not replicated, not the 12 MiB written"

# A refresh cut mid-stream: the replica keeps a resume token, the live copy is untouched.
cut() {
  on node2 "for i in \$(seq 1200); do
      p=\$(pgrep -f '^zfs receive -s .* tank/flocker/db.data\$' | head -1)
      if [ -n \"\$p\" ]; then
        r=\$(awk '/^rchar/{print \$2}' /proc/\$p/io 2>/dev/null)
        if [ \"\${r:-0}\" -gt $((4 * 1048576)) ]; then kill \$p && echo \"cut after \$r bytes\" && exit 0; fi
      fi
      sleep 0.1
    done; echo 'no receive to cut'; exit 1" >"$WORK/cut" 2>&1
}
cut &
cutter=$!
run_flocker replicate --all $(manifest)
wait "$cutter" || fail "$(cat "$WORK/cut")"
log "$(cat "$WORK/cut")"
# The replica, at its previous snapshot, is still within max_lag: the pass exits 0, saying what failed.
expect_status 0
expect_out "db node1 → node2: failed: replicating db to node2"
expect_out "a cut stream resumes next time"
token=$(zfs_prop node2 receive_resume_token tank/flocker/db.data)
[ "$token" != "-" ] && [ "$token" != absent ] || fail "no resume token on node2 after the cut"
expect_eq "$(container_running node1 flocker--db)" true "db runs on"

# The next pass resumes: less than the whole 12 MiB travels again.
run_flocker replicate --all $(manifest)
expect_status 0
expect_out "resuming the interrupted transfer to tank/flocker/db.data on node2"
resumed=$(moved_kib 'resume tank/flocker/db.data: .* in [0-9.]+s')
log "the resume sent ${resumed:-?} KiB"
[ -n "$resumed" ] && [ "$resumed" -lt $((12 * 1024)) ] || fail "the resume sent ${resumed:-?} KiB, not only the rest"
expect_eq "$(zfs_prop node2 receive_resume_token tank/flocker/db.data)" - "the token is gone"
for node in node1 node2; do
  held=$(on "$node" 'zfs list -H -t snapshot -o name -r tank/flocker/db.data | xargs -r zfs holds -H | grep -c flocker-move || true')
  expect_eq "$held" 0 "no hold left on $node"
done
# The replica's newest snapshot holds what the live copy held then (read through clones).
snap=$(on node2 'zfs list -H -t snapshot -o name -s createtxg -r tank/flocker/db.data | tail -1 | cut -d@ -f2')
sums() { on "$1" "zfs clone tank/flocker/db.data@$snap tank/flocker-check && md5sum < /tank/flocker-check/a; zfs destroy tank/flocker-check"; }
expect_eq "$(sums node2)" "$(sums node1)" "the replica at @$snap equals the live copy at @$snap"

# A move to the replica sends only what was written since the refresh.
on node1 'head -c 1M /dev/urandom > /tank/flocker/db.data/b'
sed -i 's/node1: \[db\]/node2: [db]/; s/replicas: \[node2\]/replicas: [node1]/' "$WORK/apps.yaml"
run_flocker apply --auto-approve $(manifest)
expect_status 0
sent=$(moved_kib 'pre-copy tank/flocker/db.data: .* in [0-9.]+s')
log "the move to the replica relayed ${sent:-?} KiB before the stop; $(grep -o 'it was stopped for [0-9.]*s' "$WORK/out")"
[ -n "$sent" ] && [ "$sent" -lt 8192 ] || fail "the move to the replica sent ${sent:-?} KiB, not the 1 MiB increment"
expect_eq "$(container_running node2 flocker--db)" true "db runs on node2"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0
finish

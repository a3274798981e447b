#!/usr/bin/env bash
# Deploy two applications with volumes, check with docker and zfs directly
# that they run where the manifest says, then apply again: nothing to do.
. "$(dirname "$0")/lib.sh"
reset_lab

write_apps <<'YAML'
version: 1
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    volumes:
      www: /www
  notes:
    image: local/busybox:1
    command: httpd -f -p 8081 -h /srv
    environment:
      MOTD: "it's $HOME; `not` run"
    volumes:
      srv: /srv
      logs: /var/log/notes
deployment:
  node1: [web]
  node2: [notes]
YAML
# A third node (the zfs-fuse lab has one) gets nothing.
if [ "$LAB_NODE_COUNT" -ge 3 ]; then echo "  node3: []" >>"$WORK/apps.yaml"; fi

run_flocker plan --detailed-exitcode $(manifest)
expect_status 2
expect_out "+ create dataset tank/flocker/web.www"
expect_out "+ run container flocker--notes (local/busybox:1)"
expect_out "Plan: $((LAB_NODE_COUNT + 5)) to add, 0 to change, 0 to replace, 0 to move, 0 to remove."

run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "Apply complete: $((LAB_NODE_COUNT + 5)) steps done."

# Where things are, seen by docker and zfs on each node.
expect_eq "$(container_running node1 flocker--web)" true "web runs on node1"
expect_eq "$(container_running node2 flocker--notes)" true "notes runs on node2"
expect_eq "$(container_running node2 flocker--web)" absent "web is not on node2"
if [ "$LAB_NODE_COUNT" -ge 3 ]; then
  expect_eq "$(container_running node3 flocker--web)" absent "web is not on node3"
  expect_eq "$(on node3 zfs list -H -o name -r tank/flocker)" tank/flocker "node3 has only the root"
fi
expect_eq "$(container_running node1 flocker--notes)" absent "notes is not on node1"
expect_eq "$(zfs_prop node1 flocker:owner tank/flocker/web.www)" node1 "web's dataset belongs to node1"
expect_eq "$(zfs_prop node1 mounted tank/flocker/web.www)" yes "web's dataset is mounted"
expect_eq "$(zfs_prop node2 flocker:owner tank/flocker/notes.logs)" node2 "notes' second dataset is on node2"
expect_eq "$(zfs_prop node2 flocker:owner tank/flocker/web.www)" absent "no web dataset on node2"

# The dataset is what the container serves: write on the node, read through httpd.
on node1 'echo "hello from zfs" > /tank/flocker/web.www/index.html' || fail "cannot write into web's dataset on node1"
expect_eq "$(on node1 docker exec flocker--web wget -qO- http://127.0.0.1:8080/index.html)" "hello from zfs" "httpd serves the dataset"
# The second volume is its own dataset: what the container writes there lands in it.
on node2 docker exec flocker--notes sh -c 'echo probe > /var/log/notes/probe' || fail "cannot write through notes' second volume"
expect_eq "$(on node2 cat /tank/flocker/notes.logs/probe)" probe "second volume is the notes.logs dataset"
# A value with quotes, $ and backticks arrived intact.
expect_eq "$(on node2 docker exec flocker--notes sh -c 'echo "$MOTD"' )" 'it'"'"'s $HOME; `not` run' "environment passed verbatim"
expect_eq "$(on node1 docker inspect --format '{{index .Config.Labels "flocker.app"}}' flocker--web)" web "label"

# Converged: a second apply has nothing to do and exits 0.
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "No changes."
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

run_flocker status $(manifest)
expect_status 0
expect_out "web          node1  running"
expect_out "tank/flocker/web.www"

run_flocker status --json $(manifest)
expect_status 0
LAB_ZFS=$LAB_ZFS python3 - "$WORK/out" <<'PY' || fail "status --json does not describe the cluster"
import json, os, sys
status = json.load(open(sys.argv[1]))
apps = {a["name"]: a for a in status["applications"]}
assert apps["web"]["node"] == "node1" and apps["web"]["state"] == "running", apps
assert all(n["status"] == "ok" and n["zfs"]["flavour"] == os.environ["LAB_ZFS"] for n in status["nodes"]), status["nodes"]
assert {d["name"] for d in status["datasets"]} == {"tank/flocker/web.www", "tank/flocker/notes.srv", "tank/flocker/notes.logs"}
PY
finish

#!/usr/bin/env bash
# One node's sshd is down: plan and apply fail before changing anything,
# naming the node and the SSH error. Once it is back, apply converges.
. "$(dirname "$0")/lib.sh"
reset_lab
trap '"$REPO/tests/lab/sshd" --dir "$LAB_DIR" start node3 >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

write_apps <<'YAML'
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    volumes: {www: /www}
  cache:
    image: local/busybox:1
    command: sleep 100000
deployment:
  node1: [web]
  node3: [cache]
YAML
before1=$(node_state node1); before2=$(node_state node2)
"$REPO/tests/lab/sshd" --dir "$LAB_DIR" stop node3 >/dev/null

run_flocker plan $(manifest)
expect_status 1
expect_err "node3: cannot connect to node node3 (127.0.0.1:"
expect_err "Connection refused"
expect_err "nothing was changed"

run_flocker apply --auto-approve $(manifest)
expect_status 1
expect_err "node3: cannot connect to node node3"
expect_eq "$(node_state node1)" "$before1" "node1 unchanged"
expect_eq "$(node_state node2)" "$before2" "node2 unchanged"

run_flocker status $(manifest)
expect_status 1
expect_out "node3  unreachable"

"$REPO/tests/lab/sshd" --dir "$LAB_DIR" start node3 >/dev/null
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_eq "$(container_running node3 flocker--cache)" true "cache runs on node3 once it is back"
finish

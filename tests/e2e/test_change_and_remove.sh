#!/usr/bin/env bash
# Change an application's environment: its container is replaced and its data
# stays. Remove an application: its container goes, its dataset stays.
. "$(dirname "$0")/lib.sh"
reset_lab

apps() {
  write_apps <<YAML
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    environment:
      GREETING: $1
    volumes:
      www: /www
$2
deployment:
  node1: [web${3:-}]
YAML
}
apps hello "  worker:
    image: local/busybox:1
    command: sleep 100000
    volumes:
      state: /state" ", worker"
run_flocker apply --auto-approve $(manifest)
expect_status 0
on node1 'echo "kept across replace" > /tank/flocker/web.www/index.html; echo "worker state" > /tank/flocker/worker.state/file'
old_id=$(container_id node1 flocker--web)

# Change the environment: a replace that names the field.
apps bonjour "  worker:
    image: local/busybox:1
    command: sleep 100000
    volumes:
      state: /state" ", worker"
run_flocker plan $(manifest)
expect_status 0
expect_out "-/+ replace container flocker--web (local/busybox:1)"
expect_out 'environment.GREETING: "hello" → "bonjour"'
expect_out "Plan: 0 to add, 0 to change, 1 to replace, 0 to move, 0 to remove."
run_flocker apply --auto-approve $(manifest)
expect_status 0
new_id=$(container_id node1 flocker--web)
[ -n "$new_id" ] && [ "$new_id" != "$old_id" ] || fail "the container was not replaced ($old_id -> $new_id)"
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo "$GREETING"')" bonjour "new environment"
expect_eq "$(on node1 docker exec flocker--web wget -qO- http://127.0.0.1:8080/index.html)" "kept across replace" "data kept"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# Remove the worker from the manifest: container removed, data kept.
apps bonjour ""
run_flocker plan $(manifest)
expect_out "- remove container flocker--worker"
expect_out "application worker is no longer in the manifest; its data stays"
expect_out "Note: dataset tank/flocker/worker.state"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_eq "$(container_running node1 flocker--worker)" absent "worker container removed"
expect_eq "$(on node1 cat /tank/flocker/worker.state/file)" "worker state" "worker data kept"
expect_eq "$(container_running node1 flocker--web)" true "web untouched"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0
finish

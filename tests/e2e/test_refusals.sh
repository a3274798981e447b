#!/usr/bin/env bash
# A wrong manifest is reported with file, line and column before any node is
# contacted; apply without a terminal needs --auto-approve.
. "$(dirname "$0")/lib.sh"
reset_lab
before=$(node_state node1)

write_apps <<'YAML'
applications:
  web:
    imgae: local/busybox:1
deployment:
  node1: [web, ghost]
YAML
run_flocker apply --auto-approve $(manifest)
expect_status 1
expect_err "$WORK/apps.yaml:3:5: error: unknown key \"imgae\" in application \"web\" (did you mean \"image\"?)"
expect_err "$WORK/apps.yaml:5:16: error: unknown application \"ghost\""
expect_err "3 errors in the manifest; nothing was changed."
# Even an unreachable SSH config does not matter: no node is contacted.
run_flocker plan --ssh-config /nonexistent $(manifest)
expect_status 1
expect_err "errors in the manifest"

write_apps <<'YAML'
applications:
  web:
    image: local/busybox:1
    command: sleep 100000
deployment:
  node1: [web]
YAML
run_flocker apply $(manifest) </dev/null
expect_status 1
expect_out "+ run container flocker--web"
expect_err "there is no terminal to ask for approval, so nothing was changed"
expect_eq "$(node_state node1)" "$before" "node1 unchanged without approval"

# On a terminal, apply asks; anything but "yes" cancels.
on_terminal() {  # runs flocker on a pseudo-terminal, typing $1 at the prompt
  set +e
  printf '%s\n' "$1" | script -qec "$FLOCKER apply $(manifest)" /dev/null >"$WORK/out" 2>&1
  status=$?
  set -e
  log "flocker apply on a terminal, answering '$1' -> exit $status"
}
on_terminal no
expect_status 1
expect_out "Do you want to perform these actions?"
expect_out "apply cancelled; nothing was changed"
expect_eq "$(node_state node1)" "$before" "node1 unchanged after answering no"
on_terminal yes
expect_status 0
expect_out "Apply complete"
expect_eq "$(container_running node1 flocker--web)" true "applied after answering yes"
finish

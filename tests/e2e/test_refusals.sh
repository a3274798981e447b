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
deployment:
  node1: [web]
YAML
run_flocker apply $(manifest) </dev/null
expect_status 1
expect_out "+ run container flocker--web"
expect_err "there is no terminal to ask for approval, so nothing was changed"
expect_eq "$(node_state node1)" "$before" "node1 unchanged without approval"
finish

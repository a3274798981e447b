#!/usr/bin/env bash
# CI use: a saved plan is shown and applied as reviewed, and refused with
# nothing changed when a node or a manifest changed since; JSON output matches
# the documented schemas; --target leaves the rest alone; data is destroyed
# only with --allow-destroy.
. "$(dirname "$0")/lib.sh"
reset_lab
check_json() { "$REPO/tests/check_json.py" "$@" || fail "JSON does not match docs/schema/$*"; }

apps() {
  write_apps <<YAML
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    environment: {GREETING: $1}
    volumes: {www: /www}
  worker:
    image: local/busybox:1
    command: sleep 100000
    environment: {MODE: $2}
    volumes: {state: /state}
deployment:
  node1: [web, worker]
YAML
}

log "plan -out, show, apply FILE"
apps hello fast
run_flocker plan $(manifest)
cp "$WORK/out" "$WORK/plan.txt"
run_flocker plan -out "$WORK/first.plan" $(manifest)
expect_status 0
expect_err "Saved this plan to $WORK/first.plan"
check_json saved-plan.schema.json "$WORK/first.plan"
run_flocker show "$WORK/first.plan"
expect_status 0
expect_out "Saved plan $WORK/first.plan: made"
tail -n +3 "$WORK/out" | diff - "$WORK/plan.txt" >/dev/null || fail "show does not render the plan as plan did"
run_flocker show --json "$WORK/first.plan"
check_json plan.schema.json "$WORK/out"
# No terminal and no --auto-approve: the saved plan is the approval.
run_flocker apply "$WORK/first.plan" </dev/null
expect_status 0
expect_out "Apply complete: 7 steps done."
expect_eq "$(container_running node1 flocker--web)" true "web runs"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

log "a node changed after the plan: refused, nothing changed"
apps bonjour fast
run_flocker plan -out "$WORK/second.plan" $(manifest)
expect_out 'environment.GREETING: "hello" → "bonjour"'
on node1 docker stop flocker--worker >/dev/null
before=$(node_state node1)
run_flocker apply "$WORK/second.plan"
expect_status 1
expect_err "the saved plan $WORK/second.plan is stale, so nothing was changed"
expect_err "node node1 changed since the plan was made:"
expect_err "- container flocker--worker app=worker image=local/busybox:1 state=running"
expect_err "+ container flocker--worker app=worker image=local/busybox:1 state=exited"
expect_eq "$(node_state node1)" "$before" "node1 unchanged by a stale plan"
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo $GREETING')" hello "web not replaced"

log "a manifest changed after the plan: refused"
run_flocker plan -out "$WORK/third.plan" $(manifest)
apps bonjour slow
run_flocker apply "$WORK/third.plan"
expect_status 1
expect_err "manifest $WORK/apps.yaml changed since the plan was made"
expect_eq "$(node_state node1)" "$before" "node1 unchanged by a plan of an old manifest"
run_flocker apply "$WORK/third.plan" $(manifest)
expect_status 1
expect_err "is a saved plan, and a saved plan is applied on its own"

log "--target"
run_flocker plan --target web $(manifest)
expect_status 0
expect_err "--target web: this plan covers only those applications; 1 other step is left out"
expect_out "replace container flocker--web"
grep -q "flocker--worker" "$WORK/out" && fail "--target web planned worker's steps"
run_flocker plan --target wbe $(manifest)
expect_status 1
expect_err "did you mean web?"
worker_id=$(container_id node1 flocker--worker)
run_flocker apply --auto-approve --target web $(manifest)
expect_status 0
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo $GREETING')" bonjour "web replaced"
expect_eq "$(container_id node1 flocker--worker)" "$worker_id" "worker left alone"
run_flocker plan $(manifest)
expect_out "replace container flocker--worker"

log "apply --json: one event a line, as documented"
run_flocker apply --json $(manifest)
expect_status 1
check_json --lines apply-event.schema.json "$WORK/out"
expect_out '"message":"--json output cannot ask for approval, so nothing was changed"'
expect_out '"outcome":"not_started"'
run_flocker apply --json --auto-approve $(manifest)
expect_status 0
check_json --lines apply-event.schema.json "$WORK/out"
expect_eq "$(head -1 "$WORK/out" | grep -c '"type":"plan"')" 1 "the first event is the plan"
expect_out '"type":"step_started"'
expect_out '"type":"step_done"'
expect_eq "$(tail -1 "$WORK/out" | grep -c '"outcome":"applied"')" 1 "the last event is the summary"
run_flocker plan --json $(manifest)
check_json plan.schema.json "$WORK/out"
expect_out '"changes": false'
run_flocker status --json $(manifest)
check_json status.schema.json "$WORK/out"

log "--allow-destroy"
on node1 'echo keep > /tank/flocker/web.www/index.html'
write_apps <<YAML
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    environment: {GREETING: bonjour}
    volumes: {www: /www}
deployment:
  node1: [web]
YAML
run_flocker plan $(manifest)
expect_out "- remove container flocker--worker"
expect_out "dataset tank/flocker/worker.state"
expect_out "is kept: application worker is no longer in the manifest"
grep -q "destroy dataset" "$WORK/out" && fail "planned to destroy data without --allow-destroy"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_eq "$(zfs_prop node1 flocker:app tank/flocker/worker.state)" worker "data kept without --allow-destroy"
run_flocker plan --json --allow-destroy $(manifest)
check_json plan.schema.json "$WORK/out"
run_flocker plan --allow-destroy $(manifest)
expect_out "- destroy dataset tank/flocker/worker.state and its snapshots ("
expect_out "1 dataset to destroy, with"
run_flocker apply --auto-approve --allow-destroy $(manifest)
expect_status 0
expect_eq "$(zfs_prop node1 name tank/flocker/worker.state)" absent "worker's dataset destroyed"
expect_eq "$(on node1 cat /tank/flocker/web.www/index.html)" keep "web's data untouched"
run_flocker plan --detailed-exitcode --allow-destroy $(manifest)
expect_status 0

log "exit codes"
echo "applications: {web: {image: }}" > "$WORK/bad.yaml"
run_flocker plan --detailed-exitcode "$LAB_DIR/nodes.yaml" "$WORK/bad.yaml"
expect_status 1
run_flocker show "$WORK/apps.yaml"
expect_status 1
expect_err "is not a saved plan"
finish

#!/usr/bin/env bash
# Two manifests with different roots (staging and production, two teams)
# share the lab's nodes: both converge and neither touches the other's
# containers. A container flocker did not make, holding a name it wants, stops
# the plan and is left alone; so does a node whose root changed under a
# running application (its live data is under the old root).
. "$(dirname "$0")/lib.sh"
reset_lab
POOL=$(sed -n 's/^LAB_POOL=//p' "$LAB_DIR/lab.env")
POOL=${POOL:-tank}

# The lab's reset knows only <pool>/flocker and labelled containers.
clean_projects() {
  local node
  for node in node1 node2; do
    on "$node" "docker rm -f flocker--web >/dev/null 2>&1
      ids=\$(docker ps -aq --filter label=flocker.app); [ -z \"\$ids\" ] || docker rm -f \$ids >/dev/null
      for root in $POOL/staging $POOL/staging2 $POOL/prod; do
        for i in 1 2 3 4 5 6 7 8 9 10; do
          zfs list \$root >/dev/null 2>&1 || break
          zfs destroy -r \$root >/dev/null 2>&1 && break; sleep 0.4
        done
      done; true"
  done
}
clean_projects

project() {  # file root [app lines…]: a manifest of two nodes under root
  local file=$1 root=$2
  shift 2
  {
    printf 'nodes:\n'
    printf '  node1: {host: node1, root: %s}\n' "$root"
    printf '  node2: {host: node2, root: %s}\n' "$root"
    printf '%s\n' "$@"
  } >"$WORK/$file"
}
staging_apps=(
  'applications:'
  '  web: {image: local/busybox:1, command: "httpd -f -p 8081 -h /www", volumes: {www: /www}}'
  '  cache: {image: local/busybox:1, command: "sleep 100000"}'
  'deployment: {node1: [web], node2: [cache]}'
)
prod_apps=(
  'applications:'
  '  api: {image: local/busybox:1, command: "sleep 100000", volumes: {data: /data}}'
  '  worker: {image: local/busybox:1, command: "sleep 100000"}'
  'deployment: {node1: [api], node2: [worker]}'
)
project staging.yaml "$POOL/staging" "${staging_apps[@]}"
project prod.yaml "$POOL/prod" "${prod_apps[@]}"

log "both teams apply; then each plan is empty"
run_flocker apply --auto-approve "$WORK/staging.yaml"
expect_status 0
run_flocker apply --auto-approve "$WORK/prod.yaml"
expect_status 0
expect_out "Plan: 5 to add, 0 to change, 0 to replace, 0 to move, 0 to remove."
for file in staging.yaml prod.yaml; do
  run_flocker plan --detailed-exitcode "$WORK/$file"
  expect_status 0
  expect_out "No changes."
done
for pair in node1:web node2:cache node1:api node2:worker; do
  expect_eq "$(container_running "${pair%%:*}" "flocker--${pair#*:}")" true "${pair#*:} still runs on ${pair%%:*}"
done
expect_eq "$(on node1 docker inspect --format '{{index .Config.Labels "flocker.root"}}' flocker--web)" \
  "$POOL/staging" "web carries its root"

log "a container named flocker--web that flocker did not make stops production's plan"
on node2 docker run --detach --name flocker--web local/busybox:1 sleep 100000 >/dev/null 2>&1
handmade=$(container_id node2 flocker--web)
project prod.yaml "$POOL/prod" "${prod_apps[@]:0:3}" \
  '  web: {image: local/busybox:1, command: "sleep 100000"}' \
  'deployment: {node1: [api], node2: [worker, web]}'
before=$(node_state node2)
run_flocker plan "$WORK/prod.yaml"
expect_status 1
expect_err "node node2 has a container named flocker--web that is not this manifest's: it is not made by flocker (no flocker labels)"
expect_err "docker rename flocker--web OTHER-NAME"
run_flocker apply --auto-approve "$WORK/prod.yaml"
expect_status 1
expect_eq "$(container_id node2 flocker--web)" "$handmade" "the hand-made container is the same one"
expect_eq "$(container_running node2 flocker--web)" true "the hand-made container still runs"
expect_eq "$(node_state node2)" "$before" "node2 unchanged"
on node2 docker rm -f flocker--web >/dev/null

log "a changed root stops staging's plan: web's live data is under the old root"
project staging.yaml "$POOL/staging" "${staging_apps[@]}"
sed -i "s|node1: {host: node1, root: $POOL/staging}|node1: {host: node1, root: $POOL/staging2}|" "$WORK/staging.yaml"
before=$(node_state node1)
run_flocker plan "$WORK/staging.yaml"
expect_status 1
expect_err "node node1 has a container named flocker--web that is not this manifest's: it is of another root ($POOL/staging)"
expect_err "the live data of web is still under $POOL/staging"
run_flocker apply --auto-approve "$WORK/staging.yaml"
expect_status 1
expect_eq "$(node_state node1)" "$before" "node1 unchanged: no empty $POOL/staging2/web.www"
expect_eq "$(container_running node1 flocker--web)" true "web still runs on its data"

clean_projects
finish

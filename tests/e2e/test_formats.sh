#!/usr/bin/env bash
# The files people already have, applied as they are: the compose example
# (with a native nodes file), then the Flocker 0.x pair.
. "$(dirname "$0")/lib.sh"
reset_lab
ex=$REPO/examples

# docker-compose: services, named volumes (one with a quota), a link, ports.
run_flocker validate "$ex/compose/nodes.yaml" "$ex/compose/docker-compose.yml"
expect_status 0
# GREETING is set in flocker's environment but not allowed (--allow-env):
# the file sees it unset and takes its default, and the plan says so.
GREETING=from-the-ci-secrets run_flocker apply --auto-approve "$ex/compose/nodes.yaml" "$ex/compose/docker-compose.yml"
expect_status 0
expect_out "Note: $ex/compose/docker-compose.yml asked for GREETING, not allowed (--allow-env), so read as unset"
expect_eq "$(container_running node1 flocker--web)" true "compose web runs on node1"
expect_eq "$(container_running node2 flocker--notes)" true "compose notes runs on node2"
expect_eq "$(zfs_prop node2 refquota tank/flocker/notes.notes)" 100M "the compose volume's quota"
expect_eq "$(zfs_prop node1 refquota tank/flocker/web.www)" none "no quota on the other volume"
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo "$NOTES_PORT_8081_TCP"')" "tcp://node2:8081" "the compose link points at node2"
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo "$GREETING"')" hello "\${GREETING:-hello}"
expect_eq "$(on node1 docker inspect --format '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}}' flocker--web)" \
  "on-failure 67108864" "restart and mem_limit from compose"
run_flocker plan --detailed-exitcode "$ex/compose/nodes.yaml" "$ex/compose/docker-compose.yml"
expect_status 0

# Flocker 0.x: deployment.yml + application.yml, nodes' pools from a native file.
reset_lab
run_flocker apply --auto-approve "$ex/flocker0/nodes.yaml" "$ex/flocker0/deployment.yml" "$ex/flocker0/application.yml"
expect_status 0
expect_eq "$(container_running node1 flocker--web)" true "0.x web runs on node1"
expect_eq "$(container_running node2 flocker--notes)" true "0.x notes runs on node2"
expect_eq "$(zfs_prop node2 refquota tank/flocker/notes.data)" 100M "the 0.x volume's maximum_size"
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo "$NOTES_PORT_8081_TCP_ADDR:$NOTES_PORT_8081_TCP_PORT"')" "node2:8081" "the 0.x link"
run_flocker plan --detailed-exitcode "$ex/flocker0/nodes.yaml" "$ex/flocker0/deployment.yml" "$ex/flocker0/application.yml"
expect_status 0
finish

#!/usr/bin/env bash
# The application model on real nodes: two volumes (one with a quota),
# environment from ${VAR} (one value secret), a port published on the node that
# answers the test, a link whose variables point at the node running the
# target, restart policy and limits. Then: a quota change is made in place,
# a secret change is seen but never shown, an image change replaces the
# container and keeps the data.
. "$(dirname "$0")/lib.sh"
reset_lab
# shellcheck disable=SC1091
. "$LAB_DIR/lab.env"

# Each node's address is where docker publishes in the lab (dockerd --ip).
cat > "$WORK/nodes.yaml" <<YAML
nodes:
  node1: {host: node1, pool: tank, address: $node1_PUBLISH_IP}
  node2: {host: node2, pool: tank, address: $node2_PUBLISH_IP}
YAML
manifest() { echo "$WORK/nodes.yaml" "$WORK/apps.yaml"; }

# web publishes on 127.0.0.1 itself (host_ip), on a port of this lab's range,
# since every lab shares the machine's loopback.
web_port=$((LAB_PORT_BASE + 80))
export E2E_DB_USER=appuser
export E2E_DB_PASSWORD='pw-Zq7#not-in-any-log'
apps() {  # $1: maximum_size of db's data volume, $2: db's image
  write_apps <<YAML
applications:
  db:
    image: $2
    command: httpd -f -p 80 -h /data
    environment:
      DB_USER: \${E2E_DB_USER}
      DB_PASSWORD: {value: "\${E2E_DB_PASSWORD}", secret: true}
    ports:
      - {internal: 80, external: 8080}
    volumes:
      data: {mountpoint: /data, maximum_size: $1}
      logs: /logs
    restart_policy: {name: on-failure, maximum_retry_count: 2}
    cpu_shares: 512
    labels: {tier: data}
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /etc
    ports:
      - {internal: 8080, external: $web_port, host_ip: 127.0.0.1}
    links:
      - {alias: db, local_port: 80, remote_port: 8080}
deployment:
  node1: [web]
  node2: [db]
YAML
}
# GET a URL's body with bash alone (busybox wget is not reliable on every host).
http_get() {  # $1: host, $2: port, $3: path
  local body
  body=$(timeout 10 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$3" "$1" >&3 && cat <&3' _ "$1" "$2" "$3" 2>/dev/null) || true
  printf '%s' "${body#*$'\r\n\r\n'}"
}
no_secret_in_output() {
  if grep -qF -- "$E2E_DB_PASSWORD" "$WORK/out" "$WORK/err"; then fail "the secret value appears in flocker's output"; fi
}

apps 64M local/busybox:1
# ${VAR} reads only what --allow-env (or FLOCKER_ALLOW_ENV) allows: without it
# the secret is unset, an error at its line, and nothing is changed.
run_flocker validate $(manifest)
expect_status 1
expect_err "environment variable E2E_DB_USER is not set"
expect_err "--allow-env E2E_DB_USER"
no_secret_in_output
export FLOCKER_ALLOW_ENV=E2E_DB_USER,E2E_DB_PASSWORD
run_flocker validate $(manifest)
expect_status 0
run_flocker plan $(manifest)
expect_status 0
no_secret_in_output
expect_out "+ run container flocker--db (local/busybox:1)"
expect_out "Note: $WORK/apps.yaml reads E2E_DB_PASSWORD, E2E_DB_USER from flocker's environment"
run_flocker apply --auto-approve $(manifest)
expect_status 0
no_secret_in_output

# The port answers on node2's address, serving a file from the quota'd volume.
on node2 'echo "served from the dataset" > /tank/flocker/db.data/index.html'
answer=$(http_get "$node2_PUBLISH_IP" 8080 /index.html)
expect_eq "$answer" "served from the dataset" "the published port answers"
# A port with host_ip: published on 127.0.0.1, answering from web's container.
expect_eq "$(http_get 127.0.0.1 "$web_port" /hostname)" "$(on node1 docker inspect --format '{{.Config.Hostname}}' flocker--web)" \
  "the port published on 127.0.0.1 answers"
# The link's variables point at the node running db, as Docker links did.
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo "$DB_PORT_80_TCP"')" "tcp://$node2_PUBLISH_IP:8080" "link variable"
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo "$DB_PORT"')" "tcp://$node2_PUBLISH_IP:8080" "link's first port"
expect_eq "$(on node1 docker exec flocker--web sh -c 'echo "$DB_PORT_80_TCP_ADDR $DB_PORT_80_TCP_PORT $DB_PORT_80_TCP_PROTO"')" \
  "$node2_PUBLISH_IP 8080 tcp" "link address, port, protocol"
read -r link_addr link_port < <(on node1 docker exec flocker--web sh -c 'echo "$DB_PORT_80_TCP_ADDR $DB_PORT_80_TCP_PORT"')
link_answer=$(http_get "$link_addr" "$link_port" /index.html)
expect_eq "$link_answer" "served from the dataset" "the link's address and port reach db"
# Environment from flocker's environment, the secret included, inside the container.
expect_eq "$(on node2 docker exec flocker--db sh -c 'echo "$DB_USER/$DB_PASSWORD"')" "appuser/$E2E_DB_PASSWORD" "environment from \${VAR}"
# ... but not in the container's labels.
labels=$(on node2 docker inspect --format '{{json .Config.Labels}}' flocker--db)
case $labels in *"$E2E_DB_PASSWORD"*) fail "the secret is stored in the container's labels" ;; esac
case $labels in *pbkdf2-sha256*) ;; *) fail "the label lacks the secret's digest: $labels" ;; esac
expect_eq "$(on node2 docker inspect --format '{{index .Config.Labels "tier"}}' flocker--db)" data "user label"
expect_eq "$(on node2 docker inspect --format '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.CpuShares}}' flocker--db)" \
  "on-failure:2 512" "restart policy and cpu shares"
expect_eq "$(zfs_prop node2 refquota tank/flocker/db.data)" 64M "quota on the first volume"
expect_eq "$(zfs_prop node2 refquota tank/flocker/db.logs)" none "no quota on the second volume"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# A larger quota: set in place, the container stays.
db_id=$(container_id node2 flocker--db)
apps 128M local/busybox:1
run_flocker plan $(manifest)
expect_out "~ update quota of tank/flocker/db.data"
expect_out "refquota: 64M → 128M"
expect_out "Plan: 0 to add, 1 to change, 0 to replace, 0 to move, 0 to remove."
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_eq "$(zfs_prop node2 refquota tank/flocker/db.data)" 128M "quota updated"
expect_eq "$(container_id node2 flocker--db)" "$db_id" "the container was not replaced for a quota"

# A new secret: a replace that says so without showing either value.
old_secret=$E2E_DB_PASSWORD
export E2E_DB_PASSWORD='pw-changed-Kx9'
run_flocker plan $(manifest)
expect_out "environment.DB_PASSWORD: (secret) → (secret, changed)"
no_secret_in_output
if grep -qF -- "$old_secret" "$WORK/out" "$WORK/err"; then fail "the old secret appears in the plan"; fi
run_flocker apply --auto-approve $(manifest)
expect_status 0
no_secret_in_output
expect_eq "$(on node2 docker exec flocker--db sh -c 'echo "$DB_PASSWORD"')" "$E2E_DB_PASSWORD" "new secret in the container"

# A new image: replaced, the data kept.
db_id=$(container_id node2 flocker--db)
apps 128M local/busybox:2
run_flocker plan $(manifest)
expect_out "-/+ replace container flocker--db (local/busybox:2)"
expect_out 'image: "local/busybox:1" → "local/busybox:2"'
run_flocker apply --auto-approve $(manifest)
expect_status 0
new_id=$(container_id node2 flocker--db)
[ -n "$new_id" ] && [ "$new_id" != "$db_id" ] || fail "db was not replaced ($db_id -> $new_id)"
answer=$(http_get "$node2_PUBLISH_IP" 8080 /index.html)
expect_eq "$answer" "served from the dataset" "data kept across the image change"
expect_eq "$(zfs_prop node2 refquota tank/flocker/db.data)" 128M "quota kept across the replace"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# A missing variable: an error at its line and column, nothing contacted.
unset E2E_DB_USER
run_flocker plan $(manifest)
expect_status 1
expect_err "apps.yaml:6:16: error: environment variable \"DB_USER\" of application \"db\": environment variable E2E_DB_USER is not set"
finish

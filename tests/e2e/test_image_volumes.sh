#!/usr/bin/env bash
# An image that declares a VOLUME no flocker volume covers: the plan warns
# (from `docker image inspect` on the node), in text and JSON, and does not
# fail; an image the node does not have yet gives no warning.
. "$(dirname "$0")/lib.sh"
reset_lab

# local/volume:1 declares /data and /www; committed from a container, so no builder is needed.
on node1 'docker rm --force flocker-e2e-volume >/dev/null 2>&1; docker rmi local/volume:1 >/dev/null 2>&1
  docker create --name flocker-e2e-volume local/busybox:1 true >/dev/null &&
  docker commit --change "VOLUME [\"/data\", \"/www\"]" flocker-e2e-volume local/volume:1 >/dev/null &&
  docker rm flocker-e2e-volume >/dev/null' || fail "cannot make local/volume:1 on node1"
trap 'on node1 "docker rmi local/volume:1" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

write_apps <<'YAML'
version: 1
applications:
  web:
    image: local/volume:1
    volumes:
      www: /www
  later:
    image: local/not-pulled-yet:1
deployment:
  node1: [web, later]
YAML

run_flocker plan --detailed-exitcode $(manifest)
expect_status 2
expect_out "+ run container flocker--web (local/volume:1)"
expect_out "Note: web: the image local/volume:1 declares VOLUME /data, which no flocker volume covers: what the container writes there stays on node1 and does not move with web; add a volume with mountpoint /data"
grep -qF "VOLUME /www" "$WORK/out" && fail "/www is web's volume, yet the plan warns about it"
grep -qF "later:" "$WORK/out" && fail "an image not on the node yet gave a warning"

run_flocker plan --json $(manifest)
expect_status 0
"$REPO/tests/check_json.py" plan.schema.json "$WORK/out" || fail "plan --json does not match docs/schema/plan.schema.json"
expect_eq "$(python3 -c 'import json,sys; print(len([n for n in json.load(open(sys.argv[1]))["notes"] if "declares VOLUME /data" in n]))' "$WORK/out")" 1 "one note in the JSON"

# Applied, the container mounts docker's anonymous volume at /data: that is
# not a dataset bind, so the next plan has nothing to do.
write_apps <<'YAML'
version: 1
applications:
  web:
    image: local/volume:1
    command: httpd -f -p 8080 -h /www
    volumes:
      www: /www
deployment:
  node1: [web]
YAML
run_flocker apply --auto-approve $(manifest)
expect_status 0
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0
expect_out "No changes."
mounts=$(on node1 "docker inspect --format '{{range .Mounts}}{{.Type}}:{{.Destination}} {{end}}' flocker--web")
expect_eq "$(tr ' ' '\n' <<<"$mounts" | sed '/^$/d' | sort | tr '\n' ' ')" "bind:/www volume:/data " \
  "docker's own volume at /data, the dataset at /www"

finish

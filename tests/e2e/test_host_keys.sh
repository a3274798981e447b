#!/usr/bin/env bash
# Host keys are verified: a changed key and an unknown key are refused, with
# the fingerprint and what to do, and nothing is changed.
. "$(dirname "$0")/lib.sh"
reset_lab

write_apps <<'YAML'
applications:
  web:
    image: local/busybox:1
deployment:
  node1: [web]
YAML
before=$(node_state node1)

# node1's entry replaced by another node's key: a man in the middle would look like this.
ssh-keygen -q -t ed25519 -N '' -f "$WORK/impostor" >/dev/null
port1=$(awk '/^Host node1$/{f=1} f && /Port/{print $2; exit}' "$LAB_DIR/ssh_config")
grep -v "^\[127.0.0.1\]:$port1 " "$LAB_DIR/known_hosts" > "$WORK/known_hosts_changed"
echo "[127.0.0.1]:$port1 $(cut -d' ' -f1,2 "$WORK/impostor.pub")" >> "$WORK/known_hosts_changed"
sed "s|UserKnownHostsFile .*|UserKnownHostsFile $WORK/known_hosts_changed|" "$LAB_DIR/ssh_config" > "$WORK/ssh_config_changed"
run_flocker apply --auto-approve --ssh-config "$WORK/ssh_config_changed" $(manifest)
expect_status 1
expect_err "HOST KEY MISMATCH for node node1 (127.0.0.1:$port1)"
expect_err "SHA256:"
expect_err "ssh-keygen -R"
expect_eq "$(node_state node1)" "$before" "node1 unchanged after a key mismatch"

# node1 missing from known_hosts: never trusted on first sight.
grep -v "^\[127.0.0.1\]:$port1 " "$LAB_DIR/known_hosts" > "$WORK/known_hosts_unknown"
sed "s|UserKnownHostsFile .*|UserKnownHostsFile $WORK/known_hosts_unknown|" "$LAB_DIR/ssh_config" > "$WORK/ssh_config_unknown"
run_flocker plan --ssh-config "$WORK/ssh_config_unknown" $(manifest)
expect_status 1
expect_err "the host key of node node1 (127.0.0.1:$port1) is not known: ssh-ed25519 key SHA256:"
expect_err "flocker never trusts a key on first sight"
# The fingerprint shown is the node's real one.
real=$(ssh-keygen -lf "$LAB_DIR/node1/ssh_host_ed25519_key.pub" | awk '{print $2}')
expect_err "$real"
expect_eq "$(node_state node1)" "$before" "node1 unchanged after an unknown key"
finish

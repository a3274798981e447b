#!/usr/bin/env bash
# A move's stream is compressed (zstd, else lz4), buffered (mbuffer) and
# counted (dd) when both nodes have the tools, and works without them; a
# compression the manifest names and a node lacks stops the plan.
. "$(dirname "$0")/lib.sh"
only_on zfs-fuse  # hides tools with bind mounts in a node's mount namespace
reset_lab
# A tool is hidden on a node by mounting /bin/false over it (in that node's
# own mount namespace); the trap shows them again for the tests after this one.
hide() { on "$1" "mount --bind /bin/false /usr/bin/$2"; }
unhide_all() { for n in node1 node2; do for t in zstd lz4 mbuffer; do on $n "umount /usr/bin/$t" 2>/dev/null || true; done; done; }
trap 'unhide_all; rm -rf "$WORK"' EXIT

checksum() { on "$1" 'cd /tank/flocker/web.www && md5sum text random index.html'; }

deploy_web_on node1
run_flocker apply --auto-approve $(manifest)
expect_status 0
# 64 MiB of text that compresses ~100:1, 16 MiB that does not compress.
on node1 'cd /tank/flocker/web.www && yes "flocker moves data with its container" | head -c 64M > text && head -c 16M /dev/urandom > random && echo one > index.html'
before=$(checksum node1)

# 1. Both nodes have every tool: direct, zstd, mbuffer, and dd counts for progress.
deploy_web_on node2
run_flocker plan $(manifest)
expect_out "transfer: direct, zstd-compressed, buffered by mbuffer"
run_flocker apply --auto-approve $(manifest)
expect_status 0
# The stream went node to node; dd on node1 counted all of it, uncompressed.
grep -qE 'pre-copy tank/flocker/web.www: 8[0-9]\.[0-9] MiB in ' "$WORK/out" || fail "the pre-copy's count is not the 80 MiB stream"
expect_out "(direct to node2, zstd-compressed, buffered by mbuffer)"
expect_eq "$(checksum node2)" "$before" "checksums on node2 equal node1's (zstd, mbuffer)"
expect_eq "$(on node2 'grep -c flocker-transfer "$HOME/.ssh/authorized_keys"' || true)" 0 "the one-time key is gone"

# 2. Back to node1 relayed: flocker carries the compressed stream, much smaller than what zfs sent.
on node2 'cd /tank/flocker/web.www && yes "more text" | head -c 32M > more && echo two > index.html'
deploy_web_on node1 relay
run_flocker apply --auto-approve $(manifest)
expect_status 0
line=$(grep -o 'pre-copy tank/flocker/web.www: [0-9.]* [KMG]*i*B in [0-9.]*s (relay, zstd-compressed, buffered by mbuffer; [0-9.]* [KMG]*i*B relayed)' "$WORK/out" || true)
log "$line"
set -- $line
stream=$(to_kib "$3" "$4"); wire=$(to_kib "${12}" "${13}")
[ -n "$line" ] && [ "$stream" -ge $((32 * 1024)) ] && [ "$wire" -lt $((stream / 10)) ] ||
  fail "the relayed increment of 32 MiB of text should cross compressed: stream ${stream:-?} KiB, relayed ${wire:-?} KiB"
# "one" and "two" have the same size: zfs-fuse's mount would show node1's
# cached "one" if flocker did not mount the copy afresh after the receive.
expect_eq "$(on node1 cat /tank/flocker/web.www/index.html)" two "node1 has node2's writes"
expect_eq "$(on node1 docker exec flocker--web cat /www/index.html)" two "the container on node1 reads node2's writes"

# 3. node2 has no zstd: lz4, which both have, instead.
hide node2 zstd
deploy_web_on node2
run_flocker plan $(manifest)
expect_out "transfer: direct, lz4-compressed, buffered by mbuffer"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "(direct to node2, lz4-compressed, buffered by mbuffer)"
expect_eq "$(on node2 cat /tank/flocker/web.www/index.html)" two "moved with lz4"

# 4. Asking for zstd by name when node2 lacks it stops the plan, naming the node.
deploy_web_on node1 '{mode: direct, compression: zstd}'
run_flocker plan $(manifest)
expect_status 1
expect_err "node node2 has no working \`zstd\`"
expect_err "apt-get install zstd"

# 5. No tools at all (or turned off): the bare zfs send | ssh zfs receive still moves the data.
hide node1 zstd; hide node1 lz4; hide node1 mbuffer
deploy_web_on node1
run_flocker plan $(manifest)
expect_out "transfer: direct, uncompressed"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_eq "$(on node1 cat /tank/flocker/web.www/index.html)" two "moved without any tool"
unhide_all
deploy_web_on node2 '{mode: direct, compression: "off", buffer: "off"}'
run_flocker plan $(manifest)
expect_out "transfer: direct, uncompressed"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_eq "$(on node2 'cd /tank/flocker/web.www && md5sum text random')" "$(echo "$before" | grep -v index.html)" "the data is intact after four moves"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# 6. node2's sshd as node1 reaches it: transfer_address. Here the same sshd
#    under another name (localhost), with the host key flocker verified.
port2=$(awk '/^Host node2$/ { h = 1 } h && /Port/ { print $2; exit }' "$LAB_DIR/ssh_config")
nodes_with_transfer_address() {  # ADDRESS: the lab's nodes, node2 reached there for transfers
  awk -v a="$1" '{ print } /^  node2:$/ { print "    transfer_address: \"" a "\"" }' "$LAB_DIR/nodes.yaml" > "$WORK/nodes.yaml"
}
deploy_web_on node1
run_flocker apply --auto-approve $(manifest)
expect_status 0
nodes_with_transfer_address "localhost:$port2"
deploy_web_on node2
run_flocker plan "$WORK/nodes.yaml" "$WORK/apps.yaml"
expect_out "transfer: direct to localhost:$port2, zstd-compressed, buffered by mbuffer"
run_flocker apply --auto-approve "$WORK/nodes.yaml" "$WORK/apps.yaml"
expect_status 0
expect_out "(direct to node2 at localhost:$port2, zstd-compressed, buffered by mbuffer)"
expect_eq "$(on node2 'cd /tank/flocker/web.www && md5sum text random')" "$(echo "$before" | grep -v index.html)" "moved through the transfer address"

# 7. A transfer address where nothing listens: the pre-copy fails, the error
#    says where node2 was sought and what to set; node1 keeps running web.
deploy_web_on node1
run_flocker apply --auto-approve $(manifest)
expect_status 0
closed=$((port2 + 50))
nodes_with_transfer_address "127.0.0.1:$closed"
deploy_web_on node2
run_flocker apply --auto-approve "$WORK/nodes.yaml" "$WORK/apps.yaml"
expect_status 1
expect_err "node1 must reach the sshd of node2 at 127.0.0.1:$closed"
expect_err "transfer_address"
expect_eq "$(container_running node1 flocker--web)" true "web still runs on node1"
nodes_with_transfer_address "localhost:$port2"
run_flocker apply --auto-approve "$WORK/nodes.yaml" "$WORK/apps.yaml"
expect_status 0
expect_eq "$(container_running node2 flocker--web)" true "the next apply moved web"
finish

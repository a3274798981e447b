#!/usr/bin/env bash
# What only OpenZFS nodes do (runs on the OpenZFS lab, skipped on zfs-fuse):
# sizes from send -nvP, compressed sends (-c) of compressed data, holds on the
# snapshots a move depends on, a cut transfer resumed from its token (sending
# less than the whole), and an unresumable one dropped with receive -A.
. "$(dirname "$0")/lib.sh"
only_on openzfs
reset_lab

checksum() { on "$1" 'cd /tank/flocker/web.www && md5sum * | sort'; }
# KiB that the last apply relayed in a phase ("node2:   PHASE tank/flocker/web.www: N.N MiB in T.Ts
# (relay, compressed as stored (send -c))": flocker counts what it relays, with no compressor of its own).
relayed() { moved_kib " $1 tank/flocker/web.www: .* in [0-9.]+s [(]relay, compressed as stored"; }
# Kills node's `zfs receive -s` of web.www once it has read $2 MiB (a cut
# mid-stream), and records the holds that node has at that moment.
cut_receive() {
  on "$1" "for i in \$(seq 1200); do
      p=\$(pgrep -f '^zfs receive -s .* tank/flocker/web.www\$' | head -1)
      if [ -n \"\$p\" ]; then
        r=\$(awk '/^rchar/{print \$2}' /proc/\$p/io 2>/dev/null)
        if [ \"\${r:-0}\" -gt $(($2 * 1048576)) ]; then
          $holds | sed 's/^/hold: /'
          kill \$p && echo \"cut after \$r bytes\" && exit 0
        fi
      fi
      sleep 0.1
    done; echo 'no receive to cut'; exit 1" >"$WORK/cut" 2>&1
}
# The holds on web.www's snapshots (zfs holds takes snapshot names, no pattern).
holds='zfs list -H -t snapshot -o name -r tank/flocker/web.www | xargs -r zfs holds -H'
no_holds() { on "$1" "$holds | grep -c flocker-move || true"; }

# The guests reach nothing but their peers' forwarded sshd ports: no DNS, no
# host behind QEMU's gateway (restrict=on). First, that the probe can
# succeed: node2's sshd answers through node1's forward.
node2_port=$(sed -n 's/^node2_PORT=//p' "$LAB_DIR/lab.env")
on node1 "timeout 5 bash -c '</dev/tcp/10.0.2.100/$node2_port'" || fail "node1 does not reach node2's sshd through its forward"
on node1 'getent hosts deb.debian.org' >/dev/null 2>&1 && fail "node1 resolves names"
on node1 'timeout 5 bash -c "</dev/tcp/10.0.2.2/22"' >/dev/null 2>&1 && fail "node1 reaches the host behind its gateway"
on node1 'timeout 5 bash -c "</dev/tcp/10.0.2.100/1"' >/dev/null 2>&1 && fail "node1 reaches a port that is not a peer's sshd"

deploy_web_on node1 relay
run_flocker apply --auto-approve $(manifest)
expect_status 0
# 64 MiB that lz4 compresses to almost nothing, and 32 MiB that it cannot compress.
on node1 'cd /tank/flocker/web.www && yes "flocker sends blocks as they are stored" | head -c 64M > text && head -c 32M /dev/urandom > random && echo one > index.html'
before=$(checksum node1)

# 1. Compressed send: the stream carries the blocks as stored, so about the
#    random half of the logical 96 MiB travels. Without -c it would be all of it.
deploy_web_on node2 relay
run_flocker plan $(manifest)
expect_out "tank/flocker/web.www → new dataset tank/flocker/web.www: full send, about "
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "pre-copy tank/flocker/web.www: sending about "
expect_out "(zfs send -nvP)"
# The progress lines measure the stream against send -nvP's total.
grep -Eq "pre-copy tank/flocker/web.www: [0-9.]+ [KM]iB of about [0-9.]+ MiB" "$WORK/out" ||
  fail "no progress line measured against the estimate"
sent=$(relayed pre-copy)
log "96 MiB (64 compressible) moved as ${sent:-?} KiB"
[ -n "$sent" ] && [ "$sent" -lt $((48 * 1024)) ] || fail "the pre-copy sent ${sent:-?} KiB: not a compressed stream (-c)"
expect_eq "$(checksum node2)" "$before" "checksums on node2 equal node1's"
expect_eq "$(on node2 docker exec flocker--web wget -qO- http://127.0.0.1:8080/index.html)" "one" "node2 serves the moved data"
expect_eq "$(on node2 zfs get -H -o value compression tank/flocker/web.www)" lz4 "received compressed as sent"
expect_eq "$(no_holds node1)" 0 "no hold left on node1"
expect_eq "$(no_holds node2)" 0 "no hold left on node2"

# 2. Moving back: the plan's estimate is what OpenZFS counts as written since
#    the common snapshot; the snapshots it builds on are held while it runs.
# `written` counts what the pool has committed: zpool sync commits the 4 MiB
# now rather than within the next 5 s, which the plan below would race.
on node2 'head -c 4M /dev/urandom > /tank/flocker/web.www/more && zpool sync tank'
deploy_web_on node1 relay
run_flocker plan $(manifest)
expect_out "incremental from @flocker-2, about "
estimate=$(grep -o 'incremental from @flocker-2, about [0-9.]* [KM]iB' "$WORK/out" | awk '{print $5 " " $6}')
log "moving back is estimated at $estimate"
case $estimate in [4-5].*MiB | [4-5]\ MiB) ;; *) fail "the estimate of a 4 MiB increment is $estimate" ;; esac
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "held @flocker-2 of tank/flocker/web.www on node2 and node1 (flocker-move)"
expect_out "held @flocker-3 of tank/flocker/web.www on node2 and node1 (flocker-move)"
expect_eq "$(no_holds node1)" 0 "holds released on node1"
expect_eq "$(no_holds node2)" 0 "holds released on node2"
before=$(checksum node2)
expect_eq "$(checksum node1)" "$before" "node1 has node2's data"

# 3. A transfer cut mid-way (the receive on node2 killed after 32 MiB): web
#    keeps running on node1; node2 keeps the partial receive and its token.
on node1 'head -c 64M /dev/urandom > /tank/flocker/web.www/big'
before=$(checksum node1)
deploy_web_on node2 relay
cut_receive node2 32 &
run_flocker apply --auto-approve $(manifest)
wait || true
log "$(cat "$WORK/cut")"
expect_status 1
expect_err "the pre-copy failed"
# While it ran, node2 held the snapshot the increment builds on.
grep -Eq "^hold: tank/flocker/web.www@flocker-[0-9]+[[:space:]]flocker-move" "$WORK/cut" ||
  fail "node2 held no base snapshot during the transfer: $(cat "$WORK/cut")"
expect_eq "$(container_running node1 flocker--web)" true "web still runs on node1"
expect_eq "$(checksum node1)" "$before" "node1's data unchanged"
token=$(on node2 zfs get -H -o value receive_resume_token tank/flocker/web.www)
[ -n "$token" ] && [ "$token" != - ] || fail "node2 kept no resume token"
expect_eq "$(no_holds node1)" 0 "the failed move released its holds"
# The next apply resumes: it sends the rest, not the whole 64 MiB again.
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "resuming the interrupted transfer to tank/flocker/web.www on node2: about "
rest=$(relayed resume)
log "the resumed transfer sent ${rest:-?} KiB of the 64 MiB increment"
[ -n "$rest" ] && [ "$rest" -gt 0 ] && [ "$rest" -lt $((56 * 1024)) ] || fail "the resumed transfer sent ${rest:-?} KiB, not just the rest"
expect_eq "$(checksum node2)" "$before" "the resumed move converges"
expect_eq "$(on node2 zfs get -H -o value receive_resume_token tank/flocker/web.www)" - "no token left"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0

# 4. A cut whose rest cannot be sent any more (the snapshot it came from is
#    gone on the source): the next apply drops the partial receive (receive -A)
#    and sends again from the common snapshot.
on node2 'head -c 32M /dev/urandom > /tank/flocker/web.www/big'
before=$(checksum node2)
deploy_web_on node1 relay
cut_receive node1 8 &
run_flocker apply --auto-approve $(manifest)
wait || true
log "$(cat "$WORK/cut")"
expect_status 1
newest=$(on node2 'zfs list -H -t snapshot -o name -s createtxg -r tank/flocker/web.www | tail -1')
on node1 "zfs list -H -o name '$newest'" >/dev/null 2>&1 && fail "node1 already has $newest"
on node2 "zfs destroy '$newest'" || fail "could not destroy $newest on node2"
run_flocker apply --auto-approve $(manifest)
expect_status 0
expect_out "cannot resume the interrupted transfer to tank/flocker/web.www on node1"
expect_out "dropping it (zfs receive -A)"
expect_eq "$(checksum node1)" "$before" "the move after receive -A converges"
run_flocker plan --detailed-exitcode $(manifest)
expect_status 0
finish

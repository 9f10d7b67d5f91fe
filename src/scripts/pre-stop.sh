#!/bin/sh
# preStop hook of a Redis Cluster node: before the pod stops on purpose (rolling update, drain,
# delete), a master hands its slots to one of its in-sync replicas, so that writes to those slots
# pause for a moment instead of failing for 1.5 x cluster-node-timeout.
#
# 1. If this node is not a master serving slots, there is nothing to hand over.
# 2. Picks the online replica with the highest replication offset and runs CLUSTER FAILOVER on it:
#    the coordinated failover, in which this master stops accepting writes until the replica has
#    caught up, then the replica takes over the slots.
# 3. Waits, bounded by PRESTOP_TIMEOUT_SECONDS, until this node reports itself a replica.
#
# Environment: REDIS_PORT, PRESTOP_TIMEOUT_SECONDS; REDISCLI_AUTH when auth is on.
# terminationGracePeriodSeconds must be longer than PRESTOP_TIMEOUT_SECONDS.
set -eu

: "${REDIS_PORT:?REDIS_PORT must be set}"
: "${PRESTOP_TIMEOUT_SECONDS:=20}"

log() {
  printf 'pre-stop: %s\n' "$*"
}

# cli host port args... : one redis-cli call, bounded in time, replies without CR.
cli() {
  host=$1
  port=$2
  shift 2
  timeout 5 redis-cli -h "$host" -p "$port" --no-auth-warning "$@" 2>&1 | tr -d '\r'
}

role=$(cli 127.0.0.1 "$REDIS_PORT" role | head -n 1)
if [ "$role" != master ]; then
  log "this node is a ${role:-unreachable node}; nothing to hand over"
  exit 0
fi
slots=$(cli 127.0.0.1 "$REDIS_PORT" cluster nodes | awk '$3 ~ /myself/ { print NF - 8 }')
if [ "${slots:-0}" -le 0 ]; then
  log "this master serves no slots; nothing to hand over"
  exit 0
fi

# INFO replication lists replicas as: slaveN:ip=...,port=...,state=online,offset=...,lag=...
best=$(cli 127.0.0.1 "$REDIS_PORT" info replication | awk -F'[:,=]' '
  /^slave[0-9]+:/ {
    ip = ""; port = ""; state = ""; offset = -1
    for (i = 2; i < NF; i += 2) {
      if ($i == "ip") ip = $(i + 1)
      else if ($i == "port") port = $(i + 1)
      else if ($i == "state") state = $(i + 1)
      else if ($i == "offset") offset = $(i + 1) + 0
    }
    if (state == "online" && offset > bestoffset) { bestoffset = offset; best = ip " " port }
  }
  BEGIN { bestoffset = -1 }
  END { print best }')
if [ -z "$best" ]; then
  log "no online replica to hand the slots to; stopping as a master"
  exit 0
fi
replica_ip=${best% *}
replica_port=${best#* }

log "handing the slots to the replica at $replica_ip:$replica_port"
reply=$(cli "$replica_ip" "$replica_port" cluster failover)
if [ "$reply" != OK ]; then
  log "CLUSTER FAILOVER was refused: $reply"
  exit 1
fi

deadline=$(($(date +%s) + PRESTOP_TIMEOUT_SECONDS))
while [ "$(cli 127.0.0.1 "$REDIS_PORT" role | head -n 1)" = master ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "still a master after ${PRESTOP_TIMEOUT_SECONDS}s; stopping anyway"
    exit 1
  fi
  sleep 0.1
done
log "this node is now a replica; stopping"

#!/bin/sh
# preStop hook of a Redis Cluster node: before the pod stops on purpose (rolling update, drain,
# delete), a master hands its slots to one of its in-sync replicas, so that writes to those slots
# pause for a moment instead of failing for 1.5 x cluster-node-timeout.
#
# 1. If this node is not a master serving slots, there is nothing to hand over.
# 2. If no replica is in sync yet but one is getting its initial copy (or has just joined and is
#    about to ask for one), waits for it, bounded by PRESTOP_TIMEOUT_SECONDS less the time of one
#    hand-over attempt, and says so: a replica that has not synced cannot take over, and stopping
#    as a master now would leave the slots unserved until this pod is back.
# 3. Takes its online replicas, the most caught-up first, and runs CLUSTER FAILOVER on one: the
#    coordinated failover, in which this master stops accepting writes until the replica has
#    caught up, then the replica takes over the slots.
# 4. Waits until this node reports itself a replica. Redis gives up a coordinated failover after
#    5 seconds, so after 6 seconds, or as soon as the replica stops answering (it may be stopping
#    too, when every pod is deleted at once), it tries the next replica; it stops trying after
#    PRESTOP_TIMEOUT_SECONDS and lets the pod stop as a master.
#
# Environment: REDIS_PORT, PRESTOP_TIMEOUT_SECONDS; REDISCLI_AUTH when auth is on; with ACL
# users, REDIS_CLI_USER and REDIS_CLI_PASSWORD_FILE instead (see probe.sh).
# [tls]
# With TLS: REDIS_TLS=1, and REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE, REDIS_TLS_CA_FILE.
# [/tls]
# terminationGracePeriodSeconds must be longer than PRESTOP_TIMEOUT_SECONDS.
set -eu

: "${REDIS_PORT:?REDIS_PORT must be set}"
: "${PRESTOP_TIMEOUT_SECONDS:=20}"
ATTEMPT_SECONDS=6

log() {
  printf 'pre-stop: %s\n' "$*"
}

# The client: redis-cli, or valkey-cli in a Valkey image built without the redis-* names.
redis_cli=redis-cli
command -v redis-cli >/dev/null 2>&1 || redis_cli=valkey-cli

# cli host port args... : one redis-cli call, bounded in time, replies without CR.
cli() {
  host=$1
  port=$2
  shift 2
  if [ -n "${REDIS_CLI_PASSWORD_FILE:-}" ]; then
    REDISCLI_AUTH=$(cat "$REDIS_CLI_PASSWORD_FILE")
    export REDISCLI_AUTH
  fi
  # [tls]
  if [ "${REDIS_TLS:-}" = 1 ]; then
    set -- --tls --cacert "$REDIS_TLS_CA_FILE" --cert "$REDIS_TLS_CERT_FILE" --key "$REDIS_TLS_KEY_FILE" "$@"
  fi
  # [/tls]
  timeout 3 "$redis_cli" -h "$host" -p "$port" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} "$@" 2>&1 | tr -d '\r'
}

role() {
  cli 127.0.0.1 "$REDIS_PORT" role | head -n 1
}

if [ "$(role)" != master ]; then
  log "this node is not a master; nothing to hand over"
  exit 0
fi
slots=$(cli 127.0.0.1 "$REDIS_PORT" cluster nodes | awk '$3 ~ /myself/ { print NF - 8 }')
if [ "${slots:-0}" -le 0 ]; then
  log "this master serves no slots; nothing to hand over"
  exit 0
fi

# INFO replication lists replicas as: slaveN:ip=...,port=...,state=online,offset=...,lag=...
# replicas online: prints "offset ip port" of the online ones, the most caught-up first.
# replicas syncing: prints "ip:port(state)" of the ones still getting their initial copy.
replicas() {
  cli 127.0.0.1 "$REDIS_PORT" info replication | awk -F'[:,=]' -v want="$1" '
    /^slave[0-9]+:/ {
      ip = ""; port = ""; state = ""; offset = 0
      for (i = 2; i < NF; i += 2) {
        if ($i == "ip") ip = $(i + 1)
        else if ($i == "port") port = $(i + 1)
        else if ($i == "state") state = $(i + 1)
        else if ($i == "offset") offset = $(i + 1)
      }
      if (want == "online" && state == "online") print offset, ip, port
      else if (want == "syncing" && state != "online") print ip ":" port "(" state ")"
    }'
}

# Replicas of this master that are up on the cluster bus but not replicating yet: a pod just
# re-created, whose Redis has joined but not yet asked its master for a sync. Prints a count.
starting_replicas() {
  bus=$(cli 127.0.0.1 "$REDIS_PORT" cluster nodes | awk '
    $3 ~ /myself/ { me = $1 }
    { master[NR] = $4; flags[NR] = $3; link[NR] = $8 }
    END {
      for (i = 1; i <= NR; i++) if (master[i] == me && flags[i] !~ /fail/ && link[i] == "connected") n++
      print n + 0
    }')
  listed=$(cli 127.0.0.1 "$REDIS_PORT" info replication | sed -n 's/^connected_slaves://p')
  echo $((bus - ${listed:-0}))
}

# A replica that is still copying its master's data cannot take over: wait for one to be online
# rather than stop as a master and leave the slots without a server. The wait leaves one
# hand-over attempt's time of PRESTOP_TIMEOUT_SECONDS (half of it, when that is short).
deadline=$(($(date +%s) + PRESTOP_TIMEOUT_SECONDS))
if [ "$PRESTOP_TIMEOUT_SECONDS" -gt $((2 * ATTEMPT_SECONDS)) ]; then
  sync_seconds=$((PRESTOP_TIMEOUT_SECONDS - ATTEMPT_SECONDS))
else
  sync_seconds=$(((PRESTOP_TIMEOUT_SECONDS + 1) / 2))
fi
sync_deadline=$(($(date +%s) + sync_seconds))
waited=""
while :; do
  online=$(replicas online | sort -rn | awk '{ print $2 ":" $3 }')
  [ -z "$online" ] || break
  syncing=$(replicas syncing | tr '\n' ' ')
  starting=$(starting_replicas)
  if [ -z "$syncing" ] && [ "$starting" -le 0 ]; then
    log "no online replica to hand the slots to; stopping as a master"
    exit 0
  fi
  pending="${syncing:+replicas syncing: $syncing}"
  [ "$starting" -le 0 ] || pending="${pending:+$pending; }$starting replica(s) on the cluster bus not replicating yet"
  if [ "$(date +%s)" -ge "$sync_deadline" ]; then
    log "no replica finished its sync within ${sync_seconds}s ($pending); stopping as a master"
    exit 1
  fi
  if [ -z "$waited" ]; then
    waited=$(date +%s)
    log "no replica is in sync yet; waiting up to ${sync_seconds}s for one ($pending)"
  fi
  sleep 0.2
done
if [ -n "$waited" ]; then
  log "a replica is in sync after $(($(date +%s) - waited))s of waiting: $online"
fi
replicas=$online

for replica in $replicas; do
  ip=${replica%:*}
  port=${replica##*:}
  [ "$(date +%s)" -lt "$deadline" ] || break
  reply=$(cli "$ip" "$port" cluster failover)
  if [ "$reply" != OK ]; then
    log "the replica at $replica refused CLUSTER FAILOVER: ${reply:-no answer}"
    continue
  fi
  log "handing the slots to the replica at $replica"
  give_up=$(($(date +%s) + ATTEMPT_SECONDS))
  [ "$give_up" -le "$deadline" ] || give_up=$deadline
  while [ "$(role)" = master ]; do
    if [ "$(date +%s)" -ge "$give_up" ]; then
      log "the replica at $replica did not take over in time"
      break
    fi
    if [ "$(cli "$ip" "$port" ping)" != PONG ]; then
      log "the replica at $replica stopped answering"
      break
    fi
    sleep 0.1
  done
  if [ "$(role)" != master ]; then
    log "this node is now a replica; stopping"
    exit 0
  fi
done
log "no replica took over within ${PRESTOP_TIMEOUT_SECONDS}s; stopping as a master"
exit 1

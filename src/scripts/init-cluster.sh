#!/bin/sh
# Forms the Redis Cluster from the pods of the StatefulSet. Run by the init Job; safe to run again.
#
#   init-cluster.sh --cluster-replicas N host:port host:port ...
#
# N is the number of replicas of each master; the addresses are every node of the cluster.
#
# 1. Waits (bounded) until every node answers PING, naming the ones it is still waiting for.
# 2. If the nodes already form a cluster covering all 16384 slots, creates nothing.
#    If no node holds data and the nodes are half-joined (an earlier run died part-way), resets
#    them and creates the cluster anew. If a node holds data but no cluster covers the slots, stops
#    and says so: that needs a person.
# 3. Otherwise runs `redis-cli --cluster create` with --cluster-replicas.
# 4. Verifies (bounded): every node reports cluster_state:ok, all 16384 slots assigned, knows
#    every listed node and sees every replica, and every replica has synced with its master;
#    then `redis-cli --cluster check`.
#
# Environment:
#   WAIT_TIMEOUT_SECONDS  bound for step 1 and, separately, for step 4
#   POLL_INTERVAL_SECONDS pause between checks
#   REDISCLI_AUTH         the password, when auth is on
#   REDIS_CLI_USER        with ACL users: the user to connect as (REDISCLI_AUTH is its password)
# [tls]
#   REDIS_TLS             1 when the nodes speak TLS; then REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE
#                         and REDIS_TLS_CA_FILE are this Job's certificate, key and CA
# [/tls]
set -eu

: "${WAIT_TIMEOUT_SECONDS:=300}"
: "${POLL_INTERVAL_SECONDS:=2}"

usage() {
  echo "init-cluster: usage: init-cluster.sh --cluster-replicas N host:port host:port host:port [...]" >&2
  exit 2
}
if [ "$#" -lt 2 ] || [ "$1" != --cluster-replicas ]; then
  usage
fi
replicas=$2
shift 2
case "$replicas" in
'' | *[!0-9]*) usage ;;
esac
[ "$#" -ge 3 ] || usage
expected=$#

log() {
  printf '%s init-cluster: %s\n' "$(date -u +%H:%M:%S)" "$*"
}

# The client: redis-cli, or valkey-cli in a Valkey image built without the redis-* names.
redis_cli=redis-cli
command -v redis-cli >/dev/null 2>&1 || redis_cli=valkey-cli

# cli host:port args... : one redis-cli call, bounded in time, replies without CR.
cli() {
  address=$1
  shift
  # [tls]
  if [ "${REDIS_TLS:-}" = 1 ]; then
    set -- --tls --cacert "$REDIS_TLS_CA_FILE" --cert "$REDIS_TLS_CERT_FILE" --key "$REDIS_TLS_KEY_FILE" "$@"
  fi
  # [/tls]
  timeout 10 "$redis_cli" -h "${address%:*}" -p "${address##*:}" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} "$@" 2>&1 | tr -d '\r'
}

# field host:port name : one field of CLUSTER INFO.
info_field() {
  cli "$1" cluster info | sed -n "s/^$2://p"
}

now() {
  date +%s
}

log "waiting up to ${WAIT_TIMEOUT_SECONDS}s for $expected nodes to answer PING"
deadline=$(($(now) + WAIT_TIMEOUT_SECONDS))
answered=""
while :; do
  missing=""
  for node in "$@"; do
    if [ "$(cli "$node" ping || true)" = PONG ]; then
      answered=yes
    else
      missing="$missing $node"
    fi
  done
  [ -z "$missing" ] && break
  if [ "$(now)" -ge "$deadline" ]; then
    log "FAILED: after ${WAIT_TIMEOUT_SECONDS}s these pods still do not answer PING:$missing"
    if [ -z "$answered" ]; then
      # No pod ever answered: they were most likely never scheduled.
      log "no pod ever answered: the likely cause is PersistentVolumeClaims stuck Pending, e.g. because their StorageClass (default 'nfs-client') does not exist on this cluster"
      log "check with: kubectl get pvc,pods; kubectl get storageclass; kubectl describe pvc <claim>"
    else
      log "check that their pods are Running (kubectl get pods) and look at their logs"
    fi
    exit 1
  fi
  log "still waiting for:$missing"
  sleep "$POLL_INTERVAL_SECONDS"
done
log "all $expected nodes answer"

formed=""
joined=""
with_data=""
for node in "$@"; do
  [ "$(info_field "$node" cluster_slots_assigned)" = 16384 ] && formed="$formed $node"
  [ "$(info_field "$node" cluster_known_nodes)" = 1 ] || joined="$joined $node"
  [ "$(cli "$node" dbsize)" = 0 ] || with_data="$with_data $node"
done

if [ -n "$formed" ]; then
  log "a cluster covering all 16384 slots already exists (seen by:$formed); not creating one"
elif [ -n "$with_data" ]; then
  log "FAILED: no cluster covers all slots, but these nodes hold data:$with_data"
  log "refusing to reset them; inspect with: redis-cli --cluster check <node>, repair with --cluster fix"
  exit 1
else
  if [ -n "$joined" ]; then
    log "nodes left half-joined by an earlier attempt, holding no data:$joined; resetting them"
    for node in "$@"; do
      cli "$node" cluster reset hard >/dev/null
    done
  fi
  log "creating the cluster: $expected nodes, $replicas replica(s) per master"
  # [tls]
  if [ "${REDIS_TLS:-}" = 1 ]; then
    timeout "$WAIT_TIMEOUT_SECONDS" "$redis_cli" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} \
      --tls --cacert "$REDIS_TLS_CA_FILE" --cert "$REDIS_TLS_CERT_FILE" --key "$REDIS_TLS_KEY_FILE" \
      --cluster create "$@" --cluster-replicas "$replicas" --cluster-yes
  else
  # [/tls]
  timeout "$WAIT_TIMEOUT_SECONDS" "$redis_cli" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} --cluster create "$@" \
    --cluster-replicas "$replicas" --cluster-yes
  # [tls]
  fi
  # [/tls]
fi

replicas_expected=$((expected - expected / (replicas + 1)))
log "verifying: every node must report cluster_state:ok, 16384 slots, $expected known nodes and $replicas_expected replicas"
deadline=$(($(now) + WAIT_TIMEOUT_SECONDS))
while :; do
  pending=""
  for node in "$@"; do
    info=$(cli "$node" cluster info)
    state=$(printf '%s\n' "$info" | sed -n 's/^cluster_state://p')
    slots=$(printf '%s\n' "$info" | sed -n 's/^cluster_slots_assigned://p')
    known=$(printf '%s\n' "$info" | sed -n 's/^cluster_known_nodes://p')
    # Replicas as this node sees them: right after creation the news is still spreading.
    seen=$(cli "$node" cluster nodes | awk '$3 ~ /slave/ { n++ } END { print n + 0 }')
    # A replica counts once it has synced: until then its master's failure could not be covered.
    link=$(cli "$node" info replication | sed -n 's/^master_link_status://p')
    if [ "$state" != ok ] || [ "$slots" != 16384 ] || [ "$known" != "$expected" ] || [ "$seen" != "$replicas_expected" ] ||
      { [ -n "$link" ] && [ "$link" != up ]; }; then
      pending="$pending $node(state=${state:-?},slots=${slots:-?},known=${known:-?},replicas=$seen${link:+,link=$link})"
    fi
  done
  [ -z "$pending" ] && break
  if [ "$(now)" -ge "$deadline" ]; then
    log "FAILED: after ${WAIT_TIMEOUT_SECONDS}s the cluster is not healthy on:$pending"
    log "a node that knows fewer than $expected nodes is not part of this cluster: add it with"
    log "redis-cli --cluster add-node <new node> <existing node>, then --cluster rebalance"
    exit 1
  fi
  sleep "$POLL_INTERVAL_SECONDS"
done

# [tls]
if [ "${REDIS_TLS:-}" = 1 ]; then
  timeout 60 "$redis_cli" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} \
    --tls --cacert "$REDIS_TLS_CA_FILE" --cert "$REDIS_TLS_CERT_FILE" --key "$REDIS_TLS_KEY_FILE" --cluster check "$1"
else
# [/tls]
timeout 60 "$redis_cli" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} --cluster check "$1"
# [tls]
fi
# [/tls]
log "cluster is healthy: $expected nodes, all 16384 slots served"

#!/bin/sh
# Probes for a Redis Cluster node, run by the kubelet inside the pod.
#
#   probe.sh startup    the server answers PONG (it has finished loading its AOF/RDB)
#   probe.sh liveness   the server answers: PONG, or LOADING while it loads a data set
#   probe.sh readiness  the node can take over its part of the cluster: it answers PONG, it has
#                       joined a cluster and that cluster reports cluster_state:ok, and, on a
#                       replica, the link to its master is up and its initial sync is done.
#                       A rolling update waits for this before it stops the next pod, and the
#                       PodDisruptionBudget counts a pod that fails it as down, so a master is
#                       never taken away while its replica is still copying its data.
#                       Nothing that forms or heals a cluster waits for it: the StatefulSet
#                       starts its pods in Parallel, and the headless Service publishes pods
#                       before they are Ready (publishNotReadyAddresses), so a node that has not
#                       joined yet is simply not Ready until the init Job has formed the cluster.
#
# Environment: REDIS_PORT (the client port); REDISCLI_AUTH when auth is on; with ACL users,
# REDIS_CLI_USER and REDIS_CLI_PASSWORD_FILE (its current password, kept up to date by
# reload-acl.sh) instead.
# [tls]
# With TLS: REDIS_TLS=1, and REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE, REDIS_TLS_CA_FILE.
# [/tls]
set -eu

# The client: redis-cli, or valkey-cli in a Valkey image built without the redis-* names.
redis_cli=redis-cli
command -v redis-cli >/dev/null 2>&1 || redis_cli=valkey-cli

: "${REDIS_PORT:?REDIS_PORT must be set}"

cli() {
  if [ -n "${REDIS_CLI_PASSWORD_FILE:-}" ]; then
    REDISCLI_AUTH=$(cat "$REDIS_CLI_PASSWORD_FILE")
    export REDISCLI_AUTH
  fi
  # [tls]
  if [ "${REDIS_TLS:-}" = 1 ]; then
    set -- --tls --cacert "$REDIS_TLS_CA_FILE" --cert "$REDIS_TLS_CERT_FILE" --key "$REDIS_TLS_KEY_FILE" "$@"
  fi
  # [/tls]
  timeout 2 "$redis_cli" -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} "$@" 2>&1 | tr -d '\r'
}

# field name text : the value of `name:` in an INFO-style reply.
field() {
  printf '%s\n' "$2" | sed -n "s/^$1://p"
}

reply=$(cli ping || true)
case "${1:-}" in
startup)
  [ "$reply" = PONG ] && exit 0
  ;;
liveness)
  case "$reply" in
  PONG | LOADING*) exit 0 ;;
  esac
  ;;
readiness)
  if [ "$reply" = PONG ]; then
    info=$(cli cluster info || true)
    known=$(field cluster_known_nodes "$info")
    state=$(field cluster_state "$info")
    if [ "${known:-0}" -le 1 ]; then
      echo "not ready: this node has not joined a cluster yet (it knows no other node)"
      exit 1
    fi
    if [ "$state" != ok ]; then
      echo "not ready: cluster_state is ${state:-unknown}"
      exit 1
    fi
    replication=$(cli info replication || true)
    role=$(field role "$replication")
    if [ "$role" = slave ]; then
      link=$(field master_link_status "$replication")
      syncing=$(field master_sync_in_progress "$replication")
      if [ "$link" != up ] || [ "$syncing" != 0 ]; then
        echo "not ready: this replica is not in sync with its master (master_link_status ${link:-unknown}, master_sync_in_progress ${syncing:-unknown})"
        exit 1
      fi
    elif [ "$role" != master ]; then
      echo "not ready: INFO replication reports no role: ${replication:-no reply}"
      exit 1
    fi
    exit 0
  fi
  ;;
*)
  echo "usage: probe.sh startup|liveness|readiness" >&2
  exit 2
  ;;
esac
echo "redis did not answer PING as expected: ${reply:-no reply}"
exit 1

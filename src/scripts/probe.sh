#!/bin/sh
# Probes for a Redis Cluster node, run by the kubelet inside the pod.
#
#   probe.sh startup    the server answers PONG (it has finished loading its AOF/RDB)
#   probe.sh liveness   the server answers: PONG, or LOADING while it loads a data set
#   probe.sh readiness  the server answers PONG and, once this node has joined a cluster (it knows
#                       other nodes), the cluster reports cluster_state:ok. A node that has never
#                       joined is ready as soon as it answers, so the first formation is never
#                       blocked.
#
# Environment: REDIS_PORT (the client port); REDISCLI_AUTH when auth is on; with ACL users,
# REDIS_CLI_USER and REDIS_CLI_PASSWORD_FILE (its current password, kept up to date by
# reload-acl.sh) instead.
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
  timeout 2 "$redis_cli" -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} "$@" 2>&1 | tr -d '\r'
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
    known=$(printf '%s\n' "$info" | sed -n 's/^cluster_known_nodes://p')
    state=$(printf '%s\n' "$info" | sed -n 's/^cluster_state://p')
    if [ "${known:-0}" -gt 1 ] && [ "$state" != ok ]; then
      echo "cluster_state is ${state:-unknown}"
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

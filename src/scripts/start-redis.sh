#!/bin/sh
# Starts redis-server for one pod of the Redis Cluster StatefulSet.
#
# A pod that is re-created gets a new IP address, but nodes.conf on its volume still holds the
# addresses its peers had when it stopped. Before Redis starts, this script resolves every peer's
# hostname (each node announces its stable FQDN, so nodes.conf lines read
# `id ip:port@cport,hostname ...`) and writes the peer's current address into nodes.conf. Without
# this, a cluster whose pods were all re-created never finds itself again.
#
# Environment (set by the StatefulSet):
#   POD_NAME            this pod's name (downward API)
#   POD_DOMAIN          the headless Service's domain: <service>.<namespace>.svc.<cluster domain>
#   POD_IP              this pod's IP (downward API); optional
#   NODES_CONF          path of the cluster config file (cluster-config-file)
#   REDIS_CONF          path of redis.conf
#   PEER_RESOLVE_TIMEOUT_SECONDS  how long to wait for peers' names to resolve
#   REDISCLI_AUTH       the password (from a Secret); optional. When set, Redis gets it as
#                       requirepass and masterauth through AUTH_CONF, a file in a memory-backed
#                       volume, so that it appears on no command line and in no ConfigMap.
#   AUTH_CONF           where to write that file
#   USERS_TEMPLATE      optional: with ACL users, reload-acl.sh --initial assembles the ACL file
#                       (ACL_FILE) from it and the mounted Secrets, and the masteruser/masterauth
#                       include (AUTH_CONF); Redis gets both (see reload-acl.sh for its env)
#   RELOADERS           optional: reload passes (e.g. reload-acl.sh) that reloader.sh runs in the
#                       background every RELOAD_INTERVAL_SECONDS, for as long as Redis runs
#   ANNOUNCE_IP, ANNOUNCE_PORT_BASE, ANNOUNCE_BUS_PORT_BASE   optional, for outside access with
#                       one NodePort Service per pod: this node announces ANNOUNCE_IP (its
#                       Kubernetes node's address) and the node ports base + its pod ordinal.
# [tls]
#   REDIS_TLS           1 when redis.conf turns TLS on; then REDIS_TLS_CERT_FILE,
#                       REDIS_TLS_KEY_FILE and REDIS_TLS_CA_FILE (the files redis.conf names) must
#                       be readable, or Redis would exit saying only "Failed to configure TLS".
# [/tls]
# Arguments are passed on to redis-server after the config file, so they override it.
set -eu

: "${POD_NAME:?POD_NAME must be set}"
: "${POD_DOMAIN:?POD_DOMAIN must be set}"
: "${NODES_CONF:?NODES_CONF must be set}"
: "${REDIS_CONF:?REDIS_CONF must be set}"
: "${PEER_RESOLVE_TIMEOUT_SECONDS:=10}"
POD_IP=${POD_IP:-}

self="$POD_NAME.$POD_DOMAIN"

log() {
  printf 'start-redis: %s\n' "$*"
}

# Prints the first address a name resolves to, or nothing.
resolve() {
  getent hosts "$1" 2>/dev/null | awk 'NR == 1 { print $1 }'
}

# Prints the hostnames that nodes.conf records for other nodes.
peer_hostnames() {
  awk '$1 != "vars" && $3 !~ /myself/ {
    n = split($2, part, ",")
    if (n >= 2 && part[2] != "" && part[2] !~ /=/) print part[2]
  }' "$NODES_CONF" | sort -u
}

refresh_peer_addresses() {
  map="$NODES_CONF.addresses.$$"
  : >"$map"
  if [ -n "$POD_IP" ]; then
    printf '%s %s\n' "$self" "$POD_IP" >>"$map"
  fi
  pending=$(peer_hostnames)
  deadline=$(($(date +%s) + PEER_RESOLVE_TIMEOUT_SECONDS))
  while [ -n "$pending" ]; do
    unresolved=""
    for host in $pending; do
      address=$(resolve "$host")
      if [ -n "$address" ]; then
        printf '%s %s\n' "$host" "$address" >>"$map"
      else
        unresolved="$unresolved $host"
      fi
    done
    pending=$unresolved
    if [ -n "$pending" ] && [ "$(date +%s)" -ge "$deadline" ]; then
      log "these peers do not resolve yet; keeping their last known address:$pending"
      break
    fi
    [ -z "$pending" ] || sleep 1
  done

  # Rewrite the ip part of `ip:port@cport,hostname,...` for every node whose hostname resolved.
  # The address is everything before the last ':' of the first comma-separated part.
  tmp="$NODES_CONF.refresh.$$"
  awk -v self="$self" '
    FILENAME == ARGV[1] { addr[$1] = $2; next }
    $1 == "vars" { print; next }
    {
      n = split($2, part, ",")
      host = (n >= 2) ? part[2] : ""
      if ($3 ~ /myself/) host = self
      if (host != "" && (host in addr)) {
        ipport = part[1]
        colon = 0
        for (i = length(ipport); i > 0; i--) if (substr(ipport, i, 1) == ":") { colon = i; break }
        old = substr(ipport, 1, colon - 1)
        if (colon > 0 && old != addr[host]) {
          printf "start-redis: %s moved from %s to %s\n", host, old, addr[host] > "/dev/stderr"
          rebuilt = addr[host] substr(ipport, colon)
          for (i = 2; i <= n; i++) rebuilt = rebuilt "," part[i]
          $2 = rebuilt
        }
      }
      print
    }' "$map" "$NODES_CONF" >"$tmp"
  mv "$tmp" "$NODES_CONF"
  rm -f "$map"
}

# Writes requirepass/masterauth into AUTH_CONF, quoted for redis.conf, readable by this user only.
write_auth_conf() {
  : "${AUTH_CONF:?AUTH_CONF must be set when REDISCLI_AUTH is}"
  newline='
'
  case "$REDISCLI_AUTH" in
  *"$newline"*)
    log "the password must be one line; remove the line break from the Secret"
    exit 1
    ;;
  esac
  quoted=$(printf '%s' "$REDISCLI_AUTH" | sed 's/\\/\\\\/g; s/"/\\"/g')
  (
    umask 077
    printf 'requirepass "%s"\nmasterauth "%s"\n' "$quoted" "$quoted" >"$AUTH_CONF"
  )
}

if [ -n "${REDISCLI_AUTH:-}" ]; then
  write_auth_conf
  set -- --include "$AUTH_CONF" "$@"
fi

if [ -n "${USERS_TEMPLATE:-}" ]; then
  : "${ACL_FILE:?ACL_FILE must be set with USERS_TEMPLATE}"
  : "${AUTH_CONF:?AUTH_CONF must be set with USERS_TEMPLATE}"
  sh "$(dirname "$0")/reload-acl.sh" --initial
  set -- --aclfile "$ACL_FILE" --include "$AUTH_CONF" "$@"
fi

if [ -n "${ANNOUNCE_IP:-}" ]; then
  : "${ANNOUNCE_PORT_BASE:?ANNOUNCE_PORT_BASE must be set with ANNOUNCE_IP}"
  : "${ANNOUNCE_BUS_PORT_BASE:?ANNOUNCE_BUS_PORT_BASE must be set with ANNOUNCE_IP}"
  ordinal=${POD_NAME##*-}
  case "$ordinal" in
  '' | *[!0-9]*)
    log "cannot read the pod ordinal from POD_NAME=$POD_NAME"
    exit 1
    ;;
  esac
  set -- --cluster-announce-ip "$ANNOUNCE_IP" \
    --cluster-announce-port "$((ANNOUNCE_PORT_BASE + ordinal))" \
    --cluster-announce-bus-port "$((ANNOUNCE_BUS_PORT_BASE + ordinal))" "$@"
fi

# [tls]
# Every TLS file must be readable by this user; say which one is not.
check_tls_files() {
  for variable in REDIS_TLS_CERT_FILE REDIS_TLS_KEY_FILE REDIS_TLS_CA_FILE; do
    eval "file=\${$variable:-}"
    if [ -z "$file" ]; then
      log "$variable must be set when REDIS_TLS is 1"
      exit 1
    fi
    if [ ! -r "$file" ]; then
      log "cannot read $file ($variable) as uid $(id -u) (groups $(id -G)): mount the certificate Secret there, readable by this user or the pod's fsGroup"
      exit 1
    fi
  done
}

if [ "${REDIS_TLS:-}" = 1 ]; then
  check_tls_files
  sh "$(dirname "$0")/reload-tls.sh" --record
fi
# [/tls]
if [ -s "$NODES_CONF" ]; then
  refresh_peer_addresses
else
  log "no $NODES_CONF yet: this node has not joined a cluster"
fi

if [ -n "${RELOADERS:-}" ]; then
  # This shell becomes redis-server below: the reloader runs for as long as this PID does.
  sh "$(dirname "$0")/reloader.sh" "$$" &
fi

# The server: redis-server, or valkey-server in a Valkey image built without the redis-* names.
redis_server=redis-server
command -v redis-server >/dev/null 2>&1 || redis_server=valkey-server
exec "$redis_server" "$REDIS_CONF" --cluster-announce-hostname "$self" "$@"

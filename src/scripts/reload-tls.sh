#!/bin/sh
# One pass of the TLS certificate reload, run by reloader.sh every RELOAD_INTERVAL_SECONDS.
#
# Kubernetes updates a mounted Secret in place (cert-manager renews a certificate, or someone
# replaces the files), but Redis reads its certificate, key and CA only when it starts, or when
# `CONFIG SET tls-cert-file ...` changes one of those settings: setting a path to the value it
# already has reloads nothing. So when the files differ from the ones this server loaded, this
# pass sets the three paths to another spelling of the same files (`/etc/redis-tls/./tls.crt`),
# which makes Redis load them, and then back to the paths of redis.conf, so that between passes
# Redis always holds the paths redis.conf names (and CONFIG GET shows them). Redis keeps every
# connection open; new connections, replication and the cluster bus use the new certificate.
#
#   reload-tls.sh           reload if the files changed; logs one line when it reloads or fails
#   reload-tls.sh --record  remember the files as loaded (start-redis.sh, before redis-server)
#
# This pass talks to Redis with the copies it keeps of the files Redis loaded: if the CA was
# replaced too, the new CA would not verify the certificate the server still presents (and, with
# client certificates required, the server would not accept the new one).
#
# Exits 0 when nothing changed, after a reload, and while Redis does not answer yet (it is
# starting; the next pass tries again); 1 when Redis refuses the new files, which it then does not
# use: it keeps serving with the old ones.
#
# Environment: REDIS_PORT; REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE, REDIS_TLS_CA_FILE (as in
# redis.conf); RELOAD_STATE_DIR, a folder of this container only (memory-backed); REDISCLI_AUTH
# when auth is on; with ACL users, REDIS_CLI_USER and REDIS_CLI_PASSWORD_FILE instead (see
# probe.sh).
set -eu

: "${REDIS_PORT:?REDIS_PORT must be set}"
: "${REDIS_TLS_CERT_FILE:?REDIS_TLS_CERT_FILE must be set}"
: "${REDIS_TLS_KEY_FILE:?REDIS_TLS_KEY_FILE must be set}"
: "${REDIS_TLS_CA_FILE:?REDIS_TLS_CA_FILE must be set}"
: "${RELOAD_STATE_DIR:?RELOAD_STATE_DIR must be set}"

loaded="$RELOAD_STATE_DIR/tls-loaded"

log() {
  printf 'reload-tls: %s\n' "$*"
}

# redis-cli, or valkey-cli in a Valkey image built without the redis-* names.
redis_cli=redis-cli
command -v redis-cli >/dev/null 2>&1 || redis_cli=valkey-cli

# cli args... : redis-cli to this node over TLS, with the files the server loaded.
cli() {
  if [ -n "${REDIS_CLI_PASSWORD_FILE:-}" ]; then
    REDISCLI_AUTH=$(cat "$REDIS_CLI_PASSWORD_FILE")
    export REDISCLI_AUTH
  fi
  timeout 5 "$redis_cli" -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} \
    --tls --cacert "$loaded/ca.crt" --cert "$loaded/tls.crt" --key "$loaded/tls.key" "$@" 2>&1 | tr -d '\r'
}

# A digest of the certificate, key and CA files as they are now.
digest() {
  cat "$REDIS_TLS_CERT_FILE" "$REDIS_TLS_KEY_FILE" "$REDIS_TLS_CA_FILE" | cksum
}

# Copies the files into $loaded, all three from the same version of the Secret: the kubelet swaps
# them together, so a digest that changed while copying means "try again on the next pass".
record() {
  before=$(digest)
  mkdir -p "$loaded.new"
  chmod 700 "$loaded.new"
  cp "$REDIS_TLS_CERT_FILE" "$loaded.new/tls.crt"
  cp "$REDIS_TLS_KEY_FILE" "$loaded.new/tls.key"
  cp "$REDIS_TLS_CA_FILE" "$loaded.new/ca.crt"
  if [ "$(digest)" != "$before" ]; then
    rm -rf "$loaded.new"
    return 1
  fi
  printf '%s\n' "$before" >"$loaded.new/digest"
  rm -rf "$loaded"
  mv "$loaded.new" "$loaded"
}

# The other spelling of path $1: `/dir/./file` for `/dir/file`, and back.
other_spelling() {
  case "$1" in
  */./*) printf '%s\n' "$1" | sed 's#/\./#/#' ;;
  */*) printf '%s/./%s\n' "${1%/*}" "${1##*/}" ;;
  *) printf './%s\n' "$1" ;;
  esac
}

if [ "${1:-}" = --record ]; then
  record || record
  exit 0
fi

if [ ! -f "$loaded/digest" ]; then
  # Started without --record: whatever Redis loaded, these files are the best guess.
  record || exit 0
fi
if [ "$(digest)" = "$(cat "$loaded/digest")" ]; then
  exit 0
fi
if [ "$(cli ping)" != PONG ]; then
  exit 0
fi

# Copy first: once Redis has the new files, the copies must be the new ones.
new_digest=$(digest)
# Another spelling of the same files makes Redis load them; the paths of redis.conf again, which
# Redis loads once more, leave the settings as they were. (No CONFIG GET: with ACL users, this
# pass runs as the node user, which may CONFIG SET but not read the configuration.)
reply=$(cli config set tls-cert-file "$(other_spelling "$REDIS_TLS_CERT_FILE")" \
  tls-key-file "$(other_spelling "$REDIS_TLS_KEY_FILE")" tls-ca-cert-file "$(other_spelling "$REDIS_TLS_CA_FILE")")
if [ "$reply" != OK ]; then
  log "Redis refused the new certificate files and keeps the old ones: ${reply:-no reply}"
  exit 1
fi
reply=$(cli config set tls-cert-file "$REDIS_TLS_CERT_FILE" tls-key-file "$REDIS_TLS_KEY_FILE" tls-ca-cert-file "$REDIS_TLS_CA_FILE")
if [ "$reply" != OK ]; then
  log "Redis loaded the new certificate files but refused their paths of redis.conf: ${reply:-no reply}"
  exit 1
fi
if record; then
  log "loaded the new certificate files ($(printf '%s' "$new_digest" | cut -d' ' -f1))"
else
  log "loaded the new certificate files; they changed again meanwhile, the next pass loads those"
  rm -f "$loaded/digest"
fi

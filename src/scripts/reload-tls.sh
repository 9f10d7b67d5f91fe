#!/bin/sh
# One pass of the TLS certificate reload, run by reloader.sh every RELOAD_INTERVAL_SECONDS.
#
# Kubernetes updates a mounted Secret in place (cert-manager renews a certificate, or someone
# replaces the files), but Redis reads its certificate, key and CA only when it starts, or when
# `CONFIG SET tls-cert-file ...` changes one of those settings: setting a path to the value it
# already has reloads nothing. So when the files differ from the ones this server loaded, this
# pass sets the three paths to a spelling they do not have now (`/etc/redis-tls/tls.crt` and
# `/etc/redis-tls/./tls.crt` in turn, the same files), and Redis loads them, keeping every
# connection open. New connections, replication and the cluster bus then use the new certificate.
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
# when auth is on.
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

# cli args... : redis-cli to this node over TLS, with the files the server loaded.
cli() {
  timeout 5 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning \
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

current=$(cli config get tls-cert-file | sed -n 2p)
if [ "$current" = "$REDIS_TLS_CERT_FILE" ]; then
  cert=$(other_spelling "$REDIS_TLS_CERT_FILE")
  key=$(other_spelling "$REDIS_TLS_KEY_FILE")
  ca=$(other_spelling "$REDIS_TLS_CA_FILE")
else
  cert=$REDIS_TLS_CERT_FILE
  key=$REDIS_TLS_KEY_FILE
  ca=$REDIS_TLS_CA_FILE
fi
# Copy first: once Redis has the new files, the copies must be the new ones.
new_digest=$(digest)
reply=$(cli config set tls-cert-file "$cert" tls-key-file "$key" tls-ca-cert-file "$ca")
if [ "$reply" != OK ]; then
  log "Redis refused the new certificate files and keeps the old ones: ${reply:-no reply}"
  exit 1
fi
if record; then
  log "loaded the new certificate files ($(printf '%s' "$new_digest" | cut -d' ' -f1))"
else
  log "loaded the new certificate files; they changed again meanwhile, the next pass loads those"
  rm -f "$loaded/digest"
fi

#!/bin/sh
# Runs the reload passes of this container while its Redis server runs: every
# RELOAD_INTERVAL_SECONDS, each script named in RELOADERS (file names beside this script, e.g.
# `reload-tls.sh`), one after the other. A pass that fails is logged and tried again at the next
# interval; the loop ends when the server (this script's parent: start-redis.sh starts it in the
# background, then becomes redis-server) has exited.
#
# Environment: RELOADERS, RELOAD_INTERVAL_SECONDS, and what each pass needs.
set -eu

: "${RELOADERS:?RELOADERS must name at least one reload script}"
: "${RELOAD_INTERVAL_SECONDS:=10}"

here=$(dirname "$0")
server=$PPID

log() {
  printf 'reloader: %s\n' "$*"
}

log "every ${RELOAD_INTERVAL_SECONDS}s: $RELOADERS"
while kill -0 "$server" 2>/dev/null; do
  sleep "$RELOAD_INTERVAL_SECONDS"
  for pass in $RELOADERS; do
    sh "$here/$pass" || log "$pass failed (exit $?); trying again in ${RELOAD_INTERVAL_SECONDS}s"
  done
done

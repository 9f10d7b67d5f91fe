#!/bin/sh
# Picks up changed mounted files (Secrets, ConfigMaps) without restarting Redis: every
# RELOAD_INTERVAL_SECONDS, runs each reload pass named in RELOADERS (scripts beside this one, e.g.
# `reload-acl.sh`), each of which applies its own change if there is one. A failed pass is logged
# and tried again on the next round.
#
#   reloader.sh PID   runs for as long as process PID (redis-server) does
#
# start-redis.sh starts it in the background, only when something needs reloading.
#
# Environment: RELOADERS (space-separated script names), RELOAD_INTERVAL_SECONDS.
set -eu

: "${RELOADERS:?RELOADERS must be set}"
: "${RELOAD_INTERVAL_SECONDS:=2}"
watched=${1:?usage: reloader.sh PID}
dir=$(dirname "$0")

while kill -0 "$watched" 2>/dev/null; do
  sleep "$RELOAD_INTERVAL_SECONDS"
  for pass in $RELOADERS; do
    sh "$dir/$pass" || printf 'reloader: %s failed (exit %s); trying again in %ss\n' "$pass" "$?" "$RELOAD_INTERVAL_SECONDS"
  done
done

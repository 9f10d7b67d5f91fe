#!/bin/sh
# redis-cli as seen from inside one emulated pod.
#
# In Kubernetes every pod has its own network namespace, so 127.0.0.1 (and localhost) inside a pod
# is that pod's own Redis. Emulated pods share the machine's loopback, where each pod has its own
# 127.x.y.z address instead. The harness bind-mounts this script over redis-cli in each pod, with
# the pod's address filled in, so that `redis-cli -h 127.0.0.1` (as the probes run it) and a bare
# `redis-cli` reach the pod's own server, as they would in a pod. Every other host is left alone.
set -eu

pod_address='@POD_ADDRESS@'
real_redis_cli='@REDIS_CLI@'

has_host=false
previous=""
for argument; do
  shift
  if [ "$previous" = -h ]; then
    has_host=true
    case "$argument" in
    127.0.0.1 | localhost) argument=$pod_address ;;
    esac
  fi
  case "$argument" in
  -u | --cluster) has_host=true ;;
  esac
  set -- "$@" "$argument"
  previous=$argument
done
if [ "$has_host" = false ]; then
  set -- -h "$pod_address" "$@"
fi
exec "$real_redis_cli" "$@"

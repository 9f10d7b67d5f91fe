#!/bin/sh
# Turns the current process into one container of an emulated pod, then runs the container's
# command. Started by the live harness as root, inside `unshare --mount --uts --propagation private`,
# so every mount below is private to this pod and disappears when its last process exits.
#
#   _sandbox.sh [option...] -- command [arg...]
#
#   --hostname NAME         the pod's hostname
#   --file SRC DST          bind-mount file SRC over file DST (e.g. /etc/hosts; the harness
#                           rewrites SRC in place, so DST follows it)
#   --mount SRC DST rw|ro   bind-mount directory SRC on DST, read-write or read-only
#   --workdir DIR           the command's working directory (after the mounts)
#   --read-only-root        make the root filesystem read-only in this pod (readOnlyRootFilesystem)
#   --user UID GID GROUPS   run the command as UID:GID with supplementary GROUPS (comma-separated,
#                           may be empty); without it the command runs as root
#
# Mount points must exist: the harness creates them before it starts the pod.
set -eu

workdir=/
uid=""
gid=""
groups=""
read_only_root=false
while [ "$#" -gt 0 ]; do
  case "$1" in
  --hostname)
    hostname "$2"
    shift 2
    ;;
  --file)
    mount --bind "$2" "$3"
    shift 3
    ;;
  --mount)
    mount --bind "$2" "$3"
    if [ "$4" = ro ]; then
      mount -o remount,bind,ro "$3"
    fi
    shift 4
    ;;
  --workdir)
    workdir=$2
    shift 2
    ;;
  --read-only-root)
    read_only_root=true
    shift
    ;;
  --user)
    uid=$2
    gid=$3
    groups=$4
    shift 4
    ;;
  --)
    shift
    break
    ;;
  *)
    echo "_sandbox.sh: unknown option $1" >&2
    exit 2
    ;;
  esac
done

if [ "$#" -eq 0 ]; then
  echo "_sandbox.sh: no command given" >&2
  exit 2
fi

if [ "$read_only_root" = true ]; then
  # Only this namespace's root mount: the host's root stays writable.
  mount -o remount,bind,ro /
fi

cd "$workdir"
if [ -z "$uid" ]; then
  exec "$@"
fi
if [ -n "$groups" ]; then
  exec setpriv --reuid "$uid" --regid "$gid" --groups "$groups" -- "$@"
fi
exec setpriv --reuid "$uid" --regid "$gid" --clear-groups -- "$@"

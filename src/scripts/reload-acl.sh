#!/bin/sh
# Redis ACL users from mounted Secret files: assembles the ACL file and applies it, without a
# restart and without dropping a client.
#
#   reload-acl.sh --initial   before redis-server starts: writes the ACL file (for --aclfile), the
#                             masteruser/masterauth include and the in-pod client's password
#   reload-acl.sh             one reload pass (run by reloader.sh): assembles the ACL file again
#                             from the users template and the Secret files; if it differs from the
#                             one in force, applies it with ACL SETUSER / ACL DELUSER, installs it,
#                             and switches masterauth if the replication password changed; logs
#                             one line. Exits 0 when nothing changed or the change is applied,
#                             non-zero on a real failure (the ACL in force then stays as it was).
#
# ACL SETUSER, not ACL LOAD: on Redis 7.0 ACL LOAD disconnects every client of every user, even of
# users it leaves unchanged; ACL SETUSER changes a user in place and keeps its connections.
#
# The users template has one line per user: `<name> <password files, comma-separated, or -> <rules>`;
# the files are relative to SECRETS_DIR (`<secret>/<key>`, a Secret volume's files). Each existing
# file becomes a `#<sha256>` password; a listed file that is missing is skipped (a key that a
# rotation has not added yet, or has removed); a user with none left is an error. The last existing
# file is the user's current password, which the cluster's own clients use.
#
# Environment:
#   USERS_TEMPLATE           the users template (a ConfigMap file)
#   SECRETS_DIR              where the Secret volumes are mounted
#   ACL_FILE                 the ACL file Redis loads at start; beside it, in the same memory-backed
#                            folder: ACL_FILE.cli (the in-pod client's password) and
#                            ACL_FILE.masterauth (the replication password in force)
#   AUTH_CONF                with --initial: where to write `masteruser` / `masterauth`
#   MASTER_USER              the user replicas authenticate as
#   REDIS_CLI_USER           the user this pod's own scripts connect as (probes, preStop, this one)
#   REDIS_CLI_PASSWORD_FILE  where that user's current password is written (ACL_FILE.cli)
#   REDIS_PORT               the client port
# [tls]
#   REDIS_TLS                1 when the node speaks TLS; then REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE
#                            and REDIS_TLS_CA_FILE are the pod's certificate, key and CA
# [/tls]
set -eu

: "${USERS_TEMPLATE:?USERS_TEMPLATE must be set}"
: "${SECRETS_DIR:?SECRETS_DIR must be set}"
: "${ACL_FILE:?ACL_FILE must be set}"
: "${MASTER_USER:?MASTER_USER must be set}"
: "${REDIS_CLI_USER:?REDIS_CLI_USER must be set}"
: "${REDIS_CLI_PASSWORD_FILE:?REDIS_CLI_PASSWORD_FILE must be set}"

log() {
  printf 'reload-acl: %s\n' "$*"
}

# redis-cli, or valkey-cli in a Valkey image built without the redis-* names.
redis_cli=redis-cli
command -v redis-cli >/dev/null 2>&1 || redis_cli=valkey-cli

# cli args... : redis-cli to this node as REDIS_CLI_USER, bounded in time, replies without CR.
cli() {
  REDISCLI_AUTH=$(cat "$REDIS_CLI_PASSWORD_FILE")
  export REDISCLI_AUTH
  # [tls]
  if [ "${REDIS_TLS:-}" = 1 ]; then
    set -- --tls --cacert "$REDIS_TLS_CA_FILE" --cert "$REDIS_TLS_CERT_FILE" --key "$REDIS_TLS_KEY_FILE" "$@"
  fi
  # [/tls]
  timeout 5 "$redis_cli" -h 127.0.0.1 -p "${REDIS_PORT:?REDIS_PORT must be set}" --no-auth-warning --user "$REDIS_CLI_USER" "$@" 2>&1 | tr -d '\r'
}

# assemble OUT: writes the ACL file to OUT and `<user> <current password file>` lines to OUT.current.
assemble() {
  out=$1
  : >"$out"
  : >"$out.current"
  while read -r name files rules; do
    case "$name" in
    '' | '#'*) continue ;;
    esac
    hashes=""
    current=""
    missing=""
    if [ "$files" != - ]; then
      saved_ifs=$IFS
      IFS=,
      for file in $files; do
        path="$SECRETS_DIR/$file"
        if [ ! -f "$path" ]; then
          missing="$missing $file"
          continue
        fi
        if [ ! -s "$path" ] || [ "$(wc -l <"$path")" -ne 0 ]; then
          log "user $name: the password in $file is empty or has a line break; write it as one line without a newline (kubectl create secret --from-literal)"
          return 1
        fi
        hashes="$hashes #$(sha256sum <"$path" | cut -d ' ' -f 1)"
        current=$path
      done
      IFS=$saved_ifs
      if [ -z "$hashes" ]; then
        log "user $name: none of its password keys exists:$missing; add the key to the Secret"
        return 1
      fi
    fi
    printf 'user %s%s %s\n' "$name" "$hashes" "$rules" >>"$out"
    [ -z "$current" ] || printf '%s %s\n' "$name" "$current" >>"$out.current"
  done <"$USERS_TEMPLATE"
}

# current_file USER ASSEMBLED : the current password file of USER, from ASSEMBLED.current.
current_file() {
  awk -v user="$1" '$1 == user { print $2 }' "$2.current"
}

# Copies the in-pod client's current password next to the ACL file, readable by this user only.
install_cli_password() {
  file=$(current_file "$REDIS_CLI_USER" "$1")
  [ -n "$file" ] || {
    log "user $REDIS_CLI_USER, which this pod's scripts connect as, has no password"
    return 1
  }
  (umask 077 && cat "$file" >"$REDIS_CLI_PASSWORD_FILE.next")
  mv "$REDIS_CLI_PASSWORD_FILE.next" "$REDIS_CLI_PASSWORD_FILE"
}

umask 077
next="$ACL_FILE.next"
assemble "$next"

if [ "${1:-}" = --initial ]; then
  : "${AUTH_CONF:?AUTH_CONF must be set}"
  master_file=$(current_file "$MASTER_USER" "$next")
  [ -n "$master_file" ] || {
    log "user $MASTER_USER, which replicas authenticate as, has no password"
    exit 1
  }
  quoted=$(sed 's/\\/\\\\/g; s/"/\\"/g' "$master_file")
  printf 'masteruser %s\nmasterauth "%s"\n' "$MASTER_USER" "$quoted" >"$AUTH_CONF"
  cat "$master_file" >"$ACL_FILE.masterauth"
  install_cli_password "$next"
  mv "$next" "$ACL_FILE"
  mv "$next.current" "$ACL_FILE.current"
  log "wrote $(wc -l <"$ACL_FILE") users to $ACL_FILE"
  exit 0
fi

if cmp -s "$next" "$ACL_FILE"; then
  rm -f "$next" "$next.current"
  exit 0
fi

# One ACL SETUSER per user (reset first, so the line says everything the user may do), and an
# ACL DELUSER for each user that is gone; sent on redis-cli's stdin, so that no password hash
# appears on a command line.
commands="$ACL_FILE.commands"
awk '{ $1 = ""; name = $2; $2 = ""; sub(/^ +/, ""); print "ACL SETUSER " name " reset " $0 }' "$next" >"$commands"
changed=$(awk 'FNR == NR { old[$0] = 1; next } !($0 in old) { printf " %s", $2 }' "$ACL_FILE" "$next")
users=$(cli acl users)
if ! printf '%s\n' "$users" | grep -q -x -F "$REDIS_CLI_USER"; then
  log "FAILED to list the users in force as $REDIS_CLI_USER: $users"
  exit 1
fi
for user in $users; do
  awk -v user="$user" '$2 == user { found = 1 } END { exit !found }' "$next" || {
    printf 'ACL DELUSER %s\n' "$user" >>"$commands"
    changed="$changed -$user"
  }
done
replies=$(cli <"$commands") || true
failed=$(printf '%s\n' "$replies" | grep -v -x -e OK -e 1 || true)
if [ -n "$failed" ]; then
  log "FAILED to apply the users file (the users in force may be partly updated; the next pass tries again): $failed"
  exit 1
fi
install_cli_password "$next"

master_file=$(current_file "$MASTER_USER" "$next")
if [ -n "$master_file" ] && ! cmp -s "$master_file" "$ACL_FILE.masterauth"; then
  reply=$(cli -x config set masterauth <"$master_file")
  if [ "$reply" != OK ]; then
    log "FAILED to switch masterauth to the new replication password: $reply"
    exit 1
  fi
  cat "$master_file" >"$ACL_FILE.masterauth"
  changed="$changed masterauth"
fi
mv "$next" "$ACL_FILE"
mv "$next.current" "$ACL_FILE.current"
rm -f "$commands"
log "applied $(wc -l <"$ACL_FILE") users; changed:$changed"

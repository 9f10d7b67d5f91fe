#!/bin/sh
# Installs the Redis and Valkey servers the live tests run besides the machine's own Redis 7.0
# (Debian 12): Redis 8.0 and Valkey 8.1 from Debian 13 ("trixie"), each in a private folder:
#
#   $SERVERS_DIR/redis-8.0/bin/{redis-server,redis-cli,...}
#   $SERVERS_DIR/valkey-8.1/bin/{valkey-server,valkey-cli,...}
#   $SERVERS_DIR/<server>-<major.minor>/VERSION    the exact version, e.g. 8.0.2
#
# Debian 13's binaries need Debian 13's C library, which Debian 12 does not have, so they run
# through Debian 13's own dynamic loader with Debian 13's libraries (a small wrapper per binary).
# The packages are fetched with apt from Debian's archive, with a separate sources list, state
# and cache directory: the machine's own apt state and installed packages are not touched. They
# are unpacked with `dpkg -x`, never installed.
#
#   scripts/install-servers.sh          install what is missing (a second run does nothing)
#   SERVERS_DIR=/elsewhere scripts/install-servers.sh
#
# Needs root only to write SERVERS_DIR (default /opt/redis-cluster-cdk8s/servers); needs apt-get,
# dpkg and the network access apt has.
set -eu

servers_dir=${SERVERS_DIR:-/opt/redis-cluster-cdk8s/servers}
suite=${SERVERS_SUITE:-trixie}
mirror=${SERVERS_MIRROR:-http://deb.debian.org/debian}
keyring=${SERVERS_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

# server folder, major.minor expected, packages with its binaries, binaries to wrap
redis_folder=redis-8.0
redis_packages="redis-server redis-tools"
redis_binaries="redis-server redis-cli redis-benchmark redis-check-aof redis-check-rdb"
valkey_folder=valkey-8.1
valkey_packages="valkey-server valkey-tools"
valkey_binaries="valkey-server valkey-cli valkey-benchmark valkey-check-aof valkey-check-rdb"
# What the servers load at run time, beyond the loader itself (libc6).
libraries="libc6 libstdc++6 libgcc-s1 libssl3t64 libsystemd0 libjemalloc2 liblzf1 libatomic1 libcap2 libgcrypt20 liblzma5 libzstd1 liblz4-1 libgpg-error0"

log() { printf 'install-servers: %s\n' "$*" >&2; }

# Prints the version a wrapped server reports ("8.0.2"), or nothing when it does not run.
server_version() {
  "$1" --version 2>/dev/null | sed -n 's/.* v=\([0-9][0-9.]*\) .*/\1/p'
}

installed() {
  folder=$1
  server=$2
  [ -x "$servers_dir/$folder/bin/$server" ] && [ -f "$servers_dir/$folder/VERSION" ] \
    && [ "$(server_version "$servers_dir/$folder/bin/$server")" = "$(cat "$servers_dir/$folder/VERSION")" ]
}

if installed "$redis_folder" redis-server && installed "$valkey_folder" valkey-server; then
  log "already installed: $(cat "$servers_dir/$redis_folder/VERSION") in $servers_dir/$redis_folder, $(cat "$servers_dir/$valkey_folder/VERSION") in $servers_dir/$valkey_folder"
  exit 0
fi

mkdir -p "$servers_dir"
work=$(mktemp -d "$servers_dir/.install.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A private apt: its own sources list, lists, cache and (empty) dpkg status.
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/parts" "$work/debs"
: >"$work/apt/status"
printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$suite" >"$work/apt/sources.list"
private_apt() {
  apt-get -q \
    -o Dir::Etc::SourceList="$work/apt/sources.list" \
    -o Dir::Etc::SourceParts="$work/apt/parts" \
    -o Dir::Etc::Preferences=/dev/null \
    -o Dir::Etc::PreferencesParts="$work/apt/parts" \
    -o Dir::State::Lists="$work/apt/lists" \
    -o Dir::State::status="$work/apt/status" \
    -o Dir::Cache="$work/apt/cache" \
    -o Debug::NoLocking=true \
    -o APT::Sandbox::User=root \
    "$@"
}

log "fetching the $suite package lists from $mirror"
private_apt update >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
# shellcheck disable=SC2086 # word splitting of the package lists is intended
(cd "$work/debs" && private_apt download $redis_packages $valkey_packages $libraries >"$work/apt.log" 2>&1) \
  || { cat "$work/apt.log" >&2; exit 1; }

# One root per server, so each folder stands on its own and can be removed on its own.
unpack() {
  folder=$1
  packages=$2
  binaries=$3
  server=$4
  expected=$5
  root="$work/$folder/root"
  mkdir -p "$root" "$work/$folder/bin"
  for package in $packages $libraries; do
    deb=$(ls "$work/debs/${package}_"*.deb)
    dpkg -x "$deb" "$root"
  done
  # Debian 13 merged /lib into /usr/lib: the loader may be reached through either.
  loader="$servers_dir/$folder/root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
  library_path="$servers_dir/$folder/root/usr/lib/x86_64-linux-gnu:$servers_dir/$folder/root/lib/x86_64-linux-gnu"
  for binary in $binaries; do
    if [ ! -e "$root/usr/bin/$binary" ]; then
      log "$folder: the packages have no /usr/bin/$binary"
      exit 1
    fi
    # --argv0 keeps the name the binary was called by: redis-server and redis-check-rdb are one
    # binary that picks its part by that name.
    cat >"$work/$folder/bin/$binary" <<WRAPPER
#!/bin/sh
# $binary from Debian $suite, run through that release's own loader and libraries.
exec '$loader' --library-path '$library_path' --argv0 "\$0" '$servers_dir/$folder/root/usr/bin/$binary' "\$@"
WRAPPER
    chmod 755 "$work/$folder/bin/$binary"
  done
  rm -rf "${servers_dir:?}/$folder"
  mv "$work/$folder" "$servers_dir/$folder"
  chmod -R a+rX "$servers_dir/$folder"
  version=$(server_version "$servers_dir/$folder/bin/$server")
  case "$version" in
  "$expected".*) ;;
  *)
    log "$folder: $server reports version '${version:-none}', expected $expected.x"
    exit 1
    ;;
  esac
  printf '%s\n' "$version" >"$servers_dir/$folder/VERSION"
  log "installed $server $version in $servers_dir/$folder"
}

unpack "$redis_folder" "$redis_packages" "$redis_binaries" redis-server 8.0
unpack "$valkey_folder" "$valkey_packages" "$valkey_binaries" valkey-server 8.1
chmod a+rx "$servers_dir" "$(dirname "$servers_dir")"

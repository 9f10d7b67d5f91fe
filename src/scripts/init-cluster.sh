#!/bin/sh
# Forms the Redis Cluster from the pods of the StatefulSet, and brings a running cluster to the
# topology the arguments give. Run by the Job each topology gets; safe to run again: a run over a
# cluster that already has this topology changes nothing.
#
#   init-cluster.sh --cluster-replicas R host:port ... [--drain host:port ...]
#
# The addresses before --drain are the pods that hold the cluster: (1 + R) per master, so the
# number of masters is their count / (1 + R). The addresses after --drain are pods about to be
# removed (scale in): their slots move to the kept pods and the cluster forgets them.
#
# 1. Waits (bounded) until every listed node answers PING, naming the ones it is still waiting for.
# 2. No node sees a cluster covering all 16384 slots: if no node holds data, runs
#    `redis-cli --cluster create` (resetting nodes left half-joined by an earlier attempt); if a
#    node holds data, stops and says so (and, for a cluster that lost slots, why it is not
#    resized): that needs a person.
# 3. A cluster covering all slots exists: resizes it, working from what the cluster itself says (roles move after
#    failovers, so pod ordinals say nothing about them):
#    a. refuses unless it is healthy: no node failing, every slot assigned and served, all nodes
#       agreeing. Slots left open by an interrupted migration are finished first (--cluster fix).
#    b. joins the kept pods the cluster does not know (--cluster add-node): as masters while
#       fewer masters exist than wanted, the rest as replicas of the master with the fewest. A pod
#       that holds keys but is not in the cluster is never touched.
#    c. drain: while fewer masters are on kept pods than wanted, hands a retiring master's slots
#       to a replica on a kept pod (CLUSTER FAILOVER, after CLUSTER REPLICATE if it has none there).
#    d. chooses the masters that own slots (those holding most), and moves slots and their keys
#       until each owns an even share (--cluster rebalance; every other master gets weight 0).
#    e. moves replicas (CLUSTER REPLICATE) until each owner has R on kept pods: spare masters,
#       which own no slots and hold no keys by then, and replicas of owners that have too many go
#       to the owner with the fewest.
#    f. drain: has every kept node forget the retiring nodes, which own no slots by then, then
#       resets them (a replica's keys are a copy of its master's), so that a pod that comes back
#       later joins afresh.
# 4. Verifies (bounded): every kept node reports cluster_state:ok, 16384 slots assigned, knows
#    exactly the kept nodes and sees every replica; every replica has synced; the masters that own
#    slots are as many as wanted, each with R replicas; no slot is open; then `--cluster check`.
#
# Environment:
#   WAIT_TIMEOUT_SECONDS  bound for step 1, for each wait of step 3 and, separately, for step 4
#   POLL_INTERVAL_SECONDS pause between checks
#   REDISCLI_AUTH         the password, when auth is on
#   REDIS_CLI_USER        with ACL users: the user to connect as (REDISCLI_AUTH is its password)
# [tls]
#   REDIS_TLS             1 when the nodes speak TLS; then REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE
#                         and REDIS_TLS_CA_FILE are this Job's certificate, key and CA
# [/tls]
set -eu

: "${WAIT_TIMEOUT_SECONDS:=300}"
: "${POLL_INTERVAL_SECONDS:=2}"

usage() {
  echo "init-cluster: usage: init-cluster.sh --cluster-replicas N host:port host:port host:port [...] [--drain host:port ...]" >&2
  exit 2
}
if [ "$#" -lt 2 ] || [ "$1" != --cluster-replicas ]; then
  usage
fi
replicas=$2
shift 2
case "$replicas" in
'' | *[!0-9]*) usage ;;
esac
keep=""
drain=""
expected=0
draining=""
for arg in "$@"; do
  if [ "$arg" = --drain ]; then
    draining=yes
  elif [ -n "$draining" ]; then
    drain="$drain $arg"
  else
    keep="$keep $arg"
    expected=$((expected + 1))
  fi
done
[ "$expected" -ge 3 ] || usage
if [ $((expected % (replicas + 1))) != 0 ]; then
  echo "init-cluster: $expected nodes cannot be masters with $replicas replica(s) each: list a multiple of $((replicas + 1)) nodes" >&2
  exit 2
fi
shards=$((expected / (replicas + 1)))

log() {
  printf '%s init-cluster: %s\n' "$(date -u +%H:%M:%S)" "$*"
}

fail() {
  log "FAILED: $*"
  exit 1
}

# The client: redis-cli, or valkey-cli in a Valkey image built without the redis-* names.
redis_cli=redis-cli
command -v redis-cli >/dev/null 2>&1 || redis_cli=valkey-cli

# run_cli seconds args... : redis-cli with the connection options every call needs (the user, and
#   TLS when the nodes speak it), stopped after that many seconds.
run_cli() {
  seconds=$1
  shift
  # [tls]
  if [ "${REDIS_TLS:-}" = 1 ]; then
    set -- --tls --cacert "$REDIS_TLS_CA_FILE" --cert "$REDIS_TLS_CERT_FILE" --key "$REDIS_TLS_KEY_FILE" "$@"
  fi
  # [/tls]
  timeout "$seconds" "$redis_cli" --no-auth-warning ${REDIS_CLI_USER:+--user "$REDIS_CLI_USER"} "$@"
}

# cli host:port args... : one redis-cli call to one node, bounded in time, replies without CR.
# cli --cluster command args... : one redis-cli cluster-manager command, bounded by
#   WAIT_TIMEOUT_SECONDS, its output as it comes, its exit status kept.
cli() {
  if [ "$1" = --cluster ]; then
    shift
    status=0
    run_cli "$WAIT_TIMEOUT_SECONDS" --cluster "$@" </dev/null || status=$?
    [ "$status" != 124 ] || log "redis-cli --cluster $1 did not finish within ${WAIT_TIMEOUT_SECONDS}s (WAIT_TIMEOUT_SECONDS) and was stopped"
    return "$status"
  fi
  address=$1
  shift
  run_cli 10 -h "${address%:*}" -p "${address##*:}" "$@" 2>&1 | tr -d '\r'
}

# field host:port name : one field of CLUSTER INFO.
info_field() {
  cli "$1" cluster info | sed -n "s/^$2://p"
}

now() {
  date +%s
}

# wait_for what command args... : runs the command until it succeeds, at most WAIT_TIMEOUT_SECONDS.
wait_for() {
  what=$1
  shift
  until_time=$(($(now) + WAIT_TIMEOUT_SECONDS))
  until "$@"; do
    [ "$(now)" -lt "$until_time" ] || fail "after ${WAIT_TIMEOUT_SECONDS}s still waiting for $what"
    sleep "$POLL_INTERVAL_SECONDS"
  done
}

log "waiting up to ${WAIT_TIMEOUT_SECONDS}s for $expected nodes${drain:+ and the drained ones} to answer PING"
deadline=$(($(now) + WAIT_TIMEOUT_SECONDS))
answered=""
while :; do
  missing=""
  for node in $keep $drain; do
    if [ "$(cli "$node" ping || true)" = PONG ]; then
      answered=yes
    else
      missing="$missing $node"
    fi
  done
  [ -z "$missing" ] && break
  if [ "$(now)" -ge "$deadline" ]; then
    log "FAILED: after ${WAIT_TIMEOUT_SECONDS}s these pods still do not answer PING:$missing"
    if [ -z "$answered" ]; then
      # No pod ever answered: they were most likely never scheduled.
      log "no pod ever answered: the likely cause is PersistentVolumeClaims stuck Pending, e.g. because their StorageClass (default 'nfs-client') does not exist on this cluster"
      log "check with: kubectl get pvc,pods; kubectl get storageclass; kubectl describe pvc <claim>"
    else
      log "check that their pods are Running (kubectl get pods) and look at their logs"
    fi
    exit 1
  fi
  log "still waiting for:$missing"
  sleep "$POLL_INTERVAL_SECONDS"
done
log "all $expected nodes${drain:+ and the drained ones} answer"

# --- The cluster as the entry node sees it -------------------------------------------------------

# table: one line per node the entry node knows: "id role master-id slots flags", where role is
# master or replica, master-id is - for a master, and slots counts the slots it owns.
table() {
  cli "$entry" cluster nodes | awk 'NF >= 8 {
    n = 0
    for (i = 9; i <= NF; i++) {
      if ($i ~ /^\[/) continue
      k = split($i, r, "-")
      n += (k == 2) ? r[2] - r[1] + 1 : 1
    }
    print $1, ($3 ~ /master/) ? "master" : "replica", $4, n, $3
  }'
}

refresh() {
  nodes_table=$(table)
}

# kept / retiring: lines of the table for the kept nodes / for every other node.
kept() {
  printf '%s\n' "$nodes_table" | awk -v ids=" $kept_ids " 'NF && index(ids, " " $1 " ")'
}
retiring() {
  printf '%s\n' "$nodes_table" | awk -v ids=" $kept_ids " 'NF && !index(ids, " " $1 " ")'
}

# map_ids: learns each kept node's id (a node that is reset gets a new one).
map_ids() {
  id_map=""
  kept_ids=""
  for node in $keep; do
    id=$(cli "$node" cluster myid)
    id_map="$id_map$node $id
"
    kept_ids="$kept_ids $id"
  done
}

# address_of id : the address of a kept node.
address_of() {
  printf '%s' "$id_map" | awk -v id="$1" '$2 == id { print $1 }'
}

# known id : the entry node knows the node.
known() {
  refresh
  printf '%s\n' "$nodes_table" | awk -v id="$1" '$1 == id { found = 1 } END { exit !found }'
}

# owners_by_slots : the kept masters, those owning most slots first, at most $shards of them.
owners_by_slots() {
  kept | awk '$2 == "master"' | sort -k4,4nr -k1,1 | head -n "$shards" | awk '{ printf "%s ", $1 }'
}

# fewest : the owner with the fewest replicas on kept pods.
fewest() {
  kept | awk -v owners=" $owners " '
    $2 == "master" && index(owners, " " $1 " ") { count[$1] += 0 }
    $2 == "replica" { count[$3]++ }
    END {
      for (m in count) {
        if (!index(owners, " " m " ")) continue
        if (best == "" || count[m] < least || (count[m] == least && m < best)) { best = m; least = count[m] }
      }
      print best
    }'
}

# replicates address master-id : the node's own view says it replicates that master.
replicates() {
  [ "$(cli "$1" cluster nodes | awk '$3 ~ /myself/ { print $4 }')" = "$2" ]
}

# synced address : the replica has completed its sync.
synced() {
  cli "$1" info replication | grep -q '^master_link_status:up'
}

# is_master address : the node reports the master role.
is_master() {
  [ "$(cli "$1" role | head -n 1)" = master ]
}

# converged : every joined kept node knows as many nodes as the entry node, none in handshake,
# and reports cluster_state:ok, so that a command that goes to any of them finds every node.
converged() {
  refresh
  total=$(printf '%s\n' "$nodes_table" | awk 'NF { n++ } END { print n + 0 }')
  for node in $keep; do
    view=$(cli "$node" cluster nodes)
    count=$(printf '%s\n' "$view" | awk 'NF >= 8 && $3 !~ /handshake/ { n++ } END { print n + 0 }')
    [ "$count" = 1 ] && continue
    [ "$count" = "$total" ] || return 1
    # A node that has just joined reports the cluster down for a moment, and refuses slots meanwhile.
    [ "$(info_field "$node" cluster_state)" = ok ] || return 1
  done
}

# owns_slots id : the entry node sees the node as a master owning slots.
owns_slots() {
  refresh
  printf '%s\n' "$nodes_table" | awk -v id="$1" '$1 == id && $2 == "master" && $4 > 0 { found = 1 } END { exit !found }'
}

# attach id master-id : makes a kept node a replica of a master and waits for it to say so.
attach() {
  address=$(address_of "$1")
  log "attaching $address as a replica of $2"
  reply=$(cli "$address" cluster replicate "$2")
  [ "$reply" = OK ] || fail "CLUSTER REPLICATE $2 on $address answered: $reply"
  wait_for "$address to replicate $2" replicates "$address" "$2"
}

# healthy : refuses to go on unless the cluster is healthy; finishes open slots first.
healthy() {
  refresh
  bad=$(printf '%s\n' "$nodes_table" | awk '$5 ~ /fail|handshake|noaddr/ { printf " %s(%s)", $1, $5 }')
  [ -z "$bad" ] || fail "the cluster is not healthy, so it is not resized: these nodes are failing or not yet joined:$bad; wait for them to recover (or fail over), then run the Job again"
  for node in $members; do
    info=$(cli "$node" cluster info)
    state=$(printf '%s\n' "$info" | sed -n 's/^cluster_state://p')
    assigned=$(printf '%s\n' "$info" | sed -n 's/^cluster_slots_assigned://p')
    served=$(printf '%s\n' "$info" | sed -n 's/^cluster_slots_ok://p')
    if [ "$state" != ok ] || [ "$assigned" != 16384 ] || [ "$served" != 16384 ]; then
      fail "the cluster is not healthy, so it is not resized: $node reports cluster_state:${state:-?}, ${assigned:-?} of 16384 slots assigned, ${served:-?} served; inspect with redis-cli --cluster check $node"
    fi
  done
  # A slot is open where a master migrates or imports it. Valkey 8 copies that state to replicas,
  # and a replica attached during a move can keep a stale copy that no master has: only masters'
  # own open slots are an interrupted migration.
  open=""
  for node in $members; do
    cli "$node" cluster nodes | awk '$3 ~ /myself/ && $3 ~ /master/ && /\[/ { found = 1 } END { exit !found }' &&
      open="$open $node"
  done
  if [ -n "$open" ]; then
    log "slots left open by an interrupted migration (seen by:$open); finishing them with --cluster fix"
    cli --cluster fix "$entry" || fail "--cluster fix could not close the open slots (output above)"
  fi
  # Right after an interrupted move the nodes may disagree about an owner for a moment, until the
  # new owner's epoch wins; a disagreement that lasts is a problem.
  until_time=$(($(now) + WAIT_TIMEOUT_SECONDS))
  until cli --cluster check "$entry" >/dev/null; do
    if [ "$(now)" -ge "$until_time" ]; then
      cli --cluster check "$entry" || true
      fail "the cluster is not healthy, so it is not resized: after ${WAIT_TIMEOUT_SECONDS}s --cluster check still reports the problems above"
    fi
    sleep "$POLL_INTERVAL_SECONDS"
  done
}

# --- Create, or resize ---------------------------------------------------------------------------

# formed: nodes that see a cluster covering all 16384 slots (assigned, even if some are open or on
# a failing node); members: nodes in a cluster with some slots assigned.
formed=""
members=""
joined=""
with_data=""
for node in $keep; do
  known_nodes=$(info_field "$node" cluster_known_nodes)
  assigned=$(info_field "$node" cluster_slots_assigned)
  [ "$assigned" = 16384 ] && formed="$formed $node"
  [ "${assigned:-0}" -gt 0 ] 2>/dev/null && [ "${known_nodes:-1}" -gt 1 ] && members="$members $node"
  [ "$known_nodes" = 1 ] || joined="$joined $node"
  [ "$(cli "$node" dbsize)" = 0 ] || with_data="$with_data $node"
done

if [ -z "$formed" ]; then
  if [ -n "$with_data" ]; then
    log "FAILED: no cluster covers all slots, but these nodes hold data:$with_data"
    log "refusing to reset them; inspect with: redis-cli --cluster check <node>, repair with --cluster fix"
    if [ -n "$members" ]; then
      first_member=${members# }
      first_member=${first_member%% *}
      info=$(cli "$first_member" cluster info)
      log "the cluster is not healthy, so it is not resized: $first_member reports" \
        "cluster_state:$(printf '%s\n' "$info" | sed -n 's/^cluster_state://p')," \
        "$(printf '%s\n' "$info" | sed -n 's/^cluster_slots_assigned://p') of 16384 slots assigned"
    fi
    exit 1
  fi
  [ -z "$drain" ] || fail "there is no cluster to drain: no listed node sees a cluster covering all 16384 slots"
  if [ -n "$joined" ]; then
    log "nodes left half-joined by an earlier attempt, holding no data:$joined; resetting them"
    for node in $keep; do
      cli "$node" cluster reset hard >/dev/null
    done
  fi
  log "creating the cluster: $expected nodes, $replicas replica(s) per master"
  # shellcheck disable=SC2086 # the addresses are words
  cli --cluster create $keep --cluster-replicas "$replicas" --cluster-yes
else
  entry=${formed# }
  entry=${entry%% *}
  log "a cluster covering all 16384 slots already exists (seen by:$formed); bringing it to $shards masters with $replicas replica(s) each"
  map_ids
  healthy
  if [ -z "$drain" ] && [ -n "$(retiring)" ]; then
    fail "the cluster knows nodes that are not listed pods: $(retiring | awk '{ printf "%s ", $1 }')- if the StatefulSet was shrunk without a drain, their slots may be lost: see the README's Scale section"
  fi

  # b. Join the kept pods the cluster does not know yet.
  for node in $keep; do
    id=$(cli "$node" cluster myid)
    known "$id" && continue
    keys=$(cli "$node" dbsize)
    [ "$keys" = 0 ] || fail "$node holds $keys keys but is not part of the cluster: refusing to touch it; if its data is not needed, empty it (CLUSTER RESET HARD after FLUSHALL), then run the Job again"
    if [ "$(info_field "$node" cluster_known_nodes)" != 1 ]; then
      log "$node knows nodes of another cluster but holds no keys; resetting it before it joins"
      cli "$node" cluster reset hard >/dev/null
      id=$(cli "$node" cluster myid)
    fi
    masters=$(kept | awk '$2 == "master"' | wc -l)
    if [ "$masters" -lt "$shards" ]; then
      log "adding $node as a master"
      cli --cluster add-node "$node" "$entry" || fail "--cluster add-node $node failed (output above)"
    else
      owners=$(owners_by_slots)
      master=$(fewest)
      log "adding $node as a replica of $master"
      cli --cluster add-node "$node" "$entry" --cluster-slave --cluster-master-id "$master" ||
        fail "--cluster add-node $node failed (output above)"
    fi
    wait_for "the cluster to know $node" known "$id"
    wait_for "every node to know $node" converged
    map_ids
  done
  map_ids

  # c. Drain: keep enough masters on kept pods, moving roles rather than keys where it can.
  if [ -n "$drain" ]; then
    while :; do
      refresh
      [ "$(kept | awk '$2 == "master" && $4 > 0' | wc -l)" -lt "$shards" ] || break
      leaving=$(retiring | awk '$2 == "master" && $4 > 0 { print $1; exit }')
      [ -n "$leaving" ] || break
      heir=$(kept | awk -v m="$leaving" '$2 == "replica" && $3 == m { print $1; exit }')
      if [ -z "$heir" ]; then
        heir=$(kept | awk '$2 == "replica" { n[$3]++; r[$3] = $1 } END { for (m in n) if (n[m] > best) { best = n[m]; pick = r[m] } print pick }')
        [ -n "$heir" ] || fail "no replica on a kept pod can take over the slots of retiring master $leaving"
        attach "$heir" "$leaving"
      fi
      address=$(address_of "$heir")
      wait_for "$address to sync with $leaving" synced "$address"
      log "$address takes over the slots of retiring master $leaving (CLUSTER FAILOVER)"
      reply=$(cli "$address" cluster failover)
      [ "$reply" = OK ] || fail "CLUSTER FAILOVER on $address answered: $reply"
      wait_for "$address to become a master" is_master "$address"
      wait_for "the cluster to see $address own slots" owns_slots "$heir"
    done
  fi

  # d. Choose the owners and give each an even share of the slots.
  refresh
  owners=$(owners_by_slots)
  for id in $(kept | awk -v owners=" $owners " '$2 == "master" && $4 == 0 && !index(owners, " " $1 " ") { print $1 }'); do
    [ "$(cli "$(address_of "$id")" dbsize)" = 0 ] || fail "$(address_of "$id") is a master without slots but holds keys: refusing to make it a replica"
    attach "$id" "$(fewest)"
  done
  refresh
  weights=$(printf '%s\n' "$nodes_table" | awk -v owners=" $owners " 'NF && $2 == "master" && !index(owners, " " $1 " ") { printf "%s=0 ", $1 }')
  uneven=$(printf '%s\n' "$nodes_table" | awk -v owners=" $owners " -v shards="$shards" '
    NF && $2 == "master" {
      owner = index(owners, " " $1 " ")
      if ((!owner && $4 > 0) || (owner && ($4 - 16384 / shards > 16384 / shards * 0.02 || 16384 / shards - $4 > 16384 / shards * 0.02))) print $1
    }')
  if [ -n "$uneven" ]; then
    log "moving slots so that $shards masters own an even share${weights:+ (weight 0: $weights)}"
    # shellcheck disable=SC2086 # the weights are words
    cli --cluster rebalance "$entry" --cluster-use-empty-masters ${weights:+--cluster-weight $weights} ||
      fail "--cluster rebalance failed (output above); running the Job again resumes it"
  else
    log "every owner already has an even share of the slots"
  fi
  refresh
  for id in $(printf '%s\n' "$nodes_table" | awk -v owners=" $owners " 'NF && $2 == "master" && $4 > 0 && !index(owners, " " $1 " ") { print $1 }'); do
    fail "master $id still owns slots after the rebalance; running the Job again resumes it"
  done

  # e. Replicas: every kept node that is not an owner replicates one, R per owner.
  moves=0
  while [ "$moves" -le $((expected * 2)) ]; do
    refresh
    stray=$(kept | awk -v owners=" $owners " '!index(owners, " " $1 " ") && !($2 == "replica" && index(owners, " " $3 " ")) { print $1; exit }')
    if [ -n "$stray" ]; then
      [ "$(printf '%s\n' "$nodes_table" | awk -v id="$stray" '$1 == id { print $4 }')" = 0 ] || fail "$stray owns slots but is not an owner"
      attach "$stray" "$(fewest)"
    else
      move=$(kept | awk -v owners=" $owners " -v r="$replicas" '
        $2 == "master" && index(owners, " " $1 " ") { n[$1] += 0 }
        $2 == "replica" && index(owners, " " $3 " ") { n[$3]++; last[$3] = $1 }
        END {
          for (m in n) { if (n[m] > r && (rich == "" || n[m] > n[rich])) rich = m; if (n[m] < r && (poor == "" || n[m] < n[poor])) poor = m }
          if (rich != "" && poor != "") print last[rich], poor
        }')
      [ -n "$move" ] || break
      # shellcheck disable=SC2086 # "replica master"
      attach $move
    fi
    moves=$((moves + 1))
  done

  # f. Drain: forget the retiring nodes, then reset them.
  if [ -n "$drain" ]; then
    refresh
    for id in $(retiring | awk '{ print $1 }'); do
      [ "$(retiring | awk -v id="$id" '$1 == id { print $4 }')" = 0 ] || fail "retiring node $id still owns slots"
      log "every kept node forgets retiring node $id"
      for node in $keep; do
        reply=$(cli "$node" cluster forget "$id")
        case "$reply" in
        OK | *"Unknown node"*) ;;
        *) fail "CLUSTER FORGET $id on $node answered: $reply" ;;
        esac
      done
    done
    for node in $drain; do
      id=$(cli "$node" cluster myid)
      if known "$id"; then
        fail "the cluster still knows drained node $node ($id)"
      fi
      if [ "$(info_field "$node" cluster_known_nodes)" = 1 ] && [ "$(cli "$node" dbsize)" = 0 ]; then
        continue
      fi
      role=$(cli "$node" role | head -n 1)
      keys=$(cli "$node" dbsize)
      case "$role" in
      master | slave) ;;
      *) fail "ROLE on drained node $node answered: $role; refusing to reset it" ;;
      esac
      if [ "$role" = master ] && [ "$keys" != 0 ]; then
        fail "drained node $node is a master holding $keys keys: refusing to reset it"
      fi
      if [ "$role" = master ]; then
        log "resetting drained node $node (an empty master)"
      else
        log "resetting drained node $node (a replica: its $keys keys are a copy of its master's)"
      fi
      reply=$(cli "$node" cluster reset hard)
      [ "$reply" = OK ] || fail "CLUSTER RESET HARD on $node answered: $reply"
    done
  fi
fi

# --- Verify --------------------------------------------------------------------------------------

replicas_expected=$((expected - shards))
log "verifying: every node must report cluster_state:ok, 16384 slots, $expected known nodes and $replicas_expected replicas; $shards masters with $replicas replica(s) each"
first=${keep# }
first=${first%% *}
deadline=$(($(now) + WAIT_TIMEOUT_SECONDS))
while :; do
  pending=""
  for node in $keep; do
    info=$(cli "$node" cluster info)
    state=$(printf '%s\n' "$info" | sed -n 's/^cluster_state://p')
    slots=$(printf '%s\n' "$info" | sed -n 's/^cluster_slots_assigned://p')
    known=$(printf '%s\n' "$info" | sed -n 's/^cluster_known_nodes://p')
    view=$(cli "$node" cluster nodes)
    # Replicas as this node sees them: right after a change the news is still spreading.
    seen=$(printf '%s\n' "$view" | awk '$3 ~ /slave/ { n++ } END { print n + 0 }')
    # Masters that own slots, and how many of them have exactly R replicas.
    shape=$(printf '%s\n' "$view" | awk -v r="$replicas" '
      $3 ~ /master/ && NF > 8 { owner[$1] = 1 }
      $3 ~ /slave/ { n[$4]++ }
      END { for (m in owner) { masters++; if (n[m] + 0 == r) even++ } printf "%d/%d", masters, even }')
    open=$(printf '%s\n' "$view" | awk '$3 ~ /myself/ && $3 ~ /master/ && /\[/ { n++ } END { print n + 0 }')
    # A replica counts once it has synced: until then its master's failure could not be covered.
    link=$(cli "$node" info replication | sed -n 's/^master_link_status://p')
    if [ "$state" != ok ] || [ "$slots" != 16384 ] || [ "$known" != "$expected" ] || [ "$seen" != "$replicas_expected" ] ||
      [ "$shape" != "$shards/$shards" ] || [ "$open" != 0 ] || { [ -n "$link" ] && [ "$link" != up ]; }; then
      # The shape and open slots are named only when they are what is wrong.
      [ "$shape" = "$shards/$shards" ] && shape=""
      [ "$open" = 0 ] && open=""
      pending="$pending $node(state=${state:-?},slots=${slots:-?},known=${known:-?},replicas=$seen${shape:+,masters/even=$shape}${open:+,open=$open}${link:+,link=$link})"
    fi
  done
  [ -z "$pending" ] && break
  if [ "$(now)" -ge "$deadline" ]; then
    log "FAILED: after ${WAIT_TIMEOUT_SECONDS}s the cluster is not healthy on:$pending"
    log "a node that knows fewer than $expected nodes is not part of this cluster; run the Job again to join it"
    exit 1
  fi
  sleep "$POLL_INTERVAL_SECONDS"
done

cli --cluster check "$first"
log "cluster is healthy: $expected nodes, all 16384 slots served ($shards masters with $replicas replica(s) each)"

import { ClusterNode, nodeCommand, parseClusterNodes, parseInfo, slotCount } from './_redis';
import { waitUntil } from './_wait';
import type { LocalKube, Pod } from './harness';

/** What one node says about the cluster. */
export interface NodeView {
  readonly pod: string;
  readonly address: string;
  readonly info: Record<string, string>;
  /** `INFO replication`. */
  readonly replication: Record<string, string>;
  readonly nodes: readonly ClusterNode[];
  readonly self: ClusterNode;
}

/** What every running pod of the StatefulSet says, and which pods could not be asked. */
export interface ClusterObservation {
  readonly views: readonly NodeView[];
  readonly unreachable: readonly string[];
}

/** One master and its replicas, by node id and pod. */
export interface Shard {
  readonly master: { readonly id: string; readonly pod: string };
  readonly slots: number;
  readonly replicas: ReadonlyArray<{ readonly id: string; readonly pod: string }>;
}

/** The client port of the StatefulSet's pods (the container port named `client`, or the first). */
export function clientPort(kube: LocalKube): number {
  const ports = kube.statefulSet.spec!.template.spec!.containers[0].ports ?? [];
  const port = ports.find((p) => p.name === 'client') ?? ports[0];
  if (!port) {
    throw new Error('the StatefulSet\'s container declares no port');
  }
  return port.containerPort;
}

/** Asks every running pod (or just `pods`) for CLUSTER INFO and CLUSTER NODES. */
export async function observeCluster(kube: LocalKube,
  pods: readonly Pod[] = kube.currentPods().filter((p) => p.running)): Promise<ClusterObservation> {
  const port = clientPort(kube);
  const unreachable: string[] = [];
  const views: NodeView[] = [];
  await Promise.all(pods.map(async (pod) => {
    try {
      const info = parseInfo(String(await nodeCommand(pod.address, port, ['CLUSTER', 'INFO'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls)));
      const nodes = parseClusterNodes(String(await nodeCommand(pod.address, port, ['CLUSTER', 'NODES'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls)));
      const replication = parseInfo(String(await nodeCommand(pod.address, port, ['INFO', 'replication'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls)));
      const self = nodes.find((n) => n.flags.includes('myself'))!;
      views.push({ pod: pod.name, address: pod.address, info, replication, nodes, self });
    } catch (e) {
      unreachable.push(`${pod.name}: ${(e as Error).message}`);
    }
  }));
  views.sort((a, b) => a.pod.localeCompare(b.pod, undefined, { numeric: true }));
  return { views, unreachable };
}

export interface HealthOptions {
  /**
   * The pods that must hold the cluster's nodes.
   * @default - every pod of the StatefulSet
   */
  readonly expectedPods?: readonly string[];

  /**
   * Also require every replica to have completed its sync with its master. Until it has, a
   * replica cannot take over: right after the cluster is created this takes a few seconds more
   * (repl-diskless-sync-delay), and a master lost in that window is not failed over.
   * @default true
   */
  readonly replicasInSync?: boolean;
}

/**
 * Everything that keeps the cluster from being healthy, as sentences; empty when healthy. Healthy
 * means: every expected pod runs and answers; every node reports cluster_state:ok with all 16384
 * slots assigned and ok and knows exactly the expected nodes; no node sees another as failing,
 * in handshake or without address; every node knows every other node at that pod's current address,
 * under the pod's FQDN, over a connected link; all nodes agree on roles and slots; and (unless
 * turned off) every replica is in sync with its master.
 */
export function healthProblems(kube: LocalKube, observation: ClusterObservation, options: HealthOptions = {}): string[] {
  const expectedPods = options.expectedPods ?? kube.podNames();
  const problems: string[] = [...observation.unreachable.map((u) => `unreachable: ${u}`)];
  for (const name of expectedPods) {
    const pod = kube.currentPods().find((p) => p.name === name);
    if (!pod || !pod.running) problems.push(`pod ${name} is not running`);
  }
  const agreed = new Map<string, string>();
  for (const view of observation.views) {
    const { info } = view;
    if (info.cluster_state !== 'ok') problems.push(`${view.pod}: cluster_state ${info.cluster_state}`);
    if (info.cluster_slots_assigned !== '16384') problems.push(`${view.pod}: ${info.cluster_slots_assigned} slots assigned`);
    if (info.cluster_slots_ok !== '16384') problems.push(`${view.pod}: ${info.cluster_slots_ok} slots ok`);
    if (info.cluster_known_nodes !== String(expectedPods.length)) {
      problems.push(`${view.pod}: knows ${info.cluster_known_nodes} nodes, expected ${expectedPods.length}`);
    }
    const { role, master_link_status: link, master_sync_in_progress: syncing } = view.replication;
    if ((options.replicasInSync ?? true) && role === 'slave' && (link !== 'up' || syncing !== '0')) {
      problems.push(`${view.pod}: replica not in sync (master_link_status ${link}, sync in progress ${syncing})`);
    }
    for (const node of view.nodes) {
      const bad = node.flags.filter((f) => ['fail', 'fail?', 'handshake', 'noaddr'].includes(f));
      const label = `${view.pod} sees ${node.hostname || node.id}`;
      if (bad.length > 0) problems.push(`${label} as ${bad.join(',')}`);
      const pod = kube.podByFqdn(node.hostname);
      if (!pod) {
        problems.push(`${label}: announces no hostname of a current pod`);
      } else if (node.ip !== pod.address) {
        problems.push(`${label} at ${node.ip}, but the pod is at ${pod.address}`);
      }
      if (!node.flags.includes('myself') && node.linkState !== 'connected') problems.push(`${label}: link ${node.linkState}`);
      const claim = `${node.role} ${node.masterId ?? '-'} ${node.slots.map((r) => r.join('-')).join(' ')}`;
      const seen = agreed.get(node.id);
      if (seen === undefined) {
        agreed.set(node.id, claim);
      } else if (seen !== claim) {
        problems.push(`nodes disagree about ${node.hostname || node.id}: "${seen}" vs "${claim}" (${view.pod})`);
      }
    }
  }
  const ids = new Set(observation.views.map((v) => v.self.id));
  if (ids.size !== observation.views.length) problems.push('two pods run the same node id');
  return problems;
}

/** Waits until `healthProblems` is empty; returns the healthy observation. */
export async function waitForHealthyCluster(kube: LocalKube, timeoutMs: number, options: HealthOptions = {}): Promise<ClusterObservation> {
  let healthy: ClusterObservation | undefined;
  try {
    await waitUntil('a healthy cluster', async () => {
      const observation = await observeCluster(kube);
      const problems = healthProblems(kube, observation, options);
      if (problems.length === 0) healthy = observation;
      return problems;
    }, { timeoutMs, intervalMs: 200 });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${kube.describe()}`);
  }
  return healthy!;
}

/** The shards as one node sees them, masters in pod order. */
export function shardsOf(view: NodeView, kube: LocalKube): Shard[] {
  const podOf = (n: ClusterNode) => kube.podByFqdn(n.hostname)?.name ?? `(unknown ${n.hostname || n.ip})`;
  return view.nodes.filter((n) => n.role === 'master' && slotCount(n.slots) > 0)
    .map((m) => ({
      master: { id: m.id, pod: podOf(m) },
      slots: slotCount(m.slots),
      replicas: view.nodes.filter((r) => r.masterId === m.id).map((r) => ({ id: r.id, pod: podOf(r) })),
    }))
    .sort((a, b) => a.master.pod.localeCompare(b.master.pod, undefined, { numeric: true }));
}

/** Node ids, roles, masters and slots, one line per node, in id order: what must not change. */
export function layoutOf(view: NodeView): string[] {
  return view.nodes.map((n) => `${n.id} ${n.hostname} ${n.role} ${n.masterId ?? '-'} ${n.slots.map((r) => r.join('-')).join(',')}`).sort();
}

/**
 * How `shards` differ from `expectedShards` masters with `replicasPerShard` replicas each, every
 * pod holding one node and no replica on its master's pod; empty when they match.
 */
export function topologyProblems(shards: readonly Shard[], expectedShards: number, replicasPerShard: number, pods: readonly string[]): string[] {
  const problems: string[] = [];
  if (shards.length !== expectedShards) problems.push(`${shards.length} masters serve slots, expected ${expectedShards}`);
  const total = shards.reduce((n, s) => n + s.slots, 0);
  if (total !== 16384) problems.push(`masters serve ${total} slots, expected 16384`);
  for (const shard of shards) {
    if (shard.replicas.length !== replicasPerShard) {
      problems.push(`master on ${shard.master.pod} has ${shard.replicas.length} replicas, expected ${replicasPerShard}`);
    }
    for (const replica of shard.replicas) {
      if (replica.pod === shard.master.pod) problems.push(`${replica.pod} replicates its own master`);
    }
  }
  const used = shards.flatMap((s) => [s.master.pod, ...s.replicas.map((r) => r.pod)]).sort();
  const expected = [...pods].sort();
  if (JSON.stringify(used) !== JSON.stringify(expected)) {
    problems.push(`nodes are on pods [${used.join(', ')}], expected one on each of [${expected.join(', ')}]`);
  }
  return problems;
}

/**
 * After `shard`'s master was killed: waits until one of its replicas reports the master role, and
 * returns that replica's pod.
 */
export async function waitForPromotion(kube: LocalKube, shard: Shard, timeoutMs: number): Promise<string> {
  const port = clientPort(kube);
  let promoted: string | undefined;
  await waitUntil(`a replica of ${shard.master.pod} promoted`, async () => {
    await Promise.all(shard.replicas.map(async (replica) => {
      const role = await nodeCommand(kube.pod(replica.pod).address, port, ['ROLE'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls).catch(() => undefined);
      if (Array.isArray(role) && role[0] === 'master') promoted = replica.pod;
    }));
    return promoted ? [] : 'no replica is master yet';
  }, { timeoutMs, intervalMs: 50 });
  return promoted!;
}

/**
 * Waits until every one of `pods` reports cluster_state:ok with all 16384 slots ok: the cluster
 * serves every slot again, though a node it has lost may still be listed as failed.
 */
export async function waitForClusterOk(kube: LocalKube, pods: readonly Pod[], timeoutMs: number): Promise<void> {
  // Only CLUSTER INFO, asked of every pod at once: the check itself must not add to what a
  // failover measures.
  const port = clientPort(kube);
  await waitUntil('cluster_state:ok on every running node', async () => {
    const states = await Promise.all(pods.map(async (pod) => {
      const info = parseInfo(String(await nodeCommand(pod.address, port, ['CLUSTER', 'INFO'], 3000, kube.redisPassword)));
      return info.cluster_state === 'ok' && info.cluster_slots_ok === '16384' ? undefined
        : `${pod.name}: ${info.cluster_state}, ${info.cluster_slots_ok} slots ok`;
    }));
    return states.filter((s): s is string => s !== undefined);
  }, { timeoutMs, intervalMs: 50 });
}

/**
 * Waits until no node is rewriting its AOF or saving an RDB in the background. A replica that has
 * just synced writes its initial AOF, and Redis 7.0 refuses a SIGTERM meanwhile ("Writing initial
 * AOF, can't exit"): deleting its pod then takes the whole terminationGracePeriodSeconds. Scenarios
 * that delete pods wait for this first, so they measure healing rather than that stall.
 */
export async function waitForPersistenceIdle(kube: LocalKube, timeoutMs: number): Promise<void> {
  const port = clientPort(kube);
  await waitUntil('no background AOF rewrite or RDB save', async () => {
    const busy: string[] = [];
    await Promise.all(kube.currentPods().filter((p) => p.running).map(async (pod) => {
      const info = parseInfo(String(await nodeCommand(pod.address, port, ['INFO', 'persistence'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls)));
      const work = ['aof_rewrite_in_progress', 'aof_rewrite_scheduled', 'rdb_bgsave_in_progress'].filter((f) => info[f] !== '0');
      if (work.length > 0) busy.push(`${pod.name}: ${work.join(', ')}`);
    }));
    return busy;
  }, { timeoutMs, intervalMs: 100 });
}

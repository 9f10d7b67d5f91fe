/**
 * The server matrix: the same scenarios, run for real against each server the manifests support.
 *
 * A scenario is a function of the cluster it runs on (`ClusterUnderTest`, which names its server):
 * it starts from a healthy cluster and must leave one. One test file per server calls
 * `describeServerMatrix(server)`, so jest runs the servers in parallel, each on its own cluster
 * synthesized with that server's image. Within a file the scenarios share that cluster, in order;
 * before each one the cluster's health is checked, and a scenario that finds it unhealthy fails at
 * once with `skipped: the cluster was left unhealthy by <scenario>` instead of failing in its own
 * way. A failing scenario's message ends with the harness's account and the last lines of each
 * pod's log, never the whole logs.
 *
 * To add a scenario, write an `async (cluster) => { ... }` and append it to `SCENARIOS` (or pass a
 * list of your own to `describeServerMatrix`). A scenario that needs different manifests (TLS,
 * another topology) forms a cluster of its own with `formCluster(server, props)` in its own test.
 */
import * as fs from 'fs';
import * as path from 'path';
import Redis, { Cluster } from 'ioredis';
import {
  clientPort, healthProblems, layoutOf, observeCluster, shardsOf, topologyProblems, waitForClusterOk, waitForHealthyCluster,
  waitForPersistenceIdle, waitForPromotion,
} from './_cluster-health';
import { hashTagIn } from '../_local-redis';
import { missingLiveRequirements, AUTH_SECRETS } from './_live';
import { clusterClient, connectNode, nodeCommand } from './_redis';
import { describeRollout, expectCleanRollout, rollOn } from './_rollout';
import { missingServer, Server, serverForImage } from './_servers';
import { secondsSince, waitUntil } from './_wait';
import { startWriter } from './_writer';
import { JobResult, LocalKube, synthesize, Synthesized } from './harness';
import { RedisClusterProps } from '../../src';
import { DEFAULTS } from '../../src/cluster/defaults';
import { describeRequiring } from '../_requirements';

export const SHARDS = 3;
export const REPLICAS_PER_SHARD = 1;
/** How long a scenario waits for the cluster it was handed to be healthy before it gives up. */
const HEALTH_CHECK_MS = 30_000;

/** A running cluster, and what a scenario needs to talk to it. */
export interface ClusterUnderTest {
  readonly server: Server;
  /** The image the manifests were synthesized with. */
  readonly image: string;
  readonly synthesized: Synthesized;
  readonly kube: LocalKube;
  /** The pods' client port. */
  readonly port: number;
  /** A cluster client seeded with pod 0's name, closed when the cluster is. */
  newClient(): { client: Cluster; announcedHostnames: Set<string> };
  /** Closes `client` with the cluster. */
  track<T extends Redis | Cluster>(client: T): T;
  /** Stops every process and removes every file. */
  close(): Promise<void>;
}

/** One scenario of the matrix: a name for the test, its time bound, and what it does. */
export interface Scenario {
  readonly name: string;
  readonly timeoutMs: number;
  readonly run: (cluster: ClusterUnderTest) => Promise<void>;
}

/**
 * The image a server's manifests are synthesized with: the chart's default when the default runs
 * on that server (so the default manifests, dist/, are what runs), else the server's own image.
 */
export function imageFor(server: Server): string {
  return serverForImage(DEFAULTS.image).name === server.name ? DEFAULTS.image : server.image;
}

/** Synthesizes the manifests for `server` and starts a harness for them; no pod runs yet. */
export function prepareCluster(server: Server, props: RedisClusterProps = {}): ClusterUnderTest {
  const image = props.image ?? imageFor(server);
  const synthesized = synthesize(image === DEFAULTS.image ? props : { ...props, image });
  const kube = new LocalKube({ manifests: synthesized.manifests, secrets: AUTH_SECRETS });
  const clients: Array<Redis | Cluster> = [];
  const cluster: ClusterUnderTest = {
    server,
    image,
    synthesized,
    kube,
    port: clientPort(kube),
    newClient: () => {
      const seed = { host: kube.pod(kube.podNames()[0]).fqdn!, port: cluster.port };
      const made = clusterClient(seed, (h) => kube.resolve(h), {}, kube.redisPassword);
      clients.push(made.client);
      return made;
    },
    track: (client) => {
      clients.push(client);
      return client;
    },
    close: async () => {
      clients.forEach((c) => c.disconnect());
      await kube.close();
      fs.rmSync(synthesized.outdir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** The pods and the init Job, applied together as `kubectl apply -f dist/` does, until healthy. */
export async function bootstrap(cluster: ClusterUnderTest): Promise<{ okSeconds: number; syncedSeconds: number }> {
  const { kube } = cluster;
  const start = Date.now();
  const job = kube.startJob();
  await kube.createPods();
  expectSucceeded(await job.result(120_000));
  await waitForHealthyCluster(kube, 30_000, { replicasInSync: false });
  const okSeconds = secondsSince(start);
  await waitForHealthyCluster(kube, 30_000);
  return { okSeconds, syncedSeconds: secondsSince(start) };
}

/** A cluster for `server` from `props`, bootstrapped and healthy. */
export async function formCluster(server: Server, props: RedisClusterProps = {}): Promise<ClusterUnderTest> {
  const cluster = prepareCluster(server, props);
  try {
    await bootstrap(cluster);
  } catch (e) {
    const report = failureReport(cluster.kube);
    await cluster.close();
    throw withReport(e, report);
  }
  return cluster;
}

/** Fails with the Job's attempts, each cut to its last lines. */
export function expectSucceeded(result: JobResult): void {
  if (!result.succeeded) {
    throw new Error(`the Job failed (${result.reason}):\n${result.attempts.map((a) => `--- ${a.pod} exit ${a.exit.code}, last lines:\n${tail(a.output, 40)}`).join('\n')}`);
  }
}

/** The last `lines` lines of `text`. */
export function tail(text: string, lines: number): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? [`[... ${all.length - lines} earlier lines]`, ...all.slice(-lines)] : all).join('\n');
}

/** What a failed scenario prints: the harness's account, then the last 40 lines of each pod. */
export function failureReport(kube: LocalKube): string {
  return [kube.describe(), ...kube.currentPods().map((p) => `--- ${p.name} (${p.server.name}), last lines of its log:\n${tail(p.logs(), 40)}`)].join('\n');
}

function withReport(e: unknown, report: string): Error {
  const error = e instanceof Error ? e : new Error(String(e));
  error.message = `${error.message}\n${report}`;
  return error;
}

/**
 * The matrix for one server: one cluster, bootstrapped by the first test, then each scenario in
 * order, each starting from a healthy cluster.
 */
export function describeServerMatrix(server: Server, scenarios: readonly Scenario[] = SCENARIOS): void {
  const missing = [...missingLiveRequirements(), ...missingServer(server)];
  describeRequiring(missing, 'The live tests need what test/live/README.md lists, and scripts/install-servers.sh for Redis 8.0 and Valkey 8.1.')(
    `${server.name}: a Redis Cluster from manifests with image ${imageFor(server)}`, () => {
      let cluster: ClusterUnderTest | undefined;
      /** The scenario that ran last, whatever its outcome: the one that left the cluster as it is. */
      let last = 'bootstrap';
      let formed = false;

      beforeAll(() => {
        cluster = prepareCluster(server);
      });
      afterAll(async () => {
        await cluster?.close();
      });

      if (imageFor(server) === DEFAULTS.image) {
        test('runs the manifests committed in dist/', () => {
          const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'redis-cluster.k8s.yaml'), 'utf8');
          const fresh = fs.readFileSync(path.join(cluster!.synthesized.outdir, 'redis-cluster.k8s.yaml'), 'utf8');
          expect(fresh).toEqual(committed);
        });
      }

      test('bootstrap: the pods and the init Job, started together, form the cluster', async () => {
        try {
          await bootstrapScenario(cluster!);
          formed = true;
        } catch (e) {
          throw withReport(e, failureReport(cluster!.kube));
        }
      }, 180_000);

      for (const scenario of scenarios) {
        test(scenario.name, async () => {
          if (!formed) {
            throw new Error('skipped: the cluster was never formed (see bootstrap)');
          }
          const observation = await healthyOrUndefined(cluster!);
          if (typeof observation === 'string') {
            throw new Error(`skipped: the cluster was left unhealthy by ${last}: ${observation}`);
          }
          last = scenario.name;
          try {
            await scenario.run(cluster!);
          } catch (e) {
            throw withReport(e, failureReport(cluster!.kube));
          }
        }, scenario.timeoutMs + HEALTH_CHECK_MS);
      }
    });
}

/** The healthy observation, or the problems that remain after HEALTH_CHECK_MS. */
async function healthyOrUndefined(cluster: ClusterUnderTest): Promise<string | undefined> {
  const { kube } = cluster;
  const deadline = Date.now() + HEALTH_CHECK_MS;
  let problems: string[] = [];
  while (Date.now() < deadline) {
    const observation = await observeCluster(kube);
    problems = [...healthProblems(kube, observation), ...topologyProblemsOf(cluster, observation)];
    if (problems.length === 0) return undefined;
    await new Promise((r) => setTimeout(r, 500));
  }
  return problems.slice(0, 10).join('; ');
}

function topologyProblemsOf(cluster: ClusterUnderTest, observation: Awaited<ReturnType<typeof observeCluster>>): string[] {
  const view = observation.views[0];
  return view ? topologyProblems(shardsOf(view, cluster.kube), SHARDS, REPLICAS_PER_SHARD, cluster.kube.podNames()) : ['no pod answers'];
}

async function bootstrapScenario(cluster: ClusterUnderTest): Promise<void> {
  const { kube } = cluster;
  const { okSeconds, syncedSeconds } = await bootstrap(cluster);
  console.log(`${cluster.server.name} bootstrap: cluster ok ${okSeconds} s, replicas in sync ${syncedSeconds} s after the pods were created`);
  const healthy = await waitForHealthyCluster(kube, 30_000);
  // THEN every node reports a healthy cluster of 3 masters with 1 replica each, on distinct pods
  for (const view of healthy.views) {
    expect(view.info).toMatchObject({ cluster_state: 'ok', cluster_slots_assigned: '16384', cluster_known_nodes: '6' });
    expect(topologyProblems(shardsOf(view, kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
  }
  // AND every pod passes its readiness probe, and runs the server its image names
  await waitUntil('every pod Ready', async () => kube.currentPods().filter((p) => !p.ready).map((p) => `${p.name} not Ready`), { timeoutMs: 15_000 });
  for (const view of healthy.views) {
    const info = String(await nodeCommand(view.address, cluster.port, ['INFO', 'server'], 3000, kube.redisPassword));
    expect(info).toMatch(cluster.server.product === 'valkey' ? /^server_name:valkey\r?$/m : /^redis_version:/m);
    expect(info).toMatch(new RegExp(`^${cluster.server.product}_version:${cluster.server.minor.replace('.', '\\.')}\\.\\d+\\r?$`, 'm'));
  }
}

/** Keys written through a cluster client come back, spread over every master. */
async function data(cluster: ClusterUnderTest): Promise<void> {
  const { kube, port } = cluster;
  const { client, announcedHostnames } = cluster.newClient();
  const keys = Array.from({ length: 300 }, (_, i) => `user:${i}`);
  await Promise.all(keys.map((k, i) => client.set(k, `value-${i}`)));
  expect(await Promise.all(keys.map((k) => client.get(k)))).toEqual(keys.map((_, i) => `value-${i}`));
  // THEN the keys are spread over every master, reached by the names the nodes announce
  const healthy = await observeCluster(kube);
  for (const master of shardsOf(healthy.views[0], kube).map((s) => kube.pod(s.master.pod))) {
    expect(Number(await nodeCommand(master.address, port, ['DBSIZE'], 3000, kube.redisPassword))).toBeGreaterThan(0);
    expect(announcedHostnames).toContain(master.fqdn);
  }
}

async function rerunJob(cluster: ClusterUnderTest): Promise<void> {
  const { kube } = cluster;
  const before = await observeCluster(kube);
  const result = await kube.startJob().result(120_000);
  expectSucceeded(result);
  expect(result.attempts[0].output).toContain('already exists');
  const after = await waitForHealthyCluster(kube, 30_000);
  for (const view of after.views) {
    expect(layoutOf(view)).toEqual(layoutOf(before.views[0]));
  }
}

/** A killed master fails over with no write lost that a replica acknowledged, then rejoins. */
export async function masterCrash(cluster: ClusterUnderTest): Promise<number> {
  const { kube, port } = cluster;
  const healthy = await waitForHealthyCluster(kube, 30_000);
  const shard = shardsOf(healthy.views[0], kube)[0];
  const victim = kube.pod(shard.master.pod);
  const victimNode = healthy.views.find((v) => v.pod === victim.name)!.self;
  const tag = hashTagIn(victimNode.slots);

  // GIVEN a writer that counts a write only once a replica has acknowledged it (WAIT 1)
  const writer = cluster.track(await connectNode(victim.address, port, 3000, kube.redisPassword));
  const acknowledged: string[] = [];
  let writing = true;
  const writes = (async () => {
    for (let i = 0; writing; i++) {
      const key = `{${tag}}:${i}`;
      try {
        await writer.set(key, String(i));
        if (Number(await writer.call('WAIT', '1', '1000')) >= 1) acknowledged.push(key);
      } catch {
        return;
      }
    }
  })();
  await waitUntil('200 acknowledged writes', async () => (acknowledged.length >= 200 ? [] : `${acknowledged.length} so far`), { timeoutMs: 60_000 });

  // WHEN the master is killed and stays down
  const crashedAt = Date.now();
  await victim.crash('SIGKILL');
  writing = false;
  await writes;
  writer.disconnect();

  // THEN one of its replicas is promoted and the cluster is ok again
  const promoted = await waitForPromotion(kube, shard, 60_000);
  await waitForClusterOk(kube, kube.currentPods().filter((p) => p !== victim), 30_000);
  const failoverSeconds = secondsSince(crashedAt);
  console.log(`${cluster.server.name} master crash: ${promoted} promoted and cluster ok ${failoverSeconds} s after ${victim.name} was killed`);

  // AND every acknowledged write is on the new master
  const values = await nodeCommand(kube.pod(promoted).address, port, ['MGET', ...acknowledged], 3000, kube.redisPassword) as (string | null)[];
  expect(acknowledged.filter((_, i) => values[i] === null)).toEqual([]);

  // WHEN the old master's container restarts: same pod, same address, same data
  await victim.startContainer();

  // THEN it rejoins as a replica of the promoted node
  const rejoined = await waitForHealthyCluster(kube, 60_000);
  const promotedId = rejoined.views.find((v) => v.pod === promoted)!.self.id;
  const oldMaster = rejoined.views.find((v) => v.pod === victim.name)!.self;
  expect(oldMaster.id).toEqual(victimNode.id);
  expect(oldMaster.role).toEqual('replica');
  expect(oldMaster.masterId).toEqual(promotedId);
  expect(topologyProblems(shardsOf(rejoined.views[0], kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
  return failoverSeconds;
}

async function recreatedPod(cluster: ClusterUnderTest): Promise<void> {
  const { kube } = cluster;
  const healthy = await waitForHealthyCluster(kube, 30_000);
  await waitForPersistenceIdle(kube, 30_000);
  const name = shardsOf(healthy.views[0], kube)[1].master.pod;
  const before = healthy.views.find((v) => v.pod === name)!.self;
  const oldAddress = kube.pod(name).address;

  // WHEN the pod is deleted and the StatefulSet creates it again
  const start = Date.now();
  const pod = await kube.recreatePod(name);
  expect(pod.address).not.toEqual(oldAddress);

  // THEN every node knows the same node at the new address, and the cluster is healthy
  const healed = await waitForHealthyCluster(kube, 60_000);
  console.log(`${cluster.server.name} re-created pod: cluster healthy ${secondsSince(start)} s after ${name} was deleted`);
  for (const view of healed.views) {
    const node = view.nodes.find((n) => n.id === before.id);
    expect({ pod: view.pod, ip: node?.ip }).toEqual({ pod: view.pod, ip: pod.address });
  }
}

async function fullRestart(cluster: ClusterUnderTest): Promise<void> {
  const { kube } = cluster;
  // GIVEN keys of its own, so that this scenario needs no other to have run
  const { client: writer } = cluster.newClient();
  const keys = Array.from({ length: 100 }, (_, i) => `restart:${i}`);
  await Promise.all(keys.map((k, i) => writer.set(k, `kept-${i}`)));
  writer.disconnect();
  const healthy = await waitForHealthyCluster(kube, 30_000);
  await waitForPersistenceIdle(kube, 30_000);
  const idOf = new Map(healthy.views.map((v) => [v.pod, v.self.id]));
  const oldAddresses = new Set(kube.currentPods().map((p) => p.address));

  // WHEN every pod is deleted at once and the StatefulSet creates them again
  const start = Date.now();
  await kube.recreateAllPods();
  const healed = await waitForHealthyCluster(kube, 90_000);
  console.log(`${cluster.server.name} full restart: cluster healthy ${secondsSince(start)} s after the pods were deleted`);

  // THEN each pod kept its node (its volume), got a new address, and the shards are whole
  for (const view of healed.views) {
    expect({ pod: view.pod, id: view.self.id }).toEqual({ pod: view.pod, id: idOf.get(view.pod) });
    expect(oldAddresses.has(view.address)).toBe(false);
  }
  expect(topologyProblems(shardsOf(healed.views[0], kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);

  // AND the data written before is still there
  const { client } = cluster.newClient();
  expect(await Promise.all(keys.map((k) => client.get(k)))).toEqual(keys.map((_, i) => `kept-${i}`));
}

async function auth(cluster: ClusterUnderTest): Promise<void> {
  const { kube, port } = cluster;
  const address = kube.pod(kube.podNames()[0]).address;
  // No password: the connection opens, every command is refused.
  const anonymous = cluster.track(await connectNode(address, port));
  await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
  // A wrong password: refused at AUTH, and commands stay refused.
  await expect(anonymous.call('AUTH', 'not-the-password')).rejects.toThrow(/WRONGPASS/);
  await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
  // The Secret's password works.
  expect(await nodeCommand(address, port, ['PING'], 3000, kube.redisPassword)).toBe('PONG');
}

async function plannedStop(cluster: ClusterUnderTest): Promise<void> {
  const { kube } = cluster;
  const healthy = await waitForHealthyCluster(kube, 60_000);
  await waitForPersistenceIdle(kube, 30_000);
  const shard = shardsOf(healthy.views[0], kube)[2];
  const victim = kube.pod(shard.master.pod);
  const victimNode = healthy.views.find((v) => v.pod === victim.name)!.self;
  const tag = hashTagIn(victimNode.slots);

  // GIVEN a cluster client writing to that master's slots every 20 ms
  const { client } = cluster.newClient();
  const writer = startWriter(client, `{${tag}}:planned`);
  await waitUntil('50 writes', async () => (writer.acknowledged.length >= 50 ? [] : `${writer.acknowledged.length} so far`), { timeoutMs: 20_000 });
  writer.resetGap();

  // WHEN its pod is deleted as kubectl delete pod does: the preStop hook, then SIGTERM
  const start = Date.now();
  await kube.deletePod(victim.name);
  const stoppedMs = Date.now() - start;
  await new Promise((r) => setTimeout(r, 1500));
  await writer.stop();
  const { acknowledged, longestGapMs } = writer;
  console.log(`${cluster.server.name} planned stop: ${victim.name} stopped in ${stoppedMs} ms; longest write gap ${longestGapMs} ms over ${acknowledged.length} writes`);

  // THEN a replica took the slots before the master went away: writes barely paused
  const hook = kube.events.filter((e) => e.includes(`pod ${victim.name}: preStop hook exited`)).pop();
  expect(hook).toMatch(/preStop hook exited 0 .*this node is now a replica/s);
  expect(longestGapMs).toBeLessThanOrEqual(1000);
  // AND every acknowledged write is there
  const values = await Promise.all(acknowledged.map((k) => client.get(k)));
  expect(acknowledged.filter((_, i) => values[i] === null)).toEqual([]);

  // WHEN the StatefulSet creates the pod again, it rejoins as a replica of the new master
  await kube.createPod(victim.name);
  const rejoined = await waitForHealthyCluster(kube, 60_000);
  const self = rejoined.views.find((v) => v.pod === victim.name)!.self;
  expect(self.id).toEqual(victimNode.id);
  expect(self.role).toEqual('replica');
  expect(topologyProblems(shardsOf(rejoined.views[0], kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
}

/**
 * Every pod re-created in turn as a rolling restart does (see `_rollout.ts`), under a client
 * writing every 20 ms: no write refused or lost, and no Ready pod ever reporting the cluster not ok.
 */
async function rollingRestart(cluster: ClusterUnderTest): Promise<void> {
  const result = await rollOn(cluster.kube, `${cluster.server.name} (${cluster.image}), 3 shards with 1 replica each, auth on`);
  console.log(describeRollout(result));
  expectCleanRollout(result);
}

/** The scenarios every server runs, in order, after bootstrap. */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'data: a cluster client seeded with pod 0\'s name writes keys and reads them back', timeoutMs: 60_000, run: data },
  { name: 're-run: running the init Job again succeeds and changes nothing', timeoutMs: 180_000, run: rerunJob },
  {
    name: 'master crash: a replica takes over, no acknowledged write is lost, the old master rejoins as a replica',
    timeoutMs: 180_000,
    run: async (c) => { await masterCrash(c); },
  },
  { name: 're-created pod: a master comes back with a new address and the cluster heals', timeoutMs: 120_000, run: recreatedPod },
  { name: 'full restart: every pod re-created with a new address, the cluster heals without the Job', timeoutMs: 180_000, run: fullRestart },
  { name: 'auth: a client without the password, or with a wrong one, is refused', timeoutMs: 30_000, run: auth },
  { name: 'planned stop: a master deleted on purpose hands over first; writes pause under a second, none lost', timeoutMs: 180_000, run: plannedStop },
  {
    name: 'rolling restart: every pod re-created in turn, each once the one before is Ready; no write refused or lost',
    timeoutMs: 300_000,
    run: rollingRestart,
  },
];

/**
 * Resize scenarios, run from synthesized manifests by the live harness: a cluster is bootstrapped
 * from "before" props, then the manifests of "after" props (synthesized with the "before" ones as
 * the published state of record, as `cdk8s synth` reads dist/) are applied. Each scenario is a
 * function of the server it runs on, so that the same scenarios serve the tests
 * (`resize.test.ts`), the benchmarks (`bench.ts`) and other servers; it returns what it measured
 * and every problem it found, rather than asserting, so that callers decide.
 */
import * as fs from 'fs';
import { Cluster } from 'ioredis';
import { ClusterObservation, clientPort, healthProblems, layoutOf, observeCluster, shardsOf, topologyProblems, waitForHealthyCluster } from './_cluster-health';
import { AUTH_SECRETS } from './_live';
import { imageFor } from './_matrix';
import { clusterClient, connectNode, nodeCommand } from './_redis';
import { Server } from './_servers';
import { waitUntil } from './_wait';
import { startWriter, Writer } from './_writer';
import { JobResult, LocalKube, synthesize, Synthesized } from './harness';
import { RedisClusterProps } from '../../src';

/** How long one Job of a scenario may take before the scenario gives up on it. */
const JOB_TIMEOUT_MS = 420_000;

/** A cluster resized by applying one set of manifests after another. */
export class ResizeRun {
  /** Bootstraps a cluster from `props` and waits until it is healthy. */
  public static async bootstrap(server: Server, props: RedisClusterProps): Promise<ResizeRun> {
    const first = synthesize({ ...props, image: imageFor(server) });
    const run = new ResizeRun(server, first);
    try {
      const job = run.kube.startJob();
      await run.kube.createPods();
      const result = await job.result(JOB_TIMEOUT_MS);
      if (!result.succeeded) throw new Error(`the bootstrap Job failed:\n${job.output()}`);
      await waitForHealthyCluster(run.kube, 60_000);
    } catch (e) {
      await run.close();
      throw e;
    }
    return run;
  }

  public readonly kube: LocalKube;
  public readonly port: number;
  /** The manifests applied last: the state of record of the next synth. */
  public applied: Synthesized;
  private readonly synthesized: Synthesized[] = [];
  private readonly clients: Cluster[] = [];

  private constructor(public readonly server: Server, first: Synthesized) {
    this.applied = first;
    this.synthesized.push(first);
    this.kube = new LocalKube({ manifests: first.manifests, secrets: AUTH_SECRETS });
    this.port = clientPort(this.kube);
  }

  /** Synthesizes `props` with the manifests applied last as the published ones. */
  public synth(props: RedisClusterProps): Synthesized {
    const s = synthesize({ ...props, image: imageFor(this.server), publishedManifestsDir: this.applied.outdir });
    this.synthesized.push(s);
    return s;
  }

  /** Applies `s` and waits for its Job; returns the Job's result (undefined if none started). */
  public async apply(s: Synthesized): Promise<{ result?: JobResult; output: string; ms: number }> {
    const start = Date.now();
    const { job } = await this.kube.apply(s.manifests);
    this.applied = s;
    if (!job) return { output: '', ms: Date.now() - start };
    const result = await job.result(JOB_TIMEOUT_MS);
    return { result, output: job.output(), ms: Date.now() - start };
  }

  /** A cluster client, as an application in the cluster would have (closed by `close()`). */
  public client(options: { autoPipelining?: boolean } = {}): Cluster {
    const seed = { host: this.kube.pod(this.kube.podNames()[0]).fqdn!, port: this.port };
    const clusterOptions = { enableAutoPipelining: options.autoPipelining ?? false };
    const { client } = clusterClient(seed, (h) => this.kube.resolve(h), clusterOptions, this.kube.redisPassword);
    this.clients.push(client);
    return client;
  }

  /** Writes `key:<i>` = `value-<i>` for i < count. */
  public async load(count: number): Promise<void> {
    const client = this.client({ autoPipelining: true });
    for (let i = 0; i < count; i += 500) {
      const batch = () => Promise.all(Array.from({ length: Math.min(500, count - i) }, (_, j) => client.set(`key:${i + j}`, `value-${i + j}`)));
      // A loaded machine may time a batch out; SET is idempotent, so a batch is simply sent again.
      await batch().catch(() => batch()).catch(() => batch());
    }
  }

  /**
   * Reads every key from the master owning its slot (SCAN on each); problems unless there are
   * exactly `count` keys `key:<i>`, each holding `value-<i>`, plus `extra` keys of a writer.
   */
  public async keyProblems(count: number, writers: readonly Writer[] = []): Promise<string[]> {
    const observation = await observeCluster(this.kube);
    const view = observation.views[0];
    const found = new Map<string, string | null>();
    for (const shard of shardsOf(view, this.kube)) {
      const node = await connectNode(this.kube.pod(shard.master.pod).address, this.port, 10_000, this.kube.redisPassword);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await node.scan(cursor, 'COUNT', 2000);
          cursor = next;
          const values = keys.length > 0 ? ((await node.pipeline(keys.map((k) => ['get', k])).exec()) ?? []) : [];
          keys.forEach((k, i) => found.set(k, values[i]?.[1] as string | null));
        } while (cursor !== '0');
      } finally {
        node.disconnect();
      }
    }
    const problems: string[] = [];
    let data = 0;
    const wrong: string[] = [];
    for (const [k, v] of found) {
      if (k.startsWith('key:')) {
        data++;
        if (v !== `value-${k.slice(4)}`) wrong.push(`${k}=${v}`);
      }
    }
    if (data !== count) problems.push(`${data} keys key:<i> found on the masters, expected ${count}`);
    if (wrong.length > 0) problems.push(`${wrong.length} keys hold the wrong value, e.g. ${wrong.slice(0, 3).join(', ')}`);
    for (const writer of writers) {
      const lost = writer.acknowledged.filter((k) => found.get(k) !== k.slice(k.lastIndexOf(':') + 1));
      if (lost.length > 0) problems.push(`${lost.length} of ${writer.acknowledged.length} acknowledged writes lost, e.g. ${lost.slice(0, 3).join(', ')}`);
    }
    return problems;
  }

  /**
   * Problems unless the pods `pods` (default: every pod) form a healthy cluster of `shards`
   * masters with `replicas` replicas each, the slots split evenly (within 2 %).
   */
  public async topologyProblems(shards: number, replicas: number, pods: readonly string[] = this.kube.podNames()): Promise<string[]> {
    // Only the pods of the cluster are asked: drained pods, still running, are alone by design.
    let healthy: ClusterObservation | undefined;
    await waitUntil(`a healthy cluster on ${pods.length} pods`, async () => {
      const observation = await observeCluster(this.kube, this.kube.currentPods().filter((p) => pods.includes(p.name)));
      const found = healthProblems(this.kube, observation, { expectedPods: pods });
      if (found.length === 0) healthy = observation;
      return found;
    }, { timeoutMs: 60_000, intervalMs: 200 }).catch((e) => {
      throw new Error(`${(e as Error).message}\n${this.kube.describe()}`);
    });
    const problems: string[] = [];
    for (const view of healthy!.views) {
      const shardList = shardsOf(view, this.kube);
      problems.push(...topologyProblems(shardList, shards, replicas, pods).map((p) => `${view.pod} sees: ${p}`));
      for (const shard of shardList) {
        if (Math.abs(shard.slots - 16384 / shards) > (16384 / shards) * 0.02) {
          problems.push(`${view.pod} sees master ${shard.master.pod} with ${shard.slots} slots, not an even share of ${Math.round(16384 / shards)}`);
        }
      }
    }
    return [...new Set(problems)];
  }

  /** Node ids, roles and slots as the first pod sees them. */
  public async layout(): Promise<string[]> {
    return layoutOf((await observeCluster(this.kube)).views[0]);
  }

  public async close(): Promise<void> {
    this.clients.forEach((c) => c.disconnect());
    await this.kube.close();
    for (const s of this.synthesized) fs.rmSync(s.outdir, { recursive: true, force: true });
  }
}

/** Problems of a Job run: empty when it succeeded. */
export function jobProblems(what: string, run: { result?: JobResult; output: string }): string[] {
  if (!run.result) return [`${what}: no Job started`];
  return run.result.succeeded ? [] : [`${what}: the Job failed (${run.result.reason}):\n${run.output}`];
}

export interface ScaleOutAndInResult {
  readonly problems: string[];
  /** Applying 4 x 1 until its Job succeeded. */
  readonly addShardMs: number;
  /** Keys the new master holds afterwards: what moved. */
  readonly keysMoved: number;
  /** Applying the drain until its Job succeeded. */
  readonly drainMs: number;
  /** The longest gap between a client's acknowledged writes (every 20 ms) while scaling out / draining. */
  readonly scaleOutGapMs: number;
  readonly drainGapMs: number;
  /** Acknowledged writes of those clients, all checked afterwards. */
  readonly writes: number;
}

/** A client writing every 20 ms through the cluster, warmed up, its gap measured from now. */
async function warmWriter(run: ResizeRun, prefix: string): Promise<Writer> {
  const writer = startWriter(run.client(), prefix);
  // Bounded generously: right after a bulk load the nodes rewrite their AOF, and the machine may be busy.
  await waitUntil('the writer to get going', async () => (writer.acknowledged.length >= 20 ? [] : `${writer.acknowledged.length} of 20 writes`), { timeoutMs: 120_000 });
  writer.resetGap();
  return writer;
}

/**
 * 3 x 1 with `keys` keys → 4 x 1 (a shard added: slots and keys move to it) → the same manifests
 * again (nothing happens) → 3 x 1 through the drain path: a plain shrink is refused at synth, the
 * drain moves everything off pods 6 and 7 and the cluster forgets them, then the shrink deletes
 * those pods. Keys, values, slot ownership and replica counts are checked after every step.
 */
export async function scaleOutAndBackIn(server: Server, keys: number): Promise<ScaleOutAndInResult> {
  const run = await ResizeRun.bootstrap(server, { shards: 3, replicasPerShard: 1 });
  const problems: string[] = [];
  try {
    await run.load(keys);

    // Scale out: 3 x 1 -> 4 x 1, while a client writes every 20 ms.
    const fourByOne = run.synth({ shards: 4, replicasPerShard: 1 });
    const outWriter = await warmWriter(run, 'out');
    const out = await run.apply(fourByOne);
    await outWriter.stop();
    problems.push(...jobProblems('4 x 1', out));
    problems.push(...await run.topologyProblems(4, 1));
    problems.push(...await run.keyProblems(keys, [outWriter]));
    const view = (await observeCluster(run.kube)).views[0];
    const newMaster = shardsOf(view, run.kube).find((s) => ['redis-app-6', 'redis-app-7'].includes(s.master.pod));
    const keysMoved = newMaster ? Number(await nodeCommand(run.kube.pod(newMaster.master.pod).address, run.port, ['DBSIZE'], 3000, run.kube.redisPassword)) : 0;
    if (!newMaster) problems.push('no master on the new pods redis-app-6 / redis-app-7');

    // Re-running the Job of the same manifests changes nothing.
    const before = await run.layout();
    const again = run.kube.startJob();
    const rerun = await again.result(JOB_TIMEOUT_MS);
    problems.push(...jobProblems('4 x 1 again', { result: rerun, output: again.output() }));
    if (/adding |attaching |moving slots/.test(again.output())) problems.push(`the re-run changed something:\n${again.output()}`);
    if (JSON.stringify(await run.layout()) !== JSON.stringify(before)) problems.push('the re-run changed the layout');

    // Scale in: a plain shrink is refused at synth.
    try {
      synthesize({ shards: 3, replicasPerShard: 1, image: imageFor(server), publishedManifestsDir: fourByOne.outdir });
      problems.push('synth allowed 4 x 1 -> 3 x 1 without a drain');
    } catch (e) {
      if (!/declare no drain/.test((e as Error).message)) problems.push(`synth refused the shrink for another reason: ${(e as Error).message}`);
    }
    // Step 1: the drain.
    const drain = run.synth({ shards: 3, replicasPerShard: 1, drain: true });
    const drainWriter = await warmWriter(run, 'drain');
    const drained = await run.apply(drain);
    await drainWriter.stop();
    problems.push(...jobProblems('drain to 3 x 1', drained));
    const kept = run.kube.podNames().slice(0, 6);
    problems.push(...await run.topologyProblems(3, 1, kept));
    problems.push(...await run.keyProblems(keys, [outWriter, drainWriter]));
    for (const pod of ['redis-app-6', 'redis-app-7']) {
      const known = await nodeCommand(run.kube.pod(pod).address, run.port, ['CLUSTER', 'INFO'], 3000, run.kube.redisPassword);
      if (!/cluster_known_nodes:1\b/.test(String(known))) problems.push(`drained pod ${pod} still knows other nodes`);
    }
    // Step 2: the shrink, which synth now allows. Its Job is the 3 x 1 Job, which completed at
    // bootstrap: while it exists (its TTL is a day) applying it again runs nothing, and after
    // that it runs and finds nothing to do. Either way the cluster must already be right.
    const shrink = run.synth({ shards: 3, replicasPerShard: 1 });
    const shrunk = await run.apply(shrink);
    if (shrunk.result) problems.push(...jobProblems('shrink to 3 x 1', shrunk));
    if (run.kube.currentPods().length !== 6) problems.push(`${run.kube.currentPods().length} pods after the shrink, expected 6`);
    problems.push(...await run.topologyProblems(3, 1));
    problems.push(...await run.keyProblems(keys, [outWriter, drainWriter]));
    return {
      problems,
      addShardMs: out.ms,
      keysMoved,
      drainMs: drained.ms,
      scaleOutGapMs: outWriter.longestGapMs,
      drainGapMs: drainWriter.longestGapMs,
      writes: outWriter.acknowledged.length + drainWriter.acknowledged.length,
    };
  } catch (e) {
    problems.push(`${(e as Error).message}\n${run.kube.describe()}`);
    return { problems, addShardMs: NaN, keysMoved: NaN, drainMs: NaN, scaleOutGapMs: NaN, drainGapMs: NaN, writes: 0 };
  } finally {
    await run.close();
  }
}

/** 3 x 1 → 3 x 2: a replica joins each master; the slots stay where they are. */
export async function addReplicas(server: Server, keys: number): Promise<{ problems: string[]; ms: number }> {
  const run = await ResizeRun.bootstrap(server, { shards: 3, replicasPerShard: 1 });
  const problems: string[] = [];
  try {
    await run.load(keys);
    const slotsBefore = (await run.layout()).filter((l) => / master /.test(l)).map((l) => l.split(' ').slice(0, 1).concat(l.split(' ').slice(4)).join(' '));
    const applied = await run.apply(run.synth({ shards: 3, replicasPerShard: 2 }));
    problems.push(...jobProblems('3 x 2', applied));
    problems.push(...await run.topologyProblems(3, 2));
    problems.push(...await run.keyProblems(keys));
    const slotsAfter = (await run.layout()).filter((l) => / master /.test(l)).map((l) => l.split(' ').slice(0, 1).concat(l.split(' ').slice(4)).join(' '));
    if (JSON.stringify(slotsAfter) !== JSON.stringify(slotsBefore)) problems.push('adding replicas moved slots');
    return { problems, ms: applied.ms };
  } catch (e) {
    problems.push(`${(e as Error).message}\n${run.kube.describe()}`);
    return { problems, ms: NaN };
  } finally {
    await run.close();
  }
}

export interface InterruptedResult {
  readonly problems: string[];
  /** The open slot seen when the Job's pod was killed. */
  readonly openSlot?: string;
  /** The longest gap between a client's acknowledged writes during the resize. */
  readonly longestWriteGapMs: number;
  readonly writes: number;
}

/**
 * 3 x 1 → 4 x 1 while a cluster client writes every 20 ms: the Job's pod is killed (SIGKILL)
 * while a slot is open mid-migration, Kubernetes retries the Job, and the retry finishes the open
 * slot and the resize. No acknowledged write may be lost.
 */
export async function interruptedScaleOutUnderLoad(server: Server, keys: number): Promise<InterruptedResult> {
  const run = await ResizeRun.bootstrap(server, { shards: 3, replicasPerShard: 1 });
  const problems: string[] = [];
  let writer: Writer | undefined;
  try {
    await run.load(keys);
    writer = await warmWriter(run, 'writer');

    const { job } = await run.kube.apply(run.synth({ shards: 4, replicasPerShard: 1 }).manifests);
    if (!job) throw new Error('no Job started');
    // Kill the Job's pod the moment a slot is open on some node.
    let openSlot: string | undefined;
    await waitUntil('a slot open mid-migration', async () => {
      for (const pod of run.kube.currentPods()) {
        const nodes = String(await nodeCommand(pod.address, run.port, ['CLUSTER', 'NODES'], 3000, run.kube.redisPassword).catch(() => ''));
        const open = /\[\d+-[<>]-[0-9a-f]+\]/.exec(nodes);
        if (open) {
          openSlot = `${open[0]} on ${pod.name}`;
          await job.killCurrentAttempt();
          return [];
        }
      }
      return 'no open slot yet';
    }, { timeoutMs: 240_000, intervalMs: 5 });
    const result = await job.result(JOB_TIMEOUT_MS);
    problems.push(...jobProblems('4 x 1 after the kill', { result, output: job.output() }));
    if (result.attempts.length < 2) problems.push(`the Job ran ${result.attempts.length} attempt(s); the kill should have cost one`);
    const retry = result.attempts[result.attempts.length - 1]?.output ?? '';
    if (!/slots left open by an interrupted migration/.test(retry) && !/\[OK\] All 16384 slots covered/.test(retry)) {
      problems.push(`the retry did not find the open slot:\n${retry}`);
    }
    await writer.stop();
    problems.push(...await run.topologyProblems(4, 1));
    problems.push(...await run.keyProblems(keys, [writer]));
    return { problems, openSlot, longestWriteGapMs: writer.longestGapMs, writes: writer.acknowledged.length };
  } catch (e) {
    problems.push(`${(e as Error).message}\n${run.kube.describe()}`);
    return { problems, longestWriteGapMs: NaN, writes: 0 };
  } finally {
    await writer?.stop();
    await run.close();
  }
}

/**
 * Measures, with the live harness, how long the synthesized cluster takes to bootstrap, to fail
 * over when a master dies, and to heal after a full restart, and how long synthesis takes. Prints
 * the machine and a markdown table (median, min and max of several runs) for BENCHMARKS.md.
 *
 *   npm run bench                   3 cluster runs per node timeout, 5 synth runs
 *   BENCH_RUNS=5 npm run bench      more cluster runs
 *   BENCH_RESIZE_RUNS=3 npm run bench  more resize runs (3 x 1 -> 4 x 1 -> 3 x 1 with 100,000 keys; 1 by default)
 *
 * Not part of the test run. Needs what the live tests need (root, redis-server 7+, util-linux).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { shardsOf, waitForClusterOk, waitForHealthyCluster, waitForPersistenceIdle, waitForPromotion } from './_cluster-health';
import { missingLiveRequirements, AUTH_SECRETS } from './_live';
import { hashTagIn } from '../_local-redis';
import { clusterClient } from './_redis';
import { REDIS_7_0, scaleOutAndBackIn, ScaleOutAndInResult } from './_resize';
import { waitUntil } from './_wait';
import { startWriter } from './_writer';
import { LocalKube, synthesize } from './harness';

const CLUSTER_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SYNTH_RUNS = Number(process.env.BENCH_SYNTH_RUNS ?? 5);
const RESIZE_RUNS = Number(process.env.BENCH_RESIZE_RUNS ?? 1);
const RESIZE_KEYS = 100_000;
const ROOT = path.join(__dirname, '..', '..');

interface ClusterTimes {
  readonly bootstrap: number;
  readonly replicated: number;
  readonly failover: number;
  readonly heal: number;
  /** Planned stop of a master: the longest gap between a client's writes, and the pod's stop time. */
  readonly plannedGap: number;
  readonly plannedStop: number;
}

let current: LocalKube | undefined;

/** One cluster, start to finish: bootstrap, kill a master, restart it, then restart every pod. */
async function clusterRun(clusterNodeTimeoutMs: number): Promise<ClusterTimes> {
  const synthesized = synthesize({ clusterNodeTimeoutMs });
  const kube = new LocalKube({ manifests: synthesized.manifests, secrets: AUTH_SECRETS });
  current = kube;
  try {
    // Bootstrap: the pods and the Job are created together; done when every node is healthy,
    // then again when every replica has also completed its first sync.
    let start = Date.now();
    const job = kube.startJob();
    await kube.createPods();
    const result = await job.result(300_000);
    if (!result.succeeded) {
      throw new Error(`the init Job failed:\n${job.output()}`);
    }
    await waitForHealthyCluster(kube, 60_000, { replicasInSync: false });
    const bootstrap = seconds(start);
    const healthy = await waitForHealthyCluster(kube, 60_000);
    const replicated = seconds(start);

    // Unplanned failover: SIGKILL a master; done when a replica is master and every other node
    // reports cluster_state:ok with all slots ok.
    const shard = shardsOf(healthy.views[0], kube)[0];
    const victim = kube.pod(shard.master.pod);
    start = Date.now();
    await victim.crash('SIGKILL');
    await waitForPromotion(kube, shard, 120_000);
    await waitForClusterOk(kube, kube.currentPods().filter((p) => p !== victim), 60_000);
    const failover = seconds(start);
    await victim.startContainer();
    await waitForHealthyCluster(kube, 120_000);

    // Heal: every pod deleted and re-created with a new address; done when healthy again.
    await waitForPersistenceIdle(kube, 60_000);
    start = Date.now();
    await kube.recreateAllPods();
    await waitForHealthyCluster(kube, 120_000);
    const heal = seconds(start);

    // Planned stop: a master's pod deleted on purpose while a client writes to its slots every
    // 20 ms; the preStop hook hands the slots over first.
    await waitForPersistenceIdle(kube, 60_000);
    const now = await waitForHealthyCluster(kube, 120_000);
    const master = kube.pod(shardsOf(now.views[0], kube)[1].master.pod);
    const slots = now.views.find((v) => v.pod === master.name)!.self.slots;
    const { client } = clusterClient({ host: master.fqdn!, port: 6379 }, (h) => kube.resolve(h), {}, kube.redisPassword);
    try {
      const tag = hashTagIn(slots, 'b');
      const writer = startWriter(client, `{${tag}}:bench`);
      await waitUntil('50 writes', async () => (writer.acknowledged.length >= 50 ? [] : 'warming up'), { timeoutMs: 30_000 });
      writer.resetGap();
      start = Date.now();
      await kube.deletePod(master.name);
      const plannedStop = seconds(start);
      await new Promise((r) => setTimeout(r, 1500));
      await writer.stop();
      const plannedGap = writer.longestGapMs / 1000;
      return { bootstrap, replicated, failover, heal, plannedGap, plannedStop };
    } finally {
      client.disconnect();
    }
  } finally {
    current = undefined;
    await kube.close();
    fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  }
}

/** Wall time of one command, in seconds; throws if it fails. */
function timeCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  }
  return seconds(start);
}

function synthRuns(): { cli: number[]; app: number[] } {
  const cli: number[] = [];
  const app: number[] = [];
  for (let i = 0; i < SYNTH_RUNS; i++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-bench-'));
    try {
      // --output keeps dist/ untouched; npm's own update check would add a registry round trip.
      cli.push(timeCommand('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--output', outdir],
        { ...process.env, npm_config_update_notifier: 'false' }));
      app.push(timeCommand('node', ['--require', 'ts-node/register/transpile-only', 'src/main.ts'], { ...process.env, CDK8S_OUTDIR: outdir }));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  return { cli, app };
}

function seconds(since: number): number {
  return (Date.now() - since) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A table row; empty (and left out) when nothing was measured, e.g. with BENCH_RUNS=0. */
function row(label: string, values: readonly number[]): string {
  if (values.length === 0) return '';
  const f = (n: number) => n.toFixed(2);
  return `| ${label} | ${values.length} | ${f(median(values))} | ${f(Math.min(...values))} | ${f(Math.max(...values))} |`;
}

function machine(): string[] {
  const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return [
    `- CPUs (nproc): ${os.availableParallelism?.() ?? os.cpus().length}, ${os.cpus()[0]?.model ?? 'unknown model'}`,
    `- memory: ${memoryGiB} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- node: ${process.version}`,
    `- redis: ${redis}`,
  ];
}

async function main(): Promise<void> {
  const missing = missingLiveRequirements();
  if (missing.length > 0) {
    throw new Error(`this machine lacks ${missing.join(', ')}; the benchmark runs real Redis processes like the live tests`);
  }
  const byTimeout = new Map<number, ClusterTimes[]>();
  for (const timeoutMs of [5000, 10000]) {
    const runs: ClusterTimes[] = [];
    for (let i = 0; i < CLUSTER_RUNS; i++) {
      const times = await clusterRun(timeoutMs);
      console.error(`cluster-node-timeout ${timeoutMs} ms, run ${i + 1}/${CLUSTER_RUNS}: ${JSON.stringify(times)}`);
      runs.push(times);
    }
    byTimeout.set(timeoutMs, runs);
  }
  const resizes: ScaleOutAndInResult[] = [];
  for (let i = 0; i < RESIZE_RUNS; i++) {
    const r = await scaleOutAndBackIn(REDIS_7_0, RESIZE_KEYS);
    if (r.problems.length > 0) {
      throw new Error(`the resize run found problems:\n${r.problems.join('\n')}`);
    }
    console.error(`resize run ${i + 1}/${RESIZE_RUNS}: ${JSON.stringify(r)}`);
    resizes.push(r);
  }
  const synth = synthRuns();
  console.error(`synth: ${JSON.stringify(synth)}`);

  const pick = (timeoutMs: number, key: keyof ClusterTimes) => byTimeout.get(timeoutMs)!.map((t) => t[key]);
  const lines = [
    ...machine(),
    '',
    '| measurement (seconds) | runs | median | min | max |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('bootstrap: pods and Job created → cluster ok on every node (node timeout 5000 ms, the default)', pick(5000, 'bootstrap')),
    row('bootstrap (node timeout 10000 ms)', pick(10000, 'bootstrap')),
    row('bootstrap → every replica also in sync with its master (node timeout 5000 ms)', pick(5000, 'replicated')),
    row('bootstrap → replicas in sync (node timeout 10000 ms)', pick(10000, 'replicated')),
    row('unplanned failover: master SIGKILLed → replica promoted, cluster ok (node timeout 5000 ms, the default)', pick(5000, 'failover')),
    row('unplanned failover (node timeout 10000 ms, the seed\'s value)', pick(10000, 'failover')),
    row('heal after a full restart: every pod re-created with a new address → healthy (node timeout 5000 ms)', pick(5000, 'heal')),
    row('heal after a full restart (node timeout 10000 ms)', pick(10000, 'heal')),
    row('planned stop of a master (kubectl delete pod): longest gap between a client\'s writes every 20 ms (node timeout 5000 ms)', pick(5000, 'plannedGap')),
    row('planned stop: the master\'s pod stopped (preStop hand-over + SIGTERM) (node timeout 5000 ms)', pick(5000, 'plannedStop')),
    row('scale out 3 x 1 → 4 x 1 holding 100,000 keys: apply → the Job verified the new shard (pods start, join, rebalance)', resizes.map((r) => r.addShardMs / 1000)),
    row('  keys moved to the new shard per second of that (keys/s, not seconds)', resizes.map((r) => r.keysMoved / (r.addShardMs / 1000))),
    row('  longest gap between a client\'s acknowledged writes (every 20 ms) during it', resizes.map((r) => r.scaleOutGapMs / 1000)),
    row('drain a shard, 4 x 1 → 3 x 1 (step 1 of the scale in): apply → the Job verified the drain', resizes.map((r) => r.drainMs / 1000)),
    row('  longest gap between a client\'s acknowledged writes during it', resizes.map((r) => r.drainGapMs / 1000)),
    row('`npx cdk8s synth --no-check-upgrade`', synth.cli),
    row('the app alone: `node --require ts-node/register/transpile-only src/main.ts`', synth.app),
  ];
  console.log(lines.filter((l, i) => l !== '' || i === machine().length).join('\n'));
}

const stop = () => {
  void (current?.close() ?? Promise.resolve()).finally(() => process.exit(130));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

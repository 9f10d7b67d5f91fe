/**
 * Measures, with the live harness, how long the synthesized cluster takes to bootstrap, to fail
 * over when a master dies, and to heal after a full restart, and how long synthesis takes. Prints
 * the machine and a markdown table (median, min and max of several runs) for BENCHMARKS.md.
 *
 *   npm run bench                   3 cluster runs per node timeout, 5 synth runs
 *   BENCH_RUNS=5 npm run bench      more cluster runs
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
import { describeRollout, rollOn } from './_rollout';
import { waitUntil } from './_wait';
import { startWriter } from './_writer';
import { LocalKube, synthesize } from './harness';

const CLUSTER_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SYNTH_RUNS = Number(process.env.BENCH_SYNTH_RUNS ?? 5);
const ROOT = path.join(__dirname, '..', '..');

interface ClusterTimes {
  readonly bootstrap: number;
  readonly replicated: number;
  readonly failover: number;
  /** Of the failover: from the kill until the promoted replica knew the master FAIL, and its election delay. */
  readonly failDetected: number;
  readonly electionDelay: number;
  readonly heal: number;
  /** Planned stop of a master: the longest gap between a client's writes, and the pod's stop time. */
  readonly plannedGap: number;
  readonly plannedStop: number;
  /** Rolling restart of every pod under a writing client (see `_rollout.ts`). */
  readonly rollout: number;
  readonly rolloutFailedWrites: number;
  readonly rolloutGap: number;
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
    const promoted = await waitForPromotion(kube, shard, 120_000);
    await waitForClusterOk(kube, kube.currentPods().filter((p) => p !== victim), 60_000);
    const failover = seconds(start);
    const { failDetected, electionDelay } = failoverSteps(kube.pod(promoted).logs(), start);
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
      client.disconnect();

      // Rolling restart: the stopped pod back, then every pod re-created in turn, highest
      // ordinal first, each once the one before is Ready, while a client writes every 20 ms.
      await kube.createPod(master.name);
      await waitForHealthyCluster(kube, 120_000);
      const rolled = await rollOn(kube, `node timeout ${clusterNodeTimeoutMs} ms`);
      console.error(describeRollout(rolled));
      return {
        bootstrap,
        replicated,
        failover,
        failDetected,
        electionDelay,
        heal,
        plannedGap,
        plannedStop,
        rollout: rolled.durationMs / 1000,
        rolloutFailedWrites: rolled.failedWrites,
        rolloutGap: rolled.longestGapMs / 1000,
      };
    } finally {
      client.disconnect();
    }
  } finally {
    current = undefined;
    await kube.close();
    fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  }
}

/**
 * From the promoted replica's own log: when it learnt its master had FAILed (its own quorum, or a
 * FAIL message), in seconds after `since`, and how long it then delayed its election.
 */
function failoverSteps(log: string, since: number): { failDetected: number; electionDelay: number } {
  const at = (pattern: RegExp): number | undefined => {
    for (const line of log.split('\n')) {
      // e.g. "1:S 02 Dec 2026 00:17:36.123 * FAIL message received from ..."
      const m = /^\d+:[A-Z] (\d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2}\.\d{3}) .*/.exec(line);
      if (m && pattern.test(line)) {
        const t = Date.parse(`${m[1]} UTC`);
        if (t >= since - 1000) return t;
      }
    }
    return undefined;
  };
  const failAt = at(/FAIL message received from|as failing \(quorum reached\)/);
  const delay = /Start of election delayed for (\d+) milliseconds/.exec(log.slice(log.lastIndexOf('Start of election delayed')));
  return {
    failDetected: failAt === undefined ? NaN : (failAt - since) / 1000,
    electionDelay: delay ? Number(delay[1]) / 1000 : NaN,
  };
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

function row(label: string, values: readonly number[]): string {
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
    row('unplanned failover: master SIGKILLed → its replica knows it FAILed (from the replica\'s log) (node timeout 5000 ms)', pick(5000, 'failDetected')),
    row('unplanned failover: the replica\'s election delay (from its log) (node timeout 5000 ms)', pick(5000, 'electionDelay')),
    row('heal after a full restart: every pod re-created with a new address → healthy (node timeout 5000 ms)', pick(5000, 'heal')),
    row('heal after a full restart (node timeout 10000 ms)', pick(10000, 'heal')),
    row('planned stop of a master (kubectl delete pod): longest gap between a client\'s writes every 20 ms (node timeout 5000 ms)', pick(5000, 'plannedGap')),
    row('planned stop: the master\'s pod stopped (preStop hand-over + SIGTERM) (node timeout 5000 ms)', pick(5000, 'plannedStop')),
    row('rolling restart of all 6 pods under a client writing every 20 ms: the whole rollout (node timeout 5000 ms)', pick(5000, 'rollout')),
    row('rolling restart: writes that failed (a count, not seconds) (node timeout 5000 ms)', pick(5000, 'rolloutFailedWrites')),
    row('rolling restart: longest gap between acknowledged writes (node timeout 5000 ms)', pick(5000, 'rolloutGap')),
    row('`npx cdk8s synth --no-check-upgrade`', synth.cli),
    row('the app alone: `node --require ts-node/register/transpile-only src/main.ts`', synth.app),
  ];
  console.log(lines.join('\n'));
  console.log(['', ...goalTable((key) => pick(5000, key))].join('\n'));
}

/**
 * What the live cluster is held to at the default node timeout, each beside the floor it cannot
 * beat (see BENCHMARKS.md for where each floor comes from).
 */
function goalTable(pick: (key: keyof ClusterTimes) => number[]): string[] {
  const goals: Array<[string, keyof ClusterTimes, number, number, string]> = [
    ['bootstrap → replicas in sync', 'replicated', 5, 2, '`redis-cli --cluster create`: 1 s before its join wait, which polls in 1 s steps'],
    ['unplanned failover', 'failover', 6.5, 5.5, 'node timeout 5 s + the shortest election delay, 0.5 s'],
    ['heal after a full restart', 'heal', 5, 2, 'a restarted master stays cluster_state:fail for 2 s (CLUSTER_WRITABLE_DELAY)'],
    ['planned stop: longest write gap', 'plannedGap', 0.05, 0.02, 'one write interval'],
  ];
  return [
    '| goal (seconds, node timeout 5000 ms) | at most | median | max | floor | median / floor | the floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...goals.map(([label, key, goal, floor, why]) => {
      const values = pick(key);
      const m = median(values);
      return `| ${label} | ${goal.toFixed(2)} | ${m.toFixed(2)} | ${Math.max(...values).toFixed(2)} | ${floor.toFixed(2)} | ${(m / floor).toFixed(2)} | ${why} |`;
    }),
  ];
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

/**
 * Measures, with the live harness, how long the synthesized cluster takes to bootstrap, to fail
 * over when a master dies, and to heal after a full restart, and how long synthesis takes. Prints
 * the machine and a markdown table (median, min and max of several runs) for BENCHMARKS.md.
 *
 *   npm run bench                   3 cluster runs per node timeout, 5 synth runs, the TLS rows
 *   BENCH_RUNS=5 npm run bench      more cluster runs
 *   BENCH_ONLY=tls npm run bench    only the TLS rows: redis-benchmark with and without TLS on
 *                                   loopback, and TLS clusters (bootstrap, certificate rotation)
 *
 * Not part of the test run. Needs what the live tests need (root, redis-server 7+, util-linux).
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { shardsOf, waitForClusterOk, waitForHealthyCluster, waitForPersistenceIdle, waitForPromotion } from './_cluster-health';
import { missingLiveRequirements, AUTH_SECRETS } from './_live';
import { hashTagIn } from '../_local-redis';
import { clusterClient } from './_redis';
import { waitUntil } from './_wait';
import { startWriter } from './_writer';
import { LocalKube, synthesize } from './harness';
import { fingerprint256, issueCertificate, makeCa, tlsSecretData } from '../_certificates';
import { DEBIAN_REDIS_7_0, presentedCertificate, tlsProps } from './_tls-scenarios';

const CLUSTER_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SYNTH_RUNS = Number(process.env.BENCH_SYNTH_RUNS ?? 5);
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

interface TlsClusterTimes {
  readonly bootstrap: number;
  /** Secret updated → every node presents the new certificate to new connections. */
  readonly rotation: number;
}

/** One TLS cluster: bootstrap, then a renewed certificate written into the Secret. */
async function tlsClusterRun(): Promise<TlsClusterTimes> {
  const props = tlsProps(DEBIAN_REDIS_7_0);
  const synthesized = synthesize(props);
  const ca = makeCa();
  const dnsNames = ['*.redis-service.redis.svc.cluster.local'];
  const kube = new LocalKube({
    manifests: synthesized.manifests,
    secrets: { ...AUTH_SECRETS, 'redis-tls': tlsSecretData(issueCertificate(ca, { dnsNames }), ca) },
  });
  current = kube;
  try {
    let start = Date.now();
    const job = kube.startJob();
    await kube.createPods();
    if (!(await job.result(300_000)).succeeded) {
      throw new Error(`the init Job failed:\n${job.output()}`);
    }
    await waitForHealthyCluster(kube, 120_000);
    const bootstrap = seconds(start);
    const renewed = issueCertificate(ca, { dnsNames });
    const expected = fingerprint256(renewed.cert);
    start = Date.now();
    kube.updateSecret('redis-tls', tlsSecretData(renewed, ca));
    await waitUntil('every node presenting the renewed certificate', async () => {
      const stale: string[] = [];
      for (const pod of kube.currentPods()) {
        const seen = await presentedCertificate(pod.address, 6379, pod.fqdn!, ca.cert).catch((e: Error) => e.message);
        if (seen !== expected) stale.push(pod.name);
      }
      return stale;
    }, { timeoutMs: 120_000, intervalMs: 100 });
    return { bootstrap, rotation: seconds(start) };
  } finally {
    current = undefined;
    await kube.close();
    fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  }
}

interface BenchmarkRates {
  /** Requests per second with a new connection for every request (-c 1 -k 0): connect + PING. */
  readonly reconnectPlain: number;
  readonly reconnectTls: number;
  /** GET requests per second over 50 kept-alive connections. */
  readonly getPlain: number;
  readonly getTls: number;
  /** Milliseconds per connect + PING + close from Node, which reuses one TLS context. */
  readonly connectPlainMs: number;
  readonly connectTlsMs: number;
}

/** Mean milliseconds of `count` sequential connect + PING + close, plain or TLS (one context). */
async function connectPingMs(port: number, ca: string | undefined, count: number): Promise<number> {
  const context = ca ? tls.createSecureContext({ ca }) : undefined;
  const once = () => new Promise<void>((resolve, reject) => {
    const socket: net.Socket = context
      ? tls.connect({ host: '127.0.0.1', port, secureContext: context, servername: 'localhost' }, () => socket.write('PING\r\n')).setNoDelay(true)
      : net.connect({ host: '127.0.0.1', port, noDelay: true }, () => socket.write('PING\r\n'));
    socket.once('data', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once();
  return Number(process.hrtime.bigint() - start) / 1e6 / count;
}

/**
 * redis-benchmark against one redis-server on 127.0.0.1 that listens both in plain text and with
 * TLS, so that the only difference is the handshake and the encryption.
 */
async function redisBenchmarkRun(): Promise<BenchmarkRates> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-tls-bench-'));
  let server: ChildProcess | undefined;
  try {
    const ca = makeCa();
    const pair = issueCertificate(ca, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    fs.writeFileSync(path.join(dir, 'ca.crt'), ca.cert);
    fs.writeFileSync(path.join(dir, 'tls.crt'), pair.cert);
    fs.writeFileSync(path.join(dir, 'tls.key'), pair.key);
    const plainPort = 20000 + Math.floor(Math.random() * 2000);
    const tlsPort = plainPort + 1;
    server = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(plainPort), '--tls-port', String(tlsPort),
      '--tls-cert-file', path.join(dir, 'tls.crt'), '--tls-key-file', path.join(dir, 'tls.key'), '--tls-ca-cert-file', path.join(dir, 'ca.crt'),
      '--tls-auth-clients', 'no', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    await waitUntil('redis-server', async () => (spawnSync('redis-cli', ['-p', String(plainPort), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG' ? [] : 'starting'), { timeoutMs: 10_000 });
    const tlsArgs = ['--tls', '--cacert', path.join(dir, 'ca.crt')];
    const rate = (port: number, extra: string[], args: string[]): number => {
      const r = spawnSync('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), ...extra, ...args, '--csv'], { encoding: 'utf8', timeout: 300_000 });
      const line = r.stdout.split('\n').find((l) => /^"(PING_MBULK|GET)"/.test(l));
      if (!line) throw new Error(`redis-benchmark printed no result: ${r.stdout}${r.stderr}`);
      return Number(JSON.parse(`[${line}]`)[1]);
    };
    const reconnect = ['-t', 'ping', '-n', '500', '-c', '1', '-k', '0'];
    const gets = ['-t', 'get', '-n', '50000', '-c', '50'];
    return {
      connectPlainMs: await connectPingMs(plainPort, undefined, 300),
      connectTlsMs: await connectPingMs(tlsPort, ca.cert, 300),
      reconnectPlain: rate(plainPort, [], reconnect),
      reconnectTls: rate(tlsPort, tlsArgs, reconnect),
      getPlain: rate(plainPort, [], gets),
      getTls: rate(tlsPort, tlsArgs, gets),
    };
  } finally {
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function tlsRows(): Promise<string[]> {
  const clusters: TlsClusterTimes[] = [];
  for (let i = 0; i < CLUSTER_RUNS; i++) {
    const times = await tlsClusterRun();
    console.error(`TLS cluster run ${i + 1}/${CLUSTER_RUNS}: ${JSON.stringify(times)}`);
    clusters.push(times);
  }
  const rates: BenchmarkRates[] = [];
  for (let i = 0; i < CLUSTER_RUNS; i++) {
    const r = await redisBenchmarkRun();
    console.error(`redis-benchmark run ${i + 1}/${CLUSTER_RUNS}: ${JSON.stringify(r)}`);
    rates.push(r);
  }
  const pick = (key: keyof BenchmarkRates) => rates.map((r) => r[key]);
  // One request per connection: the time per request is the connection's cost.
  const handshakeMs = rates.map((r) => (1 / r.reconnectTls - 1 / r.reconnectPlain) * 1000);
  return [
    row('TLS bootstrap: pods and Job created → healthy, replicas in sync (tls from a Secret)', clusters.map((t) => t.bootstrap)),
    row('TLS rotation: Secret updated → every node presents the new certificate, no restart (reloadIntervalSeconds 10, the default)', clusters.map((t) => t.rotation)),
    '',
    '| redis-benchmark on 127.0.0.1, one server, plain port vs TLS port | runs | median | min | max |',
    '| --- | ---: | ---: | ---: | ---: |',
    rateRow('new connection per request (`-t ping -c 1 -k 0`), plain: requests/s', pick('reconnectPlain')),
    rateRow('new connection per request, TLS (ECDSA P-256): requests/s', pick('reconnectTls')),
    rateRow('→ extra time per new TLS connection (ms): 1/TLS − 1/plain (includes redis-benchmark making a new TLS context each time)', handshakeMs),
    rateRow('connect + PING + close from Node (one TLS context reused), plain: ms', pick('connectPlainMs')),
    rateRow('connect + PING + close from Node, TLS: ms (the difference is the handshake)', pick('connectTlsMs')),
    rateRow('GET over 50 kept-alive connections (`-t get -c 50`), plain: requests/s', pick('getPlain')),
    rateRow('GET over 50 kept-alive connections, TLS: requests/s', pick('getTls')),
  ];
}

function rateRow(label: string, values: readonly number[]): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
  return `| ${label} | ${values.length} | ${f(median(values))} | ${f(Math.min(...values))} | ${f(Math.max(...values))} |`;
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
  if (process.env.BENCH_ONLY === 'tls') {
    console.log([...machine(), '', '| measurement (seconds) | runs | median | min | max |', '| --- | ---: | ---: | ---: | ---: |', ...await tlsRows()].join('\n'));
    return;
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
    row('heal after a full restart: every pod re-created with a new address → healthy (node timeout 5000 ms)', pick(5000, 'heal')),
    row('heal after a full restart (node timeout 10000 ms)', pick(10000, 'heal')),
    row('planned stop of a master (kubectl delete pod): longest gap between a client\'s writes every 20 ms (node timeout 5000 ms)', pick(5000, 'plannedGap')),
    row('planned stop: the master\'s pod stopped (preStop hand-over + SIGTERM) (node timeout 5000 ms)', pick(5000, 'plannedStop')),
    row('`npx cdk8s synth --no-check-upgrade`', synth.cli),
    row('the app alone: `node --require ts-node/register/transpile-only src/main.ts`', synth.app),
    ...await tlsRows(),
  ];
  console.log(lines.join('\n'));
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

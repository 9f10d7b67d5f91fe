/**
 * Measures, with the live harness, how long the synthesized cluster takes to bootstrap, to fail
 * over when a master dies, and to heal after a full restart, and how long synthesis takes. Prints
 * the machine and a markdown table (median, min and max of several runs) for BENCHMARKS.md.
 *
 *   npm run bench                   3 cluster runs per node timeout, 5 synth runs, 3 user rotations
 *   BENCH_RUNS=5 npm run bench      more cluster runs
 *   BENCH_ONLY=servers npm run bench   only the per-server rows (default node timeout)
 *
 * Each cluster run ends with a rolling restart of every pod under a writing client (`_rollout.ts`).
 *
 * Then the same cluster run once per server of the live tests' matrix (Redis 7.0, Redis 8.0,
 * Valkey 8.1) that this machine has (`scripts/install-servers.sh`).
 *   BENCH_ONLY=users npm run bench  only the ACL users' pickup times
 *   BENCH_ONLY=synth npm run bench  only the synth rows (needs no root and no Redis)
 *   BENCH_ONLY=tls npm run bench    only the TLS rows: redis-benchmark with and without TLS on
 *                                   loopback, and TLS clusters (bootstrap, certificate rotation)
 *   BENCH_RESIZE_RUNS=3 npm run bench  more resize runs (3 x 1 -> 4 x 1 -> 3 x 1 with 100,000 keys; 1 by default)
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
import { clusterClient, nodeCommand } from './_redis';
import { scaleOutAndBackIn, ScaleOutAndInResult } from './_resize';
import { describeRollout, rollOn } from './_rollout';
import { missingServer, Server, SERVERS } from './_servers';
import { waitUntil } from './_wait';
import { startWriter } from './_writer';
import { LocalKube, synthesize } from './harness';
import { fingerprint256, issueCertificate, makeCa, tlsSecretData } from '../_certificates';
import { DEBIAN_REDIS_7_0, presentedCertificate, tlsProps } from './_tls-scenarios';
import { RedisUsers } from '../../src';

const CLUSTER_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SYNTH_RUNS = Number(process.env.BENCH_SYNTH_RUNS ?? 5);
const RESIZE_RUNS = Number(process.env.BENCH_RESIZE_RUNS ?? 1);
const RESIZE_KEYS = 100_000;
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

/**
 * One cluster, start to finish: bootstrap, kill a master, restart it, restart every pod, stop a
 * master on purpose, then roll every pod.
 */
async function clusterRun(clusterNodeTimeoutMs: number, image?: string): Promise<ClusterTimes> {
  const synthesized = synthesize(image ? { clusterNodeTimeoutMs, image } : { clusterNodeTimeoutMs });
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
      const rolled = await rollOn(kube, `${image ?? 'the default image'}, node timeout ${clusterNodeTimeoutMs} ms`);
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

/** How long the nodes took to apply a changed password Secret: a key added, then the old key removed. */
interface PickupTimes {
  readonly added: number;
  readonly removed: number;
}

/**
 * ACL users: one cluster with an app user whose Secret lists two keys, rotated `rotations` times.
 * Each time, from the Secret's update in every pod (as the kubelet's sync would make it) until
 * every node accepts the new password, and from the old key's removal until every node refuses it.
 */
async function usersRun(rotations: number): Promise<PickupTimes[]> {
  const synthesized = synthesize({
    defaultUser: false,
    users: [
      RedisUsers.readWriteApp('app', 'redis-app-user', { keys: ['app:*'], passwordKeys: ['password', 'password-next'] }),
      RedisUsers.admin('admin', 'redis-admin'),
    ],
  });
  const internal = { replication: 'bench-repl', node: 'bench-node', operator: 'bench-operator' };
  const kube = new LocalKube({
    manifests: synthesized.manifests,
    secrets: { ...AUTH_SECRETS, 'redis-internal-users': internal, 'redis-app-user': { password: 'pass-0' }, 'redis-admin': { password: 'bench-admin' } },
    observer: { username: 'admin', password: 'bench-admin' },
  });
  current = kube;
  const authEverywhere = (password: string, accepted: boolean) => waitUntil(`every node ${accepted ? 'accepting' : 'refusing'} ${password}`, async () => {
    const replies = await Promise.all(kube.currentPods().map((p) => nodeCommand(p.address, 6379, ['AUTH', 'app', password], 3000)
      .then(String, (e: Error) => e.message)));
    return replies.filter((r) => (r === 'OK') !== accepted);
  }, { timeoutMs: 60_000, intervalMs: 20 });
  try {
    const job = kube.startJob();
    await kube.createPods();
    if (!(await job.result(300_000)).succeeded) {
      throw new Error(`the init Job failed:
${job.output()}`);
    }
    await waitForHealthyCluster(kube, 60_000, { replicasInSync: false });
    const times: PickupTimes[] = [];
    let keys: Record<string, string> = { password: 'pass-0' };
    for (let i = 1; i <= rotations; i++) {
      const [oldKey, newKey] = i % 2 === 1 ? ['password', 'password-next'] : ['password-next', 'password'];
      const [oldPassword, newPassword] = [keys[oldKey], `pass-${i}`];
      let start = Date.now();
      keys = { [oldKey]: oldPassword, [newKey]: newPassword };
      kube.updateSecret('redis-app-user', keys);
      await authEverywhere(newPassword, true);
      const added = seconds(start);
      start = Date.now();
      keys = { [newKey]: newPassword };
      kube.updateSecret('redis-app-user', keys);
      await authEverywhere(oldPassword, false);
      times.push({ added, removed: seconds(start) });
    }
    return times;
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

interface SynthTimes {
  /** `node -e` loading cdk8s, cdk8s-plus-27 and yaml: the floor of the app. */
  readonly libraries: number[];
  /** The app as `npx cdk8s synth` and `npm run synth` start it, cache warm. */
  readonly app: number[];
  /** The same right after an edit to src/: it transpiles once. */
  readonly appAfterEdit: number[];
  /** The app as it was started before the cache: through ts-node. */
  readonly appTsNode: number[];
  /** `npx cdk8s --version`: the floor of the CLI. */
  readonly cliAlone: number[];
  readonly cli: number[];
  /** Peak resident memory of the app (warm), in MiB. */
  readonly appPeakRssMiB: number[];
  /** The same through ts-node, as before. */
  readonly appTsNodePeakRssMiB: number[];
}

/** Wall time and peak RSS (MiB) of one node process, measured from inside it. */
function timeNode(args: readonly string[], env: NodeJS.ProcessEnv, rssPreload: string): { seconds: number; rssMiB: number } {
  const start = Date.now();
  const result = spawnSync('node', ['--require', rssPreload, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  }
  const rss = /^peak-rss-kib (\d+)$/m.exec(result.stderr);
  return { seconds: seconds(start), rssMiB: rss ? Number(rss[1]) / 1024 : NaN };
}

function synthRuns(): SynthTimes {
  const times: { [K in keyof SynthTimes]: number[] } = {
    libraries: [], app: [], appAfterEdit: [], appTsNode: [], cliAlone: [], cli: [], appPeakRssMiB: [], appTsNodePeakRssMiB: [],
  };
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-bench-'));
  const rssPreload = path.join(scratch, 'peak-rss.js');
  fs.writeFileSync(rssPreload, "process.on('exit', () => process.stderr.write(`\\npeak-rss-kib ${process.resourceUsage().maxRSS}\\n`));\n");
  // npm's own update check would add a registry round trip to every npx.
  const quiet = { ...process.env, npm_config_update_notifier: 'false' };
  try {
    // Warm the cache of transpiled modules once.
    timeNode(['build-tools/app.js'], { ...process.env, CDK8S_OUTDIR: path.join(scratch, 'warm') }, rssPreload);
    for (let i = 0; i < SYNTH_RUNS; i++) {
      const outdir = path.join(scratch, `out-${i}`);
      const appEnv = { ...process.env, CDK8S_OUTDIR: outdir };
      times.libraries.push(timeNode(['-e', "require('cdk8s'); require('cdk8s-plus-27'); require('yaml')"], process.env, rssPreload).seconds);
      const app = timeNode(['build-tools/app.js'], appEnv, rssPreload);
      times.app.push(app.seconds);
      times.appPeakRssMiB.push(app.rssMiB);
      // An empty cache folder stands for an edit: the sources hash to a folder not made yet. (Inside
      // the project, so that the transpiled modules find node_modules.)
      const cold = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.cache', 'redis-cluster-bench-'));
      try {
        times.appAfterEdit.push(timeNode(['build-tools/app.js'], { ...appEnv, REDIS_CLUSTER_APP_CACHE: cold }, rssPreload).seconds);
      } finally {
        fs.rmSync(cold, { recursive: true, force: true });
      }
      const tsNode = timeNode(['--require', 'ts-node/register/transpile-only', 'src/main.ts'], appEnv, rssPreload);
      times.appTsNode.push(tsNode.seconds);
      times.appTsNodePeakRssMiB.push(tsNode.rssMiB);
      times.cliAlone.push(timeCommand('npx', ['cdk8s', '--version'], quiet));
      // --output keeps dist/ untouched.
      times.cli.push(timeCommand('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--output', outdir], quiet));
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return times;
}

/** A row comparing a measurement with the floor measured in the same run. */
function ratioRow(label: string, values: readonly number[], floorLabel: string, floor: readonly number[], goal?: number): string {
  const ratio = median(values) / median(floor);
  const verdict = goal === undefined ? 'none (for comparison)' : `≤ ${goal}: ${ratio <= goal ? 'met' : 'NOT met'}`;
  return `| ${label} | ${values.length} | ${median(values).toFixed(2)} | ${floorLabel}: ${median(floor).toFixed(2)} | ${ratio.toFixed(2)} | ${verdict} |`;
}

function synthTable(synth: SynthTimes): string[] {
  return [
    '| synth (seconds) | runs | median | floor, same run | ratio | goal |',
    '| --- | ---: | ---: | --- | ---: | --- |',
    ratioRow('the app alone: `node build-tools/app.js` (cache warm)', synth.app, 'loading cdk8s + cdk8s-plus-27 + yaml', synth.libraries, 2),
    ratioRow('`npx cdk8s synth --no-check-upgrade`', synth.cli, '`npx cdk8s --version`', synth.cliAlone, 1.35),
    ratioRow('the app right after an edit to src/ (transpiles once)', synth.appAfterEdit, 'loading cdk8s + cdk8s-plus-27 + yaml', synth.libraries),
    ratioRow('before: the app through `ts-node --transpile-only`', synth.appTsNode, 'loading cdk8s + cdk8s-plus-27 + yaml', synth.libraries),
    '',
    `Peak RSS of the app during synth: median ${median(synth.appPeakRssMiB).toFixed(0)} MiB with the cache warm, ${median(synth.appTsNodePeakRssMiB).toFixed(0)} MiB through ts-node (${synth.appPeakRssMiB.length} runs each).`,
  ];
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
  const redis = (spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout ?? '').trim() || 'not installed';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return [
    `- CPUs (nproc): ${os.availableParallelism?.() ?? os.cpus().length}, ${os.cpus()[0]?.model ?? 'unknown model'}`,
    `- memory: ${memoryGiB} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- node: ${process.version}`,
    `- redis: ${redis}`,
    ...Object.values(SERVERS).filter((s) => missingServer(s).length === 0)
      .map((s) => `- ${s.name}: ${spawnSync(s.serverBinary, ['--version'], { encoding: 'utf8' }).stdout.trim()}`),
  ];
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'synth') {
    const synth = synthRuns();
    console.error(`synth: ${JSON.stringify(synth)}`);
    console.log([...machine(), '', ...synthTable(synth)].join('\n'));
    return;
  }
  const missing = missingLiveRequirements();
  if (missing.length > 0) {
    throw new Error(`this machine lacks ${missing.join(', ')}; the benchmark runs real Redis processes like the live tests`);
  }
  if (process.env.BENCH_ONLY === 'tls') {
    console.log([...machine(), '', '| measurement (seconds) | runs | median | min | max |', '| --- | ---: | ---: | ---: | ---: |', ...await tlsRows()].join('\n'));
    return;
  }
  const users = await usersRun(Number(process.env.BENCH_ROTATIONS ?? 3));
  console.error(`users: ${JSON.stringify(users)}`);
  const usersRows = [
    row('ACL users: a password Secret changed in every pod → every node accepts the added key (reload interval 2 s)', users.map((t) => t.added)),
    row('ACL users: the old key removed → every node refuses it', users.map((t) => t.removed)),
  ];
  if (process.env.BENCH_ONLY === 'users') {
    console.log([...machine(), '', '| measurement (seconds) | runs | median | min | max |', '| --- | ---: | ---: | ---: | ---: |', ...usersRows].join('\n'));
    return;
  }
  const onlyServers = process.env.BENCH_ONLY === 'servers';
  const byTimeout = new Map<number, ClusterTimes[]>();
  for (const timeoutMs of onlyServers ? [] : [5000, 10000]) {
    const runs: ClusterTimes[] = [];
    for (let i = 0; i < CLUSTER_RUNS; i++) {
      const times = await clusterRun(timeoutMs);
      console.error(`cluster-node-timeout ${timeoutMs} ms, run ${i + 1}/${CLUSTER_RUNS}: ${JSON.stringify(times)}`);
      runs.push(times);
    }
    byTimeout.set(timeoutMs, runs);
  }
  const resizes: ScaleOutAndInResult[] = [];
  for (let i = 0; i < (onlyServers ? 0 : RESIZE_RUNS); i++) {
    const r = await scaleOutAndBackIn(SERVERS['redis-7.0'], RESIZE_KEYS);
    if (r.problems.length > 0) {
      throw new Error(`the resize run found problems:\n${r.problems.join('\n')}`);
    }
    console.error(`resize run ${i + 1}/${RESIZE_RUNS}: ${JSON.stringify(r)}`);
    resizes.push(r);
  }
  const byServer = new Map<Server, ClusterTimes[]>();
  for (const server of Object.values(SERVERS).filter((s) => missingServer(s).length === 0)) {
    const runs: ClusterTimes[] = [];
    for (let i = 0; i < CLUSTER_RUNS; i++) {
      const times = await clusterRun(5000, server.image);
      console.error(`${server.name} (${server.image}), run ${i + 1}/${CLUSTER_RUNS}: ${JSON.stringify(times)}`);
      runs.push(times);
    }
    byServer.set(server, runs);
  }
  const synth = onlyServers ? undefined : synthRuns();
  console.error(`synth: ${JSON.stringify(synth)}`);

  const pick = (timeoutMs: number, key: keyof ClusterTimes) => byTimeout.get(timeoutMs)!.map((t) => t[key]);
  const perServer = (label: string, key: keyof ClusterTimes) => [...byServer].map(([server, runs]) =>
    row(`${label} — ${server.name} (\`${server.image}\`)`, runs.map((t) => t[key])));
  const lines = [
    ...machine(),
    '',
    '| measurement (seconds) | runs | median | min | max |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...(onlyServers ? [] : [
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
      row('scale out 3 x 1 → 4 x 1 holding 100,000 keys: apply → the Job verified the new shard (pods start, join, rebalance)', resizes.map((r) => r.addShardMs / 1000)),
      row('  keys moved to the new shard per second of that (keys/s, not seconds)', resizes.map((r) => r.keysMoved / (r.addShardMs / 1000))),
      row('  longest gap between a client\'s acknowledged writes (every 20 ms) during it', resizes.map((r) => r.scaleOutGapMs / 1000)),
      row('drain a shard, 4 x 1 → 3 x 1 (step 1 of the scale in): apply → the Job verified the drain', resizes.map((r) => r.drainMs / 1000)),
      row('  longest gap between a client\'s acknowledged writes during it', resizes.map((r) => r.drainGapMs / 1000)),
      row('rolling restart of all 6 pods under a client writing every 20 ms: the whole rollout (node timeout 5000 ms)', pick(5000, 'rollout')),
      row('rolling restart: writes that failed (a count, not seconds) (node timeout 5000 ms)', pick(5000, 'rolloutFailedWrites')),
      row('rolling restart: longest gap between acknowledged writes (node timeout 5000 ms)', pick(5000, 'rolloutGap')),
    ]),
    ...usersRows,
    ...(onlyServers ? [] : await tlsRows()),
    ...perServer('bootstrap → cluster ok', 'bootstrap'),
    ...perServer('bootstrap → replicas in sync', 'replicated'),
    ...perServer('unplanned failover', 'failover'),
    ...perServer('planned stop: longest write gap', 'plannedGap'),
    ...perServer('rolling restart of all 6 pods: the whole rollout', 'rollout'),
    ...perServer('rolling restart: writes that failed (a count, not seconds)', 'rolloutFailedWrites'),
    ...perServer('rolling restart: longest write gap', 'rolloutGap'),
    ...(onlyServers ? [] : ['', ...goalTable((key) => pick(5000, key))]),
    ...(synth === undefined ? [] : ['', ...synthTable(synth)]),
  ];
  console.log(lines.filter((l, i) => l !== '' || i === machine().length).join('\n'));
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

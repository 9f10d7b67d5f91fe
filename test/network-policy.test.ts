import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { DEFAULT_REDIS_CONFIG, renderRedisConf } from '../src';
import { cli, describeWith, freePort, Processes, SCRIPTS, startScript, tempDir, waitFor, within } from './_local-redis';
import { admits, NetworkFence, PolicyPod } from './_network-fence';
import { findObject, synthToDisk } from './_synth';

const ENABLE = 'Install Redis (Debian: apt-get install -y redis-server redis-tools) to run these tests.';

const { objects } = synthToDisk();
const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
const sts = findObject(objects, 'StatefulSet');
const job = findObject(objects, 'Job');
const namespace = sts.metadata.namespace!;
const containerPort = (name: string): number => sts.spec.template.spec.containers[0].ports.find((p: any) => p.name === name).containerPort;
const CLIENT_PORT = containerPort('client');
const BUS_PORT = containerPort('bus');

// Each pod on its own loopback address, in a block picked at random so that parallel runs do not
// meet. The init Job's redis-cli connects from 127.0.0.1, the source Linux gives any connection to
// a loopback address that does not bind one.
const block = `127.${100 + Math.floor(Math.random() * 150)}.${1 + Math.floor(Math.random() * 250)}`;
const servers: PolicyPod[] = Array.from({ length: sts.spec.replicas }, (_, i) => ({
  name: `${sts.metadata.name}-${i}`,
  namespace,
  labels: { ...sts.spec.template.metadata.labels, 'statefulset.kubernetes.io/pod-name': `${sts.metadata.name}-${i}`, 'apps.kubernetes.io/pod-index': String(i) },
  address: `${block}.${10 + i}`,
}));
const initJob: PolicyPod = { name: 'init-job', namespace, labels: job.spec.template.metadata.labels, address: '127.0.0.1' };
const client: PolicyPod = { name: 'labelled-client', namespace: 'shop', labels: { 'redis-app-client': 'true' }, address: `${block}.100` };
const stranger: PolicyPod = { name: 'unlabelled-pod', namespace: 'shop', labels: { app: 'shop' }, address: `${block}.101` };
const neighbour: PolicyPod = { name: 'unlabelled-pod-in-redis', namespace, labels: { app: 'debug' }, address: `${block}.102` };

/**
 * What a connection from `from` to `to`:`port` gets: 'answered' when Redis replies to PING,
 * 'open' when the connection stays up (the cluster bus answers nothing to a stranger's bytes),
 * 'refused' when it is closed on us.
 */
function attempt(from: PolicyPod, to: { address: string; port: number }, ping: boolean): Promise<'answered' | 'open' | 'refused'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: to.address, port: to.port, localAddress: from.address });
    let reply = '';
    const done = (outcome: 'answered' | 'open' | 'refused') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done(ping ? 'refused' : 'open'), 1500);
    socket.on('connect', () => ping && socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (d) => {
      reply += d;
      if (reply.includes('+PONG')) done('answered');
    });
    socket.on('error', () => done('refused'));
    socket.on('close', () => done(reply.includes('+PONG') ? 'answered' : 'refused'));
  });
}

describeWith(['redis-server', 'redis-cli'], ENABLE)('the NetworkPolicy, enforced between real Redis nodes', () => {
  jest.setTimeout(180_000);
  const procs = new Processes();
  const root = tempDir('redis-netpol-');
  const fence = new NetworkFence(policies, [...servers, initJob, client, stranger, neighbour]);
  /** Where each pod's client and bus ports are reached (through the fence), and Redis's own port behind it. */
  const ports: { client: number; bus: number; backend: number }[] = [];
  const reach = (i: number, which: 'client' | 'bus') => ({ address: servers[i].address, port: ports[i][which] });

  beforeAll(async () => {
    for (const [i, pod] of servers.entries()) {
      const announced = await freePort();
      const backend = await freePort();
      ports.push({ client: announced, bus: announced + 10000, backend });
      await fence.guard(pod, CLIENT_PORT, announced, backend);
      await fence.guard(pod, BUS_PORT, announced + 10000, backend + 10000);
      const dir = path.join(root, pod.name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'redis.conf'), renderRedisConf({
        ...DEFAULT_REDIS_CONFIG,
        'save': null,
        'appendonly': false,
        'dir': dir,
        'cluster-enabled': true,
        'cluster-config-file': path.join(dir, 'nodes.conf'),
        'cluster-node-timeout': 5000,
      }));
      // Redis listens behind the fence and announces the fenced ports; it connects out from its
      // pod's address, as it would from its pod's network namespace.
      procs.spawn('sh', [path.join(SCRIPTS, 'start-redis.sh'),
        '--bind', pod.address, '--bind-source-addr', pod.address,
        '--port', String(backend), '--cluster-port', String(backend + 10000),
        '--cluster-announce-port', String(announced), '--cluster-announce-bus-port', String(announced + 10000)], {
        env: { ...process.env, POD_NAME: pod.name, POD_DOMAIN: 'svc.test', REDIS_CONF: path.join(dir, 'redis.conf'), NODES_CONF: path.join(dir, 'nodes.conf') },
      });
      await waitFor(`${pod.name} to answer`, () => cliAt(i, 'ping') === 'PONG', 20_000);
    }
  });
  afterAll(async () => {
    await fence.close();
    await procs.stopAll();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** redis-cli on the pod itself (kubectl exec), behind the fence. */
  function cliAt(i: number, ...args: string[]): string {
    return cli(ports[i].backend, '-h', servers[i].address, ...args);
  }

  test('the init Job forms the cluster, replicas sync, through nothing but what the policy admits', async () => {
    // WHEN the Job runs against the fenced pods (in the background: the fence runs in this process)
    const run = startScript('init-cluster.sh', ['--cluster-replicas', '1', ...servers.map((_, i) => `${servers[i].address}:${ports[i].client}`)], { WAIT_TIMEOUT_SECONDS: '60', POLL_INTERVAL_SECONDS: '1' });
    const code = await within(run.exited, 150_000, 'still running');
    run.child.kill('SIGKILL');

    // THEN the cluster is healthy, replicas in sync
    expect(run.output()).toContain(`cluster is healthy: ${servers.length} nodes, all 16384 slots served`);
    expect(code).toBe(0);
    // AND the nodes really talked over the fenced bus, and the replicas to their masters through
    // the fenced client port; nothing they tried was turned away
    const seen = (port: number) => new Set(fence.decisions
      .filter((d) => d.port === port && servers.some((s) => s.name === d.from)).map((d) => d.from));
    expect([...seen(BUS_PORT)].sort()).toEqual(servers.map((s) => s.name).sort());
    expect(seen(CLIENT_PORT).size).toBeGreaterThanOrEqual(servers.length / 2);
    expect(fence.decisions.filter((d) => !d.admitted)).toEqual([]);
  });

  test('the bus port admits only the cluster\'s own pods', async () => {
    expect(await attempt(servers[2], reach(1, 'bus'), false)).toBe('open');
    for (const outsider of [initJob, client, stranger, neighbour]) {
      for (const i of [0, 1]) {
        expect({ from: outsider.name, to: servers[i].name, outcome: await attempt(outsider, reach(i, 'bus'), false) })
          .toEqual({ from: outsider.name, to: servers[i].name, outcome: 'refused' });
      }
    }
  });

  test('the client port admits the cluster, the init Job and labelled clients in any namespace; others only at the external Service\'s pod', async () => {
    for (const caller of [servers[2], initJob, client]) {
      expect({ from: caller.name, outcome: await attempt(caller, reach(1, 'client'), true) }).toEqual({ from: caller.name, outcome: 'answered' });
    }
    for (const outsider of [stranger, neighbour]) {
      expect({ from: outsider.name, outcome: await attempt(outsider, reach(1, 'client'), true) }).toEqual({ from: outsider.name, outcome: 'refused' });
      // redis-app-external admits externalClientCidrs (everyone, by default) to pod 0's client port
      expect({ from: outsider.name, outcome: await attempt(outsider, reach(0, 'client'), true) }).toEqual({ from: outsider.name, outcome: 'answered' });
    }
  });
});

describe('the NetworkPolicy evaluator the fence uses', () => {
  // It must be able to say no, or the live tests above prove nothing.
  test('refuses a port no rule names, and a peer no rule names', () => {
    expect(admits(policies, servers[1], servers[0], BUS_PORT)).toBe(true);
    expect(admits(policies, servers[1], servers[0], 1234)).toBe(false);
    expect(admits(policies, client, servers[1], BUS_PORT)).toBe(false);
  });

  test('admits everything to a pod no policy selects', () => {
    expect(admits(policies, stranger, client, BUS_PORT)).toBe(true);
  });

  test('a podSelector alone means pods of the policy\'s namespace', () => {
    expect(admits(policies, { ...servers[1], namespace: 'elsewhere' }, servers[2], BUS_PORT)).toBe(false);
  });
});

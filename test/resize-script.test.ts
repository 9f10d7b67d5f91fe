/**
 * init-cluster.sh resizing a running cluster of real redis-server processes on 127.0.0.1: scale
 * out (masters, then replicas), scale in through --drain, a re-run that changes nothing, and the
 * refusal of an unhealthy cluster. The same scenarios run from the synthesized manifests in
 * test/live/resize.test.ts; these are the fast ones, without pods.
 */
import Redis, { Cluster } from 'ioredis';
import { cli, describeWith, LocalNodes, runScript, waitFor } from './_local-redis';
import { aclRules, INTERNAL_USER_RULES } from '../src/cluster/users';

const ENABLE = 'Install them (Debian: apt-get install -y redis-server redis-tools) to run these tests.';
const KEYS = 3000;

interface NodeLine { id: string; port: number; role: string; master: string; slots: number; flags: string }

/** CLUSTER NODES of one node, parsed. */
function clusterNodes(port: number): NodeLine[] {
  return cli(port, 'cluster', 'nodes').split('\n').filter((l) => l.trim()).map((line) => {
    const f = line.split(' ');
    const slots = f.slice(8).filter((s) => !s.startsWith('[')).reduce((n, s) => {
      const [a, b = a] = s.split('-').map(Number);
      return n + b - a + 1;
    }, 0);
    return { id: f[0], port: Number(f[1].split(':')[1].split('@')[0]), role: f[2].includes('master') ? 'master' : 'replica', master: f[3], slots, flags: f[2] };
  });
}

/** Masters owning slots: port -> [slots, replica count]. */
function shape(port: number): Array<[number, number, number]> {
  const nodes = clusterNodes(port);
  return nodes.filter((n) => n.role === 'master' && n.slots > 0)
    .map((m) => [m.port, m.slots, nodes.filter((r) => r.master === m.id).length] as [number, number, number])
    .sort((a, b) => a[0] - b[0]);
}

describeWith(['redis-server', 'redis-cli'], ENABLE)('init-cluster.sh resizes a running cluster', () => {
  jest.setTimeout(180_000);
  const nodes = new LocalNodes();
  let client: Cluster;
  const addresses = (ports: number[]) => ports.map((p) => `127.0.0.1:${p}`);
  const run = (replicas: number, ports: number[], drain: number[] = []) => {
    const r = runScript('init-cluster.sh',
      ['--cluster-replicas', String(replicas), ...addresses(ports), ...(drain.length ? ['--drain', ...addresses(drain)] : [])],
      { POLL_INTERVAL_SECONDS: '1', WAIT_TIMEOUT_SECONDS: '150' }, 170_000);
    if (r.status !== 0) console.log(r.output);
    return r;
  };

  async function startNodes(n: number): Promise<number[]> {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const port = await nodes.add();
      nodes.start(port);
      ports.push(port);
    }
    for (const port of ports) {
      await waitFor(`redis on ${port}`, () => cli(port, 'ping') === 'PONG', 20_000);
    }
    return ports;
  }

  /** Every key, read from the master that owns its slot: the right count, each with its value. */
  async function expectAllKeys(): Promise<void> {
    const found = new Map<string, string | null>();
    for (const [port] of shape(nodes.ports[0])) {
      const node = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
      await node.connect();
      try {
        const keys: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await node.scan(cursor, 'COUNT', 1000);
          cursor = next;
          keys.push(...batch);
        } while (cursor !== '0');
        const pipeline = node.pipeline();
        keys.forEach((k) => pipeline.get(k));
        const replies = (await pipeline.exec()) ?? [];
        keys.forEach((k, i) => found.set(k, replies[i][1] as string | null));
      } finally {
        node.disconnect();
      }
    }
    expect(found.size).toBe(KEYS);
    const wrong = [...found].filter(([k, v]) => v !== `value-${k.slice(4)}`);
    expect(wrong).toEqual([]);
  }

  beforeAll(async () => {
    const ports = await startNodes(3);
    const r = run(0, ports);
    expect(r.status).toBe(0);
    client = new Cluster([{ host: '127.0.0.1', port: ports[0] }], {
      natMap: (key: string) => ({ host: '127.0.0.1', port: Number(key.slice(key.lastIndexOf(':') + 1)) }),
      redisOptions: { connectTimeout: 2000 },
    });
    client.on('error', () => undefined);
    for (let i = 0; i < KEYS; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, j) => client.set(`key:${i + j}`, `value-${i + j}`)));
    }
  });

  afterAll(async () => {
    client?.disconnect();
    await nodes.cleanup();
  });

  test('a fourth master gets an even share of the slots, with their keys', async () => {
    const [extra] = await startNodes(1);
    const r = run(0, nodes.ports);
    expect(r.output).toContain(`adding 127.0.0.1:${extra} as a master`);
    expect(r.status).toBe(0);
    const masters = shape(nodes.ports[0]);
    expect(masters.map((m) => m[0])).toEqual([...nodes.ports].sort((a, b) => a - b));
    for (const [, slots] of masters) expect(Math.abs(slots - 4096)).toBeLessThanOrEqual(82);
    await expectAllKeys();
  });

  test('running it again changes nothing', () => {
    const before = cli(nodes.ports[0], 'cluster', 'nodes').split('\n').map((l) => l.split(' ').filter((_, i) => i !== 4 && i !== 5).join(' ')).sort();
    const r = run(0, nodes.ports);
    expect(r.status).toBe(0);
    expect(r.output).toContain('every owner already has an even share');
    expect(r.output).not.toMatch(/adding|attaching|moving slots/);
    const after = cli(nodes.ports[0], 'cluster', 'nodes').split('\n').map((l) => l.split(' ').filter((_, i) => i !== 4 && i !== 5).join(' ')).sort();
    expect(after.map((l) => l.replace(/ (connected|disconnected)/, ''))).toEqual(before.map((l) => l.replace(/ (connected|disconnected)/, '')));
  });

  test('new pods become one replica per master', async () => {
    await startNodes(4);
    const r = run(1, nodes.ports);
    expect(r.status).toBe(0);
    const masters = shape(nodes.ports[0]);
    expect(masters.length).toBe(4);
    expect(masters.map((m) => m[2])).toEqual([1, 1, 1, 1]);
    await expectAllKeys();
  });

  test('fails when the cluster is unhealthy, saying why, and changes nothing', async () => {
    const owner = clusterNodes(nodes.ports[0]).find((n) => n.role === 'master' && n.slots > 0)!;
    const slot = Number(cli(owner.port, 'cluster', 'nodes').split('\n').find((l) => l.includes('myself'))!.split(' ')[8].split('-')[0]);
    for (const port of nodes.ports) cli(port, 'cluster', 'delslots', String(slot));
    try {
      const [extra] = await startNodes(2);
      const r = run(1, nodes.ports);
      expect(r.status).toBe(1);
      expect(r.output).toMatch(/the cluster is not healthy, so it is not resized: .* 16383 of 16384 slots assigned/);
      expect(cli(extra, 'cluster', 'info')).toContain('cluster_known_nodes:1');
    } finally {
      cli(owner.port, 'cluster', 'addslots', String(slot));
      // Every member sees the slot back (the next test starts from a healthy cluster).
      const members = nodes.ports.filter((p) => !cli(p, 'cluster', 'info').includes('cluster_known_nodes:1'));
      await waitFor('slot back on every node', () => members.every((p) => {
        const info = cli(p, 'cluster', 'info');
        return info.includes('cluster_slots_assigned:16384') && info.includes('cluster_state:ok');
      }), 20_000);
    }
  });

  test('--drain moves the slots off the pods that go, and the cluster forgets them', async () => {
    // GIVEN 4 masters with a replica each on the first 8 pods (and 2 more pods, not yet joined)
    const pods = nodes.ports.slice(0, 8);
    const leaving = pods.slice(6);
    const leavingIds = leaving.map((p) => cli(p, 'cluster', 'myid'));
    // WHEN drained to 3 masters with a replica each on the first 6
    const r = run(1, pods.slice(0, 6), leaving);
    expect(r.status).toBe(0);
    // THEN the 6 kept pods hold 3 masters with a replica each, and all the keys
    const masters = shape(pods[0]);
    expect(masters.length).toBe(3);
    expect(masters.map((m) => m[2])).toEqual([1, 1, 1]);
    expect(masters.every((m) => pods.slice(0, 6).includes(m[0]))).toBe(true);
    for (const port of pods.slice(0, 6)) {
      expect(cli(port, 'cluster', 'info')).toContain('cluster_known_nodes:6');
      expect(clusterNodes(port).map((n) => n.id)).not.toEqual(expect.arrayContaining([leavingIds[0]]));
    }
    // AND the drained pods were reset: alone, empty
    for (const port of leaving) {
      expect(cli(port, 'cluster', 'info')).toContain('cluster_known_nodes:1');
      expect(cli(port, 'dbsize')).toBe('0');
    }
    await expectAllKeys();
  });
});

describeWith(['redis-server', 'redis-cli'], ENABLE)('init-cluster.sh resizes as the operator user, with its ACL rules only', () => {
  jest.setTimeout(180_000);
  const nodes = new LocalNodes();
  const KEYS_WITH_USERS = 2000;
  const addresses = (ports: number[]) => ports.map((p) => `127.0.0.1:${p}`);
  // The Job's environment with ACL users (src/k8s/init-job.ts): it connects as the operator.
  const asOperator = { POLL_INTERVAL_SECONDS: '1', WAIT_TIMEOUT_SECONDS: '120', REDIS_CLI_USER: 'operator', REDISCLI_AUTH: 'operator-pass' };
  const run = (ports: number[], drain: number[] = []) => {
    const r = runScript('init-cluster.sh', ['--cluster-replicas', '0', ...addresses(ports), ...(drain.length ? ['--drain', ...addresses(drain)] : [])],
      asOperator, 150_000);
    if (r.status !== 0) console.log(r.output);
    return r;
  };
  const denials = (port: number) => cli(port, 'acl', 'log');

  beforeAll(async () => {
    for (let i = 0; i < 4; i++) {
      const port = await nodes.add();
      nodes.start(port);
    }
    for (const port of nodes.ports) {
      await waitFor(`redis on ${port}`, () => cli(port, 'ping') === 'PONG', 20_000);
      // GIVEN the operator user with exactly the rules the users ConfigMap gives it
      expect(cli(port, 'acl', 'setuser', 'operator', 'reset', ...aclRules(INTERNAL_USER_RULES.operator), '>operator-pass')).toBe('OK');
    }
  });
  afterAll(() => nodes.cleanup());

  test('forms the cluster, adds a master with keys moved, drains it again, and is never denied', async () => {
    const first = nodes.ports.slice(0, 3);
    const extra = nodes.ports[3];
    expect(run(first).status).toBe(0);
    const client = new Cluster([{ host: '127.0.0.1', port: first[0] }], {
      natMap: (key: string) => ({ host: '127.0.0.1', port: Number(key.slice(key.lastIndexOf(':') + 1)) }),
      redisOptions: { connectTimeout: 2000 },
    });
    client.on('error', () => undefined);
    try {
      for (let i = 0; i < KEYS_WITH_USERS; i += 100) {
        await Promise.all(Array.from({ length: 100 }, (_, j) => client.set(`key:${i + j}`, `value-${i + j}`)));
      }

      // WHEN a fourth master is added (MIGRATE ... AUTH2 operator), THEN it owns a share with its keys
      const grown = run(nodes.ports);
      expect(grown.status).toBe(0);
      expect(grown.output).toContain(`adding 127.0.0.1:${extra} as a master`);
      expect(shape(first[0]).map((m) => m[0])).toEqual([...nodes.ports].sort((a, b) => a - b));
      expect(Number(cli(extra, 'dbsize'))).toBeGreaterThan(0);

      // WHEN it is drained (slots and keys back, CLUSTER FORGET, ROLE, CLUSTER RESET)
      const drained = run(first, [extra]);
      expect(drained.status).toBe(0);
      expect(shape(first[0]).map((m) => m[0])).toEqual([...first].sort((a, b) => a - b));
      expect(cli(extra, 'cluster', 'info')).toContain('cluster_known_nodes:1');
      expect(cli(extra, 'dbsize')).toBe('0');

      // THEN every key is there with its value, and no node ever denied the operator a command
      for (let i = 0; i < KEYS_WITH_USERS; i += 100) {
        const values = await Promise.all(Array.from({ length: 100 }, (_, j) => client.get(`key:${i + j}`)));
        expect(values).toEqual(Array.from({ length: 100 }, (_, j) => `value-${i + j}`));
      }
      for (const port of nodes.ports) {
        expect(denials(port)).toBe('');
      }
    } finally {
      client.disconnect();
    }
  });
});

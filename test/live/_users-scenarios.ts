/**
 * ACL users, run for real: least-privilege users from Secrets, the cluster's own internal users
 * with the default user off, and password rotations without a restart. Written as a function of
 * the server, so that each server of a version matrix can run the same scenarios.
 */
import * as fs from 'fs';
import Redis, { Cluster } from 'ioredis';
import { shardsOf, waitForHealthyCluster, waitForPromotion } from './_cluster-health';
import { clusterClient, connectNode, nodeCommand } from './_redis';
import { waitUntil } from './_wait';
import { startWriter, Writer } from './_writer';
import { LocalKube, Pod, synthesize, Synthesized } from './harness';
import { RedisUsers } from '../../src';

/** The server the scenarios run on: its label, and the image the manifests name. */
export interface LiveServer {
  readonly label: string;
  readonly image: string;
}

const PASSWORDS = {
  app: 'app "old" pa\\ss $1',
  appNext: 'app new pass 2',
  reader: 'reader-pass',
  admin: 'admin-pass',
  replication: 'repl "old" $pass',
  replicationNext: 'repl new pass',
};

const SECRETS = {
  'redis-auth': { password: 'default user password, unused while it is off' },
  'redis-internal-users': { replication: PASSWORDS.replication, node: 'node-pass', operator: 'operator-pass', exporter: 'exporter-pass' },
  'redis-app-user': { password: PASSWORDS.app },
  'redis-reader': { password: PASSWORDS.reader },
  'redis-admin': { password: PASSWORDS.admin },
};

/** Registers the users scenarios against `server`; call inside a describeLive body. */
export function usersScenarios(server: LiveServer): void {
  let synthesized: Synthesized;
  let kube: LocalKube;
  let port: number;
  const clients: Array<Redis | Cluster> = [];

  beforeAll(() => {
    synthesized = synthesize({
      image: server.image,
      metrics: true,
      defaultUser: false,
      users: [
        // Two keys listed for good: a rotation is then a change of the Secret alone.
        RedisUsers.readWriteApp('app', 'redis-app-user', { keys: ['app:*'], passwordKeys: ['password', 'password-next'] }),
        RedisUsers.readOnlyApp('reader', 'redis-reader', { keys: ['app:*'] }),
        RedisUsers.admin('admin', 'redis-admin'),
      ],
      internalUsers: { replicationKeys: ['replication', 'replication-next'] },
    });
    // The harness runs one container per pod: the exporter's queries are run with redis-cli
    // under its user instead (see the exporter scenario).
    const template = synthesized.manifests.statefulSet().spec!.template.spec!;
    template.containers = template.containers.filter((c) => c.name === 'redis');
    kube = new LocalKube({ manifests: synthesized.manifests, secrets: SECRETS, observer: { username: 'admin', password: PASSWORDS.admin } });
    port = kube.statefulSet.spec!.template.spec!.containers[0].ports!.find((p) => p.name === 'client')!.containerPort;
  });

  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await kube?.close();
    if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  });

  function client(username: string, password: string): Cluster {
    const seed = { host: kube.pod(kube.podNames()[0]).fqdn!, port };
    // A least-privilege user may not run INFO, which ioredis's ready check sends (it then skips
    // the check, with a warning); an application would turn the check off, as here.
    const { client: c } = clusterClient(seed, (h) => kube.resolve(h), { redisOptions: { enableReadyCheck: false } }, password, username);
    clients.push(c);
    return c;
  }

  /**
   * The reply to `AUTH username password` on a fresh connection to `pod`: OK, or the error. (Sent
   * as a command: ioredis's own AUTH at connect does not fail the connect when it is refused.)
   */
  async function auth(pod: Pod, username: string, password: string): Promise<string> {
    try {
      return String(await nodeCommand(pod.address, port, ['AUTH', username, password], 3000));
    } catch (e) {
      return (e as Error).message;
    }
  }

  /** Every pod's container PID and restart count: what a restart would change. */
  function containers(): string[] {
    return kube.currentPods().map((p) => `${p.name} pid=${p.pid} restarts=${p.restartCount}`);
  }

  /** Waits until `username`/`password` is accepted (or refused) by every node; returns the ms taken. */
  async function waitForEveryNode(username: string, password: string, accepted: boolean, timeoutMs: number): Promise<number> {
    const start = Date.now();
    await waitUntil(`${username}'s password ${accepted ? 'accepted' : 'refused'} by every node`, async () => {
      const replies = await Promise.all(kube.currentPods().map(async (p) => [p.name, await auth(p, username, password)]));
      return replies.filter(([, r]) => (r === 'OK') !== accepted).map(([pod, r]) => `${pod}: ${r}`);
    }, { timeoutMs, intervalMs: 50 });
    return Date.now() - start;
  }

  async function adminCommand(pod: Pod, args: string[]): Promise<unknown> {
    return nodeCommand(pod.address, port, args, 3000, PASSWORDS.admin, 'admin');
  }

  test(`bootstrap on ${server.label}: with the default user off, the Job (operator) forms the cluster and the replicas sync as the replication user`, async () => {
    const job = kube.startJob();
    await kube.createPods();
    const result = await job.result(120_000);
    expect({ succeeded: result.succeeded, output: result.succeeded ? '' : result.attempts.map((a) => a.output).join('\n') }).toEqual({ succeeded: true, output: '' });
    const healthy = await waitForHealthyCluster(kube, 60_000);
    await waitUntil('every pod Ready (the probes connect as the node user)', async () => kube.currentPods().filter((p) => !p.ready).map((p) => p.name), { timeoutMs: 30_000 });

    for (const view of healthy.views.filter((v) => v.replication.role === 'slave')) {
      expect(view.replication.master_link_status).toBe('up');
      expect(await adminCommand(kube.pod(view.pod), ['CONFIG', 'GET', 'masteruser'])).toEqual(['masteruser', 'replication']);
    }
    const users = String(await adminCommand(kube.currentPods()[0], ['ACL', 'LIST']));
    expect(users).toMatch(/user default off /);
  }, 240_000);

  test('the default user is off: no password, or its old one, gets in', async () => {
    const pod = kube.currentPods()[0];
    await expect(nodeCommand(pod.address, port, ['GET', 'app:x'])).rejects.toThrow(/NOAUTH/);
    expect(await auth(pod, 'default', SECRETS['redis-auth'].password)).toMatch(/WRONGPASS/);
  });

  test('a read-only user reads but cannot write', async () => {
    const app = client('app', PASSWORDS.app);
    await app.set('app:greeting', 'hello');
    const reader = client('reader', PASSWORDS.reader);
    expect(await reader.get('app:greeting')).toBe('hello');
    await expect(reader.set('app:greeting', 'changed')).rejects.toThrow(/NOPERM/);
    await expect(reader.del('app:greeting')).rejects.toThrow(/NOPERM/);
    expect(await app.get('app:greeting')).toBe('hello');
  }, 30_000);

  test('a user limited to app:* keys cannot read or write other keys, nor run dangerous commands', async () => {
    const admin = client('admin', PASSWORDS.admin);
    await admin.set('other:secret', 'not for the app');
    const app = client('app', PASSWORDS.app);
    await expect(app.get('other:secret')).rejects.toThrow(/NOPERM/);
    await expect(app.set('other:key', 'x')).rejects.toThrow(/NOPERM/);
    const master = kube.pod(shardsOf((await waitForHealthyCluster(kube, 30_000)).views[0], kube)[0].master.pod);
    const direct = await connectNode(master.address, port, 3000, PASSWORDS.app, 'app');
    clients.push(direct);
    await expect(direct.call('FLUSHALL')).rejects.toThrow(/NOPERM/);
    await expect(direct.call('CONFIG', 'GET', 'maxmemory')).rejects.toThrow(/NOPERM/);
    expect(await admin.get('other:secret')).toBe('not for the app');
  }, 30_000);

  test('the exporter\'s queries all succeed under its user, which can change nothing', async () => {
    // What redis_exporter sends on a scrape of a cluster node, run with redis-cli in the pod.
    const pod = kube.currentPods()[0];
    const asExporter = (args: string[]) => pod.exec(['sh', '-c', 'REDISCLI_AUTH=exporter-pass redis-cli --no-auth-warning --user exporter -p "$REDIS_PORT" "$@"', 'sh', ...args], 5000);
    const queries = [['PING'], ['INFO', 'ALL'], ['CONFIG', 'GET', '*'], ['CLUSTER', 'INFO'], ['CLUSTER', 'NODES'], ['SLOWLOG', 'LEN'], ['SLOWLOG', 'GET', '128'],
      ['LATENCY', 'LATEST'], ['CLIENT', 'LIST'], ['CLIENT', 'SETNAME', 'redis_exporter'], ['MEMORY', 'STATS'], ['SELECT', '0']];
    for (const query of queries) {
      const r = await asExporter(query);
      // redis-cli prints an error reply as the reply itself: look at how the output starts.
      const error = /^(NOPERM|NOAUTH|WRONGPASS|ERR)\b.*/.exec(r.output.trim())?.[0] ?? '';
      expect({ query: query.join(' '), code: r.code, error }).toEqual({ query: query.join(' '), code: 0, error: '' });
    }
    for (const forbidden of [['SET', 'app:x', '1'], ['FLUSHALL'], ['CONFIG', 'SET', 'maxmemory', '1'], ['ACL', 'LIST']]) {
      expect((await asExporter(forbidden)).output).toMatch(/NOPERM/);
    }
  }, 60_000);

  test('failover: a crashed master\'s replica takes over, and the old master rejoins and syncs as the replication user', async () => {
    const healthy = await waitForHealthyCluster(kube, 30_000);
    const shard = shardsOf(healthy.views[0], kube)[0];
    const victim = kube.pod(shard.master.pod);
    await victim.crash();
    await waitForPromotion(kube, shard, 60_000);
    await victim.startContainer();
    const after = await waitForHealthyCluster(kube, 90_000);
    const rejoined = after.views.find((v) => v.pod === victim.name)!;
    expect(rejoined.replication).toMatchObject({ role: 'slave', master_link_status: 'up' });
  }, 180_000);

  test('planned stop: a deleted master hands its slots over in its preStop hook, as the node user', async () => {
    const healthy = await waitForHealthyCluster(kube, 30_000);
    const shard = shardsOf(healthy.views[0], kube)[1];
    await kube.deletePod(shard.master.pod);
    expect(kube.events.join('\n')).toMatch(new RegExp(`pod ${shard.master.pod}: preStop hook exited 0 .*this node is now a replica`, 's'));
    await kube.createPod(shard.master.pod);
    await waitForHealthyCluster(kube, 90_000);
  }, 180_000);

  test('rotating the app user\'s password under a writing client loses no write, fails no command and restarts no pod', async () => {
    const before = containers();
    const oldWriter = startWriter(client('app', PASSWORDS.app), 'app:rotate-old');
    let newWriter: Writer | undefined;
    try {
      await waitUntil('the writer writes', async () => (oldWriter.acknowledged.length > 20 ? [] : ['not yet']), { timeoutMs: 10_000 });

      // 1. Add the new password beside the old one: both work.
      kube.updateSecret('redis-app-user', { 'password': PASSWORDS.app, 'password-next': PASSWORDS.appNext });
      const added = await waitForEveryNode('app', PASSWORDS.appNext, true, 30_000);
      await waitForEveryNode('app', PASSWORDS.app, true, 1000);
      // 2. Move the clients to the new password.
      newWriter = startWriter(client('app', PASSWORDS.appNext), 'app:rotate-new');
      await waitUntil('the new writer writes', async () => (newWriter!.acknowledged.length > 20 ? [] : ['not yet']), { timeoutMs: 10_000 });
      await oldWriter.stop();
      // 3. Remove the old password: it no longer gets in, connections made with it stay.
      kube.updateSecret('redis-app-user', { 'password-next': PASSWORDS.appNext });
      const removed = await waitForEveryNode('app', PASSWORDS.app, false, 30_000);
      const acknowledgedAtRemoval = newWriter.acknowledged.length;
      await waitUntil('the new writer keeps writing', async () => (newWriter!.acknowledged.length > acknowledgedAtRemoval + 20 ? [] : ['not yet']), { timeoutMs: 10_000 });
      await newWriter.stop();
      console.log(`app user rotation (${server.label}): new password accepted by every node ${added} ms after the Secret changed, old one refused ${removed} ms after its removal`);

      expect([...oldWriter.failures, ...newWriter.failures]).toEqual([]);
      const reader = client('admin', PASSWORDS.admin);
      const keys = [...oldWriter.acknowledged, ...newWriter.acknowledged];
      const values = await Promise.all(keys.map((k) => reader.get(k)));
      expect(keys.filter((_, i) => values[i] === null)).toEqual([]);
      expect(containers()).toEqual(before);
    } finally {
      await oldWriter.stop();
      await newWriter?.stop();
    }
  }, 120_000);

  test('rotating the replication user\'s password restarts no pod, and replicas resync with the new one', async () => {
    const before = containers();
    const writer = startWriter(client('app', PASSWORDS.appNext), 'app:rotate-replication');
    const internal = SECRETS['redis-internal-users'];
    try {
      // 1. Add the new password: every node accepts it and switches its masterauth to it.
      kube.updateSecret('redis-internal-users', { ...internal, 'replication-next': PASSWORDS.replicationNext });
      const added = await waitForEveryNode('replication', PASSWORDS.replicationNext, true, 30_000);
      await waitUntil('every node\'s masterauth is the new password', async () => {
        const values = await Promise.all(kube.currentPods().map(async (p) => [p.name, await adminCommand(p, ['CONFIG', 'GET', 'masterauth'])] as const));
        return values.filter(([, v]) => (v as string[])[1] !== PASSWORDS.replicationNext).map(([pod]) => pod);
      }, { timeoutMs: 10_000 });
      // 2. Remove the old one.
      const { replication: _, ...withoutOld } = { ...internal, 'replication-next': PASSWORDS.replicationNext };
      kube.updateSecret('redis-internal-users', withoutOld);
      const removed = await waitForEveryNode('replication', PASSWORDS.replication, false, 30_000);
      console.log(`replication user rotation (${server.label}): new password accepted by every node ${added} ms after the Secret changed, old one refused ${removed} ms after its removal`);

      // 3. Every replica's link is cut: each reconnects, and so authenticates, with the new password.
      const healthy = await waitForHealthyCluster(kube, 30_000);
      for (const view of healthy.views.filter((v) => v.replication.role === 'slave')) {
        await adminCommand(kube.pod(view.pod), ['CLIENT', 'KILL', 'TYPE', 'master']);
      }
      const resynced = await waitForHealthyCluster(kube, 30_000);
      for (const view of resynced.views.filter((v) => v.replication.role === 'slave')) {
        expect(view.replication.master_link_status).toBe('up');
      }
      await writer.stop();
      expect(writer.failures).toEqual([]);
      expect(writer.acknowledged.length).toBeGreaterThan(0);
      expect(containers()).toEqual(before);
    } finally {
      await writer.stop();
    }
  }, 120_000);
}

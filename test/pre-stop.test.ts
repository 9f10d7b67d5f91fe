import * as fs from 'fs';
import * as path from 'path';
import { Cluster } from 'ioredis';
import { cli, describeWith, hashTagIn, LocalNodes, runScript, startScript, waitFor, within } from './_local-redis';

const ENABLE = 'Install Redis (Debian: apt-get install -y redis-server redis-tools) to run these tests.';

/** role (master/slave), node id and slot ranges of each node, from one node's CLUSTER NODES. */
function topology(port: number) {
  return cli(port, 'cluster', 'nodes').split('\n').map((line) => {
    const f = line.split(' ');
    return { id: f[0], port: Number(f[1].split(/[:@]/)[1]), flags: f[2].split(','), role: f[2].includes('master') ? 'master' : 'slave', masterId: f[3], slots: f.slice(8) };
  });
}

describeWith(['redis-server', 'redis-cli'], ENABLE)('pre-stop.sh: planned failover of a stopping master', () => {
  jest.setTimeout(120_000);
  const nodes = new LocalNodes();
  let client: Cluster | undefined;

  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      nodes.start(await nodes.add());
    }
    for (const port of nodes.ports) {
      await waitFor(`redis on ${port}`, () => cli(port, 'ping') === 'PONG', 20_000);
    }
    const r = runScript('init-cluster.sh', ['--cluster-replicas', '1', ...nodes.ports.map((p) => `127.0.0.1:${p}`)], { POLL_INTERVAL_SECONDS: '1' });
    expect(r.status).toBe(0);
  });

  afterAll(async () => {
    client?.disconnect();
    await nodes.cleanup();
  });

  test('does nothing on a replica', () => {
    const replica = topology(nodes.ports[0]).find((n) => n.role === 'slave')!;
    const r = runScript('pre-stop.sh', [], { REDIS_PORT: String(replica.port) });
    expect(r.status).toBe(0);
    expect(r.output).toContain('nothing to hand over');
  });

  test('gives up within seconds, not the whole timeout, when the replica does not answer', async () => {
    const nodesNow = topology(nodes.ports[0]);
    // The last shard's master, so the next test still finds the first one whole.
    const master = nodesNow.filter((n) => n.role === 'master' && n.slots.length > 0).pop()!;
    const replica = nodesNow.find((n) => n.masterId === master.id)!;
    await waitFor('the replica to be in sync', () => /state=online/.test(cli(master.port, 'info', 'replication')), 20_000);
    process.kill(nodes.pid(replica.port), 'SIGSTOP');
    try {
      const started = Date.now();
      const r = runScript('pre-stop.sh', [], { REDIS_PORT: String(master.port), PRESTOP_TIMEOUT_SECONDS: '20' });
      expect(r.output).toContain('no replica took over');
      expect(r.status).toBe(1);
      expect(Date.now() - started).toBeLessThan(10_000);
      // It is still the master: nothing was handed over.
      expect(topology(master.port).find((n) => n.id === master.id)!.role).toBe('master');
    } finally {
      process.kill(nodes.pid(replica.port), 'SIGCONT');
    }
  });

  test('hands a master\'s slots to its replica; writes pause under a second and none is lost', async () => {
    const before = topology(nodes.ports[0]);
    const master = before.find((n) => n.role === 'master')!;
    const replica = before.find((n) => n.masterId === master.id)!;
    await waitFor('the replica to be in sync', () => /state=online/.test(cli(master.port, 'info', 'replication')), 20_000);
    // A key served by that master.
    const ranges = master.slots.map((r): [number, number] => {
      const [from, to] = r.split('-').map(Number);
      return [from, to ?? from];
    });
    const key = `writes:{${hashTagIn(ranges)}}`;
    const slot = Number(cli(master.port, 'cluster', 'keyslot', key));
    expect(ranges.some(([from, to]) => slot >= from && slot <= to)).toBe(true);

    client = new Cluster([{ host: '127.0.0.1', port: master.port }], {
      // The nodes announce pod-<port>.svc.test; all of them listen on 127.0.0.1.
      natMap: (address: string) => ({ host: '127.0.0.1', port: Number(address.split(':').pop()) }),
      redisOptions: { commandTimeout: 2000 },
      clusterRetryStrategy: () => 50,
      retryDelayOnMoved: 0,
      retryDelayOnClusterDown: 20,
      retryDelayOnTryAgain: 20,
    });
    // Without a listener, ioredis prints every failed attempt to reach the cluster (with its
    // stack, about 16 a second): a client that cannot connect must fail the test in a few lines.
    const clientErrors: string[] = [];
    client.on('error', (e: Error) => {
      clientErrors.push(e.message);
      if (clientErrors.length > 5) clientErrors.shift();
    });
    const connected = await within(client.del(key).then(() => 'connected', (e: Error) => e.message), 20_000, 'no reply within 20 s');
    if (connected !== 'connected') {
      throw new Error([`the cluster client could not write (${connected}); its last errors:`, ...clientErrors,
        ...nodes.ports.map((p) => `--- last lines of the node on ${p}:\n${nodes.tail(p)}`)].join('\n'));
    }

    // GIVEN a client writing every 20 ms
    const acked: number[] = [];
    let lastAck = Date.now();
    let longestGap = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        try {
          await client!.rpush(key, String(i));
          const now = Date.now();
          longestGap = Math.max(longestGap, now - lastAck);
          lastAck = now;
          acked.push(i);
        } catch {
          // counted as part of the gap
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    longestGap = 0;

    // WHEN the master's pod is stopped on purpose: the preStop hook, then SIGTERM (the hook runs
    // in the background, so that the client keeps writing during the hand-over)
    const started = Date.now();
    const hook = startScript('pre-stop.sh', [], { REDIS_PORT: String(master.port), PRESTOP_TIMEOUT_SECONDS: '20' });
    const r = { status: await within(hook.exited, 30_000, 'still running after 30 s'), output: hook.output() };
    const hookMs = Date.now() - started;
    await nodes.stop(master.port);
    await new Promise((r2) => setTimeout(r2, 1500));
    writing = false;
    await writer;

    // THEN the replica took over, the hook returned as soon as it had, and writes barely paused
    expect({ status: r.status, output: r.output }).toEqual({ status: 0, output: expect.stringContaining('this node is now a replica') });
    expect(r.status).toBe(0);
    const after = topology(replica.port);
    expect(after.find((n) => n.id === replica.id)!.role).toBe('master');
    expect(after.find((n) => n.id === replica.id)!.slots).toEqual(master.slots);
    // eslint-disable-next-line no-console
    console.log(`planned failover: hook ${hookMs} ms, longest write gap ${longestGap} ms, ${acked.length} writes`);
    expect(longestGap).toBeLessThanOrEqual(1000);
    // AND every acknowledged write is there
    const stored = (await client.lrange(key, 0, -1)).map(Number);
    expect(stored).toEqual(expect.arrayContaining(acked));
  });

  test('waits for a replica that is still syncing instead of stopping as a master, within its bound', async () => {
    // GIVEN a master whose replica has just restarted with no data and must sync in full, and a
    // master that holds its diskless sync back for 6 s
    // (asked of a node still running: the test before stopped a master)
    const nodesNow = topology(nodes.ports.find((p) => nodes.exitCode(p) === null)!);
    // A master whose replica still runs (the one the test before promoted has lost its own).
    const running = (port: number) => nodes.exitCode(port) === null;
    const master = nodesNow.filter((n) => n.role === 'master' && n.slots.length > 0 && running(n.port))
      .find((m) => nodesNow.some((n) => n.masterId === m.id && running(n.port)))!;
    const replica = nodesNow.find((n) => n.masterId === master.id && running(n.port))!;
    await waitFor('the replica to be in sync', () => /state=online/.test(cli(master.port, 'info', 'replication')), 20_000);
    expect(cli(master.port, 'config', 'set', 'repl-diskless-sync-delay', '6', 'repl-diskless-sync-max-replicas', '0')).toBe('OK');
    await nodes.stop(replica.port);
    // Without the RDB it saved on its way down, it cannot resume: it needs a full copy.
    fs.rmSync(path.join(nodes.root, `node-${replica.port}`, 'dump.rdb'), { force: true });
    nodes.start(replica.port);
    await waitFor('the replica to wait for its sync', () => /state=wait_bgsave/.test(cli(master.port, 'info', 'replication')), 20_000);
    // (the same node: start-redis.sh kept its nodes.conf, though no peer's name resolves here)
    expect(cli(replica.port, 'cluster', 'myid')).toBe(replica.id);

    // THEN the replica is not Ready while it waits for its copy
    const probe = runScript('probe.sh', ['readiness'], { REDIS_PORT: String(replica.port) });
    expect(probe.status).toBe(1);
    expect(probe.output).toMatch(/not in sync with its master \(master_link_status down/);

    // WHEN the master stops with a bound shorter than the sync: it says what it waited for, and gives up at the bound
    let started = Date.now();
    const short = runScript('pre-stop.sh', [], { REDIS_PORT: String(master.port), PRESTOP_TIMEOUT_SECONDS: '2' });
    expect(short.output).toContain('no replica is in sync yet; waiting up to 1s for one (replicas syncing: 127.0.0.1:');
    expect(short.output).toContain('no replica finished its sync within 1s');
    expect(short.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(topology(master.port).find((n) => n.id === master.id)!.role).toBe('master');

    // WHEN it stops with the default bound: it waits for the sync, then hands the slots over
    started = Date.now();
    const r = runScript('pre-stop.sh', [], { REDIS_PORT: String(master.port), PRESTOP_TIMEOUT_SECONDS: '20' });
    expect(r.output).toMatch(/a replica is in sync after \d+s of waiting/);
    expect(r.output).toContain('this node is now a replica');
    expect(r.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(topology(replica.port).find((n) => n.id === replica.id)!.role).toBe('master');
    // AND the replica, in sync and now the master, is Ready
    await waitFor('the new master to be Ready', () => runScript('probe.sh', ['readiness'], { REDIS_PORT: String(replica.port) }).status === 0, 20_000);
  });
});

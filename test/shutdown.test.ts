import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli, describeWith, freePort, SCRIPTS, tempDir, waitFor } from './_local-redis';
import { findObject, synthToDisk } from './_synth';

const ENABLE = 'Install Redis (Debian: apt-get install -y redis-server redis-tools) to run these tests.';

/** One Redis pod's container: start-redis.sh with the synthesized redis.conf, on 127.0.0.1:port. */
class Node {
  public readonly child: ChildProcess;
  public log = '';
  public readonly exited: Promise<void>;

  constructor(root: string, redisConf: string, public readonly port: number) {
    const dir = path.join(root, `node-${port}`);
    fs.mkdirSync(dir);
    // What a pod has at the same places: the ConfigMap's redis.conf and its own data folder. The
    // arguments override only what differs on one machine (address, ports, data folder).
    this.child = spawn('sh', [path.join(SCRIPTS, 'start-redis.sh'),
      '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--cluster-config-file', path.join(dir, 'nodes.conf'),
      '--cluster-port', String(port + 10000), '--cluster-announce-port', String(port), '--cluster-announce-bus-port', String(port + 10000)], {
      env: { ...process.env, POD_NAME: `pod-${port}`, POD_DOMAIN: 'svc.test', REDIS_CONF: redisConf, NODES_CONF: path.join(dir, 'nodes.conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => { this.log = (this.log + d).slice(-20_000); };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  public running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines of its log, to show when a test fails. */
  public tail(lines = 20): string {
    return this.log.split('\n').slice(-lines).join('\n');
  }
}

describeWith(['redis-server', 'redis-cli'], ENABLE)('a replica stopped while it writes its first AOF', () => {
  jest.setTimeout(120_000);
  const { objects } = synthToDisk();
  const graceSeconds: number = findObject(objects, 'StatefulSet').spec.template.spec.terminationGracePeriodSeconds;
  const root = tempDir('redis-shutdown-');
  const redisConf = path.join(root, 'redis.conf');
  fs.writeFileSync(redisConf, findObject(objects, 'ConfigMap', 'redis-conf').data['redis.conf']);
  const started: Node[] = [];

  afterAll(async () => {
    for (const node of started) {
      if (node.running()) {
        node.child.kill('SIGKILL');
        await node.exited;
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('stops well inside the grace period, on the generated redis.conf', async () => {
    expect(graceSeconds).toBe(30);
    const master = new Node(root, redisConf, await freePort());
    started.push(master);
    const replica = new Node(root, redisConf, await freePort());
    started.push(replica);
    for (const node of started) {
      await waitFor(`redis on ${node.port}`, () => cli(node.port, 'ping') === 'PONG', 20_000);
    }

    // GIVEN a master with data, and a replica whose first AOF takes about 10 s to write
    // (rdb-key-save-delay: 5 ms per key, and the AOF starts with an RDB preamble)
    expect(cli(master.port, 'cluster', 'addslotsrange', '0', '16383')).toBe('OK');
    expect(cli(master.port, 'config', 'set', 'repl-diskless-sync-delay', '0')).toBe('OK');
    await waitFor('the master to serve every slot', () => cli(master.port, 'cluster', 'info').includes('cluster_state:ok'), 20_000);
    expect(cli(master.port, 'eval', "for i = 1, 2000 do redis.call('set', '{k}:' .. i, i) end return 'loaded'", '0')).toBe('loaded');
    expect(cli(replica.port, 'config', 'set', 'rdb-key-save-delay', '5000')).toBe('OK');
    expect(cli(replica.port, 'cluster', 'meet', '127.0.0.1', String(master.port))).toBe('OK');
    const masterId = cli(master.port, 'cluster', 'myid');
    await waitFor('the replica to know the master', () => cli(replica.port, 'cluster', 'nodes').includes(masterId), 20_000);
    expect(cli(replica.port, 'cluster', 'replicate', masterId)).toBe('OK');
    const persistence = () => cli(replica.port, 'info', 'persistence') + cli(replica.port, 'info', 'replication');
    await waitFor('the replica to sync and start writing its first AOF',
      () => /master_link_status:up/.test(persistence()) && /aof_rewrite_in_progress:1/.test(persistence()), 30_000);

    // (the child writing the AOF keeps its delay; Redis's own save on shutdown must not get it)
    expect(cli(replica.port, 'config', 'set', 'rdb-key-save-delay', '0')).toBe('OK');
    expect(persistence()).toMatch(/aof_rewrite_in_progress:1/);

    // WHEN its pod is deleted: the kubelet sends SIGTERM and waits at most the grace period
    const signalledAt = Date.now();
    replica.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      replica.exited.then(() => 'exited'),
      new Promise<string>((r) => { timer = setTimeout(() => r('still running'), graceSeconds * 1000); }),
    ]);
    clearTimeout(timer);
    const stoppedMs = Date.now() - signalledAt;

    // THEN Redis exits at once instead of refusing ("Writing initial AOF, can't exit")
    if (outcome !== 'exited') {
      throw new Error(`the replica was still running ${graceSeconds} s after SIGTERM (the kubelet would SIGKILL it now); its last lines:\n${replica.tail()}`);
    }
    // eslint-disable-next-line no-console
    console.log(`replica writing its first AOF stopped ${stoppedMs} ms after SIGTERM`);
    expect(replica.log).toMatch(/Writing initial AOF\. Exit anyway\./);
    expect(stoppedMs).toBeLessThan((graceSeconds * 1000) / 3);
  });
});

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli, describeWith, freePort, LocalNodes, runScript, SCRIPTS, tempDir, waitFor } from './_local-redis';

const ENABLE = 'Install them (Debian: apt-get install -y redis-server redis-tools shellcheck) to run these tests.';

describeWith(['shellcheck'], ENABLE)('container scripts are POSIX sh', () => {
  test.each(fs.readdirSync(SCRIPTS).filter((f) => f.endsWith('.sh')))('%s is shellcheck-clean as sh', (file) => {
    const r = spawnSync('shellcheck', ['-s', 'sh', path.join(SCRIPTS, file)], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describeWith(['redis-server', 'redis-cli'], ENABLE)('container scripts against real Redis', () => {
  jest.setTimeout(60_000);
  const nodes = new LocalNodes();
  afterAll(() => nodes.cleanup());

  test('probe.sh fails every probe when Redis is not running', async () => {
    const port = await freePort();
    for (const mode of ['startup', 'liveness', 'readiness']) {
      const r = runScript('probe.sh', [mode], { REDIS_PORT: String(port) });
      expect(r.status).toBe(1);
      expect(r.output).toMatch(/did not answer PING/);
    }
  });

  test('probe.sh rejects an unknown mode with its usage', () => {
    const r = runScript('probe.sh', ['sideways'], { REDIS_PORT: '6379' });
    expect(r.status).toBe(2);
    expect(r.output).toMatch(/usage: probe.sh startup\|liveness\|readiness/);
  });

  test('init-cluster.sh refuses to run without --cluster-replicas and three nodes', () => {
    expect(runScript('init-cluster.sh', ['a:1', 'b:1', 'c:1']).status).toBe(2);
    expect(runScript('init-cluster.sh', ['--cluster-replicas', '1', 'a:1', 'b:1']).status).toBe(2);
    expect(runScript('init-cluster.sh', ['--cluster-replicas', 'x', 'a:1', 'b:1', 'c:1']).output).toMatch(/usage/);
  });

  test('init-cluster.sh gives up within its bound and names the nodes it waited for', async () => {
    const closed = [await freePort(), await freePort(), await freePort()].map((p) => `127.0.0.1:${p}`);
    const started = Date.now();
    const r = runScript('init-cluster.sh', ['--cluster-replicas', '0', ...closed], { WAIT_TIMEOUT_SECONDS: '2', POLL_INTERVAL_SECONDS: '1' });
    expect(r.status).toBe(1);
    expect(r.output).toContain(`these pods still do not answer PING: ${closed.join(' ')}`);
    // No pod ever answered: the message names unbound claims (a missing StorageClass) as the likely cause.
    expect(r.output).toContain('no pod ever answered: the likely cause is PersistentVolumeClaims stuck Pending');
    expect(r.output).toContain("StorageClass (default 'nfs-client')");
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  describe('a three-master cluster formed by init-cluster.sh', () => {
    const addresses = () => nodes.ports.map((p) => `127.0.0.1:${p}`);

    test('init-cluster.sh does not blame claims when some pods answered', async () => {
      const closed = [await freePort(), await freePort()].map((p) => `127.0.0.1:${p}`);
      const r = runScript('init-cluster.sh', ['--cluster-replicas', '0', addresses()[0], ...closed], { WAIT_TIMEOUT_SECONDS: '2', POLL_INTERVAL_SECONDS: '1' });
      expect(r.status).toBe(1);
      expect(r.output).toContain(`these pods still do not answer PING: ${closed.join(' ')}`);
      expect(r.output).toContain('check that their pods are Running');
      expect(r.output).not.toContain('Pending');
    });

    beforeAll(async () => {
      for (let i = 0; i < 3; i++) {
        nodes.start(await nodes.add());
      }
      for (const port of nodes.ports) {
        await waitFor(`redis on ${port}`, () => cli(port, 'ping') === 'PONG', 10_000);
      }
    });

    test('probe.sh: a node that never joined a cluster is started and live, but not Ready', () => {
      for (const mode of ['startup', 'liveness']) {
        expect(runScript('probe.sh', [mode], { REDIS_PORT: String(nodes.ports[0]) }).status).toBe(0);
      }
      // Nothing that forms the cluster waits for readiness (Parallel pods, publishNotReadyAddresses).
      const r = runScript('probe.sh', ['readiness'], { REDIS_PORT: String(nodes.ports[0]) });
      expect(r.status).toBe(1);
      expect(r.output).toContain('has not joined a cluster yet');
    });

    test('creates the cluster and verifies it', () => {
      const r = runScript('init-cluster.sh', ['--cluster-replicas', '0', ...addresses()], { POLL_INTERVAL_SECONDS: '1' });
      expect(r.output).toContain('cluster is healthy: 3 nodes, all 16384 slots served');
      expect(r.status).toBe(0);
      for (const port of nodes.ports) {
        const info = cli(port, 'cluster', 'info');
        expect(info).toContain('cluster_state:ok');
        expect(info).toContain('cluster_slots_assigned:16384');
        expect(info).toContain('cluster_known_nodes:3');
      }
    });

    test('each node announces the hostname the start script gave it', () => {
      const line = cli(nodes.ports[0], 'cluster', 'nodes').split('\n').find((l) => l.includes('myself'))!;
      expect(line.split(' ')[1]).toBe(`127.0.0.1:${nodes.ports[0]}@${nodes.ports[0] + 10000},pod-${nodes.ports[0]}.svc.test`);
    });

    test('running it again creates nothing and leaves CLUSTER NODES as it was', () => {
      const idsAndSlots = () => cli(nodes.ports[0], 'cluster', 'nodes').split('\n')
        .map((l) => l.split(' ')).map((f) => [f[0], f[2].replace('myself,', ''), f.slice(8).join(' ')].join(' ')).sort();
      const before = idsAndSlots();
      const r = runScript('init-cluster.sh', ['--cluster-replicas', '0', ...addresses()], { POLL_INTERVAL_SECONDS: '1' });
      expect(r.status).toBe(0);
      expect(r.output).toContain('already exists');
      expect(idsAndSlots()).toEqual(before);
    });

    test('probe.sh readiness: ready while the cluster is ok, not ready when it is down', async () => {
      const [first, second] = nodes.ports;
      expect(runScript('probe.sh', ['readiness'], { REDIS_PORT: String(first) }).status).toBe(0);
      await nodes.stop(second);
      // The node sees the cluster fail once the stopped master times out (5000 ms).
      await waitFor('cluster_state:fail', () => cli(first, 'cluster', 'info').includes('cluster_state:fail'), 20_000);
      const r = runScript('probe.sh', ['readiness'], { REDIS_PORT: String(first) });
      expect(r.status).toBe(1);
      expect(r.output).toContain('cluster_state is fail');
      // Liveness does not care about the cluster.
      expect(runScript('probe.sh', ['liveness'], { REDIS_PORT: String(first) }).status).toBe(0);
    });

    test('start-redis.sh points each peer at the address its hostname resolves to now', async () => {
      const [first, , third] = nodes.ports;
      // Stop the peer too, so that nothing but the start script can tell the first node where it is.
      await nodes.stop(third);
      await nodes.stop(first);
      // The third node "was re-created" at another address: its name now resolves to 127.0.0.3.
      fs.writeFileSync(nodes.hosts, `127.0.0.3 pod-${third}.svc.test\n`);
      nodes.start(first, { POD_IP: '127.0.0.1' });
      await waitFor('redis to restart', () => cli(first, 'ping') === 'PONG', 30_000);
      const peer = cli(first, 'cluster', 'nodes').split('\n').find((l) => l.includes(`pod-${third}.svc.test`))!;
      expect(peer.split(' ')[1]).toBe(`127.0.0.3:${third}@${third + 10000},pod-${third}.svc.test`);
      // A peer whose name does not resolve keeps its last known address.
      const second = nodes.ports[1];
      const unresolved = nodes.nodesConf(first).split('\n').find((l) => l.includes(`pod-${second}.svc.test`))!;
      expect(unresolved.split(' ')[1]).toBe(`127.0.0.1:${second}@${second + 10000},pod-${second}.svc.test`);
    });
  });
});

describeWith(['redis-server', 'redis-cli'], ENABLE)('start-redis.sh with a password from the Secret', () => {
  jest.setTimeout(30_000);
  const nodes = new LocalNodes();
  // Quotes, a backslash, a space and a dollar: everything redis.conf and sh could mangle.
  const password = 'p"a ss\\w$rd';
  let port: number;

  beforeAll(async () => {
    port = await nodes.add();
    nodes.start(port, { REDISCLI_AUTH: password });
    await waitFor('redis to answer', () => /NOAUTH|PONG/.test(cli(port, 'ping')), 10_000);
  });
  afterAll(() => nodes.cleanup());

  test('Redis refuses clients without the password', () => {
    expect(cli(port, 'ping')).toMatch(/NOAUTH/);
    const wrong = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8', env: { ...process.env, REDISCLI_AUTH: 'wrong' } });
    expect(wrong.stdout + wrong.stderr).toMatch(/WRONGPASS/);
    expect(wrong.stdout).not.toMatch(/PONG/);
  });

  test('Redis accepts the password through REDISCLI_AUTH, and uses it as masterauth too', () => {
    const env = { ...process.env, REDISCLI_AUTH: password };
    const run = (...args: string[]) => spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', env }).stdout.trim();
    expect(run('ping')).toBe('PONG');
    expect(run('config', 'get', 'masterauth').split('\n')[1]).toBe(password);
  });

  test('the password is on no command line and in a file only its owner can read', () => {
    const args = fs.readFileSync(`/proc/${nodes.pid(port)}/cmdline`, 'utf8');
    expect(args).not.toContain(password);
    expect((fs.statSync(nodes.authConf(port)).mode % 0o1000).toString(8)).toBe('600');
  });

  test('the password is in no line the node prints', async () => {
    await waitFor('the node to log that it is ready', () => nodes.tail(port, 1000).includes('Ready to accept connections'), 10_000);
    expect(nodes.tail(port, 1000)).not.toContain(password);
  });

  test('probe.sh authenticates through REDISCLI_AUTH', () => {
    expect(runScript('probe.sh', ['startup'], { REDIS_PORT: String(port), REDISCLI_AUTH: password }).status).toBe(0);
    // Past PING and CLUSTER INFO with the password: this lone node is not Ready only because it has not joined.
    expect(runScript('probe.sh', ['readiness'], { REDIS_PORT: String(port), REDISCLI_AUTH: password }).output).toContain('has not joined a cluster yet');
    const without = runScript('probe.sh', ['readiness'], { REDIS_PORT: String(port), REDISCLI_AUTH: '' });
    expect(without.status).toBe(1);
    expect(without.output).toMatch(/NOAUTH/);
  });

  test('fails when the password spans lines, naming the fix', async () => {
    const other = await nodes.add();
    nodes.start(other, { REDISCLI_AUTH: 'one\ntwo' });
    await waitFor('start-redis.sh to exit', () => nodes.exitCode(other) !== null, 10_000);
    expect(nodes.exitCode(other)).toBe(1);
  });
});

describeWith(['redis-server', 'redis-cli'], ENABLE)('start-redis.sh with outside access per pod', () => {
  jest.setTimeout(30_000);
  const nodes = new LocalNodes();
  afterAll(() => nodes.cleanup());

  test('announces the node address and the node ports base + pod ordinal', async () => {
    const port = await nodes.add();
    nodes.start(port, { POD_NAME: 'redis-app-4', ANNOUNCE_IP: '127.0.0.9', ANNOUNCE_PORT_BASE: '30100', ANNOUNCE_BUS_PORT_BASE: '30200' });
    await waitFor('redis to answer', () => cli(port, 'ping') === 'PONG', 20_000);
    const myself = cli(port, 'cluster', 'nodes').split('\n').find((l) => l.includes('myself'))!;
    expect(myself.split(' ')[1]).toBe('127.0.0.9:30104@30204,redis-app-4.svc.test');
  });

  test('fails when the pod name carries no ordinal', async () => {
    const port = await nodes.add();
    nodes.start(port, { POD_NAME: 'redis', ANNOUNCE_IP: '127.0.0.9', ANNOUNCE_PORT_BASE: '30100', ANNOUNCE_BUS_PORT_BASE: '30200' });
    await waitFor('start-redis.sh to exit', () => nodes.exitCode(port) !== null, 10_000);
    expect(nodes.exitCode(port)).toBe(1);
  });
});

describe('start-redis.sh on the nodes.conf format of Redis 7.2 and Valkey', () => {
  // Redis 7.2 and Valkey write auxiliary fields after the hostname: ip:port@cport,hostname,aux=...
  // Only Redis 7.0 can be installed here, so redis-server is replaced by a stand-in that records
  // its arguments: what is tested is the script's rewrite of nodes.conf before Redis starts.
  const id = (c: string) => c.repeat(40);
  const lines = [
    `${id('a')} 10.0.0.1:6379@16379,redis-app-0.svc.test,tls-port=0,shard-id=${id('1')} myself,master - 0 0 1 connected 0-5460`,
    `${id('b')} 10.0.0.2:6379@16379,redis-app-1.svc.test,tls-port=0,shard-id=${id('2')} master - 0 1700000000000 2 connected 5461-10922`,
    `${id('c')} 10.0.0.3:6379@16379,,tls-port=0,shard-id=${id('3')} slave ${id('a')} 0 1700000000000 1 connected`,
    `${id('d')} 10.0.0.4:6379@16379,redis-app-3.svc.test,tls-port=0,shard-id=${id('4')} slave ${id('b')} 0 1700000000000 2 connected`,
    'vars currentEpoch 2 lastVoteEpoch 0',
  ];

  test('rewrites the addresses of peers that resolve, keeps every other field as it was', () => {
    const dir = tempDir('redis-72-');
    try {
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(dir, 'hosts'), '127.0.0.21 redis-app-1.svc.test\n127.0.0.23 redis-app-3.svc.test\n');
      fs.writeFileSync(path.join(bin, 'getent'), `#!/bin/sh\nawk -v n="$2" '$2 == n { print; f = 1 } END { exit !f }' ${dir}/hosts\n`, { mode: 0o755 });
      fs.writeFileSync(path.join(bin, 'redis-server'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${dir}/args\n`, { mode: 0o755 });
      const nodesConf = path.join(dir, 'nodes.conf');
      fs.writeFileSync(nodesConf, lines.join('\n') + '\n');
      const r = spawnSync('sh', [path.join(SCRIPTS, 'start-redis.sh'), '--extra'], {
        encoding: 'utf8',
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          POD_NAME: 'redis-app-0',
          POD_DOMAIN: 'svc.test',
          POD_IP: '127.0.0.20',
          NODES_CONF: nodesConf,
          REDIS_CONF: '/etc/redis/redis.conf',
          PEER_RESOLVE_TIMEOUT_SECONDS: '0',
        },
      });
      expect(r.status).toBe(0);
      expect(fs.readFileSync(nodesConf, 'utf8').split('\n').filter(Boolean)).toEqual([
        lines[0].replace('10.0.0.1:', '127.0.0.20:'),
        lines[1].replace('10.0.0.2:', '127.0.0.21:'),
        lines[2],
        lines[3].replace('10.0.0.4:', '127.0.0.23:'),
        lines[4],
      ]);
      expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').split('\n').filter(Boolean))
        .toEqual(['/etc/redis/redis.conf', '--cluster-announce-hostname', 'redis-app-0.svc.test', '--extra']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * An image with only the valkey-* names (Valkey built with USE_REDIS_SYMLINKS=no, or Debian's
 * valkey packages without valkey-redis-compat): the PATH has every command of this machine but
 * redis-*, and valkey-server / valkey-cli. They are Valkey 8.1 where scripts/install-servers.sh
 * installed it, else this machine's Redis under Valkey's names: the names are what is tested.
 */
function valkeyOnlyPath(root: string): string {
  const bin = path.join(root, 'valkey-image-bin');
  fs.mkdirSync(bin);
  for (const dir of ['/usr/local/bin', '/usr/bin', '/bin']) {
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      if (!name.startsWith('redis-') && !fs.existsSync(path.join(bin, name))) {
        fs.symlinkSync(path.join(dir, name), path.join(bin, name));
      }
    }
  }
  const valkey = '/opt/redis-cluster-cdk8s/servers/valkey-8.1/bin';
  for (const tool of ['server', 'cli']) {
    const installed = path.join(valkey, `valkey-${tool}`);
    fs.symlinkSync(fs.existsSync(installed) ? installed : `/usr/bin/redis-${tool}`, path.join(bin, `valkey-${tool}`));
  }
  return bin;
}

describeWith(['redis-server', 'redis-cli'], ENABLE)('container scripts on an image without the redis-* names', () => {
  jest.setTimeout(60_000);
  const nodes = new LocalNodes();
  let env: NodeJS.ProcessEnv;
  afterAll(() => nodes.cleanup());

  beforeAll(async () => {
    env = { PATH: `${nodes.shim}:${valkeyOnlyPath(nodes.root)}` };
    expect(spawnSync('sh', ['-c', 'command -v redis-cli redis-server'], { env }).status).not.toBe(0);
    for (let i = 0; i < 3; i++) {
      nodes.start(await nodes.add(), env);
    }
    for (const port of nodes.ports) {
      await waitFor(`a server on ${port}`, () => cli(port, 'ping') === 'PONG', 10_000);
    }
  });

  test('start-redis.sh starts valkey-server, init-cluster.sh and probe.sh use valkey-cli', () => {
    const created = runScript('init-cluster.sh', ['--cluster-replicas', '0', ...nodes.ports.map((p) => `127.0.0.1:${p}`)], env);
    expect(created.output).toContain('cluster is healthy');
    expect(created.status).toBe(0);
    expect(runScript('probe.sh', ['readiness'], { ...env, REDIS_PORT: String(nodes.ports[0]) }).status).toBe(0);
  });

  test('pre-stop.sh uses valkey-cli', () => {
    // A master with no replica: the hook finds no one to hand over to, and says so.
    const r = runScript('pre-stop.sh', [], { ...env, REDIS_PORT: String(nodes.ports[0]), PRESTOP_TIMEOUT_SECONDS: '2' });
    expect(r.output).toBe('pre-stop: no online replica to hand the slots to; stopping as a master\n');
  });
});

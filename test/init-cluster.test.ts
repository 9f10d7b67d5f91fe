import { cli, describeWith, hashTagIn, LocalNodes, runScript, startScript, waitFor, within } from './_local-redis';

const ENABLE = 'Install Redis (Debian: apt-get install -y redis-server redis-tools) to run these tests.';

/** Ports of the nodes that are replicas, as one node's CLUSTER NODES tells. */
function replicaPorts(port: number): number[] {
  return cli(port, 'cluster', 'nodes').split('\n').filter((l) => / (myself,)?slave /.test(l))
    .map((l) => Number(l.split(' ')[1].split(/[:@]/)[1])).sort();
}

describeWith(['redis-server', 'redis-cli'], ENABLE)('init-cluster.sh reports success only once every replica has synced', () => {
  jest.setTimeout(120_000);
  const nodes = new LocalNodes();
  const addresses = () => nodes.ports.map((p) => `127.0.0.1:${p}`);
  const setSyncDelay = (seconds: number) => {
    for (const port of nodes.ports) {
      // max-replicas 0: no number of waiting replicas starts the sync before the delay is out.
      expect(cli(port, 'config', 'set', 'repl-diskless-sync-delay', String(seconds), 'repl-diskless-sync-max-replicas', '0')).toBe('OK');
    }
  };
  let replicas: number[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      nodes.start(await nodes.add());
    }
    for (const port of nodes.ports) {
      await waitFor(`redis on ${port}`, () => cli(port, 'ping') === 'PONG', 20_000);
    }
    // GIVEN masters that hold back the first sync of their replicas (a diskless sync waits this
    // long for more replicas to attach): the cluster itself forms, only the replicas stay unsynced.
    setSyncDelay(3600);
  });
  afterAll(() => nodes.cleanup());

  test('fails on its timeout, naming each replica whose link is not up yet', () => {
    // WHEN the Job runs with a short bound
    const r = runScript('init-cluster.sh', ['--cluster-replicas', '1', ...addresses()], { WAIT_TIMEOUT_SECONDS: '15', POLL_INTERVAL_SECONDS: '1' });

    // THEN it fails, and the only thing it still waited for is the replicas' link
    expect(r.output).toContain('FAILED: after 15s the cluster is not healthy on:');
    expect(r.status).toBe(1);
    replicas = replicaPorts(nodes.ports[0]);
    expect(replicas).toHaveLength(3);
    for (const port of replicas) {
      expect(r.output).toContain(` 127.0.0.1:${port}(state=ok,slots=16384,known=6,replicas=3,link=down)`);
    }
    for (const port of nodes.ports.filter((p) => !replicas.includes(p))) {
      expect(r.output).not.toContain(` 127.0.0.1:${port}(`);
      // (each master really still holds its replica's sync back)
      expect(cli(port, 'info', 'replication')).toMatch(/slave0:.*state=wait_bgsave/);
    }
    expect(r.output).not.toContain('cluster is healthy');
  });

  test('keeps waiting while a replica syncs, and succeeds once the sync has completed', async () => {
    // WHEN the Job runs again, with a long bound
    const job = startScript('init-cluster.sh', ['--cluster-replicas', '1', ...addresses()], { WAIT_TIMEOUT_SECONDS: '120', POLL_INTERVAL_SECONDS: '1' });
    try {
      await waitFor('the Job to reach its verification', () => job.output().includes('verifying:'), 30_000);
      // THEN it has not succeeded after several polls while the replicas have not synced
      await new Promise((r) => setTimeout(r, 5000));
      expect(job.running()).toBe(true);
      expect(job.output()).not.toContain('cluster is healthy');
      for (const port of replicas) {
        expect(cli(port, 'info', 'replication')).toMatch(/master_link_status:down/);
      }

      // WHEN the masters let the sync go ahead
      setSyncDelay(0);

      // THEN the Job succeeds, and by then every replica has synced
      const code = await within(job.exited, 60_000, 'still running after 60 s');
      expect(job.output()).toContain('cluster is healthy: 6 nodes, all 16384 slots served');
      expect(code).toBe(0);
      for (const port of replicas) {
        expect(cli(port, 'info', 'replication')).toMatch(/master_link_status:up/);
      }
    } finally {
      job.child.kill('SIGKILL');
    }
  });
});

describeWith(['redis-server', 'redis-cli'], ENABLE)('init-cluster.sh leaves nodes that hold data alone', () => {
  jest.setTimeout(60_000);
  const nodes = new LocalNodes();
  const keys: string[] = [];
  let holder: number;
  let partner: number;
  let lone: number;

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      nodes.start(await nodes.add());
    }
    [holder, partner, lone] = nodes.ports;
    for (const port of nodes.ports) {
      await waitFor(`redis on ${port}`, () => cli(port, 'ping') === 'PONG', 20_000);
    }
    // GIVEN a cluster formed part of the way (two nodes met, not every slot assigned, the third
    // node left out) and then written to
    expect(cli(holder, 'cluster', 'addslotsrange', '0', '8191')).toBe('OK');
    expect(cli(partner, 'cluster', 'addslotsrange', '8192', '12000')).toBe('OK');
    expect(cli(holder, 'cluster', 'meet', '127.0.0.1', String(partner))).toBe('OK');
    await waitFor('the two nodes to know each other', () => cli(partner, 'cluster', 'info').includes('cluster_known_nodes:2'), 20_000);
    expect(cli(holder, 'config', 'set', 'cluster-require-full-coverage', 'no')).toBe('OK');
    const tag = hashTagIn([[0, 8191]]);
    for (let i = 0; i < 20; i++) {
      keys.push(`{${tag}}:key${i}`);
    }
    await waitFor('the node to accept writes', () => cli(holder, 'set', keys[0], 'value0') === 'OK', 20_000);
    for (const [i, key] of keys.entries()) {
      expect(cli(holder, 'set', key, `value${i}`)).toBe('OK');
    }
    expect(cli(holder, 'config', 'set', 'cluster-require-full-coverage', 'yes')).toBe('OK');
  });
  afterAll(() => nodes.cleanup());

  test('exits non-zero, names the node that holds data, and touches no node', () => {
    const before = nodes.ports.map((p) => cli(p, 'cluster', 'nodes').split('\n').map((l) => l.split(' ').filter((_, i) => i !== 4 && i !== 5).join(' ')).sort());

    // WHEN the Job runs
    const r = runScript('init-cluster.sh', ['--cluster-replicas', '0', ...nodes.ports.map((p) => `127.0.0.1:${p}`)], { WAIT_TIMEOUT_SECONDS: '10', POLL_INTERVAL_SECONDS: '1' });

    // THEN it refuses, naming exactly the node with data
    expect(r.status).toBe(1);
    expect(r.output).toMatch(new RegExp(`FAILED: no cluster covers all slots, but these nodes hold data: 127\\.0\\.0\\.1:${holder}\\n`));
    expect(r.output).toContain('refusing to reset them');
    expect(r.output).not.toContain('creating the cluster');
    // AND every key is still there
    expect(cli(holder, 'dbsize')).toBe(String(keys.length));
    for (const [i, key] of keys.entries()) {
      expect(cli(holder, 'get', key)).toBe(`value${i}`);
    }
    // AND no node was reset, joined or given slots (ping times and link states aside)
    const after = nodes.ports.map((p) => cli(p, 'cluster', 'nodes').split('\n').map((l) => l.split(' ').filter((_, i) => i !== 4 && i !== 5).join(' ')).sort());
    expect(after).toEqual(before);
    expect(cli(partner, 'cluster', 'info')).toContain('cluster_known_nodes:2');
    expect(cli(lone, 'cluster', 'info')).toContain('cluster_known_nodes:1');
  });
});

describeWith(['redis-server', 'redis-cli'], ENABLE)('init-cluster.sh after an attempt that died part-way, and after a scale-up', () => {
  jest.setTimeout(90_000);
  const nodes = new LocalNodes();
  const addresses = (ports: number[]) => ports.map((p) => `127.0.0.1:${p}`);

  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      nodes.start(await nodes.add());
    }
    for (const port of nodes.ports) {
      await waitFor(`redis on ${port}`, () => cli(port, 'ping') === 'PONG', 20_000);
    }
  });
  afterAll(() => nodes.cleanup());

  test('resets nodes left half-joined and empty, then creates the cluster', async () => {
    // GIVEN three empty nodes an earlier attempt had begun to join (two met, one holds slots)
    const [first, second, third] = nodes.ports;
    expect(cli(first, 'cluster', 'meet', '127.0.0.1', String(second))).toBe('OK');
    expect(cli(first, 'cluster', 'addslotsrange', '0', '100')).toBe('OK');
    await waitFor('the two nodes to know each other', () => cli(second, 'cluster', 'info').includes('cluster_known_nodes:2'), 20_000);

    // WHEN the Job runs
    const r = runScript('init-cluster.sh', ['--cluster-replicas', '0', ...addresses([first, second, third])], { WAIT_TIMEOUT_SECONDS: '60', POLL_INTERVAL_SECONDS: '1' });

    // THEN it resets them, saying which, and forms the cluster
    expect(r.output).toContain(`nodes left half-joined by an earlier attempt, holding no data: 127.0.0.1:${first} 127.0.0.1:${second}; resetting them`);
    expect(r.output).toContain('cluster is healthy: 3 nodes, all 16384 slots served');
    expect(r.status).toBe(0);
  });

  // The init Job used to stop here ("add it with redis-cli --cluster add-node"): it now joins
  // the new pods itself, so this pins the join instead of the refusal.
  test('after a scale-up, joins the new nodes as one replica per master and reports the cluster healthy', () => {
    // GIVEN the three-node cluster, and three more (empty) nodes in the Job's list
    const r = runScript('init-cluster.sh', ['--cluster-replicas', '1', ...addresses(nodes.ports)], { WAIT_TIMEOUT_SECONDS: '60', POLL_INTERVAL_SECONDS: '1' });

    // THEN it creates nothing, adds each new node as a replica, and verifies the result
    expect(r.output).toContain('a cluster covering all 16384 slots already exists');
    expect(r.output).not.toContain('creating the cluster');
    for (const port of nodes.ports.slice(3)) {
      expect(r.output).toMatch(new RegExp(`adding 127\\.0\\.0\\.1:${port} as a replica of [0-9a-f]{40}\\n`));
    }
    expect(r.output).toContain('cluster is healthy: 6 nodes, all 16384 slots served (3 masters with 1 replica(s) each)');
    expect(r.status).toBe(0);
    // AND every node knows all six, the three first ones still own every slot, each with one replica
    for (const port of nodes.ports) {
      expect(cli(port, 'cluster', 'info')).toContain('cluster_known_nodes:6');
    }
    const owners = cli(nodes.ports[0], 'cluster', 'nodes').split('\n').filter((l) => / (myself,)?master /.test(l) && l.split(' ').length > 8);
    expect(owners.map((l) => Number(l.split(' ')[1].split(/[:@]/)[1])).sort()).toEqual(nodes.ports.slice(0, 3).sort());
    expect(replicaPorts(nodes.ports[0])).toEqual(nodes.ports.slice(3).sort());
    const mastersOfReplicas = cli(nodes.ports[0], 'cluster', 'nodes').split('\n').filter((l) => / (myself,)?slave /.test(l)).map((l) => l.split(' ')[3]);
    expect(new Set(mastersOfReplicas).size).toBe(3);
  });
});

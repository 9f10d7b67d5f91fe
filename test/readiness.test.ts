import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli, describeWith, LocalNodes, runScript, tempDir, waitFor } from './_local-redis';
import { findObject, firstContainer, synthToDisk } from './_synth';

const ENABLE = 'Install Redis (Debian: apt-get install -y redis-server redis-tools) to run these tests.';

const { objects } = synthToDisk();
const sts = findObject(objects, 'StatefulSet');
const container = firstContainer(sts);
const readinessProbe = container.readinessProbe;

/**
 * The StatefulSet's readiness probe, run as the kubelet runs it: its exec command, with the
 * ConfigMap's files where the pod mounts them, the container's literal env, and its timeout. Only
 * REDIS_PORT differs: each local node has its own port.
 */
class ReadinessProbe {
  private readonly configDir = tempDir('redis-probe-config-');
  private readonly mountPath: string;

  constructor() {
    const volume = sts.spec.template.spec.volumes.find((v: any) => v.configMap);
    this.mountPath = container.volumeMounts.find((m: any) => m.name === volume.name).mountPath;
    for (const [file, text] of Object.entries(findObject(objects, 'ConfigMap', volume.configMap.name).data)) {
      fs.writeFileSync(path.join(this.configDir, file), text as string);
    }
  }

  /** Whether one run of the probe succeeds on the node at `port`, and what it printed. */
  public run(port: number): { ready: boolean; output: string } {
    const [cmd, ...args] = (readinessProbe.exec.command as string[]).map((a) => a.replace(this.mountPath, this.configDir));
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
    for (const e of container.env as { name: string; value?: string }[]) {
      if (e.value !== undefined) env[e.name] = e.value;
    }
    env.REDIS_PORT = String(port);
    const r = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: readinessProbe.timeoutSeconds * 1000 });
    return { ready: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
  }

  public cleanup(): void {
    fs.rmSync(this.configDir, { recursive: true, force: true });
  }
}

/** The StatefulSet's pods' names, as `LocalNodes` calls them. */
const podName = (port: number) => `pod-${port}.svc.test`;

/**
 * The StatefulSet controller re-creating pods that were deleted, by pod management policy, and the
 * headless Service publishing each pod's name once the pod exists (publishNotReadyAddresses).
 * Parallel creates every pod at once; OrderedReady creates pod N only once pods 0..N-1 are Ready
 * (the controller would wait forever; `readyWithinMs` bounds the wait and names the pod it is stuck
 * at). Each pod's container gets the StatefulSet's literal env.
 */
async function createPods(
  policy: string, nodes: LocalNodes, ports: readonly number[], probe: ReadinessProbe, readyWithinMs: number,
): Promise<{ stuckAt?: number }> {
  const env: NodeJS.ProcessEnv = {};
  for (const e of container.env) {
    if (e.value !== undefined && e.name === 'PEER_RESOLVE_TIMEOUT_SECONDS') env[e.name] = e.value;
  }
  const create = (port: number) => {
    fs.appendFileSync(nodes.hosts, `127.0.0.1 ${podName(port)}\n`);
    nodes.start(port, env);
  };
  if (policy === 'Parallel') {
    ports.forEach(create);
    return {};
  }
  if (policy !== 'OrderedReady') {
    throw new Error(`unknown podManagementPolicy ${policy}`);
  }
  for (const [ordinal, port] of ports.entries()) {
    create(port);
    const deadline = Date.now() + readyWithinMs;
    while (!probe.run(port).ready) {
      if (Date.now() > deadline) return { stuckAt: ordinal };
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return {};
}

describeWith(['redis-server', 'redis-cli'], ENABLE)('the readiness probe and the pod management policy, against real Redis', () => {
  jest.setTimeout(180_000);
  const nodes = new LocalNodes();
  const probe = new ReadinessProbe();
  const healthy = (port: number) => cli(port, 'cluster', 'info').includes('cluster_state:ok');

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      nodes.start(await nodes.add());
    }
    for (const port of nodes.ports) {
      await waitFor(`redis on ${port}`, () => cli(port, 'ping') === 'PONG', 20_000);
    }
    // Every pod's name resolves to its (unchanged) address, as the headless Service publishes it.
    fs.writeFileSync(nodes.hosts, nodes.ports.map((p) => `127.0.0.1 pod-${p}.svc.test\n`).join(''));
    const r = runScript('init-cluster.sh', ['--cluster-replicas', '0', ...nodes.ports.map((p) => `127.0.0.1:${p}`)], { POLL_INTERVAL_SECONDS: '1' });
    expect(r.status).toBe(0);
  });
  afterAll(async () => {
    await nodes.cleanup();
    probe.cleanup();
  });

  /** Deletes the pods: stops them, and their names stop resolving. */
  const deletePods = async (ports: number[]) => {
    await Promise.all(ports.map((p) => nodes.stop(p)));
    const gone = new Set(ports.map(podName));
    fs.writeFileSync(nodes.hosts, fs.readFileSync(nodes.hosts, 'utf8').split('\n').filter((l) => l && !gone.has(l.split(' ')[1])).map((l) => `${l}\n`).join(''));
  };

  test('a node of a healthy cluster is Ready', () => {
    for (const port of nodes.ports) {
      expect(probe.run(port)).toEqual({ ready: true, output: '' });
    }
  });

  test('a node whose cluster is down is not Ready, for as long as it is down', async () => {
    // GIVEN two of the three masters gone
    const [first, ...others] = nodes.ports;
    await deletePods(others);
    await waitFor('the remaining node to see the cluster fail', () => cli(first, 'cluster', 'info').includes('cluster_state:fail'), 30_000);
    // THEN it stays not Ready, probe after probe, for longer than the kubelet needs to mark it so
    const failures = Math.max(readinessProbe.failureThreshold, 2) + 1;
    for (let i = 0; i < failures; i++) {
      const result = probe.run(first);
      expect(result).toEqual({ ready: false, output: 'not ready: cluster_state is fail' });
      await new Promise((r) => setTimeout(r, 1000));
    }
    // WHEN the others come back THEN it becomes Ready again
    await createPods('Parallel', nodes, others, probe, 0);
    await waitFor('every node to see the cluster ok', () => nodes.ports.every(healthy), 60_000);
    expect(probe.run(first).ready).toBe(true);
  });

  test('every pod deleted at once: the StatefulSet re-creates them together, each finds its peers at once, and the cluster heals', async () => {
    await deletePods(nodes.ports);
    // WHEN the StatefulSet controller re-creates the pods by its policy
    const result = await createPods(sts.spec.podManagementPolicy ?? 'OrderedReady', nodes, nodes.ports, probe, 30_000);
    // THEN it creates every pod, and the cluster heals without the Job
    expect(result).toEqual({});
    await waitFor('every node to see the cluster ok', () => nodes.ports.every(healthy), 60_000);
    await waitFor('every node to be Ready', () => nodes.ports.every((p) => probe.run(p).ready), 30_000);
    // AND no start script had to give up on a peer's name (one created alone would wait
    // PEER_RESOLVE_TIMEOUT_SECONDS for names that cannot resolve before Redis even starts)
    await waitFor('every node\'s log to show Redis started', () => nodes.ports.every((p) => nodes.tail(p, 200).includes('Ready to accept connections')), 10_000);
    for (const port of nodes.ports) {
      expect({ port, log: nodes.tail(port, 200) }).toEqual({ port, log: expect.not.stringContaining('do not resolve yet') });
    }
  });
});

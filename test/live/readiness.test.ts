/**
 * Readiness, where it matters: a rolling update moves on, and a drain may evict the next pod,
 * once a pod is Ready. So a node that has not joined the cluster, or a replica that has not yet
 * copied its master's data, must not be Ready; and readiness must not keep a cluster from forming.
 * Then: a master whose only replica is still syncing is deleted, and its preStop hook waits for
 * the sync before it hands the slots over.
 */
import * as fs from 'fs';
import * as path from 'path';
import { clientPort, shardsOf, waitForHealthyCluster, waitForPersistenceIdle } from './_cluster-health';
import { hashTagIn } from '../_local-redis';
import { describeLive, AUTH_SECRETS } from './_live';
import { clusterClient, nodeCommand, parseInfo } from './_redis';
import { sleep, waitUntil } from './_wait';
import { startWriter } from './_writer';
import { LocalKube, synthesize, Synthesized } from './harness';
import { DEFAULTS } from '../../src/cluster/defaults';

describeLive('readiness', () => {
  let synthesized: Synthesized;
  let kube: LocalKube;
  let port: number;

  beforeAll(() => {
    synthesized = synthesize();
    kube = new LocalKube({ manifests: synthesized.manifests, secrets: AUTH_SECRETS });
    port = clientPort(kube);
  });

  afterAll(async () => {
    await kube?.close();
    if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  });

  const command = (pod: string, args: string[]) => nodeCommand(kube.pod(pod).address, port, args, 3000, kube.redisPassword);

  test('nodes that have not joined a cluster are not Ready, and the Job forms the cluster all the same', async () => {
    // GIVEN every pod running, answering, and no Job yet
    await kube.createPods();
    await waitUntil('every pod started', async () => kube.currentPods().filter((p) => !p.started).map((p) => `${p.name} not started`), { timeoutMs: 30_000 });
    // WHEN the kubelet has probed them several times (a period is 1 s here), THEN none is Ready
    await sleep(4000);
    expect(kube.currentPods().filter((p) => p.ready).map((p) => p.name)).toEqual([]);
    // AND the probe says why
    const pod = kube.pod(kube.podNames()[0]);
    const probe = await pod.exec(pod.readinessCommand!, 5000);
    expect({ code: probe.code, output: probe.output.trim() }).toEqual({ code: 1, output: 'not ready: this node has not joined a cluster yet (it knows no other node)' });

    // WHEN the Job runs: it reaches the pods through publishNotReadyAddresses
    const result = await kube.startJob().result(120_000);
    expect({ succeeded: result.succeeded, reason: result.reason }).toEqual({ succeeded: true, reason: undefined });
    // THEN every pod becomes Ready
    await waitForHealthyCluster(kube, 30_000);
    await waitUntil('every pod Ready', async () => kube.currentPods().filter((p) => !p.ready).map((p) => `${p.name} not Ready`), { timeoutMs: 15_000 });
  }, 180_000);

  test('a replica is not Ready until it has synced; its master, deleted meanwhile, waits for the sync and hands over', async () => {
    const healthy = await waitForHealthyCluster(kube, 30_000);
    await waitForPersistenceIdle(kube, 30_000);
    const shard = shardsOf(healthy.views[0], kube)[0];
    const master = shard.master.pod;
    const replica = shard.replicas[0].pod;
    const masterNode = healthy.views.find((v) => v.pod === master)!.self;

    // GIVEN a master that holds a diskless full sync back for 6 s
    expect(await command(master, ['CONFIG', 'SET', 'repl-diskless-sync-delay', '6', 'repl-diskless-sync-max-replicas', '0'])).toBe('OK');
    // AND its replica re-created on a volume that lost its data (nodes.conf kept): it needs a full copy
    await kube.deletePod(replica);
    const claim = path.join(kube.workDir, 'claims', `${DEFAULTS.dataClaimName}-${replica}`);
    for (const entry of fs.readdirSync(claim).filter((f) => f !== 'nodes.conf')) {
      fs.rmSync(path.join(claim, entry), { recursive: true, force: true });
    }
    const { client } = clusterClient({ host: kube.pod(master).fqdn!, port }, (h) => kube.resolve(h), {}, kube.redisPassword);
    const writer = startWriter(client, `{${hashTagIn(masterNode.slots)}}:readiness`);
    try {
      await waitUntil('50 writes', async () => (writer.acknowledged.length >= 50 ? [] : `${writer.acknowledged.length} so far`), { timeoutMs: 20_000 });
      writer.resetGap();
      const created = Date.now();
      const pod = await kube.createPod(replica);
      const syncing = async () => {
        const info = parseInfo(String(await command(master, ['INFO', 'replication'])));
        return Object.entries(info).some(([k, v]) => /^slave\d+$/.test(k) && v.includes(`ip=${pod.address},`) && !v.includes('state=online'));
      };
      await waitUntil('the replica waiting for its sync', async () => (await syncing() ? [] : 'not syncing'), { timeoutMs: 20_000, intervalMs: 50 });

      // THEN while it waits for its copy, the replica answers but is not Ready
      await sleep(2000);
      expect(await syncing()).toBe(true);
      expect({ started: pod.started, ready: pod.ready }).toEqual({ started: true, ready: false });
      const probe = await pod.exec(pod.readinessCommand!, 5000);
      expect({ code: probe.code, output: probe.output.trim() }).toEqual({
        code: 1, output: expect.stringMatching(/^not ready: this replica is not in sync with its master \(master_link_status down/),
      });

      // WHEN its master is deleted meanwhile (kubectl delete pod: no rollout waits for Ready)
      await kube.deletePod(master);
      const hook = kube.events.filter((e) => e.includes(`pod ${master}: preStop hook exited`)).pop()!;

      // THEN the hook waited for the sync, said so, and handed the slots to the replica
      expect(hook).toMatch(/preStop hook exited 0 /);
      expect(hook).toContain('no replica is in sync yet; waiting up to 14s for one (replicas syncing:');
      expect(hook).toMatch(/a replica is in sync after \d+s of waiting/);
      expect(hook).toContain('this node is now a replica');
      expect((await command(replica, ['ROLE']) as string[])[0]).toBe('master');
      console.log(`readiness: the replica synced and took over ${Date.now() - created} ms after it was created; longest write gap ${writer.longestGapMs} ms`);
      await sleep(1000);
    } finally {
      await writer.stop();
    }
    // AND the client saw no failed write and lost none
    expect(writer.failures).toEqual([]);
    const values = await Promise.all(writer.acknowledged.map((k) => client.get(k)));
    expect(writer.acknowledged.filter((_, i) => values[i] === null)).toEqual([]);
    client.disconnect();

    // WHEN the old master's pod comes back, THEN the cluster heals and every pod is Ready
    await kube.createPod(master);
    await waitForHealthyCluster(kube, 60_000);
    await waitUntil('every pod Ready', async () => kube.currentPods().filter((p) => !p.ready).map((p) => `${p.name} not Ready`), { timeoutMs: 20_000 });
  }, 180_000);
});

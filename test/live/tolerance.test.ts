/**
 * What the topology tolerates, measured: the failures the README's Operate section describes.
 * - two masters of a 3-shard cluster lost at once: the one master left is no majority, so nobody
 *   can mark them failed and the cluster stays down until one of them returns;
 * - two masters of a 5-shard cluster lost at once: the three left are a majority, and both
 *   replicas take over;
 * - a whole shard (master and replica) lost and restarted: it heals from its own volumes.
 */
import * as fs from 'fs';
import { clientPort, shardsOf, waitForClusterOk, waitForHealthyCluster, waitForPersistenceIdle, waitForPromotion } from './_cluster-health';
import { hashTagIn } from '../_local-redis';
import { describeLive, AUTH_SECRETS } from './_live';
import { nodeCommand, parseInfo } from './_redis';
import { secondsSince, sleep } from './_wait';
import { LocalKube, synthesize, Synthesized } from './harness';

describeLive('what the topology tolerates', () => {
  let synthesized: Synthesized | undefined;
  let kube: LocalKube | undefined;

  afterEach(async () => {
    await kube?.close();
    kube = undefined;
    if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
    synthesized = undefined;
  });

  async function bootstrap(shards: number): Promise<LocalKube> {
    synthesized = synthesize({ shards });
    kube = new LocalKube({ manifests: synthesized.manifests, secrets: AUTH_SECRETS });
    const job = kube.startJob();
    await kube.createPods();
    const result = await job.result(120_000);
    expect({ succeeded: result.succeeded, output: result.succeeded ? '' : job.output().split('\n').slice(-20).join('\n') }).toEqual({ succeeded: true, output: '' });
    await waitForHealthyCluster(kube, 60_000);
    await waitForPersistenceIdle(kube, 30_000);
    return kube;
  }

  test('3 shards, two masters lost at once: down until one returns, then whole again', async () => {
    const k = await bootstrap(3);
    const port = clientPort(k);
    const [first, second, third] = shardsOf((await waitForHealthyCluster(k, 30_000)).views[0], k);
    const lost = [k.pod(first.master.pod), k.pod(second.master.pod)];

    // WHEN two of the three masters die at once and stay down
    await Promise.all(lost.map((p) => p.crash('SIGKILL')));
    // THEN after three node timeouts neither replica has taken over, and the cluster is down
    await sleep(15_000);
    for (const replica of [...first.replicas, ...second.replicas]) {
      const role = await nodeCommand(k.pod(replica.pod).address, port, ['ROLE'], 3000, k.redisPassword) as string[];
      expect({ pod: replica.pod, role: role[0] }).toEqual({ pod: replica.pod, role: 'slave' });
    }
    const survivor = k.pod(third.master.pod);
    const info = parseInfo(String(await nodeCommand(survivor.address, port, ['CLUSTER', 'INFO'], 3000, k.redisPassword)));
    expect(info.cluster_state).toBe('fail');

    // WHEN one of them returns, THEN the majority is back: the other's replica is promoted
    const returned = Date.now();
    await lost[0].startContainer();
    await waitForPromotion(k, second, 60_000);
    await waitForClusterOk(k, k.currentPods().filter((p) => p !== lost[1]), 60_000);
    console.log(`3 shards, two masters lost: cluster ok ${secondsSince(returned)} s after one of them returned`);
    // AND with the last one back, the cluster is whole
    await lost[1].startContainer();
    await waitForHealthyCluster(k, 60_000);
  }, 240_000);

  test('5 shards, two masters lost at once: both replicas take over', async () => {
    const k = await bootstrap(5);
    const shards = shardsOf((await waitForHealthyCluster(k, 30_000)).views[0], k);
    const lost = [k.pod(shards[0].master.pod), k.pod(shards[1].master.pod)];

    // WHEN two of the five masters die at once
    const start = Date.now();
    await Promise.all(lost.map((p) => p.crash('SIGKILL')));
    // THEN the three left are a majority: both are failed over and the cluster is ok
    await Promise.all([waitForPromotion(k, shards[0], 60_000), waitForPromotion(k, shards[1], 60_000)]);
    await waitForClusterOk(k, k.currentPods().filter((p) => !lost.includes(p)), 60_000);
    console.log(`5 shards, two masters lost: both failed over, cluster ok ${secondsSince(start)} s after the kill`);
    await Promise.all(lost.map((p) => p.startContainer()));
    await waitForHealthyCluster(k, 60_000);
  }, 240_000);

  test('a whole shard lost and restarted heals from its own volumes, with its data', async () => {
    const k = await bootstrap(3);
    const port = clientPort(k);
    const healthy = await waitForHealthyCluster(k, 30_000);
    const shard = shardsOf(healthy.views[0], k)[0];
    const master = k.pod(shard.master.pod);
    const tag = hashTagIn(healthy.views.find((v) => v.pod === master.name)!.self.slots);
    const keys = Array.from({ length: 50 }, (_, i) => `{${tag}}:shard:${i}`);
    for (const key of keys) {
      await nodeCommand(master.address, port, ['SET', key, key], 3000, k.redisPassword);
    }
    // appendfsync everysec: give the AOF its second.
    await sleep(1500);

    // WHEN the master and its replica die together, and their containers come back
    const pods = [master, ...shard.replicas.map((r) => k.pod(r.pod))];
    await Promise.all(pods.map((p) => p.crash('SIGKILL')));
    await sleep(2000);
    const start = Date.now();
    await Promise.all(pods.map((p) => p.startContainer()));

    // THEN the cluster heals, same nodes, and the shard's keys are there
    const healed = await waitForHealthyCluster(k, 90_000);
    console.log(`a whole shard lost: healthy ${secondsSince(start)} s after its pods restarted`);
    const masterNow = shardsOf(healed.views[0], k).find((s) => [shard.master.id, ...shard.replicas.map((r) => r.id)].includes(s.master.id))!;
    const values = await nodeCommand(k.pod(masterNow.master.pod).address, port, ['MGET', ...keys], 3000, k.redisPassword) as string[];
    expect(keys.filter((key, i) => values[i] !== key)).toEqual([]);
  }, 240_000);
});

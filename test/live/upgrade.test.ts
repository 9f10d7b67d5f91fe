/**
 * Rolling upgrades, live: a cluster on Redis 7.0 whose StatefulSet is re-applied with a Redis 8.0
 * or a Valkey 8.1 image, rolled pod by pod as the StatefulSet controller does (highest ordinal
 * first, each pod deleted, re-created from the new template and Ready before the next), while a
 * client keeps writing. The cluster runs mixed versions meanwhile and must be healthy after every
 * pod; no write the servers acknowledged may be lost.
 */
import * as fs from 'fs';
import { shardsOf, topologyProblems, waitForHealthyCluster } from './_cluster-health';
import { missingLiveRequirements } from './_live';
import { ClusterUnderTest, failureReport, formCluster, REPLICAS_PER_SHARD, SHARDS } from './_matrix';
import { nodeCommand } from './_redis';
import { missingServer, Server, ServerName, SERVERS } from './_servers';
import { secondsSince } from './_wait';
import { startWriter } from './_writer';
import { synthesize } from './harness';
import { describeRequiring } from '../_requirements';

const FROM = SERVERS['redis-7.0'];
const FROM_IMAGE = 'redis:7.0.15-bookworm';
const TARGETS: readonly ServerName[] = ['redis-8.0', 'valkey-8.1'];

const missing = [...missingLiveRequirements(), ...[FROM, ...TARGETS.map((t) => SERVERS[t])].flatMap(missingServer)];

describeRequiring(missing, 'The live tests need what test/live/README.md lists, and scripts/install-servers.sh for Redis 8.0 and Valkey 8.1.')(
  'rolling upgrade from Redis 7.0', () => {
    let cluster: ClusterUnderTest | undefined;
    afterEach(async () => {
      await cluster?.close();
      cluster = undefined;
    });

    test.each(TARGETS)('to %s, pod by pod under a writing client: healthy after every pod, no acknowledged write lost', async (target) => {
      const to: Server = SERVERS[target];
      cluster = await formCluster(FROM, { image: FROM_IMAGE });
      const { kube, port } = cluster;
      try {
        // GIVEN a client writing every 20 ms to keys of every shard, as an application would
        const { client } = cluster.newClient();
        const writer = startWriter(client, 'upgrade');
        const allKeys = Array.from({ length: 200 }, (_, i) => `before:${i}`);
        await Promise.all(allKeys.map((k) => client.set(k, k)));

        // WHEN the StatefulSet is applied with the new image and rolled out
        const next = synthesize({ image: to.image });
        kube.applyStatefulSet(next.manifests.statefulSet());
        const start = Date.now();
        const steps: string[] = [];
        await kube.rollingUpdate(120_000, async (pod) => {
          // THEN after every pod, the mixed cluster is healthy again and the writes go on
          const written = writer.acknowledged.length;
          const healthy = await waitForHealthyCluster(kube, 90_000);
          expect(topologyProblems(shardsOf(healthy.views[0], kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
          const versions = kube.currentPods().map((p) => p.server.name);
          steps.push(`${pod.name} ${secondsSince(start)} s [${versions.join(' ')}]`);
          await waitUntilMore(() => writer.acknowledged.length, written + 10, 30_000);
        });
        await writer.stop();
        console.log(`rolling upgrade ${FROM.name} → ${to.name}: ${secondsSince(start)} s, ${writer.acknowledged.length} writes, `
          + `longest write gap ${writer.longestGapMs} ms; pods Ready and healthy at: ${steps.join('; ')}`);

        // THEN every pod runs the new server
        for (const pod of kube.currentPods()) {
          const info = String(await nodeCommand(pod.address, port, ['INFO', 'server'], 3000, kube.redisPassword));
          expect({ pod: pod.name, version: new RegExp(`^${to.product}_version:(\\S+)`, 'm').exec(info)?.[1] })
            .toEqual({ pod: pod.name, version: expect.stringMatching(new RegExp(`^${to.minor.replace('.', '\\.')}\\.`)) });
        }
        // AND every write acknowledged during the roll, and every key from before, is there
        const keys = [...writer.acknowledged, ...allKeys];
        const values = await Promise.all(keys.map((k) => client.get(k)));
        expect(keys.filter((_, i) => values[i] === null)).toEqual([]);
        fs.rmSync(next.outdir, { recursive: true, force: true });
      } catch (e) {
        (e as Error).message += `\n${failureReport(kube)}`;
        throw e;
      }
    }, 900_000);
  });

async function waitUntilMore(count: () => number, atLeast: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count() < atLeast) {
    if (Date.now() > deadline) {
      throw new Error(`the writing client made ${count()} acknowledged writes, not ${atLeast}, within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Topologies other than the default, synthesized from props and bootstrapped for real. */
import * as fs from 'fs';
import { shardsOf, topologyProblems, waitForHealthyCluster } from './_cluster-health';
import { describeLive, AUTH_SECRETS } from './_live';
import { secondsSince } from './_wait';
import { LocalKube, synthesize, Synthesized } from './harness';

describeLive('other topologies', () => {
  let synthesized: Synthesized | undefined;
  let kube: LocalKube | undefined;

  afterEach(async () => {
    await kube?.close();
    kube = undefined;
    if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
    synthesized = undefined;
  });

  test.each([
    { shards: 3, replicasPerShard: 0 },
    { shards: 3, replicasPerShard: 2 },
  ])('$shards shards with $replicasPerShard replicas each bootstrap into a healthy cluster', async ({ shards, replicasPerShard }) => {
    // GIVEN the manifests for this topology
    synthesized = synthesize({ shards, replicasPerShard });
    kube = new LocalKube({ manifests: synthesized.manifests, secrets: AUTH_SECRETS });
    expect(kube.podNames()).toHaveLength(shards * (1 + replicasPerShard));

    // WHEN the pods and the Job start together
    const start = Date.now();
    const job = kube.startJob();
    await kube.createPods();
    const result = await job.result(120_000);
    expect({ succeeded: result.succeeded, output: result.succeeded ? '' : job.output() }).toEqual({ succeeded: true, output: '' });

    // THEN every node sees the expected shards
    const healthy = await waitForHealthyCluster(kube, 30_000);
    console.log(`${shards} x ${replicasPerShard}: cluster healthy ${secondsSince(start)} s after the pods were created`);
    for (const view of healthy.views) {
      expect(view.info).toMatchObject({ cluster_state: 'ok', cluster_slots_assigned: '16384' });
      expect(topologyProblems(shardsOf(view, kube), shards, replicasPerShard, kube.podNames())).toEqual([]);
    }
  }, 180_000);
});

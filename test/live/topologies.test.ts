/**
 * Topologies and storage strategies other than the default, synthesized from props and
 * bootstrapped for real. What the harness emulates of storage is the claim's mount: each pod's
 * claim is a directory that outlives the pod, whichever objects (StorageClass, provisioner, static
 * PersistentVolumes) would provide it on a real cluster.
 */
import * as fs from 'fs';
import { shardsOf, topologyProblems, waitForHealthyCluster } from './_cluster-health';
import { describeLive, AUTH_SECRETS } from './_live';
import { secondsSince } from './_wait';
import { LocalKube, synthesize, Synthesized } from './harness';
import { RedisStorage } from '../../src';

describeLive('other topologies', () => {
  let synthesized: Synthesized | undefined;
  let kube: LocalKube | undefined;

  afterEach(async () => {
    await kube?.close();
    kube = undefined;
    if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
    synthesized = undefined;
  });

  const nfs = { server: 'nfs.example.internal', path: '/exports/redis' };
  test.each([
    { shards: 3, replicasPerShard: 0, storage: 'the default StorageClass', make: () => undefined },
    { shards: 3, replicasPerShard: 2, storage: 'the default StorageClass', make: () => undefined },
    { shards: 3, replicasPerShard: 1, storage: 'dynamic NFS', make: () => RedisStorage.dynamicNfs(nfs) },
    { shards: 3, replicasPerShard: 1, storage: 'static NFS volumes', make: () => RedisStorage.staticNfs(nfs) },
  ])('$shards shards with $replicasPerShard replicas each, on $storage, bootstrap into a healthy cluster', async ({ shards, replicasPerShard, make }) => {
    // GIVEN the manifests for this topology and storage
    synthesized = synthesize({ shards, replicasPerShard, storage: make() });
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

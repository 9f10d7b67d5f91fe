import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RedisClusterChart } from '../src';
import { findObject, firstContainer, synthToFolder } from './_synth';
import { synthesize } from '../src/_synth';
import { checkShrink } from '../src/cluster/rules';
import { DRAINED_TO_ANNOTATION, readPublishedTopology } from '../src/cluster/scale';

const dirs: string[] = [];
function synth(props: Parameters<typeof synthToFolder>[0]) {
  const s = synthToFolder(props);
  dirs.push(s.outdir);
  return s;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const statefulSet = (s: ReturnType<typeof synth>) => findObject(s.objects, 'StatefulSet', 'redis-app');
const job = (s: ReturnType<typeof synth>) => findObject(s.objects, 'Job');
const fqdn = (i: number) => `redis-app-${i}.redis-service.redis.svc.cluster.local:6379`;

describe('scale out', () => {
  test('more shards: more pods, a new Job listing them, and the same pod template (no rolling restart)', () => {
    const before = synth({});
    const after = synth({ shards: 4, publishedManifestsDir: before.outdir });
    expect(statefulSet(after).spec.replicas).toBe(8);
    expect(statefulSet(after).spec.template).toEqual(statefulSet(before).spec.template);
    expect(job(after).metadata.name).not.toBe(job(before).metadata.name);
    expect(firstContainer(job(after)).args).toEqual(['--cluster-replicas', '1', ...[0, 1, 2, 3, 4, 5, 6, 7].map(fqdn)]);
  });

  test('more replicas: the Job lists them with the new --cluster-replicas, and the same pod template (no rolling restart)', () => {
    const before = synth({});
    const after = synth({ replicasPerShard: 2, publishedManifestsDir: before.outdir });
    expect(statefulSet(after).spec.replicas).toBe(9);
    expect(statefulSet(after).spec.template).toEqual(statefulSet(before).spec.template);
    expect(firstContainer(job(after)).args.slice(0, 2)).toEqual(['--cluster-replicas', '2']);
  });

  test('with a Service per pod, the new pods get theirs', () => {
    const perPod = { externalServicePerPod: true, nodePort: 30000, busNodePort: 30100, externalBusCidrs: ['10.0.0.0/16'] };
    const after = synth({ ...perPod, shards: 6, replicasPerShard: 2 });
    const services = after.objects.filter((o) => o.kind === 'Service' && o.spec.type === 'NodePort');
    expect(services.map((s) => s.metadata.name)).toEqual(Array.from({ length: 18 }, (_, i) => `redis-access-service-${i}`));
  });
});

describe('scale in', () => {
  test('fails when the StatefulSet would shrink without a drain', () => {
    const before = synth({ shards: 4 });
    expect(() => synth({ shards: 3, publishedManifestsDir: before.outdir })).toThrow(
      /= 6 pods is fewer than the 8 pods that the published manifests .* run, and they declare no drain: shrinking the StatefulSet deletes pods 6 to 7 at once.*first set drain: true/);
  });

  test('fails when the published drain kept another number of pods', () => {
    const before = synth({ shards: 4, replicasPerShard: 2 });
    const drained = synth({ shards: 4, replicasPerShard: 1, drain: true, publishedManifestsDir: before.outdir });
    expect(() => synth({ shards: 3, replicasPerShard: 1, publishedManifestsDir: drained.outdir })).toThrow(/they drained to 8 pods, not 6/);
  });

  test('fails when drain is set without published manifests, or with nothing to drain', () => {
    expect(() => synth({ shards: 3, drain: true })).toThrow(/drain is true, but there are no published manifests to drain.*set publishedManifestsDir/);
    const before = synth({});
    expect(() => synth({ shards: 3, drain: true, publishedManifestsDir: before.outdir })).toThrow(/is not fewer than the 6 pods .* nothing to drain; remove drain/);
  });

  test('fails when a drain would add masters', () => {
    const before = synth({ shards: 3, replicasPerShard: 2 });
    expect(() => synth({ shards: 4, replicasPerShard: 0, drain: true, publishedManifestsDir: before.outdir })).toThrow(/more than the 3 masters .* add masters first/);
  });

  test('fails when drain is not a boolean', () => {
    expect(() => synth({ drain: 'yes' as unknown as boolean })).toThrow(/drain/);
  });

  test('a drain keeps every pod and Service, declares itself, and lists the pods that go after --drain', () => {
    const perPod = { externalServicePerPod: true, nodePort: 30000, busNodePort: 30100, externalBusCidrs: ['10.0.0.0/16'] };
    const before = synth({ ...perPod, shards: 4 });
    const drain = synth({ ...perPod, shards: 3, drain: true, publishedManifestsDir: before.outdir });
    expect(statefulSet(drain).spec.replicas).toBe(8);
    expect(statefulSet(drain).spec.template).toEqual(statefulSet(before).spec.template);
    expect(statefulSet(drain).metadata.annotations[DRAINED_TO_ANNOTATION]).toBe('6');
    expect(firstContainer(job(drain)).args).toEqual(['--cluster-replicas', '1', ...[0, 1, 2, 3, 4, 5].map(fqdn), '--drain', fqdn(6), fqdn(7)]);
    expect(drain.objects.filter((o) => o.kind === 'Service' && o.spec.type === 'NodePort')).toHaveLength(8);
    // THEN, once published, the shrink synthesizes: 6 pods, their Services, a Job without --drain
    const shrink = synth({ ...perPod, shards: 3, publishedManifestsDir: drain.outdir });
    expect(statefulSet(shrink).spec.replicas).toBe(6);
    expect(statefulSet(shrink).metadata.annotations?.[DRAINED_TO_ANNOTATION]).toBeUndefined();
    expect(firstContainer(job(shrink)).args).toEqual(['--cluster-replicas', '1', ...[0, 1, 2, 3, 4, 5].map(fqdn)]);
    expect(shrink.objects.filter((o) => o.kind === 'Service' && o.spec.type === 'NodePort')).toHaveLength(6);
  });

  test('the default manifests declare no drain', () => {
    expect(statefulSet(synth({})).metadata.annotations?.[DRAINED_TO_ANNOTATION]).toBeUndefined();
  });
});

describe('the published manifests as the state of record', () => {
  test('reads the size, the masters and a declared drain', () => {
    const before = synth({ shards: 4 });
    expect(readPublishedTopology(before.outdir, 'redis', 'redis-app')).toMatchObject({ pods: 8, shards: 4, drainedTo: undefined });
    const drain = synth({ shards: 3, drain: true, publishedManifestsDir: before.outdir });
    expect(readPublishedTopology(drain.outdir, 'redis', 'redis-app')).toMatchObject({ pods: 8, drainedTo: 6 });
  });

  test('a missing folder, or one without this StatefulSet, is a first deployment', () => {
    expect(readPublishedTopology('/nonexistent-folder', 'redis', 'redis-app')).toBeUndefined();
    const other = synth({ statefulSetName: 'other' });
    expect(readPublishedTopology(other.outdir, 'redis', 'redis-app')).toBeUndefined();
    expect(checkShrink(3, 1, undefined)).toEqual({ statefulSetReplicas: 6, keptPods: 6, draining: false });
  });

  test('growing back after a drain is allowed', () => {
    const before = synth({ shards: 4 });
    const drain = synth({ shards: 3, drain: true, publishedManifestsDir: before.outdir });
    expect(statefulSet(synth({ shards: 4, publishedManifestsDir: drain.outdir })).spec.replicas).toBe(8);
  });
});

test('the app checks against the folder it publishes to (dist/ under cdk8s synth)', () => {
  // GIVEN manifests published for 4 shards
  const before = synth({ shards: 4 });
  const lines: string[] = [];
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-staging-'));
  dirs.push(staging);
  // WHEN the app, publishing there, is asked for 3 shards without a drain
  const result = synthesize((app) => new RedisClusterChart(app, 'redis-cluster', { shards: 3 }), { publishDir: before.outdir, outdir: staging, log: (l) => lines.push(l) });
  // THEN it refuses, and the published manifests stay as they were
  expect(result.ok).toBe(false);
  expect(lines.join('\n')).toMatch(/is fewer than the 8 pods that the published manifests .* run, and they declare no drain/);
  expect(readPublishedTopology(before.outdir, 'redis', 'redis-app')?.pods).toBe(8);
});

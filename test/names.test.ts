import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { RedisCluster, RedisClusterProps, RedisStorage, RedisUsers } from '../src';
import { BadInput, expectRefused } from './_bad-inputs';
import { Manifest, parseYaml, synthToDisk } from './_synth';
import { tempDirsRemovedAfterAll } from './_temp-dirs';
import { synthesize } from '../src/_synth';
import { resolve } from '../src/cluster/resolve';

const tempDir = tempDirsRemovedAfterAll();

const LONG = (n: number) => `c${'a'.repeat(n - 1)}`;
const PER_POD = { externalServicePerPod: true, nodePort: 30100, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'] };

const FULL: RedisClusterProps = {
  metrics: true,
  serviceMonitor: true,
  users: [RedisUsers.readWriteApp('app', 'app-secret', { keys: ['app:*'] })],
};

/** Every `metadata.name` of a synthesized prop set, as `Kind/name`, sorted. */
function names(objects: Manifest[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
}

describe('the name prop', () => {
  test('derives every object name, the claims, the name labels and the Secrets', () => {
    // GIVEN every optional part on, WHEN only name is set
    const { objects } = synthToDisk({ ...FULL, name: 'cache' });
    const job = objects.find((o) => o.kind === 'Job')!;
    // THEN every object but the Namespace is named after it
    expect(names(objects)).toEqual([
      'ConfigMap/cache-conf',
      'ConfigMap/cache-conf-users',
      `Job/${job.metadata.name}`,
      'Namespace/redis',
      'NetworkPolicy/cache',
      'NetworkPolicy/cache-external',
      'PodDisruptionBudget/cache',
      'Service/cache-access',
      'Service/cache-headless',
      'Service/cache-metrics',
      'ServiceMonitor/cache',
      'StatefulSet/cache',
    ]);
    expect(job.metadata.name).toMatch(/^cache-init-[0-9a-f]{8}$/);
    const sts = objects.find((o) => o.kind === 'StatefulSet')!;
    expect(sts.spec.serviceName).toBe('cache-headless');
    expect(sts.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['redis-data']);
    // The name labels, and what selects them.
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) {
      expect(o.metadata.labels['app.kubernetes.io/instance']).toBe('cache');
    }
    expect(sts.spec.selector.matchLabels['app.kubernetes.io/instance']).toBe('cache');
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'cache')!;
    expect(JSON.stringify(policy.spec)).toContain('"cache-client":"true"');
    // The Secrets it reads, and the pods' FQDNs.
    const text = JSON.stringify(objects);
    expect(text).toContain('"secretName":"cache-auth"');
    expect(text).toContain('"secretName":"cache-internal-users"');
    expect(text).not.toMatch(/redis-app|redis-service|redis-conf|redis-auth|redis-internal-users|redis-cluster-init|redis-access-service/);
    expect(job.spec.template.spec.containers[0].args).toContain('cache-5.cache-headless.redis.svc.cluster.local:6379');
  });

  test('derives the per-pod Services and the static NFS volumes', () => {
    const { objects } = synthToDisk({
      name: 'cache',
      externalServicePerPod: true,
      nodePort: 30100,
      busNodePort: 30200,
      externalBusCidrs: ['10.0.0.0/16'],
      storage: RedisStorage.staticNfs({ server: 'nfs', path: '/exports' }),
    });
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name).sort()).toEqual([
      ...[0, 1, 2, 3, 4, 5].map((i) => `cache-access-${i}`), 'cache-headless',
    ]);
    const volumes = objects.filter((o) => o.kind === 'PersistentVolume');
    expect(volumes.map((v) => v.spec.claimRef.name)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `redis-data-cache-${i}`));
  });

  test('unset, every name is the seed\'s (dist/ holds the same bytes)', () => {
    const { text } = synthToDisk({});
    expect(text).toBe(fs.readFileSync(path.join(__dirname, '..', 'dist', 'redis-cluster.k8s.yaml'), 'utf8'));
  });

  test('the per-object name props still override it', () => {
    const spec = resolve({
      name: 'cache',
      statefulSetName: 'kv',
      headlessServiceName: 'kv-peers',
      externalServiceName: 'kv-seed',
      configMapName: 'kv-conf',
      authSecretName: 'kv-secret',
      users: [],
      internalUsers: { secretName: 'kv-internal' },
    });
    expect(spec.names).toMatchObject({
      statefulSet: 'kv',
      headlessService: 'kv-peers',
      externalService: 'kv-seed',
      configMap: 'kv-conf',
      usersConfigMap: 'kv-conf-users',
      podDisruptionBudget: 'kv',
      metricsService: 'kv-metrics',
      initJobPrefix: 'cache-init',
    });
    expect(spec.auth?.secretName).toBe('kv-secret');
    expect(spec.users?.node.secretName).toBe('kv-internal');
  });

  test('the longest name every derived name allows synthesizes valid objects', () => {
    // The Job's name binds first: 49 leaves room for the StatefulSet's 52 and per-pod Services too.
    const name = `c${'a'.repeat(48)}`;
    const { objects } = synthToDisk({ name, ...PER_POD });
    const job = objects.find((o) => o.kind === 'Job')!;
    expect(job.metadata.name).toHaveLength(63);
    for (const o of objects) expect(o.metadata.name.length).toBeLessThanOrEqual(63);
  });
});


const NAME_BAD_INPUTS: readonly BadInput[] = [
  { when: 'name has upper-case letters', props: { name: 'Cache' }, says: ['name must be a DNS-1035 label', 'got "Cache"', 'e.g. "cache"'] },
  { when: 'name starts with a digit', props: { name: '1cache' }, says: ['name must be a DNS-1035 label', 'starts with a digit', 'e.g. "r-1cache"'] },
  { when: 'name is empty', props: { name: '' }, says: ['name must be a DNS-1035 label', 'it is empty'] },
  { when: 'name is not a string', props: { name: 7 as any }, says: ['name must be a DNS-1035 label', 'got 7'] },
  { when: 'name makes the init Job name longer than 63 characters', props: { name: LONG(50) }, says: ['name must be at most 49 characters here', `"${LONG(50)}-init-00000000", 64 characters`, 'job-name', 'shorten name to 49 characters or fewer'] },
  { when: 'name makes the FQDN of the last pod too long', props: { name: 'cache', namespace: LONG(63), createNamespace: true, clusterDomain: `${LONG(60)}.${LONG(60)}.${LONG(60)}` }, says: ['pod DNS names must be at most 253', 'shorten name, statefulSetName, headlessServiceName, namespace or clusterDomain'] },
  { when: 'externalServiceName makes a per-pod Service name longer than 63 characters', props: { externalServiceName: LONG(62), ...PER_POD }, says: ['externalServiceName makes the per-pod Service names too long', `"${LONG(62)}-5"`, 'shorten externalServiceName to 61 characters or fewer'] },
];

describe('rejected names', () => {
  test.each(NAME_BAD_INPUTS.map((c) => [c.when, c] as const))('fails when %s', (_when, c) => expectRefused(c));

  test('an invalid name is reported once, not again through every name made from it', () => {
    expect(() => resolve({ name: 'Cache' })).toThrow(/^name must be a DNS-1035 label[^\n]*$/);
  });
});

describe('objects that would collide', () => {
  let lines: string[];
  let dist: string;
  const log = (line: string) => lines.push(line);
  beforeEach(() => {
    lines = [];
    dist = path.join(tempDir('collide-'), 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'kept.k8s.yaml'), 'kept\n');
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  test('fails when two RedisClusters in one chart have no names', () => {
    const result = synthesize((app) => {
      const chart = new Chart(app, 'apps');
      new RedisCluster(chart, 'Sessions');
      new RedisCluster(chart, 'Cache', { createNamespace: false });
    }, { publishDir: dist, log, nextSteps: false });
    expect(result.ok).toBe(false);
    const text = lines.join('\n');
    expect(text).toContain('Error: ConfigMap "redis-conf" in namespace "redis" is synthesized twice, by apps/Sessions/Config/Resource/Resource and apps/Cache/Config/Resource/Resource: kubectl apply would keep only one of them: give each RedisCluster its own name prop, e.g. name: "cache" on apps/Cache (or set its configMapName)');
    expect(text).toContain('StatefulSet "redis-app" in namespace "redis" is synthesized twice');
    expect(text).toContain('Service "redis-service" in namespace "redis" is synthesized twice');
    // Nothing was written.
    expect(fs.readdirSync(dist)).toEqual(['kept.k8s.yaml']);
  });

  test('fails when two RedisClusters in one namespace both create it', () => {
    const result = synthesize((app) => {
      const chart = new Chart(app, 'apps');
      new RedisCluster(chart, 'Sessions', { name: 'sessions' });
      new RedisCluster(chart, 'Cache', { name: 'cache' });
    }, { publishDir: dist, log, nextSteps: false });
    expect(result.ok).toBe(false);
    const [first, second] = lines.join('\n').split('\n');
    expect(first).toBe('Error: Namespace "redis" is synthesized twice, by apps/Sessions/Namespace/Resource and apps/Cache/Namespace/Resource: kubectl apply would keep only one of them: '
      + 'set createNamespace to false on every RedisCluster in it but one (the one that owns the namespace)');
    expect(second).toMatch(/^Synthesis failed: fix the configuration above/);
  });

  test('fails when two charts in one namespace both run the NFS provisioner', () => {
    const storage = () => RedisStorage.dynamicNfs({ server: 'nfs', path: '/exports' });
    synthesize((app) => {
      new RedisCluster(new Chart(app, 'a'), 'Redis', { name: 'a', namespace: 'a', createNamespace: true, storage: storage() });
      new RedisCluster(new Chart(app, 'b'), 'Redis', { name: 'b', namespace: 'b', createNamespace: true, storage: storage() });
    }, { publishDir: dist, log, nextSteps: false });
    expect(lines.join('\n')).toContain('StorageClass "nfs-client" is synthesized twice, by a/Redis/NfsProvisioner/StorageClass and b/Redis/NfsProvisioner/StorageClass: kubectl apply would keep only one of them: one NFS provisioner serves every cluster');
  });

  test('fails under a plain app.synth() too, each collision once, before anything is written', () => {
    const outdir = tempDir('collide-app-');
    const app = new App({ outdir });
    const chart = new Chart(app, 'apps');
    new RedisCluster(chart, 'A', { name: 'same' });
    new RedisCluster(chart, 'B', { name: 'same', createNamespace: false });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('[apps/B] ConfigMap "same-conf" in namespace "redis" is synthesized twice, by apps/A/Config/Resource/Resource and apps/B/Config/Resource/Resource');
    expect(message).not.toContain('[apps/A]');
    expect(message.match(/ConfigMap "same-conf"/g)).toHaveLength(1);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('fails when objects outside any RedisCluster collide with one', () => {
    synthesize((app) => {
      const chart = new Chart(app, 'apps');
      new RedisCluster(chart, 'Redis');
      new ApiObject(chart, 'Mine', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'redis-conf', namespace: 'redis' } });
    }, { publishDir: dist, log, nextSteps: false });
    expect(lines.join('\n').split('\n')[0]).toBe('Error: ConfigMap "redis-conf" in namespace "redis" is synthesized twice, by apps/Redis/Config/Resource/Resource and apps/Mine: kubectl apply would keep only one of them: '
      + 'give each RedisCluster its own name prop, e.g. name: "cache" on apps/Redis (or set its configMapName)');
  });

  test('passes with distinct names in one namespace, only one of them creating it', () => {
    const result = synthesize((app) => {
      const chart = new Chart(app, 'apps');
      new RedisCluster(chart, 'Sessions', { name: 'sessions' });
      new RedisCluster(chart, 'Cache', { name: 'cache', createNamespace: false });
    }, { publishDir: dist, log, nextSteps: false });
    expect(result.ok).toBe(true);
    const objects = parseYaml(fs.readFileSync(path.join(dist, 'apps.k8s.yaml'), 'utf8'));
    expect(objects.filter((o) => o.kind === 'StatefulSet').map((o) => o.metadata.name)).toEqual(['sessions', 'cache']);
    const keys = objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('passes with the same props in two namespaces', () => {
    const result = synthesize((app) => {
      new RedisCluster(new Chart(app, 'staging', { namespace: 'staging' }), 'Redis', { createNamespace: true });
      new RedisCluster(new Chart(app, 'prod', { namespace: 'prod' }), 'Redis', { createNamespace: true });
    }, { publishDir: dist, log, nextSteps: false });
    expect(result.ok).toBe(true);
    expect(fs.readdirSync(dist).sort()).toEqual(['prod.k8s.yaml', 'staging.k8s.yaml']);
  });

  test('the same name of another kind, or another API group, is no collision', () => {
    synthesize((app) => {
      const chart = new Chart(app, 'apps');
      new RedisCluster(chart, 'Redis');
      new ApiObject(chart, 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'redis-conf', namespace: 'redis' } });
      new ApiObject(chart, 'Other', { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'redis-conf', namespace: 'redis' } });
    }, { publishDir: dist, log, nextSteps: false });
    expect(lines.join('\n')).not.toContain('Error');
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { checkApiRules, isLabelValue, isQualifiedName } from './_api-rules';
import { RedisClusterChart, RedisClusterProps, RedisStorage } from '../src';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Synthesizes to disk and parses the YAML text written there. */
function manifest(props: RedisClusterProps): any[] {
  const app = Testing.app();
  outdirs.push(app.outdir);
  new RedisClusterChart(app, 'redis-cluster', props);
  app.synth();
  const text = fs.readFileSync(path.join(app.outdir, 'redis-cluster.k8s.yaml'), 'utf8');
  return YAML.parseAllDocuments(text).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS();
  });
}

const EXAMPLES: Record<string, RedisClusterProps> = {
  'the default chart': {},
  'no Namespace object and no NodePort Service': { createNamespace: false, externalService: false },
  'a large cluster with custom names and ports': {
    shards: 10,
    replicasPerShard: 2,
    namespace: 'cache-prod',
    createNamespace: true,
    statefulSetName: 'cache',
    headlessServiceName: 'cache-nodes',
    externalServiceName: 'cache-access',
    configMapName: 'cache.config',
    clusterDomain: 'k8s.example.internal',
    clientPort: 7000,
    busPort: 17000,
    nodePort: 30700,
    cpuRequest: '500m',
    cpuLimit: '2',
    memoryRequest: '2Gi',
    memoryLimit: '4Gi',
    storage: RedisStorage.fromStorageClass({ storageClassName: 'fast-ssd', size: '20Gi', accessModes: ['ReadWriteOncePod'] }),
    redisConfig: { 'maxmemory': '3gb', 'maxmemory-policy': 'allkeys-lfu' },
  },
  'the longest allowed StatefulSet name': { statefulSetName: 'r'.repeat(52) },
  'a Valkey image, raw lines and a warning annotation': {
    image: 'valkey/valkey:8.0.1',
    replicasPerShard: 0,
    redisConfig: { 'appendonly': false, 'save': '', 'dual-channel-replication-enabled': true },
    extraRedisConfig: ['rename-command FLUSHALL ""'],
  },
};

describe('synthesized manifests pass the API server rules', () => {
  test.each(Object.entries(EXAMPLES))('%s', (_name, props) => {
    expect(checkApiRules(manifest(props))).toEqual([]);
  });
});

describe('the checker catches what it is for', () => {
  const base = () => manifest({});
  const of = (objects: any[], kind: string, name?: string) => objects.find((o) => o.kind === kind && (!name || o.metadata.name === name));

  test('a selector that does not match the pod template labels', () => {
    const objects = base();
    of(objects, 'StatefulSet').spec.selector.matchLabels['app.kubernetes.io/instance'] = 'other';
    expect(checkApiRules(objects)).toContainEqual(expect.stringMatching(/^StatefulSet\/redis-app: spec.selector.matchLabels\["app.kubernetes.io\/instance"\] = "other" does not match/));
  });

  test('a serviceName that names no Service', () => {
    const objects = base();
    of(objects, 'StatefulSet').spec.serviceName = 'missing';
    expect(checkApiRules(objects)).toContainEqual(expect.stringContaining('spec.serviceName "missing" names no Service'));
  });

  test('a serviceName that names a Service that is not headless', () => {
    const objects = base();
    of(objects, 'StatefulSet').spec.serviceName = 'redis-access-service';
    expect(checkApiRules(objects)).toContainEqual(expect.stringContaining('is not headless'));
  });

  test('a volumeMount that names no volume', () => {
    const objects = base();
    of(objects, 'StatefulSet').spec.template.spec.containers[0].volumeMounts[0].name = 'data';
    expect(checkApiRules(objects)).toContainEqual(expect.stringContaining('volumeMounts[0] names "data", which is neither a volume nor a volumeClaimTemplate'));
  });

  test('an invalid env var name', () => {
    const objects = base();
    of(objects, 'Job').spec.template.spec.containers[0].env[0].name = 'REPLICAS PER SHARD';
    expect(checkApiRules(objects)).toContainEqual(expect.stringContaining('env var name "REPLICAS PER SHARD" is not valid'));
  });

  test('a label value longer than 63 characters, and an invalid label key', () => {
    const objects = base();
    of(objects, 'ConfigMap').metadata.labels['app.kubernetes.io/instance'] = 'x'.repeat(64);
    of(objects, 'ConfigMap').metadata.labels['bad key/with/slashes'] = 'v';
    const problems = checkApiRules(objects);
    expect(problems).toContainEqual(expect.stringContaining('is not a label value'));
    expect(problems).toContainEqual(expect.stringContaining('key "bad key/with/slashes" is not a qualified name'));
  });

  test('a Service selector that matches no pods, and a targetPort no container serves', () => {
    const objects = base();
    of(objects, 'Service', 'redis-access-service').spec.ports[0].targetPort = 6380;
    of(objects, 'Service', 'redis-service').spec.selector['app.kubernetes.io/component'] = 'proxy';
    const problems = checkApiRules(objects);
    expect(problems).toContainEqual(expect.stringContaining('targetPort 6380 is not a container port'));
    expect(problems).toContainEqual(expect.stringContaining('Service/redis-service: spec.selector'));
  });

  test('a script run from the ConfigMap that the ConfigMap lacks', () => {
    const objects = base();
    delete of(objects, 'ConfigMap').data['probe.sh'];
    expect(checkApiRules(objects)).toContainEqual(expect.stringContaining('runs /etc/redis/probe.sh, but ConfigMap redis-conf has no key "probe.sh"'));
  });

  test('requests above limits, duplicate port names, a Job that restarts always', () => {
    const objects = base();
    const container = of(objects, 'StatefulSet').spec.template.spec.containers[0];
    container.resources.limits = { memory: '50Mi' };
    container.ports[1].name = 'client';
    of(objects, 'Job').spec.template.spec.restartPolicy = 'Always';
    const problems = checkApiRules(objects);
    expect(problems).toContainEqual(expect.stringContaining('resources.requests.memory 100Mi exceeds the limit 50Mi'));
    expect(problems).toContainEqual(expect.stringContaining('port name "client" is used twice'));
    expect(problems).toContainEqual(expect.stringContaining('restartPolicy must be Never or OnFailure'));
  });

  test('names that do not fit: a pod hostname over 63 characters, a Service name with a dot', () => {
    const objects = base();
    of(objects, 'StatefulSet').metadata.name = 's'.repeat(62);
    of(objects, 'Service', 'redis-service').metadata.name = 'redis.service';
    const problems = checkApiRules(objects);
    expect(problems).toContainEqual(expect.stringContaining('is not a DNS-1123 label (pods use it as their hostname)'));
    expect(problems).toContainEqual(expect.stringContaining('metadata.name "redis.service" is not a valid Service name'));
  });

  test('label helpers', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toBe(true);
    expect(isQualifiedName('redis-cluster-cdk8s/config-checksum')).toBe(true);
    expect(isQualifiedName('/name')).toBe(false);
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('-x')).toBe(false);
  });
});

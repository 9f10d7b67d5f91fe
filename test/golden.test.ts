import * as fs from 'fs';
import * as path from 'path';
import { RedisClusterProps, RedisStorage } from '../src';
import { synthToDisk } from './_synth';

/**
 * The full YAML of several prop sets, and the construct paths and object names behind it, pinned
 * as reviewed files. Construct ids and metadata.names are a contract (they become DNS and PVC
 * names), and document order is apply order, so any change here must be on purpose.
 * Regenerate with `GOLDEN_UPDATE=1 npx jest test/golden.test.ts` and read the diff.
 */
const PROP_SETS: Record<string, RedisClusterProps> = {
  'default': {},
  'no-auth-internal': { auth: false, externalService: false, createNamespace: false, podDisruptionBudget: false },
  'per-pod-access': { externalServicePerPod: true, nodePort: 30100, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'], shards: 3, replicasPerShard: 2 },
  'metrics-monitor': { metrics: true, serviceMonitor: true, serviceMonitorLabels: { release: 'prometheus' }, networkPolicy: true },
  'renamed': {
    namespace: 'cache',
    createNamespace: true,
    statefulSetName: 'kv',
    headlessServiceName: 'kv-peers',
    externalServiceName: 'kv-seed',
    configMapName: 'kv-conf',
    clusterDomain: 'k8s.example',
    clientPort: 7000,
    busPort: 17001,
    nodePort: 31000,
    authSecretName: 'kv-secret',
    authSecretKey: 'pw',
    clientPodLabels: { 'kv-client': 'yes' },
    externalClientCidrs: ['10.0.0.0/8'],
  },
  'dynamic-nfs-tuned': {
    storage: RedisStorage.dynamicNfs({ server: 'nfs.example.internal', path: '/exports/redis', size: '1Gi' }),
    cpuRequest: '250m',
    memoryRequest: '256Mi',
    cpuLimit: '1',
    memoryLimit: '1Gi',
    redisConfig: { 'maxmemory': '700mb', 'maxmemory-policy': 'allkeys-lru', 'save': null },
    extraRedisConfig: ['rename-command FLUSHALL ""'],
    clusterNodeTimeoutMs: 8000,
    preStopTimeoutSeconds: 40,
    terminationGracePeriodSeconds: 60,
    initWaitTimeoutSeconds: 120,
  },
  'static-nfs-placement': {
    storage: RedisStorage.staticNfs({ server: '10.1.2.3', path: '/exports/redis' }),
    shards: 4,
    replicasPerShard: 0,
    nodeSelector: { disk: 'ssd' },
    priorityClassName: 'high',
    tolerations: [{ key: 'redis', operator: 'Exists', effect: 'NoSchedule' }],
    topologySpreadConstraints: [{ maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }],
  },
  'ephemeral-valkey': {
    storage: RedisStorage.ephemeral(),
    image: 'valkey/valkey:8.0.1',
    allowUnknownDirectives: ['mymodule.option'],
    extraRedisConfig: ['mymodule.option 1'],
    redisConfig: { appendonly: false },
  },
};

const GOLDEN_DIR = path.join(__dirname, '__golden__');

function compare(file: string, actual: string): void {
  const target = path.join(GOLDEN_DIR, file);
  if (process.env.GOLDEN_UPDATE === '1') fs.writeFileSync(target, actual);
  expect(fs.existsSync(target)).toBe(true);
  expect(actual).toBe(fs.readFileSync(target, 'utf8'));
}

describe.each(Object.entries(PROP_SETS))('the %s prop set', (name, props) => {
  const { text, chart } = synthToDisk(props);

  test('synthesizes exactly the golden YAML', () => {
    compare(`${name}.k8s.yaml`, text);
  });

  test('keeps its construct paths and object names', () => {
    const lines = chart.node.findAll().map((c) => {
      const objectName = (c as any).metadata?.name ?? (c as any).name;
      return `${c.node.path}${typeof objectName === 'string' && (c as any).apiVersion !== undefined ? `  ${(c as any).kind}/${objectName}` : ''}`;
    });
    const warnings = chart.cluster.warnings.map((w) => `warning: ${w}`);
    compare(`${name}.paths.txt`, [...lines, ...warnings].join('\n') + '\n');
  });
});

/**
 * The example values file (values.yaml at the project root), rendered from the props' own
 * documentation in src/cluster/props.ts and one example per prop, so that it cannot drift from
 * PROP_NAMES: test/values.test.ts fails when the committed file differs from what this renders.
 * Regenerate with `VALUES_UPDATE=1 npx jest --coverage=false test/values.test.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { RedisClusterProps } from '../src';

/** One documented example per prop, and the props it needs beside it to be a valid values file. */
export interface ValuesExample {
  readonly value: unknown;
  readonly needs?: Record<string, unknown>;
}

const PER_POD = { externalServicePerPod: true, nodePort: 30100, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'] };

/** Typed by the props, so a new prop without an example does not compile. */
export const VALUES_EXAMPLES: Record<keyof RedisClusterProps, ValuesExample> = {
  name: { value: 'cache' },
  namespace: { value: 'cache', needs: { createNamespace: true } },
  createNamespace: { value: true },
  shards: { value: 3 },
  replicasPerShard: { value: 1 },
  image: { value: 'valkey/valkey:8.1.1-bookworm' },
  server: { value: { product: 'valkey', version: '8.1' }, needs: { image: 'registry.example.com/cache/server:2024.11.1' } },
  allowMovingImageTags: { value: true, needs: { image: 'valkey/valkey:8.1' } },
  clusterDomain: { value: 'cluster.local' },
  clientPort: { value: 6379 },
  busPort: { value: 16379 },
  nodePort: { value: 30079 },
  externalService: { value: true },
  externalServicePerPod: { value: true, needs: { nodePort: 30100, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'] } },
  busNodePort: { value: 30200, needs: { ...PER_POD, busNodePort: undefined } },
  podDisruptionBudget: { value: true },
  metrics: { value: true },
  metricsExporterImage: { value: 'oliver006/redis_exporter:v1.62.0', needs: { metrics: true } },
  metricsPort: { value: 9121, needs: { metrics: true } },
  serviceMonitor: { value: true, needs: { metrics: true } },
  serviceMonitorLabels: { value: { release: 'prometheus' }, needs: { metrics: true, serviceMonitor: true } },
  serviceMonitorInterval: { value: '30s', needs: { metrics: true, serviceMonitor: true } },
  nodeSelector: { value: { 'node.kubernetes.io/instance-type': 'm6i.large' } },
  tolerations: { value: [{ key: 'dedicated', operator: 'Equal', value: 'redis', effect: 'NoSchedule' }] },
  topologySpreadConstraints: { value: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }] },
  priorityClassName: { value: 'high-priority' },
  preStopTimeoutSeconds: { value: 20 },
  terminationGracePeriodSeconds: { value: 30 },
  auth: { value: true },
  authSecretName: { value: 'redis-auth' },
  authSecretKey: { value: 'password' },
  allowUnauthenticatedExternalAccess: { value: true, needs: { auth: false } },
  users: { value: [{ name: 'app', secretName: 'redis-app-user', categories: ['read', 'write', 'connection'], keys: ['app:*'] }] },
  defaultUser: { value: false, needs: { users: [] } },
  internalUsers: { value: { secretName: 'redis-internal-users' }, needs: { users: [] } },
  networkPolicy: { value: true },
  clientPodLabels: { value: { 'redis-app-client': 'true' } },
  externalClientCidrs: { value: ['10.0.0.0/8'] },
  externalBusCidrs: { value: ['10.0.0.0/16'], needs: { ...PER_POD, externalBusCidrs: undefined } },
  storage: { value: { kind: 'storageClass', storageClassName: 'gp3', size: '20Gi', accessModes: ['ReadWriteOnce'] } },
  cpuRequest: { value: '100m' },
  memoryRequest: { value: '100Mi' },
  cpuLimit: { value: '1' },
  memoryLimit: { value: '1Gi', needs: { redisConfig: { maxmemory: '768mb' } } },
  clusterNodeTimeoutMs: { value: 5000 },
  redisConfig: { value: { 'maxmemory-policy': 'allkeys-lru', 'appendfsync': 'everysec' } },
  extraRedisConfig: { value: ['rename-command FLUSHALL ""'] },
  allowUnknownDirectives: { value: ['mymodule.option'], needs: { extraRedisConfig: ['mymodule.option 1'] } },
  statefulSetName: { value: 'redis-app' },
  headlessServiceName: { value: 'redis-service' },
  externalServiceName: { value: 'redis-access-service' },
  configMapName: { value: 'redis-conf' },
  initWaitTimeoutSeconds: { value: 300 },
  drain: { value: false },
  publishedManifestsDir: { value: 'dist' },
  tls: { value: { secret: { secretName: 'redis-tls' } } },
};

/** What a values file says beyond a prop's own documentation. */
const VALUES_NOTES: Partial<Record<keyof RedisClusterProps, string[]>> = {
  storage: [
    'In a values file: a mapping with a kind, the RedisStorage factory, and its options:',
    '  kind: storageClass   options storageClassName, size, accessModes',
    '  kind: dynamicNfs     options server, path, storageClassName, provisionerNamespace,',
    '                       createProvisionerNamespace, provisionerImage,',
    '                       allowMovingProvisionerImageTag, size, accessModes',
    '  kind: staticNfs      options server, path, size, accessModes',
    '  kind: ephemeral      no options (development only)',
  ],
  users: ['In a values file: each user is a mapping of the RedisUser fields (name, secretName, passwordKeys,',
    'categories, deniedCategories, commands, deniedCommands, keys, readKeys, writeKeys, channels).'],
};

/** A prop's documentation, as src/cluster/props.ts writes it. */
export interface PropDoc {
  readonly name: string;
  readonly text: string[];
  readonly default?: string;
  readonly see?: string;
}

/** Every prop of RedisClusterProps with its doc comment, in declaration order. */
export function propDocs(root: string): PropDoc[] {
  const source = fs.readFileSync(path.join(root, 'src', 'cluster', 'props.ts'), 'utf8');
  const body = source.slice(source.indexOf('export interface RedisClusterProps {'), source.indexOf('\n}\n'));
  const docs: PropDoc[] = [];
  for (const match of body.matchAll(/\/\*\*\n([\s\S]*?)\*\/\n\s*readonly (\w+)\?:/g)) {
    const lines = match[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).filter((l, i, all) => i < all.length - 1 || l !== '');
    const tag = lines.findIndex((l) => l.startsWith('@'));
    const text = tag < 0 ? lines : lines.slice(0, tag);
    const tags = (tag < 0 ? [] : lines.slice(tag)).join('\n');
    const def = /@default (?:- )?([\s\S]*?)(?=\n@|$)/.exec(tags)?.[1].replace(/\s+/g, ' ').trim();
    const see = /@see (\S+)/.exec(tags)?.[1];
    docs.push({ name: match[2], text: trimEnd(text), default: def, see });
  }
  return docs;
}

function trimEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The example values file's text. */
export function renderValuesFile(root: string): string {
  const out = [
    '# Values of the default app (src/main.ts): every key is a RedisCluster prop, documented below',
    '# with its default. Everything is commented out, so this file synthesizes the defaults.',
    '# Uncomment and change what you need, then `npm run synth`. Another file: REDIS_CLUSTER_VALUES=path.',
    '# Checked with the same rules and messages as the props in TypeScript, before anything is written.',
    '# Generated from src/cluster/props.ts by test/_values-file.ts: edit those, not this header.',
    '',
  ];
  for (const doc of propDocs(root)) {
    const example = VALUES_EXAMPLES[doc.name as keyof RedisClusterProps];
    out.push(...doc.text.map((l) => (l === '' ? '#' : `# ${l}`)));
    for (const note of VALUES_NOTES[doc.name as keyof RedisClusterProps] ?? []) out.push(`# ${note}`);
    if (doc.default !== undefined) out.push(`# Default: ${doc.default}`);
    if (doc.see !== undefined) out.push(`# See ${doc.see}`);
    const yaml = YAML.stringify({ [doc.name]: example.value }, { lineWidth: 0 }).trimEnd();
    out.push(...yaml.split('\n').map((l) => `# ${l}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

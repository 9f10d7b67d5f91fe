import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { RedisClusterChart, RedisClusterProps } from '../src';
import { BadInput, expectRefused } from './_bad-inputs';
import { synthToDisk } from './_synth';
import { tempDirsRemovedAfterAll } from './_temp-dirs';
import { propDocs, renderValuesFile, VALUES_EXAMPLES } from './_values-file';
import { synthesize } from '../src/_synth';
import { parseValues, readValues, VALUES_FILE_ENV, withSource } from '../src/_values';
import { PROP_NAMES } from '../src/cluster/props';
import { resolve } from '../src/cluster/resolve';

const ROOT = path.resolve(__dirname, '..');
const VALUES_FILE = path.join(ROOT, 'values.yaml');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const COMMITTED_DIST = path.join(ROOT, 'dist', 'redis-cluster.k8s.yaml');

const tempDir = tempDirsRemovedAfterAll();

/** Props from values text, checked as the default app checks them (every line naming the file). */
function fromValues(text: string): RedisClusterProps {
  const props = parseValues(text, 'values.yaml');
  withSource('values.yaml', () => resolve(props));
  return props;
}

/** The fenced block after `<!-- marker ... -->` in the README. */
function readmeBlock(marker: string): string {
  const match = new RegExp(`<!-- ${marker}[^>]*-->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(README);
  expect(match).not.toBeNull();
  return match![1];
}

describe('the example values file', () => {
  test('is what the props\' documentation renders (VALUES_UPDATE=1 regenerates it)', () => {
    const rendered = renderValuesFile(ROOT);
    if (process.env.VALUES_UPDATE === '1') fs.writeFileSync(VALUES_FILE, rendered);
    expect(fs.readFileSync(VALUES_FILE, 'utf8')).toBe(rendered);
  });

  test('documents every prop, each once, with its default', () => {
    const docs = propDocs(ROOT);
    expect(docs.map((d) => d.name).sort()).toEqual([...PROP_NAMES].sort());
    const text = fs.readFileSync(VALUES_FILE, 'utf8');
    for (const name of PROP_NAMES) {
      expect(text.match(new RegExp(`^# ${name}:`, 'gm'))).toHaveLength(1);
    }
    expect(docs.filter((d) => d.default === undefined).map((d) => d.name)).toEqual([]);
  });

  test('as committed, every key commented out, synthesizes the defaults', () => {
    expect(parseValues(fs.readFileSync(VALUES_FILE, 'utf8'), 'values.yaml')).toEqual({});
    expect(fs.readFileSync(VALUES_FILE, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual([]);
  });

  test.each(PROP_NAMES)('the example of %s, uncommented, is a valid values file', (name) => {
    const example = VALUES_EXAMPLES[name as keyof RedisClusterProps];
    const text = YAML.stringify({ ...example.needs, [name]: example.value });
    expect(() => fromValues(text)).not.toThrow();
  });
});

describe('reading values', () => {
  test('without a values file, every default', () => {
    expect(readValues({}, tempDir('values-none-'))).toEqual({ props: {} });
  });

  test('values.yaml in the folder the app runs in, or the file REDIS_CLUSTER_VALUES names', () => {
    const dir = tempDir('values-');
    fs.writeFileSync(path.join(dir, 'values.yaml'), 'shards: 4\n');
    fs.writeFileSync(path.join(dir, 'prod.yaml'), 'shards: 5\n');
    expect(readValues({}, dir)).toEqual({ source: 'values.yaml', props: { shards: 4 } });
    expect(readValues({ [VALUES_FILE_ENV]: 'prod.yaml' }, dir)).toEqual({ source: 'prod.yaml', props: { shards: 5 } });
  });

  test('every strategy the README documents, as a storage mapping', () => {
    const find = (text: string, kind: string) => synthToDisk(fromValues(text)).objects.filter((o) => o.kind === kind);
    const sts = find('storage: { kind: storageClass, storageClassName: gp3, size: 20Gi }', 'StatefulSet')[0];
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'gp3', resources: { requests: { storage: '20Gi' } } });
    expect(find('storage: { kind: dynamicNfs, server: 10.0.0.5, path: /exports/redis, size: 1Gi }', 'StorageClass')[0].metadata.name).toBe('nfs-client');
    expect(find('storage: { kind: staticNfs, server: 10.0.0.5, path: /exports/redis }', 'PersistentVolume')).toHaveLength(6);
    const ephemeral = find('storage: { kind: ephemeral }', 'StatefulSet')[0];
    expect(ephemeral.spec.volumeClaimTemplates).toBeUndefined();
    expect(ephemeral.spec.template.spec.volumes).toContainEqual({ name: 'redis-data', emptyDir: {} });
  });

  test('a bad values file keeps dist/ and prints one line per error, each naming the file', () => {
    const dir = tempDir('values-bad-');
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'redis-cluster.k8s.yaml'), 'kept\n');
    fs.writeFileSync(path.join(dir, 'values.yaml'), 'shards: "6"\nreplicasPerShard: 9\nstorage: { kind: storageClass, size: 1GB }\n');
    const lines: string[] = [];
    const result = synthesize((app) => {
      const values = readValues({}, dir);
      withSource(values.source, () => new RedisClusterChart(app, 'redis-cluster', values.props));
    }, { publishDir: dist, log: (l) => lines.push(l), nextSteps: false });
    process.exitCode = undefined;
    expect(result.ok).toBe(false);
    expect(lines.join('\n').split('\n')).toEqual([
      'Error: values.yaml: storage.size must be a Kubernetes quantity such as \'1Gi\' or \'200M\', got "1GB" (Kubernetes writes bytes without \'B\': 1Gi for the binary unit): write a number with an optional suffix (Ki, Mi, Gi, Ti, or k, M, G, T)',
      // Every error at once: the other keys' follow the storage's.
      'values.yaml: shards must be an integer of at least 3 (Redis Cluster needs 3 masters), got "6" (a string): write it as a number, not a string: shards: 6',
      expect.stringMatching(/^Synthesis failed: fix the configuration above\. .*dist\/ was left unchanged\.$/),
    ]);
    expect(fs.readFileSync(path.join(dist, 'redis-cluster.k8s.yaml'), 'utf8')).toBe('kept\n');

    fs.writeFileSync(path.join(dir, 'values.yaml'), 'shards: "6"\nmetrics: "yes"\n');
    lines.length = 0;
    synthesize((app) => {
      const values = readValues({}, dir);
      withSource(values.source, () => new RedisClusterChart(app, 'redis-cluster', values.props));
    }, { publishDir: dist, log: (l) => lines.push(l), nextSteps: false });
    process.exitCode = undefined;
    expect(lines.join('\n').split('\n').slice(0, 2)).toEqual([
      'Error: values.yaml: shards must be an integer of at least 3 (Redis Cluster needs 3 masters), got "6" (a string): write it as a number, not a string: shards: 6',
      'values.yaml: metrics must be true or false, got "yes": use a boolean, not a string',
    ]);
  });
});

const BAD_VALUES: readonly BadInput[] = [
  { when: 'a values key is misspelt', props: () => fromValues('replicas: 2\n'), says: ['values.yaml has no property "replicas" (did you mean "replicasPerShard"?)', 'rename it to "replicasPerShard"'] },
  { when: 'a values key is unknown', props: () => fromValues('persistence: { size: 8Gi }\n'), says: ['values.yaml has no property "persistence"', 'remove it'] },
  { when: 'a values file is a list', props: () => fromValues('- shards: 3\n'), says: ['values.yaml must be a mapping of RedisCluster props to values', 'e.g. shards: 3'] },
  { when: 'a values file is not YAML', props: () => fromValues('shards: [3\n'), says: [/^values\.yaml: .*line 2/, 'fix the YAML there'] },
  { when: 'a values key is given twice', props: () => fromValues('shards: 3\nshards: 4\n'), says: [/^values\.yaml: Map keys must be unique/, 'fix the YAML there'] },
  { when: 'a values number is a string', props: () => fromValues('shards: "6"\n'), says: ['values.yaml: shards must be an integer', 'got "6" (a string)', 'write it as a number, not a string: shards: 6'] },
  { when: 'a values boolean is yes', props: () => fromValues('metrics: yes\n'), says: ['values.yaml: metrics must be true or false, got "yes"', 'use a boolean'] },
  { when: 'a nested values field is wrong, naming its path', props: () => fromValues('topologySpreadConstraints:\n  - { maxSkew: 0, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway }\n'), says: ['values.yaml: topologySpreadConstraints[0].maxSkew must be an integer of at least 1', 'got 0'] },
  { when: 'a values user field is misspelt', props: () => fromValues('users:\n  - { name: app, secretName: app, categroies: [read], keys: ["*"] }\n'), says: ['values.yaml: users[0] (app) has no property "categroies" (did you mean "categories"?)'] },
  { when: 'values storage has no kind', props: () => fromValues('storage: { size: 1Gi }\n'), says: ['values.yaml: storage.kind must be one of storageClass, dynamicNfs, staticNfs, ephemeral, got undefined', 'e.g. storage: { kind: storageClass'] },
  { when: 'values storage kind is misspelt', props: () => fromValues('storage: { kind: staticNFS, server: nfs, path: /x }\n'), says: ['values.yaml: storage.kind must be one of', 'got "staticNFS" (did you mean "staticNfs"?)', 'set kind: staticNfs'] },
  { when: 'values storage is a string', props: () => fromValues('storage: nfs-client\n'), says: ['values.yaml: storage must be a mapping with a kind', 'got "nfs-client"'] },
  { when: 'values ephemeral storage has options', props: () => fromValues('storage: { kind: ephemeral, size: 1Gi }\n'), says: ['values.yaml: storage of kind ephemeral takes no options, got "size"', 'remove them'] },
  { when: 'a values storage option is misspelt', props: () => fromValues('storage: { kind: storageClass, storageclass: gp3 }\n'), says: ['values.yaml: RedisStorage.fromStorageClass() options has no property "storageclass" (did you mean "storageClassName"?)'] },
  { when: 'REDIS_CLUSTER_VALUES names a missing file', props: () => readValues({ [VALUES_FILE_ENV]: 'nope.yaml' }, os.tmpdir()).props, says: ['REDIS_CLUSTER_VALUES names "nope.yaml", which does not exist', 'set it to your values file'] },
];

describe('rejected values', () => {
  test.each(BAD_VALUES.map((c) => [c.when, c] as const))('fails when %s', (_when, c) => expectRefused(c));
});

/** Runs the default app as a user would, in a copy of the project with `values` as its values.yaml. */
function synthAsUser(values: string): { status: number | null; output: string; manifest: string } {
  const project = tempDir('redis-cluster-values-');
  fs.cpSync(path.join(ROOT, 'src'), path.join(project, 'src'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(project, 'tsconfig.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  fs.writeFileSync(path.join(project, 'values.yaml'), values);
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_CLUSTER_APP_PROJECT: project, REDIS_CLUSTER_APP_CACHE: path.join(project, 'cache') };
  delete env.CDK8S_OUTDIR;
  delete env[VALUES_FILE_ENV];
  const result = spawnSync('node', [path.join(ROOT, 'build-tools', 'app.js')], { cwd: project, env, encoding: 'utf8', timeout: 90_000 });
  const file = path.join(project, 'dist', 'redis-cluster.k8s.yaml');
  return { status: result.status, output: `${result.stdout}${result.stderr}`, manifest: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '' };
}

describe('the README\'s values examples, run as a user would', () => {
  test('the values example synthesizes what it says', () => {
    const { status, output, manifest } = synthAsUser(readmeBlock('values-example'));
    expect(output).toMatch(/^Wrote dist\/redis-cluster\.k8s\.yaml\n/);
    expect(status).toBe(0);
    const objects = YAML.parseAllDocuments(manifest).map((d) => d.toJS());
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    expect(sts.metadata).toMatchObject({ name: 'cache', namespace: 'cache' });
    expect(sts.spec.replicas).toBe(9);
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('gp3');
    expect(output).toContain('kubectl -n cache create secret generic cache-auth');
  }, 120_000);

  test('the example values file as committed synthesizes the committed dist/', () => {
    const { status, manifest } = synthAsUser(fs.readFileSync(VALUES_FILE, 'utf8'));
    expect(status).toBe(0);
    expect(manifest).toBe(fs.readFileSync(COMMITTED_DIST, 'utf8'));
  }, 120_000);
});

describe('Coming from bitnami/redis-cluster', () => {
  const section = README.slice(README.indexOf('### Coming from bitnami/redis-cluster'), README.indexOf('\n## ', README.indexOf('### Coming from bitnami/redis-cluster')));

  test('every key of ours the mapping names exists', () => {
    const rows = section.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const ours = rows.flatMap((row) => [...(row.split(' | ')[1] ?? '').matchAll(/`([a-zA-Z][\w.]*)(?::[^`]*)?`/g)].map((m) => m[1]));
    expect(ours.length).toBeGreaterThanOrEqual(12);
    const storageOptions = ['kind', 'storageClassName', 'size', 'accessModes', 'server', 'path'];
    for (const key of ours) {
      const [top, sub] = key.split('.');
      expect(PROP_NAMES).toContain(top);
      if (top === 'storage' && sub !== undefined) expect(storageOptions).toContain(sub);
    }
  });

  test('a values file written from the mapping synthesizes', () => {
    const { objects } = synthToDisk(fromValues(readmeBlock('bitnami-values-example')));
    expect(objects.find((o) => o.kind === 'StatefulSet')!.spec.replicas).toBe(6);
  });
});

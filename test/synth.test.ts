import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, JsonPatch } from 'cdk8s';
import * as YAML from 'yaml';
import { RedisClusterChart } from '../src';
import { tempDirsRemovedAfterAll } from './_temp-dirs';
import { PUBLISH_DIR, STAGING_DIR, synthesize } from '../src/_synth';

const ROOT = path.resolve(__dirname, '..');
const COMMITTED_DIST = path.join(ROOT, 'dist', 'redis-cluster.k8s.yaml');
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at /m;

const tempDir = tempDirsRemovedAfterAll();

/** Every file under `dir`, relative path to content. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) files[name] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

describe('synthesize', () => {
  let dist: string;
  let lines: string[];
  const log = (line: string) => lines.push(line);

  beforeEach(() => {
    dist = path.join(tempDir('synth-'), 'dist');
    lines = [];
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  test('publishes a good app', () => {
    const result = synthesize((app) => new RedisClusterChart(app, 'redis-cluster'), { publishDir: dist, log });
    expect(result).toEqual({ ok: true, published: [path.join(dist, 'redis-cluster.k8s.yaml')], unchanged: [] });
    expect(fs.readFileSync(path.join(dist, 'redis-cluster.k8s.yaml'), 'utf8')).toBe(fs.readFileSync(COMMITTED_DIST, 'utf8'));
    expect(lines[0]).toMatch(/^Wrote .*redis-cluster\.k8s\.yaml$/);
    expect(lines).toContain('Next steps:');
    expect(lines.join('\n')).toContain(`kubectl apply -f ${path.relative(process.cwd(), dist)}/`);
  });

  test('prints no next steps when asked not to, or when the configuration fails', () => {
    synthesize((app) => new RedisClusterChart(app, 'redis-cluster'), { publishDir: dist, log, nextSteps: false });
    expect(lines).toEqual([expect.stringMatching(/^Wrote /)]);
    lines = [];
    synthesize((app) => new RedisClusterChart(app, 'redis-cluster', { shards: 1 }), { publishDir: dist, log });
    expect(lines.join('\n')).not.toContain('Next steps');
  });

  test('leaves files that did not change untouched', () => {
    synthesize((app) => new RedisClusterChart(app, 'redis-cluster'), { publishDir: dist, log });
    const file = path.join(dist, 'redis-cluster.k8s.yaml');
    const before = fs.statSync(file);
    const result = synthesize((app) => new RedisClusterChart(app, 'redis-cluster'), { publishDir: dist, log });
    expect(result).toEqual({ ok: true, published: [], unchanged: [file] });
    expect(fs.statSync(file).ino).toBe(before.ino);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
  });

  test('removes manifests the app no longer produces', () => {
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'old-chart.k8s.yaml'), 'kind: Old\n');
    synthesize((app) => new RedisClusterChart(app, 'redis-cluster'), { publishDir: dist, log });
    expect(fs.readdirSync(dist)).toEqual(['redis-cluster.k8s.yaml']);
  });

  test('a configuration error leaves the published folder byte for byte, and reads without a stack trace', () => {
    synthesize((app) => new RedisClusterChart(app, 'redis-cluster'), { publishDir: dist, log });
    const before = snapshot(dist);
    lines = [];
    const result = synthesize((app) => new RedisClusterChart(app, 'redis-cluster', { shards: 2 }), { publishDir: dist, log });
    expect(result.ok).toBe(false);
    expect(snapshot(dist)).toEqual(before);
    expect(process.exitCode).toBe(1);
    const output = lines.join('\n');
    expect(output).toContain('Error: shards must be an integer of at least 3');
    expect(output).toContain('set shards to 3 or more');
    expect(output).toContain('was left unchanged');
    expect(output).not.toMatch(STACK_LINE);
  });

  test('an error found by a node validation reads without a stack trace too', () => {
    synthesize((app) => new RedisClusterChart(app, 'redis-cluster'), { publishDir: dist, log });
    const before = snapshot(dist);
    lines = [];
    const result = synthesize((app) => {
      const chart = new RedisClusterChart(app, 'redis-cluster');
      // Move the data volume away from where redis.conf keeps its data.
      ApiObject.of(chart.cluster.statefulSet.statefulSet).addJsonPatch(
        JsonPatch.replace('/spec/template/spec/containers/0/volumeMounts/0/mountPath', '/var/lib/redis'));
    }, { publishDir: dist, log });
    expect(result.ok).toBe(false);
    expect(snapshot(dist)).toEqual(before);
    const output = lines.join('\n');
    expect(output).toContain('Validation failed');
    expect(output).not.toMatch(STACK_LINE);
  });

  test('an unexpected error is reported with its stack, and still publishes nothing', () => {
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'keep.yaml'), 'kind: Keep\n');
    const result = synthesize(() => {
      throw new TypeError('cannot read properties of undefined');
    }, { publishDir: dist, log });
    expect(result.ok).toBe(false);
    expect(snapshot(dist)).toEqual({ 'keep.yaml': 'kind: Keep\n' });
    expect(lines.join('\n')).toMatch(/synthesis failed unexpectedly[\s\S]*TypeError: cannot read properties[\s\S]*\n\s+at /);
  });

  test('prints warnings', () => {
    synthesize((app) => new RedisClusterChart(app, 'redis-cluster', { redisConfig: { appendonly: false, save: '' } }), { publishDir: dist, log });
    expect(lines).toContainEqual(expect.stringMatching(/^Warning: \[redis-cluster\/Redis\] no persistence/));
  });

  test('an output folder other than the staging folder is used as plain cdk8s would, and dist is left alone', () => {
    const outdir = tempDir('out-');
    const result = synthesize((app) => new RedisClusterChart(app, 'redis-cluster'), { publishDir: dist, outdir, log });
    expect(result.ok).toBe(true);
    expect(fs.readdirSync(outdir)).toEqual(['redis-cluster.k8s.yaml']);
    expect(fs.existsSync(dist)).toBe(false);
  });
});

describe('project configuration', () => {
  test('cdk8s.yaml points the CLI at the staging folder, and git ignores it', () => {
    const config = YAML.parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'));
    expect(config.output).toBe(STAGING_DIR);
    expect(config.output).not.toBe(PUBLISH_DIR);
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain(`/${STAGING_DIR}/`);
  });

  test('main.ts holds only the app and the default chart', () => {
    const main = fs.readFileSync(path.join(ROOT, 'src', 'main.ts'), 'utf8');
    expect(main).toContain("new RedisClusterChart(app, 'redis-cluster', values.props)");
    expect(main).not.toMatch(/fs\.|rename|rmSync/);
  });
});

/**
 * The real `cdk8s synth`, run in a scratch project folder whose app is a few lines importing the
 * constructs from this checkout.
 */
describe('cdk8s synth', () => {
  const CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  const TS_NODE = path.join(ROOT, 'node_modules', 'ts-node', 'register', 'transpile-only');
  let project: string;

  beforeEach(() => {
    project = tempDir('cdk8s-project-');
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2020', esModuleInterop: true } }));
    // The project's own cdk8s.yaml, with the app pointing at a scratch app.
    const config = YAML.parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'));
    config.app = `node --require ${TS_NODE} app.ts`;
    fs.writeFileSync(path.join(project, 'cdk8s.yaml'), YAML.stringify(config));
    fs.mkdirSync(path.join(project, 'dist'));
    fs.copyFileSync(COMMITTED_DIST, path.join(project, 'dist', 'redis-cluster.k8s.yaml'));
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  function writeApp(props: string): void {
    fs.writeFileSync(path.join(project, 'app.ts'), [
      `import { synthesize } from ${JSON.stringify(path.join(ROOT, 'src', '_synth'))};`,
      `import { RedisClusterChart } from ${JSON.stringify(path.join(ROOT, 'src', 'redis-cluster-chart'))};`,
      `synthesize((app) => { new RedisClusterChart(app, 'redis-cluster', ${props}); });`,
      '',
    ].join('\n'));
  }

  function run(command: string, args: string[]): { status: number | null; output: string } {
    const env = { ...process.env };
    delete env.CDK8S_OUTDIR;
    const result = spawnSync(command, args, { cwd: project, env, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  test('a bad configuration fails with a readable message and leaves dist/ byte for byte', () => {
    writeApp('{ shards: 2 }');
    const before = snapshot(path.join(project, 'dist'));

    const { status, output } = run('node', [CLI, 'synth', '--no-check-upgrade']);

    expect(status).not.toBe(0);
    expect(output).toContain('Error: shards must be an integer of at least 3 (Redis Cluster needs 3 masters), got 2: set shards to 3 or more');
    expect(output).toContain('dist/ was left unchanged');
    expect(output).not.toMatch(STACK_LINE);
    expect(snapshot(path.join(project, 'dist'))).toEqual(before);
    expect(fs.existsSync(path.join(project, STAGING_DIR))).toBe(false);
  }, 60_000);

  test('a good configuration replaces dist/', () => {
    writeApp('{ shards: 4 }');

    const { status, output } = run('node', [CLI, 'synth', '--no-check-upgrade']);

    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('Wrote dist/redis-cluster.k8s.yaml') });
    const published = fs.readFileSync(path.join(project, 'dist', 'redis-cluster.k8s.yaml'), 'utf8');
    const statefulSet = YAML.parseAllDocuments(published).map((d) => d.toJS()).find((o) => o.kind === 'StatefulSet');
    expect(statefulSet.spec.replicas).toBe(8);
    // The CLI lists what it found in its output folder: the same manifests.
    expect(fs.readFileSync(path.join(project, STAGING_DIR, 'redis-cluster.k8s.yaml'), 'utf8')).toBe(published);
    expect(fs.readdirSync(path.join(project, 'dist'))).toEqual(['redis-cluster.k8s.yaml']);
  }, 60_000);

  test('the default app regenerates the committed dist/ unchanged', () => {
    fs.writeFileSync(path.join(project, 'app.ts'), `require(${JSON.stringify(path.join(ROOT, 'src', 'main'))});\n`);
    fs.rmSync(path.join(project, 'dist'), { recursive: true });

    const { status } = run('node', [CLI, 'synth', '--no-check-upgrade']);

    expect(status).toBe(0);
    expect(fs.readFileSync(path.join(project, 'dist', 'redis-cluster.k8s.yaml'), 'utf8')).toBe(fs.readFileSync(COMMITTED_DIST, 'utf8'));
  }, 60_000);

  test('run without the CLI, a bad configuration exits non-zero and leaves dist/ alone', () => {
    writeApp('{ image: "redis:latest" }');
    const before = snapshot(path.join(project, 'dist'));

    const { status, output } = run('node', ['--require', TS_NODE, 'app.ts']);

    expect(status).toBe(1);
    expect(output).toContain("image must not use the 'latest' tag");
    expect(output).not.toMatch(STACK_LINE);
    expect(snapshot(path.join(project, 'dist'))).toEqual(before);
  }, 60_000);
});

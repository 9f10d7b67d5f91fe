/**
 * build-tools/app.js, which `npx cdk8s synth` and `npm run synth` start: it runs the default app
 * from a cache of transpiled modules, so these tests prove that an edit to src/ is always in the
 * next synth. Each runs on a copy of src/ in a temporary project folder, never on this checkout.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const LAUNCHER = path.join(ROOT, 'build-tools', 'app.js');
const COMMITTED_DIST = path.join(ROOT, 'dist', 'redis-cluster.k8s.yaml');
const IMAGE = 'valkey/valkey:8.1.1-bookworm';

let project: string;
let cacheDir: string;

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-launcher-'));
  cacheDir = path.join(project, 'cache');
  fs.cpSync(path.join(ROOT, 'src'), path.join(project, 'src'), { recursive: true, preserveTimestamps: true });
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(project, 'tsconfig.json'));
  // The transpiled modules resolve cdk8s and friends from the project's node_modules.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

/** Runs the launcher as the CLI would (no CDK8S_OUTDIR: it publishes to <project>/dist). */
function synth(): { status: number | null; output: string; manifest: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_CLUSTER_APP_PROJECT: project, REDIS_CLUSTER_APP_CACHE: cacheDir };
  delete env.CDK8S_OUTDIR;
  const result = spawnSync('node', [LAUNCHER], { cwd: project, env, encoding: 'utf8', timeout: 90_000 });
  const file = path.join(project, 'dist', 'redis-cluster.k8s.yaml');
  return { status: result.status, output: `${result.stdout}${result.stderr}`, manifest: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '' };
}

/** Replaces `from` by `to` (same length) in a source file, keeping its modification time. */
function editKeepingTime(file: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const full = path.join(project, 'src', file);
  const { atime, mtime } = fs.statSync(full);
  const text = fs.readFileSync(full, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(full, text.replace(from, to));
  fs.utimesSync(full, atime, mtime);
}

function cacheEntries(): string[] {
  return fs.readdirSync(cacheDir).filter((name) => !name.startsWith('.'));
}

test('synthesizes what the committed dist/ holds, and a second run reuses the cache', () => {
  const first = synth();
  expect(first.status).toBe(0);
  expect(first.manifest).toBe(fs.readFileSync(COMMITTED_DIST, 'utf8'));
  // A first run reads cleanly: what was written, then what to do next.
  expect(first.output).toMatch(/^Wrote dist\/redis-cluster\.k8s\.yaml\n\nNext steps:\n/);
  expect(first.output).not.toMatch(/^\s+at /m);
  const [entry] = cacheEntries();
  const stamp = fs.statSync(path.join(cacheDir, entry, 'main.js')).mtimeMs;

  const second = synth();
  expect(second.status).toBe(0);
  expect(cacheEntries()).toEqual([entry]);
  expect(fs.statSync(path.join(cacheDir, entry, 'main.js')).mtimeMs).toBe(stamp);
}, 180_000);

test('an edit to src/ is in the next synth, even one that keeps the file size and time', () => {
  expect(synth().manifest).toContain(`image: ${IMAGE}`);
  const before = cacheEntries();

  editKeepingTime('cluster/defaults.ts', IMAGE, 'valkey/valkey:8.1.2-bookworm');
  const after = synth();

  expect(after.status).toBe(0);
  expect(after.manifest).toContain('image: valkey/valkey:8.1.2-bookworm');
  expect(after.manifest).not.toContain(IMAGE);
  // The older cache folder is gone; only the current one is kept.
  expect(cacheEntries()).toHaveLength(1);
  expect(cacheEntries()).not.toEqual(before);
}, 180_000);

test('an edit to a container script is in the next synth', () => {
  synth();
  const script = path.join(project, 'src', 'scripts', 'probe.sh');
  fs.appendFileSync(script, '# edited\n');

  const { status, manifest } = synth();

  expect(status).toBe(0);
  const configMap = YAML.parseAllDocuments(manifest).map((d) => d.toJS()).find((o) => o.kind === 'ConfigMap');
  expect(configMap.data['probe.sh']).toMatch(/# edited\n$/);
}, 180_000);

test('a new module in a new folder under src/ is transpiled and loaded', () => {
  synth();
  fs.mkdirSync(path.join(project, 'src', 'extra'));
  fs.writeFileSync(path.join(project, 'src', 'extra', 'marker.ts'), "export const MARKER: string = 'from src/extra';\n");
  fs.appendFileSync(path.join(project, 'src', 'main.ts'), "import { MARKER } from './extra/marker';\nprocess.stderr.write(`${MARKER}\\n`);\n");

  const { status, output } = synth();

  expect(status).toBe(0);
  expect(output).toContain('from src/extra');
}, 180_000);

describe('under `npx cdk8s synth`, with this project\'s cdk8s.yaml', () => {
  const CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

  beforeEach(() => {
    fs.copyFileSync(path.join(ROOT, 'cdk8s.yaml'), path.join(project, 'cdk8s.yaml'));
    fs.mkdirSync(path.join(project, 'build-tools'));
    fs.copyFileSync(LAUNCHER, path.join(project, 'build-tools', 'app.js'));
  });

  function cli(): { status: number | null; output: string } {
    const env: NodeJS.ProcessEnv = { ...process.env, REDIS_CLUSTER_APP_CACHE: cacheDir };
    delete env.CDK8S_OUTDIR;
    const result = spawnSync('node', [CLI, 'synth', '--no-check-upgrade'], { cwd: project, env, encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  test('publishes dist/ and prints the next steps, without a stack trace', () => {
    const { status, output } = cli();
    expect(status).toBe(0);
    expect(fs.readFileSync(path.join(project, 'dist', 'redis-cluster.k8s.yaml'), 'utf8')).toBe(fs.readFileSync(COMMITTED_DIST, 'utf8'));
    expect(output).toContain('Wrote dist/redis-cluster.k8s.yaml');
    expect(output).toContain('Next steps:');
    expect(output).not.toMatch(/^\s+at /m);
  }, 180_000);

  test('a wrong value fails with its one-line message and keeps dist/', () => {
    expect(cli().status).toBe(0);
    const before = fs.readFileSync(path.join(project, 'dist', 'redis-cluster.k8s.yaml'), 'utf8');
    fs.writeFileSync(path.join(project, 'values.yaml'), 'shards: 2\n');

    const { status, output } = cli();

    expect(status).not.toBe(0);
    expect(output).toContain('Error: values.yaml: shards must be an integer of at least 3');
    expect(output).toContain('dist/ was left unchanged');
    expect(output).not.toMatch(/^\s+at /m);
    expect(fs.readFileSync(path.join(project, 'dist', 'redis-cluster.k8s.yaml'), 'utf8')).toBe(before);
  }, 180_000);
});

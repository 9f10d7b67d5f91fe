/**
 * The package as a consumer gets it: `npm pack`, then a new TypeScript cdk8s app that installs the
 * tarball and its peer dependencies from npm's cache (offline: the versions this repo installs,
 * which `npm ci` put there), compiles the README's library example exactly as the README shows it,
 * runs it and reads the manifests it wrote.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findObject, parseYaml } from './_synth';

const ROOT = path.resolve(__dirname, '..');
const STACK_LINE = /^\s+at /m;

/** The code block that follows the `library-example` marker in the README. */
export function readmeLibraryExample(readme: string): string {
  const match = /<!-- library-example[^>]*-->\s*```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) {
    throw new Error('README.md has no ```ts block after a <!-- library-example --> marker');
  }
  return match[1];
}

/**
 * Tarball URLs of `names` and of every package they need, at the versions this repo's lockfile
 * holds. Offline, npm can install a tarball URL from its cache, but not a `name@version`: that
 * needs the package's registry document, which `npm ci` does not fetch. Bundled dependencies come
 * inside their parent's tarball.
 */
export function lockedTarballs(lockfile: any, names: readonly string[], registry: string): string[] {
  const packages: Record<string, any> = lockfile.packages;
  const nameAt = (location: string) => packages[location].name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
  /** Where node finds `dep` from the package at `from`: its own node_modules, then each parent's. */
  const resolve = (from: string, dep: string): string => {
    for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
      const candidate = base === '' ? `node_modules/${dep}` : `${base}/node_modules/${dep}`;
      if (packages[candidate]) return candidate;
      if (base === '') throw new Error(`package-lock.json has no ${dep} for ${from || 'the root'}`);
    }
  };
  const seen = new Set<string>();
  const visit = (location: string) => {
    if (seen.has(location) || packages[location].inBundle) return;
    seen.add(location);
    const entry = packages[location];
    const bundled = new Set<string>(entry.bundleDependencies ?? []);
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.peerDependencies })) {
      if (!bundled.has(dep) && !entry.peerDependenciesMeta?.[dep]?.optional) visit(resolve(location, dep));
    }
  };
  names.forEach((name) => visit(resolve('', name)));
  const byName = new Map<string, string>();
  for (const location of seen) {
    const name = nameAt(location);
    const { version } = packages[location];
    if (byName.has(name) && byName.get(name) !== version) {
      throw new Error(`${name} is needed at two versions (${byName.get(name)}, ${version}); install it by name instead`);
    }
    byName.set(name, version);
  }
  return [...byName].map(([name, version]) => `${registry.replace(/\/*$/, '/')}${name}/-/${name.split('/').pop()}-${version}.tgz`);
}

interface RunResult { readonly status: number | null; readonly stdout: string; readonly output: string }

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): RunResult {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  const stdout = result.stdout ?? '';
  return { status: result.status, stdout, output: `${stdout}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

function expectOk(what: string, result: RunResult): RunResult {
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}):\n${result.output}`);
  }
  return result;
}

describe('the README example', () => {
  test('is found in the README', () => {
    const example = readmeLibraryExample(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    expect(example).toContain("from 'redis-cluster-cdk8s'");
    expect(example).toContain('synthesize(');
  });

  test('the extraction fails loudly when the marker is gone (it can fail)', () => {
    expect(() => readmeLibraryExample('# no example here\n```ts\nx\n```\n')).toThrow('no ```ts block');
  });
});

describe('the package, installed into a new cdk8s app', () => {
  let work: string;
  let tarball: string;
  let packed: string[];
  let app: string;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-consumer-'));
    // `npm pack` runs `prepare`, which builds lib/ from the sources as they are.
    const { stdout } = expectOk('npm pack', run('npm', ['pack', '--json', '--pack-destination', work], ROOT));
    // The JSON report follows what `prepare` printed.
    const [info] = JSON.parse(stdout.slice(stdout.lastIndexOf('\n[') + 1));
    tarball = path.join(work, info.filename);
    packed = (info.files as { path: string }[]).map((f) => f.path).sort();

    app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', version: '1.0.0', private: true }, null, 2));
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'commonjs', target: 'ES2020', strict: true, esModuleInterop: true, skipLibCheck: false, types: ['node'] },
      files: ['main.ts'],
    }, null, 2));
    fs.writeFileSync(path.join(app, 'main.ts'), readmeLibraryExample(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')));
    const lockfile = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    const registry = expectOk('npm config', run('npm', ['config', 'get', 'registry'], app)).stdout.trim();
    const peers = lockedTarballs(lockfile, ['cdk8s', 'constructs', 'cdk8s-plus-27', 'typescript', '@types/node'], registry);
    expectOk('npm install', run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball, ...peers], app));
  }, 600_000);

  afterAll(() => {
    if (work) {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  test('ships only the compiled library, its scripts, README, LICENSE and CHANGELOG', () => {
    const allowed = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|lib\/([\w-]+\/)*[\w.-]+\.(js|d\.ts)|lib\/scripts\/[\w-]+\.sh)$/;
    expect(packed.filter((f) => !allowed.test(f))).toEqual([]);
    expect(packed).toEqual(expect.arrayContaining(['lib/index.js', 'lib/index.d.ts', 'lib/scripts/start-redis.sh', 'CHANGELOG.md', 'LICENSE', 'README.md']));
    // The default app is this repo's, not the library's.
    expect(packed.filter((f) => f.startsWith('lib/main.') || f.startsWith('lib/_values.'))).toEqual([]);
  });

  test('installs one copy of constructs and cdk8s, the app\'s own', () => {
    const nested = path.join(app, 'node_modules', 'redis-cluster-cdk8s', 'node_modules');
    expect(fs.existsSync(path.join(nested, 'constructs'))).toBe(false);
    expect(fs.existsSync(path.join(nested, 'cdk8s'))).toBe(false);
  });

  test('compiles the README example with strict type checking', () => {
    expectOk('tsc', run(path.join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.'], app));
    expect(fs.existsSync(path.join(app, 'main.js'))).toBe(true);
  }, 240_000);

  test('synthesizes the example: the props are in the manifests, and the next steps are printed', () => {
    const env = { ...process.env };
    delete env.CDK8S_OUTDIR;
    const { output } = expectOk('node main.js', run('node', ['main.js'], app, env));

    expect(fs.readdirSync(path.join(app, 'dist'))).toEqual(['cache.k8s.yaml']);
    const objects = parseYaml(fs.readFileSync(path.join(app, 'dist', 'cache.k8s.yaml'), 'utf8'));
    const sts = findObject(objects, 'StatefulSet', 'redis-app');
    expect(sts.metadata.namespace).toBe('cache');
    expect(sts.spec.replicas).toBe(9);
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('gp3');
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(sts.spec.template.spec.containers[0].resources.limits.memory).toBe('2Gi');
    expect(findObject(objects, 'ConfigMap', 'redis-conf').data['redis.conf']).toMatch(/^maxmemory-policy allkeys-lru$/m);
    expect(objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === 'cache')).toBe(true);

    expect(output).toContain('Wrote dist/cache.k8s.yaml');
    expect(output).toContain('kubectl -n cache create secret generic redis-auth');
    expect(output).toContain('kubectl get storageclass gp3');
    expect(output).not.toMatch(STACK_LINE);
  }, 240_000);

  test('a wrong prop fails with one line, exit 1, and leaves dist/ as it was', () => {
    const before = fs.readFileSync(path.join(app, 'dist', 'cache.k8s.yaml'), 'utf8');
    fs.writeFileSync(path.join(app, 'bad.js'), fs.readFileSync(path.join(app, 'main.js'), 'utf8').replace('shards: 3', 'shards: 2'));
    const env = { ...process.env };
    delete env.CDK8S_OUTDIR;

    const { status, output } = run('node', ['bad.js'], app, env);

    expect(status).toBe(1);
    expect(output).toContain('Error: shards must be an integer of at least 3');
    expect(output).not.toMatch(STACK_LINE);
    expect(fs.readFileSync(path.join(app, 'dist', 'cache.k8s.yaml'), 'utf8')).toBe(before);
  }, 240_000);
});

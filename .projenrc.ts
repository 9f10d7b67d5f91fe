import { cdk8s, DependencyType, javascript } from 'projen';
import { STAGING_DIR } from './src/_synth';

const project = new cdk8s.Cdk8sTypeScriptApp({
  name: 'redis-cluster-cdk8s',
  description: 'Typed cdk8s constructs that synthesize a production Redis Cluster on Kubernetes as plain YAML.',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  github: false,
  release: false,
  licensed: true,
  license: 'Apache-2.0',

  // Pinned so that synthesized output only changes when we decide it should.
  cdk8sVersion: '2.70.106',
  cdk8sVersionPinning: true,
  cdk8sCliVersion: '2.207.60',
  cdk8sCliVersionPinning: true,
  cdk8sPlus: true,
  k8sMinorVersion: 27,
  cdk8sPlusVersion: '2.9.5',
  cdk8sPlusVersionPinning: true,
  constructsVersion: '10.4.2',
  constructsVersionPinning: true,
  // TypeScript 7 breaks ts-node and ts-jest.
  typescriptVersion: '~5.9.0',

  // Semver: construct ids, object names and exported names are a contract (a rename orphans data
  // on a live cluster), so renaming one is a breaking change.
  // Node 18 is the oldest release cdk8s 2.70 and this code run on.
  minNodeVersion: '18.0.0',
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    'yaml@2.8.1',
    '@types/node@^20',
    'kubernetes-models@4.5.1',
    'ioredis@5.9.3',
  ],

  jestOptions: {
    // A snapshot mismatch must fail the run; update on purpose with `npx projen test:update`.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // One test file at a time. Each live file runs a cluster of its own whose probes spawn
      // dozens of short processes a second; with two or three such files at once on a busy
      // 2-core machine the planned-stop write gap went past its 1 s bound. Serial, the whole
      // suite stays far under CI's 45 minutes. The matrix is one file per server, so on a bigger
      // machine `npx jest test/live/servers --maxWorkers=3` runs the servers side by side.
      maxWorkers: 1,
      // One temporary folder for the whole run, removed at its end: tests leave nothing in /tmp.
      globalSetup: '<rootDir>/test/_global-setup.ts',
      globalTeardown: '<rootDir>/test/_global-teardown.ts',
    },
  },
});

// A construct library: the consumer's app brings cdk8s, constructs and cdk8s-plus-27, so that a
// single copy of each is loaded (two copies of constructs break `instanceof` and the construct
// tree). The ranges are those cdk8s-plus-27 itself accepts; this repo develops and tests against
// the exact versions below, so dist/ changes only when we decide it should.
const PEERS: Record<string, { range: string; dev: string }> = {
  'cdk8s': { range: '^2.68.11', dev: '2.70.106' },
  'constructs': { range: '^10.3.0', dev: '10.4.2' },
  'cdk8s-plus-27': { range: '^2.9.5', dev: '2.9.5' },
};
for (const [name, { range, dev }] of Object.entries(PEERS)) {
  project.deps.removeDependency(name, DependencyType.RUNTIME);
  project.deps.addDependency(`${name}@${range}`, DependencyType.PEER);
  project.deps.addDependency(`${name}@${dev}`, DependencyType.DEVENV);
}

// The library entry and what the package ships: the compiled library and its container scripts
// (npm adds package.json, README, LICENSE and CHANGELOG). The default app (lib/main.js and its
// values reader lib/_values.js), the sources, the tests, dist/ and cdk8s.yaml are this repo's, not the library's.
project.package.addVersion('0.1.0');
project.package.addField('main', 'lib/index.js');
project.package.addField('types', 'lib/index.d.ts');
project.package.addField('files', [
  'lib/**/*.js',
  'lib/**/*.d.ts',
  'lib/scripts/*.sh',
  '!lib/main.*',
  // The default app's values file reader, which needs yaml (a dev dependency).
  '!lib/_values.*',
  'CHANGELOG.md',
]);
// `npm install` from git (and `npm pack`) run `prepare`: build lib/ without the synth and tests
// that the full compile task runs.
project.package.setScript('prepare', 'tsc --build && mkdir -p lib/scripts && cp src/scripts/*.sh lib/scripts/');

// `cdk8s import` downloads the Kubernetes spec from the internet; we use the k8s 1.27 L1 classes
// that ship inside cdk8s-plus-27 instead.
project.removeTask('import');
const cdk8sYaml = project.tryFindObjectFile('cdk8s.yaml')!;
cdk8sYaml.addDeletionOverride('imports');

// Synthesize the sources as they are now, fast: build-tools/app.js runs src/main.ts from a cache of
// transpiled modules named by a hash of src/ (with `node lib/main.js` a synth silently used the
// last compiled build; with ts-node, loading TypeScript cost several times the app itself). Type
// errors are caught by the compile task and the tests.
cdk8sYaml.addOverride('app', 'node build-tools/app.js');
// `npm run synth` runs the app without the cdk8s CLI: same manifests, and the output is the app's
// own (no upgrade check, no listing of the staging folder).
project.tasks.tryFind('synth')!.reset('node build-tools/app.js');

// `cdk8s synth` empties its output folder before it runs the app, so a failed synth would leave
// dist/ empty. The CLI writes to a staging folder instead, and the app publishes to dist/ only
// when the whole app synthesized (src/_synth.ts).
cdk8sYaml.addOverride('output', STAGING_DIR);
project.gitignore.exclude(`/${STAGING_DIR}/`);

// The container scripts are read at synth time from beside the compiled modules.
project.compileTask.exec('mkdir -p lib/scripts && cp src/scripts/*.sh lib/scripts/');

// Timings measured with the live harness; not part of the test run.
project.addTask('bench', {
  description: 'Measure bootstrap, failover, heal and synth times with real Redis processes',
  exec: 'node --require ts-node/register/transpile-only test/live/bench.ts',
});

// dist/ is committed: GitOps tools deploy from it and reviewers read manifest diffs.
project.gitignore.removePatterns('/dist/');

project.synth();

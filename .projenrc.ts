import { cdk8s, javascript } from 'projen';
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

  deps: ['yaml@2.8.1'],
  devDeps: [
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
    },
  },
});

// `cdk8s import` downloads the Kubernetes spec from the internet; we use the k8s 1.27 L1 classes
// that ship inside cdk8s-plus-27 instead.
project.removeTask('import');
const cdk8sYaml = project.tryFindObjectFile('cdk8s.yaml')!;
cdk8sYaml.addDeletionOverride('imports');

// Run the TypeScript sources directly, so `npx cdk8s synth` always synthesizes the code as it is
// now (with `node lib/main.js` it silently used the last compiled build). Type errors are caught
// by the compile task and the tests.
cdk8sYaml.addOverride('app', 'node --require ts-node/register/transpile-only src/main.ts');
project.tasks.tryFind('synth')!.reset('cdk8s synth --no-check-upgrade');

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

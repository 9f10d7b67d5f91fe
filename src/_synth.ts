/**
 * Synthesizes the app so that a failure never costs the manifests already in `dist/`.
 *
 * `cdk8s synth` deletes its output folder before it runs the app, so an app that writes to `dist/`
 * directly loses the last good manifests whenever a prop is wrong. Here the CLI's output folder is
 * a staging folder (cdk8s.yaml `output`, set in .projenrc.ts). The app synthesizes into it and,
 * only when the whole app has synthesized, publishes the files into `dist/`: each is written beside
 * its target and renamed over it, so `dist/` always holds complete files, and unchanged files are
 * not touched.
 *
 * On a configuration error the app prints the message alone (no stack trace) and writes nothing.
 * Under `cdk8s synth` it then also removes the staging folder and exits 0: the CLI sees no output,
 * says "synthesis failed" and exits 1 itself. (An app that exits non-zero makes the CLI print its
 * own stack trace after the message.) Run any other way, the app exits 1.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { objectCollisions } from './_collisions';
import { ValidationError, WARNING_METADATA } from './_errors';
import { ManifestObject, nextSteps } from './_next-steps';
import { PUBLISHED_MANIFESTS_CONTEXT } from './cluster/scale';

/** Where the manifests are published, relative to the project folder. */
export const PUBLISH_DIR = 'dist';

/** Where `cdk8s synth` has the app write (cdk8s.yaml `output`), relative to the project folder. */
export const STAGING_DIR = '.cdk8s-staging';

export interface SynthesizeOptions {
  /**
   * The folder to publish into.
   * @default 'dist' in the current folder
   */
  readonly publishDir?: string;
  /**
   * Where the app is told to write, normally by the cdk8s CLI.
   * @default - process.env.CDK8S_OUTDIR
   */
  readonly outdir?: string;
  /**
   * Where messages go, one line at a time.
   * @default - process.stderr
   */
  readonly log?: (line: string) => void;
  /**
   * After a good synth, print what to do next: the Secret to create, the StorageClass the volume
   * claims need, how to apply, wait for the cluster and connect (derived from the synthesized
   * objects; nothing is printed for an app without a RedisCluster).
   * @default true
   */
  readonly nextSteps?: boolean;
}

/** What a synth run did, for the caller's exit code and for tests. */
export interface SynthesizeResult {
  readonly ok: boolean;
  /** Files written or replaced in the publish folder. */
  readonly published: readonly string[];
  /** Files of the publish folder that already held the synthesized content, left untouched. */
  readonly unchanged: readonly string[];
}

/**
 * Builds the app with `build`, synthesizes it and publishes the manifests, as described above.
 * Sets `process.exitCode` on failure unless run by `cdk8s synth` (see the module comment).
 */
export function synthesize(build: (app: App) => void, options: SynthesizeOptions = {}): SynthesizeResult {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const publishDir = path.resolve(options.publishDir ?? PUBLISH_DIR);
  const cliOutdir = options.outdir ?? process.env.CDK8S_OUTDIR;
  // Under `cdk8s synth` with this project's cdk8s.yaml, the CLI's output is the staging folder.
  // Any other output folder (`cdk8s synth --output x`, `--stdout`) is used as plain cdk8s would,
  // and dist/ is left alone.
  const viaCli = cliOutdir !== undefined && path.resolve(cliOutdir) === path.resolve(STAGING_DIR);
  const publishes = cliOutdir === undefined || viaCli;
  const stagingDir = cliOutdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-synth-'));

  let published: string[] = [];
  let unchanged: string[] = [];
  try {
    // The manifests published last are the state of record a RedisCluster checks a resize against.
    const app = new App({ outdir: stagingDir });
    app.node.setContext(PUBLISHED_MANIFESTS_CONTEXT, options.publishDir ?? PUBLISH_DIR);
    build(app);
    // Refused before anything is written, objects of other constructs included.
    const collisions = objectCollisions(app);
    if (collisions.length > 0) throw new ValidationError(collisions.map((c) => c.message).join('\n'));
    app.synth();
    for (const warning of collectWarnings(app)) {
      log(`Warning: ${warning}`);
    }
    if (publishes) {
      ({ published, unchanged } = publish(stagingDir, publishDir));
      const shown = (file: string) => path.relative(process.cwd(), file) || file;
      published.forEach((file) => log(`Wrote ${shown(file)}`));
      unchanged.forEach((file) => log(`${shown(file)} is up to date`));
    }
    if (options.nextSteps ?? true) {
      const objects = app.charts.flatMap((chart) => chart.toJson() as ManifestObject[]);
      const shownDir = path.relative(process.cwd(), publishes ? publishDir : stagingDir) || '.';
      const steps = nextSteps(objects, shownDir);
      if (steps.length > 0) {
        log('');
        steps.forEach(log);
      }
    }
    return { ok: true, published, unchanged };
  } catch (error) {
    log(describeFailure(error, publishes ? publishDir : undefined));
    if (viaCli) {
      fs.rmSync(stagingDir, { recursive: true, force: true });
    } else {
      process.exitCode = 1;
    }
    return { ok: false, published, unchanged };
  } finally {
    if (cliOutdir === undefined) {
      fs.rmSync(stagingDir, { recursive: true, force: true });
    }
  }
}

/** The message for a failed synth: a configuration error reads as one, anything else as a bug. */
function describeFailure(error: unknown, publishDir: string | undefined): string {
  const kept = publishDir ? ` ${path.relative(process.cwd(), publishDir) || publishDir}/ was left unchanged.` : '';
  const isConfigError = error instanceof ValidationError
    || (error instanceof Error && error.name === 'ValidationError')
    // The form cdk8s gives errors of node.addValidation().
    || (error instanceof Error && error.message.startsWith('Validation failed with the following errors'));
  if (isConfigError) {
    return `Error: ${(error as Error).message}\nSynthesis failed: fix the configuration above.${kept}`;
  }
  const detail = error instanceof Error ? error.stack ?? error.message : String(error);
  return `Error: synthesis failed unexpectedly.${kept}\n${detail}`;
}

function collectWarnings(app: App): string[] {
  return app.node.findAll().flatMap((c: IConstruct) => c.node.metadata
    .filter((m) => m.type === WARNING_METADATA)
    .map((m) => `[${c.node.path}] ${String(m.data)}`));
}

/**
 * Makes `publishDir` hold exactly the files of `stagingDir`. Each changed file is written beside
 * its target and renamed over it (atomic on one filesystem); files the app no longer produces are
 * removed last.
 */
function publish(stagingDir: string, publishDir: string): { published: string[]; unchanged: string[] } {
  fs.mkdirSync(publishDir, { recursive: true });
  const produced = fs.readdirSync(stagingDir, { withFileTypes: true });
  const published: string[] = [];
  const unchanged: string[] = [];
  for (const entry of produced) {
    if (!entry.isFile()) {
      throw new Error(`synth produced ${entry.name} in ${stagingDir}, which is not a file; only flat manifest files can be published`);
    }
    const content = fs.readFileSync(path.join(stagingDir, entry.name));
    const target = path.join(publishDir, entry.name);
    if (fs.existsSync(target) && fs.statSync(target).isFile() && fs.readFileSync(target).equals(content)) {
      unchanged.push(target);
      continue;
    }
    const temp = path.join(publishDir, `.${entry.name}.${process.pid}.tmp`);
    try {
      fs.writeFileSync(temp, content);
      fs.renameSync(temp, target);
    } finally {
      fs.rmSync(temp, { force: true });
    }
    published.push(target);
  }
  const names = new Set(produced.map((e) => e.name));
  for (const stale of fs.readdirSync(publishDir)) {
    if (!names.has(stale)) {
      fs.rmSync(path.join(publishDir, stale), { recursive: true, force: true });
    }
  }
  return { published, unchanged };
}

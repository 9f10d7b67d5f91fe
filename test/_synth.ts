import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { RedisClusterChart, RedisClusterProps } from '../src';

/** A Kubernetes object as parsed from the synthesized YAML text. */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; [k: string]: any };

export interface Synthesized {
  /** The YAML text written to disk. */
  readonly text: string;
  /** Its documents, parsed back. */
  readonly objects: Manifest[];
  /** The chart, for assertions on the constructs themselves. */
  readonly chart: RedisClusterChart;
}

/**
 * Synthesizes a chart into a new temporary folder (under `parentDir`), reads back what was
 * written and removes the folder. The chart id matches `src/main.ts`, so with no props this writes
 * what `dist/` holds. Both constructor checks and node validations run, as in `cdk8s synth`.
 */
export function synthToDisk(props: RedisClusterProps = {}, parentDir: string = os.tmpdir()): Synthesized {
  const { outdir, ...synthesized } = synthToFolder(props, parentDir);
  fs.rmSync(outdir, { recursive: true, force: true });
  return synthesized;
}

/** As synthToDisk, but keeps the folder, for the caller to use and then remove. */
export function synthToFolder(props: RedisClusterProps = {}, parentDir: string = os.tmpdir()): Synthesized & { readonly outdir: string } {
  const outdir = fs.mkdtempSync(path.join(parentDir, 'redis-cluster-synth-'));
  try {
    const app = new App({ outdir });
    const chart = new RedisClusterChart(app, 'redis-cluster', props);
    app.synth();
    const text = fs.readFileSync(path.join(outdir, 'redis-cluster.k8s.yaml'), 'utf8');
    return { text, objects: parseYaml(text), chart, outdir };
  } catch (error) {
    fs.rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
}

/** Parses a multi-document YAML text, failing on any YAML error. */
export function parseYaml(text: string): Manifest[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) {
      throw new Error(`invalid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    return doc.toJS() as Manifest;
  });
}

/** The one object of `kind` (and `name`, if given); fails unless there is exactly one. */
export function findObject(objects: Manifest[], kind: string, name?: string): Manifest {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  }
  return found[0];
}

/** The first container of a pod-bearing object (StatefulSet or Job). */
export function firstContainer(o: Manifest): any {
  return o.spec.template.spec.containers[0];
}

/** The value of a literal env var of a container. */
export function envValue(container: any, name: string): string | undefined {
  return container.env?.find((e: any) => e.name === name)?.value;
}

/** redis.conf from the ConfigMap, as lines without comments. */
export function redisConfLines(objects: Manifest[], configMapName = 'redis-conf'): string[] {
  const cm = findObject(objects, 'ConfigMap', configMapName);
  return (cm.data['redis.conf'] as string).split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}

/** Validates an object against the Kubernetes schema of its apiVersion and kind (kubernetes-models). */
export function validateSchema(o: Manifest): void {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [undefined, o.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Model = require(modulePath)[o.kind];
  if (!Model) {
    throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  }
  new Model(o).validate();
}

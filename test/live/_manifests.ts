import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { RedisClusterProps } from '../../src';
import { synthToFolder } from '../_synth';

/** The kinds the harness understands, typed and validated against the Kubernetes schema. */
const MODELS = { Namespace, ConfigMap, Service, StatefulSet, Job } as const;

/** The objects read from a directory of manifests, as `kubectl apply -f <dir>` would read them. */
export class Manifests {
  /** Reads every `*.yaml` / `*.yml` file of `dir`, in name order. */
  public static fromDirectory(dir: string): Manifests {
    const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
    if (files.length === 0) {
      throw new Error(`no manifests in ${dir}: expected *.yaml files, as \`cdk8s synth\` writes them`);
    }
    return new Manifests(files.flatMap((file) => parseManifestFile(file)));
  }

  private constructor(public readonly objects: readonly unknown[]) {}

  public statefulSets(): StatefulSet[] {
    return this.ofKind(StatefulSet);
  }

  public jobs(): Job[] {
    return this.ofKind(Job);
  }

  public services(): Service[] {
    return this.ofKind(Service);
  }

  public configMap(name: string, namespace: string): ConfigMap {
    const found = this.ofKind(ConfigMap).find((c) => c.metadata?.name === name && namespaceOf(c) === namespace);
    if (!found) {
      throw new Error(`a pod mounts ConfigMap ${namespace}/${name}, but the manifests hold no such ConfigMap`);
    }
    return found;
  }

  /** The only StatefulSet; throws unless there is exactly one. */
  public statefulSet(): StatefulSet {
    return only(this.statefulSets(), 'StatefulSet');
  }

  /** The only Job; throws unless there is exactly one. */
  public job(): Job {
    return only(this.jobs(), 'Job');
  }

  private ofKind<T>(model: new (...args: never[]) => T): T[] {
    return this.objects.filter((o): o is T => o instanceof model);
  }
}

/** A synthesized app: where its manifests were written, and what they hold. */
export interface Synthesized {
  readonly outdir: string;
  readonly manifests: Manifests;
}

/**
 * Synthesizes one RedisClusterChart with `props` into a new temporary directory and reads the YAML
 * back from disk. The chart id matches `src/main.ts`, so with no props this writes what `dist/`
 * holds.
 */
export function synthesize(props: RedisClusterProps = {}, parentDir: string = os.tmpdir()): Synthesized {
  const { outdir } = synthToFolder(props, parentDir);
  return { outdir, manifests: Manifests.fromDirectory(outdir) };
}

/** The namespace of an object (`default` when it names none, as kubectl would apply it). */
export function namespaceOf(object: { metadata?: { namespace?: string } }): string {
  return object.metadata?.namespace ?? 'default';
}

function parseManifestFile(file: string): unknown[] {
  const objects: unknown[] = [];
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length > 0) {
      throw new Error(`${file} is not valid YAML: ${doc.errors[0].message}`);
    }
    const data = doc.toJS() as { kind?: string } | null;
    if (data === null) {
      continue;
    }
    const model = MODELS[data.kind as keyof typeof MODELS] as (new (d: unknown) => { validate(): void }) | undefined;
    if (model === undefined) {
      objects.push(data);
      continue;
    }
    const object = new model(data);
    try {
      object.validate();
    } catch (e) {
      throw new Error(`${file}: ${data.kind} ${JSON.stringify((data as { metadata?: { name?: string } }).metadata?.name)} does not match the Kubernetes schema: ${(e as Error).message}`);
    }
    objects.push(object);
  }
  return objects;
}

function only<T>(list: T[], kind: string): T {
  if (list.length !== 1) {
    throw new Error(`the harness runs manifests with exactly one ${kind}, got ${list.length}`);
  }
  return list[0];
}

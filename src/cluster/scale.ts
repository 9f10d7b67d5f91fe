/**
 * Resizing as synth sees it: the manifests last published (normally `dist/`) are the state of
 * record, and synth refuses a StatefulSet shrink that the published manifests did not drain.
 *
 * Scale in takes two applies, because the StatefulSet deletes its highest ordinals the moment it is
 * shrunk, slots, keys and all:
 * 1. `drain: true` with the smaller `shards` / `replicasPerShard`: the StatefulSet keeps its size
 *    and carries DRAINED_TO_ANNOTATION; the Job moves every slot off the pods that will go and has
 *    the cluster forget them.
 * 2. `drain` removed: the StatefulSet shrinks. Synth allows it only when the published
 *    StatefulSet carries the annotation for exactly this size.
 *
 * The rules themselves (checkScaleInputs, checkDrain, checkShrink) live with the others in
 * `./rules`; this module reads the published manifests and names what the rules return.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';

/**
 * The construct context key under which the app says where it publishes its manifests (set by
 * `synthesize` in `src/_synth.ts`, so `dist/` for `cdk8s synth`): RedisCluster's default
 * publishedManifestsDir.
 */
export const PUBLISHED_MANIFESTS_CONTEXT = 'redis-cluster-cdk8s/publishedManifestsDir';

/** The StatefulSet annotation of a drain: how many pods (the lowest ordinals) keep the cluster. */
export const DRAINED_TO_ANNOTATION = 'redis-cluster-cdk8s/drained-to-pods';

/** What the published manifests run. */
export interface PublishedTopology {
  /** Where they were read from. */
  readonly dir: string;
  /** spec.replicas of the StatefulSet. */
  readonly pods: number;
  /** Masters, from the Job's `--cluster-replicas` and its node list; undefined if not found. */
  readonly shards?: number;
  /** The pods a declared drain keeps, if the published manifests are a drain. */
  readonly drainedTo?: number;
}

type Manifest = { kind?: string; metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> }; spec?: any };

/**
 * Reads the StatefulSet `name` in `namespace` (and its Job) from the `*.yaml` files of `dir`.
 * Undefined when the folder does not exist or holds no such StatefulSet (a first deployment).
 */
export function readPublishedTopology(dir: string, namespace: string, name: string): PublishedTopology | undefined {
  if (!fs.existsSync(dir)) {
    return undefined;
  }
  const objects: Manifest[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    // cdk8s's own reader: the library needs no YAML parser of its own at run time.
    objects.push(...(Yaml.load(path.join(dir, file)) as Manifest[]));
  }
  const inNamespace = (o: Manifest) => (o.metadata?.namespace ?? 'default') === namespace;
  const statefulSet = objects.find((o) => o.kind === 'StatefulSet' && o.metadata?.name === name && inNamespace(o));
  if (!statefulSet) {
    return undefined;
  }
  const pods = Number(statefulSet.spec?.replicas ?? 1);
  const drained = statefulSet.metadata?.annotations?.[DRAINED_TO_ANNOTATION];
  let shards: number | undefined;
  for (const job of objects.filter((o) => o.kind === 'Job' && inNamespace(o))) {
    const args: string[] = job.spec?.template?.spec?.containers?.[0]?.args ?? [];
    if (args[0] === '--cluster-replicas') {
      const end = args.indexOf('--drain');
      const kept = (end < 0 ? args.length : end) - 2;
      shards = kept / (1 + Number(args[1]));
      // A drain's Job lists the masters that stay; the StatefulSet still runs the larger topology.
      if (end >= 0) shards = undefined;
    }
  }
  return { dir, pods, shards, drainedTo: drained === undefined ? undefined : Number(drained) };
}

/** How many pods the StatefulSet runs, and which of them the Job keeps in the cluster. */
export interface ScalePlan {
  /** spec.replicas of the StatefulSet. */
  readonly statefulSetReplicas: number;
  /** The pods (lowest ordinals) that hold the cluster: shards * (1 + replicasPerShard). */
  readonly keptPods: number;
  /** Whether these manifests are a drain (step 1 of a scale in). */
  readonly draining: boolean;
}

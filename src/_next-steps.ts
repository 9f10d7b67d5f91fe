/**
 * What a user has to do after a good synth before the cluster runs, derived from the synthesized
 * objects themselves (so it stays true for any props and any app): the Secrets the pods reference
 * but nobody synthesizes, the StorageClasses the volume claims need, then apply, wait, connect.
 */

/** A synthesized Kubernetes object, as cdk8s renders it (`Chart.toJson()`). */
export interface ManifestObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [key: string]: any;
}

/** The label every object of a Redis Cluster carries (src/_labels.ts). */
const NAME_LABEL = 'app.kubernetes.io/name';
const COMPONENT_LABEL = 'app.kubernetes.io/component';
const CLUSTER_NAME = 'redis-cluster';

/**
 * The next steps as lines to print, or none when the objects hold no Redis Cluster.
 * @param objects every object the app synthesized
 * @param publishDir the folder the manifests were published to, as the user should type it
 */
export function nextSteps(objects: readonly ManifestObject[], publishDir: string): string[] {
  const servers = objects.filter((o) => o.kind === 'StatefulSet' && isCluster(o, 'server'));
  if (servers.length === 0) {
    return [];
  }
  const steps: string[][] = [];

  const synthesizedSecrets = new Set(objects.filter((o) => o.kind === 'Secret').map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`));
  const secrets = uniqueBy(objects.flatMap(secretRefs), (s) => `${s.namespace}/${s.name}`)
    .filter((s) => !synthesizedSecrets.has(`${s.namespace}/${s.name}`));
  if (secrets.length > 0) {
    steps.push([
      'Create the Secret with the password (the manifests refer to it and never hold it):',
      ...unique(secrets.map((s) => s.namespace)).map((ns) => `kubectl create namespace ${ns}   # if it does not exist yet`),
      ...secrets.map((s) => `kubectl -n ${s.namespace} create secret generic ${s.name} ${s.keys.map((k) => `--from-literal=${k}="$(openssl rand -base64 32)"`).join(' ')}`),
    ]);
  }

  const provided = new Set([
    ...objects.filter((o) => o.kind === 'StorageClass').map((o) => o.metadata?.name),
    ...objects.filter((o) => o.kind === 'PersistentVolume').map((o) => o.spec?.storageClassName ?? ''),
  ]);
  const classes = unique(servers.flatMap((s) => (s.spec?.volumeClaimTemplates ?? []) as any[])
    .map((t) => t.spec?.storageClassName)
    .filter((c): c is string => typeof c === 'string' && c !== '' && !provided.has(c)));
  if (classes.length > 0) {
    steps.push([
      `Check that the StorageClass the volume claims ask for exists (${classes.length === 1 ? `it is ${classes[0]}, which many clusters lack` : classes.join(', ')}):`,
      `kubectl get storageclass ${classes.join(' ')}`,
      '# if not, set storage to one that `kubectl get storageclass` lists (with the default app, in values.yaml: storage: { kind: storageClass, storageClassName: <name> }), and synthesize again',
    ]);
  }

  steps.push([
    'Apply the manifests:',
    `kubectl apply -f ${publishDir.replace(/\/*$/, '/')}`,
  ]);

  const jobs = objects.filter((o) => o.kind === 'Job' && isCluster(o, 'init'));
  if (jobs.length > 0) {
    steps.push([
      'Wait until the init Job has formed the cluster:',
      ...jobs.map((j) => `kubectl -n ${j.metadata?.namespace} wait --for=condition=complete job/${j.metadata?.name} --timeout=10m`),
    ]);
  }

  steps.push([
    'Connect:',
    ...servers.map((s) => `kubectl -n ${s.metadata?.namespace} exec -it ${s.metadata?.name}-0 -c redis -- redis-cli -c`),
  ]);

  return ['Next steps:', ...steps.flatMap((lines, i) => [`${i + 1}. ${lines[0]}`, ...lines.slice(1).map((l) => `   ${l}`)])];
}

function isCluster(o: ManifestObject, component: string): boolean {
  const labels = o.metadata?.labels ?? {};
  return labels[NAME_LABEL] === CLUSTER_NAME && (o.spec?.template?.metadata?.labels?.[COMPONENT_LABEL] ?? labels[COMPONENT_LABEL]) === component;
}

interface SecretRef { readonly namespace: string; readonly name: string; readonly keys: string[] }

/** The Secrets (and keys) that the pods of a StatefulSet or Job read through env. */
function secretRefs(o: ManifestObject): SecretRef[] {
  if (o.kind !== 'StatefulSet' && o.kind !== 'Job') {
    return [];
  }
  const podSpec = o.spec?.template?.spec ?? {};
  const containers = [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])] as any[];
  const refs = new Map<string, Set<string>>();
  for (const env of containers.flatMap((c) => (c.env ?? []) as any[])) {
    const ref = env.valueFrom?.secretKeyRef;
    if (ref?.name && ref.optional !== true) {
      refs.set(ref.name, (refs.get(ref.name) ?? new Set()).add(ref.key));
    }
  }
  const namespace = o.metadata?.namespace ?? 'default';
  return [...refs].map(([name, keys]) => ({ namespace, name, keys: [...keys] }));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function uniqueBy<T extends SecretRef>(values: T[], key: (v: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const v of values) {
    const k = key(v);
    const prior = seen.get(k);
    seen.set(k, prior ? { ...prior, keys: unique([...prior.keys, ...v.keys]) } : v);
  }
  return [...seen.values()];
}

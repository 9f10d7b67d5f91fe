/**
 * Two objects of one kind with one name in one namespace are one object to the API server:
 * `kubectl apply` keeps whichever comes last, and the other cluster silently loses its ConfigMap,
 * its Service or its pods. Synth refuses them, naming both construct paths and the prop to change.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { show } from './_errors';

/** Kinds without a namespace: one name per kind in the whole Kubernetes cluster. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass',
  'CustomResourceDefinition', 'IngressClass', 'RuntimeClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
]);

/** The constructs that own a RedisCluster's objects, so that a message can name the prop to change. */
const CLUSTERS = new WeakSet<IConstruct>();

/** Marks `construct` as a RedisCluster, whose collisions are fixed with its props. */
export function markCluster(construct: IConstruct): void {
  CLUSTERS.add(construct);
}

/** Two objects that would be one on the API server. */
export interface ObjectCollision {
  readonly first: ApiObject;
  readonly second: ApiObject;
  /** One line: what collides, both construct paths, and the fix. */
  readonly message: string;
}

/**
 * Every pair of objects under `root` with the same API group, kind, namespace (for namespaced
 * kinds) and name; each later object is paired with the first one of its identity. The version
 * is not part of the identity: `apps/v1` and `apps/v1beta2` objects of one name are one object.
 */
export function objectCollisions(root: IConstruct): ObjectCollision[] {
  const seen = new Map<string, ApiObject>();
  const collisions: ObjectCollision[] = [];
  for (const object of root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
    const key = identity(object);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, object);
    } else {
      collisions.push({ first, second: object, message: describe(first, object) });
    }
  }
  return collisions;
}

function namespaceOf(object: ApiObject): string | undefined {
  // A namespaced object without a namespace goes to kubectl's current namespace: '' stands for it.
  return CLUSTER_SCOPED_KINDS.has(object.kind) ? undefined : object.metadata.namespace ?? '';
}

function identity(object: ApiObject): string {
  const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
  return JSON.stringify([group, object.kind, namespaceOf(object) ?? null, object.name]);
}

/** The RedisCluster an object belongs to, and the id of its part (the first scope under it). */
function owner(object: ApiObject): { cluster: IConstruct; part: string } | undefined {
  const scopes = object.node.scopes;
  for (let i = scopes.length - 2; i >= 0; i--) {
    if (CLUSTERS.has(scopes[i])) return { cluster: scopes[i], part: scopes[i + 1].node.id };
  }
  return undefined;
}

/** The per-object prop that names each part of a RedisCluster (by construct id). */
const PART_NAME_PROPS: Record<string, string> = {
  Config: 'configMapName',
  UsersConfig: 'configMapName',
  HeadlessService: 'headlessServiceName',
  StatefulSet: 'statefulSetName',
  PodDisruptionBudget: 'statefulSetName',
  NetworkPolicy: 'statefulSetName',
  MetricsService: 'statefulSetName',
  ServiceMonitor: 'statefulSetName',
};

/** A name for the name prop, made from a construct id: `Cache2` -> `cache2`. */
function suggestedName(cluster: IConstruct): string {
  const fromId = cluster.node.id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 40).replace(/-+$/, '');
  return fromId === '' || fromId === 'redis' ? 'cache' : fromId;
}

function describe(first: ApiObject, second: ApiObject): string {
  const namespace = namespaceOf(second);
  const where = namespace === undefined ? '' : namespace === '' ? " without a namespace (kubectl's current one)" : ` in namespace ${show(namespace)}`;
  const what = `${second.kind} ${show(second.name)}${where}`;
  const head = `${what} is synthesized twice, by ${first.node.path} and ${second.node.path}: kubectl apply would keep only one of them`;
  const a = owner(first);
  const b = owner(second);
  if (a === undefined && b === undefined) {
    return `${head}: rename one of them`;
  }
  if (a?.part === 'Namespace' || b?.part === 'Namespace') {
    return `${head}: set createNamespace to false on every RedisCluster in it but one (the one that owns the namespace)`;
  }
  if (a?.part === 'NfsProvisioner' || b?.part === 'NfsProvisioner') {
    return `${head}: one NFS provisioner serves every cluster: keep RedisStorage.dynamicNfs() on one RedisCluster and give the others RedisStorage.fromStorageClass({ storageClassName: '<its StorageClass>' }) (in a values file: storage: { kind: storageClass, storageClassName: ... })`;
  }
  const { cluster, part } = (b ?? a)!;
  const own = PART_NAME_PROPS[part] ?? (part.startsWith('ExternalService') ? 'externalServiceName' : undefined);
  return `${head}: give each RedisCluster its own name prop, e.g. name: ${show(suggestedName(cluster))} on ${cluster.node.path}${own ? ` (or set its ${own})` : ''}`;
}

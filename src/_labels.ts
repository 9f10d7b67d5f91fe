/** Kubernetes recommended labels shared by the objects of one Redis Cluster. */
export interface ClusterLabels {
  /** On every object. */
  readonly common: Record<string, string>;
  /** On the Redis pods, and what Services and the StatefulSet select. */
  readonly server: Record<string, string>;
  /** On the init Job and its pod. */
  readonly init: Record<string, string>;
}

/** Labels for a cluster whose StatefulSet is named `instance`. */
export function clusterLabels(instance: string): ClusterLabels {
  const common = {
    'app.kubernetes.io/name': 'redis-cluster',
    'app.kubernetes.io/instance': instance,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
  return {
    common,
    server: { ...selectorOf(common), 'app.kubernetes.io/component': 'server' },
    init: { ...selectorOf(common), 'app.kubernetes.io/component': 'init' },
  };
}

function selectorOf(common: Record<string, string>): Record<string, string> {
  return {
    'app.kubernetes.io/name': common['app.kubernetes.io/name'],
    'app.kubernetes.io/instance': common['app.kubernetes.io/instance'],
  };
}

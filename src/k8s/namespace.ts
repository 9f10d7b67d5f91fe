import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterSpec } from '../cluster/cluster-spec';

/**
 * The Namespace, labelled so that the API server refuses any pod in it that is not "restricted".
 * A function, not a construct of its own: the Namespace's construct id `Namespace` sits directly
 * under the RedisCluster, and construct paths are a contract.
 */
export function createRedisNamespace(scope: Construct, { spec }: { readonly spec: ClusterSpec }): kplus.Namespace {
  const namespace = new kplus.Namespace(scope, 'Namespace', {
    metadata: {
      name: spec.namespace,
      labels: {
        ...spec.labels.common,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.27',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  });
  if (spec.chartNamespace !== undefined) {
    // A Chart's namespace lands on every object in it; a Namespace is cluster-scoped.
    ApiObject.of(namespace).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return namespace;
}

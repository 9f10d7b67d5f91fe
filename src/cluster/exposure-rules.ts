/**
 * Rules about what a RedisCluster takes over or opens to others: the namespace it labels, and the
 * cluster bus it exposes through node ports.
 */
import { show, ValidationError } from '../_errors';
import { checkCidr } from '../_validate';
import { DEFAULTS } from './defaults';

/** Namespaces every Kubernetes cluster has, which other workloads (or the control plane) live in. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * With createNamespace on, `kubectl apply` adopts the namespace and relabels it to enforce the
 * restricted Pod Security level, which can stop other workloads there from being created. So a
 * system namespace is refused, and any namespace but the default needs createNamespace stated:
 * the relabel is a choice, not an accident.
 * @param createNamespaceGiven whether the user set createNamespace (true or false) explicitly
 */
export function checkNamespaceOwnership(namespace: string, createNamespace: boolean, createNamespaceGiven: boolean): void {
  if (!SYSTEM_NAMESPACES.includes(namespace)) {
    if (namespace !== DEFAULTS.namespace && !createNamespaceGiven) {
      throw new ValidationError(`namespace is ${show(namespace)}, and createNamespace is not set: with createNamespace on (its default), kubectl apply labels that namespace to enforce the restricted Pod Security level, and if it already exists (an app's own) other workloads there may then be refused: set createNamespace to true if this cluster owns the namespace, or to false if it exists and you create and label it yourself`);
    }
    return;
  }
  if (namespace !== 'default') {
    throw new ValidationError(`namespace must not be a system namespace, got ${show(namespace)}: the control plane's components live there and Pod Security exempts it: use a namespace of its own, e.g. ${show(DEFAULTS.namespace)}`);
  }
  if (createNamespace) {
    throw new ValidationError(`namespace is "default" while createNamespace is on (its default): kubectl apply would relabel the default namespace to enforce the restricted Pod Security level, and other workloads there could then be refused: use a namespace of its own, e.g. ${show(DEFAULTS.namespace)}, or set createNamespace to false`);
  }
}

/**
 * With a Service per pod, every node announces a bus node port that the other nodes reach through
 * Kubernetes node addresses. The cluster bus has no authentication (anyone who reaches it can join
 * the cluster or take its slots), so its sources are never opened to everyone by default: they must
 * be named, and only with a Service per pod.
 * @returns the warnings: a bus open to every address
 */
export function checkBusSources(externalBusCidrs: readonly string[] | undefined, perPod: boolean): string[] {
  if (!perPod) {
    if (externalBusCidrs !== undefined) {
      throw new ValidationError('externalBusCidrs is set, but externalServicePerPod is not on, so the bus has no node port: remove externalBusCidrs, or set externalServicePerPod to true');
    }
    return [];
  }
  if (externalBusCidrs === undefined || !Array.isArray(externalBusCidrs) || externalBusCidrs.length === 0) {
    throw new ValidationError(`externalServicePerPod needs externalBusCidrs, got ${show(externalBusCidrs)}: each node reaches the others' bus node ports through Kubernetes node addresses, and the cluster bus has no authentication, so it is not open to everyone by default: set externalBusCidrs to your nodes' network, e.g. ['10.0.0.0/16'] (['0.0.0.0/0'] opens it to everyone)`);
  }
  externalBusCidrs.forEach((cidr, i) => checkCidr(`externalBusCidrs[${i}]`, cidr));
  const open = externalBusCidrs.filter((cidr) => /\/0$/.test(cidr));
  return open.length > 0
    ? [`externalBusCidrs includes ${open.join(', ')}: the cluster bus node ports (unauthenticated: whoever reaches them can join the cluster or take its slots) are open to every address. Name your nodes' network instead.`]
    : [];
}

/**
 * Rules for the Kubernetes fields that props pass through to the pod spec unchanged
 * (tolerations, topologySpreadConstraints): the values the API server refuses, checked before
 * anything is written, so that `kubectl apply` does not fail half-way through the manifest.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
 */
import { k8s } from 'cdk8s-plus-27';
import { nearest, show, ValidationError } from '../_errors';
import { checkLabels, MAX_LABEL_LENGTH, MAX_SUBDOMAIN_LENGTH } from '../_validate';

const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const INCLUSION_POLICIES = ['Honor', 'Ignore'];
const TOLERATION_KEYS = ['key', 'operator', 'value', 'effect', 'tolerationSeconds'];
const SPREAD_KEYS = ['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'labelSelector', 'minDomains', 'nodeAffinityPolicy', 'nodeTaintsPolicy', 'matchLabelKeys'];

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label key as the API server reads one: an optional DNS-subdomain prefix and '/', then a name of at most 63. */
function isQualifiedName(key: unknown): boolean {
  if (typeof key !== 'string') return false;
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  const prefixOk = parts.length === 1 || (parts[0].length <= MAX_SUBDOMAIN_LENGTH && DNS_SUBDOMAIN.test(parts[0]));
  return prefixOk && name.length <= MAX_LABEL_LENGTH && QUALIFIED_NAME.test(name);
}

function checkEnum(field: string, value: unknown, allowed: readonly string[], optional: boolean): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    const guess = typeof value === 'string' ? nearest(value, allowed) ?? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
    throw new ValidationError(`${field} must be one of ${allowed.join(', ')} (the API server refuses anything else, case included), got ${show(value)}: ${guess ? `set it to ${show(guess)}` : `pick one of them${optional ? ', or leave it unset' : ''}`}`);
  }
}

function checkObjectKeys(field: string, value: unknown, known: readonly string[], example: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`${field} must be an object, got ${show(value)}: e.g. ${example}`);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      const guess = nearest(key, known);
      throw new ValidationError(`${field} has no field ${show(key)}${guess ? ` (did you mean ${show(guess)}?)` : ''}: ${guess ? `rename it to ${show(guess)}` : `remove it; the fields are ${known.join(', ')}`}`);
    }
  }
  return value as Record<string, unknown>;
}

/**
 * Each toleration is one the API server accepts: a known operator and effect, a value only with
 * Equal, no key only with Exists, tolerationSeconds only with NoExecute.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export function checkTolerations(tolerations: readonly k8s.Toleration[] | undefined): void {
  if (tolerations === undefined) return;
  if (!Array.isArray(tolerations)) {
    throw new ValidationError(`tolerations must be an array, got ${show(tolerations)}: e.g. [{ key: 'redis', operator: 'Exists', effect: 'NoSchedule' }]`);
  }
  tolerations.forEach((t, i) => {
    const field = `tolerations[${i}]`;
    const o = checkObjectKeys(field, t, TOLERATION_KEYS, "{ key: 'redis', operator: 'Exists', effect: 'NoSchedule' }");
    checkEnum(`${field}.operator`, o.operator, TOLERATION_OPERATORS, true);
    checkEnum(`${field}.effect`, o.effect, TAINT_EFFECTS, true);
    const operator = o.operator ?? 'Equal';
    const key = o.key ?? '';
    if (key !== '' && !isQualifiedName(key)) {
      throw new ValidationError(`${field}.key must be a label key (an optional DNS-subdomain prefix and '/', then at most ${MAX_LABEL_LENGTH} letters, digits, '-', '_' or '.'), got ${show(key)}: use the taint's key, e.g. 'dedicated'`);
    }
    if (key === '' && operator !== 'Exists') {
      throw new ValidationError(`${field} has no key, so its operator must be Exists (it then tolerates every taint), got operator ${show(operator)}: set key to the taint's key, or operator to 'Exists'`);
    }
    if (operator === 'Exists' && o.value !== undefined && o.value !== '') {
      throw new ValidationError(`${field}.value must be empty when operator is Exists (it matches any value), got ${show(o.value)}: remove value, or set operator to 'Equal'`);
    }
    if (operator === 'Equal' && o.value !== undefined && (typeof o.value !== 'string' || o.value.length > MAX_LABEL_LENGTH || !LABEL_VALUE.test(o.value))) {
      throw new ValidationError(`${field}.value must be a label value (at most ${MAX_LABEL_LENGTH} letters, digits, '-', '_' or '.'), got ${show(o.value)}: use the taint's value, as a string`);
    }
    if (o.tolerationSeconds !== undefined) {
      if (typeof o.tolerationSeconds !== 'number' || !Number.isInteger(o.tolerationSeconds)) {
        throw new ValidationError(`${field}.tolerationSeconds must be an integer number of seconds, got ${show(o.tolerationSeconds)}: e.g. 300`);
      }
      if (o.effect !== 'NoExecute') {
        throw new ValidationError(`${field}.tolerationSeconds is set, but effect is ${show(o.effect)}; the API server allows it only with effect NoExecute (how long a pod stays on a node tainted NoExecute): set effect to 'NoExecute', or remove tolerationSeconds`);
      }
    }
  });
}

/**
 * Each topology spread constraint is one the API server accepts: maxSkew of at least 1, a topology
 * key, a known whenUnsatisfiable, minDomains only with DoNotSchedule, known inclusion policies,
 * and no two constraints on the same key and whenUnsatisfiable.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export function checkTopologySpreadConstraints(constraints: readonly k8s.TopologySpreadConstraint[] | undefined): void {
  if (constraints === undefined) return;
  if (!Array.isArray(constraints)) {
    throw new ValidationError(`topologySpreadConstraints must be an array, got ${show(constraints)}: e.g. [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }]`);
  }
  const seen = new Set<string>();
  constraints.forEach((c, i) => {
    const field = `topologySpreadConstraints[${i}]`;
    const o = checkObjectKeys(field, c, SPREAD_KEYS, "{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }");
    if (typeof o.maxSkew !== 'number' || !Number.isInteger(o.maxSkew) || o.maxSkew < 1) {
      throw new ValidationError(`${field}.maxSkew must be an integer of at least 1 (the largest allowed difference in pod count between two domains), got ${show(o.maxSkew)}: set it to 1 for the most even spread`);
    }
    if (!isQualifiedName(o.topologyKey)) {
      throw new ValidationError(`${field}.topologyKey must be a node label key, got ${show(o.topologyKey)}: e.g. 'topology.kubernetes.io/zone' or 'kubernetes.io/hostname'`);
    }
    checkEnum(`${field}.whenUnsatisfiable`, o.whenUnsatisfiable, WHEN_UNSATISFIABLE, false);
    if (o.minDomains !== undefined) {
      if (typeof o.minDomains !== 'number' || !Number.isInteger(o.minDomains) || o.minDomains < 1) {
        throw new ValidationError(`${field}.minDomains must be an integer of at least 1, got ${show(o.minDomains)}: set it to the number of domains to spread over, or remove it`);
      }
      if (o.whenUnsatisfiable !== 'DoNotSchedule') {
        throw new ValidationError(`${field}.minDomains is set, but whenUnsatisfiable is ${show(o.whenUnsatisfiable)}; the API server allows minDomains only with DoNotSchedule: set whenUnsatisfiable to 'DoNotSchedule', or remove minDomains`);
      }
    }
    checkEnum(`${field}.nodeAffinityPolicy`, o.nodeAffinityPolicy, INCLUSION_POLICIES, true);
    checkEnum(`${field}.nodeTaintsPolicy`, o.nodeTaintsPolicy, INCLUSION_POLICIES, true);
    if (o.matchLabelKeys !== undefined) {
      if (!Array.isArray(o.matchLabelKeys) || !o.matchLabelKeys.every(isQualifiedName)) {
        throw new ValidationError(`${field}.matchLabelKeys must be an array of label keys, got ${show(o.matchLabelKeys)}: e.g. ['pod-template-hash'], or remove it`);
      }
    }
    if (o.labelSelector !== undefined) {
      const selector = checkObjectKeys(`${field}.labelSelector`, o.labelSelector, ['matchLabels', 'matchExpressions'], "{ matchLabels: { app: 'redis' } }");
      if (selector.matchLabels !== undefined) checkLabels(`${field}.labelSelector.matchLabels`, selector.matchLabels);
    }
    const pair = `${String(o.topologyKey)} ${String(o.whenUnsatisfiable)}`;
    if (seen.has(pair)) {
      throw new ValidationError(`${field} repeats topologyKey ${show(o.topologyKey)} with whenUnsatisfiable ${show(o.whenUnsatisfiable)}, which the API server refuses (one constraint per key and mode): merge the two`);
    }
    seen.add(pair);
  });
}

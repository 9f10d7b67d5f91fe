/**
 * The cross-prop rules of a RedisCluster, one named function each. `resolve` runs them in a fixed
 * order: the first error wins, so the order is part of the behaviour.
 */
import { k8s } from 'cdk8s-plus-27';
import { show, ValidationError } from '../_errors';
import {
  checkBoolean, checkCidr, checkDnsLabel, checkDnsSubdomain, checkDuration, checkImage, checkInteger, checkKnownKeys, checkLabels,
  checkPort, checkQuantity, checkSecretKey, checkServiceName, MAX_LABEL_LENGTH, MAX_SUBDOMAIN_LENGTH,
} from '../_validate';
import { DEFAULTS, LIMITS } from './defaults';
import { PROP_NAMES, RedisClusterProps } from './props';
import { planScale, readPublishedTopology, ScalePlan } from './scale';
import { ServerFlavour, serverFlavour } from '../config/server-flavour';
import { AuthSecretRef } from '../k8s/_pod-security';
import { RedisStorage } from '../storage/storage';

/** Props must be an object with known keys only (a typo from JSON or YAML). */
export function checkPropsShape(props: unknown): asserts props is RedisClusterProps {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw new ValidationError(`RedisCluster props must be an object, got ${show(props)}: e.g. { shards: 3 }`);
  }
  checkKnownKeys('RedisCluster', props, PROP_NAMES);
}

/** Redis Cluster needs 3 masters, at most 5 replicas each, and at most 1000 nodes; returns the node count. */
export function checkTopology(shards: number, replicasPerShard: number): number {
  checkInteger('shards', shards, { min: LIMITS.minShards, reason: `Redis Cluster needs ${LIMITS.minShards} masters` },
    `set shards to ${LIMITS.minShards} or more`);
  checkInteger('replicasPerShard', replicasPerShard, {
    min: 0,
    max: LIMITS.maxReplicasPerShard,
    reason: `each replica is a full copy that every write is streamed to; more than ${LIMITS.maxReplicasPerShard} adds cost, not availability`,
  }, 'set replicasPerShard to 1 for one replica per master');
  const nodes = shards * (1 + replicasPerShard);
  if (nodes > LIMITS.maxNodes) {
    throw new ValidationError(`shards * (1 + replicasPerShard) must be at most ${LIMITS.maxNodes} nodes, the size Redis Cluster is designed for, got ${shards} * (1 + ${replicasPerShard}) = ${nodes}: lower shards or replicasPerShard`);
  }
  return nodes;
}

/**
 * The resize rules: what the StatefulSet runs and which pods the cluster keeps, checked against the
 * manifests last published (see `./scale`). `publishedDir` is the prop or, failing it, the app's
 * construct context.
 */
export function checkScale(shards: number, replicasPerShard: number, drain: unknown, publishedDir: unknown,
  namespace: string, statefulSetName: string): ScalePlan {
  checkBoolean('drain', drain);
  if (publishedDir !== undefined && typeof publishedDir !== 'string') {
    throw new ValidationError(`publishedManifestsDir must be a folder path, got ${show(publishedDir)}: e.g. 'dist'`);
  }
  const published = publishedDir === undefined ? undefined : readPublishedTopology(publishedDir, namespace, statefulSetName);
  return planScale(shards, replicasPerShard, drain as boolean, published);
}

/** The image is pinned, and runs Redis 7.0 or later (or Valkey); returns what it runs. */
export function checkServerImage(image: string): ServerFlavour | undefined {
  const imageRef = checkImage('image', image);
  const flavour = serverFlavour(imageRef.repository, imageRef.tag);
  const [minMajor, minMinor] = LIMITS.minRedisVersion;
  if (flavour?.product === 'redis' && flavour.version
    && (flavour.version[0] < minMajor || (flavour.version[0] === minMajor && flavour.version[1] < minMinor))) {
    throw new ValidationError(`image must run Redis ${minMajor}.${minMinor} or later, got ${show(image)} (Redis ${flavour.version.join('.')}), which lacks cluster-port, hostname endpoints and the directive names used here: use e.g. ${show(DEFAULTS.image)}`);
  }
  return flavour;
}

/** The names that become DNS names and labels. */
export interface NameInputs {
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly statefulSetName: string;
  readonly headlessServiceName: string;
  readonly externalServiceName: string;
  readonly configMapName: string;
  readonly withExternalService: boolean;
  readonly lastPod: string;
  readonly lastFqdn: string;
}

/** Every name is a valid DNS label or subdomain, and the longest pod hostname and FQDN fit. */
export function checkNames(n: NameInputs): void {
  checkDnsLabel('namespace', n.namespace, "it names the Namespace and is part of every pod's DNS name");
  checkDnsSubdomain('clusterDomain', n.clusterDomain, "the last part of every pod's DNS name, without a trailing dot", true);
  checkDnsLabel('statefulSetName', n.statefulSetName, "pod hostnames are '<statefulSetName>-<ordinal>'");
  if (n.lastPod.length > MAX_LABEL_LENGTH) {
    throw new ValidationError(`statefulSetName makes pod hostnames too long: the last pod, ${show(n.lastPod)}, has ${n.lastPod.length} characters and a hostname holds at most ${MAX_LABEL_LENGTH}: shorten statefulSetName to ${LIMITS.maxStatefulSetNameLength} characters or fewer`);
  }
  if (n.statefulSetName.length > LIMITS.maxStatefulSetNameLength) {
    throw new ValidationError(`statefulSetName must be at most ${LIMITS.maxStatefulSetNameLength} characters, got ${show(n.statefulSetName)} (${n.statefulSetName.length}): the StatefulSet controller labels each pod '<name>-<10-character hash>', a label value holds at most 63 characters, and a longer name creates no pods: shorten it`);
  }
  checkServiceName('headlessServiceName', n.headlessServiceName);
  if (n.withExternalService) {
    checkServiceName('externalServiceName', n.externalServiceName);
    if (n.externalServiceName === n.headlessServiceName) {
      throw new ValidationError(`externalServiceName and headlessServiceName must differ, both are ${show(n.headlessServiceName)}: one Service would replace the other on apply: rename one of them`);
    }
  }
  checkDnsSubdomain('configMapName', n.configMapName, 'it names the ConfigMap');
  if (n.lastFqdn.length > MAX_SUBDOMAIN_LENGTH) {
    throw new ValidationError(`pod DNS names must be at most ${MAX_SUBDOMAIN_LENGTH} characters, but the last pod's is ${n.lastFqdn.length} (${show(n.lastFqdn)}): shorten statefulSetName, headlessServiceName, namespace or clusterDomain`);
  }
}

/** The client and bus ports are valid and differ; a node port is in range and used. */
export function checkPorts(
  clientPort: number, busPort: number, busPortGiven: boolean, nodePort: number | undefined, withExternalService: boolean,
): void {
  checkPort('clientPort', clientPort);
  if (!busPortGiven && busPort > 65535) {
    throw new ValidationError(`busPort defaults to clientPort + ${DEFAULTS.busPortOffset} = ${busPort}, above 65535: set busPort explicitly, e.g. to ${clientPort - DEFAULTS.busPortOffset}`);
  }
  checkPort('busPort', busPort);
  if (busPort === clientPort) {
    throw new ValidationError(`busPort must differ from clientPort, both are ${clientPort}: Redis listens on both; leave busPort unset for clientPort + ${DEFAULTS.busPortOffset}`);
  }
  if (nodePort !== undefined) {
    checkInteger('nodePort', nodePort, { min: LIMITS.minNodePort, max: LIMITS.maxNodePort, reason: "Kubernetes' NodePort range" },
      'pick a free port in that range, or leave nodePort unset to let Kubernetes pick one');
    if (!withExternalService) {
      throw new ValidationError(`nodePort is ${nodePort}, but externalService is false, so no Service would use it: remove nodePort, or set externalService to true`);
    }
  }
}

/** The flags are booleans; the auth Secret is valid and only named with auth on; no open NodePort without auth. */
export function checkAuth(props: RedisClusterProps, auth: boolean, authRef: AuthSecretRef | undefined, withExternalService: boolean): void {
  checkBoolean('auth', auth);
  for (const flag of ['allowUnauthenticatedExternalAccess', 'networkPolicy', 'externalServicePerPod', 'podDisruptionBudget', 'metrics', 'serviceMonitor'] as const) {
    if (props[flag] !== undefined) checkBoolean(flag, props[flag]);
  }
  if (authRef) {
    checkDnsSubdomain('authSecretName', authRef.secretName, 'it names a Secret');
    checkSecretKey('authSecretKey', authRef.secretKey);
  } else if (props.authSecretName !== undefined || props.authSecretKey !== undefined) {
    throw new ValidationError('authSecretName/authSecretKey are set, but auth is false, so no Secret is read: remove them, or set auth to true');
  }
  if (!auth && withExternalService && !props.allowUnauthenticatedExternalAccess) {
    throw new ValidationError('auth is false while externalService is on: anyone who reaches a Kubernetes node could read and wipe the data. '
      + 'Keep auth on, set externalService to false, or set allowUnauthenticatedExternalAccess to true to accept the risk');
  }
}

/** The client label selector is not empty, and the outside CIDRs are CIDRs. */
export function checkNetworkSources(clientPodLabels: Record<string, string>, externalClientCidrs: readonly string[]): void {
  checkLabels('clientPodLabels', clientPodLabels, { nonEmpty: 'an empty selector would admit every pod in every namespace; name the label your clients carry' });
  if (!Array.isArray(externalClientCidrs) || externalClientCidrs.length === 0) {
    throw new ValidationError(`externalClientCidrs must list at least one CIDR, got ${show(externalClientCidrs)}: e.g. ['10.0.0.0/8'], or set externalService to false`);
  }
  externalClientCidrs.forEach((cidr, i) => checkCidr(`externalClientCidrs[${i}]`, cidr));
}

/** With a Service per pod, both node port bases are set, and every pod's ports fit the range without overlapping. */
export function checkNodePorts(props: RedisClusterProps, perPod: boolean, withExternalService: boolean, nodes: number): void {
  if (props.busNodePort !== undefined && !perPod) {
    throw new ValidationError(`busNodePort is ${props.busNodePort}, but externalServicePerPod is not on, so no Service would use it: remove busNodePort, or set externalServicePerPod to true`);
  }
  if (props.externalServicePerPod && !withExternalService) {
    throw new ValidationError('externalServicePerPod is true, but externalService is false: set externalService to true (or leave it unset), or remove externalServicePerPod');
  }
  if (!perPod) return;
  if (props.nodePort === undefined || props.busNodePort === undefined) {
    throw new ValidationError(`externalServicePerPod needs nodePort and busNodePort (the first node ports; pod N uses base + N), got nodePort=${show(props.nodePort)} busNodePort=${show(props.busNodePort)}: set both`);
  }
  checkInteger('busNodePort', props.busNodePort, { min: LIMITS.minNodePort, max: LIMITS.maxNodePort, reason: "Kubernetes' NodePort range" }, 'pick a free port in that range');
  for (const [field, base] of [['nodePort', props.nodePort], ['busNodePort', props.busNodePort]] as const) {
    if (base + nodes - 1 > LIMITS.maxNodePort) {
      throw new ValidationError(`${field} ${base} + ${nodes - 1} (the last pod's) is above ${LIMITS.maxNodePort}, the end of Kubernetes' NodePort range: set ${field} to ${LIMITS.maxNodePort - nodes + 1} or less`);
    }
  }
  if (Math.abs(props.nodePort - props.busNodePort) < nodes) {
    throw new ValidationError(`nodePort ${props.nodePort} and busNodePort ${props.busNodePort} give overlapping ranges for ${nodes} pods (each uses base + ordinal): set them at least ${nodes} apart, e.g. busNodePort ${props.nodePort + nodes}`);
  }
}

/** Metrics settings need metrics on; the exporter's port is free, its image pinned. */
export function checkMetrics(props: RedisClusterProps, metrics: boolean, metricsPort: number, clientPort: number, busPort: number): void {
  for (const name of ['metricsExporterImage', 'metricsPort', 'serviceMonitorLabels', 'serviceMonitorInterval'] as const) {
    if (props[name] !== undefined && !metrics) {
      throw new ValidationError(`${name} is set, but metrics is false, so there is no exporter: set metrics to true, or remove ${name}`);
    }
  }
  if ((props.serviceMonitor ?? false) && !metrics) {
    throw new ValidationError('serviceMonitor is true but metrics is false: a ServiceMonitor needs the metrics exporter; set metrics to true');
  }
  if (!metrics) return;
  checkPort('metricsPort', metricsPort);
  if (metricsPort === clientPort || metricsPort === busPort) {
    throw new ValidationError(`metricsPort must differ from clientPort and busPort, got ${metricsPort}: leave it unset for ${DEFAULTS.metricsPort}`);
  }
  checkImage('metricsExporterImage', props.metricsExporterImage ?? DEFAULTS.metricsExporterImage);
  checkLabels('serviceMonitorLabels', props.serviceMonitorLabels ?? {});
  checkDuration('serviceMonitorInterval', props.serviceMonitorInterval ?? DEFAULTS.serviceMonitorInterval);
}

/** The node selector is labels, the PriorityClass a name. */
export function checkPlacement(nodeSelector: Record<string, string> | undefined, priorityClassName: string | undefined): void {
  if (nodeSelector !== undefined) checkLabels('nodeSelector', nodeSelector);
  if (priorityClassName !== undefined) checkDnsSubdomain('priorityClassName', priorityClassName, 'it names a PriorityClass');
}

/** The kubelet kills the pod when the grace period ends, so the preStop hand-over must end first. */
export function checkStopTimings(preStopTimeoutSeconds: number, terminationGracePeriodSeconds: number): void {
  checkInteger('preStopTimeoutSeconds', preStopTimeoutSeconds, { min: 1 }, `set it to e.g. ${DEFAULTS.preStopTimeoutSeconds}`);
  checkInteger('terminationGracePeriodSeconds', terminationGracePeriodSeconds, { min: 1 }, `set it to e.g. ${DEFAULTS.terminationGracePeriodSeconds}`);
  if (terminationGracePeriodSeconds <= preStopTimeoutSeconds) {
    throw new ValidationError(`terminationGracePeriodSeconds must be longer than preStopTimeoutSeconds (${preStopTimeoutSeconds}), got ${terminationGracePeriodSeconds}: `
      + `set it to ${preStopTimeoutSeconds + 10} or more`);
  }
}

/** storage was made by a RedisStorage factory. */
export function checkStorage(storage: unknown): asserts storage is RedisStorage {
  if (!(storage instanceof RedisStorage)) {
    throw new ValidationError(`storage must be made with a RedisStorage factory (fromStorageClass, dynamicNfs, staticNfs, ephemeral), got ${show(storage)}: e.g. storage: RedisStorage.fromStorageClass({ size: '1Gi' })`);
  }
}

/** Container resources, and the memory limit in bytes for the maxmemory rule. */
export interface CheckedResources {
  readonly resources: k8s.ResourceRequirements;
  readonly memoryLimit?: { readonly text: string; readonly bytes: number };
}

/** Requests and limits are quantities, and no request exceeds its limit (Kubernetes rejects the pod). */
export function checkResources(
  cpuRequest: string, memoryRequest: string, cpuLimitText: string | undefined, memoryLimitText: string | undefined,
): CheckedResources {
  const requests = {
    cpu: checkQuantity('cpuRequest', cpuRequest, 'cpu'),
    memory: checkQuantity('memoryRequest', memoryRequest, 'memory'),
  };
  const limits: Record<string, k8s.Quantity> = {};
  if (cpuLimitText !== undefined) {
    const cpuLimit = checkQuantity('cpuLimit', cpuLimitText, 'cpu');
    if (requests.cpu > cpuLimit) {
      throw new ValidationError(`cpuRequest ${show(cpuRequest)} must not exceed cpuLimit ${show(cpuLimitText)} (Kubernetes rejects the pod): lower cpuRequest or raise cpuLimit`);
    }
    limits.cpu = k8s.Quantity.fromString(cpuLimitText);
  }
  let memoryLimit: { text: string; bytes: number } | undefined;
  if (memoryLimitText !== undefined) {
    memoryLimit = { text: memoryLimitText, bytes: checkQuantity('memoryLimit', memoryLimitText, 'memory') };
    if (requests.memory > memoryLimit.bytes) {
      throw new ValidationError(`memoryRequest ${show(memoryRequest)} must not exceed memoryLimit ${show(memoryLimitText)} (Kubernetes rejects the pod): lower memoryRequest or raise memoryLimit`);
    }
    limits.memory = k8s.Quantity.fromString(memoryLimitText);
  }
  return {
    resources: {
      requests: { cpu: k8s.Quantity.fromString(cpuRequest), memory: k8s.Quantity.fromString(memoryRequest) },
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
    },
    memoryLimit,
  };
}

/** Failure detection is not too twitchy, and the init Job's wait ends before its deadline. */
export function checkTimings(clusterNodeTimeoutMs: number, initWaitTimeoutSeconds: number): void {
  checkInteger('clusterNodeTimeoutMs', clusterNodeTimeoutMs, {
    min: LIMITS.minClusterNodeTimeoutMs,
    reason: 'shorter timeouts start a failover on every pause or network blip',
  }, `set clusterNodeTimeoutMs to ${LIMITS.minClusterNodeTimeoutMs} or more (the default is ${DEFAULTS.clusterNodeTimeoutMs})`);
  checkInteger('initWaitTimeoutSeconds', initWaitTimeoutSeconds, {
    min: 1,
    max: DEFAULTS.initActiveDeadlineSeconds - 1,
    reason: `the wait must end before the init Job's ${DEFAULTS.initActiveDeadlineSeconds}s deadline, or the Job is killed without saying what it waited for`,
  }, `set initWaitTimeoutSeconds to e.g. ${DEFAULTS.initWaitTimeoutSeconds}`);
}

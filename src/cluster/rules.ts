/**
 * The cross-prop rules of a RedisCluster, one named function each. `resolve` runs them in a fixed
 * order and reports every error, one line each: the order of the lines is part of the behaviour.
 */
import { k8s } from 'cdk8s-plus-27';
import { show, ValidationError } from '../_errors';
import {
  checkBoolean, checkCidr, checkDnsLabel, checkDnsSubdomain, checkDuration, checkImage, checkInteger, checkKnownKeys, checkLabels,
  checkPort, checkQuantity, checkSecretKey, checkServiceName, MAX_LABEL_LENGTH, MAX_SUBDOMAIN_LENGTH,
} from '../_validate';
import { DEFAULTS, LIMITS } from './defaults';
import { PROP_NAMES, RedisClusterProps } from './props';
import { PublishedTopology, ScalePlan } from './scale';
import { ACL_CATEGORIES, INTERNAL_USER_NAMES, INTERNAL_USERS_FIELDS, InternalUsers, RedisUser, USER_FIELDS } from './users';
import { ServerIdentity, serverFlavour, serverLabel } from '../config/server-flavour';
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

/** `drain` is a boolean and `publishedManifestsDir` (the prop or the app's context) a folder path. */
export function checkScaleInputs(drain: unknown, publishedDir: unknown): void {
  checkBoolean('drain', drain);
  if (publishedDir !== undefined && typeof publishedDir !== 'string') {
    throw new ValidationError(`publishedManifestsDir must be a folder path, got ${show(publishedDir)}: e.g. 'dist'`);
  }
}

const wantedPods = (shards: number, replicasPerShard: number) =>
  `shards * (1 + replicasPerShard) = ${shards} * (1 + ${replicasPerShard}) = ${shards * (1 + replicasPerShard)} pods`;

/**
 * A declared drain (step 1 of a scale in) needs the published manifests, keeps the StatefulSet at
 * their size and only removes: fewer pods, no more masters. Returns the drain's plan.
 */
export function checkDrain(shards: number, replicasPerShard: number, published: PublishedTopology | undefined): ScalePlan {
  const nodes = shards * (1 + replicasPerShard);
  if (!published) {
    throw new ValidationError('drain is true, but there are no published manifests to drain (publishedManifestsDir is unset or holds no StatefulSet of this cluster): '
      + 'drain is step 1 of a scale in from the manifests last applied; set publishedManifestsDir to their folder (e.g. \'dist\'), or remove drain');
  }
  if (nodes >= published.pods) {
    throw new ValidationError(`drain is true, but ${wantedPods(shards, replicasPerShard)} is not fewer than the ${published.pods} pods that the published manifests (${published.dir}) run: there is nothing to drain; remove drain`);
  }
  if (published.shards !== undefined && shards > published.shards) {
    throw new ValidationError(`drain is true with shards ${shards}, more than the ${published.shards} masters of the published manifests (${published.dir}): a drain only removes; `
      + `add masters first (shards ${shards} with the current replicasPerShard, applied), then drain to fewer replicas`);
  }
  return { statefulSetReplicas: published.pods, keptPods: nodes, draining: true };
}

/**
 * The StatefulSet deletes its highest ordinals, slots and keys with them, the moment it shrinks:
 * without `drain`, it may run fewer pods than the published manifests only when those drained
 * exactly the pods that go. Returns the plan (scale out, no change, or step 2 of a scale in).
 */
export function checkShrink(shards: number, replicasPerShard: number, published: PublishedTopology | undefined): ScalePlan {
  const nodes = shards * (1 + replicasPerShard);
  if (published && nodes < published.pods && published.drainedTo !== nodes) {
    const drained = published.drainedTo === undefined
      ? 'they declare no drain'
      : `they drained to ${published.drainedTo} pods, not ${nodes}`;
    throw new ValidationError(`${wantedPods(shards, replicasPerShard)} is fewer than the ${published.pods} pods that the published manifests (${published.dir}) run, and ${drained}: `
      + `shrinking the StatefulSet deletes pods ${nodes} to ${published.pods - 1} at once, with their slots and keys. Scale in takes two applies: `
      + 'first set drain: true with these shards and replicasPerShard, synth, apply, and wait for the Job to complete; then remove drain, synth and apply');
  }
  return { statefulSetReplicas: nodes, keptPods: nodes, draining: false };
}

const SERVER_DECLARATION_FIELDS = ['product', 'version'];
const SERVER_EXAMPLE = "server: { product: 'valkey', version: '8.1' }";

/** The `server` prop, when given, is a product and a major.minor version; returns it parsed. */
export function checkServerDeclaration(server: unknown): ServerIdentity | undefined {
  if (server === undefined) return undefined;
  if (server === null || typeof server !== 'object' || Array.isArray(server)) {
    throw new ValidationError(`server must be an object naming the product and major.minor version the image runs, got ${show(server)}: e.g. ${SERVER_EXAMPLE}`);
  }
  checkKnownKeys('server', server, SERVER_DECLARATION_FIELDS);
  const { product, version } = server as Record<string, unknown>;
  if (product !== 'redis' && product !== 'valkey') {
    throw new ValidationError(`server.product must be 'redis' or 'valkey', got ${show(product)}: name the server the image runs (an image of another server that speaks the Redis protocol: the Redis or Valkey release it is compatible with)`);
  }
  const m = typeof version === 'string' ? /^(\d+)\.(\d+)(\.\d+)?$/.exec(version) : null;
  if (!m || m[3] !== undefined) {
    const minor = m ? `${m[1]}.${m[2]}` : undefined;
    throw new ValidationError(`server.version must be the major.minor version the image runs, as a string, got ${show(version)}: ${minor ? `write '${minor}'` : `e.g. ${SERVER_EXAMPLE}`}`);
  }
  return { product, version: [Number(m[1]), Number(m[2])], source: 'declared' };
}

/**
 * The image is pinned, its server known (from its name and tag, or the `server` prop, agreeing
 * when both are given) and Redis 7.0 or later (or Valkey); returns the server it runs.
 */
export function checkServerImage(image: string, declared: ServerIdentity | undefined, allowMovingTags: boolean): ServerIdentity {
  const imageRef = checkImage('image', image, { allowMovingTag: allowMovingTags, optOut: 'allowMovingImageTags', example: DEFAULTS.image });
  const named = serverFlavour(imageRef.repository, imageRef.tag);
  const fromName = named?.version ? { product: named.product, version: named.version } : undefined;
  if (fromName && declared && (fromName.product !== declared.product || fromName.version.join('.') !== declared.version.join('.'))) {
    throw new ValidationError(`server says ${serverLabel(declared.product, declared.version)}, but image ${show(image)} names ${serverLabel(fromName.product, fromName.version)}: `
      + `correct server to { product: '${fromName.product}', version: '${fromName.version.join('.')}' }, or remove it (the image's name says which server it runs), or correct the image`);
  }
  const server: ServerIdentity | undefined = fromName ? { ...fromName, source: 'image' } : declared;
  if (!server) {
    const product = named ? (named.product === 'redis' ? 'Redis' : 'Valkey') : undefined;
    const what = product && imageRef.tag === undefined ? `${product}, but a digest names no version`
      : product ? `${product}, but its tag ${show(imageRef.tag)} does not say which version`
        : `a server its name (${show(imageRef.repository)}) does not reveal`;
    throw new ValidationError(`image ${show(image)} runs ${what}, so the version gates (Redis ${LIMITS.minRedisVersion.join('.')} or later) and the per-release directive checks cannot apply: `
      + `declare the server the image runs, e.g. ${named ? `server: { product: '${named.product}', version: '${named.product === 'redis' ? '8.0' : '8.1'}' }` : SERVER_EXAMPLE}`);
  }
  const [minMajor, minMinor] = LIMITS.minRedisVersion;
  const [major, minor] = server.version;
  const from = server.source === 'declared' ? `server declares ${serverLabel(server.product, server.version)}` : `Redis ${server.version.join('.')}`;
  if (server.product === 'redis' && (major < minMajor || (major === minMajor && minor < minMinor))) {
    throw new ValidationError(`image must run Redis ${minMajor}.${minMinor} or later, got ${show(image)} (${from}), which lacks cluster-port, hostname endpoints and the directive names used here: use e.g. ${show(DEFAULTS.image)}`);
  }
  if (server.product === 'valkey' && (major < 7 || (major === 7 && minor < 2))) {
    throw new ValidationError(`image must run Valkey 7.2 or later (Valkey's first release), got ${show(image)} (${server.source === 'declared' ? from : `Valkey ${server.version.join('.')}`}): use e.g. ${show(DEFAULTS.image)}`);
  }
  return server;
}

/** The names derived from the name prop that it does not override, for checkReleaseName. */
export interface DerivedNames {
  readonly name: string;
  /** Whether the StatefulSet is `<name>` (statefulSetName unset). */
  readonly statefulSet: boolean;
  readonly headlessService?: string;
  /** The NodePort Service, or with a Service per pod the last pod's. */
  readonly externalService?: string;
  readonly initJob: string;
  /** Pods of the StatefulSet. */
  readonly nodes: number;
}

/**
 * Every name made from the name prop (a DNS-1035 label, checked first) fits its limit: the StatefulSet's
 * 52, and 63 for pod hostnames, Services, the client label key and the Job (a label value). The
 * message names the longest derived name and how short name must be.
 */
export function checkReleaseName(d: DerivedNames): void {
  const made: { what: string; value: string; max: number; why: string }[] = [];
  if (d.statefulSet) {
    made.push({ what: 'the StatefulSet', value: d.name, max: LIMITS.maxStatefulSetNameLength, why: "the StatefulSet controller labels each pod '<name>-<10-character hash>', and a label value holds at most 63" });
    made.push({ what: 'the last pod', value: `${d.name}-${d.nodes - 1}`, max: MAX_LABEL_LENGTH, why: 'a hostname holds at most 63' });
    made.push({ what: 'the client label key', value: `${d.name}${DEFAULTS.clientLabelSuffix}`, max: MAX_LABEL_LENGTH, why: 'a label key name holds at most 63' });
    made.push({ what: 'the metrics Service', value: `${d.name}${DEFAULTS.metricsServiceSuffix}`, max: MAX_LABEL_LENGTH, why: 'a Service name holds at most 63' });
  }
  if (d.headlessService !== undefined) made.push({ what: 'the headless Service', value: d.headlessService, max: MAX_LABEL_LENGTH, why: 'a Service name holds at most 63' });
  if (d.externalService !== undefined) made.push({ what: 'the NodePort Service', value: d.externalService, max: MAX_LABEL_LENGTH, why: 'a Service name holds at most 63' });
  made.push({ what: 'the init Job', value: d.initJob, max: LIMITS.maxJobNameLength, why: "the Job labels its pods 'job-name: <name>', and a label value holds at most 63" });
  const tooLong = made.filter((m) => m.value.length > m.max);
  if (tooLong.length === 0) return;
  const maxName = Math.min(...made.map((m) => m.max - (m.value.length - d.name.length)));
  const worst = tooLong.sort((x, y) => (y.value.length - y.max) - (x.value.length - x.max))[0];
  throw new ValidationError(`name must be at most ${maxName} characters here, got ${show(d.name)} (${d.name.length}): it makes ${worst.what} ${show(worst.value)}, ${worst.value.length} characters, more than ${worst.max} (${worst.why}): shorten name to ${maxName} characters or fewer`);
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
  /** With a Service per pod: the last pod's NodePort Service, `<externalServiceName>-<ordinal>`. */
  readonly lastExternalService?: string;
  /** Props the names come from, for the fix of a too long DNS name. */
  readonly fqdnFields?: string;
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
    if (n.lastExternalService !== undefined && n.lastExternalService.length > MAX_LABEL_LENGTH) {
      const max = MAX_LABEL_LENGTH - (n.lastExternalService.length - n.externalServiceName.length);
      throw new ValidationError(`externalServiceName makes the per-pod Service names too long: the last pod's, ${show(n.lastExternalService)}, has ${n.lastExternalService.length} characters and a Service name holds at most ${MAX_LABEL_LENGTH}: shorten externalServiceName to ${max} characters or fewer`);
    }
  }
  checkDnsSubdomain('configMapName', n.configMapName, 'it names the ConfigMap');
  if (n.lastFqdn.length > MAX_SUBDOMAIN_LENGTH) {
    throw new ValidationError(`pod DNS names must be at most ${MAX_SUBDOMAIN_LENGTH} characters, but the last pod's is ${n.lastFqdn.length} (${show(n.lastFqdn)}): shorten ${n.fqdnFields ?? 'statefulSetName, headlessServiceName'}, namespace or clusterDomain`);
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
  checkImage('metricsExporterImage', props.metricsExporterImage ?? DEFAULTS.metricsExporterImage,
    { allowMovingTag: props.allowMovingImageTags === true, optOut: 'allowMovingImageTags', example: DEFAULTS.metricsExporterImage });
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

/** A user name: one ACL token. */
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A command, or command|subcommand, as ACL rules name them. */
const ACL_COMMAND = /^[a-z][a-z0-9_-]*(\|[a-z0-9_-]+)?$/;
/** A key or channel pattern: one ACL token, so no whitespace and no control characters. */
const ACL_PATTERN = /^[^\s\x00-\x1f\x7f]+$/;

/** `defaultUser` and `internalUsers` only mean something with `users`. */
export function checkUsersPropsUsed(props: RedisClusterProps): void {
  if (props.users !== undefined) return;
  for (const name of ['defaultUser', 'internalUsers'] as const) {
    if (props[name] !== undefined) {
      throw new ValidationError(`${name} is set, but users is not, so there are no ACL users: set users (e.g. to []), or remove ${name}`);
    }
  }
}

/** ACL users replace the single password, so they need the Secret-backed auth to be on. */
export function checkUsersNeedAuth(authRef: AuthSecretRef | undefined): asserts authRef is AuthSecretRef {
  if (!authRef) {
    throw new ValidationError('users is set, but auth is false: without a password the default user lets anyone in with every permission, which defeats the users: keep auth on (set defaultUser to false to turn the default user off)');
  }
}

/** users is a list, and defaultUser a boolean. */
export function checkUsersShape(users: unknown, defaultUser: unknown): asserts users is readonly unknown[] {
  if (!Array.isArray(users)) {
    throw new ValidationError(`users must be a list of users, got ${show(users)}: e.g. [RedisUsers.readWriteApp('app', 'redis-app-user', { keys: ['app:*'] })]`);
  }
  if (typeof defaultUser !== 'boolean') {
    throw new ValidationError(`defaultUser must be true or false, got ${show(defaultUser)}: set it to false to turn the default user off`);
  }
}

/** internalUsers is an object of known fields naming a Secret; exporterKeys needs the exporter. */
export function checkInternalUsers(value: unknown, metrics: boolean): InternalUsers {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`internalUsers must be an object, got ${show(value)}: e.g. { secretName: '${DEFAULTS.internalUsersSecretName}' }`);
  }
  checkKnownKeys('internalUsers', value, INTERNAL_USERS_FIELDS);
  const internal = value as InternalUsers;
  if (internal.secretName !== undefined) checkDnsSubdomain('internalUsers.secretName', internal.secretName, 'it names a Secret');
  if (internal.exporterKeys !== undefined && !metrics) {
    throw new ValidationError('internalUsers.exporterKeys is set, but metrics is false, so there is no exporter user: set metrics to true, or remove exporterKeys');
  }
  return internal;
}

/** One or two distinct Secret keys: the password, or the old and the new one during a rotation. */
export function checkPasswordKeys(field: string, keys: unknown): readonly string[] {
  if (!Array.isArray(keys) || keys.length < 1 || keys.length > 2) {
    throw new ValidationError(`${field} must list one Secret key, or two (the old and the new) during a rotation, got ${show(keys)}: e.g. ['password'] or ['password', 'password-next']`);
  }
  keys.forEach((k, i) => checkSecretKey(`${field}[${i}]`, k));
  if (keys.length === 2 && keys[0] === keys[1]) {
    throw new ValidationError(`${field} lists ${show(keys[0])} twice: during a rotation list the old key and the new one, e.g. ['password', 'password-next']`);
  }
  return keys as string[];
}

/** users[i] is a user object with a valid name, known fields, a Secret, its keys and some permission; returns its keys. */
export function checkUser(i: number, user: unknown): { readonly user: RedisUser; readonly passwordKeys: readonly string[] } {
  if (user === null || typeof user !== 'object' || Array.isArray(user)) {
    throw new ValidationError(`users[${i}] must be a user object, got ${show(user)}: e.g. RedisUsers.readOnlyApp('reader', 'redis-reader', { keys: ['app:*'] })`);
  }
  const u = user as RedisUser;
  checkUserName(i, u.name);
  const where = `users[${i}] (${u.name})`;
  checkKnownKeys(where, u, USER_FIELDS);
  checkDnsSubdomain(`${where}.secretName`, u.secretName, 'it names the Secret holding the password');
  const passwordKeys = checkPasswordKeys(`${where}.passwordKeys`, u.passwordKeys ?? [DEFAULTS.userPasswordKey]);
  checkUserRules(where, u);
  return { user: u, passwordKeys };
}

/** A name Redis accepts as one token, and not one the cluster reserves for itself. */
export function checkUserName(i: number, name: unknown): void {
  if (typeof name !== 'string' || !USER_NAME.test(name)) {
    throw new ValidationError(`users[${i}].name must be 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit, got ${show(name)}: e.g. 'app'`);
  }
  const reserved = ['default', ...Object.values(INTERNAL_USER_NAMES)];
  if (reserved.includes(name)) {
    throw new ValidationError(`users[${i}].name ${show(name)} is reserved (${reserved.join(', ')} are the cluster's own users; the default user is set with defaultUser): choose another name, e.g. ${show(`app-${name}`)}`);
  }
}

/** Each user has its own name: Redis would keep only the last line of a name. */
export function checkUniqueUserNames(users: readonly RedisUser[]): void {
  const seen = new Set<string>();
  users.forEach((user, i) => {
    if (seen.has(user.name)) {
      throw new ValidationError(`users[${i}].name ${show(user.name)} is given twice: each user must have its own name; rename or merge them`);
    }
    seen.add(user.name);
  });
}

/** Categories the server knows, well-formed commands, one-token patterns, and some permission. */
export function checkUserRules(where: string, user: RedisUser): void {
  for (const field of ['categories', 'deniedCategories'] as const) {
    listOf(where, field, user[field]).forEach((c, j) => {
      if (!ACL_CATEGORIES.includes(c) && c !== 'all') {
        throw new ValidationError(`${where}.${field}[${j}] must be a command category the server knows (ACL CAT) or 'all', got ${show(c)}: use one of ${ACL_CATEGORIES.join(', ')}${c.startsWith('@') || c.startsWith('+') || c.startsWith('-') ? ` (without the sign or '@': ${show(c.replace(/^[-+]?@?/, ''))})` : ''}`);
      }
    });
  }
  for (const field of ['commands', 'deniedCommands'] as const) {
    listOf(where, field, user[field]).forEach((c, j) => {
      if (!ACL_COMMAND.test(c)) {
        throw new ValidationError(`${where}.${field}[${j}] must be a lower-case command name, or command|subcommand, got ${show(c)}: e.g. 'get' or 'config|get'${/^[-+]/.test(c) ? `; write it without the sign (${show(c.slice(1).toLowerCase())}): commands allows, deniedCommands denies` : ''}`);
      }
    });
  }
  for (const field of ['keys', 'readKeys', 'writeKeys', 'channels'] as const) {
    listOf(where, field, user[field]).forEach((p, j) => {
      if (!ACL_PATTERN.test(p)) {
        throw new ValidationError(`${where}.${field}[${j}] must be a non-empty glob pattern without spaces or control characters, got ${show(p)}: e.g. 'app:*'`);
      }
    });
  }
  if (listOf(where, 'categories', user.categories).length === 0 && listOf(where, 'commands', user.commands).length === 0) {
    throw new ValidationError(`${where} allows no command (categories and commands are both empty), so it could only authenticate: give it categories, e.g. ['read', 'connection'], or use RedisUsers.readOnlyApp / readWriteApp / admin`);
  }
}

/** The users ConfigMap's name, `<configMapName>-users`, is still a valid name. */
export function checkUsersConfigMapName(name: string): void {
  checkDnsSubdomain('configMapName', name, `with users, '<configMapName>${DEFAULTS.usersConfigMapSuffix}' names the users ConfigMap, so configMapName must leave room for the suffix`);
}

function listOf(where: string, field: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ValidationError(`${where}.${field} must be a list of strings, got ${show(value)}: e.g. ['app:*']`);
  }
  return value;
}

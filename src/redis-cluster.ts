import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DEFAULT_REDIS_CONFIG, DEFAULTS, LIMITS } from './_defaults';
import { show, ValidationError, WARNING_METADATA } from './_errors';
import { clusterLabels } from './_labels';
import { metricsExporterContainer } from './_metrics-exporter';
import { checkRedisConfig, dataOnVolumeErrors, serverFlavour } from './_redis-config-check';
import { planScale, readPublishedTopology, ScalePlan, DRAINED_TO_ANNOTATION, PUBLISHED_MANIFESTS_CONTEXT } from './_scale';
import {
  checkBoolean, checkDnsLabel, checkDnsSubdomain, checkImage, checkInteger, checkKnownKeys, checkPort, checkQuantity, checkServiceName,
  MAX_LABEL_LENGTH, MAX_SUBDOMAIN_LENGTH, checkLabels, checkCidr, checkDuration, checkSecretKey,
} from './_validate';
import { CONFIG_FILES, RedisConfigMap } from './config-map';
import { ExternalService } from './external-service';
import { HeadlessService } from './headless-service';
import { InitJob } from './init-job';
import { MetricsService } from './metrics-service';
import { RedisNetworkPolicy } from './network-policy';
import { RedisPodDisruptionBudget } from './pod-disruption-budget';
import { mergeRedisConfig, RedisConfig } from './redis-config';
import { ServiceMonitor } from './service-monitor';
import { RedisStatefulSet } from './stateful-set';
import { RedisStorage } from './storage';

export interface RedisClusterProps {
  /**
   * Namespace of every object: a DNS-1123 label.
   * @default 'redis'
   */
  readonly namespace?: string;

  /**
   * Whether to synthesize the Namespace object itself.
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Number of masters; the 16384 hash slots are split between them. Redis Cluster needs 3 or more,
   * and masters plus replicas may not exceed 1000 nodes.
   * @default 3
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
   */
  readonly shards?: number;

  /**
   * Replicas of each master, from 0 to 5. One of them is promoted when its master fails; with 0, a
   * failed master's slots stay down until it returns.
   * @default 1
   */
  readonly replicasPerShard?: number;

  /**
   * Container image of Redis (7.0 or later) or Valkey, pinned to a tag other than `latest` or to a
   * digest. Also runs the init Job.
   * @default 'redis:7.2.6-bookworm'
   */
  readonly image?: string;

  /**
   * DNS domain of the Kubernetes cluster, the last part of every pod's FQDN: a DNS-1123 subdomain
   * without a trailing dot.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Port clients connect to.
   * @default 6379
   */
  readonly clientPort?: number;

  /**
   * Port of the cluster bus, on which nodes talk to each other. Must differ from clientPort.
   * @default - clientPort + 10000
   */
  readonly busPort?: number;

  /**
   * Port on every Kubernetes node for the external Service, in the NodePort range 30000-32767.
   * Only with `externalService`.
   * @default - Kubernetes picks one from 30000-32767
   */
  readonly nodePort?: number;

  /**
   * Whether to synthesize the seed's NodePort Service that reaches pod 0.
   * @default true
   */
  readonly externalService?: boolean;

  /**
   * Outside access that works with a cluster client: one NodePort Service per pod (client and bus
   * ports), and every node announces its Kubernetes node's address and its own node ports
   * (`cluster-announce-ip`, `-port`, `-bus-port`, `cluster-preferred-endpoint-type ip`), so that
   * redirects lead somewhere reachable. Pod N uses node ports `nodePort + N` and
   * `busNodePort + N`; both props are then required.
   * @default false
   */
  readonly externalServicePerPod?: boolean;

  /**
   * With externalServicePerPod: the first bus node port; pod N uses `busNodePort + N`.
   * @default - required with externalServicePerPod
   */
  readonly busNodePort?: number;

  /**
   * A PodDisruptionBudget allowing at most one Redis pod voluntarily disrupted at a time.
   * @default true
   */
  readonly podDisruptionBudget?: boolean;

  /**
   * A redis_exporter sidecar in every pod, and a metrics Service in front of them.
   * @default false
   */
  readonly metrics?: boolean;

  /**
   * Image of the metrics exporter, pinned.
   * @default 'oliver006/redis_exporter:v1.62.0'
   */
  readonly metricsExporterImage?: string;

  /**
   * Port of the metrics exporter.
   * @default 9121
   */
  readonly metricsPort?: number;

  /**
   * A Prometheus Operator ServiceMonitor for the metrics Service (needs `metrics`).
   * @default false
   */
  readonly serviceMonitor?: boolean;

  /**
   * Labels of the ServiceMonitor, which your Prometheus selects ServiceMonitors by
   * (e.g. `{ release: 'prometheus' }`).
   * @default {}
   */
  readonly serviceMonitorLabels?: Record<string, string>;

  /**
   * Scrape interval of the ServiceMonitor.
   * @default '30s'
   */
  readonly serviceMonitorInterval?: string;

  /**
   * Node labels a Redis pod requires.
   * @default - any node
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector
   */
  readonly nodeSelector?: Record<string, string>;

  /**
   * Tolerations of the Redis pods.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];

  /**
   * Topology spread constraints of the Redis pods.
   * @default - spread across zones (topology.kubernetes.io/zone), maxSkew 1, ScheduleAnyway
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
   */
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];

  /**
   * PriorityClass of the Redis pods.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;

  /**
   * How long the preStop hook waits for a stopping master to hand its slots to a replica.
   * @default 20
   */
  readonly preStopTimeoutSeconds?: number;

  /**
   * Grace period of a stopping Redis pod; longer than preStopTimeoutSeconds.
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;

  /**
   * Require a password. Redis gets it as `requirepass` and `masterauth`; the init Job and the
   * probes authenticate with it through `REDISCLI_AUTH`. Turning it off with the external Service
   * on also needs `allowUnauthenticatedExternalAccess`.
   * @default true
   */
  readonly auth?: boolean;

  /**
   * The Secret that holds the password. You create it; it is never synthesized:
   * `kubectl -n redis create secret generic redis-auth --from-literal=password=...`
   * @default 'redis-auth'
   */
  readonly authSecretName?: string;

  /**
   * The key of the password in that Secret.
   * @default 'password'
   */
  readonly authSecretKey?: string;

  /**
   * Acknowledges that, with `auth: false`, anyone who reaches a Kubernetes node can read and
   * wipe the data through the NodePort Service.
   * @default false
   */
  readonly allowUnauthenticatedExternalAccess?: boolean;

  /**
   * Fence the pods with NetworkPolicies: the client port admits the cluster's pods, the init Job
   * and labelled clients; the bus port only the cluster's pods.
   * @default true
   */
  readonly networkPolicy?: boolean;

  /**
   * Labels that let a pod, in any namespace, reach the client port through the NetworkPolicy.
   * @default - `{ '<statefulSetName>-client': 'true' }`, e.g. `redis-app-client: "true"`
   */
  readonly clientPodLabels?: Record<string, string>;

  /**
   * Source CIDRs allowed to reach the external NodePort Service's pod through the NetworkPolicy.
   * @default ['0.0.0.0/0']
   */
  readonly externalClientCidrs?: readonly string[];

  /**
   * How each pod keeps its data.
   * @default - RedisStorage.fromStorageClass(): StorageClass 'nfs-client', 200M, ReadWriteOnce
   */
  readonly storage?: RedisStorage;

  /**
   * CPU request of each Redis container, a Kubernetes quantity; at most cpuLimit.
   * @default '100m'
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   */
  readonly cpuRequest?: string;

  /**
   * Memory request of each Redis container, a Kubernetes quantity of whole bytes; at most
   * memoryLimit.
   * @default '100Mi'
   */
  readonly memoryRequest?: string;

  /**
   * CPU limit of each Redis container.
   * @default - none
   */
  readonly cpuLimit?: string;

  /**
   * Memory limit of each Redis container. When set, redisConfig must set `maxmemory` below it
   * (about 75% leaves room for buffers and the copy-on-write of background saves), or the kernel
   * kills the pod before Redis evicts or refuses writes.
   * @default - none
   */
  readonly memoryLimit?: string;

  /**
   * `cluster-node-timeout`: how long a node may be unreachable before it is considered failing.
   * An unplanned failover takes about 1.5 times this. At least 1000.
   * @default 5000
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
   */
  readonly clusterNodeTimeoutMs?: number;

  /**
   * redis.conf directives merged over the defaults; `null` removes a default. Directives that the
   * topology decides (port, dir, cluster-*) are set through their own props.
   *
   * Every directive is checked before anything is written: it must be one Redis 7.0-7.2 (or
   * Valkey 8.0) knows, under its Redis 7 name (`replicaof`, not `slaveof`), with a value of the
   * right type, and one that lets a node run in this cluster (no `daemonize yes`, no log file, no
   * `bind 127.0.0.1`, no passwords yet: the probes connect without one).
   * @default - the seed's redis.conf, corrected for Redis 7 (see DEFAULT_REDIS_CONFIG)
   * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
   */
  readonly redisConfig?: RedisConfig;

  /**
   * Raw redis.conf lines, written after the typed directives exactly as given: for what
   * RedisConfig cannot express conveniently, e.g. `rename-command FLUSHALL ""`. They are checked
   * like redisConfig; a directive may be set here or in redisConfig, not both.
   * @default - none
   */
  readonly extraRedisConfig?: readonly string[];

  /**
   * Directive names the checker does not know but the image's server does (directives newer than
   * Redis 7.2 / Valkey 8.0, or module configs such as `mymodule.option`). They are written
   * unchecked; a name the checker knows is refused here, so the list cannot hide a typo.
   * @default - none: every directive must be known
   */
  readonly allowUnknownDirectives?: readonly string[];

  /**
   * `metadata.name` of the StatefulSet; pods are `<name>-<ordinal>`. A DNS-1123 label of at most
   * 52 characters (the StatefulSet controller appends an 11-character hash in a pod label).
   * Renaming it on a live cluster orphans its volumes.
   * @default 'redis-app'
   */
  readonly statefulSetName?: string;

  /**
   * `metadata.name` of the headless Service, part of every pod's FQDN: a DNS-1035 label.
   * @default 'redis-service'
   */
  readonly headlessServiceName?: string;

  /**
   * `metadata.name` of the NodePort Service: a DNS-1035 label, other than headlessServiceName.
   * @default 'redis-access-service'
   */
  readonly externalServiceName?: string;

  /**
   * `metadata.name` of the ConfigMap: a DNS-1123 subdomain.
   * @default 'redis-conf'
   */
  readonly configMapName?: string;

  /**
   * How long the init Job waits for every pod to answer, and then for the cluster to become ok.
   * Less than the Job's deadline of 600 seconds.
   * @default 300
   */
  readonly initWaitTimeoutSeconds?: number;

  /**
   * Scale in, step 1 of 2. With `shards` / `replicasPerShard` lowered, keeps the StatefulSet at the
   * size the published manifests run and has the Job move every slot and key off the pods that
   * will go (the highest ordinals) and make the cluster forget them. Once that Job has completed,
   * remove `drain` (step 2): the StatefulSet shrinks. Needs `publishedManifestsDir`.
   * @default false
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
   */
  readonly drain?: boolean;

  /**
   * The folder of the manifests last published (and applied), read at synth time as the state of
   * record: synth refuses to shrink the StatefulSet below the size they run unless they declared
   * the drain of exactly those pods (see `drain`). A missing folder is a first deployment.
   * @default - the folder the app publishes to: `dist/` under `cdk8s synth` of this project's app;
   *   none (nothing read, nothing checked) in an app that does not say (construct context
   *   `redis-cluster-cdk8s/publishedManifestsDir`)
   */
  readonly publishedManifestsDir?: string;
}

/** Every prop name, to catch typos in props that come from JSON or YAML. */
const PROP_NAMES = Object.keys({
  namespace: true,
  createNamespace: true,
  shards: true,
  replicasPerShard: true,
  image: true,
  clusterDomain: true,
  clientPort: true,
  busPort: true,
  nodePort: true,
  externalService: true,
  storage: true,
  cpuRequest: true,
  memoryRequest: true,
  cpuLimit: true,
  memoryLimit: true,
  clusterNodeTimeoutMs: true,
  redisConfig: true,
  extraRedisConfig: true,
  allowUnknownDirectives: true,
  statefulSetName: true,
  headlessServiceName: true,
  externalServiceName: true,
  configMapName: true,
  initWaitTimeoutSeconds: true,
  auth: true,
  authSecretName: true,
  authSecretKey: true,
  allowUnauthenticatedExternalAccess: true,
  networkPolicy: true,
  clientPodLabels: true,
  externalClientCidrs: true,
  externalServicePerPod: true,
  busNodePort: true,
  podDisruptionBudget: true,
  metrics: true,
  metricsExporterImage: true,
  metricsPort: true,
  serviceMonitor: true,
  serviceMonitorLabels: true,
  serviceMonitorInterval: true,
  nodeSelector: true,
  tolerations: true,
  topologySpreadConstraints: true,
  priorityClassName: true,
  preStopTimeoutSeconds: true,
  terminationGracePeriodSeconds: true,
  drain: true,
  publishedManifestsDir: true,
} satisfies Record<keyof RedisClusterProps, true>);

/** redis.conf directives that RedisCluster sets from its props. */
export const MANAGED_DIRECTIVES: Readonly<Record<string, string>> = {
  'port': 'clientPort',
  'cluster-enabled': '(always yes)',
  'cluster-config-file': '(always on the data volume)',
  'dir': '(always the data volume)',
  'cluster-node-timeout': 'clusterNodeTimeoutMs',
  'cluster-announce-port': 'clientPort',
  'cluster-announce-bus-port': 'busPort',
  'cluster-port': 'busPort',
  'cluster-announce-hostname': '(each pod announces its FQDN)',
  'cluster-preferred-endpoint-type': '(hostname; ip with externalServicePerPod)',
};

/** The StatefulSet annotation that carries the warnings into the manifests. */
export const WARNINGS_ANNOTATION = 'redis-cluster-cdk8s/warnings';

/**
 * A Redis Cluster on Kubernetes: a StatefulSet of `shards * (1 + replicasPerShard)` pods with
 * persistent volumes, the ConfigMap holding their redis.conf and scripts, a headless Service for
 * their stable names, an optional NodePort Service, and a Job that forms the cluster.
 */
export class RedisCluster extends Construct {
  public readonly namespace: string;
  public readonly shards: number;
  public readonly replicasPerShard: number;
  public readonly image: string;
  public readonly clusterDomain: string;
  public readonly clientPort: number;
  public readonly busPort: number;
  public readonly clusterNodeTimeoutMs: number;
  /** The complete redis.conf each node runs with. */
  public readonly redisConfig: RedisConfig;
  /** Raw redis.conf lines written after `redisConfig`. */
  public readonly extraRedisConfig: readonly string[];
  /**
   * Configurations that work but are probably not meant, e.g. no persistence at all. Synth prints
   * them, and the StatefulSet carries them in its `redis-cluster-cdk8s/warnings` annotation.
   */
  public readonly warnings: readonly string[];

  public readonly configMap: RedisConfigMap;
  public readonly headlessService: HeadlessService;
  public readonly statefulSet: RedisStatefulSet;
  public readonly externalService?: ExternalService;
  /** With externalServicePerPod: one NodePort Service per pod, in ordinal order. */
  public readonly externalServices: ExternalService[] = [];
  public readonly podDisruptionBudget?: RedisPodDisruptionBudget;
  public readonly metricsService?: MetricsService;
  public readonly serviceMonitor?: ServiceMonitor;
  public readonly initJob: InitJob;
  public readonly networkPolicy?: RedisNetworkPolicy;
  /** Whether a password is required. */
  public readonly auth: boolean;
  /** Labels that mark a pod as a client for the NetworkPolicy. */
  public readonly clientPodLabels: Record<string, string>;
  /** How many pods the StatefulSet runs and how many of them the cluster keeps (fewer while draining). */
  public readonly scale: ScalePlan;

  constructor(scope: Construct, id: string, props: RedisClusterProps = {}) {
    super(scope, id);
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      throw new ValidationError(`RedisCluster props must be an object, got ${show(props)}: e.g. { shards: 3 }`);
    }
    checkKnownKeys('RedisCluster', props, PROP_NAMES);

    this.namespace = props.namespace ?? DEFAULTS.namespace;
    this.shards = props.shards ?? DEFAULTS.shards;
    this.replicasPerShard = props.replicasPerShard ?? DEFAULTS.replicasPerShard;
    this.image = props.image ?? DEFAULTS.image;
    this.clusterDomain = props.clusterDomain ?? DEFAULTS.clusterDomain;
    this.clientPort = props.clientPort ?? DEFAULTS.clientPort;
    this.busPort = props.busPort ?? this.clientPort + DEFAULTS.busPortOffset;
    this.clusterNodeTimeoutMs = props.clusterNodeTimeoutMs ?? DEFAULTS.clusterNodeTimeoutMs;
    this.extraRedisConfig = props.extraRedisConfig ?? [];
    const createNamespace = props.createNamespace ?? true;
    const withExternalService = props.externalService ?? true;
    const statefulSetName = props.statefulSetName ?? DEFAULTS.statefulSetName;
    const headlessServiceName = props.headlessServiceName ?? DEFAULTS.headlessServiceName;
    const externalServiceName = props.externalServiceName ?? DEFAULTS.externalServiceName;
    const configMapName = props.configMapName ?? DEFAULTS.configMapName;
    const storage = props.storage ?? RedisStorage.fromStorageClass();
    this.auth = props.auth ?? true;
    const perPod = withExternalService && (props.externalServicePerPod ?? false);
    const metrics = props.metrics ?? false;
    const metricsPort = props.metricsPort ?? DEFAULTS.metricsPort;
    const preStopTimeoutSeconds = props.preStopTimeoutSeconds ?? DEFAULTS.preStopTimeoutSeconds;
    const terminationGracePeriodSeconds = props.terminationGracePeriodSeconds ?? DEFAULTS.terminationGracePeriodSeconds;
    this.clientPodLabels = props.clientPodLabels ?? { [`${statefulSetName}${DEFAULTS.clientLabelSuffix}`]: 'true' };
    const authRef = this.auth
      ? { secretName: props.authSecretName ?? DEFAULTS.authSecretName, secretKey: props.authSecretKey ?? DEFAULTS.authSecretKey }
      : undefined;
    const cpuRequest = props.cpuRequest ?? DEFAULTS.cpuRequest;
    const memoryRequest = props.memoryRequest ?? DEFAULTS.memoryRequest;
    const initWaitTimeoutSeconds = props.initWaitTimeoutSeconds ?? DEFAULTS.initWaitTimeoutSeconds;
    const allowUnknownDirectives = props.allowUnknownDirectives ?? [];

    // Topology.
    checkInteger('shards', this.shards, { min: LIMITS.minShards, reason: `Redis Cluster needs ${LIMITS.minShards} masters` },
      `set shards to ${LIMITS.minShards} or more`);
    checkInteger('replicasPerShard', this.replicasPerShard, {
      min: 0,
      max: LIMITS.maxReplicasPerShard,
      reason: `each replica is a full copy that every write is streamed to; more than ${LIMITS.maxReplicasPerShard} adds cost, not availability`,
    }, 'set replicasPerShard to 1 for one replica per master');
    const nodes = this.shards * (1 + this.replicasPerShard);
    if (nodes > LIMITS.maxNodes) {
      throw new ValidationError(`shards * (1 + replicasPerShard) must be at most ${LIMITS.maxNodes} nodes, the size Redis Cluster is designed for, got ${this.shards} * (1 + ${this.replicasPerShard}) = ${nodes}: lower shards or replicasPerShard`);
    }
    const drain = props.drain ?? false;
    checkBoolean('drain', drain);
    const publishedDir: unknown = props.publishedManifestsDir ?? this.node.tryGetContext(PUBLISHED_MANIFESTS_CONTEXT);
    if (publishedDir !== undefined && typeof publishedDir !== 'string') {
      throw new ValidationError(`publishedManifestsDir must be a folder path, got ${show(publishedDir)}: e.g. 'dist'`);
    }
    const published = publishedDir === undefined ? undefined : readPublishedTopology(publishedDir, this.namespace, statefulSetName);
    /** What the StatefulSet runs and the Job keeps; they differ while a drain is declared. */
    this.scale = planScale(this.shards, this.replicasPerShard, drain, published);
    const pods = this.scale.statefulSetReplicas;
    checkBoolean('createNamespace', createNamespace);
    checkBoolean('externalService', withExternalService);

    // Image.
    const imageRef = checkImage('image', this.image);
    const flavour = serverFlavour(imageRef.repository, imageRef.tag);
    const [minMajor, minMinor] = LIMITS.minRedisVersion;
    if (flavour?.product === 'redis' && flavour.version
      && (flavour.version[0] < minMajor || (flavour.version[0] === minMajor && flavour.version[1] < minMinor))) {
      throw new ValidationError(`image must run Redis ${minMajor}.${minMinor} or later, got ${show(this.image)} (Redis ${flavour.version.join('.')}), which lacks cluster-port, hostname endpoints and the directive names used here: use e.g. ${show(DEFAULTS.image)}`);
    }

    // Names: each becomes part of a DNS name or a label.
    checkDnsLabel('namespace', this.namespace, "it names the Namespace and is part of every pod's DNS name");
    checkDnsSubdomain('clusterDomain', this.clusterDomain, "the last part of every pod's DNS name, without a trailing dot", true);
    checkDnsLabel('statefulSetName', statefulSetName, "pod hostnames are '<statefulSetName>-<ordinal>'");
    const lastPod = `${statefulSetName}-${pods - 1}`;
    if (lastPod.length > MAX_LABEL_LENGTH) {
      throw new ValidationError(`statefulSetName makes pod hostnames too long: the last pod, ${show(lastPod)}, has ${lastPod.length} characters and a hostname holds at most ${MAX_LABEL_LENGTH}: shorten statefulSetName to ${LIMITS.maxStatefulSetNameLength} characters or fewer`);
    }
    if (statefulSetName.length > LIMITS.maxStatefulSetNameLength) {
      throw new ValidationError(`statefulSetName must be at most ${LIMITS.maxStatefulSetNameLength} characters, got ${show(statefulSetName)} (${statefulSetName.length}): the StatefulSet controller labels each pod '<name>-<10-character hash>', a label value holds at most 63 characters, and a longer name creates no pods: shorten it`);
    }
    checkServiceName('headlessServiceName', headlessServiceName);
    if (withExternalService) {
      checkServiceName('externalServiceName', externalServiceName);
      if (externalServiceName === headlessServiceName) {
        throw new ValidationError(`externalServiceName and headlessServiceName must differ, both are ${show(headlessServiceName)}: one Service would replace the other on apply: rename one of them`);
      }
    }
    checkDnsSubdomain('configMapName', configMapName, 'it names the ConfigMap');
    const lastFqdn = `${lastPod}.${headlessServiceName}.${this.namespace}.svc.${this.clusterDomain}`;
    if (lastFqdn.length > MAX_SUBDOMAIN_LENGTH) {
      throw new ValidationError(`pod DNS names must be at most ${MAX_SUBDOMAIN_LENGTH} characters, but the last pod's is ${lastFqdn.length} (${show(lastFqdn)}): shorten statefulSetName, headlessServiceName, namespace or clusterDomain`);
    }

    // Ports.
    checkPort('clientPort', this.clientPort);
    if (props.busPort === undefined && this.busPort > 65535) {
      throw new ValidationError(`busPort defaults to clientPort + ${DEFAULTS.busPortOffset} = ${this.busPort}, above 65535: set busPort explicitly, e.g. to ${this.clientPort - DEFAULTS.busPortOffset}`);
    }
    checkPort('busPort', this.busPort);
    if (this.busPort === this.clientPort) {
      throw new ValidationError(`busPort must differ from clientPort, both are ${this.clientPort}: Redis listens on both; leave busPort unset for clientPort + ${DEFAULTS.busPortOffset}`);
    }
    if (props.nodePort !== undefined) {
      checkInteger('nodePort', props.nodePort, { min: LIMITS.minNodePort, max: LIMITS.maxNodePort, reason: "Kubernetes' NodePort range" },
        'pick a free port in that range, or leave nodePort unset to let Kubernetes pick one');
      if (!withExternalService) {
        throw new ValidationError(`nodePort is ${props.nodePort}, but externalService is false, so no Service would use it: remove nodePort, or set externalService to true`);
      }
    }

    // Security.
    checkBoolean('auth', this.auth);
    for (const flag of ['allowUnauthenticatedExternalAccess', 'networkPolicy', 'externalServicePerPod', 'podDisruptionBudget', 'metrics', 'serviceMonitor'] as const) {
      if (props[flag] !== undefined) checkBoolean(flag, props[flag]);
    }
    if (authRef) {
      checkDnsSubdomain('authSecretName', authRef.secretName, 'it names a Secret');
      checkSecretKey('authSecretKey', authRef.secretKey);
    } else if (props.authSecretName !== undefined || props.authSecretKey !== undefined) {
      throw new ValidationError('authSecretName/authSecretKey are set, but auth is false, so no Secret is read: remove them, or set auth to true');
    }
    if (!this.auth && withExternalService && !props.allowUnauthenticatedExternalAccess) {
      throw new ValidationError('auth is false while externalService is on: anyone who reaches a Kubernetes node could read and wipe the data. '
        + 'Keep auth on, set externalService to false, or set allowUnauthenticatedExternalAccess to true to accept the risk');
    }
    checkLabels('clientPodLabels', this.clientPodLabels, { nonEmpty: 'an empty selector would admit every pod in every namespace; name the label your clients carry' });
    const externalClientCidrs = props.externalClientCidrs ?? DEFAULTS.externalClientCidrs;
    if (!Array.isArray(externalClientCidrs) || externalClientCidrs.length === 0) {
      throw new ValidationError(`externalClientCidrs must list at least one CIDR, got ${show(externalClientCidrs)}: e.g. ['10.0.0.0/8'], or set externalService to false`);
    }
    externalClientCidrs.forEach((cidr, i) => checkCidr(`externalClientCidrs[${i}]`, cidr));

    // Outside access per pod.
    if (props.busNodePort !== undefined && !perPod) {
      throw new ValidationError(`busNodePort is ${props.busNodePort}, but externalServicePerPod is not on, so no Service would use it: remove busNodePort, or set externalServicePerPod to true`);
    }
    if (props.externalServicePerPod && !withExternalService) {
      throw new ValidationError('externalServicePerPod is true, but externalService is false: set externalService to true (or leave it unset), or remove externalServicePerPod');
    }
    if (perPod) {
      if (props.nodePort === undefined || props.busNodePort === undefined) {
        throw new ValidationError(`externalServicePerPod needs nodePort and busNodePort (the first node ports; pod N uses base + N), got nodePort=${show(props.nodePort)} busNodePort=${show(props.busNodePort)}: set both`);
      }
      checkInteger('busNodePort', props.busNodePort, { min: LIMITS.minNodePort, max: LIMITS.maxNodePort, reason: "Kubernetes' NodePort range" }, 'pick a free port in that range');
      for (const [field, base] of [['nodePort', props.nodePort], ['busNodePort', props.busNodePort]] as const) {
        if (base + pods - 1 > LIMITS.maxNodePort) {
          throw new ValidationError(`${field} ${base} + ${pods - 1} (the last pod's) is above ${LIMITS.maxNodePort}, the end of Kubernetes' NodePort range: set ${field} to ${LIMITS.maxNodePort - pods + 1} or less`);
        }
      }
      if (Math.abs(props.nodePort - props.busNodePort) < pods) {
        throw new ValidationError(`nodePort ${props.nodePort} and busNodePort ${props.busNodePort} give overlapping ranges for ${pods} pods (each uses base + ordinal): set them at least ${pods} apart, e.g. busNodePort ${props.nodePort + pods}`);
      }
    }

    // Metrics.
    const metricsProps = ['metricsExporterImage', 'metricsPort', 'serviceMonitorLabels', 'serviceMonitorInterval'] as const;
    for (const name of metricsProps) {
      if (props[name] !== undefined && !metrics) {
        throw new ValidationError(`${name} is set, but metrics is false, so there is no exporter: set metrics to true, or remove ${name}`);
      }
    }
    if ((props.serviceMonitor ?? false) && !metrics) {
      throw new ValidationError('serviceMonitor is true but metrics is false: a ServiceMonitor needs the metrics exporter; set metrics to true');
    }
    if (metrics) {
      checkPort('metricsPort', metricsPort);
      if (metricsPort === this.clientPort || metricsPort === this.busPort) {
        throw new ValidationError(`metricsPort must differ from clientPort and busPort, got ${metricsPort}: leave it unset for ${DEFAULTS.metricsPort}`);
      }
      checkImage('metricsExporterImage', props.metricsExporterImage ?? DEFAULTS.metricsExporterImage);
      checkLabels('serviceMonitorLabels', props.serviceMonitorLabels ?? {});
      checkDuration('serviceMonitorInterval', props.serviceMonitorInterval ?? DEFAULTS.serviceMonitorInterval);
    }

    // Placement and stopping.
    if (props.nodeSelector !== undefined) checkLabels('nodeSelector', props.nodeSelector);
    if (props.priorityClassName !== undefined) checkDnsSubdomain('priorityClassName', props.priorityClassName, 'it names a PriorityClass');
    checkInteger('preStopTimeoutSeconds', preStopTimeoutSeconds, { min: 1 }, `set it to e.g. ${DEFAULTS.preStopTimeoutSeconds}`);
    checkInteger('terminationGracePeriodSeconds', terminationGracePeriodSeconds, { min: 1 }, `set it to e.g. ${DEFAULTS.terminationGracePeriodSeconds}`);
    if (terminationGracePeriodSeconds <= preStopTimeoutSeconds) {
      throw new ValidationError(`terminationGracePeriodSeconds must be longer than preStopTimeoutSeconds (${preStopTimeoutSeconds}), got ${terminationGracePeriodSeconds}: `
        + `set it to ${preStopTimeoutSeconds + 10} or more`);
    }

    // Storage and resources.
    if (!(storage instanceof RedisStorage)) {
      throw new ValidationError(`storage must be made with a RedisStorage factory (fromStorageClass, dynamicNfs, staticNfs, ephemeral), got ${show(storage)}: e.g. storage: RedisStorage.fromStorageClass({ size: '1Gi' })`);
    }
    const requests = {
      cpu: checkQuantity('cpuRequest', cpuRequest, 'cpu'),
      memory: checkQuantity('memoryRequest', memoryRequest, 'memory'),
    };
    const limits: Record<string, k8s.Quantity> = {};
    if (props.cpuLimit !== undefined) {
      const cpuLimit = checkQuantity('cpuLimit', props.cpuLimit, 'cpu');
      if (requests.cpu > cpuLimit) {
        throw new ValidationError(`cpuRequest ${show(cpuRequest)} must not exceed cpuLimit ${show(props.cpuLimit)} (Kubernetes rejects the pod): lower cpuRequest or raise cpuLimit`);
      }
      limits.cpu = k8s.Quantity.fromString(props.cpuLimit);
    }
    let memoryLimit: { text: string; bytes: number } | undefined;
    if (props.memoryLimit !== undefined) {
      memoryLimit = { text: props.memoryLimit, bytes: checkQuantity('memoryLimit', props.memoryLimit, 'memory') };
      if (requests.memory > memoryLimit.bytes) {
        throw new ValidationError(`memoryRequest ${show(memoryRequest)} must not exceed memoryLimit ${show(props.memoryLimit)} (Kubernetes rejects the pod): lower memoryRequest or raise memoryLimit`);
      }
      limits.memory = k8s.Quantity.fromString(props.memoryLimit);
    }

    // Timings.
    checkInteger('clusterNodeTimeoutMs', this.clusterNodeTimeoutMs, {
      min: LIMITS.minClusterNodeTimeoutMs,
      reason: 'shorter timeouts start a failover on every pause or network blip',
    }, `set clusterNodeTimeoutMs to ${LIMITS.minClusterNodeTimeoutMs} or more (the default is ${DEFAULTS.clusterNodeTimeoutMs})`);
    checkInteger('initWaitTimeoutSeconds', initWaitTimeoutSeconds, {
      min: 1,
      max: DEFAULTS.initActiveDeadlineSeconds - 1,
      reason: `the wait must end before the init Job's ${DEFAULTS.initActiveDeadlineSeconds}s deadline, or the Job is killed without saying what it waited for`,
    }, `set initWaitTimeoutSeconds to e.g. ${DEFAULTS.initWaitTimeoutSeconds}`);

    // redis.conf.
    const nodesConfPath = `${DEFAULTS.dataMountPath}/nodes.conf`;
    this.redisConfig = mergeRedisConfig(DEFAULT_REDIS_CONFIG, props.redisConfig ?? {}, {
      'port': this.clientPort,
      'dir': DEFAULTS.dataMountPath,
      'cluster-enabled': true,
      'cluster-config-file': nodesConfPath,
      'cluster-node-timeout': this.clusterNodeTimeoutMs,
      'cluster-port': this.busPort,
      'cluster-announce-port': this.clientPort,
      'cluster-announce-bus-port': this.busPort,
      // Outside clients cannot resolve pod FQDNs: with a Service per pod, redirect to addresses.
      'cluster-preferred-endpoint-type': perPod ? 'ip' : 'hostname',
    });
    const warnings = checkRedisConfig({
      userConfig: props.redisConfig ?? {},
      effectiveConfig: this.redisConfig,
      extraLines: this.extraRedisConfig,
      allowUnknownDirectives,
      managed: MANAGED_DIRECTIVES,
      image: this.image,
      flavour,
      memoryLimit,
      replicasPerShard: this.replicasPerShard,
      clientPort: this.clientPort,
      busPort: this.busPort,
      dataMountPath: DEFAULTS.dataMountPath,
      auth: this.auth,
    });
    if (this.replicasPerShard === 0) {
      warnings.push('no replicas (replicasPerShard is 0): when a master fails, its hash slots stay unavailable until it comes back, and with cluster-require-full-coverage (the default) the whole cluster refuses queries meanwhile.');
    }
    this.warnings = warnings;

    const labels = clusterLabels(statefulSetName);

    if (createNamespace) {
      new kplus.Namespace(this, 'Namespace', {
        metadata: {
          name: this.namespace,
          labels: {
            ...labels.common,
            // Have the API server refuse any pod here that is not "restricted".
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/enforce-version': 'v1.27',
            'pod-security.kubernetes.io/warn': 'restricted',
            'pod-security.kubernetes.io/audit': 'restricted',
          },
        },
      });
    }

    this.configMap = new RedisConfigMap(this, 'Config', {
      name: configMapName,
      namespace: this.namespace,
      labels: labels.common,
      redisConfig: this.redisConfig,
      extraRedisConfig: this.extraRedisConfig,
    });

    this.headlessService = new HeadlessService(this, 'HeadlessService', {
      name: headlessServiceName,
      namespace: this.namespace,
      labels: labels.common,
      selector: labels.server,
      clientPort: this.clientPort,
      busPort: this.busPort,
    });

    const storageBinding = storage.bind(this, {
      namespace: this.namespace,
      claimName: DEFAULTS.dataClaimName,
      statefulSetName,
      replicas: pods,
      labels: labels.server,
    });
    if (storageBinding.ephemeral) {
      warnings.push('ephemeral storage (RedisStorage.ephemeral()): every pod restart loses its data and its cluster membership; for development only.');
    }
    for (const warning of warnings) {
      this.node.addMetadata(WARNING_METADATA, warning);
    }

    this.statefulSet = new RedisStatefulSet(this, 'StatefulSet', {
      name: statefulSetName,
      namespace: this.namespace,
      labels: labels.common,
      annotations: warnings.length > 0 || this.scale.draining
        ? {
          ...(warnings.length > 0 ? { [WARNINGS_ANNOTATION]: warnings.join('\n') } : {}),
          ...(this.scale.draining ? { [DRAINED_TO_ANNOTATION]: String(this.scale.keptPods) } : {}),
        }
        : undefined,
      selector: labels.server,
      replicas: pods,
      image: this.image,
      uid: DEFAULTS.redisUid,
      gid: DEFAULTS.redisGid,
      clientPort: this.clientPort,
      busPort: this.busPort,
      headlessService: this.headlessService,
      configMap: this.configMap,
      storage: storageBinding,
      dataClaimName: DEFAULTS.dataClaimName,
      dataMountPath: DEFAULTS.dataMountPath,
      configMountPath: DEFAULTS.configMountPath,
      runtimeMountPath: DEFAULTS.runtimeMountPath,
      auth: authRef,
      nodesConfPath,
      clusterDomain: this.clusterDomain,
      resources: {
        requests: {
          cpu: k8s.Quantity.fromString(cpuRequest),
          memory: k8s.Quantity.fromString(memoryRequest),
        },
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
      },
      terminationGracePeriodSeconds,
      preStopTimeoutSeconds,
      peerResolveTimeoutSeconds: DEFAULTS.peerResolveTimeoutSeconds,
      placement: {
        nodeSelector: props.nodeSelector,
        tolerations: props.tolerations,
        topologySpreadConstraints: props.topologySpreadConstraints ?? [{
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: labels.server },
        }],
        priorityClassName: props.priorityClassName,
      },
      sidecars: metrics
        ? [metricsExporterContainer({
          image: props.metricsExporterImage ?? DEFAULTS.metricsExporterImage,
          port: metricsPort,
          redisPort: this.clientPort,
          uid: DEFAULTS.redisUid,
          gid: DEFAULTS.redisGid,
          auth: authRef,
        })]
        : undefined,
      // With a Service per pod, each node announces its Kubernetes node's address and its own
      // node ports; start-redis.sh adds the pod's ordinal to the bases.
      extraEnv: perPod
        ? [
          { name: 'ANNOUNCE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
          { name: 'ANNOUNCE_PORT_BASE', value: String(props.nodePort) },
          { name: 'ANNOUNCE_BUS_PORT_BASE', value: String(props.busNodePort) },
        ]
        : undefined,
    });

    if (perPod) {
      this.statefulSet.podNames().forEach((podName, ordinal) => {
        this.externalServices.push(new ExternalService(this, `ExternalService${ordinal}`, {
          name: `${externalServiceName}-${ordinal}`,
          namespace: this.namespace,
          labels: labels.common,
          selector: labels.server,
          podName,
          clientPort: this.clientPort,
          clientNodePort: props.nodePort! + ordinal,
          bus: { port: this.busPort, nodePort: props.busNodePort! + ordinal },
        }));
      });
    } else if (withExternalService) {
      this.externalService = new ExternalService(this, 'ExternalService', {
        name: externalServiceName,
        namespace: this.namespace,
        labels: labels.common,
        selector: labels.server,
        podName: this.statefulSet.podNames()[0],
        clientPort: this.clientPort,
        clientNodePort: props.nodePort,
      });
      this.externalServices.push(this.externalService);
    }

    if (props.podDisruptionBudget ?? true) {
      this.podDisruptionBudget = new RedisPodDisruptionBudget(this, 'PodDisruptionBudget', {
        name: statefulSetName,
        namespace: this.namespace,
        labels: labels.common,
        selector: labels.server,
      });
    }

    if (metrics) {
      const metricsLabels = { ...labels.common, 'app.kubernetes.io/component': 'metrics' };
      this.metricsService = new MetricsService(this, 'MetricsService', {
        name: `${statefulSetName}${DEFAULTS.metricsServiceSuffix}`,
        namespace: this.namespace,
        labels: metricsLabels,
        selector: labels.server,
        port: metricsPort,
      });
      if (props.serviceMonitor) {
        this.serviceMonitor = new ServiceMonitor(this, 'ServiceMonitor', {
          name: statefulSetName,
          namespace: this.namespace,
          labels: { ...labels.common, ...(props.serviceMonitorLabels ?? {}) },
          serviceLabels: metricsLabels,
          portName: 'metrics',
          interval: props.serviceMonitorInterval ?? DEFAULTS.serviceMonitorInterval,
        });
      }
    }

    this.initJob = new InitJob(this, 'InitJob', {
      namePrefix: DEFAULTS.initJobNamePrefix,
      namespace: this.namespace,
      labels: labels.init,
      image: this.image,
      uid: DEFAULTS.redisUid,
      gid: DEFAULTS.redisGid,
      nodeAddresses: this.nodeAddresses().slice(0, this.scale.keptPods),
      drainAddresses: this.nodeAddresses().slice(this.scale.keptPods),
      replicasPerShard: this.replicasPerShard,
      configMap: this.configMap,
      configMountPath: DEFAULTS.configMountPath,
      waitTimeoutSeconds: initWaitTimeoutSeconds,
      activeDeadlineSeconds: DEFAULTS.initActiveDeadlineSeconds,
      backoffLimit: DEFAULTS.initBackoffLimit,
      ttlSecondsAfterFinished: DEFAULTS.initTtlSecondsAfterFinished,
      auth: authRef,
    });

    if (props.networkPolicy ?? true) {
      this.networkPolicy = new RedisNetworkPolicy(this, 'NetworkPolicy', {
        name: statefulSetName,
        namespace: this.namespace,
        labels: labels.common,
        serverLabels: labels.server,
        initLabels: labels.init,
        clientLabels: this.clientPodLabels,
        clientPort: this.clientPort,
        busPort: this.busPort,
        external: withExternalService
          ? {
            podName: perPod ? undefined : this.statefulSet.podNames()[0],
            ports: perPod ? [this.clientPort, this.busPort] : [this.clientPort],
            cidrs: externalClientCidrs,
          }
          : undefined,
        metricsPort: metrics ? metricsPort : undefined,
      });
    }

    // The data directory and nodes.conf must be on the persistent volume, or a restarted pod
    // forgets its data and its cluster identity. Checked on the finished objects, which no single
    // prop decides.
    this.node.addValidation({
      validate: () => dataOnVolumeErrors(this.configMap.files[CONFIG_FILES.redisConf], this.statefulSet.statefulSet.toJson()),
    });
  }

  /** Every pod's FQDN, in ordinal order. */
  public podFqdns(): string[] {
    const domain = this.headlessService.podDomain(this.clusterDomain);
    return this.statefulSet.podNames().map((pod) => `${pod}.${domain}`);
  }

  /** `fqdn:port` of every node, in ordinal order: what the init Job joins. */
  public nodeAddresses(): string[] {
    return this.podFqdns().map((fqdn) => `${fqdn}:${this.clientPort}`);
  }
}

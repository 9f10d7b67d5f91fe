import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DEFAULT_REDIS_CONFIG, DEFAULTS } from './_defaults';
import { clusterLabels } from './_labels';
import { metricsExporterContainer } from './_metrics-exporter';
import { RedisConfigMap } from './config-map';
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
   * Namespace of every object.
   * @default 'redis'
   */
  readonly namespace?: string;

  /**
   * Whether to synthesize the Namespace object itself.
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Number of masters; the 16384 hash slots are split between them. Redis Cluster needs 3 or more.
   * @default 3
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
   */
  readonly shards?: number;

  /**
   * Replicas of each master. One of them is promoted when its master fails.
   * @default 1
   */
  readonly replicasPerShard?: number;

  /**
   * Container image of Redis (7.0 or later), pinned to a tag. Also runs the init Job.
   * @default 'redis:7.2.6-bookworm'
   */
  readonly image?: string;

  /**
   * DNS domain of the Kubernetes cluster, the last part of every pod's FQDN.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Port clients connect to.
   * @default 6379
   */
  readonly clientPort?: number;

  /**
   * Port of the cluster bus, on which nodes talk to each other.
   * @default - clientPort + 10000
   */
  readonly busPort?: number;

  /**
   * Port on every Kubernetes node for the external Service.
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
   * CPU request of each Redis container.
   * @default '100m'
   */
  readonly cpuRequest?: string;

  /**
   * Memory request of each Redis container.
   * @default '100Mi'
   */
  readonly memoryRequest?: string;

  /**
   * CPU limit of each Redis container.
   * @default - none
   */
  readonly cpuLimit?: string;

  /**
   * Memory limit of each Redis container. Set `maxmemory` in redisConfig below it.
   * @default - none
   */
  readonly memoryLimit?: string;

  /**
   * `cluster-node-timeout`: how long a node may be unreachable before it is considered failing.
   * An unplanned failover takes about 1.5 times this.
   * @default 5000
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
   */
  readonly clusterNodeTimeoutMs?: number;

  /**
   * redis.conf directives merged over the defaults; `null` removes a default. Directives that the
   * topology decides (port, dir, cluster-*) are set through their own props.
   * @default - the seed's redis.conf, corrected for Redis 7 (see DEFAULT_REDIS_CONFIG)
   * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
   */
  readonly redisConfig?: RedisConfig;

  /**
   * `metadata.name` of the StatefulSet; pods are `<name>-<ordinal>`. Renaming it on a live
   * cluster orphans its volumes.
   * @default 'redis-app'
   */
  readonly statefulSetName?: string;

  /**
   * `metadata.name` of the headless Service, part of every pod's FQDN.
   * @default 'redis-service'
   */
  readonly headlessServiceName?: string;

  /**
   * `metadata.name` of the NodePort Service.
   * @default 'redis-access-service'
   */
  readonly externalServiceName?: string;

  /**
   * `metadata.name` of the ConfigMap.
   * @default 'redis-conf'
   */
  readonly configMapName?: string;

  /**
   * How long the init Job waits for every pod to answer, and then for the cluster to become ok.
   * @default 300
   */
  readonly initWaitTimeoutSeconds?: number;
}

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
  'cluster-preferred-endpoint-type': '(always hostname)',
};

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

  constructor(scope: Construct, id: string, props: RedisClusterProps = {}) {
    super(scope, id);
    this.namespace = props.namespace ?? DEFAULTS.namespace;
    this.shards = props.shards ?? DEFAULTS.shards;
    this.replicasPerShard = props.replicasPerShard ?? DEFAULTS.replicasPerShard;
    this.image = props.image ?? DEFAULTS.image;
    this.clusterDomain = props.clusterDomain ?? DEFAULTS.clusterDomain;
    this.clientPort = props.clientPort ?? DEFAULTS.clientPort;
    this.busPort = props.busPort ?? this.clientPort + DEFAULTS.busPortOffset;
    this.clusterNodeTimeoutMs = props.clusterNodeTimeoutMs ?? DEFAULTS.clusterNodeTimeoutMs;
    const statefulSetName = props.statefulSetName ?? DEFAULTS.statefulSetName;
    const storage = props.storage ?? RedisStorage.fromStorageClass();
    this.auth = props.auth ?? true;
    const externalService = props.externalService ?? true;
    const perPod = externalService && (props.externalServicePerPod ?? false);
    const metrics = props.metrics ?? false;
    const metricsPort = props.metricsPort ?? DEFAULTS.metricsPort;
    const preStopTimeoutSeconds = props.preStopTimeoutSeconds ?? DEFAULTS.preStopTimeoutSeconds;
    const terminationGracePeriodSeconds = props.terminationGracePeriodSeconds ?? DEFAULTS.terminationGracePeriodSeconds;
    this.clientPodLabels = props.clientPodLabels ?? { [`${statefulSetName}${DEFAULTS.clientLabelSuffix}`]: 'true' };
    const authRef = this.auth
      ? { secretName: props.authSecretName ?? DEFAULTS.authSecretName, secretKey: props.authSecretKey ?? DEFAULTS.authSecretKey }
      : undefined;

    if (!Number.isInteger(this.shards) || this.shards < 3) {
      throw new Error(`shards must be an integer of at least 3 for Redis Cluster, got ${this.shards}: set shards to 3 or more`);
    }
    if (!Number.isInteger(this.replicasPerShard) || this.replicasPerShard < 0) {
      throw new Error(`replicasPerShard must be an integer of 0 or more, got ${this.replicasPerShard}: set it to 1 for one replica per master`);
    }
    for (const directive of Object.keys(props.redisConfig ?? {})) {
      const owner = MANAGED_DIRECTIVES[directive];
      if (owner) {
        throw new Error(`redisConfig['${directive}'] is set by RedisCluster ${owner.startsWith('(') ? owner : `from the ${owner} prop`}: remove it from redisConfig`);
      }
    }

    if (!this.auth && externalService && !props.allowUnauthenticatedExternalAccess) {
      throw new Error('auth is false while externalService is on: anyone who reaches a Kubernetes node could read and wipe the data. '
        + 'Keep auth on, set externalService to false, or set allowUnauthenticatedExternalAccess to true to accept the risk');
    }

    if (perPod && (props.nodePort === undefined || props.busNodePort === undefined)) {
      throw new Error(`externalServicePerPod needs nodePort and busNodePort (the first node ports; pod N uses base + N), got nodePort=${props.nodePort} busNodePort=${props.busNodePort}: set both`);
    }
    if ((props.serviceMonitor ?? false) && !metrics) {
      throw new Error('serviceMonitor is true but metrics is false: a ServiceMonitor needs the metrics exporter; set metrics to true');
    }
    if (terminationGracePeriodSeconds <= preStopTimeoutSeconds) {
      throw new Error(`terminationGracePeriodSeconds must be longer than preStopTimeoutSeconds (${preStopTimeoutSeconds}), got ${terminationGracePeriodSeconds}: `
        + `set it to ${preStopTimeoutSeconds + 10} or more`);
    }

    const labels = clusterLabels(statefulSetName);
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

    if (props.createNamespace ?? true) {
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
      name: props.configMapName ?? DEFAULTS.configMapName,
      namespace: this.namespace,
      labels: labels.common,
      redisConfig: this.redisConfig,
    });

    this.headlessService = new HeadlessService(this, 'HeadlessService', {
      name: props.headlessServiceName ?? DEFAULTS.headlessServiceName,
      namespace: this.namespace,
      labels: labels.common,
      selector: labels.server,
      clientPort: this.clientPort,
      busPort: this.busPort,
    });

    const limits: Record<string, k8s.Quantity> = {};
    if (props.cpuLimit !== undefined) limits.cpu = k8s.Quantity.fromString(props.cpuLimit);
    if (props.memoryLimit !== undefined) limits.memory = k8s.Quantity.fromString(props.memoryLimit);

    const replicas = this.shards * (1 + this.replicasPerShard);
    const storageBinding = storage.bind(this, {
      namespace: this.namespace,
      claimName: DEFAULTS.dataClaimName,
      statefulSetName,
      replicas,
      labels: labels.server,
    });

    this.statefulSet = new RedisStatefulSet(this, 'StatefulSet', {
      name: statefulSetName,
      namespace: this.namespace,
      labels: labels.common,
      selector: labels.server,
      replicas,
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
          cpu: k8s.Quantity.fromString(props.cpuRequest ?? DEFAULTS.cpuRequest),
          memory: k8s.Quantity.fromString(props.memoryRequest ?? DEFAULTS.memoryRequest),
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

    const externalName = props.externalServiceName ?? DEFAULTS.externalServiceName;
    if (perPod) {
      this.statefulSet.podNames().forEach((podName, ordinal) => {
        this.externalServices.push(new ExternalService(this, `ExternalService${ordinal}`, {
          name: `${externalName}-${ordinal}`,
          namespace: this.namespace,
          labels: labels.common,
          selector: labels.server,
          podName,
          clientPort: this.clientPort,
          clientNodePort: props.nodePort! + ordinal,
          bus: { port: this.busPort, nodePort: props.busNodePort! + ordinal },
        }));
      });
    } else if (externalService) {
      this.externalService = new ExternalService(this, 'ExternalService', {
        name: externalName,
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
      nodeAddresses: this.nodeAddresses(),
      replicasPerShard: this.replicasPerShard,
      configMap: this.configMap,
      configMountPath: DEFAULTS.configMountPath,
      waitTimeoutSeconds: props.initWaitTimeoutSeconds ?? DEFAULTS.initWaitTimeoutSeconds,
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
        external: externalService
          ? {
            podName: perPod ? undefined : this.statefulSet.podNames()[0],
            ports: perPod ? [this.clientPort, this.busPort] : [this.clientPort],
            cidrs: props.externalClientCidrs ?? DEFAULTS.externalClientCidrs,
          }
          : undefined,
        metricsPort: metrics ? metricsPort : undefined,
      });
    }
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

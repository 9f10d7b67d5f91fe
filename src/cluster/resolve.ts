import { clusterLabels } from '../_labels';
import { checkBoolean } from '../_validate';
import { ClusterSpec } from './cluster-spec';
import { DEFAULT_REDIS_CONFIG, DEFAULTS } from './defaults';
import { RedisClusterProps } from './props';
import {
  checkAuth, checkMetrics, checkNames, checkNetworkSources, checkNodePorts, checkPlacement, checkPorts, checkPropsShape, checkResources,
  checkScale, checkServerImage, checkStopTimings, checkStorage, checkTimings, checkTopology,
} from './rules';
import { checkRedisConfig } from '../config/check';
import { MANAGED_DIRECTIVES, managedRedisConfig } from '../config/managed';
import { mergeRedisConfig } from '../config/redis-config';
import { RedisStorage } from '../storage/storage';

/** What `resolve` takes from the app rather than from the props. */
export interface ResolveContext {
  /**
   * The app's default for `publishedManifestsDir` (its construct context
   * `redis-cluster-cdk8s/publishedManifestsDir`).
   * @default - none
   */
  readonly publishedManifestsDir?: unknown;
}

/**
 * Applies every default once, runs every rule in a fixed order (the first error wins) and derives
 * every name: the first step of a RedisCluster. Needs no construct scope; the only thing it reads
 * is the published manifests (`publishedManifestsDir`), the state of record of a resize.
 */
export function resolve(props: RedisClusterProps = {}, context: ResolveContext = {}): ClusterSpec {
  checkPropsShape(props);
  const namespace = props.namespace ?? DEFAULTS.namespace;
  const shards = props.shards ?? DEFAULTS.shards;
  const replicasPerShard = props.replicasPerShard ?? DEFAULTS.replicasPerShard;
  const image = props.image ?? DEFAULTS.image;
  const clusterDomain = props.clusterDomain ?? DEFAULTS.clusterDomain;
  const clientPort = props.clientPort ?? DEFAULTS.clientPort;
  const busPort = props.busPort ?? clientPort + DEFAULTS.busPortOffset;
  const clusterNodeTimeoutMs = props.clusterNodeTimeoutMs ?? DEFAULTS.clusterNodeTimeoutMs;
  const extraRedisConfig = props.extraRedisConfig ?? [];
  const createNamespace = props.createNamespace ?? true;
  const withExternalService = props.externalService ?? true;
  const statefulSetName = props.statefulSetName ?? DEFAULTS.statefulSetName;
  const headlessServiceName = props.headlessServiceName ?? DEFAULTS.headlessServiceName;
  const externalServiceName = props.externalServiceName ?? DEFAULTS.externalServiceName;
  const configMapName = props.configMapName ?? DEFAULTS.configMapName;
  const storage = props.storage ?? RedisStorage.fromStorageClass();
  const auth = props.auth ?? true;
  const perPod = withExternalService && (props.externalServicePerPod ?? false);
  const metrics = props.metrics ?? false;
  const metricsPort = props.metricsPort ?? DEFAULTS.metricsPort;
  const preStopTimeoutSeconds = props.preStopTimeoutSeconds ?? DEFAULTS.preStopTimeoutSeconds;
  const terminationGracePeriodSeconds = props.terminationGracePeriodSeconds ?? DEFAULTS.terminationGracePeriodSeconds;
  const clientPodLabels = props.clientPodLabels ?? { [`${statefulSetName}${DEFAULTS.clientLabelSuffix}`]: 'true' };
  const authRef = auth
    ? { secretName: props.authSecretName ?? DEFAULTS.authSecretName, secretKey: props.authSecretKey ?? DEFAULTS.authSecretKey }
    : undefined;
  const initWaitTimeoutSeconds = props.initWaitTimeoutSeconds ?? DEFAULTS.initWaitTimeoutSeconds;
  const externalClientCidrs = props.externalClientCidrs ?? DEFAULTS.externalClientCidrs;

  checkTopology(shards, replicasPerShard);
  const scale = checkScale(shards, replicasPerShard, props.drain ?? false, props.publishedManifestsDir ?? context.publishedManifestsDir,
    namespace, statefulSetName);
  /** Pods of the StatefulSet: more than the cluster keeps while a drain is declared. */
  const nodes = scale.statefulSetReplicas;
  checkBoolean('createNamespace', createNamespace);
  checkBoolean('externalService', withExternalService);
  const flavour = checkServerImage(image);
  const podNames = Array.from({ length: nodes }, (_, i) => `${statefulSetName}-${i}`);
  const podDomain = `${headlessServiceName}.${namespace}.svc.${clusterDomain}`;
  const podFqdns = podNames.map((pod) => `${pod}.${podDomain}`);
  checkNames({
    namespace,
    clusterDomain,
    statefulSetName,
    headlessServiceName,
    externalServiceName,
    configMapName,
    withExternalService,
    lastPod: podNames[nodes - 1],
    lastFqdn: podFqdns[nodes - 1],
  });
  checkPorts(clientPort, busPort, props.busPort !== undefined, props.nodePort, withExternalService);
  checkAuth(props, auth, authRef, withExternalService);
  checkNetworkSources(clientPodLabels, externalClientCidrs);
  checkNodePorts(props, perPod, withExternalService, nodes);
  checkMetrics(props, metrics, metricsPort, clientPort, busPort);
  checkPlacement(props.nodeSelector, props.priorityClassName);
  checkStopTimings(preStopTimeoutSeconds, terminationGracePeriodSeconds);
  checkStorage(storage);
  const { resources, memoryLimit } = checkResources(
    props.cpuRequest ?? DEFAULTS.cpuRequest, props.memoryRequest ?? DEFAULTS.memoryRequest, props.cpuLimit, props.memoryLimit);
  checkTimings(clusterNodeTimeoutMs, initWaitTimeoutSeconds);

  const layout = {
    uid: DEFAULTS.redisUid,
    gid: DEFAULTS.redisGid,
    dataMountPath: DEFAULTS.dataMountPath,
    configMountPath: DEFAULTS.configMountPath,
    runtimeMountPath: DEFAULTS.runtimeMountPath,
    nodesConfPath: `${DEFAULTS.dataMountPath}/nodes.conf`,
  };
  const redisConfig = mergeRedisConfig(DEFAULT_REDIS_CONFIG, props.redisConfig ?? {}, managedRedisConfig({
    clientPort, busPort, clusterNodeTimeoutMs, perPod, dataMountPath: layout.dataMountPath, nodesConfPath: layout.nodesConfPath,
  }));
  const warnings = checkRedisConfig({
    userConfig: props.redisConfig ?? {},
    effectiveConfig: redisConfig,
    extraLines: extraRedisConfig,
    allowUnknownDirectives: props.allowUnknownDirectives ?? [],
    managed: MANAGED_DIRECTIVES,
    image,
    flavour,
    memoryLimit,
    replicasPerShard,
    clientPort,
    busPort,
    dataMountPath: layout.dataMountPath,
    auth,
  });
  if (replicasPerShard === 0) {
    warnings.push('no replicas (replicasPerShard is 0): when a master fails, its hash slots stay unavailable until it comes back, and with cluster-require-full-coverage (the default) the whole cluster refuses queries meanwhile.');
  }
  if (storage.ephemeral) {
    warnings.push('ephemeral storage (RedisStorage.ephemeral()): every pod restart loses its data and its cluster membership; for development only.');
  }

  const labels = clusterLabels(statefulSetName);
  return {
    namespace,
    createNamespace,
    shards,
    replicasPerShard,
    nodes,
    image,
    flavour,
    clusterDomain,
    clientPort,
    busPort,
    clusterNodeTimeoutMs,
    redisConfig,
    extraRedisConfig,
    auth: authRef,
    labels,
    clientPodLabels,
    podNames,
    podDomain,
    podFqdns,
    scale,
    nodeAddresses: podFqdns.slice(0, scale.keptPods).map((fqdn) => `${fqdn}:${clientPort}`),
    drainAddresses: podFqdns.slice(scale.keptPods).map((fqdn) => `${fqdn}:${clientPort}`),
    names: {
      statefulSet: statefulSetName,
      headlessService: headlessServiceName,
      externalService: externalServiceName,
      configMap: configMapName,
      podDisruptionBudget: statefulSetName,
      networkPolicy: statefulSetName,
      metricsService: `${statefulSetName}${DEFAULTS.metricsServiceSuffix}`,
      serviceMonitor: statefulSetName,
      initJobPrefix: DEFAULTS.initJobNamePrefix,
      dataClaim: DEFAULTS.dataClaimName,
    },
    external: withExternalService
      ? { perPod, nodePort: props.nodePort, busNodePort: perPod ? props.busNodePort : undefined, clientCidrs: externalClientCidrs }
      : undefined,
    podDisruptionBudget: props.podDisruptionBudget ?? true,
    networkPolicy: props.networkPolicy ?? true,
    metrics: metrics
      ? {
        image: props.metricsExporterImage ?? DEFAULTS.metricsExporterImage,
        port: metricsPort,
        serviceMonitor: props.serviceMonitor ?? false,
        serviceMonitorLabels: props.serviceMonitorLabels ?? {},
        serviceMonitorInterval: props.serviceMonitorInterval ?? DEFAULTS.serviceMonitorInterval,
        labels: { ...labels.common, 'app.kubernetes.io/component': 'metrics' },
      }
      : undefined,
    storage,
    storageBind: { namespace, claimName: DEFAULTS.dataClaimName, statefulSetName, replicas: nodes, labels: labels.server },
    resources,
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
    preStopTimeoutSeconds,
    terminationGracePeriodSeconds,
    peerResolveTimeoutSeconds: DEFAULTS.peerResolveTimeoutSeconds,
    layout,
    initJob: {
      waitTimeoutSeconds: initWaitTimeoutSeconds,
      activeDeadlineSeconds: DEFAULTS.initActiveDeadlineSeconds,
      backoffLimit: DEFAULTS.initBackoffLimit,
      ttlSecondsAfterFinished: DEFAULTS.initTtlSecondsAfterFinished,
    },
    warnings,
    metadata: (name, objectLabels = labels.common) => ({ name, namespace, labels: objectLabels }),
  };
}

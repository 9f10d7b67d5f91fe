import { clusterLabels } from '../_labels';
import { checkBoolean, checkServiceName } from '../_validate';
import { RuleErrors } from './_rule-errors';
import { ClusterSpec, InternalUserRef, UsersSpec } from './cluster-spec';
import { DEFAULT_REDIS_CONFIG, DEFAULTS } from './defaults';
import { checkBusSources, checkNamespaceOwnership } from './exposure-rules';
import { checkTolerations, checkTopologySpreadConstraints } from './pass-through-rules';
import { RedisClusterProps } from './props';
import {
  checkAuth, checkMetrics, checkNames, checkNetworkSources, checkNodePorts, checkPlacement, checkPorts, checkPropsShape, checkResources,
  checkDrain, checkReleaseName, checkScaleInputs, checkServerDeclaration, checkServerImage, checkShrink, checkStopTimings, checkStorage, checkTimings,
  checkTopology, checkInternalUsers, checkPasswordKeys, checkUniqueUserNames, checkUser, checkUsersConfigMapName, checkUsersNeedAuth,
  checkUsersPropsUsed, checkUsersShape,
} from './rules';
import { readPublishedTopology } from './scale';
import { resolveTls, tlsDnsNames } from './tls';
import { aclRules, INTERNAL_USER_NAMES, INTERNAL_USER_RULES, UsersTemplateEntry } from './users';
import { checkRedisConfig } from '../config/check';
import { MANAGED_DIRECTIVES, managedRedisConfig, tlsRedisConfig } from '../config/managed';
import { mergeRedisConfig } from '../config/redis-config';
import { AuthSecretRef } from '../k8s/_pod-security';
import { RedisStorage } from '../storage/storage';

/** What resolve() needs to know about where the RedisCluster is placed, beyond its props. */
export interface ResolveContext {
  /**
   * The namespace of the enclosing Chart, if it has one: the default of the namespace prop.
   * @default - none: the namespace defaults to 'redis'
   */
  readonly chartNamespace?: string;
  /**
   * The app's default for `publishedManifestsDir` (its construct context
   * `redis-cluster-cdk8s/publishedManifestsDir`).
   * @default - none
   */
  readonly publishedManifestsDir?: unknown;
}

/**
 * Applies every default once, runs every rule in a fixed order (reporting every error, one line
 * each, the first failing rule's first) and derives every name: the first step of a
 * RedisCluster. Needs no construct scope; the constructor passes what it knows of its place (the
 * Chart's namespace, the app's published manifests) in `context`. The only thing it reads is the
 * published manifests (`publishedManifestsDir`), the state of record of a resize.
 */
export function resolve(props: RedisClusterProps = {}, context: ResolveContext = {}): ClusterSpec {
  const errors = new RuleErrors();
  errors.run(() => checkPropsShape(props), undefined);
  if (props === null || typeof props !== 'object') errors.throwIfAny();
  const namespace = props.namespace ?? context.chartNamespace ?? DEFAULTS.namespace;
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
  // An invalid name is reported once, here; the other names then fall back to the seed's.
  const releaseName = props.name === undefined ? undefined : errors.run(() => checkServiceName('name', props.name), undefined);
  const base = baseNames(releaseName);
  const statefulSetName = props.statefulSetName ?? base.statefulSet;
  const headlessServiceName = props.headlessServiceName ?? base.headlessService;
  const externalServiceName = props.externalServiceName ?? base.externalService;
  const configMapName = props.configMapName ?? base.configMap;
  const storage = props.storage ?? RedisStorage.fromStorageClass();
  const auth = props.auth ?? true;
  const perPod = withExternalService && (props.externalServicePerPod ?? false);
  const metrics = props.metrics ?? false;
  const metricsPort = props.metricsPort ?? DEFAULTS.metricsPort;
  const preStopTimeoutSeconds = props.preStopTimeoutSeconds ?? DEFAULTS.preStopTimeoutSeconds;
  const terminationGracePeriodSeconds = props.terminationGracePeriodSeconds ?? DEFAULTS.terminationGracePeriodSeconds;
  const clientPodLabels = props.clientPodLabels ?? { [`${statefulSetName}${DEFAULTS.clientLabelSuffix}`]: 'true' };
  const authRef = auth
    ? { secretName: props.authSecretName ?? base.authSecret, secretKey: props.authSecretKey ?? DEFAULTS.authSecretKey }
    : undefined;
  const initWaitTimeoutSeconds = props.initWaitTimeoutSeconds ?? DEFAULTS.initWaitTimeoutSeconds;
  const externalClientCidrs = props.externalClientCidrs ?? DEFAULTS.externalClientCidrs;

  // Every rule runs, in a fixed order, and every error is reported, one line each; a rule that
  // needs another's result (the node count, the memory limit) runs only when that one passed.
  const topology = errors.run(() => checkTopology(shards, replicasPerShard), undefined);
  const drain = props.drain ?? false;
  const publishedDir = props.publishedManifestsDir ?? context.publishedManifestsDir;
  const scaleInputsOk = errors.run(() => {
    checkScaleInputs(drain, publishedDir);
    return true;
  }, false);
  const published = scaleInputsOk && typeof publishedDir === 'string'
    ? readPublishedTopology(publishedDir, namespace, statefulSetName) : undefined;
  const scale = topology !== undefined && scaleInputsOk
    ? errors.run(() => (drain ? checkDrain : checkShrink)(shards, replicasPerShard, published), undefined)
    : undefined;
  /** Pods of the StatefulSet: more than the cluster keeps while a drain is declared. */
  const nodes = scale?.statefulSetReplicas ?? topology ?? DEFAULTS.shards * (1 + DEFAULTS.replicasPerShard);
  const keptPods = scale?.keptPods ?? nodes;
  errors.run(() => checkBoolean('createNamespace', createNamespace), undefined);
  errors.run(() => checkBoolean('externalService', withExternalService), undefined);
  const allowMovingImageTags = props.allowMovingImageTags ?? false;
  errors.run(() => checkBoolean('allowMovingImageTags', allowMovingImageTags), undefined);
  const declaredServer = errors.run(() => ({ ok: true, server: checkServerDeclaration(props.server) }), { ok: false, server: undefined });
  const server = declaredServer.ok
    ? errors.run(() => checkServerImage(image, declaredServer.server, allowMovingImageTags === true), undefined)
    : undefined;
  const podNames = Array.from({ length: nodes }, (_, i) => `${statefulSetName}-${i}`);
  const podDomain = `${headlessServiceName}.${namespace}.svc.${clusterDomain}`;
  const podFqdns = podNames.map((pod) => `${pod}.${podDomain}`);
  const lastExternalService = perPod ? `${externalServiceName}-${nodes - 1}` : undefined;
  const namesOk = errors.run(() => {
    if (releaseName !== undefined) {
      checkReleaseName({
        name: releaseName,
        statefulSet: props.statefulSetName === undefined,
        headlessService: props.headlessServiceName === undefined ? headlessServiceName : undefined,
        externalService: withExternalService && props.externalServiceName === undefined ? lastExternalService ?? externalServiceName : undefined,
        initJob: `${base.initJobPrefix}-${'0'.repeat(DEFAULTS.initJobHashLength)}`,
        nodes,
      });
    }
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
      lastExternalService,
      fqdnFields: releaseName !== undefined ? 'name, statefulSetName, headlessServiceName' : undefined,
    });
    return true;
  }, false);
  if (namesOk) errors.run(() => checkNamespaceOwnership(namespace, createNamespace, props.createNamespace !== undefined), undefined);
  errors.run(() => checkPorts(clientPort, busPort, props.busPort !== undefined, props.nodePort, withExternalService), undefined);
  errors.run(() => checkAuth(props, auth, authRef, withExternalService), undefined);
  errors.run(() => checkUsersPropsUsed(props), undefined);
  const usersConfigMapName = `${configMapName}${DEFAULTS.usersConfigMapSuffix}`;
  const users = props.users !== undefined
    ? errors.run(() => resolveUsers(props, authRef, metrics, usersConfigMapName, base.internalUsersSecret), undefined)
    : undefined;
  errors.run(() => checkNetworkSources(clientPodLabels, externalClientCidrs), undefined);
  if (topology !== undefined) errors.run(() => checkNodePorts(props, perPod, withExternalService, nodes), undefined);
  const busWarnings = errors.run(() => checkBusSources(props.externalBusCidrs, perPod), []);
  errors.run(() => checkMetrics(props, metrics, metricsPort, clientPort, busPort), undefined);
  errors.run(() => checkPlacement(props.nodeSelector, props.priorityClassName), undefined);
  errors.run(() => checkTolerations(props.tolerations), undefined);
  errors.run(() => checkTopologySpreadConstraints(props.topologySpreadConstraints), undefined);
  errors.run(() => checkStopTimings(preStopTimeoutSeconds, terminationGracePeriodSeconds), undefined);
  errors.run(() => checkStorage(storage), undefined);
  const checkedResources = errors.run(() => checkResources(
    props.cpuRequest ?? DEFAULTS.cpuRequest, props.memoryRequest ?? DEFAULTS.memoryRequest, props.cpuLimit, props.memoryLimit), undefined);
  errors.run(() => checkTimings(clusterNodeTimeoutMs, initWaitTimeoutSeconds), undefined);

  const dnsNames = tlsDnsNames({
    namespace,
    clusterDomain,
    podDomain,
    podFqdns,
    externalServiceNames: !withExternalService ? [] : perPod ? podNames.map((_, i) => `${externalServiceName}-${i}`) : [externalServiceName],
  });
  const tls = props.tls === undefined ? undefined : errors.run(() => resolveTls(props.tls!, {
    statefulSetName, clientPort, busPort, metricsPort: metrics ? metricsPort : undefined, externalServicePerPod: perPod, dnsNames,
  }), undefined);
  // One reload loop for every feature that reloads mounted files, as often as the most eager asks.
  const reloadIntervals = [users?.reloadIntervalSeconds, tls?.reloadIntervalSeconds].filter((s): s is number => s !== undefined);
  const reload = reloadIntervals.length > 0
    ? { intervalSeconds: Math.min(...reloadIntervals), acl: users !== undefined, tls: tls !== undefined }
    : undefined;

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
  }), tls ? tlsRedisConfig(tls, clientPort) : {});
  const configWarnings = errors.run(() => checkRedisConfig({
    userConfig: props.redisConfig ?? {},
    effectiveConfig: redisConfig,
    extraLines: extraRedisConfig,
    allowUnknownDirectives: props.allowUnknownDirectives ?? [],
    managed: MANAGED_DIRECTIVES,
    image,
    flavour: server,
    memoryLimit: checkedResources?.memoryLimit,
    replicasPerShard,
    clientPort,
    busPort,
    dataMountPath: layout.dataMountPath,
    auth,
    tls: tls !== undefined,
  }), []);
  errors.throwIfAny();
  const resources = checkedResources!.resources;
  const warnings = [...configWarnings, ...busWarnings];
  if (tls?.plainTextPort !== undefined) {
    warnings.push(`plain-text port ${tls.plainTextPort} open beside TLS (tls.plainTextPort): traffic on it is not encrypted; remove it once every client connects with TLS on ${clientPort}.`);
  }
  if (tls && !tls.certManager && perPod) {
    warnings.push(`TLS with externalServicePerPod: outside clients are redirected to Kubernetes node addresses, so the certificate in Secret ${tls.secretName} must cover those addresses too, or they fail hostname verification.`);
  }
  if (replicasPerShard === 0) {
    warnings.push('no replicas (replicasPerShard is 0): when a master fails, its hash slots stay unavailable until it comes back, and with cluster-require-full-coverage (the default) the whole cluster refuses queries meanwhile.');
  }
  if (storage.ephemeral) {
    warnings.push('ephemeral storage (RedisStorage.ephemeral()): every pod restart loses its data and its cluster membership; for development only.');
  }

  const labels = clusterLabels(statefulSetName);
  return {
    namespace,
    chartNamespace: context.chartNamespace,
    createNamespace,
    shards,
    replicasPerShard,
    nodes,
    image,
    server: server!,
    clusterDomain,
    clientPort,
    busPort,
    clusterNodeTimeoutMs,
    redisConfig,
    extraRedisConfig,
    auth: authRef,
    users,
    labels,
    clientPodLabels,
    podNames,
    podDomain,
    podFqdns,
    scale: scale!,
    nodeAddresses: podFqdns.slice(0, keptPods).map((fqdn) => `${fqdn}:${clientPort}`),
    drainAddresses: podFqdns.slice(keptPods).map((fqdn) => `${fqdn}:${clientPort}`),
    names: {
      statefulSet: statefulSetName,
      headlessService: headlessServiceName,
      externalService: externalServiceName,
      configMap: configMapName,
      podDisruptionBudget: statefulSetName,
      networkPolicy: statefulSetName,
      metricsService: `${statefulSetName}${DEFAULTS.metricsServiceSuffix}`,
      serviceMonitor: statefulSetName,
      initJobPrefix: base.initJobPrefix,
      dataClaim: DEFAULTS.dataClaimName,
      usersConfigMap: usersConfigMapName,
    },
    external: withExternalService
      ? {
        perPod,
        nodePort: props.nodePort,
        busNodePort: perPod ? props.busNodePort : undefined,
        clientCidrs: externalClientCidrs,
        busCidrs: perPod ? props.externalBusCidrs ?? [] : [],
      }
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
      pollIntervalSeconds: DEFAULTS.initPollIntervalSeconds,
      activeDeadlineSeconds: DEFAULTS.initActiveDeadlineSeconds,
      backoffLimit: DEFAULTS.initBackoffLimit,
      ttlSecondsAfterFinished: DEFAULTS.initTtlSecondsAfterFinished,
    },
    tls,
    tlsDnsNames: dnsNames,
    scriptFeatures: tls ? ['tls'] : [],
    reload,
    warnings,
    metadata: (name, objectLabels = labels.common) => ({ name, namespace, labels: objectLabels }),
  };
}

/** The names of a cluster before the per-object name props override them. */
export interface BaseNames {
  readonly statefulSet: string;
  readonly headlessService: string;
  readonly externalService: string;
  readonly configMap: string;
  readonly initJobPrefix: string;
  readonly authSecret: string;
  readonly internalUsersSecret: string;
}

/**
 * The names the name prop derives, `<name>` and `<name><suffix>`; without it, the seed's names,
 * so that an unset name changes nothing.
 */
export function baseNames(name: string | undefined): BaseNames {
  if (name === undefined) {
    return {
      statefulSet: DEFAULTS.statefulSetName,
      headlessService: DEFAULTS.headlessServiceName,
      externalService: DEFAULTS.externalServiceName,
      configMap: DEFAULTS.configMapName,
      initJobPrefix: DEFAULTS.initJobNamePrefix,
      authSecret: DEFAULTS.authSecretName,
      internalUsersSecret: DEFAULTS.internalUsersSecretName,
    };
  }
  const suffix = DEFAULTS.nameSuffixes;
  return {
    statefulSet: name,
    headlessService: `${name}${suffix.headlessService}`,
    externalService: `${name}${suffix.externalService}`,
    configMap: `${name}${suffix.configMap}`,
    initJobPrefix: `${name}${suffix.initJob}`,
    authSecret: `${name}${suffix.authSecret}`,
    internalUsersSecret: `${name}${suffix.internalUsersSecret}`,
  };
}

/**
 * The users props resolved: the users prop's users, the cluster's internal ones and `default`,
 * each with the Secret files holding its passwords and its ACL rules. Runs the user rules in order.
 */
export function resolveUsers(
  props: RedisClusterProps, authRef: AuthSecretRef | undefined, metrics: boolean, usersConfigMapName: string,
  defaultInternalSecretName: string = DEFAULTS.internalUsersSecretName,
): UsersSpec {
  checkUsersNeedAuth(authRef);
  const defaultUser = props.defaultUser ?? true;
  checkUsersShape(props.users, defaultUser);
  const internal = checkInternalUsers(props.internalUsers, metrics);
  checkUsersConfigMapName(usersConfigMapName);
  const secretName = internal.secretName ?? defaultInternalSecretName;

  const internalUser = (role: keyof typeof INTERNAL_USER_NAMES, keys: readonly string[] | undefined) => {
    const name = INTERNAL_USER_NAMES[role];
    const passwordKeys = checkPasswordKeys(`internalUsers.${role}Keys`, keys ?? [name]);
    const ref: InternalUserRef = { name, secretName, secretKey: passwordKeys[passwordKeys.length - 1] };
    const entry: UsersTemplateEntry = { name, passwordFiles: passwordKeys.map((k) => `${secretName}/${k}`), rules: aclRules(INTERNAL_USER_RULES[role]) };
    return { ref, entry };
  };
  const replication = internalUser('replication', internal.replicationKeys);
  const node = internalUser('node', internal.nodeKeys);
  const operator = internalUser('operator', internal.operatorKeys);
  const exporter = metrics ? internalUser('exporter', internal.exporterKeys) : undefined;

  const checked = props.users.map((user, i) => checkUser(i, user));
  checkUniqueUserNames(checked.map((c) => c.user));
  const userEntries = checked.map(({ user, passwordKeys }): UsersTemplateEntry => ({
    name: user.name, passwordFiles: passwordKeys.map((k) => `${user.secretName}/${k}`), rules: aclRules(user),
  }));

  const defaultEntry: UsersTemplateEntry = defaultUser
    ? { name: 'default', passwordFiles: [`${authRef.secretName}/${authRef.secretKey}`], rules: aclRules({ categories: ['all'], keys: ['*'], channels: ['*'] }) }
    : { name: 'default', passwordFiles: [], rules: aclRules({}, false) };

  const entries = [defaultEntry, replication.entry, node.entry, operator.entry, ...(exporter ? [exporter.entry] : []), ...userEntries];
  return {
    entries,
    secretNames: [...new Set(entries.flatMap((e) => e.passwordFiles.map((f) => f.slice(0, f.indexOf('/')))))].sort(),
    replication: replication.ref,
    node: node.ref,
    operator: operator.ref,
    exporter: exporter?.ref,
    defaultUser,
    templateMountPath: DEFAULTS.usersMountPath,
    secretsMountPath: DEFAULTS.secretsMountPath,
    aclFile: `${DEFAULTS.runtimeMountPath}/users.acl`,
    reloadIntervalSeconds: DEFAULTS.reloadIntervalSeconds,
  };
}

import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { markCluster, objectCollisions } from './_collisions';
import { WARNING_METADATA } from './_errors';
import { ClusterSpec, UsersSpec } from './cluster/cluster-spec';
import { RedisClusterProps } from './cluster/props';
import { resolve } from './cluster/resolve';
import { PUBLISHED_MANIFESTS_CONTEXT, ScalePlan } from './cluster/scale';
import { ResolvedTls } from './cluster/tls';
import { dataOnVolumeErrors } from './config/data-on-volume';
import { RedisConfig } from './config/redis-config';
import { CertManagerCertificate } from './k8s/certificate';
import { CONFIG_FILES, RedisConfigMap } from './k8s/config-map';
import { ExternalService } from './k8s/external-service';
import { HeadlessService } from './k8s/headless-service';
import { InitJob } from './k8s/init-job';
import { CertManagerIssuer } from './k8s/issuer';
import { MetricsService } from './k8s/metrics-service';
import { createRedisNamespace } from './k8s/namespace';
import { RedisNetworkPolicy } from './k8s/network-policy';
import { RedisPodDisruptionBudget } from './k8s/pod-disruption-budget';
import { ServiceMonitor } from './k8s/service-monitor';
import { RedisStatefulSet } from './k8s/stateful-set';
import { TlsCertificates } from './k8s/tls-certificates';
import { UsersConfigMap } from './k8s/users-config-map';

/**
 * A Redis Cluster on Kubernetes: a StatefulSet of `shards * (1 + replicasPerShard)` pods with
 * persistent volumes, the ConfigMap holding their redis.conf and scripts, a headless Service for
 * their stable names, an optional NodePort Service, and a Job that forms the cluster.
 *
 * It works in two steps: `resolve(props)` applies the defaults, checks every rule and derives every
 * name; the constructor then creates the parts in a fixed order (the order of the documents).
 */
export class RedisCluster extends Construct {
  /** The props resolved: every value and name the parts are made from. */
  public readonly spec: ClusterSpec;
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
  /** Whether a password is required. */
  public readonly auth: boolean;
  /** Labels that mark a pod as a client for the NetworkPolicy. */
  public readonly clientPodLabels: Record<string, string>;
  /** How many pods the StatefulSet runs and how many of them the cluster keeps (fewer while draining). */
  public readonly scale: ScalePlan;
  /** With users: every ACL user and where its passwords are. */
  public readonly users?: UsersSpec;

  public readonly configMap: RedisConfigMap;
  /** With users: the ConfigMap of the users template. */
  public readonly usersConfigMap?: UsersConfigMap;
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
  /** The tls prop, resolved; undefined without TLS. */
  public readonly tls?: ResolvedTls;
  /** With certificates from cert-manager: the Certificate, Issuers and CA objects. */
  public readonly tlsCertificates?: TlsCertificates;
  /** With certificates from cert-manager: the nodes' Certificate. */
  public readonly certificate?: CertManagerCertificate;
  /** With a private CA or caSecretName: the Issuers (and the CA Certificate) synthesized for it. */
  public readonly issuers: CertManagerIssuer[] = [];
  public readonly caCertificate?: CertManagerCertificate;

  constructor(scope: Construct, id: string, props: RedisClusterProps = {}) {
    super(scope, id);
    const spec = this.spec = resolve(props, {
      chartNamespace: Chart.of(this).namespace,
      publishedManifestsDir: this.node.tryGetContext(PUBLISHED_MANIFESTS_CONTEXT),
    });
    ({
      namespace: this.namespace, shards: this.shards, replicasPerShard: this.replicasPerShard, image: this.image,
      clusterDomain: this.clusterDomain, clientPort: this.clientPort, busPort: this.busPort, clusterNodeTimeoutMs: this.clusterNodeTimeoutMs,
      redisConfig: this.redisConfig, extraRedisConfig: this.extraRedisConfig, warnings: this.warnings, clientPodLabels: this.clientPodLabels,
      scale: this.scale,
    } = spec);
    this.auth = spec.auth !== undefined;
    this.tls = spec.tls;
    this.users = spec.users;

    if (spec.createNamespace) createRedisNamespace(this, { spec });
    this.configMap = new RedisConfigMap(this, 'Config', { spec });
    if (spec.users) this.usersConfigMap = new UsersConfigMap(this, 'UsersConfig', { spec });
    this.headlessService = new HeadlessService(this, 'HeadlessService', { spec });
    const storage = spec.storage.bind(this, spec.storageBind);
    spec.warnings.forEach((warning) => this.node.addMetadata(WARNING_METADATA, warning));
    this.statefulSet = new RedisStatefulSet(this, 'StatefulSet', {
      spec, headlessService: this.headlessService, configMap: this.configMap, storage, usersConfigMap: this.usersConfigMap,
    });
    if (spec.external?.perPod) {
      spec.podNames.forEach((_, ordinal) => this.externalServices.push(new ExternalService(this, `ExternalService${ordinal}`, { spec, ordinal })));
    } else if (spec.external) {
      this.externalService = new ExternalService(this, 'ExternalService', { spec });
      this.externalServices.push(this.externalService);
    }
    if (spec.podDisruptionBudget) this.podDisruptionBudget = new RedisPodDisruptionBudget(this, 'PodDisruptionBudget', { spec });
    if (spec.metrics) {
      this.metricsService = new MetricsService(this, 'MetricsService', { spec });
      if (spec.metrics.serviceMonitor) this.serviceMonitor = new ServiceMonitor(this, 'ServiceMonitor', { spec, service: this.metricsService });
    }
    this.initJob = new InitJob(this, 'InitJob', { spec, configMap: this.configMap });
    if (spec.tls?.certManager) {
      this.tlsCertificates = new TlsCertificates(this, 'Tls', { spec });
      ({ certificate: this.certificate, caCertificate: this.caCertificate } = this.tlsCertificates);
      this.issuers.push(...this.tlsCertificates.issuers);
    }
    if (spec.networkPolicy) this.networkPolicy = new RedisNetworkPolicy(this, 'NetworkPolicy', { spec });

    // The data directory and nodes.conf must be on the persistent volume, or a restarted pod
    // forgets its data and its cluster identity. Checked on the finished objects, which no single
    // prop decides.
    this.node.addValidation({
      validate: () => dataOnVolumeErrors(this.configMap.files[CONFIG_FILES.redisConf], this.statefulSet.statefulSet.toJson()),
    });
    // Two objects of one kind, name and namespace anywhere in the app are one object to the API
    // server. Each collision is reported once, by the cluster that owns the later object.
    markCluster(this);
    this.node.addValidation({
      validate: () => objectCollisions(this.node.root)
        .filter((c) => c.second.node.scopes.includes(this))
        .map((c) => c.message),
    });
  }

  /** Every pod's FQDN, in ordinal order. */
  public podFqdns(): string[] {
    return [...this.spec.podFqdns];
  }

  /**
   * The DNS names a TLS certificate must be valid for: every pod's FQDN, the headless Service
   * wildcard (with and without the cluster domain), and the client Services' names in every form a
   * client may use.
   */
  public tlsDnsNames(): string[] {
    return [...this.spec.tlsDnsNames];
  }

  /** `fqdn:port` of every node the cluster keeps, in ordinal order: what the init Job joins. */
  public nodeAddresses(): string[] {
    return [...this.spec.nodeAddresses];
  }
}

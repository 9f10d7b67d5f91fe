import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AuthSecretRef, authEnv, containerSecurityContext, podSecurityContext } from './_pod-security';
import { tlsEnv, tlsVolume, tlsVolumeMount } from './_tls-pod';
import { CONFIG_FILES, RedisConfigMap } from './config-map';
import { HeadlessService } from './headless-service';
import { StorageBinding } from './storage';
import { ResolvedTls } from './tls';

export interface RedisStatefulSetProps {
  /** `metadata.name`; pods are `<name>-0`, `<name>-1`, ... */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /**
   * Annotations of the StatefulSet object itself (not its pods, so changing them rolls nothing).
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /** Labels of the pods, and the StatefulSet's selector. */
  readonly selector: Record<string, string>;
  readonly replicas: number;
  readonly image: string;
  readonly uid: number;
  readonly gid: number;
  readonly clientPort: number;
  readonly busPort: number;
  readonly headlessService: HeadlessService;
  readonly configMap: RedisConfigMap;
  /** The data volume, as the storage strategy binds it. */
  readonly storage: StorageBinding;
  /** Name of the data volume (claim template or pod volume). */
  readonly dataClaimName: string;
  readonly dataMountPath: string;
  readonly configMountPath: string;
  /** A memory-backed scratch folder, for the auth include file. */
  readonly runtimeMountPath: string;
  /**
   * The password Secret.
   * @default - no auth
   */
  readonly auth?: AuthSecretRef;
  /** The cluster-config-file path, on the data volume. */
  readonly nodesConfPath: string;
  readonly clusterDomain: string;
  readonly resources: k8s.ResourceRequirements;
  readonly terminationGracePeriodSeconds: number;
  /** Bound of the preStop hook's planned failover; below terminationGracePeriodSeconds. */
  readonly preStopTimeoutSeconds: number;
  readonly peerResolveTimeoutSeconds: number;
  /** Where pods may and should run. */
  readonly placement: PodPlacement;
  /**
   * Containers beside Redis (the metrics exporter).
   * @default - none
   */
  readonly sidecars?: k8s.Container[];
  /**
   * Extra environment for the Redis container (outside-access announce settings).
   * @default - none
   */
  readonly extraEnv?: k8s.EnvVar[];
  /**
   * TLS: the certificate Secret is mounted, the scripts speak TLS, and a reloader loads renewed
   * certificates without a restart.
   * @default - no TLS
   */
  readonly tls?: ResolvedTls;
}

/** Scheduling constraints of the Redis pods. */
export interface PodPlacement {
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: k8s.Toleration[];
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];
  readonly priorityClassName?: string;
}

/**
 * The StatefulSet of Redis Cluster nodes: every master and every replica is one of its pods, each
 * with its own persistent volume and stable DNS name.
 *
 * Written with the L1 class: cdk8s-plus-27's StatefulSet has no volumeClaimTemplates, and its
 * container defaults (runAsNonRoot without a uid, a read-only root with nowhere to write, 1 CPU /
 * 512Mi requests, a TCP startup probe, imagePullPolicy Always) would all need overriding.
 */
export class RedisStatefulSet extends Construct {
  public readonly statefulSet: k8s.KubeStatefulSet;
  public readonly name: string;
  public readonly replicas: number;

  constructor(scope: Construct, id: string, props: RedisStatefulSetProps) {
    super(scope, id);
    this.name = props.name;
    this.replicas = props.replicas;
    const configVolume = 'config';
    const runtimeVolume = 'run';
    const script = (file: string) => `${props.configMountPath}/${file}`;
    const probe = (mode: string) => ({ exec: { command: ['sh', script(CONFIG_FILES.probeScript), mode] } });

    this.statefulSet = new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations },
      spec: {
        serviceName: props.headlessService.service.name,
        replicas: props.replicas,
        // Nodes start together: none waits for another to be Ready, which a cluster that is not
        // formed yet could never be. Rolling updates still go one pod at a time.
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'RollingUpdate' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        selector: { matchLabels: props.selector },
        template: {
          metadata: {
            labels: props.selector,
            annotations: { 'redis-cluster-cdk8s/config-checksum': props.configMap.checksum },
          },
          spec: {
            terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
            nodeSelector: props.placement.nodeSelector,
            tolerations: props.placement.tolerations,
            topologySpreadConstraints: props.placement.topologySpreadConstraints,
            priorityClassName: props.placement.priorityClassName,
            enableServiceLinks: false,
            automountServiceAccountToken: false,
            securityContext: podSecurityContext(props.uid, props.gid),
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [{
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchLabels: props.selector },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                }],
              },
            },
            containers: [{
              name: 'redis',
              image: props.image,
              imagePullPolicy: 'IfNotPresent',
              command: ['sh', script(CONFIG_FILES.startScript)],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'POD_DOMAIN', value: props.headlessService.podDomain(props.clusterDomain) },
                { name: 'REDIS_CONF', value: script(CONFIG_FILES.redisConf) },
                { name: 'REDIS_PORT', value: String(props.clientPort) },
                { name: 'NODES_CONF', value: props.nodesConfPath },
                { name: 'PEER_RESOLVE_TIMEOUT_SECONDS', value: String(props.peerResolveTimeoutSeconds) },
                { name: 'AUTH_CONF', value: `${props.runtimeMountPath}/auth.conf` },
                { name: 'PRESTOP_TIMEOUT_SECONDS', value: String(props.preStopTimeoutSeconds) },
                ...authEnv(props.auth),
                ...(props.extraEnv ?? []),
                ...tlsEnv(props.tls),
                ...(props.tls
                  ? [
                    { name: 'RELOADERS', value: CONFIG_FILES.reloadTlsScript },
                    { name: 'RELOAD_INTERVAL_SECONDS', value: String(props.tls.reloadIntervalSeconds) },
                    { name: 'RELOAD_STATE_DIR', value: props.runtimeMountPath },
                  ]
                  : []),
              ],
              ports: [
                { name: 'client', containerPort: props.clientPort, protocol: 'TCP' },
                { name: 'bus', containerPort: props.busPort, protocol: 'TCP' },
                ...(props.tls?.plainTextPort !== undefined ? [{ name: 'plain', containerPort: props.tls.plainTextPort, protocol: 'TCP' }] : []),
              ],
              resources: props.resources,
              securityContext: containerSecurityContext(props.uid, props.gid),
              volumeMounts: [
                { name: props.dataClaimName, mountPath: props.dataMountPath },
                { name: configVolume, mountPath: props.configMountPath, readOnly: true },
                { name: runtimeVolume, mountPath: props.runtimeMountPath },
                ...(props.tls ? [tlsVolumeMount(props.tls)] : []),
              ],
              // Up to 10 minutes to load a large AOF before liveness takes over.
              startupProbe: { ...probe('startup'), periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 120 },
              livenessProbe: { ...probe('liveness'), periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
              readinessProbe: { ...probe('readiness'), periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 2 },
              // A master stopped on purpose first hands its slots to a replica.
              lifecycle: { preStop: { exec: { command: ['sh', script(CONFIG_FILES.preStopScript)] } } },
            }, ...(props.sidecars ?? [])],
            volumes: [
              { name: configVolume, configMap: { name: props.configMap.configMap.name, defaultMode: 0o444 } },
              { name: runtimeVolume, emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Mi') } },
              ...props.storage.volumes,
              ...(props.tls ? [tlsVolume(props.tls)] : []),
            ],
          },
        },
        volumeClaimTemplates: props.storage.claimTemplates.length > 0 ? props.storage.claimTemplates : undefined,
      },
    });
  }

  /** Pod names in ordinal order. */
  public podNames(): string[] {
    return Array.from({ length: this.replicas }, (_, i) => `${this.name}-${i}`);
  }
}

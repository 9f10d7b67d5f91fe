import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AuthSecretRef, authEnv, containerSecurityContext, podSecurityContext } from './_pod-security';
import { UsersSpec } from './_users-resolve';
import { CONFIG_FILES, RedisConfigMap } from './config-map';
import { HeadlessService } from './headless-service';
import { StorageBinding } from './storage';
import { USERS_TEMPLATE_FILE, UsersConfigMap } from './users-config-map';

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
   * ACL users: the users template and the password Secrets are mounted, Redis loads the ACL file
   * assembled from them, and reloader.sh applies their changes. `auth` must then be unset: the
   * pod's own scripts connect as the node user.
   * @default - no ACL users
   */
  readonly users?: StatefulSetUsers;
}

/** What the Redis pods need to run with ACL users. */
export interface StatefulSetUsers {
  readonly spec: UsersSpec;
  readonly configMap: UsersConfigMap;
  readonly usersMountPath: string;
  readonly secretsMountPath: string;
  readonly reloadIntervalSeconds: number;
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
    const users = props.users;
    const aclFile = `${props.runtimeMountPath}/users.acl`;
    const secretVolume = (i: number) => `users-secret-${i}`;

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
                ...(users
                  ? [
                    { name: 'USERS_TEMPLATE', value: `${users.usersMountPath}/${USERS_TEMPLATE_FILE}` },
                    { name: 'SECRETS_DIR', value: users.secretsMountPath },
                    { name: 'ACL_FILE', value: aclFile },
                    { name: 'MASTER_USER', value: users.spec.replication.name },
                    { name: 'REDIS_CLI_USER', value: users.spec.node.name },
                    { name: 'REDIS_CLI_PASSWORD_FILE', value: `${aclFile}.cli` },
                    { name: 'RELOADERS', value: CONFIG_FILES.reloadAclScript },
                    { name: 'RELOAD_INTERVAL_SECONDS', value: String(users.reloadIntervalSeconds) },
                  ]
                  : []),
                ...(props.extraEnv ?? []),
              ],
              ports: [
                { name: 'client', containerPort: props.clientPort, protocol: 'TCP' },
                { name: 'bus', containerPort: props.busPort, protocol: 'TCP' },
              ],
              resources: props.resources,
              securityContext: containerSecurityContext(props.uid, props.gid),
              volumeMounts: [
                { name: props.dataClaimName, mountPath: props.dataMountPath },
                { name: configVolume, mountPath: props.configMountPath, readOnly: true },
                { name: runtimeVolume, mountPath: props.runtimeMountPath },
                ...(users
                  ? [
                    { name: 'users', mountPath: users.usersMountPath, readOnly: true },
                    ...users.spec.secretNames.map((name, i) => ({ name: secretVolume(i), mountPath: `${users.secretsMountPath}/${name}`, readOnly: true })),
                  ]
                  : []),
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
              // Whole Secrets and the users ConfigMap, without items: the kubelet then updates the
              // files in place when they change (it does not for subPath mounts or env vars).
              ...(users
                ? [
                  { name: 'users', configMap: { name: users.configMap.configMap.name, defaultMode: 0o444 } },
                  ...users.spec.secretNames.map((name, i) => ({ name: secretVolume(i), secret: { secretName: name, defaultMode: 0o440 } })),
                ]
                : []),
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

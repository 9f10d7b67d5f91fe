import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { metricsExporterContainer } from './_metrics-exporter';
import { authEnv, containerSecurityContext, podSecurityContext } from './_pod-security';
import { tlsEnv, tlsVolume, tlsVolumeMount } from './_tls-pod';
import { CONFIG_FILES, RedisConfigMap } from './config-map';
import { HeadlessService } from './headless-service';
import { USERS_TEMPLATE_FILE, UsersConfigMap } from './users-config-map';
import { ClusterSpec } from '../cluster/cluster-spec';
import { DRAINED_TO_ANNOTATION } from '../cluster/scale';
import { StorageBinding } from '../storage/storage';

export interface RedisStatefulSetProps {
  /** The resolved cluster: topology, image, ports, resources, placement, timings and warnings. */
  readonly spec: ClusterSpec;
  /** The headless Service that names the pods. */
  readonly headlessService: HeadlessService;
  /** redis.conf and the scripts, mounted read-only; its checksum rolls the pods. */
  readonly configMap: RedisConfigMap;
  /** The data volume, as the storage strategy binds it. */
  readonly storage: StorageBinding;
  /**
   * With users: the users template, mounted beside the password Secrets; Redis loads the ACL file
   * assembled from them, and reloader.sh applies their changes.
   * @default - no ACL users
   */
  readonly usersConfigMap?: UsersConfigMap;
}

/** The StatefulSet annotation that carries the warnings into the manifests. */
export const WARNINGS_ANNOTATION = 'redis-cluster-cdk8s/warnings';

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

  private readonly spec: ClusterSpec;

  constructor(scope: Construct, id: string, { spec, headlessService, configMap, storage, usersConfigMap }: RedisStatefulSetProps) {
    super(scope, id);
    this.spec = spec;
    this.name = spec.names.statefulSet;
    this.replicas = spec.nodes;
    const { layout, external, users } = spec;
    if (users && !usersConfigMap) {
      throw new Error('RedisStatefulSet needs the usersConfigMap when the spec has users');
    }
    const configVolume = 'config';
    const runtimeVolume = 'run';
    const script = (file: string) => `${layout.configMountPath}/${file}`;
    const probe = (mode: string) => ({ exec: { command: ['sh', script(CONFIG_FILES.probeScript), mode] } });
    const usersVolume = 'users';
    const secretVolume = (i: number) => `users-secret-${i}`;

    this.statefulSet = new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: { ...spec.metadata(this.name), annotations: statefulSetAnnotations(spec) },
      spec: {
        serviceName: headlessService.service.name,
        replicas: this.replicas,
        // Nodes start together: none waits for another to be Ready, which a cluster that is not
        // formed yet could never be. Rolling updates still go one pod at a time.
        podManagementPolicy: 'Parallel',
        // An image or redis.conf change replaces one pod at a time, highest ordinal first, and the
        // next only once the new one is Ready, which a replica is only once it has synced: a
        // master and its only in-sync replica are never down together. maxUnavailable is spelled
        // out because, where the MaxUnavailableStatefulSet feature is on, it could be raised.
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1), partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        selector: { matchLabels: spec.labels.server },
        template: {
          metadata: {
            labels: spec.labels.server,
            annotations: configMap.checksumAnnotation,
          },
          spec: {
            terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
            nodeSelector: spec.placement.nodeSelector,
            tolerations: spec.placement.tolerations,
            topologySpreadConstraints: spec.placement.topologySpreadConstraints,
            priorityClassName: spec.placement.priorityClassName,
            enableServiceLinks: false,
            automountServiceAccountToken: false,
            securityContext: podSecurityContext(layout.uid, layout.gid),
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [{
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchLabels: spec.labels.server },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                }],
              },
            },
            containers: [{
              name: 'redis',
              image: spec.image,
              imagePullPolicy: 'IfNotPresent',
              command: ['sh', script(CONFIG_FILES.startScript)],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'POD_DOMAIN', value: spec.podDomain },
                { name: 'REDIS_CONF', value: script(CONFIG_FILES.redisConf) },
                { name: 'REDIS_PORT', value: String(spec.clientPort) },
                { name: 'NODES_CONF', value: layout.nodesConfPath },
                { name: 'PEER_RESOLVE_TIMEOUT_SECONDS', value: String(spec.peerResolveTimeoutSeconds) },
                { name: 'AUTH_CONF', value: `${layout.runtimeMountPath}/auth.conf` },
                { name: 'PRESTOP_TIMEOUT_SECONDS', value: String(spec.preStopTimeoutSeconds) },
                // With ACL users, the pod's own scripts connect as the node user, with a password
                // file that reload-acl.sh keeps current, never with the default user's password.
                ...authEnv(users ? undefined : spec.auth),
                ...(users
                  ? [
                    { name: 'USERS_TEMPLATE', value: `${users.templateMountPath}/${USERS_TEMPLATE_FILE}` },
                    { name: 'SECRETS_DIR', value: users.secretsMountPath },
                    { name: 'ACL_FILE', value: users.aclFile },
                    { name: 'MASTER_USER', value: users.replication.name },
                    { name: 'REDIS_CLI_USER', value: users.node.name },
                    { name: 'REDIS_CLI_PASSWORD_FILE', value: `${users.aclFile}.cli` },
                  ]
                  : []),
                // One reload loop runs every pass: the ACL users', the TLS certificates', or both.
                ...(spec.reload
                  ? [
                    { name: 'RELOADERS', value: [...(spec.reload.acl ? [CONFIG_FILES.reloadAclScript] : []), ...(spec.reload.tls ? [CONFIG_FILES.reloadTlsScript] : [])].join(' ') },
                    { name: 'RELOAD_INTERVAL_SECONDS', value: String(spec.reload.intervalSeconds) },
                  ]
                  : []),
                // With a Service per pod, each node announces its Kubernetes node's address and its
                // own node ports; start-redis.sh adds the pod's ordinal to the bases.
                ...(external?.perPod
                  ? [
                    { name: 'ANNOUNCE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
                    { name: 'ANNOUNCE_PORT_BASE', value: String(external.nodePort) },
                    { name: 'ANNOUNCE_BUS_PORT_BASE', value: String(external.busNodePort) },
                  ]
                  : []),
                ...tlsEnv(spec.tls),
                ...(spec.tls ? [{ name: 'RELOAD_STATE_DIR', value: layout.runtimeMountPath }] : []),
              ],
              ports: [
                { name: 'client', containerPort: spec.clientPort, protocol: 'TCP' },
                { name: 'bus', containerPort: spec.busPort, protocol: 'TCP' },
                ...(spec.tls?.plainTextPort !== undefined ? [{ name: 'plain', containerPort: spec.tls.plainTextPort, protocol: 'TCP' }] : []),
              ],
              resources: spec.resources,
              securityContext: containerSecurityContext(layout.uid, layout.gid),
              volumeMounts: [
                { name: spec.names.dataClaim, mountPath: layout.dataMountPath },
                { name: configVolume, mountPath: layout.configMountPath, readOnly: true },
                { name: runtimeVolume, mountPath: layout.runtimeMountPath },
                ...(users
                  ? [
                    { name: usersVolume, mountPath: users.templateMountPath, readOnly: true },
                    ...users.secretNames.map((name, i) => ({ name: secretVolume(i), mountPath: `${users.secretsMountPath}/${name}`, readOnly: true })),
                  ]
                  : []),
                ...(spec.tls ? [tlsVolumeMount(spec.tls)] : []),
              ],
              // Up to 10 minutes to load a large AOF before liveness takes over.
              startupProbe: { ...probe('startup'), periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 120 },
              livenessProbe: { ...probe('liveness'), periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
              readinessProbe: { ...probe('readiness'), periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 2 },
              // A master stopped on purpose first hands its slots to a replica.
              lifecycle: { preStop: { exec: { command: ['sh', script(CONFIG_FILES.preStopScript)] } } },
            }, ...(spec.metrics ? [metricsExporterContainer(spec)] : [])],
            volumes: [
              configMap.volume(configVolume),
              { name: runtimeVolume, emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Mi') } },
              ...storage.volumes,
              // Whole Secrets and the users ConfigMap, without items: the kubelet then updates the
              // files in place when they change (it does not for subPath mounts or env vars).
              ...(users && usersConfigMap
                ? [
                  usersConfigMap.volume(usersVolume),
                  ...users.secretNames.map((name, i) => ({ name: secretVolume(i), secret: { secretName: name, defaultMode: 0o440 } })),
                ]
                : []),
              ...(spec.tls ? [tlsVolume(spec.tls)] : []),
            ],
          },
        },
        volumeClaimTemplates: storage.claimTemplates.length > 0 ? storage.claimTemplates : undefined,
      },
    });
  }

  /** Pod names in ordinal order. */
  public podNames(): string[] {
    return [...this.spec.podNames];
  }
}

/** The warnings, and the size a declared drain keeps (read back from the published manifests). */
function statefulSetAnnotations(spec: ClusterSpec): Record<string, string> | undefined {
  const annotations: Record<string, string> = {
    ...(spec.warnings.length > 0 ? { [WARNINGS_ANNOTATION]: spec.warnings.join('\n') } : {}),
    ...(spec.scale.draining ? { [DRAINED_TO_ANNOTATION]: String(spec.scale.keptPods) } : {}),
  };
  return Object.keys(annotations).length > 0 ? annotations : undefined;
}

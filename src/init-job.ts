import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { shortHash } from './_hash';
import { AuthSecretRef, authEnv, containerSecurityContext, podSecurityContext } from './_pod-security';
import { CONFIG_FILES, RedisConfigMap } from './config-map';

export interface InitJobProps {
  /** The Job is named `<namePrefix>-<hash of its spec>`. */
  readonly namePrefix: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly image: string;
  readonly uid: number;
  readonly gid: number;
  /** `host:port` of every node the cluster keeps, in pod ordinal order. */
  readonly nodeAddresses: readonly string[];
  /**
   * `host:port` of the pods being drained (scale in, step 1): their slots move to the kept nodes
   * and the cluster forgets them.
   * @default - none
   */
  readonly drainAddresses?: readonly string[];
  readonly replicasPerShard: number;
  readonly configMap: RedisConfigMap;
  readonly configMountPath: string;
  readonly waitTimeoutSeconds: number;
  readonly activeDeadlineSeconds: number;
  readonly backoffLimit: number;
  readonly ttlSecondsAfterFinished: number;
  /**
   * The password Secret.
   * @default - no auth
   */
  readonly auth?: AuthSecretRef;
}

/**
 * The Job that forms the cluster from the pods (`redis-cli --cluster create`) and brings a running
 * cluster to the topology it lists: new pods join, slots move with their keys, replicas attach to
 * the masters with the fewest, and a drain empties the pods that are about to go.
 *
 * Its container lists every node's FQDN in its arguments, so a reviewer sees exactly what is
 * joined. The script it runs waits for the nodes, creates nothing when the cluster already exists,
 * and verifies the result, so the Job is safe under a plain `kubectl apply` and safe to re-run.
 *
 * A Job's pod template cannot be changed once created, so the Job's name ends in a hash of its
 * spec: applying the same manifests again is a no-op, applying changed ones runs a new Job.
 *
 * Written with the L1 class for the same reasons as the StatefulSet: cdk8s-plus-27's container
 * defaults do not fit the Redis image.
 */
export class InitJob extends Construct {
  public readonly job: k8s.KubeJob;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: InitJobProps) {
    super(scope, id);
    const configVolume = 'config';
    const spec: k8s.JobSpec = {
      backoffLimit: props.backoffLimit,
      activeDeadlineSeconds: props.activeDeadlineSeconds,
      ttlSecondsAfterFinished: props.ttlSecondsAfterFinished,
      template: {
        metadata: {
          labels: props.labels,
          annotations: { 'redis-cluster-cdk8s/config-checksum': props.configMap.checksum },
        },
        spec: {
          restartPolicy: 'Never',
          enableServiceLinks: false,
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(props.uid, props.gid),
          containers: [{
            name: 'init-cluster',
            image: props.image,
            imagePullPolicy: 'IfNotPresent',
            command: ['sh', `${props.configMountPath}/${CONFIG_FILES.initScript}`],
            args: [
              '--cluster-replicas', String(props.replicasPerShard), ...props.nodeAddresses,
              ...((props.drainAddresses ?? []).length > 0 ? ['--drain', ...props.drainAddresses!] : []),
            ],
            env: [{ name: 'WAIT_TIMEOUT_SECONDS', value: String(props.waitTimeoutSeconds) }, ...authEnv(props.auth)],
            resources: {
              requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('32Mi') },
              limits: { memory: k8s.Quantity.fromString('128Mi') },
            },
            securityContext: containerSecurityContext(props.uid, props.gid),
            volumeMounts: [{ name: configVolume, mountPath: props.configMountPath, readOnly: true }],
          }],
          volumes: [
            { name: configVolume, configMap: { name: props.configMap.configMap.name, defaultMode: 0o444 } },
          ],
        },
      },
    };
    this.name = `${props.namePrefix}-${shortHash(spec)}`;
    this.job = new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels },
      spec,
    });
  }
}

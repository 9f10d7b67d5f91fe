import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { shortHash } from '../_hash';
import { authEnv, containerSecurityContext, podSecurityContext } from './_pod-security';
import { tlsEnv, tlsVolume, tlsVolumeMount } from './_tls-pod';
import { CONFIG_FILES, RedisConfigMap } from './config-map';
import { ClusterSpec } from '../cluster/cluster-spec';
import { DEFAULTS } from '../cluster/defaults';

export interface InitJobProps {
  /** The resolved cluster: the node addresses it joins, replicas per master, image and timings. */
  readonly spec: ClusterSpec;
  /** The ConfigMap holding the init script; its checksum is part of the Job's name. */
  readonly configMap: RedisConfigMap;
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

  constructor(scope: Construct, id: string, { spec: cluster, configMap }: InitJobProps) {
    super(scope, id);
    const configVolume = 'config';
    const { layout, initJob } = cluster;
    const spec: k8s.JobSpec = {
      backoffLimit: initJob.backoffLimit,
      activeDeadlineSeconds: initJob.activeDeadlineSeconds,
      ttlSecondsAfterFinished: initJob.ttlSecondsAfterFinished,
      template: {
        metadata: {
          labels: cluster.labels.init,
          annotations: configMap.checksumAnnotation,
        },
        spec: {
          restartPolicy: 'Never',
          enableServiceLinks: false,
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(layout.uid, layout.gid),
          containers: [{
            name: 'init-cluster',
            image: cluster.image,
            imagePullPolicy: 'IfNotPresent',
            command: ['sh', `${layout.configMountPath}/${CONFIG_FILES.initScript}`],
            args: [
              '--cluster-replicas', String(cluster.replicasPerShard), ...cluster.nodeAddresses,
              ...(cluster.drainAddresses.length > 0 ? ['--drain', ...cluster.drainAddresses] : []),
            ],
            env: [
              { name: 'WAIT_TIMEOUT_SECONDS', value: String(initJob.waitTimeoutSeconds) },
              { name: 'POLL_INTERVAL_SECONDS', value: String(initJob.pollIntervalSeconds) },
              // With ACL users, the Job connects as the operator user, with its newest password.
              ...authEnv(cluster.users?.operator ?? cluster.auth),
              ...(cluster.users ? [{ name: 'REDIS_CLI_USER', value: cluster.users.operator.name }] : []),
              ...tlsEnv(cluster.tls),
            ],
            resources: {
              requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('32Mi') },
              limits: { memory: k8s.Quantity.fromString('128Mi') },
            },
            securityContext: containerSecurityContext(layout.uid, layout.gid),
            volumeMounts: [
              { name: configVolume, mountPath: layout.configMountPath, readOnly: true },
              ...(cluster.tls ? [tlsVolumeMount(cluster.tls)] : []),
            ],
          }],
          volumes: [configMap.volume(configVolume), ...(cluster.tls ? [tlsVolume(cluster.tls)] : [])],
        },
      },
    };
    this.name = `${cluster.names.initJobPrefix}-${shortHash(spec, DEFAULTS.initJobHashLength)}`;
    this.job = new k8s.KubeJob(this, 'Resource', {
      metadata: cluster.metadata(this.name, cluster.labels.init),
      spec,
    });
  }
}

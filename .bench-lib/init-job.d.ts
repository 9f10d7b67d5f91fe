import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AuthSecretRef } from './_pod-security';
import { RedisConfigMap } from './config-map';
export interface InitJobProps {
    /** The Job is named `<namePrefix>-<hash of its spec>`. */
    readonly namePrefix: string;
    readonly namespace: string;
    readonly labels: Record<string, string>;
    readonly image: string;
    readonly uid: number;
    readonly gid: number;
    /** `host:port` of every node, in pod ordinal order. */
    readonly nodeAddresses: readonly string[];
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
 * The Job that joins the pods into a cluster with `redis-cli --cluster create`.
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
export declare class InitJob extends Construct {
    readonly job: k8s.KubeJob;
    readonly name: string;
    constructor(scope: Construct, id: string, props: InitJobProps);
}

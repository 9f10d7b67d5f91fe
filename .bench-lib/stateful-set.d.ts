import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AuthSecretRef } from './_pod-security';
import { RedisConfigMap } from './config-map';
import { HeadlessService } from './headless-service';
import { StorageBinding } from './storage';
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
export declare class RedisStatefulSet extends Construct {
    readonly statefulSet: k8s.KubeStatefulSet;
    readonly name: string;
    readonly replicas: number;
    constructor(scope: Construct, id: string, props: RedisStatefulSetProps);
    /** Pod names in ordinal order. */
    podNames(): string[];
}

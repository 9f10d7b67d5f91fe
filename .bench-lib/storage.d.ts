import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
/**
 * The access modes a Redis data volume may have. ReadOnlyMany is left out: Redis writes its AOF,
 * RDB and nodes.conf.
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
 */
export declare const DATA_ACCESS_MODES: readonly ["ReadWriteOnce", "ReadWriteOncePod", "ReadWriteMany"];
/** Size and access modes of each pod's data volume. */
export interface VolumeOptions {
    /**
     * Size of each pod's data volume, as a Kubernetes quantity of whole bytes (e.g. '1Gi', '200M').
     * @default '200M'
     * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
     */
    readonly size?: string;
    /**
     * Access modes of each claim: ReadWriteOnce, ReadWriteOncePod or ReadWriteMany. One pod uses
     * each volume, so ReadWriteOnce is enough; NFS also accepts the seed's ReadWriteMany.
     * @default ['ReadWriteOnce']
     * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
     */
    readonly accessModes?: readonly string[];
}
/** Options for volumes provisioned by an existing StorageClass. */
export interface StorageClassStorageOptions extends VolumeOptions {
    /**
     * The StorageClass that provisions each pod's data volume: a cloud disk class, local-path, or
     * the seed's `nfs-client`. A DNS-1123 subdomain, or '' to bind pre-provisioned volumes.
     * @default 'nfs-client'
     * @see https://kubernetes.io/docs/concepts/storage/storage-classes/
     */
    readonly storageClassName?: string;
}
/** Where an NFS export is. */
export interface NfsExportOptions extends VolumeOptions {
    /** NFS server: host name or IP address. */
    readonly server: string;
    /** Exported path on the server, e.g. `/exports/redis`. */
    readonly path: string;
}
/** Options for the NFS dynamic provisioner. */
export interface DynamicNfsStorageOptions extends NfsExportOptions {
    /**
     * Name of the StorageClass the provisioner serves.
     * @default 'nfs-client'
     */
    readonly storageClassName?: string;
    /**
     * Namespace the provisioner runs in.
     * @default 'nfs-provisioner'
     */
    readonly provisionerNamespace?: string;
    /**
     * Whether to synthesize the provisioner's Namespace.
     * @default true
     */
    readonly createProvisionerNamespace?: boolean;
    /**
     * Image of nfs-subdir-external-provisioner, pinned.
     * @default 'registry.k8s.io/sig-storage/nfs-subdir-external-provisioner:v4.0.2'
     */
    readonly provisionerImage?: string;
}
/** What the StatefulSet needs to know to bind its storage. */
export interface StorageBindOptions {
    /** Namespace of the StatefulSet and its claims. */
    readonly namespace: string;
    /** Name of the data volume: the claim template's, or the pod volume's. */
    readonly claimName: string;
    readonly statefulSetName: string;
    /** Pod count of the StatefulSet. */
    readonly replicas: number;
    readonly labels: Record<string, string>;
}
/** How the StatefulSet gets its data volume. */
export interface StorageBinding {
    /** volumeClaimTemplates of the StatefulSet. */
    readonly claimTemplates: k8s.KubePersistentVolumeClaimProps[];
    /** Pod volumes, for storage that is not claimed. */
    readonly volumes: k8s.Volume[];
    /** True when the data does not outlive the pod. */
    readonly ephemeral: boolean;
}
/**
 * How each Redis pod keeps its data. Choose a strategy with a static factory method:
 *
 * - `fromStorageClass()`: claims provisioned by an existing StorageClass (cloud disks,
 *   local-path, an NFS class you already have). The production choice, with block storage.
 * - `dynamicNfs()`: the seed's setup: the NFS subdirectory provisioner and its StorageClass,
 *   synthesized too.
 * - `staticNfs()`: one PersistentVolume per pod on an NFS export, bound to exactly its claim.
 * - `ephemeral()`: emptyDir, for development only: every restart loses the data.
 */
export declare abstract class RedisStorage {
    /** Claims provisioned by an existing StorageClass. */
    static fromStorageClass(options?: StorageClassStorageOptions): RedisStorage;
    /** The NFS subdirectory provisioner, its StorageClass, and claims from it. */
    static dynamicNfs(options: DynamicNfsStorageOptions): RedisStorage;
    /** One PersistentVolume per pod at `<path>/<pod name>`, reserved for that pod's claim. */
    static staticNfs(options: NfsExportOptions): RedisStorage;
    /**
     * emptyDir volumes. FOR DEVELOPMENT ONLY: a pod that is re-created, rescheduled or evicted
     * starts empty, and a cluster whose pods all restart loses all its data and its membership.
     */
    static ephemeral(): RedisStorage;
    /** Creates whatever the strategy needs under `scope` and says how the pods get their volume. */
    abstract bind(scope: Construct, options: StorageBindOptions): StorageBinding;
}

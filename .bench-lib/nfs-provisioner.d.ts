import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
export interface NfsProvisionerProps {
    /** NFS server: host name or IP address. */
    readonly server: string;
    /** Exported path on the server; each claim gets a subdirectory of it. */
    readonly path: string;
    /** Name of the StorageClass it serves. */
    readonly storageClassName: string;
    /** Namespace the provisioner runs in (not the Redis namespace: it needs an nfs volume). */
    readonly namespace: string;
    /** Whether to synthesize that Namespace. */
    readonly createNamespace: boolean;
    /** The provisioner's image, pinned. */
    readonly image: string;
    readonly labels: Record<string, string>;
}
/** The provisioner name the StorageClass and the provisioner agree on. */
export declare const NFS_PROVISIONER_NAME = "k8s-sigs.io/nfs-subdir-external-provisioner";
/**
 * The seed's first step, "create the NFS dynamic StorageClass": the standard NFS subdirectory
 * provisioner (kubernetes-sigs/nfs-subdir-external-provisioner) with least-privilege RBAC, and the
 * StorageClass it serves. Each claim becomes a subdirectory of the export.
 *
 * It runs in its own namespace because its pod mounts an nfs volume, which the "restricted" Pod
 * Security Standard of the Redis namespace does not allow.
 *
 * Written with the L1 classes: the RBAC rules are the provisioner's documented ones, verbatim, and
 * the Deployment's container must keep the image's defaults.
 *
 * @see https://github.com/kubernetes-sigs/nfs-subdir-external-provisioner
 */
export declare class NfsProvisioner extends Construct {
    readonly storageClass: k8s.KubeStorageClass;
    constructor(scope: Construct, id: string, props: NfsProvisionerProps);
}

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
export const NFS_PROVISIONER_NAME = 'k8s-sigs.io/nfs-subdir-external-provisioner';

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
export class NfsProvisioner extends Construct {
  public readonly storageClass: k8s.KubeStorageClass;

  constructor(scope: Construct, id: string, props: NfsProvisionerProps) {
    super(scope, id);
    const name = 'nfs-client-provisioner';
    const ns = props.namespace;
    const labels = { ...props.labels, 'app.kubernetes.io/component': 'nfs-provisioner' };

    if (props.createNamespace) {
      // "baseline" allows the nfs volume that "restricted" does not.
      new k8s.KubeNamespace(this, 'Namespace', {
        metadata: { name: ns, labels: { ...props.labels, 'pod-security.kubernetes.io/enforce': 'baseline' } },
      });
    }
    const account = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name, namespace: ns, labels } });
    const runner = new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: `${name}-runner`, labels },
      rules: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch', 'update'] },
        { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'update', 'patch'] },
      ],
    });
    const subject = { kind: 'ServiceAccount', name: account.name, namespace: ns };
    new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: `run-${name}`, labels },
      subjects: [subject],
      roleRef: { kind: 'ClusterRole', name: runner.name, apiGroup: 'rbac.authorization.k8s.io' },
    });
    // Leader election, in its own namespace only.
    const locking = new k8s.KubeRole(this, 'Role', {
      metadata: { name: `leader-locking-${name}`, namespace: ns, labels },
      rules: [{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] }],
    });
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { name: `leader-locking-${name}`, namespace: ns, labels },
      subjects: [subject],
      roleRef: { kind: 'Role', name: locking.name, apiGroup: 'rbac.authorization.k8s.io' },
    });

    new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: account.name,
            containers: [{
              name: 'nfs-client-provisioner',
              image: props.image,
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'PROVISIONER_NAME', value: NFS_PROVISIONER_NAME },
                { name: 'NFS_SERVER', value: props.server },
                { name: 'NFS_PATH', value: props.path },
              ],
              resources: {
                requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') },
                limits: { memory: k8s.Quantity.fromString('128Mi') },
              },
              volumeMounts: [{ name: 'nfs-client-root', mountPath: '/persistentvolumes' }],
            }],
            volumes: [{ name: 'nfs-client-root', nfs: { server: props.server, path: props.path } }],
          },
        },
      },
    });

    this.storageClass = new k8s.KubeStorageClass(this, 'StorageClass', {
      metadata: { name: props.storageClassName, labels },
      provisioner: NFS_PROVISIONER_NAME,
      // Keep the data when a claim is deleted: a Redis volume is never disposable.
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'Immediate',
      parameters: { archiveOnDelete: 'true' },
    });
  }
}

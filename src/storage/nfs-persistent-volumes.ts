import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

export interface NfsPersistentVolumesProps {
  /** NFS server: host name or IP address. */
  readonly server: string;
  /** Exported path; pod N's volume is `<path>/<pod N's name>`. */
  readonly path: string;
  readonly size: string;
  readonly accessModes: readonly string[];
  /** Namespace of the claims. */
  readonly namespace: string;
  readonly claimName: string;
  readonly statefulSetName: string;
  readonly replicas: number;
  readonly labels: Record<string, string>;
}

/**
 * The seed's "create PV" step done so that each volume can only ever serve one pod: one
 * PersistentVolume per pod, on `<path>/<pod name>`, reserved with `claimRef` for exactly the claim
 * the StatefulSet creates for that pod (`<claim>-<statefulset>-<ordinal>`). Reclaim policy Retain
 * keeps the data when a claim is deleted; the empty storage class keeps a default StorageClass
 * from provisioning the claims instead.
 */
export class NfsPersistentVolumes extends Construct {
  public readonly volumes: k8s.KubePersistentVolume[] = [];

  constructor(scope: Construct, id: string, props: NfsPersistentVolumesProps) {
    super(scope, id);
    for (let ordinal = 0; ordinal < props.replicas; ordinal++) {
      const pod = `${props.statefulSetName}-${ordinal}`;
      const claim = `${props.claimName}-${pod}`;
      this.volumes.push(new k8s.KubePersistentVolume(this, `Volume${ordinal}`, {
        // Volumes are cluster-scoped: the namespace in the name keeps two clusters apart.
        metadata: { name: `${props.namespace}-${claim}`, labels: props.labels },
        spec: {
          capacity: { storage: k8s.Quantity.fromString(props.size) },
          accessModes: [...props.accessModes],
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: '',
          nfs: { server: props.server, path: `${props.path.replace(/\/+$/, '')}/${pod}` },
          claimRef: { namespace: props.namespace, name: claim },
        },
      }));
    }
  }
}

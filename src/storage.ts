import { k8s } from 'cdk8s-plus-27';
import { DEFAULTS } from './_defaults';

/** Options for data volumes provisioned from an existing StorageClass. */
export interface StorageClassStorageOptions {
  /**
   * The StorageClass that provisions each pod's data volume.
   * @default 'nfs-client' (the seed's NFS dynamic provisioner)
   * @see https://kubernetes.io/docs/concepts/storage/storage-classes/
   */
  readonly storageClassName?: string;

  /**
   * Size of each pod's data volume, as a Kubernetes quantity.
   * @default '200M'
   * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
   */
  readonly size?: string;

  /**
   * Access modes of each claim. One pod uses each volume, so ReadWriteOnce is enough; NFS also
   * accepts the seed's ReadWriteMany.
   * @default ['ReadWriteMany']
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
   */
  readonly accessModes?: readonly string[];
}

/**
 * How each Redis pod keeps its data. Choose a strategy with a static factory method; the
 * StatefulSet asks it for its volume claim templates.
 */
export abstract class RedisStorage {
  /** A claim per pod, provisioned by an existing StorageClass. */
  public static fromStorageClass(options: StorageClassStorageOptions = {}): RedisStorage {
    return new StorageClassStorage(options);
  }

  /**
   * The StatefulSet's volume claim templates. The one named `claimName` is mounted as the data
   * directory.
   */
  public abstract claimTemplates(claimName: string, labels: Record<string, string>): k8s.KubePersistentVolumeClaimProps[];
}

class StorageClassStorage extends RedisStorage {
  public readonly storageClassName: string;
  public readonly size: string;
  public readonly accessModes: readonly string[];

  constructor(options: StorageClassStorageOptions) {
    super();
    this.storageClassName = options.storageClassName ?? DEFAULTS.storageClassName;
    this.size = options.size ?? DEFAULTS.storageSize;
    this.accessModes = options.accessModes ?? DEFAULTS.accessModes;
  }

  public claimTemplates(claimName: string, labels: Record<string, string>): k8s.KubePersistentVolumeClaimProps[] {
    return [{
      metadata: { name: claimName, labels },
      spec: {
        accessModes: [...this.accessModes],
        storageClassName: this.storageClassName,
        resources: { requests: { storage: k8s.Quantity.fromString(this.size) } },
      },
    }];
  }
}

import { k8s } from 'cdk8s-plus-27';
import { DEFAULTS } from './_defaults';
import { show, ValidationError } from './_errors';
import { checkDnsSubdomain, checkKnownKeys, checkQuantity } from './_validate';

/**
 * The access modes a Redis data volume may have. ReadOnlyMany is left out: Redis writes its AOF,
 * RDB and nodes.conf.
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
 */
export const DATA_ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany'] as const;

/** Options for data volumes provisioned from an existing StorageClass. */
export interface StorageClassStorageOptions {
  /**
   * The StorageClass that provisions each pod's data volume: a DNS-1123 subdomain, or '' to bind
   * pre-provisioned volumes without dynamic provisioning.
   * @default 'nfs-client' (the seed's NFS dynamic provisioner)
   * @see https://kubernetes.io/docs/concepts/storage/storage-classes/
   */
  readonly storageClassName?: string;

  /**
   * Size of each pod's data volume, as a Kubernetes quantity of whole bytes (e.g. '1Gi', '200M').
   * @default '200M'
   * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
   */
  readonly size?: string;

  /**
   * Access modes of each claim: ReadWriteOnce, ReadWriteOncePod or ReadWriteMany. One pod uses
   * each volume, so ReadWriteOnce is enough; NFS also accepts the seed's ReadWriteMany.
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

const STORAGE_OPTION_NAMES = Object.keys({
  storageClassName: true, size: true, accessModes: true,
} satisfies Record<keyof StorageClassStorageOptions, true>);

class StorageClassStorage extends RedisStorage {
  public readonly storageClassName: string;
  public readonly size: string;
  public readonly accessModes: readonly string[];

  constructor(options: StorageClassStorageOptions) {
    super();
    if (options === null || typeof options !== 'object') {
      throw new ValidationError(`RedisStorage.fromStorageClass() options must be an object, got ${show(options)}: e.g. { size: '1Gi' }`);
    }
    checkKnownKeys('RedisStorage.fromStorageClass() options', options, STORAGE_OPTION_NAMES);
    this.storageClassName = options.storageClassName ?? DEFAULTS.storageClassName;
    this.size = options.size ?? DEFAULTS.storageSize;
    this.accessModes = options.accessModes ?? DEFAULTS.accessModes;

    if (this.storageClassName !== '') {
      checkDnsSubdomain('storage.storageClassName', this.storageClassName, 'it names a StorageClass');
    }
    checkQuantity('storage.size', this.size, 'storage');
    const modes: unknown = this.accessModes;
    if (!Array.isArray(modes) || modes.length === 0) {
      throw new ValidationError(`storage.accessModes must list at least one access mode, got ${show(modes)}: use ['ReadWriteOnce']`);
    }
    modes.forEach((mode: unknown, i) => {
      if (mode === 'ReadOnlyMany') {
        throw new ValidationError(`storage.accessModes[${i}] is 'ReadOnlyMany', but Redis writes its data to the volume: use 'ReadWriteOnce'`);
      }
      if (!(DATA_ACCESS_MODES as readonly unknown[]).includes(mode)) {
        throw new ValidationError(`storage.accessModes[${i}] must be one of ${DATA_ACCESS_MODES.join(', ')}, got ${show(mode)}: use 'ReadWriteOnce' (modes are case-sensitive)`);
      }
      if (modes.indexOf(mode) !== i) {
        throw new ValidationError(`storage.accessModes lists ${show(mode)} twice: list each mode once`);
      }
    });
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

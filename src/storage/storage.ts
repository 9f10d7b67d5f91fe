import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { show, ValidationError } from '../_errors';
import { checkBoolean, checkDnsLabel, checkDnsSubdomain, checkImage, checkKnownKeys, checkQuantity } from '../_validate';
import { NfsPersistentVolumes } from './nfs-persistent-volumes';
import { NfsProvisioner } from './nfs-provisioner';
import { DEFAULTS } from '../cluster/defaults';

/**
 * The access modes a Redis data volume may have. ReadOnlyMany is left out: Redis writes its AOF,
 * RDB and nodes.conf.
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
 */
export const DATA_ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany'] as const;

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
   * Image of nfs-subdir-external-provisioner, pinned to a full version (`v4.0.2`) or a digest.
   * @default 'registry.k8s.io/sig-storage/nfs-subdir-external-provisioner:v4.0.2'
   */
  readonly provisionerImage?: string;

  /**
   * Accept a provisionerImage tag that moves (`v4`, `v4.0`): the provisioner pod, when restarted
   * later, then runs whatever release the tag names by then.
   * @default false
   */
  readonly allowMovingProvisionerImageTag?: boolean;
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
export abstract class RedisStorage {
  /** Claims provisioned by an existing StorageClass. */
  public static fromStorageClass(options: StorageClassStorageOptions = {}): RedisStorage {
    return new StorageClassStorage(options);
  }

  /** The NFS subdirectory provisioner, its StorageClass, and claims from it. */
  public static dynamicNfs(options: DynamicNfsStorageOptions): RedisStorage {
    return new DynamicNfsStorage(options);
  }

  /** One PersistentVolume per pod at `<path>/<pod name>`, reserved for that pod's claim. */
  public static staticNfs(options: NfsExportOptions): RedisStorage {
    return new StaticNfsStorage(options);
  }

  /**
   * emptyDir volumes. FOR DEVELOPMENT ONLY: a pod that is re-created, rescheduled or evicted
   * starts empty, and a cluster whose pods all restart loses all its data and its membership.
   */
  public static ephemeral(): RedisStorage {
    return new EphemeralStorage();
  }

  /** True when the data does not outlive the pod (a warning says so). */
  public get ephemeral(): boolean {
    return false;
  }

  /** Creates whatever the strategy needs under `scope` and says how the pods get their volume. */
  public abstract bind(scope: Construct, options: StorageBindOptions): StorageBinding;
}

/** Checks an options object: an object, with no unknown keys (a typo from JSON). */
function checkOptions(what: string, options: unknown, known: readonly string[]): void {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError(`${what} options must be an object, got ${show(options)}: e.g. { size: '1Gi' }`);
  }
  checkKnownKeys(`${what} options`, options, known);
}

/** Checks size and access modes, as the API server and Redis need them. */
function checkVolume(options: VolumeOptions): void {
  checkQuantity('storage.size', options.size ?? DEFAULTS.storageSize, 'storage');
  const modes: unknown = options.accessModes ?? DEFAULTS.accessModes;
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

function checkStorageClassName(field: string, name: string): void {
  if (name !== '') {
    checkDnsSubdomain(field, name, 'it names a StorageClass');
  }
}

/** Checks where an NFS export is: a server name or address, and an absolute path. */
function checkNfsExport(options: NfsExportOptions): void {
  if (typeof options.server !== 'string' || !/^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$/.test(options.server)) {
    throw new ValidationError(`storage.server must be the NFS server's host name or IP address, got ${show(options.server)}: e.g. 'nfs.example.internal' or '10.0.0.5'`);
  }
  if (typeof options.path !== 'string' || !options.path.startsWith('/') || /\s/.test(options.path)) {
    throw new ValidationError(`storage.path must be the absolute exported path, got ${show(options.path)}: e.g. '/exports/redis'`);
  }
}

const VOLUME_OPTION_NAMES = ['size', 'accessModes'];

function claimTemplate(options: StorageBindOptions, storageClassName: string, volume: VolumeOptions): k8s.KubePersistentVolumeClaimProps {
  return {
    metadata: { name: options.claimName, labels: options.labels },
    spec: {
      accessModes: [...(volume.accessModes ?? DEFAULTS.accessModes)],
      storageClassName,
      resources: { requests: { storage: k8s.Quantity.fromString(volume.size ?? DEFAULTS.storageSize) } },
    },
  };
}

class StorageClassStorage extends RedisStorage {
  constructor(private readonly options: StorageClassStorageOptions) {
    super();
    checkOptions('RedisStorage.fromStorageClass()', options, [...VOLUME_OPTION_NAMES, 'storageClassName']);
    checkStorageClassName('storage.storageClassName', options.storageClassName ?? DEFAULTS.storageClassName);
    checkVolume(options);
  }

  public bind(_scope: Construct, options: StorageBindOptions): StorageBinding {
    const storageClassName = this.options.storageClassName ?? DEFAULTS.storageClassName;
    return { claimTemplates: [claimTemplate(options, storageClassName, this.options)], volumes: [], ephemeral: false };
  }
}

class DynamicNfsStorage extends RedisStorage {
  constructor(private readonly options: DynamicNfsStorageOptions) {
    super();
    checkOptions('RedisStorage.dynamicNfs()', options, [
      ...VOLUME_OPTION_NAMES, 'server', 'path', 'storageClassName', 'provisionerNamespace', 'createProvisionerNamespace', 'provisionerImage',
      'allowMovingProvisionerImageTag',
    ]);
    checkNfsExport(options);
    if (options.storageClassName === '') {
      throw new ValidationError('storage.storageClassName must name the StorageClass the provisioner serves, got "": leave it unset for \'nfs-client\'');
    }
    checkStorageClassName('storage.storageClassName', options.storageClassName ?? DEFAULTS.storageClassName);
    checkVolume(options);
    if (options.provisionerNamespace !== undefined) {
      checkDnsLabel('storage.provisionerNamespace', options.provisionerNamespace, 'it names a Namespace');
    }
    const allowMovingTag = options.allowMovingProvisionerImageTag ?? false;
    checkBoolean('storage.allowMovingProvisionerImageTag', allowMovingTag);
    if (options.provisionerImage !== undefined) {
      checkImage('storage.provisionerImage', options.provisionerImage, { allowMovingTag, optOut: 'storage.allowMovingProvisionerImageTag', example: DEFAULTS.nfsProvisionerImage });
    }
  }

  public bind(scope: Construct, options: StorageBindOptions): StorageBinding {
    const provisioner = new NfsProvisioner(scope, 'NfsProvisioner', {
      server: this.options.server,
      path: this.options.path,
      storageClassName: this.options.storageClassName ?? DEFAULTS.storageClassName,
      namespace: this.options.provisionerNamespace ?? DEFAULTS.nfsProvisionerNamespace,
      createNamespace: this.options.createProvisionerNamespace ?? true,
      image: this.options.provisionerImage ?? DEFAULTS.nfsProvisionerImage,
      labels: { 'app.kubernetes.io/name': 'nfs-subdir-external-provisioner', 'app.kubernetes.io/managed-by': 'cdk8s' },
    });
    return { claimTemplates: [claimTemplate(options, provisioner.storageClass.name, this.options)], volumes: [], ephemeral: false };
  }
}

class StaticNfsStorage extends RedisStorage {
  constructor(private readonly options: NfsExportOptions) {
    super();
    checkOptions('RedisStorage.staticNfs()', options, [...VOLUME_OPTION_NAMES, 'server', 'path']);
    checkNfsExport(options);
    checkVolume(options);
  }

  public bind(scope: Construct, options: StorageBindOptions): StorageBinding {
    const size = this.options.size ?? DEFAULTS.storageSize;
    const accessModes = this.options.accessModes ?? DEFAULTS.accessModes;
    new NfsPersistentVolumes(scope, 'NfsPersistentVolumes', {
      server: this.options.server,
      path: this.options.path,
      size,
      accessModes,
      namespace: options.namespace,
      claimName: options.claimName,
      statefulSetName: options.statefulSetName,
      replicas: options.replicas,
      labels: options.labels,
    });
    // The empty class binds the claims to the volumes above, never to a default StorageClass.
    return { claimTemplates: [claimTemplate(options, '', { size, accessModes })], volumes: [], ephemeral: false };
  }
}

class EphemeralStorage extends RedisStorage {
  public get ephemeral(): boolean {
    return true;
  }

  public bind(_scope: Construct, options: StorageBindOptions): StorageBinding {
    return { claimTemplates: [], volumes: [{ name: options.claimName, emptyDir: {} }], ephemeral: this.ephemeral };
  }
}

import { k8s } from 'cdk8s-plus-27';
import { ClusterLabels } from '../_labels';
import { ScalePlan } from './scale';
import { ResolvedTls } from './tls';
import { UsersTemplateEntry } from './users';
import { RedisConfig } from '../config/redis-config';
import { ScriptFeature } from '../config/script-features';
import { ServerIdentity } from '../config/server-flavour';
import { AuthSecretRef } from '../k8s/_pod-security';
import { RedisStorage, StorageBindOptions } from '../storage/storage';

/** The `metadata` every namespaced object of the cluster starts from. */
export interface ObjectMetadata {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** Every `metadata.name` the cluster synthesizes (the init Job's ends in a hash of its spec). */
export interface ClusterNames {
  readonly statefulSet: string;
  readonly headlessService: string;
  /** The seed's NodePort Service; with externalServicePerPod, the prefix of `<name>-<ordinal>`. */
  readonly externalService: string;
  readonly configMap: string;
  readonly podDisruptionBudget: string;
  readonly networkPolicy: string;
  readonly metricsService: string;
  readonly serviceMonitor: string;
  readonly initJobPrefix: string;
  /** The data volume: the claim template's name, or the pod volume's. */
  readonly dataClaim: string;
  /** With users: the ConfigMap of the users template, `<configMap>-users`. */
  readonly usersConfigMap: string;
}

/** Outside access through NodePort Services. */
export interface ExternalAccess {
  /** One Service per pod (client and bus ports), or only the seed's Service to pod 0. */
  readonly perPod: boolean;
  /** The client node port (of pod 0, with perPod: pod N uses `nodePort + N`). */
  readonly nodePort?: number;
  /** With perPod: the bus node port of pod 0. */
  readonly busNodePort?: number;
  /** Who may reach the node ports through the NetworkPolicy. */
  readonly clientCidrs: readonly string[];
  /** With a Service per pod: who may reach the bus node ports (empty otherwise). */
  readonly busCidrs: readonly string[];
}

/** The metrics exporter sidecar, its Service and the optional ServiceMonitor. */
export interface MetricsSpec {
  readonly image: string;
  readonly port: number;
  readonly serviceMonitor: boolean;
  readonly serviceMonitorLabels: Record<string, string>;
  readonly serviceMonitorInterval: string;
  /** Labels of the metrics Service, which the ServiceMonitor selects. */
  readonly labels: Record<string, string>;
}

/** An internal user, resolved: who, and the password its clients use. */
export interface InternalUserRef {
  readonly name: string;
  readonly secretName: string;
  /** The newest key: what a client that reads the Secret once (a Job, the exporter) uses. */
  readonly secretKey: string;
}

/** ACL users: who they are, where their passwords are, and how the pods load them. */
export interface UsersSpec {
  /** Every user, `default` and the internal ones first, as the users template lists them. */
  readonly entries: readonly UsersTemplateEntry[];
  /** The Secrets the Redis pods mount, sorted. */
  readonly secretNames: readonly string[];
  readonly replication: InternalUserRef;
  readonly node: InternalUserRef;
  readonly operator: InternalUserRef;
  /** With metrics only. */
  readonly exporter?: InternalUserRef;
  /** Whether the `default` user (the auth Secret's password) stays on. */
  readonly defaultUser: boolean;
  /** Where the users template (the users ConfigMap) is mounted. */
  readonly templateMountPath: string;
  /** Each password Secret is mounted at `<secretsMountPath>/<secret name>`. */
  readonly secretsMountPath: string;
  /** The ACL file the start script assembles and Redis loads, in the memory-backed volume. */
  readonly aclFile: string;
  /** How often each pod checks the mounted files and applies a change. */
  readonly reloadIntervalSeconds: number;
}

/** Where the containers mount what, and the user they run as. */
export interface ContainerLayout {
  readonly uid: number;
  readonly gid: number;
  readonly dataMountPath: string;
  readonly configMountPath: string;
  readonly runtimeMountPath: string;
  readonly nodesConfPath: string;
}

/**
 * A RedisCluster's props with every default applied and every rule checked, and every name
 * derived from them, each exactly once. Made by `resolve(props)`; the parts read only this.
 */
export interface ClusterSpec {
  readonly namespace: string;
  /** The enclosing Chart's namespace, which cdk8s writes on every object of the Chart. */
  readonly chartNamespace?: string;
  readonly createNamespace: boolean;
  readonly shards: number;
  readonly replicasPerShard: number;
  /**
   * Pods of the StatefulSet: shards * (1 + replicasPerShard), or the size the published manifests
   * run while a drain is declared.
   */
  readonly nodes: number;
  /** How many pods the StatefulSet runs and how many of them the cluster keeps (fewer while draining). */
  readonly scale: ScalePlan;
  readonly image: string;
  /** The server the image runs: read from its name and tag, or declared by the server prop. */
  readonly server: ServerIdentity;
  readonly clusterDomain: string;
  readonly clientPort: number;
  readonly busPort: number;
  readonly clusterNodeTimeoutMs: number;
  /** The complete typed redis.conf: defaults, the user's directives, then the managed ones. */
  readonly redisConfig: RedisConfig;
  readonly extraRedisConfig: readonly string[];
  /** The password Secret; undefined with auth off. With users, the default user's password. */
  readonly auth?: AuthSecretRef;
  /** ACL users; undefined without the users prop (one password for everything). */
  readonly users?: UsersSpec;
  readonly names: ClusterNames;
  readonly labels: ClusterLabels;
  /** Pods that may reach the client port through the NetworkPolicy. */
  readonly clientPodLabels: Record<string, string>;
  /** Pod names, in ordinal order. */
  readonly podNames: readonly string[];
  /** The pods' DNS domain: `<headless service>.<namespace>.svc.<cluster domain>`. */
  readonly podDomain: string;
  /** Every pod's FQDN, in ordinal order. */
  readonly podFqdns: readonly string[];
  /** `fqdn:clientPort` of every node the cluster keeps, in ordinal order: what the init Job joins. */
  readonly nodeAddresses: readonly string[];
  /**
   * `fqdn:clientPort` of the pods being drained (scale in, step 1): their slots move to the kept
   * nodes and the cluster forgets them. Empty unless `drain` is set.
   */
  readonly drainAddresses: readonly string[];
  /** Outside access; undefined with externalService off. */
  readonly external?: ExternalAccess;
  readonly podDisruptionBudget: boolean;
  readonly networkPolicy: boolean;
  /** Undefined with metrics off. */
  readonly metrics?: MetricsSpec;
  readonly storage: RedisStorage;
  /** What the storage strategy binds the data volume with. */
  readonly storageBind: StorageBindOptions;
  readonly resources: k8s.ResourceRequirements;
  readonly placement: PodPlacement;
  readonly preStopTimeoutSeconds: number;
  readonly terminationGracePeriodSeconds: number;
  readonly peerResolveTimeoutSeconds: number;
  readonly layout: ContainerLayout;
  readonly initJob: {
    readonly waitTimeoutSeconds: number;
    /** Pause between the init script's checks (pods answering, cluster healthy), in seconds. */
    readonly pollIntervalSeconds: number;
    readonly activeDeadlineSeconds: number;
    readonly backoffLimit: number;
    readonly ttlSecondsAfterFinished: number;
  };
  /** The tls prop, resolved; undefined without TLS. */
  readonly tls?: ResolvedTls;
  /** The DNS names a TLS certificate must cover (see `tlsDnsNames`). */
  readonly tlsDnsNames: readonly string[];
  /** Optional features the container scripts ship with (their marked blocks and own scripts). */
  readonly scriptFeatures: readonly ScriptFeature[];
  /**
   * The reload loop (reloader.sh) that applies changed mounted files without a restart: with ACL
   * users (reload-acl.sh), with TLS (reload-tls.sh), or both in one loop; undefined with neither.
   */
  readonly reload?: ReloadSpec;
  /** Configurations that work but are probably not meant; synth prints them. */
  readonly warnings: readonly string[];
  /** `{ name, namespace, labels }` of a namespaced object (the common labels unless given). */
  metadata(name: string, labels?: Record<string, string>): ObjectMetadata;
}

/** Scheduling constraints of the Redis pods. */
export interface PodPlacement {
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: k8s.Toleration[];
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];
  readonly priorityClassName?: string;
}

/** One reload loop per pod, running every pass that the features need. */
export interface ReloadSpec {
  /** Seconds between two rounds: the shortest interval any of its passes asks for. */
  readonly intervalSeconds: number;
  /** Whether the ACL users pass (reload-acl.sh) runs. */
  readonly acl: boolean;
  /** Whether the TLS certificate pass (reload-tls.sh) runs. */
  readonly tls: boolean;
}

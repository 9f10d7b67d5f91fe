import { k8s } from 'cdk8s-plus-27';
import { RedisTlsProps } from './tls';
import { InternalUsers, RedisUser } from './users';
import { RedisConfig } from '../config/redis-config';
import { ServerDeclaration } from '../config/server-flavour';
import { RedisStorage } from '../storage/storage';

export interface RedisClusterProps {
  /**
   * The name every object's name is derived from, as a Helm release name is: two clusters in one
   * namespace differ by this prop alone. With `name: 'cache'`: StatefulSet `cache` (pods
   * `cache-<ordinal>`), Services `cache-headless` and `cache-access` (with a Service per pod
   * `cache-access-<ordinal>`), ConfigMaps `cache-conf` and `cache-conf-users`, PodDisruptionBudget,
   * NetworkPolicies and ServiceMonitor `cache` (and `cache-external`), metrics Service
   * `cache-metrics`, Job `cache-init-<hash>`, claims `redis-data-cache-<ordinal>`, the
   * `app.kubernetes.io/instance: cache` label, client label `cache-client`, and the Secrets it reads
   * `cache-auth` and `cache-internal-users`. A per-object prop (statefulSetName, headlessServiceName,
   * externalServiceName, configMapName, authSecretName, internalUsers.secretName) still overrides
   * its own name.
   *
   * A DNS-1035 label (a letter first) short enough for every name made from it: at most 49
   * characters, since the Job's `<name>-init-<8-character hash>` is a label value of at most 63;
   * the error says which name is too long. Renaming it on a live cluster orphans its volumes.
   * @default - the seed's names: StatefulSet 'redis-app', Services 'redis-service' and
   * 'redis-access-service', ConfigMap 'redis-conf', Job 'redis-cluster-init-<hash>', Secret 'redis-auth'
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
   */
  readonly name?: string;

  /**
   * Namespace of every object: a DNS-1123 label.
   * @default - the namespace of the enclosing Chart, else 'redis'
   */
  readonly namespace?: string;

  /**
   * Whether to synthesize the Namespace object itself, labelled to enforce the restricted Pod
   * Security level. `kubectl apply` adopts and relabels a namespace that already exists, so with any
   * namespace but the default it must be set explicitly; system namespaces (`default`,
   * `kube-system`, `kube-public`, `kube-node-lease`) are refused.
   * @default true
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   */
  readonly createNamespace?: boolean;

  /**
   * Number of masters; the 16384 hash slots are split between them. Redis Cluster needs 3 or more,
   * and masters plus replicas may not exceed 1000 nodes.
   * @default 3
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
   */
  readonly shards?: number;

  /**
   * Replicas of each master, from 0 to 5. One of them is promoted when its master fails; with 0, a
   * failed master's slots stay down until it returns.
   * @default 1
   */
  readonly replicasPerShard?: number;

  /**
   * Container image of Redis (7.0 or later) or Valkey (7.2 or later), pinned to a full version
   * (`8.1.1`, `8.1.1-bookworm`, `7.2.6-alpine3.21`) or to a digest. Also runs the init Job. When
   * its name and tag do not say which server and version it runs (a private mirror, a digest,
   * another vendor's build), declare them in `server`.
   * @default 'valkey/valkey:8.1.1-bookworm'
   * @see https://hub.docker.com/r/valkey/valkey
   */
  readonly image?: string;

  /**
   * The server the image runs, for an image whose name and tag do not say it (e.g.
   * `registry.example.com/cache/server:2024.11.1`, `redis@sha256:…`): its product and major.minor
   * version, so the version gates and the per-release directive checks apply. When the image's
   * name says it too, the two must agree.
   * @default - read from the image's name and tag
   */
  readonly server?: ServerDeclaration;

  /**
   * Accept image tags that move (`redis:7.2`, `redis:8`, `valkey/valkey:8.1-alpine`,
   * `redis:bookworm`) for `image` and `metricsExporterImage`. The risk: the publisher moves such a
   * tag to each new release, so a pod restarted later (rescheduled, evicted, rolled) pulls another
   * version than the pods already running, unannounced, and a cluster drifts into mixed versions.
   * `latest` and images without a tag stay refused. A tag without a major.minor version also needs
   * `server`.
   * @default false
   */
  readonly allowMovingImageTags?: boolean;

  /**
   * DNS domain of the Kubernetes cluster, the last part of every pod's FQDN: a DNS-1123 subdomain
   * without a trailing dot.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Port clients connect to.
   * @default 6379
   */
  readonly clientPort?: number;

  /**
   * Port of the cluster bus, on which nodes talk to each other. Must differ from clientPort.
   * @default - clientPort + 10000
   */
  readonly busPort?: number;

  /**
   * Port on every Kubernetes node for the external Service, in the NodePort range 30000-32767.
   * Only with `externalService`.
   * @default - Kubernetes picks one from 30000-32767
   */
  readonly nodePort?: number;

  /**
   * Whether to synthesize the seed's NodePort Service that reaches pod 0.
   * @default true
   */
  readonly externalService?: boolean;

  /**
   * Outside access that works with a cluster client: one NodePort Service per pod (client and bus
   * ports), and every node announces its Kubernetes node's address and its own node ports
   * (`cluster-announce-ip`, `-port`, `-bus-port`, `cluster-preferred-endpoint-type ip`), so that
   * redirects lead somewhere reachable. Pod N uses node ports `nodePort + N` and
   * `busNodePort + N`; both props are then required.
   * @default false
   */
  readonly externalServicePerPod?: boolean;

  /**
   * With externalServicePerPod: the first bus node port; pod N uses `busNodePort + N`.
   * @default - required with externalServicePerPod
   */
  readonly busNodePort?: number;

  /**
   * A PodDisruptionBudget allowing at most one Redis pod voluntarily disrupted at a time.
   * @default true
   */
  readonly podDisruptionBudget?: boolean;

  /**
   * A redis_exporter sidecar in every pod, and a metrics Service in front of them.
   * @default false
   */
  readonly metrics?: boolean;

  /**
   * Image of the metrics exporter, pinned to a full version (`v1.67.0`) or a digest, like `image`.
   * @default 'oliver006/redis_exporter:v1.62.0'
   */
  readonly metricsExporterImage?: string;

  /**
   * Port of the metrics exporter.
   * @default 9121
   */
  readonly metricsPort?: number;

  /**
   * A Prometheus Operator ServiceMonitor for the metrics Service (needs `metrics`).
   * @default false
   */
  readonly serviceMonitor?: boolean;

  /**
   * Labels of the ServiceMonitor, which your Prometheus selects ServiceMonitors by
   * (e.g. `{ release: 'prometheus' }`).
   * @default {}
   */
  readonly serviceMonitorLabels?: Record<string, string>;

  /**
   * Scrape interval of the ServiceMonitor.
   * @default '30s'
   */
  readonly serviceMonitorInterval?: string;

  /**
   * Node labels a Redis pod requires.
   * @default - any node
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector
   */
  readonly nodeSelector?: Record<string, string>;

  /**
   * Tolerations of the Redis pods.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];

  /**
   * Topology spread constraints of the Redis pods.
   * @default - spread across zones (topology.kubernetes.io/zone), maxSkew 1, ScheduleAnyway
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
   */
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];

  /**
   * PriorityClass of the Redis pods.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;

  /**
   * How long the preStop hook waits for a stopping master to hand its slots to a replica.
   * @default 20
   */
  readonly preStopTimeoutSeconds?: number;

  /**
   * Grace period of a stopping Redis pod; longer than preStopTimeoutSeconds.
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;

  /**
   * Require a password. Redis gets it as `requirepass` and `masterauth`; the init Job and the
   * probes authenticate with it through `REDISCLI_AUTH`. Turning it off with the external Service
   * on also needs `allowUnauthenticatedExternalAccess`.
   * @default true
   */
  readonly auth?: boolean;

  /**
   * The Secret that holds the password. You create it; it is never synthesized:
   * `kubectl -n redis create secret generic redis-auth --from-literal=password=...`
   * @default - `<name>-auth` with the name prop, else 'redis-auth'
   */
  readonly authSecretName?: string;

  /**
   * The key of the password in that Secret.
   * @default 'password'
   */
  readonly authSecretKey?: string;

  /**
   * Acknowledges that, with `auth: false`, anyone who reaches a Kubernetes node can read and
   * wipe the data through the NodePort Service.
   * @default false
   */
  readonly allowUnauthenticatedExternalAccess?: boolean;

  /**
   * Redis ACL users, each with its permissions and the Secret holding its password (see
   * `RedisUsers` for the common roles). Every node loads them from an ACL file that its start
   * script assembles from the mounted Secrets (as SHA-256 hashes; no password is in a ConfigMap or
   * on a command line), and applies changes to the Secrets or to the users within
   * a few seconds, without a restart. The cluster's own clients then get users of their own with
   * only what they need: `replication` (masteruser), `node` (probes, preStop hook, ACL reload),
   * `operator` (init Job) and, with metrics, `exporter`; their passwords are in the
   * `internalUsers` Secret. Needs `auth`.
   * @default - no ACL users: one password for everything (auth)
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
   */
  readonly users?: readonly RedisUser[];

  /**
   * With users: whether the `default` user stays on, with the auth Secret's password and every
   * permission. Turn it off once every client has a user of its own.
   * @default true
   */
  readonly defaultUser?: boolean;

  /**
   * With users: where the internal users' passwords are.
   * @default - Secret `<name>-internal-users` with the name prop, else 'redis-internal-users';
   * keys 'replication', 'node', 'operator', 'exporter'
   */
  readonly internalUsers?: InternalUsers;

  /**
   * Fence the pods with NetworkPolicies: the client port admits the cluster's pods, the init Job
   * and labelled clients; the bus port only the cluster's pods.
   * @default true
   */
  readonly networkPolicy?: boolean;

  /**
   * Labels that let a pod, in any namespace, reach the client port through the NetworkPolicy.
   * @default - `{ '<statefulSetName>-client': 'true' }`, e.g. `redis-app-client: "true"`
   */
  readonly clientPodLabels?: Record<string, string>;

  /**
   * Source CIDRs allowed to reach the external NodePort Service's pod through the NetworkPolicy.
   * @default ['0.0.0.0/0']
   */
  readonly externalClientCidrs?: readonly string[];

  /**
   * With externalServicePerPod: source CIDRs allowed to reach every pod's cluster-bus port through
   * the NetworkPolicy. The other nodes reach the bus node ports through Kubernetes node addresses,
   * so this is your nodes' network. The bus has no authentication (whoever reaches it can join the
   * cluster), so it is never open by default; `['0.0.0.0/0']` opens it to everyone, with a warning.
   * @default - required with externalServicePerPod; not allowed without it
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/security/
   */
  readonly externalBusCidrs?: readonly string[];

  /**
   * How each pod keeps its data.
   * @default - RedisStorage.fromStorageClass(): StorageClass 'nfs-client', 200M, ReadWriteOnce
   */
  readonly storage?: RedisStorage;

  /**
   * CPU request of each Redis container, a Kubernetes quantity; at most cpuLimit.
   * @default '100m'
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   */
  readonly cpuRequest?: string;

  /**
   * Memory request of each Redis container, a Kubernetes quantity of whole bytes; at most
   * memoryLimit.
   * @default '100Mi'
   */
  readonly memoryRequest?: string;

  /**
   * CPU limit of each Redis container.
   * @default - none
   */
  readonly cpuLimit?: string;

  /**
   * Memory limit of each Redis container. When set, redisConfig must set `maxmemory` below it
   * (about 75% leaves room for buffers and the copy-on-write of background saves), or the kernel
   * kills the pod before Redis evicts or refuses writes.
   * @default - none
   */
  readonly memoryLimit?: string;

  /**
   * `cluster-node-timeout`: how long a node may be unreachable before it is considered failing.
   * An unplanned failover takes about 1.5 times this. At least 1000.
   * @default 5000
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
   */
  readonly clusterNodeTimeoutMs?: number;

  /**
   * redis.conf directives merged over the defaults; `null` removes a default. Directives that the
   * topology decides (port, dir, cluster-*) are set through their own props.
   *
   * Every directive is checked before anything is written: it must be one Redis 7.0-7.2 (or
   * Valkey 8.0) knows, under its Redis 7 name (`replicaof`, not `slaveof`), with a value of the
   * right type, and one that lets a node run in this cluster (no `daemonize yes`, no log file, no
   * `bind 127.0.0.1`, no passwords yet: the probes connect without one).
   * @default - the seed's redis.conf, corrected for Redis 7 (see DEFAULT_REDIS_CONFIG)
   * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
   */
  readonly redisConfig?: RedisConfig;

  /**
   * Raw redis.conf lines, written after the typed directives exactly as given: for what
   * RedisConfig cannot express conveniently, e.g. `rename-command FLUSHALL ""`. They are checked
   * like redisConfig; a directive may be set here or in redisConfig, not both.
   * @default - none
   */
  readonly extraRedisConfig?: readonly string[];

  /**
   * Directive names the checker does not know but the image's server does (directives newer than
   * Redis 7.2 / Valkey 8.0, or module configs such as `mymodule.option`). They are written
   * unchecked; a name the checker knows is refused here, so the list cannot hide a typo.
   * @default - none: every directive must be known
   */
  readonly allowUnknownDirectives?: readonly string[];

  /**
   * `metadata.name` of the StatefulSet; pods are `<name>-<ordinal>`. A DNS-1123 label of at most
   * 52 characters (the StatefulSet controller appends an 11-character hash in a pod label).
   * Renaming it on a live cluster orphans its volumes.
   * @default - the name prop, else 'redis-app'
   */
  readonly statefulSetName?: string;

  /**
   * `metadata.name` of the headless Service, part of every pod's FQDN: a DNS-1035 label.
   * @default - `<name>-headless` with the name prop, else 'redis-service'
   */
  readonly headlessServiceName?: string;

  /**
   * `metadata.name` of the NodePort Service: a DNS-1035 label, other than headlessServiceName.
   * With externalServicePerPod, the Services are `<name>-<ordinal>`, which must fit 63 characters.
   * @default - `<name>-access` with the name prop, else 'redis-access-service'
   */
  readonly externalServiceName?: string;

  /**
   * `metadata.name` of the ConfigMap: a DNS-1123 subdomain.
   * @default - `<name>-conf` with the name prop, else 'redis-conf'
   */
  readonly configMapName?: string;

  /**
   * How long the init Job waits for every pod to answer, and then for the cluster to become ok.
   * Less than the Job's deadline of 600 seconds.
   * @default 300
   */
  readonly initWaitTimeoutSeconds?: number;

  /**
   * Scale in, step 1 of 2. With `shards` / `replicasPerShard` lowered, keeps the StatefulSet at the
   * size the published manifests run and has the Job move every slot and key off the pods that
   * will go (the highest ordinals) and make the cluster forget them. Once that Job has completed,
   * remove `drain` (step 2): the StatefulSet shrinks. Needs `publishedManifestsDir`.
   * @default false
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/
   */
  readonly drain?: boolean;

  /**
   * The folder of the manifests last published (and applied), read at synth time as the state of
   * record: synth refuses to shrink the StatefulSet below the size they run unless they declared
   * the drain of exactly those pods (see `drain`). A missing folder is a first deployment.
   * @default - the folder the app publishes to: `dist/` under `cdk8s synth` of this project's app;
   *   none (nothing read, nothing checked) in an app that does not say (construct context
   *   `redis-cluster-cdk8s/publishedManifestsDir`)
   */
  readonly publishedManifestsDir?: string;

  /**
   * TLS for client connections, replication and the cluster bus (`tls-port` on clientPort,
   * `tls-replication yes`, `tls-cluster yes`), with the plain-text port off (`port 0`) unless
   * `plainTextPort` keeps one for a migration window. Everything that talks to Redis (the init
   * Job, the probes, the preStop hook, the exporter) speaks TLS with the same certificate, and
   * each node loads a renewed certificate without a restart, within `reloadIntervalSeconds` of
   * Kubernetes updating the mounted Secret. The certificate comes from a Secret you create or
   * from cert-manager (a Certificate, and optionally a private CA, in the manifests); it must be
   * valid for `tlsDnsNames()`. The TLS directives of redis.conf are set by this prop only.
   * @default - no TLS
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/security/encryption/
   */
  readonly tls?: RedisTlsProps;
}

/** Every prop name, to catch typos in props that come from JSON or YAML. */
export const PROP_NAMES = Object.keys({
  name: true,
  namespace: true,
  createNamespace: true,
  shards: true,
  replicasPerShard: true,
  image: true,
  server: true,
  allowMovingImageTags: true,
  clusterDomain: true,
  clientPort: true,
  busPort: true,
  nodePort: true,
  externalService: true,
  storage: true,
  cpuRequest: true,
  memoryRequest: true,
  cpuLimit: true,
  memoryLimit: true,
  clusterNodeTimeoutMs: true,
  redisConfig: true,
  extraRedisConfig: true,
  allowUnknownDirectives: true,
  statefulSetName: true,
  headlessServiceName: true,
  externalServiceName: true,
  configMapName: true,
  initWaitTimeoutSeconds: true,
  auth: true,
  authSecretName: true,
  authSecretKey: true,
  allowUnauthenticatedExternalAccess: true,
  users: true,
  defaultUser: true,
  internalUsers: true,
  networkPolicy: true,
  clientPodLabels: true,
  externalClientCidrs: true,
  externalBusCidrs: true,
  externalServicePerPod: true,
  busNodePort: true,
  podDisruptionBudget: true,
  metrics: true,
  metricsExporterImage: true,
  metricsPort: true,
  serviceMonitor: true,
  serviceMonitorLabels: true,
  serviceMonitorInterval: true,
  nodeSelector: true,
  tolerations: true,
  topologySpreadConstraints: true,
  priorityClassName: true,
  preStopTimeoutSeconds: true,
  terminationGracePeriodSeconds: true,
  drain: true,
  publishedManifestsDir: true,
  tls: true,
} satisfies Record<keyof RedisClusterProps, true>);

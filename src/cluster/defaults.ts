/**
 * Every default value of the project, in one place. Constructs resolve their props against these
 * with `??` in their constructors and never repeat a literal.
 */
export const DEFAULTS = {
  namespace: 'redis',
  clusterDomain: 'cluster.local',

  shards: 3,
  replicasPerShard: 1,

  /**
   * Valkey 8.1, the release the live tests run (README, Servers: why Valkey, and how to choose
   * Redis instead); the official image runs as uid/gid 999, like the official Redis image.
   */
  image: 'valkey/valkey:8.1.1-bookworm',
  redisUid: 999,
  redisGid: 999,

  statefulSetName: 'redis-app',
  headlessServiceName: 'redis-service',
  externalServiceName: 'redis-access-service',
  configMapName: 'redis-conf',
  initJobNamePrefix: 'redis-cluster-init',
  /**
   * With the name prop: each derived name is `<name><suffix>` (the StatefulSet, its
   * PodDisruptionBudget, NetworkPolicy and ServiceMonitor are `<name>` itself).
   */
  nameSuffixes: {
    headlessService: '-headless',
    externalService: '-access',
    configMap: '-conf',
    initJob: '-init',
    authSecret: '-auth',
    internalUsersSecret: '-internal-users',
  },
  /** Characters of the spec hash that end the init Job's name. */
  initJobHashLength: 8,

  clientPort: 6379,
  busPortOffset: 10000,

  /** Where the persistent volume is mounted, and so where Redis keeps AOF, RDB and nodes.conf. */
  dataMountPath: '/data',
  /** A memory-backed emptyDir for files Redis must not keep on disk (the auth include). */
  runtimeMountPath: '/run/redis',
  /** Where the ConfigMap (redis.conf and the container scripts) is mounted. */
  configMountPath: '/etc/redis',
  dataClaimName: 'redis-data',

  storageClassName: 'nfs-client',
  storageSize: '200M',
  /** One pod uses each volume. */
  accessModes: ['ReadWriteOnce'],
  nfsProvisionerNamespace: 'nfs-provisioner',
  nfsProvisionerImage: 'registry.k8s.io/sig-storage/nfs-subdir-external-provisioner:v4.0.2',

  /** The Secret holding the password; the operator creates it, it is never synthesized. */
  authSecretName: 'redis-auth',
  authSecretKey: 'password',

  /** Pods labelled `<statefulSetName>-client: "true"` (any namespace) may reach the client port. */
  clientLabelSuffix: '-client',
  /** Who may reach the external NodePort Service. */
  externalClientCidrs: ['0.0.0.0/0'],

  metricsExporterImage: 'oliver006/redis_exporter:v1.62.0',
  metricsPort: 9121,
  metricsServiceSuffix: '-metrics',
  serviceMonitorInterval: '30s',

  cpuRequest: '100m',
  memoryRequest: '100Mi',

  /** 1.5 x this is roughly how long an unplanned failover takes. */
  clusterNodeTimeoutMs: 5000,

  /** Bound of the preStop hook's wait for the planned failover; below the grace period. */
  preStopTimeoutSeconds: 20,
  terminationGracePeriodSeconds: 30,

  /** How long the init Job waits for every pod to answer, and then for the cluster to be ok. */
  initWaitTimeoutSeconds: 300,
  /**
   * Pause between the init Job's checks. Each check is a few redis-cli calls; at 2 s the Job found
   * the pods up, and then the cluster healthy, up to 2 s late each time.
   */
  initPollIntervalSeconds: 0.5,
  /** Hard deadline of the init Job; longer than its wait so the script's own message is seen. */
  initActiveDeadlineSeconds: 600,
  initBackoffLimit: 3,
  initTtlSecondsAfterFinished: 86400,
  /** How long the start script waits for peers' names to resolve before starting Redis anyway. */
  peerResolveTimeoutSeconds: 10,

  /** Lifetime of the private CA synthesized for cert-manager (10 years), and its renewal. */
  tlsCaDuration: '87600h',
  tlsCaRenewBefore: '720h',

  /** With users: the Secret of the internal users' passwords; the operator creates it. */
  internalUsersSecretName: 'redis-internal-users',
  /** With users: the key of a user's password in its Secret. */
  userPasswordKey: 'password',
  /** With users: the users ConfigMap is `<configMapName><usersConfigMapSuffix>`. */
  usersConfigMapSuffix: '-users',
  /** With users: where the users template (ConfigMap) is mounted. */
  usersMountPath: '/etc/redis-users',
  /** With users: each password Secret is mounted at `<secretsMountPath>/<secret name>`. */
  secretsMountPath: '/etc/redis-secrets',
  /**
   * With users: how often each pod checks its mounted users template and Secret files, and applies
   * a change (the kubelet itself takes up to about a minute to update a mounted Secret).
   */
  reloadIntervalSeconds: 2,
} as const;

/**
 * The seed article's redis.conf, corrected for Redis 7 and for running in a container:
 * - `dir` and the cluster config file live on the persistent volume (the seed wrote to `/data`
 *   while mounting its volume at `/var/lib/redis`), and are set by the RedisCluster itself;
 * - logs go to stdout so `kubectl logs` works (the seed logged to a file);
 * - no pidfile (nothing reads it in a container, and the root filesystem is read-only);
 * - Redis 7 names: `*-listpack-*` instead of `*-ziplist-*`, `busy-reply-threshold` instead of
 *   `lua-time-limit`, `replica` instead of `slave`; `list-max-ziplist-*` is dropped because Redis 7
 *   ignores it (lists are quicklists of listpacks, sized by `list-max-listpack-size`);
 * - `loglevel notice` rather than `verbose`: at verbose, every probe connection is logged.
 *
 * Directives owned by the cluster topology (port, cluster-*, dir) are not here: RedisCluster
 * renders them from its props.
 */
export const DEFAULT_REDIS_CONFIG = {
  'protected-mode': false,
  'daemonize': false,
  'bind': '0.0.0.0',
  'tcp-backlog': 511,
  'timeout': 3600,
  'tcp-keepalive': 1,
  'loglevel': 'notice',
  'logfile': '',
  'databases': 16,
  'save': ['900 1', '300 10', '60 10000'],
  'stop-writes-on-bgsave-error': true,
  'rdbcompression': true,
  'rdbchecksum': true,
  'dbfilename': 'dump.rdb',
  'appendonly': true,
  'appendfilename': 'appendonly.aof',
  'appendfsync': 'everysec',
  'no-appendfsync-on-rewrite': false,
  'auto-aof-rewrite-percentage': 100,
  'auto-aof-rewrite-min-size': '64mb',
  'aof-rewrite-incremental-fsync': true,
  'busy-reply-threshold': 20000,
  'slowlog-log-slower-than': 10000,
  'slowlog-max-len': 128,
  'latency-monitor-threshold': 0,
  'notify-keyspace-events': '',
  'hash-max-listpack-entries': 512,
  'hash-max-listpack-value': 64,
  'set-max-intset-entries': 512,
  'zset-max-listpack-entries': 128,
  'zset-max-listpack-value': 64,
  'hll-sparse-max-bytes': 3000,
  'activerehashing': true,
  'client-output-buffer-limit': ['normal 0 0 0', 'replica 256mb 64mb 60', 'pubsub 32mb 8mb 60'],
  'hz': 10,
  // A replica that has just synced refuses SIGTERM while it writes its first AOF ("Writing initial
  // AOF, can't exit"), and the kubelet would SIGKILL it after the grace period. force lets it exit;
  // it resyncs from its master when it comes back.
  'shutdown-on-sigterm': 'force',
  // Redis waits this long before a diskless full sync, so that other replicas can join the same
  // transfer; its default of 5 s held every first sync (bootstrap, heal, each pod of a rolling
  // update) back by 5 s, a window in which the replica could not take over.
  'repl-diskless-sync-delay': 1,
  // A sync starts as soon as one replica asks for it, without waiting out the delay above. Not
  // replicasPerShard, although that would let every replica of a master share one transfer at
  // bootstrap: redis.conf is in the pod template's checksum, so a value that follows the topology
  // would roll every pod when replicasPerShard changes, while the Job resizes the cluster (a
  // resize restarts no running pod). With 2 or more replicas per shard, the others get the next
  // transfer.
  'repl-diskless-sync-max-replicas': 1,
} as const;

/**
 * Bounds that validation enforces beyond what Kubernetes and Redis themselves accept, each with the
 * reason it exists.
 */
export const LIMITS = {
  /** Redis Cluster refuses to form with fewer than 3 masters. */
  minShards: 3,
  /**
   * Replicas per master. Redis has no hard limit, but every write is streamed to every replica and
   * each replica is a full copy; past 5 the cost buys no availability a cluster of this shape uses.
   */
  maxReplicasPerShard: 5,
  /** Redis Cluster is designed and tested for up to about 1000 nodes (masters plus replicas). */
  maxNodes: 1000,
  /**
   * Below a second, a garbage-collection pause or a slow network blip of one node starts a
   * failover; Redis's own default is 15000.
   */
  minClusterNodeTimeoutMs: 1000,
  /** The default NodePort range of kube-apiserver (--service-node-port-range). */
  minNodePort: 30000,
  maxNodePort: 32767,
  /**
   * The StatefulSet controller labels each pod `controller-revision-hash: <name>-<10 characters>`,
   * and a label value holds at most 63 characters: a longer name creates no pods at all.
   */
  maxStatefulSetNameLength: 52,
  /**
   * A Job labels its pods `job-name: <name>` (and `batch.kubernetes.io/job-name`), and a label
   * value holds at most 63 characters, so a Job's name must fit too.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#writing-a-job-spec
   */
  maxJobNameLength: 63,
  /** Redis 7.0 brought cluster-port, hostname endpoints and the Redis 7 directive names used here. */
  minRedisVersion: [7, 0] as readonly [number, number],
} as const;

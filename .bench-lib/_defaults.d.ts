/**
 * Every default value of the project, in one place. Constructs resolve their props against these
 * with `??` in their constructors and never repeat a literal.
 */
export declare const DEFAULTS: {
    readonly namespace: "redis";
    readonly clusterDomain: "cluster.local";
    readonly shards: 3;
    readonly replicasPerShard: 1;
    /** Pinned Redis 7 image; the official image runs as uid/gid 999. */
    readonly image: "redis:7.2.6-bookworm";
    readonly redisUid: 999;
    readonly redisGid: 999;
    readonly statefulSetName: "redis-app";
    readonly headlessServiceName: "redis-service";
    readonly externalServiceName: "redis-access-service";
    readonly configMapName: "redis-conf";
    readonly initJobNamePrefix: "redis-cluster-init";
    readonly clientPort: 6379;
    readonly busPortOffset: 10000;
    /** The seed has no fixed NodePort; Kubernetes picks one from 30000-32767 when this is unset. */
    readonly nodePort: number | undefined;
    /** Where the persistent volume is mounted, and so where Redis keeps AOF, RDB and nodes.conf. */
    readonly dataMountPath: "/data";
    /** A memory-backed emptyDir for files Redis must not keep on disk (the auth include). */
    readonly runtimeMountPath: "/run/redis";
    /** Where the ConfigMap (redis.conf and the container scripts) is mounted. */
    readonly configMountPath: "/etc/redis";
    readonly dataClaimName: "redis-data";
    readonly storageClassName: "nfs-client";
    readonly storageSize: "200M";
    /** One pod uses each volume. */
    readonly accessModes: readonly ["ReadWriteOnce"];
    readonly nfsProvisionerNamespace: "nfs-provisioner";
    readonly nfsProvisionerImage: "registry.k8s.io/sig-storage/nfs-subdir-external-provisioner:v4.0.2";
    /** The Secret holding the password; the operator creates it, it is never synthesized. */
    readonly authSecretName: "redis-auth";
    readonly authSecretKey: "password";
    /** Pods labelled `<statefulSetName>-client: "true"` (any namespace) may reach the client port. */
    readonly clientLabelSuffix: "-client";
    /** Who may reach the external NodePort Service. */
    readonly externalClientCidrs: readonly ["0.0.0.0/0"];
    readonly metricsExporterImage: "oliver006/redis_exporter:v1.62.0";
    readonly metricsPort: 9121;
    readonly metricsServiceSuffix: "-metrics";
    readonly serviceMonitorInterval: "30s";
    readonly cpuRequest: "100m";
    readonly memoryRequest: "100Mi";
    /** 1.5 x this is roughly how long an unplanned failover takes. */
    readonly clusterNodeTimeoutMs: 5000;
    /** Bound of the preStop hook's wait for the planned failover; below the grace period. */
    readonly preStopTimeoutSeconds: 20;
    readonly terminationGracePeriodSeconds: 30;
    /** How long the init Job waits for every pod to answer, and then for the cluster to be ok. */
    readonly initWaitTimeoutSeconds: 300;
    /** Hard deadline of the init Job; longer than its wait so the script's own message is seen. */
    readonly initActiveDeadlineSeconds: 600;
    readonly initBackoffLimit: 3;
    readonly initTtlSecondsAfterFinished: 86400;
    /** How long the start script waits for peers' names to resolve before starting Redis anyway. */
    readonly peerResolveTimeoutSeconds: 10;
};
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
export declare const DEFAULT_REDIS_CONFIG: {
    readonly 'protected-mode': false;
    readonly daemonize: false;
    readonly bind: "0.0.0.0";
    readonly 'tcp-backlog': 511;
    readonly timeout: 3600;
    readonly 'tcp-keepalive': 1;
    readonly loglevel: "notice";
    readonly logfile: "";
    readonly databases: 16;
    readonly save: readonly ["900 1", "300 10", "60 10000"];
    readonly 'stop-writes-on-bgsave-error': true;
    readonly rdbcompression: true;
    readonly rdbchecksum: true;
    readonly dbfilename: "dump.rdb";
    readonly appendonly: true;
    readonly appendfilename: "appendonly.aof";
    readonly appendfsync: "everysec";
    readonly 'no-appendfsync-on-rewrite': false;
    readonly 'auto-aof-rewrite-percentage': 100;
    readonly 'auto-aof-rewrite-min-size': "64mb";
    readonly 'aof-rewrite-incremental-fsync': true;
    readonly 'busy-reply-threshold': 20000;
    readonly 'slowlog-log-slower-than': 10000;
    readonly 'slowlog-max-len': 128;
    readonly 'latency-monitor-threshold': 0;
    readonly 'notify-keyspace-events': "";
    readonly 'hash-max-listpack-entries': 512;
    readonly 'hash-max-listpack-value': 64;
    readonly 'set-max-intset-entries': 512;
    readonly 'zset-max-listpack-entries': 128;
    readonly 'zset-max-listpack-value': 64;
    readonly 'hll-sparse-max-bytes': 3000;
    readonly activerehashing: true;
    readonly 'client-output-buffer-limit': readonly ["normal 0 0 0", "replica 256mb 64mb 60", "pubsub 32mb 8mb 60"];
    readonly hz: 10;
    readonly 'shutdown-on-sigterm': "force";
};
/**
 * Bounds that validation enforces beyond what Kubernetes and Redis themselves accept, each with the
 * reason it exists.
 */
export declare const LIMITS: {
    /** Redis Cluster refuses to form with fewer than 3 masters. */
    readonly minShards: 3;
    /**
     * Replicas per master. Redis has no hard limit, but every write is streamed to every replica and
     * each replica is a full copy; past 5 the cost buys no availability a cluster of this shape uses.
     */
    readonly maxReplicasPerShard: 5;
    /** Redis Cluster is designed and tested for up to about 1000 nodes (masters plus replicas). */
    readonly maxNodes: 1000;
    /**
     * Below a second, a garbage-collection pause or a slow network blip of one node starts a
     * failover; Redis's own default is 15000.
     */
    readonly minClusterNodeTimeoutMs: 1000;
    /** The default NodePort range of kube-apiserver (--service-node-port-range). */
    readonly minNodePort: 30000;
    readonly maxNodePort: 32767;
    /**
     * The StatefulSet controller labels each pod `controller-revision-hash: <name>-<10 characters>`,
     * and a label value holds at most 63 characters: a longer name creates no pods at all.
     */
    readonly maxStatefulSetNameLength: 52;
    /** Redis 7.0 brought cluster-port, hostname endpoints and the Redis 7 directive names used here. */
    readonly minRedisVersion: readonly [number, number];
};

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LIMITS = exports.DEFAULT_REDIS_CONFIG = exports.DEFAULTS = void 0;
/**
 * Every default value of the project, in one place. Constructs resolve their props against these
 * with `??` in their constructors and never repeat a literal.
 */
exports.DEFAULTS = {
    namespace: 'redis',
    clusterDomain: 'cluster.local',
    shards: 3,
    replicasPerShard: 1,
    /** Pinned Redis 7 image; the official image runs as uid/gid 999. */
    image: 'redis:7.2.6-bookworm',
    redisUid: 999,
    redisGid: 999,
    statefulSetName: 'redis-app',
    headlessServiceName: 'redis-service',
    externalServiceName: 'redis-access-service',
    configMapName: 'redis-conf',
    initJobNamePrefix: 'redis-cluster-init',
    clientPort: 6379,
    busPortOffset: 10000,
    /** The seed has no fixed NodePort; Kubernetes picks one from 30000-32767 when this is unset. */
    nodePort: undefined,
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
    /** Hard deadline of the init Job; longer than its wait so the script's own message is seen. */
    initActiveDeadlineSeconds: 600,
    initBackoffLimit: 3,
    initTtlSecondsAfterFinished: 86400,
    /** How long the start script waits for peers' names to resolve before starting Redis anyway. */
    peerResolveTimeoutSeconds: 10,
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
exports.DEFAULT_REDIS_CONFIG = {
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
};
/**
 * Bounds that validation enforces beyond what Kubernetes and Redis themselves accept, each with the
 * reason it exists.
 */
exports.LIMITS = {
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
    /** Redis 7.0 brought cluster-port, hostname endpoints and the Redis 7 directive names used here. */
    minRedisVersion: [7, 0],
};
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoiX2RlZmF1bHRzLmpzIiwic291cmNlUm9vdCI6IiIsInNvdXJjZXMiOlsiLi4vLi4vLi4vd29yay93dC1wYWNrYWdlL3NyYy9fZGVmYXVsdHMudHMiXSwibmFtZXMiOltdLCJtYXBwaW5ncyI6Ijs7O0FBQUE7OztHQUdHO0FBQ1UsUUFBQSxRQUFRLEdBQUc7SUFDdEIsU0FBUyxFQUFFLE9BQU87SUFDbEIsYUFBYSxFQUFFLGVBQWU7SUFFOUIsTUFBTSxFQUFFLENBQUM7SUFDVCxnQkFBZ0IsRUFBRSxDQUFDO0lBRW5CLG9FQUFvRTtJQUNwRSxLQUFLLEVBQUUsc0JBQXNCO0lBQzdCLFFBQVEsRUFBRSxHQUFHO0lBQ2IsUUFBUSxFQUFFLEdBQUc7SUFFYixlQUFlLEVBQUUsV0FBVztJQUM1QixtQkFBbUIsRUFBRSxlQUFlO0lBQ3BDLG1CQUFtQixFQUFFLHNCQUFzQjtJQUMzQyxhQUFhLEVBQUUsWUFBWTtJQUMzQixpQkFBaUIsRUFBRSxvQkFBb0I7SUFFdkMsVUFBVSxFQUFFLElBQUk7SUFDaEIsYUFBYSxFQUFFLEtBQUs7SUFDcEIsZ0dBQWdHO0lBQ2hHLFFBQVEsRUFBRSxTQUErQjtJQUV6QyxnR0FBZ0c7SUFDaEcsYUFBYSxFQUFFLE9BQU87SUFDdEIseUZBQXlGO0lBQ3pGLGdCQUFnQixFQUFFLFlBQVk7SUFDOUIsNkVBQTZFO0lBQzdFLGVBQWUsRUFBRSxZQUFZO0lBQzdCLGFBQWEsRUFBRSxZQUFZO0lBRTNCLGdCQUFnQixFQUFFLFlBQVk7SUFDOUIsV0FBVyxFQUFFLE1BQU07SUFDbkIsZ0NBQWdDO0lBQ2hDLFdBQVcsRUFBRSxDQUFDLGVBQWUsQ0FBQztJQUM5Qix1QkFBdUIsRUFBRSxpQkFBaUI7SUFDMUMsbUJBQW1CLEVBQUUsb0VBQW9FO0lBRXpGLHlGQUF5RjtJQUN6RixjQUFjLEVBQUUsWUFBWTtJQUM1QixhQUFhLEVBQUUsVUFBVTtJQUV6QixrR0FBa0c7SUFDbEcsaUJBQWlCLEVBQUUsU0FBUztJQUM1QixtREFBbUQ7SUFDbkQsbUJBQW1CLEVBQUUsQ0FBQyxXQUFXLENBQUM7SUFFbEMsb0JBQW9CLEVBQUUsa0NBQWtDO0lBQ3hELFdBQVcsRUFBRSxJQUFJO0lBQ2pCLG9CQUFvQixFQUFFLFVBQVU7SUFDaEMsc0JBQXNCLEVBQUUsS0FBSztJQUU3QixVQUFVLEVBQUUsTUFBTTtJQUNsQixhQUFhLEVBQUUsT0FBTztJQUV0QixrRUFBa0U7SUFDbEUsb0JBQW9CLEVBQUUsSUFBSTtJQUUxQix5RkFBeUY7SUFDekYscUJBQXFCLEVBQUUsRUFBRTtJQUN6Qiw2QkFBNkIsRUFBRSxFQUFFO0lBRWpDLDhGQUE4RjtJQUM5RixzQkFBc0IsRUFBRSxHQUFHO0lBQzNCLCtGQUErRjtJQUMvRix5QkFBeUIsRUFBRSxHQUFHO0lBQzlCLGdCQUFnQixFQUFFLENBQUM7SUFDbkIsMkJBQTJCLEVBQUUsS0FBSztJQUNsQyxnR0FBZ0c7SUFDaEcseUJBQXlCLEVBQUUsRUFBRTtDQUNyQixDQUFDO0FBRVg7Ozs7Ozs7Ozs7Ozs7R0FhRztBQUNVLFFBQUEsb0JBQW9CLEdBQUc7SUFDbEMsZ0JBQWdCLEVBQUUsS0FBSztJQUN2QixXQUFXLEVBQUUsS0FBSztJQUNsQixNQUFNLEVBQUUsU0FBUztJQUNqQixhQUFhLEVBQUUsR0FBRztJQUNsQixTQUFTLEVBQUUsSUFBSTtJQUNmLGVBQWUsRUFBRSxDQUFDO0lBQ2xCLFVBQVUsRUFBRSxRQUFRO0lBQ3BCLFNBQVMsRUFBRSxFQUFFO0lBQ2IsV0FBVyxFQUFFLEVBQUU7SUFDZixNQUFNLEVBQUUsQ0FBQyxPQUFPLEVBQUUsUUFBUSxFQUFFLFVBQVUsQ0FBQztJQUN2Qyw2QkFBNkIsRUFBRSxJQUFJO0lBQ25DLGdCQUFnQixFQUFFLElBQUk7SUFDdEIsYUFBYSxFQUFFLElBQUk7SUFDbkIsWUFBWSxFQUFFLFVBQVU7SUFDeEIsWUFBWSxFQUFFLElBQUk7SUFDbEIsZ0JBQWdCLEVBQUUsZ0JBQWdCO0lBQ2xDLGFBQWEsRUFBRSxVQUFVO0lBQ3pCLDJCQUEyQixFQUFFLEtBQUs7SUFDbEMsNkJBQTZCLEVBQUUsR0FBRztJQUNsQywyQkFBMkIsRUFBRSxNQUFNO0lBQ25DLCtCQUErQixFQUFFLElBQUk7SUFDckMsc0JBQXNCLEVBQUUsS0FBSztJQUM3Qix5QkFBeUIsRUFBRSxLQUFLO0lBQ2hDLGlCQUFpQixFQUFFLEdBQUc7SUFDdEIsMkJBQTJCLEVBQUUsQ0FBQztJQUM5Qix3QkFBd0IsRUFBRSxFQUFFO0lBQzVCLDJCQUEyQixFQUFFLEdBQUc7SUFDaEMseUJBQXlCLEVBQUUsRUFBRTtJQUM3Qix3QkFBd0IsRUFBRSxHQUFHO0lBQzdCLDJCQUEyQixFQUFFLEdBQUc7SUFDaEMseUJBQXlCLEVBQUUsRUFBRTtJQUM3QixzQkFBc0IsRUFBRSxJQUFJO0lBQzVCLGlCQUFpQixFQUFFLElBQUk7SUFDdkIsNEJBQTRCLEVBQUUsQ0FBQyxjQUFjLEVBQUUsdUJBQXVCLEVBQUUsb0JBQW9CLENBQUM7SUFDN0YsSUFBSSxFQUFFLEVBQUU7SUFDUixpR0FBaUc7SUFDakcsa0dBQWtHO0lBQ2xHLGlEQUFpRDtJQUNqRCxxQkFBcUIsRUFBRSxPQUFPO0NBQ3RCLENBQUM7QUFFWDs7O0dBR0c7QUFDVSxRQUFBLE1BQU0sR0FBRztJQUNwQiwrREFBK0Q7SUFDL0QsU0FBUyxFQUFFLENBQUM7SUFDWjs7O09BR0c7SUFDSCxtQkFBbUIsRUFBRSxDQUFDO0lBQ3RCLCtGQUErRjtJQUMvRixRQUFRLEVBQUUsSUFBSTtJQUNkOzs7T0FHRztJQUNILHVCQUF1QixFQUFFLElBQUk7SUFDN0IsZ0ZBQWdGO0lBQ2hGLFdBQVcsRUFBRSxLQUFLO0lBQ2xCLFdBQVcsRUFBRSxLQUFLO0lBQ2xCOzs7T0FHRztJQUNILHdCQUF3QixFQUFFLEVBQUU7SUFDNUIsb0dBQW9HO0lBQ3BHLGVBQWUsRUFBRSxDQUFDLENBQUMsRUFBRSxDQUFDLENBQThCO0NBQzVDLENBQUMiLCJzb3VyY2VzQ29udGVudCI6WyIvKipcbiAqIEV2ZXJ5IGRlZmF1bHQgdmFsdWUgb2YgdGhlIHByb2plY3QsIGluIG9uZSBwbGFjZS4gQ29uc3RydWN0cyByZXNvbHZlIHRoZWlyIHByb3BzIGFnYWluc3QgdGhlc2VcbiAqIHdpdGggYD8/YCBpbiB0aGVpciBjb25zdHJ1Y3RvcnMgYW5kIG5ldmVyIHJlcGVhdCBhIGxpdGVyYWwuXG4gKi9cbmV4cG9ydCBjb25zdCBERUZBVUxUUyA9IHtcbiAgbmFtZXNwYWNlOiAncmVkaXMnLFxuICBjbHVzdGVyRG9tYWluOiAnY2x1c3Rlci5sb2NhbCcsXG5cbiAgc2hhcmRzOiAzLFxuICByZXBsaWNhc1BlclNoYXJkOiAxLFxuXG4gIC8qKiBQaW5uZWQgUmVkaXMgNyBpbWFnZTsgdGhlIG9mZmljaWFsIGltYWdlIHJ1bnMgYXMgdWlkL2dpZCA5OTkuICovXG4gIGltYWdlOiAncmVkaXM6Ny4yLjYtYm9va3dvcm0nLFxuICByZWRpc1VpZDogOTk5LFxuICByZWRpc0dpZDogOTk5LFxuXG4gIHN0YXRlZnVsU2V0TmFtZTogJ3JlZGlzLWFwcCcsXG4gIGhlYWRsZXNzU2VydmljZU5hbWU6ICdyZWRpcy1zZXJ2aWNlJyxcbiAgZXh0ZXJuYWxTZXJ2aWNlTmFtZTogJ3JlZGlzLWFjY2Vzcy1zZXJ2aWNlJyxcbiAgY29uZmlnTWFwTmFtZTogJ3JlZGlzLWNvbmYnLFxuICBpbml0Sm9iTmFtZVByZWZpeDogJ3JlZGlzLWNsdXN0ZXItaW5pdCcsXG5cbiAgY2xpZW50UG9ydDogNjM3OSxcbiAgYnVzUG9ydE9mZnNldDogMTAwMDAsXG4gIC8qKiBUaGUgc2VlZCBoYXMgbm8gZml4ZWQgTm9kZVBvcnQ7IEt1YmVybmV0ZXMgcGlja3Mgb25lIGZyb20gMzAwMDAtMzI3Njcgd2hlbiB0aGlzIGlzIHVuc2V0LiAqL1xuICBub2RlUG9ydDogdW5kZWZpbmVkIGFzIG51bWJlciB8IHVuZGVmaW5lZCxcblxuICAvKiogV2hlcmUgdGhlIHBlcnNpc3RlbnQgdm9sdW1lIGlzIG1vdW50ZWQsIGFuZCBzbyB3aGVyZSBSZWRpcyBrZWVwcyBBT0YsIFJEQiBhbmQgbm9kZXMuY29uZi4gKi9cbiAgZGF0YU1vdW50UGF0aDogJy9kYXRhJyxcbiAgLyoqIEEgbWVtb3J5LWJhY2tlZCBlbXB0eURpciBmb3IgZmlsZXMgUmVkaXMgbXVzdCBub3Qga2VlcCBvbiBkaXNrICh0aGUgYXV0aCBpbmNsdWRlKS4gKi9cbiAgcnVudGltZU1vdW50UGF0aDogJy9ydW4vcmVkaXMnLFxuICAvKiogV2hlcmUgdGhlIENvbmZpZ01hcCAocmVkaXMuY29uZiBhbmQgdGhlIGNvbnRhaW5lciBzY3JpcHRzKSBpcyBtb3VudGVkLiAqL1xuICBjb25maWdNb3VudFBhdGg6ICcvZXRjL3JlZGlzJyxcbiAgZGF0YUNsYWltTmFtZTogJ3JlZGlzLWRhdGEnLFxuXG4gIHN0b3JhZ2VDbGFzc05hbWU6ICduZnMtY2xpZW50JyxcbiAgc3RvcmFnZVNpemU6ICcyMDBNJyxcbiAgLyoqIE9uZSBwb2QgdXNlcyBlYWNoIHZvbHVtZS4gKi9cbiAgYWNjZXNzTW9kZXM6IFsnUmVhZFdyaXRlT25jZSddLFxuICBuZnNQcm92aXNpb25lck5hbWVzcGFjZTogJ25mcy1wcm92aXNpb25lcicsXG4gIG5mc1Byb3Zpc2lvbmVySW1hZ2U6ICdyZWdpc3RyeS5rOHMuaW8vc2lnLXN0b3JhZ2UvbmZzLXN1YmRpci1leHRlcm5hbC1wcm92aXNpb25lcjp2NC4wLjInLFxuXG4gIC8qKiBUaGUgU2VjcmV0IGhvbGRpbmcgdGhlIHBhc3N3b3JkOyB0aGUgb3BlcmF0b3IgY3JlYXRlcyBpdCwgaXQgaXMgbmV2ZXIgc3ludGhlc2l6ZWQuICovXG4gIGF1dGhTZWNyZXROYW1lOiAncmVkaXMtYXV0aCcsXG4gIGF1dGhTZWNyZXRLZXk6ICdwYXNzd29yZCcsXG5cbiAgLyoqIFBvZHMgbGFiZWxsZWQgYDxzdGF0ZWZ1bFNldE5hbWU+LWNsaWVudDogXCJ0cnVlXCJgIChhbnkgbmFtZXNwYWNlKSBtYXkgcmVhY2ggdGhlIGNsaWVudCBwb3J0LiAqL1xuICBjbGllbnRMYWJlbFN1ZmZpeDogJy1jbGllbnQnLFxuICAvKiogV2hvIG1heSByZWFjaCB0aGUgZXh0ZXJuYWwgTm9kZVBvcnQgU2VydmljZS4gKi9cbiAgZXh0ZXJuYWxDbGllbnRDaWRyczogWycwLjAuMC4wLzAnXSxcblxuICBtZXRyaWNzRXhwb3J0ZXJJbWFnZTogJ29saXZlcjAwNi9yZWRpc19leHBvcnRlcjp2MS42Mi4wJyxcbiAgbWV0cmljc1BvcnQ6IDkxMjEsXG4gIG1ldHJpY3NTZXJ2aWNlU3VmZml4OiAnLW1ldHJpY3MnLFxuICBzZXJ2aWNlTW9uaXRvckludGVydmFsOiAnMzBzJyxcblxuICBjcHVSZXF1ZXN0OiAnMTAwbScsXG4gIG1lbW9yeVJlcXVlc3Q6ICcxMDBNaScsXG5cbiAgLyoqIDEuNSB4IHRoaXMgaXMgcm91Z2hseSBob3cgbG9uZyBhbiB1bnBsYW5uZWQgZmFpbG92ZXIgdGFrZXMuICovXG4gIGNsdXN0ZXJOb2RlVGltZW91dE1zOiA1MDAwLFxuXG4gIC8qKiBCb3VuZCBvZiB0aGUgcHJlU3RvcCBob29rJ3Mgd2FpdCBmb3IgdGhlIHBsYW5uZWQgZmFpbG92ZXI7IGJlbG93IHRoZSBncmFjZSBwZXJpb2QuICovXG4gIHByZVN0b3BUaW1lb3V0U2Vjb25kczogMjAsXG4gIHRlcm1pbmF0aW9uR3JhY2VQZXJpb2RTZWNvbmRzOiAzMCxcblxuICAvKiogSG93IGxvbmcgdGhlIGluaXQgSm9iIHdhaXRzIGZvciBldmVyeSBwb2QgdG8gYW5zd2VyLCBhbmQgdGhlbiBmb3IgdGhlIGNsdXN0ZXIgdG8gYmUgb2suICovXG4gIGluaXRXYWl0VGltZW91dFNlY29uZHM6IDMwMCxcbiAgLyoqIEhhcmQgZGVhZGxpbmUgb2YgdGhlIGluaXQgSm9iOyBsb25nZXIgdGhhbiBpdHMgd2FpdCBzbyB0aGUgc2NyaXB0J3Mgb3duIG1lc3NhZ2UgaXMgc2Vlbi4gKi9cbiAgaW5pdEFjdGl2ZURlYWRsaW5lU2Vjb25kczogNjAwLFxuICBpbml0QmFja29mZkxpbWl0OiAzLFxuICBpbml0VHRsU2Vjb25kc0FmdGVyRmluaXNoZWQ6IDg2NDAwLFxuICAvKiogSG93IGxvbmcgdGhlIHN0YXJ0IHNjcmlwdCB3YWl0cyBmb3IgcGVlcnMnIG5hbWVzIHRvIHJlc29sdmUgYmVmb3JlIHN0YXJ0aW5nIFJlZGlzIGFueXdheS4gKi9cbiAgcGVlclJlc29sdmVUaW1lb3V0U2Vjb25kczogMTAsXG59IGFzIGNvbnN0O1xuXG4vKipcbiAqIFRoZSBzZWVkIGFydGljbGUncyByZWRpcy5jb25mLCBjb3JyZWN0ZWQgZm9yIFJlZGlzIDcgYW5kIGZvciBydW5uaW5nIGluIGEgY29udGFpbmVyOlxuICogLSBgZGlyYCBhbmQgdGhlIGNsdXN0ZXIgY29uZmlnIGZpbGUgbGl2ZSBvbiB0aGUgcGVyc2lzdGVudCB2b2x1bWUgKHRoZSBzZWVkIHdyb3RlIHRvIGAvZGF0YWBcbiAqICAgd2hpbGUgbW91bnRpbmcgaXRzIHZvbHVtZSBhdCBgL3Zhci9saWIvcmVkaXNgKSwgYW5kIGFyZSBzZXQgYnkgdGhlIFJlZGlzQ2x1c3RlciBpdHNlbGY7XG4gKiAtIGxvZ3MgZ28gdG8gc3Rkb3V0IHNvIGBrdWJlY3RsIGxvZ3NgIHdvcmtzICh0aGUgc2VlZCBsb2dnZWQgdG8gYSBmaWxlKTtcbiAqIC0gbm8gcGlkZmlsZSAobm90aGluZyByZWFkcyBpdCBpbiBhIGNvbnRhaW5lciwgYW5kIHRoZSByb290IGZpbGVzeXN0ZW0gaXMgcmVhZC1vbmx5KTtcbiAqIC0gUmVkaXMgNyBuYW1lczogYCotbGlzdHBhY2stKmAgaW5zdGVhZCBvZiBgKi16aXBsaXN0LSpgLCBgYnVzeS1yZXBseS10aHJlc2hvbGRgIGluc3RlYWQgb2ZcbiAqICAgYGx1YS10aW1lLWxpbWl0YCwgYHJlcGxpY2FgIGluc3RlYWQgb2YgYHNsYXZlYDsgYGxpc3QtbWF4LXppcGxpc3QtKmAgaXMgZHJvcHBlZCBiZWNhdXNlIFJlZGlzIDdcbiAqICAgaWdub3JlcyBpdCAobGlzdHMgYXJlIHF1aWNrbGlzdHMgb2YgbGlzdHBhY2tzLCBzaXplZCBieSBgbGlzdC1tYXgtbGlzdHBhY2stc2l6ZWApO1xuICogLSBgbG9nbGV2ZWwgbm90aWNlYCByYXRoZXIgdGhhbiBgdmVyYm9zZWA6IGF0IHZlcmJvc2UsIGV2ZXJ5IHByb2JlIGNvbm5lY3Rpb24gaXMgbG9nZ2VkLlxuICpcbiAqIERpcmVjdGl2ZXMgb3duZWQgYnkgdGhlIGNsdXN0ZXIgdG9wb2xvZ3kgKHBvcnQsIGNsdXN0ZXItKiwgZGlyKSBhcmUgbm90IGhlcmU6IFJlZGlzQ2x1c3RlclxuICogcmVuZGVycyB0aGVtIGZyb20gaXRzIHByb3BzLlxuICovXG5leHBvcnQgY29uc3QgREVGQVVMVF9SRURJU19DT05GSUcgPSB7XG4gICdwcm90ZWN0ZWQtbW9kZSc6IGZhbHNlLFxuICAnZGFlbW9uaXplJzogZmFsc2UsXG4gICdiaW5kJzogJzAuMC4wLjAnLFxuICAndGNwLWJhY2tsb2cnOiA1MTEsXG4gICd0aW1lb3V0JzogMzYwMCxcbiAgJ3RjcC1rZWVwYWxpdmUnOiAxLFxuICAnbG9nbGV2ZWwnOiAnbm90aWNlJyxcbiAgJ2xvZ2ZpbGUnOiAnJyxcbiAgJ2RhdGFiYXNlcyc6IDE2LFxuICAnc2F2ZSc6IFsnOTAwIDEnLCAnMzAwIDEwJywgJzYwIDEwMDAwJ10sXG4gICdzdG9wLXdyaXRlcy1vbi1iZ3NhdmUtZXJyb3InOiB0cnVlLFxuICAncmRiY29tcHJlc3Npb24nOiB0cnVlLFxuICAncmRiY2hlY2tzdW0nOiB0cnVlLFxuICAnZGJmaWxlbmFtZSc6ICdkdW1wLnJkYicsXG4gICdhcHBlbmRvbmx5JzogdHJ1ZSxcbiAgJ2FwcGVuZGZpbGVuYW1lJzogJ2FwcGVuZG9ubHkuYW9mJyxcbiAgJ2FwcGVuZGZzeW5jJzogJ2V2ZXJ5c2VjJyxcbiAgJ25vLWFwcGVuZGZzeW5jLW9uLXJld3JpdGUnOiBmYWxzZSxcbiAgJ2F1dG8tYW9mLXJld3JpdGUtcGVyY2VudGFnZSc6IDEwMCxcbiAgJ2F1dG8tYW9mLXJld3JpdGUtbWluLXNpemUnOiAnNjRtYicsXG4gICdhb2YtcmV3cml0ZS1pbmNyZW1lbnRhbC1mc3luYyc6IHRydWUsXG4gICdidXN5LXJlcGx5LXRocmVzaG9sZCc6IDIwMDAwLFxuICAnc2xvd2xvZy1sb2ctc2xvd2VyLXRoYW4nOiAxMDAwMCxcbiAgJ3Nsb3dsb2ctbWF4LWxlbic6IDEyOCxcbiAgJ2xhdGVuY3ktbW9uaXRvci10aHJlc2hvbGQnOiAwLFxuICAnbm90aWZ5LWtleXNwYWNlLWV2ZW50cyc6ICcnLFxuICAnaGFzaC1tYXgtbGlzdHBhY2stZW50cmllcyc6IDUxMixcbiAgJ2hhc2gtbWF4LWxpc3RwYWNrLXZhbHVlJzogNjQsXG4gICdzZXQtbWF4LWludHNldC1lbnRyaWVzJzogNTEyLFxuICAnenNldC1tYXgtbGlzdHBhY2stZW50cmllcyc6IDEyOCxcbiAgJ3pzZXQtbWF4LWxpc3RwYWNrLXZhbHVlJzogNjQsXG4gICdobGwtc3BhcnNlLW1heC1ieXRlcyc6IDMwMDAsXG4gICdhY3RpdmVyZWhhc2hpbmcnOiB0cnVlLFxuICAnY2xpZW50LW91dHB1dC1idWZmZXItbGltaXQnOiBbJ25vcm1hbCAwIDAgMCcsICdyZXBsaWNhIDI1Nm1iIDY0bWIgNjAnLCAncHVic3ViIDMybWIgOG1iIDYwJ10sXG4gICdoeic6IDEwLFxuICAvLyBBIHJlcGxpY2EgdGhhdCBoYXMganVzdCBzeW5jZWQgcmVmdXNlcyBTSUdURVJNIHdoaWxlIGl0IHdyaXRlcyBpdHMgZmlyc3QgQU9GIChcIldyaXRpbmcgaW5pdGlhbFxuICAvLyBBT0YsIGNhbid0IGV4aXRcIiksIGFuZCB0aGUga3ViZWxldCB3b3VsZCBTSUdLSUxMIGl0IGFmdGVyIHRoZSBncmFjZSBwZXJpb2QuIGZvcmNlIGxldHMgaXQgZXhpdDtcbiAgLy8gaXQgcmVzeW5jcyBmcm9tIGl0cyBtYXN0ZXIgd2hlbiBpdCBjb21lcyBiYWNrLlxuICAnc2h1dGRvd24tb24tc2lndGVybSc6ICdmb3JjZScsXG59IGFzIGNvbnN0O1xuXG4vKipcbiAqIEJvdW5kcyB0aGF0IHZhbGlkYXRpb24gZW5mb3JjZXMgYmV5b25kIHdoYXQgS3ViZXJuZXRlcyBhbmQgUmVkaXMgdGhlbXNlbHZlcyBhY2NlcHQsIGVhY2ggd2l0aCB0aGVcbiAqIHJlYXNvbiBpdCBleGlzdHMuXG4gKi9cbmV4cG9ydCBjb25zdCBMSU1JVFMgPSB7XG4gIC8qKiBSZWRpcyBDbHVzdGVyIHJlZnVzZXMgdG8gZm9ybSB3aXRoIGZld2VyIHRoYW4gMyBtYXN0ZXJzLiAqL1xuICBtaW5TaGFyZHM6IDMsXG4gIC8qKlxuICAgKiBSZXBsaWNhcyBwZXIgbWFzdGVyLiBSZWRpcyBoYXMgbm8gaGFyZCBsaW1pdCwgYnV0IGV2ZXJ5IHdyaXRlIGlzIHN0cmVhbWVkIHRvIGV2ZXJ5IHJlcGxpY2EgYW5kXG4gICAqIGVhY2ggcmVwbGljYSBpcyBhIGZ1bGwgY29weTsgcGFzdCA1IHRoZSBjb3N0IGJ1eXMgbm8gYXZhaWxhYmlsaXR5IGEgY2x1c3RlciBvZiB0aGlzIHNoYXBlIHVzZXMuXG4gICAqL1xuICBtYXhSZXBsaWNhc1BlclNoYXJkOiA1LFxuICAvKiogUmVkaXMgQ2x1c3RlciBpcyBkZXNpZ25lZCBhbmQgdGVzdGVkIGZvciB1cCB0byBhYm91dCAxMDAwIG5vZGVzIChtYXN0ZXJzIHBsdXMgcmVwbGljYXMpLiAqL1xuICBtYXhOb2RlczogMTAwMCxcbiAgLyoqXG4gICAqIEJlbG93IGEgc2Vjb25kLCBhIGdhcmJhZ2UtY29sbGVjdGlvbiBwYXVzZSBvciBhIHNsb3cgbmV0d29yayBibGlwIG9mIG9uZSBub2RlIHN0YXJ0cyBhXG4gICAqIGZhaWxvdmVyOyBSZWRpcydzIG93biBkZWZhdWx0IGlzIDE1MDAwLlxuICAgKi9cbiAgbWluQ2x1c3Rlck5vZGVUaW1lb3V0TXM6IDEwMDAsXG4gIC8qKiBUaGUgZGVmYXVsdCBOb2RlUG9ydCByYW5nZSBvZiBrdWJlLWFwaXNlcnZlciAoLS1zZXJ2aWNlLW5vZGUtcG9ydC1yYW5nZSkuICovXG4gIG1pbk5vZGVQb3J0OiAzMDAwMCxcbiAgbWF4Tm9kZVBvcnQ6IDMyNzY3LFxuICAvKipcbiAgICogVGhlIFN0YXRlZnVsU2V0IGNvbnRyb2xsZXIgbGFiZWxzIGVhY2ggcG9kIGBjb250cm9sbGVyLXJldmlzaW9uLWhhc2g6IDxuYW1lPi08MTAgY2hhcmFjdGVycz5gLFxuICAgKiBhbmQgYSBsYWJlbCB2YWx1ZSBob2xkcyBhdCBtb3N0IDYzIGNoYXJhY3RlcnM6IGEgbG9uZ2VyIG5hbWUgY3JlYXRlcyBubyBwb2RzIGF0IGFsbC5cbiAgICovXG4gIG1heFN0YXRlZnVsU2V0TmFtZUxlbmd0aDogNTIsXG4gIC8qKiBSZWRpcyA3LjAgYnJvdWdodCBjbHVzdGVyLXBvcnQsIGhvc3RuYW1lIGVuZHBvaW50cyBhbmQgdGhlIFJlZGlzIDcgZGlyZWN0aXZlIG5hbWVzIHVzZWQgaGVyZS4gKi9cbiAgbWluUmVkaXNWZXJzaW9uOiBbNywgMF0gYXMgcmVhZG9ubHkgW251bWJlciwgbnVtYmVyXSxcbn0gYXMgY29uc3Q7XG4iXX0=
/**
 * The redis.conf directives of Redis 7.0 to 8.0 and Valkey 7.2 to 8.1, with the types their
 * arguments must have (which release accepts which name is in `server-releases.ts`). The Redis
 * 7.0 part was read from redis-server 7.0.15: `CONFIG GET *` for the names, then each directive was started with a bad argument (`redis-server --port 0
 * --<name> <bad>`) and its error ("argument must be 'yes' or 'no'", "must be between 1 and 99
 * inclusive", "must be one of the following: ...") recorded. Newer entries come from the Redis 7.2
 * and Valkey 8.0 sources (src/config.c), and from Redis 8.0.2 and Valkey 8.1.1 run the same way,
 * and carry `since`.
 *
 * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
 * @see https://github.com/redis/redis/blob/7.2/src/config.c
 */

/** How Redis reads a directive's arguments. */
export type DirectiveType =
  /** `yes` or `no`, case-insensitive. */
  | 'bool'
  /** A decimal integer in [min, max]. */
  | 'int'
  /** Bytes, with an optional unit: 1k 1kb 1m 1mb 1g 1gb (case-insensitive). At least min, at most 2^63 - 1 unless unsigned. */
  | 'memory'
  /** A memory value, or a percentage of maxmemory (`10%`) up to maxPercent. */
  | 'memory-or-percent'
  /** An octal number, e.g. unixsocketperm 700. */
  | 'octal'
  /** One of `values`, case-insensitive. */
  | 'enum'
  /** One or more of `values` on one line (`shutdown-on-sigterm nosave now`). */
  | 'flags'
  /** One argument of any text. */
  | 'string'
  /** One argument that is a bare file name (Redis refuses a path). */
  | 'filename'
  /** An argument list with its own rule in the checker (save, bind, client-output-buffer-limit...). */
  | 'args';

/** The Redis (or Valkey) version that first accepts a directive, when newer than Redis 7.0. */
export type DirectiveSince = '7.2' | 'valkey-8.0' | 'redis-8.0' | 'valkey-8.1';

export interface DirectiveSpec {
  readonly type: DirectiveType;
  /** Lower bound of an int or memory directive. @default 0 */
  readonly min?: number;
  /** Upper bound of an int or memory directive. @default - 2^63 - 1 */
  readonly max?: number;
  /**
   * A memory directive Redis stores unsigned (maxmemory, cluster-link-sendbuf-limit): no upper
   * bound the checker enforces. Others are signed 64-bit, at most 2^63 - 1 bytes.
   */
  readonly unsigned?: boolean;
  /** For memory-or-percent: the largest percentage Redis accepts. */
  readonly maxPercent?: number;
  /** The words an enum or flags directive accepts. */
  readonly values?: readonly string[];
  /** The directive may appear on several lines, each adding to the last. */
  readonly repeatable?: boolean;
  readonly since?: DirectiveSince;
}

const I32 = 2147483647;
const U32 = 4294967295;

const BOOL: DirectiveSpec = { type: 'bool' };
const STRING: DirectiveSpec = { type: 'string' };
const INT: DirectiveSpec = { type: 'int' };
const INT32: DirectiveSpec = { type: 'int', max: I32 };
const MEMORY: DirectiveSpec = { type: 'memory' };
const PORT: DirectiveSpec = { type: 'int', max: 65535 };
const PROTECTED_ACTION: DirectiveSpec = { type: 'enum', values: ['no', 'yes', 'local'] };
const SHUTDOWN_FLAGS: DirectiveSpec = { type: 'flags', values: ['default', 'save', 'nosave', 'now', 'force'] };

/** Every directive Redis 7.0-7.2 and Valkey 8.0 accept, by its current name. */
export const REDIS_DIRECTIVES: Readonly<Record<string, DirectiveSpec>> = {
  'acl-pubsub-default': { type: 'enum', values: ['allchannels', 'resetchannels'] },
  'aclfile': STRING,
  'acllog-max-len': INT,
  'active-defrag-cycle-max': { type: 'int', min: 1, max: 99 },
  'active-defrag-cycle-min': { type: 'int', min: 1, max: 99 },
  'active-defrag-ignore-bytes': { type: 'memory', min: 1 },
  'active-defrag-max-scan-fields': { type: 'int', min: 1 },
  'active-defrag-threshold-lower': { type: 'int', max: 1000 },
  'active-defrag-threshold-upper': { type: 'int', max: 1000 },
  'active-expire-effort': { type: 'int', min: 1, max: 10 },
  'activedefrag': BOOL,
  'activerehashing': BOOL,
  'always-show-logo': BOOL,
  'aof-disable-auto-gc': BOOL,
  'aof-load-truncated': BOOL,
  'aof-rewrite-incremental-fsync': BOOL,
  'aof-timestamp-enabled': BOOL,
  'aof-use-rdb-preamble': BOOL,
  'aof_rewrite_cpulist': STRING,
  'appenddirname': { type: 'filename' },
  'appendfilename': { type: 'filename' },
  'appendfsync': { type: 'enum', values: ['everysec', 'always', 'no'] },
  'appendonly': BOOL,
  'auto-aof-rewrite-min-size': MEMORY,
  'auto-aof-rewrite-percentage': INT32,
  'bgsave_cpulist': STRING,
  'bind': { type: 'args' },
  'bind-source-addr': STRING,
  'bio_cpulist': STRING,
  'busy-reply-threshold': INT,
  'client-output-buffer-limit': { type: 'args', repeatable: true },
  'client-query-buffer-limit': { type: 'memory', min: 1048576 },
  'cluster-allow-pubsubshard-when-down': BOOL,
  'cluster-allow-reads-when-down': BOOL,
  'cluster-allow-replica-migration': BOOL,
  'cluster-announce-bus-port': PORT,
  'cluster-announce-hostname': STRING,
  'cluster-announce-ip': STRING,
  'cluster-announce-port': PORT,
  'cluster-announce-tls-port': PORT,
  'cluster-config-file': STRING,
  'cluster-enabled': BOOL,
  'cluster-link-sendbuf-limit': { type: 'memory', unsigned: true },
  'cluster-migration-barrier': INT32,
  'cluster-node-timeout': INT,
  'cluster-port': PORT,
  'cluster-preferred-endpoint-type': { type: 'enum', values: ['ip', 'hostname', 'unknown-endpoint'] },
  'cluster-replica-no-failover': BOOL,
  'cluster-replica-validity-factor': INT32,
  'cluster-require-full-coverage': BOOL,
  'crash-log-enabled': BOOL,
  'crash-memcheck-enabled': BOOL,
  'daemonize': BOOL,
  'databases': { type: 'int', min: 1, max: I32 },
  'dbfilename': { type: 'filename' },
  'dir': STRING,
  'disable-thp': BOOL,
  'dynamic-hz': BOOL,
  'enable-debug-command': PROTECTED_ACTION,
  'enable-module-command': PROTECTED_ACTION,
  'enable-protected-configs': PROTECTED_ACTION,
  'hash-max-listpack-entries': INT,
  'hash-max-listpack-value': MEMORY,
  'hll-sparse-max-bytes': MEMORY,
  'hz': INT32,
  'ignore-warnings': STRING,
  'io-threads': { type: 'int', min: 1, max: 128 },
  'io-threads-do-reads': BOOL,
  'jemalloc-bg-thread': BOOL,
  'key-load-delay': { type: 'int', min: -I32 - 1, max: I32 },
  'latency-monitor-threshold': INT,
  'latency-tracking': BOOL,
  'latency-tracking-info-percentiles': { type: 'args' },
  'lazyfree-lazy-eviction': BOOL,
  'lazyfree-lazy-expire': BOOL,
  'lazyfree-lazy-server-del': BOOL,
  'lazyfree-lazy-user-del': BOOL,
  'lazyfree-lazy-user-flush': BOOL,
  'lfu-decay-time': INT32,
  'lfu-log-factor': INT32,
  'list-compress-depth': INT32,
  'list-max-listpack-size': { type: 'int', min: -I32 - 1, max: I32 },
  'loading-process-events-interval-bytes': { type: 'int', min: 1024, max: I32 },
  'logfile': STRING,
  'loglevel': { type: 'enum', values: ['debug', 'verbose', 'notice', 'warning'] },
  'masterauth': STRING,
  'masteruser': STRING,
  'maxclients': { type: 'int', min: 1, max: U32 },
  'maxmemory': { type: 'memory', unsigned: true },
  'maxmemory-clients': { type: 'memory-or-percent', maxPercent: 100 },
  'maxmemory-eviction-tenacity': { type: 'int', max: 100 },
  'maxmemory-policy': {
    type: 'enum',
    values: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
  },
  'maxmemory-samples': { type: 'int', min: 1, max: I32 },
  'min-replicas-max-lag': INT32,
  'min-replicas-to-write': INT32,
  'no-appendfsync-on-rewrite': BOOL,
  'notify-keyspace-events': { type: 'args' },
  'oom-score-adj': { type: 'enum', values: ['no', 'yes', 'relative', 'absolute'] },
  'oom-score-adj-values': { type: 'args' },
  'pidfile': STRING,
  'port': PORT,
  // One template whose {variables} Redis checks at start.
  'proc-title-template': { type: 'args' },
  'propagation-error-behavior': { type: 'enum', values: ['ignore', 'panic', 'panic-on-replicas'] },
  'protected-mode': BOOL,
  'proto-max-bulk-len': { type: 'memory', min: 1048576 },
  'rdb-del-sync-files': BOOL,
  'rdb-key-save-delay': { type: 'int', min: -I32 - 1, max: I32 },
  'rdb-save-incremental-fsync': BOOL,
  'rdbchecksum': BOOL,
  'rdbcompression': BOOL,
  'repl-backlog-size': { type: 'memory', min: 1 },
  'repl-backlog-ttl': INT,
  'repl-disable-tcp-nodelay': BOOL,
  'repl-diskless-load': { type: 'enum', values: ['disabled', 'on-empty-db', 'swapdb'] },
  'repl-diskless-sync': BOOL,
  'repl-diskless-sync-delay': INT32,
  'repl-diskless-sync-max-replicas': INT32,
  'repl-ping-replica-period': { type: 'int', min: 1, max: I32 },
  'repl-timeout': { type: 'int', min: 1, max: I32 },
  'replica-announce-ip': STRING,
  'replica-announce-port': PORT,
  'replica-announced': BOOL,
  'replica-ignore-disk-write-errors': BOOL,
  'replica-ignore-maxmemory': BOOL,
  'replica-lazy-flush': BOOL,
  'replica-priority': INT32,
  'replica-read-only': BOOL,
  'replica-serve-stale-data': BOOL,
  'replicaof': { type: 'args' },
  'requirepass': STRING,
  'sanitize-dump-payload': { type: 'enum', values: ['no', 'yes', 'clients'] },
  'save': { type: 'args', repeatable: true },
  'server_cpulist': STRING,
  'set-max-intset-entries': INT,
  'set-proc-title': BOOL,
  'shutdown-on-sigint': SHUTDOWN_FLAGS,
  'shutdown-on-sigterm': SHUTDOWN_FLAGS,
  'shutdown-timeout': INT32,
  'slowlog-log-slower-than': { type: 'int', min: -1 },
  'slowlog-max-len': INT,
  'socket-mark-id': { type: 'int', max: U32 },
  'stop-writes-on-bgsave-error': BOOL,
  'stream-node-max-bytes': MEMORY,
  'stream-node-max-entries': INT,
  'supervised': { type: 'enum', values: ['upstart', 'systemd', 'auto', 'no'] },
  'syslog-enabled': BOOL,
  'syslog-facility': { type: 'enum', values: ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'] },
  'syslog-ident': STRING,
  'tcp-backlog': INT32,
  'tcp-keepalive': INT32,
  'timeout': INT32,
  'tls-auth-clients': { type: 'enum', values: ['no', 'yes', 'optional'] },
  'tls-ca-cert-dir': STRING,
  'tls-ca-cert-file': STRING,
  'tls-cert-file': STRING,
  'tls-ciphers': STRING,
  'tls-ciphersuites': STRING,
  'tls-client-cert-file': STRING,
  'tls-client-key-file': STRING,
  'tls-client-key-file-pass': STRING,
  'tls-cluster': BOOL,
  'tls-dh-params-file': STRING,
  'tls-key-file': STRING,
  'tls-key-file-pass': STRING,
  'tls-port': PORT,
  'tls-prefer-server-ciphers': BOOL,
  'tls-protocols': STRING,
  'tls-replication': BOOL,
  'tls-session-cache-size': INT32,
  'tls-session-cache-timeout': INT32,
  'tls-session-caching': BOOL,
  'tracking-table-max-keys': INT,
  'unixsocket': STRING,
  'unixsocketperm': { type: 'octal', max: 0o777 },
  'use-exit-on-panic': BOOL,
  'watchdog-period': INT32,
  'zset-max-listpack-entries': INT,
  'zset-max-listpack-value': MEMORY,

  // Read by the config file parser itself rather than the config table.
  'include': { type: 'args', repeatable: true },
  'loadmodule': { type: 'args', repeatable: true },
  'rename-command': { type: 'args', repeatable: true },
  'sentinel': { type: 'args', repeatable: true },
  'user': { type: 'args', repeatable: true },

  // Redis 7.2
  'cluster-announce-human-nodename': { type: 'string', since: '7.2' },
  'locale-collate': { type: 'string', since: '7.2' },
  'max-new-connections-per-cycle': { type: 'int', min: 1, max: 1000, since: '7.2' },
  'max-new-tls-connections-per-cycle': { type: 'int', min: 1, max: 1000, since: '7.2' },
  'set-max-listpack-entries': { type: 'int', since: '7.2' },
  'set-max-listpack-value': { type: 'int', since: '7.2' },

  // Valkey 8.0 (Redis refuses these at start)
  'aof-rewrite-cpulist': { type: 'string', since: 'valkey-8.0' },
  'availability-zone': { type: 'string', since: 'valkey-8.0' },
  'bgsave-cpulist': { type: 'string', since: 'valkey-8.0' },
  'bio-cpulist': { type: 'string', since: 'valkey-8.0' },
  'cluster-announce-client-ipv4': { type: 'string', since: 'valkey-8.0' },
  'cluster-announce-client-ipv6': { type: 'string', since: 'valkey-8.0' },
  'cluster-slot-stats-enabled': { type: 'bool', since: 'valkey-8.0' },
  'dual-channel-replication-enabled': { type: 'bool', since: 'valkey-8.0' },
  'extended-redis-compatibility': { type: 'bool', since: 'valkey-8.0' },
  'hide-user-data-from-log': { type: 'bool', since: 'valkey-8.0' },
  'primaryauth': { type: 'string', since: 'valkey-8.0' },
  'primaryuser': { type: 'string', since: 'valkey-8.0' },
  'server-cpulist': { type: 'string', since: 'valkey-8.0' },

  // Redis 8.0 (measured on 8.0.2; which release accepts what is in server-releases.ts)
  'cluster-compatibility-sample-ratio': { type: 'int', max: 100, since: 'redis-8.0' },
  'replica-full-sync-buffer-limit': { type: 'memory', since: 'redis-8.0' },

  // Valkey 8.1 (measured on 8.1.1)
  'active-defrag-cycle-us': { type: 'int', since: 'valkey-8.1' },
  'cluster-blacklist-ttl': { type: 'int', since: 'valkey-8.1' },
  'cluster-manual-failover-timeout': { type: 'int', since: 'valkey-8.1' },
  'commandlog-execution-slower-than': { type: 'string', since: 'valkey-8.1' },
  'commandlog-large-reply-max-len': { type: 'int', since: 'valkey-8.1' },
  'commandlog-large-request-max-len': { type: 'int', since: 'valkey-8.1' },
  'commandlog-reply-larger-than': { type: 'string', since: 'valkey-8.1' },
  'commandlog-request-larger-than': { type: 'string', since: 'valkey-8.1' },
  'commandlog-slow-execution-max-len': { type: 'int', since: 'valkey-8.1' },
  'import-mode': { type: 'bool', since: 'valkey-8.1' },
  'log-format': { type: 'enum', values: ['legacy', 'logfmt'], since: 'valkey-8.1' },
  'log-timestamp-format': { type: 'enum', values: ['legacy', 'iso8601', 'milliseconds'], since: 'valkey-8.1' },
  'prefetch-batch-max-size': { type: 'int', since: 'valkey-8.1' },
  'rdb-version-check': { type: 'enum', values: ['strict', 'relaxed'], since: 'valkey-8.1' },
  'rdma-bind': { type: 'string', since: 'valkey-8.1' },
  'rdma-completion-vector': { type: 'string', since: 'valkey-8.1' },
  'rdma-port': { type: 'string', since: 'valkey-8.1' },
  'rdma-rx-size': { type: 'string', since: 'valkey-8.1' },
  'unixsocketgroup': { type: 'string', since: 'valkey-8.1' },
};

/**
 * Old names Redis 7 still accepts for a directive. RedisCluster refuses them: the defaults use the
 * current names, and a setting under both names silently keeps whichever comes last.
 */
export const DIRECTIVE_ALIASES: Readonly<Record<string, string>> = {
  'cluster-slave-no-failover': 'cluster-replica-no-failover',
  'cluster-slave-validity-factor': 'cluster-replica-validity-factor',
  'hash-max-ziplist-entries': 'hash-max-listpack-entries',
  'hash-max-ziplist-value': 'hash-max-listpack-value',
  'list-max-ziplist-size': 'list-max-listpack-size',
  'lua-time-limit': 'busy-reply-threshold',
  'min-slaves-max-lag': 'min-replicas-max-lag',
  'min-slaves-to-write': 'min-replicas-to-write',
  'repl-ping-slave-period': 'repl-ping-replica-period',
  'slave-announce-ip': 'replica-announce-ip',
  'slave-announce-port': 'replica-announce-port',
  'slave-ignore-maxmemory': 'replica-ignore-maxmemory',
  'slave-lazy-flush': 'replica-lazy-flush',
  'slave-priority': 'replica-priority',
  'slave-read-only': 'replica-read-only',
  'slave-serve-stale-data': 'replica-serve-stale-data',
  'slaveof': 'replicaof',
  'zset-max-ziplist-entries': 'zset-max-listpack-entries',
  'zset-max-ziplist-value': 'zset-max-listpack-value',
};

/** Directives Redis 7 accepts and silently ignores, with what to do instead. */
export const IGNORED_DIRECTIVES: Readonly<Record<string, string>> = {
  'list-max-ziplist-entries': 'lists are quicklists of listpacks since Redis 7: size them with list-max-listpack-size',
  'list-max-ziplist-value': 'lists are quicklists of listpacks since Redis 7: size them with list-max-listpack-size',
  'lua-replicate-commands': 'Redis 7 always replicates script effects: remove it',
};

/** Directives of older Redis versions that Redis 7 refuses at start, with what to do instead. */
export const REMOVED_DIRECTIVES: Readonly<Record<string, string>> = {
  'glueoutputbuf': 'removed in Redis 2.2: remove it',
  'gopher-enabled': 'the Gopher protocol was removed in Redis 7.0: remove it',
  'hash-max-zipmap-entries': 'zipmaps were replaced: use hash-max-listpack-entries',
  'hash-max-zipmap-value': 'zipmaps were replaced: use hash-max-listpack-value',
  'really-use-vm': 'virtual memory was removed in Redis 2.6: remove it and size maxmemory instead',
  'vm-enabled': 'virtual memory was removed in Redis 2.6: remove it and size maxmemory instead',
  'vm-max-memory': 'virtual memory was removed in Redis 2.6: use maxmemory',
  'vm-max-threads': 'virtual memory was removed in Redis 2.6: remove it',
  'vm-page-size': 'virtual memory was removed in Redis 2.6: remove it',
  'vm-pages': 'virtual memory was removed in Redis 2.6: remove it',
  'vm-swap-file': 'virtual memory was removed in Redis 2.6: remove it',
};

/** `table[name]`, without falling through to Object.prototype ('constructor', 'toString'). */
export function lookup<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** Whether the checker knows `name` in any form: current, alias, ignored or removed. */
export function isKnownDirective(name: string): boolean {
  return [REDIS_DIRECTIVES, DIRECTIVE_ALIASES, IGNORED_DIRECTIVES, REMOVED_DIRECTIVES].some((t) => lookup<unknown>(t, name) !== undefined);
}

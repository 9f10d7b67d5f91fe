/**
 * Users as code: Redis ACL users whose passwords come from Kubernetes Secrets.
 *
 * A user's permissions are typed data in Redis ACL terms; `aclRules` renders them to the rule
 * tokens of an ACL file line. Passwords never pass through here: the pod's start script reads them
 * from the mounted Secret files and writes their SHA-256 (`#<hex>`) into the ACL file it assembles.
 * `resolve` checks the users (rules.ts) and lists them, with the cluster's own, in the ClusterSpec.
 *
 * @see https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
 */

/** One Redis ACL user, and the Secret that holds its password. */
export interface RedisUser {
  /**
   * The user name clients authenticate with (`AUTH <name> <password>`): 1 to 64 letters, digits,
   * '-', '_' or '.', starting with a letter or digit. `default` and the internal users' names are
   * reserved (see INTERNAL_USER_NAMES).
   */
  readonly name: string;

  /**
   * The Secret holding the password, created by you (never synthesized): e.g.
   * `kubectl -n redis create secret generic redis-app-user --from-literal=password=...`.
   * The pods mount it as a volume, so a changed value reaches them without a restart.
   */
  readonly secretName: string;

  /**
   * The keys of the Secret that hold this user's passwords: one, or two during a rotation (the
   * old and the new; both are accepted). Clients of the cluster's own scripts use the last one
   * that exists. A listed key that the Secret lacks is skipped; at least one must exist.
   * @default ['password']
   */
  readonly passwordKeys?: readonly string[];

  /**
   * Command categories allowed (`+@<category>`), as `ACL CAT` lists them, or `all`.
   * @default - none
   * @see https://redis.io/docs/latest/commands/acl-cat/
   */
  readonly categories?: readonly string[];

  /**
   * Command categories denied after the allowed ones (`-@<category>`), e.g. `dangerous`.
   * @default - none
   */
  readonly deniedCategories?: readonly string[];

  /**
   * Commands allowed (`+<command>` or `+<command>|<subcommand>`), after the categories, so they
   * win over a denied category: e.g. `['info', 'cluster|slots']`.
   * @default - none
   */
  readonly commands?: readonly string[];

  /**
   * Commands denied last (`-<command>`), e.g. `['keys', 'flushall']`.
   * @default - none
   */
  readonly deniedCommands?: readonly string[];

  /**
   * Key patterns the user may read and write (`~<pattern>`), glob-style: e.g. `['app:*']`.
   * @default - no keys
   */
  readonly keys?: readonly string[];

  /**
   * Key patterns the user may only read (`%R~<pattern>`).
   * @default - none
   */
  readonly readKeys?: readonly string[];

  /**
   * Key patterns the user may only write (`%W~<pattern>`).
   * @default - none
   */
  readonly writeKeys?: readonly string[];

  /**
   * Pub/Sub channel patterns the user may use (`&<pattern>`).
   * @default - no channels
   */
  readonly channels?: readonly string[];
}

/** Every RedisUser field, to catch typos in users that come from JSON or YAML. */
export const USER_FIELDS = Object.keys({
  name: true,
  secretName: true,
  passwordKeys: true,
  categories: true,
  deniedCategories: true,
  commands: true,
  deniedCommands: true,
  keys: true,
  readKeys: true,
  writeKeys: true,
  channels: true,
} satisfies Record<keyof RedisUser, true>);

/** What the role helpers take besides the name and the Secret. */
export interface RedisUserRoleOptions {
  /**
   * Key patterns of the role.
   * @default - every key (`*`) for admin; required for the app roles
   */
  readonly keys?: readonly string[];
  /**
   * Pub/Sub channel patterns.
   * @default - none (every channel for admin)
   */
  readonly channels?: readonly string[];
  /**
   * Keys of the Secret holding the password; two during a rotation.
   * @default ['password']
   */
  readonly passwordKeys?: readonly string[];
}

/**
 * What a cluster client needs besides its data commands, to discover the slot map. (ASKING and
 * READONLY, for redirects and replica reads, are in @connection; these are only in @slow.)
 */
const CLUSTER_CLIENT_COMMANDS = ['cluster|slots', 'cluster|shards', 'cluster|nodes', 'cluster|info', 'cluster|myid'] as const;

/** Typed helpers for the common roles. Each returns a plain RedisUser, to extend if needed. */
export class RedisUsers {
  /**
   * An application that only reads: @read and @connection on its keys, nothing @dangerous (no
   * KEYS, no DEBUG), plus what a cluster client needs to find the slots.
   */
  public static readOnlyApp(name: string, secretName: string, options: RedisUserRoleOptions): RedisUser {
    return {
      name,
      secretName,
      ...(options.passwordKeys ? { passwordKeys: options.passwordKeys } : {}),
      categories: ['read', 'connection'],
      deniedCategories: ['dangerous'],
      commands: [...CLUSTER_CLIENT_COMMANDS],
      keys: options.keys,
      ...(options.channels ? { channels: options.channels } : {}),
    };
  }

  /**
   * An application that reads and writes its keys: @read, @write, @transaction and @connection,
   * nothing @dangerous (no FLUSHALL, no KEYS), plus what a cluster client needs.
   */
  public static readWriteApp(name: string, secretName: string, options: RedisUserRoleOptions): RedisUser {
    return {
      name,
      secretName,
      ...(options.passwordKeys ? { passwordKeys: options.passwordKeys } : {}),
      categories: ['read', 'write', 'transaction', 'connection'],
      deniedCategories: ['dangerous'],
      commands: [...CLUSTER_CLIENT_COMMANDS],
      keys: options.keys,
      ...(options.channels ? { channels: options.channels } : {}),
    };
  }

  /** A person or tool that may do anything: every command, key and channel. */
  public static admin(name: string, secretName: string, options: RedisUserRoleOptions = {}): RedisUser {
    return {
      name,
      secretName,
      ...(options.passwordKeys ? { passwordKeys: options.passwordKeys } : {}),
      categories: ['all'],
      keys: options.keys ?? ['*'],
      channels: options.channels ?? ['*'],
    };
  }
}

/**
 * The ACL rule tokens of a user, in the order Redis applies them: `on`, key patterns, channel
 * patterns, allowed categories, denied categories, allowed commands, denied commands. A new user
 * starts with no keys, channels or commands, so nothing else is granted.
 */
export function aclRules(user: Omit<RedisUser, 'name' | 'secretName' | 'passwordKeys'>, enabled = true): string[] {
  return [
    enabled ? 'on' : 'off',
    ...(user.keys ?? []).map((k) => `~${k}`),
    ...(user.readKeys ?? []).map((k) => `%R~${k}`),
    ...(user.writeKeys ?? []).map((k) => `%W~${k}`),
    'resetchannels',
    ...(user.channels ?? []).map((c) => `&${c}`),
    '-@all',
    ...(user.categories ?? []).map((c) => `+@${c}`),
    ...(user.deniedCategories ?? []).map((c) => `-@${c}`),
    ...(user.commands ?? []).map((c) => `+${c}`),
    ...(user.deniedCommands ?? []).map((c) => `-${c}`),
  ];
}

/** One line of the users template: a user, where its passwords are, and its rules. */
export interface UsersTemplateEntry {
  readonly name: string;
  /** `<secretName>/<key>` of each password file, relative to the Secrets' mount folder. */
  readonly passwordFiles: readonly string[];
  readonly rules: readonly string[];
}

/**
 * The users template that the pods turn into their ACL file: one line per user,
 * `<name> <password files, comma-separated, or -> <rules...>`. It holds no password.
 */
export function renderUsersTemplate(entries: readonly UsersTemplateEntry[]): string {
  return [
    '# Redis ACL users, rendered by redis-cluster-cdk8s: change the RedisCluster users prop, not this file.',
    '# <user> <password files under the Secrets folder, comma-separated, or -> <ACL rules>',
    ...entries.map((e) => [e.name, e.passwordFiles.length > 0 ? e.passwordFiles.join(',') : '-', ...e.rules].join(' ')),
    '',
  ].join('\n');
}

/**
 * The command categories Redis 7.0 knows (`ACL CAT`), plus `all`. Redis 7.2, 8 and Valkey 8 know
 * the same ones; test/users.test.ts compares the list with the installed server's ACL CAT.
 * @see https://redis.io/docs/latest/commands/acl-cat/
 */
export const ACL_CATEGORIES: readonly string[] = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog', 'geo', 'stream',
  'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection', 'transaction', 'scripting',
];

/** The users the cluster itself runs as; their names are reserved. */
export const INTERNAL_USER_NAMES = {
  /** Replicas authenticate to their master as this user (`masteruser`). */
  replication: 'replication',
  /** The probes, the preStop hook and the ACL reload inside each pod. */
  node: 'node',
  /** The init Job (and any Job that changes the cluster's layout). */
  operator: 'operator',
  /** The metrics exporter. */
  exporter: 'exporter',
} as const;

/** Where the internal users' passwords are. */
export interface InternalUsers {
  /**
   * The Secret holding the internal users' passwords, created by you:
   * `kubectl -n redis create secret generic redis-internal-users --from-literal=replication=...
   * --from-literal=node=... --from-literal=operator=... [--from-literal=exporter=...]`.
   * @default 'redis-internal-users'
   */
  readonly secretName?: string;
  /**
   * Keys of the replication user's passwords; two during a rotation.
   * @default ['replication']
   */
  readonly replicationKeys?: readonly string[];
  /**
   * Keys of the node user's passwords (probes, preStop hook, ACL reload).
   * @default ['node']
   */
  readonly nodeKeys?: readonly string[];
  /**
   * Keys of the operator user's passwords (init Job).
   * @default ['operator']
   */
  readonly operatorKeys?: readonly string[];
  /**
   * Keys of the exporter user's passwords (with `metrics`).
   * @default ['exporter']
   */
  readonly exporterKeys?: readonly string[];
}

/** Every InternalUsers field, to catch typos. */
export const INTERNAL_USERS_FIELDS = Object.keys({
  secretName: true, replicationKeys: true, nodeKeys: true, operatorKeys: true, exporterKeys: true,
} satisfies Record<keyof InternalUsers, true>);

/** Rules an internal user gets: only what its job needs. */
export const INTERNAL_USER_RULES = {
  // The replication handshake and stream (the masteruser's documented minimum).
  replication: { commands: ['psync', 'replconf', 'ping'] },
  // probe.sh (PING, CLUSTER INFO), pre-stop.sh (ROLE, CLUSTER NODES, INFO, CLUSTER FAILOVER on a
  // replica), reload-acl.sh (ACL SETUSER / DELUSER / USERS, CONFIG SET masterauth), reload-tls.sh (CONFIG SET tls-*).
  node: {
    commands: ['ping', 'role', 'info', 'cluster|info', 'cluster|nodes', 'cluster|failover', 'acl|setuser', 'acl|deluser',
      'acl|users', 'config|set'],
  },
  // init-cluster.sh and `redis-cli --cluster create|check|add-node|rebalance|fix`. Resizing moves
  // keys: MIGRATE on the source needs every key, and the target runs the RESTORE-ASKING (after a
  // SELECT) as the same user (MIGRATE ... AUTH2); add-node copies the functions to the new node
  // (FUNCTION DUMP, LIST, RESTORE); ROLE tells a drained node's role.
  operator: {
    keys: ['*'],
    commands: ['ping', 'info', 'dbsize', 'role', 'cluster', 'config|get', 'migrate', 'restore-asking', 'select', 'function|dump', 'function|list', 'function|restore'],
  },
  // redis_exporter's documented minimal ACL.
  // @see https://github.com/oliver006/redis_exporter#authenticating-with-redis
  exporter: {
    categories: ['connection'],
    commands: ['memory', 'strlen', 'config|get', 'xinfo', 'pfcount', 'zcard', 'type', 'xlen', 'client', 'scard', 'llen', 'hlen',
      'get', 'eval', 'slowlog', 'cluster|info', 'cluster|slots', 'cluster|nodes', 'info', 'latency', 'scan', 'ping'],
    deniedCommands: ['readonly', 'quit', 'readwrite', 'command', 'wait', 'hello', 'echo', 'reset', 'auth', 'asking'],
  },
} as const;

/**
 * Users as code: Redis ACL users whose passwords come from Kubernetes Secrets.
 *
 * A user's permissions are typed data in Redis ACL terms; `aclRules` renders them to the rule
 * tokens of an ACL file line. Passwords never pass through here: the pod's start script reads them
 * from the mounted Secret files and writes their SHA-256 (`#<hex>`) into the ACL file it assembles.
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

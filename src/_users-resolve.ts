import { DEFAULTS } from './_defaults';
import { show, ValidationError } from './_errors';
import { checkDnsSubdomain, checkKnownKeys, checkSecretKey } from './_validate';
import { aclRules, RedisUser, UsersTemplateEntry } from './users';

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

/** An internal user, resolved: who, and the password its clients use. */
export interface InternalUserRef {
  readonly name: string;
  readonly secretName: string;
  /** The newest key: what a client that reads the Secret once (a Job, the exporter) uses. */
  readonly secretKey: string;
}

/** Everything the parts need to run with ACL users. */
export interface UsersSpec {
  /** Every user, internal ones first, as the users template lists them. */
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
}

/** What resolveUsers reads from the RedisCluster props. */
export interface UsersInput {
  readonly users: unknown;
  readonly defaultUser: unknown;
  readonly internalUsers: unknown;
  /** The auth Secret, which the default user keeps; undefined when auth is off. */
  readonly auth?: { readonly secretName: string; readonly secretKey: string };
  readonly metrics: boolean;
}

const USER_FIELDS = Object.keys({
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

const INTERNAL_FIELDS = Object.keys({
  secretName: true, replicationKeys: true, nodeKeys: true, operatorKeys: true, exporterKeys: true,
} satisfies Record<keyof InternalUsers, true>);

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const COMMAND = /^[a-z][a-z0-9_-]*(\|[a-z0-9_-]+)?$/;
/** A key or channel pattern: one ACL token, so no whitespace and no control characters. */
const PATTERN = /^[^\s\x00-\x1f\x7f]+$/;

/** Rules an internal user gets: only what its job needs. */
const INTERNAL_RULES = {
  // The replication handshake and stream (the masteruser's documented minimum).
  replication: { commands: ['psync', 'replconf', 'ping'] },
  // probe.sh (PING, CLUSTER INFO), pre-stop.sh (ROLE, CLUSTER NODES, INFO, CLUSTER FAILOVER on a
  // replica), reload-acl.sh (ACL SETUSER / DELUSER / USERS, CONFIG SET masterauth).
  node: {
    commands: ['ping', 'role', 'info', 'cluster|info', 'cluster|nodes', 'cluster|failover', 'acl|setuser', 'acl|deluser',
      'acl|users', 'config|set'],
  },
  // init-cluster.sh and `redis-cli --cluster create|check`.
  operator: { commands: ['ping', 'info', 'dbsize', 'cluster', 'config|get'] },
  // redis_exporter's documented minimal ACL.
  // @see https://github.com/oliver006/redis_exporter#authenticating-with-redis
  exporter: {
    categories: ['connection'],
    commands: ['memory', 'strlen', 'config|get', 'xinfo', 'pfcount', 'zcard', 'type', 'xlen', 'client', 'scard', 'llen', 'hlen',
      'get', 'eval', 'slowlog', 'cluster|info', 'cluster|slots', 'cluster|nodes', 'info', 'latency', 'scan', 'ping'],
    deniedCommands: ['readonly', 'quit', 'readwrite', 'command', 'wait', 'hello', 'echo', 'reset', 'auth', 'asking'],
  },
} as const;

/**
 * Applies the users props' defaults and rules, and lists every user with where its passwords
 * are: the users prop's, the internal ones, and `default`.
 */
export function resolveUsers(input: UsersInput): UsersSpec {
  checkUsersNeedAuth(input.auth);
  if (!Array.isArray(input.users)) {
    throw new ValidationError(`users must be a list of users, got ${show(input.users)}: e.g. [RedisUsers.readWriteApp('app', 'redis-app-user', { keys: ['app:*'] })]`);
  }
  const defaultUser = input.defaultUser ?? true;
  if (typeof defaultUser !== 'boolean') {
    throw new ValidationError(`defaultUser must be true or false, got ${show(defaultUser)}: set it to false to turn the default user off`);
  }
  const internal = checkInternalUsers(input.internalUsers);
  const secretName = internal.secretName ?? DEFAULTS.internalUsersSecretName;
  checkDnsSubdomain('internalUsers.secretName', secretName, 'it names a Secret');

  const internalEntry = (role: keyof typeof INTERNAL_USER_NAMES, keys: readonly string[] | undefined) => {
    const name = INTERNAL_USER_NAMES[role];
    const passwordKeys = checkPasswordKeys(`internalUsers.${role}Keys`, keys ?? [name]);
    const ref: InternalUserRef = { name, secretName, secretKey: passwordKeys[passwordKeys.length - 1] };
    const entry: UsersTemplateEntry = { name, passwordFiles: passwordKeys.map((k) => `${secretName}/${k}`), rules: aclRules(INTERNAL_RULES[role]) };
    return { ref, entry };
  };
  const replication = internalEntry('replication', internal.replicationKeys);
  const node = internalEntry('node', internal.nodeKeys);
  const operator = internalEntry('operator', internal.operatorKeys);
  if (internal.exporterKeys !== undefined && !input.metrics) {
    throw new ValidationError('internalUsers.exporterKeys is set, but metrics is false, so there is no exporter user: set metrics to true, or remove exporterKeys');
  }
  const exporter = input.metrics ? internalEntry('exporter', internal.exporterKeys) : undefined;

  const seen = new Set<string>();
  const userEntries = input.users.map((user: unknown, i: number) => {
    const entry = checkUser(i, user);
    if (seen.has(entry.name)) {
      throw new ValidationError(`users[${i}].name ${show(entry.name)} is given twice: each user must have its own name; rename or merge them`);
    }
    seen.add(entry.name);
    return entry;
  });

  const defaultEntry: UsersTemplateEntry = defaultUser
    ? { name: 'default', passwordFiles: [`${input.auth!.secretName}/${input.auth!.secretKey}`], rules: aclRules({ categories: ['all'], keys: ['*'], channels: ['*'] }) }
    : { name: 'default', passwordFiles: [], rules: aclRules({}, false) };

  const entries = [defaultEntry, replication.entry, node.entry, operator.entry, ...(exporter ? [exporter.entry] : []), ...userEntries];
  const secretNames = [...new Set(entries.flatMap((e) => e.passwordFiles.map((f) => f.slice(0, f.indexOf('/')))))].sort();
  return {
    entries,
    secretNames,
    replication: replication.ref,
    node: node.ref,
    operator: operator.ref,
    exporter: exporter?.ref,
    defaultUser,
  };
}

/** ACL users replace the single password, so they need the Secret-backed auth to be on. */
export function checkUsersNeedAuth(auth: UsersInput['auth']): void {
  if (!auth) {
    throw new ValidationError('users is set, but auth is false: without a password the default user lets anyone in with every permission, which defeats the users: keep auth on (set defaultUser to false to turn the default user off)');
  }
}

function checkInternalUsers(value: unknown): InternalUsers {
  if (value === undefined) {
    return {};
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`internalUsers must be an object, got ${show(value)}: e.g. { secretName: 'redis-internal-users' }`);
  }
  checkKnownKeys('internalUsers', value, INTERNAL_FIELDS);
  return value as InternalUsers;
}

/** One or two distinct Secret keys: the password, or the old and the new one during a rotation. */
export function checkPasswordKeys(field: string, keys: unknown): readonly string[] {
  if (!Array.isArray(keys) || keys.length < 1 || keys.length > 2) {
    throw new ValidationError(`${field} must list one Secret key, or two (the old and the new) during a rotation, got ${show(keys)}: e.g. ['password'] or ['password', 'password-next']`);
  }
  keys.forEach((k, i) => checkSecretKey(`${field}[${i}]`, k));
  if (keys.length === 2 && keys[0] === keys[1]) {
    throw new ValidationError(`${field} lists ${show(keys[0])} twice: during a rotation list the old key and the new one, e.g. ['password', 'password-next']`);
  }
  return keys as string[];
}

/** Checks users[i] and turns it into its template entry. */
export function checkUser(i: number, user: unknown): UsersTemplateEntry {
  if (user === null || typeof user !== 'object' || Array.isArray(user)) {
    throw new ValidationError(`users[${i}] must be a user object, got ${show(user)}: e.g. RedisUsers.readOnlyApp('reader', 'redis-reader', { keys: ['app:*'] })`);
  }
  const u = user as RedisUser;
  checkUserName(i, u.name);
  const where = `users[${i}] (${u.name})`;
  checkKnownKeys(where, u, USER_FIELDS);
  checkDnsSubdomain(`${where}.secretName`, u.secretName, 'it names the Secret holding the password');
  const passwordKeys = checkPasswordKeys(`${where}.passwordKeys`, u.passwordKeys ?? [DEFAULTS.userPasswordKey]);
  checkUserRules(where, u);
  return { name: u.name, passwordFiles: passwordKeys.map((k) => `${u.secretName}/${k}`), rules: aclRules(u) };
}

/** A name Redis accepts as one token, and not one the cluster reserves for itself. */
export function checkUserName(i: number, name: unknown): void {
  if (typeof name !== 'string' || !USER_NAME.test(name)) {
    throw new ValidationError(`users[${i}].name must be 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit, got ${show(name)}: e.g. 'app'`);
  }
  const reserved = ['default', ...Object.values(INTERNAL_USER_NAMES)];
  if (reserved.includes(name)) {
    throw new ValidationError(`users[${i}].name ${show(name)} is reserved (${reserved.join(', ')} are the cluster's own users; the default user is set with defaultUser): choose another name, e.g. ${show(`app-${name}`)}`);
  }
}

/** Categories the server knows, well-formed commands, one-token patterns, and some permission. */
export function checkUserRules(where: string, user: RedisUser): void {
  for (const field of ['categories', 'deniedCategories'] as const) {
    listOf(where, field, user[field]).forEach((c, j) => {
      if (!ACL_CATEGORIES.includes(c) && c !== 'all') {
        throw new ValidationError(`${where}.${field}[${j}] must be a command category the server knows (ACL CAT) or 'all', got ${show(c)}: use one of ${ACL_CATEGORIES.join(', ')}${c.startsWith('@') || c.startsWith('+') || c.startsWith('-') ? ` (without the sign or '@': ${show(c.replace(/^[-+]?@?/, ''))})` : ''}`);
      }
    });
  }
  for (const field of ['commands', 'deniedCommands'] as const) {
    listOf(where, field, user[field]).forEach((c, j) => {
      if (!COMMAND.test(c)) {
        throw new ValidationError(`${where}.${field}[${j}] must be a lower-case command name, or command|subcommand, got ${show(c)}: e.g. 'get' or 'config|get'${/^[-+]/.test(c) ? `; write it without the sign (${show(c.slice(1).toLowerCase())}): commands allows, deniedCommands denies` : ''}`);
      }
    });
  }
  for (const field of ['keys', 'readKeys', 'writeKeys', 'channels'] as const) {
    listOf(where, field, user[field]).forEach((p, j) => {
      if (!PATTERN.test(p)) {
        throw new ValidationError(`${where}.${field}[${j}] must be a non-empty glob pattern without spaces or control characters, got ${show(p)}: e.g. 'app:*'`);
      }
    });
  }
  if (listOf(where, 'categories', user.categories).length === 0 && listOf(where, 'commands', user.commands).length === 0) {
    throw new ValidationError(`${where} allows no command (categories and commands are both empty), so it could only authenticate: give it categories, e.g. ['read', 'connection'], or use RedisUsers.readOnlyApp / readWriteApp / admin`);
  }
}

function listOf(where: string, field: string, value: unknown): readonly string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ValidationError(`${where}.${field} must be a list of strings, got ${show(value)}: e.g. ['app:*']`);
  }
  return value;
}

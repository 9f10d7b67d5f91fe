/**
 * The redis.conf directives of Redis 7.0-7.2 (and the Valkey 8.0 additions), with the types their
 * arguments must have. The Redis 7.0 part was read from redis-server 7.0.15: `CONFIG GET *` for
 * the names, then each directive was started with a bad argument (`redis-server --port 0
 * --<name> <bad>`) and its error ("argument must be 'yes' or 'no'", "must be between 1 and 99
 * inclusive", "must be one of the following: ...") recorded. Newer entries come from the Redis 7.2
 * and Valkey 8.0 sources (src/config.c) and carry `since`.
 *
 * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
 * @see https://github.com/redis/redis/blob/7.2/src/config.c
 */
/** How Redis reads a directive's arguments. */
export type DirectiveType = 
/** `yes` or `no`, case-insensitive. */
'bool'
/** A decimal integer in [min, max]. */
 | 'int'
/** Bytes, with an optional unit: 1k 1kb 1m 1mb 1g 1gb (case-insensitive). In [min, max]. */
 | 'memory'
/** A memory value, or a percentage of maxmemory (`10%`). */
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
export type DirectiveSince = '7.2' | 'valkey-8.0';
export interface DirectiveSpec {
    readonly type: DirectiveType;
    /** Lower bound of an int or memory directive. @default 0 */
    readonly min?: number;
    /** Upper bound of an int or memory directive. @default - 2^63 - 1 */
    readonly max?: number;
    /** The words an enum or flags directive accepts. */
    readonly values?: readonly string[];
    /** The directive may appear on several lines, each adding to the last. */
    readonly repeatable?: boolean;
    readonly since?: DirectiveSince;
}
/** Every directive Redis 7.0-7.2 and Valkey 8.0 accept, by its current name. */
export declare const REDIS_DIRECTIVES: Readonly<Record<string, DirectiveSpec>>;
/**
 * Old names Redis 7 still accepts for a directive. RedisCluster refuses them: the defaults use the
 * current names, and a setting under both names silently keeps whichever comes last.
 */
export declare const DIRECTIVE_ALIASES: Readonly<Record<string, string>>;
/** Directives Redis 7 accepts and silently ignores, with what to do instead. */
export declare const IGNORED_DIRECTIVES: Readonly<Record<string, string>>;
/** Directives of older Redis versions that Redis 7 refuses at start, with what to do instead. */
export declare const REMOVED_DIRECTIVES: Readonly<Record<string, string>>;
/** `table[name]`, without falling through to Object.prototype ('constructor', 'toString'). */
export declare function lookup<T>(table: Readonly<Record<string, T>>, name: string): T | undefined;
/** Whether the checker knows `name` in any form: current, alias, ignored or removed. */
export declare function isKnownDirective(name: string): boolean;

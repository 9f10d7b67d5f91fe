/** One argument list of a directive: `yes`/`no` for booleans, numbers as written. */
export type RedisConfigScalar = string | number | boolean;
/**
 * The value of one directive. An array repeats the directive once per element (`save`,
 * `client-output-buffer-limit`); a string with spaces is several arguments on one line
 * (`'900 1'`); an empty string renders as `""`.
 */
export type RedisConfigValue = RedisConfigScalar | readonly RedisConfigScalar[];
/**
 * redis.conf directives by name. In props that merge over a base, `null` removes a directive
 * the base sets.
 */
export interface RedisConfig {
    readonly [directive: string]: RedisConfigValue | null | undefined;
}
/** One line of a redis.conf, as rendered from typed data. */
export interface RedisConfigLine {
    /** The directive as keyed in the RedisConfig. */
    readonly directive: string;
    /** The arguments as written after the directive (`900 1`, `yes`, `""`). */
    readonly args: string;
    /** Where the line comes from, for error messages: `redisConfig['save'][1]`. */
    readonly source: string;
}
/**
 * The lines a RedisConfig renders to, in order: one per value, keys whose value is `null` or
 * `undefined` left out.
 *
 * @param prop the name errors give the config, e.g. `redisConfig`
 */
export declare function redisConfigLines(config: RedisConfig, prop?: string): RedisConfigLine[];
/**
 * Renders a redis.conf. Directives come out in the order of the object's keys (so a merged config
 * keeps the base's order and appends new directives), one line per value. Keys whose value is
 * `null` or `undefined` are left out. Raw lines follow the directives, as written.
 *
 * @param config the directives
 * @param header comment lines written first, without the leading `# `
 * @param rawLines whole redis.conf lines written last (RedisCluster's `extraRedisConfig`, which
 *   it checks before they get here)
 */
export declare function renderRedisConf(config: RedisConfig, header?: readonly string[], rawLines?: readonly string[]): string;
/**
 * Merges directive maps left to right: later keys override earlier ones in place (keeping the
 * earlier position), new keys are appended, `null` removes.
 */
export declare function mergeRedisConfig(...configs: readonly RedisConfig[]): RedisConfig;

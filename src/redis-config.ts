/**
 * redis.conf as typed data, and the one function that renders it to text.
 *
 * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
 */

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

/**
 * Renders a redis.conf. Directives come out in the order of the object's keys (so a merged config
 * keeps the base's order and appends new directives), one line per value. Keys whose value is
 * `null` or `undefined` are left out.
 *
 * @param config the directives
 * @param header comment lines written first, without the leading `# `
 */
export function renderRedisConf(config: RedisConfig, header: readonly string[] = []): string {
  const lines: string[] = header.map((h) => (h === '' ? '#' : `# ${h}`));
  for (const [directive, value] of Object.entries(config)) {
    if (value === null || value === undefined) {
      continue;
    }
    const values: readonly RedisConfigScalar[] = Array.isArray(value) ? value : [value as RedisConfigScalar];
    for (const v of values) {
      lines.push(`${directive} ${renderScalar(directive, v)}`);
    }
  }
  return lines.join('\n') + '\n';
}

function renderScalar(directive: string, value: RedisConfigScalar): string {
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`redisConfig['${directive}'] must be a finite number, got ${value}: use an integer`);
    }
    return String(value);
  }
  if (/[\r\n]/.test(value)) {
    throw new Error(`redisConfig['${directive}'] must be one line, got ${JSON.stringify(value)}: remove the line break`);
  }
  return value === '' ? '""' : value;
}

/**
 * Merges directive maps left to right: later keys override earlier ones in place (keeping the
 * earlier position), new keys are appended, `null` removes.
 */
export function mergeRedisConfig(...configs: readonly RedisConfig[]): RedisConfig {
  const merged: Record<string, RedisConfigValue | null | undefined> = {};
  for (const config of configs) {
    for (const [k, v] of Object.entries(config)) {
      if (v !== undefined) {
        merged[k] = v;
      }
    }
  }
  return merged;
}

/**
 * redis.conf as typed data, and the one function that renders it to text.
 *
 * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
 */
import { ValidationError } from '../_errors';
import { checkRawLine } from './split-args';

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
export function redisConfigLines(config: RedisConfig, prop = 'redisConfig'): RedisConfigLine[] {
  const lines: RedisConfigLine[] = [];
  for (const [directive, value] of Object.entries(config)) {
    if (value === null || value === undefined) {
      continue;
    }
    const values: readonly RedisConfigScalar[] = Array.isArray(value) ? value : [value as RedisConfigScalar];
    values.forEach((v, i) => {
      const source = `${prop}['${directive}']${Array.isArray(value) ? `[${i}]` : ''}`;
      lines.push({ directive, args: renderScalar(source, v), source });
    });
  }
  return lines;
}

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
export function renderRedisConf(config: RedisConfig, header: readonly string[] = [], rawLines: readonly string[] = []): string {
  const lines: string[] = header.map((h) => (h === '' ? '#' : `# ${h}`));
  for (const line of redisConfigLines(config)) {
    lines.push(`${line.directive} ${line.args}`);
  }
  rawLines.forEach((raw, i) => lines.push(checkRawLine(raw, i)));
  return lines.join('\n') + '\n';
}

function renderScalar(source: string, value: RedisConfigScalar): string {
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ValidationError(`${source} must be a finite number, got ${value}: use an integer`);
    }
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new ValidationError(`${source} must be a string, number or boolean, got ${JSON.stringify(value)}: write the value as redis.conf text, e.g. '64mb'`);
  }
  if (/[\r\n]/.test(value)) {
    throw new ValidationError(`${source} must be one line, got ${JSON.stringify(value)}: remove the line break`);
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

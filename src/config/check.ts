/**
 * Checks a node's redis.conf before it is rendered: every directive is one Redis knows, spelled as
 * Redis 7 spells it, with arguments of the right type, and the whole file makes a node that can
 * start in the container and join the cluster.
 */
import { show, ValidationError } from '../_errors';
import { checkOccurrence } from './check-directive';
import { Occurrence, RedisConfigCheck } from './check-types';
import { checkWholeConfig } from './check-whole-config';
import { isKnownDirective, lookup, REDIS_DIRECTIVES } from './directives';
import { RedisConfig, redisConfigLines } from './redis-config';
import { checkRawLine, splitArgs } from './split-args';

export { RedisConfigCheck } from './check-types';
/**
 * Throws a ValidationError for the first problem found; returns warnings for configurations that
 * work but are probably not what the user wants.
 */
export function checkRedisConfig(check: RedisConfigCheck): string[] {
  checkAllowList(check.allowUnknownDirectives, check.managed);
  const allowed = new Set(check.allowUnknownDirectives);

  // The user's own directives: typed, then raw.
  const userTyped = typedOccurrences(check.userConfig, 'redisConfig', check.managed);
  const userRaw = rawOccurrences(check.extraLines, check.managed);
  for (const o of [...userTyped, ...userRaw]) {
    checkOccurrence(o, check, allowed);
  }
  const typedNames = new Set(userTyped.map((o) => o.directive));
  for (const o of userRaw) {
    if (typedNames.has(o.directive) && !lookup(REDIS_DIRECTIVES, o.directive)?.repeatable) {
      throw new ValidationError(`${o.where} sets ${o.directive}, which redisConfig['${o.directive}'] also sets (Redis would keep only the last): set it in one place`);
    }
  }
  checkRepeats([...userTyped, ...userRaw], allowed);

  // The file as a whole: defaults and managed directives included.
  const all = [...typedOccurrences(check.effectiveConfig, 'redisConfig', {}), ...userRaw];
  return checkWholeConfig(all, check);
}

function checkAllowList(names: readonly string[], managed: Readonly<Record<string, string>>): void {
  if (!Array.isArray(names)) {
    throw new ValidationError(`allowUnknownDirectives must be an array of directive names, got ${show(names)}: e.g. ['some-new-directive']`);
  }
  names.forEach((name, i) => {
    if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
      throw new ValidationError(`allowUnknownDirectives[${i}] must be a lower-case redis.conf directive name, got ${show(name)}: e.g. 'some-new-directive'`);
    }
    if (isKnownDirective(name) || lookup(managed, name)) {
      throw new ValidationError(`allowUnknownDirectives[${i}] is ${show(name)}, a directive the checker knows, so it is checked like any other: remove it from allowUnknownDirectives (the list is only for directives newer than the checker)`);
    }
  });
}

function typedOccurrences(config: RedisConfig, prop: string, managed: Readonly<Record<string, string>>): Occurrence[] {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ValidationError(`${prop} must be an object of directives, got ${show(config)}: e.g. { maxmemory: '1gb' }`);
  }
  for (const [directive, value] of Object.entries(config)) {
    if (value === undefined || value === null) {
      continue;
    }
    checkName(directive, `${prop}['${directive}']`, managed, prop);
  }
  return redisConfigLines(config, prop).map((line) => ({
    directive: line.directive,
    args: splitArgs(line.args, line.source),
    where: line.source,
    text: line.args,
  }));
}

function rawOccurrences(lines: readonly string[], managed: Readonly<Record<string, string>>): Occurrence[] {
  if (!Array.isArray(lines)) {
    throw new ValidationError(`extraRedisConfig must be an array of redis.conf lines, got ${show(lines)}: e.g. ['rename-command FLUSHALL ""']`);
  }
  const result: Occurrence[] = [];
  lines.forEach((line, i) => {
    const trimmed = checkRawLine(line, i).trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      return;
    }
    const where = `extraRedisConfig[${i}] (${show(line)})`;
    const [directive, ...args] = splitArgs(trimmed, where);
    checkName(directive, where, managed, 'extraRedisConfig');
    result.push({ directive, args, where, text: trimmed.slice(directive.length).trim() });
  });
  return result;
}

function checkName(directive: string, where: string, managed: Readonly<Record<string, string>>, prop: string): void {
  if (directive !== directive.toLowerCase()) {
    throw new ValidationError(`${where} names the directive ${show(directive)} in upper case: write it as ${show(directive.toLowerCase())} (Redis reads names in lower case, and a second spelling would hide the default it should override)`);
  }
  const owner = lookup(managed, directive);
  if (owner) {
    throw new ValidationError(`${where} sets ${directive}, which RedisCluster sets ${owner.startsWith('(') ? owner : `from the ${owner} prop`}: remove it from ${prop}`);
  }
}

function checkRepeats(occurrences: readonly Occurrence[], allowed: ReadonlySet<string>): void {
  const seen = new Map<string, Occurrence>();
  for (const o of occurrences) {
    if (allowed.has(o.directive) || lookup(REDIS_DIRECTIVES, o.directive)?.repeatable) {
      continue;
    }
    const first = seen.get(o.directive);
    if (first) {
      throw new ValidationError(`${o.where} sets ${o.directive} again after ${first.where}; Redis keeps only the last line of a directive that takes one value: keep one`);
    }
    seen.set(o.directive, o);
  }
}

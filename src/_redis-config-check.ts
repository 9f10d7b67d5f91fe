/**
 * Checks a node's redis.conf before it is rendered: every directive is one Redis knows, spelled as
 * Redis 7 spells it, with arguments of the right type, and the whole file makes a node that can
 * start in the container and join the cluster.
 */
import { nearest, show, ValidationError } from './_errors';
import { formatRedisMemory, parseRedisMemory } from './_quantity';
import {
  DIRECTIVE_ALIASES, DirectiveSpec, IGNORED_DIRECTIVES, isKnownDirective, lookup, REDIS_DIRECTIVES, REMOVED_DIRECTIVES,
} from './_redis-directives';
import { RedisConfig, redisConfigLines } from './redis-config';

/** Which server an image runs, read from its repository name and tag, when recognisable. */
export interface ServerFlavour {
  readonly product: 'redis' | 'valkey';
  /** [major, minor] from a tag like `7.2.6-bookworm`; undefined for tags like `bookworm`. */
  readonly version?: readonly [number, number];
}

/** The server an image runs: `redis:7.2.6`, `bitnami/redis:7.0`, `valkey/valkey:8.0`. */
export function serverFlavour(repository: string, tag: string | undefined): ServerFlavour | undefined {
  const name = repository.split('/').pop() ?? '';
  const product = name === 'redis' || name === 'redis-server' ? 'redis' : name === 'valkey' ? 'valkey' : undefined;
  if (!product) {
    return undefined;
  }
  const m = /^v?(\d+)\.(\d+)/.exec(tag ?? '');
  return { product, version: m ? [Number(m[1]), Number(m[2])] : undefined };
}

export interface RedisConfigCheck {
  /** The redisConfig prop as given, before defaults are merged under it. */
  readonly userConfig: RedisConfig;
  /** The complete typed config: defaults, then userConfig, then the managed directives. */
  readonly effectiveConfig: RedisConfig;
  /** The extraRedisConfig prop: raw lines rendered after the typed config. */
  readonly extraLines: readonly string[];
  /** The allowUnknownDirectives prop. */
  readonly allowUnknownDirectives: readonly string[];
  /** Directives RedisCluster renders itself, with the prop (or rule) that sets them. */
  readonly managed: Readonly<Record<string, string>>;
  /** The container image, as written, and what it runs. */
  readonly image: string;
  readonly flavour?: ServerFlavour;
  /** The container memory limit, as written and in bytes. */
  readonly memoryLimit?: { readonly text: string; readonly bytes: number };
  readonly replicasPerShard: number;
  readonly clientPort: number;
  readonly busPort: number;
  /** Where the data volume is mounted: the only writable path in the container. */
  readonly dataMountPath: string;
  /** Whether RedisCluster sets requirepass and masterauth from the auth Secret. */
  readonly auth: boolean;
  /**
   * Whether the tls prop turns TLS on.
   * @default false
   */
  readonly tls?: boolean;
}

/** Commands the probes and the init Job send; renaming one leaves pods unready or the cluster unformed. */
const COMMANDS_THE_CLUSTER_NEEDS = ['cluster', 'config', 'dbsize', 'info', 'ping'];

/** Directives that configure passwords or ACL users. */
const AUTH_DIRECTIVES = ['aclfile', 'masterauth', 'masteruser', 'primaryauth', 'primaryuser', 'requirepass', 'user'];

const WILDCARD_BIND = ['*', '0.0.0.0', '::', '::*'];

/** One occurrence of a directive, typed or raw. */
interface Occurrence {
  /** Lower-case directive name. */
  readonly directive: string;
  readonly args: readonly string[];
  /** Where it was written, e.g. `redisConfig['maxmemory']` or `extraRedisConfig[2] ("maxmemory 1gb")`. */
  readonly where: string;
  /** The text after the directive, as written. */
  readonly text: string;
}

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
    if (typeof line !== 'string' || /[\r\n]/.test(line)) {
      throw new ValidationError(`extraRedisConfig[${i}] must be one line of text, got ${show(line)}: put each line in its own array element`);
    }
    const trimmed = line.trim();
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

/**
 * Splits a redis.conf line into arguments as Redis does (sdssplitargs): whitespace separates,
 * "double" quotes take \n \t \xHH escapes, 'single' quotes take \' only, and a closing quote must
 * end the argument.
 */
export function splitArgs(line: string, where: string): string[] {
  const args: string[] = [];
  let i = 0;
  const unbalanced = () => new ValidationError(`${where} has unbalanced quotes, got ${show(line)}: close every quote, and put a space after it`);
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) break;
    let current = '';
    let done = false;
    while (!done) {
      if (i >= line.length) break;
      const c = line[i];
      if (c === '"' || c === "'") {
        const quote = c;
        i++;
        let closed = false;
        while (i < line.length) {
          if (quote === '"' && line[i] === '\\' && /^x[0-9a-fA-F]{2}$/.test(line.slice(i + 1, i + 4))) {
            current += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
          } else if (line[i] === '\\' && i + 1 < line.length && (quote === '"' || line[i + 1] === "'")) {
            const e = line[i + 1];
            current += quote === '"' ? ({ n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' } as Record<string, string>)[e] ?? e : e;
            i += 2;
          } else if (line[i] === quote) {
            i++;
            closed = true;
            break;
          } else {
            current += line[i++];
          }
        }
        if (!closed || (i < line.length && !/\s/.test(line[i]))) {
          throw unbalanced();
        }
        done = true;
      } else if (/\s/.test(c)) {
        done = true;
      } else {
        current += c;
        i++;
      }
    }
    args.push(current);
  }
  return args;
}

function checkOccurrence(o: Occurrence, check: RedisConfigCheck, allowed: ReadonlySet<string>): void {
  const { directive, where } = o;
  if (allowed.has(directive)) {
    return;
  }
  const current = lookup(DIRECTIVE_ALIASES, directive);
  if (current) {
    throw new ValidationError(`${where} uses ${show(directive)}, the pre-Redis-7 name of ${show(current)}: rename it to ${show(current)} (one setting under two names keeps whichever comes last)`);
  }
  const ignored = lookup(IGNORED_DIRECTIVES, directive);
  if (ignored) {
    throw new ValidationError(`${where} sets ${show(directive)}, which Redis 7 accepts and silently ignores: ${ignored}`);
  }
  const removed = lookup(REMOVED_DIRECTIVES, directive);
  if (removed) {
    throw new ValidationError(`${where} sets ${show(directive)}, which Redis 7 refuses at start ("Bad directive"), so no pod would run: ${removed}`);
  }
  const spec = lookup(REDIS_DIRECTIVES, directive);
  if (!spec) {
    const guess = nearest(directive, Object.keys(REDIS_DIRECTIVES));
    throw new ValidationError(`${where} sets ${show(directive)}, which is not a Redis 7.0-7.2 or Valkey 8.0 directive (Redis would refuse to start)${guess ? `; did you mean ${show(guess)}?` : ''}: ${guess ? `rename it to ${show(guess)}, or, ` : ''}if it is a directive newer than this checker, list it in allowUnknownDirectives`);
  }
  checkVersion(o, spec, check);
  checkArgs(o, spec);
  checkPolicy(o, check);
}

function checkVersion(o: Occurrence, spec: DirectiveSpec, check: RedisConfigCheck): void {
  const f = check.flavour;
  if (!spec.since || !f) {
    return;
  }
  const older = (major: number, minor: number) =>
    f.version !== undefined && (f.version[0] < major || (f.version[0] === major && f.version[1] < minor));
  if (spec.since === '7.2' && f.product === 'redis' && older(7, 2)) {
    throw new ValidationError(`${o.where} sets ${show(o.directive)}, which needs Redis 7.2 or later, but image is ${show(check.image)}: use a Redis 7.2 image, or remove it`);
  }
  if (spec.since === 'valkey-8.0' && (f.product === 'redis' || older(8, 0))) {
    throw new ValidationError(`${o.where} sets ${show(o.directive)}, a Valkey 8.0 directive, but image is ${show(check.image)}, which refuses it at start: use a valkey/valkey:8 image, or remove it`);
  }
}

/** Directives that type-check but break a node in this container or this cluster. */
function checkPolicy(o: Occurrence, check: RedisConfigCheck): void {
  const { directive, args, where } = o;
  const value = args.join(' ');
  switch (directive) {
    case 'daemonize':
      if (/^yes$/i.test(value)) {
        throw new ValidationError(`${where} is yes: the server would fork into the background and the container's main process exit, so Kubernetes restarts the pod forever: set daemonize to false`);
      }
      return;
    case 'replicaof':
      throw new ValidationError(`${where} sets replicaof, which Redis refuses in cluster mode ("replicaof directive not allowed in cluster mode"): remove it; set replicasPerShard and the init Job assigns replicas`);
    case 'sentinel':
      throw new ValidationError(`${where} sets sentinel, which Redis refuses outside Sentinel mode: remove it; Redis Cluster fails over by itself`);
    case 'include':
      throw new ValidationError(`${where} includes ${show(value)}, a file the pod does not have (only redis.conf and the scripts are mounted), so Redis would refuse to start: put the directives in redisConfig or extraRedisConfig instead`);
    case 'cluster-announce-ip':
      throw new ValidationError(`${where} sets cluster-announce-ip, which every pod would announce alike, so nodes would mistake each other: remove it; each node announces its own pod address and FQDN`);
    case 'logfile':
      if (args.length === 1 && args[0] !== '') {
        throw new ValidationError(`${where} is ${show(value)}: Redis opens the log file at start, the container's root filesystem is read-only, and kubectl logs reads stdout: set logfile to '' (log to stdout)`);
      }
      return;
    case 'unixsocket': {
      const root = check.dataMountPath.replace(/\/$/, '');
      if (args.length === 1 && args[0] !== '' && !args[0].startsWith(`${root}/`)) {
        throw new ValidationError(`${where} is ${show(value)}, outside the data volume; the container's root filesystem is read-only, so Redis could not create the socket and would exit: put it under ${root}/, e.g. '${root}/redis.sock', or remove it`);
      }
      return;
    }
    case 'rename-command':
      if (args.length >= 1 && COMMANDS_THE_CLUSTER_NEEDS.includes(args[0].toLowerCase())) {
        throw new ValidationError(`${where} renames ${args[0].toUpperCase()}, which the readiness probe and the init Job call (they use ${COMMANDS_THE_CLUSTER_NEEDS.map((c) => c.toUpperCase()).join(', ')}): rename other commands only`);
      }
      return;
    case 'bind':
      if (!args.some((a) => WILDCARD_BIND.includes(a.replace(/^-/, '')))) {
        throw new ValidationError(`${where} is ${show(value)}: the pod's address is not known in advance, so Redis must listen on all interfaces or other pods (replicas, the cluster bus, clients) cannot connect: set bind to '0.0.0.0' or '* -::*'`);
      }
      return;
    default:
      if (AUTH_DIRECTIVES.includes(directive)) {
        throw new ValidationError(`${where} sets ${directive}, but RedisCluster sets the password itself, from a Secret that its probes, preStop hook and init Job read too (a password in redisConfig would also land in the ConfigMap, in clear): remove it, and use the auth, authSecretName and authSecretKey props`);
      }
  }
}

const INT64_MAX = 9223372036854775807n;

function checkArgs(o: Occurrence, spec: DirectiveSpec): void {
  const { directive, args, where } = o;
  const got = `got ${show(o.text)}`;
  const one = (what: string): string => {
    if (args.length !== 1) {
      throw new ValidationError(`${where} takes exactly one argument (${what}), ${got} (${args.length} arguments): quote a value that has spaces, e.g. '"a b"'`);
    }
    return args[0];
  };
  switch (spec.type) {
    case 'bool': {
      const v = one('yes or no');
      if (!/^(yes|no)$/i.test(v)) {
        throw new ValidationError(`${where} must be yes or no, ${got}: use true or false in redisConfig (or 'yes'/'no')`);
      }
      return;
    }
    case 'int': {
      const v = one('an integer');
      const min = BigInt(spec.min ?? 0);
      const max = spec.max === undefined ? INT64_MAX : BigInt(spec.max);
      if (!/^(0|-?[1-9]\d*)$/.test(v)) {
        throw new ValidationError(`${where} must be an integer from ${min} to ${max}, ${got}: write digits only, without units, '+' or leading zeros`);
      }
      if (BigInt(v) < min || BigInt(v) > max) {
        throw new ValidationError(`${where} must be an integer from ${min} to ${max}, ${got}: use a value in that range`);
      }
      return;
    }
    case 'memory':
    case 'memory-or-percent': {
      const v = one('a memory size');
      if (spec.type === 'memory-or-percent' && /^\d+%$/.test(v)) {
        return;
      }
      const bytes = parseRedisMemory(v);
      if (bytes === undefined) {
        throw new ValidationError(`${where} must be a memory size: whole digits with an optional unit b, k, kb, m, mb, g or gb${spec.type === 'memory-or-percent' ? ', or a percentage like 10%' : ''}; ${got}: e.g. '64mb' (Redis has no decimals, no 'tb', and no 'Mi')`);
      }
      if (bytes < (spec.min ?? 0)) {
        throw new ValidationError(`${where} must be at least ${formatRedisMemory(spec.min ?? 0)}, ${got}: raise it`);
      }
      return;
    }
    case 'octal': {
      const v = one('an octal number');
      if (!/^[0-7]+$/.test(v) || parseInt(v, 8) > (spec.max ?? Infinity)) {
        throw new ValidationError(`${where} must be an octal permission from 0 to 777, ${got}: e.g. 700`);
      }
      return;
    }
    case 'enum': {
      const v = one(`one of ${spec.values!.join(', ')}`);
      if (!spec.values!.includes(v.toLowerCase())) {
        const guess = nearest(v.toLowerCase(), spec.values!);
        const fix = guess ? `set it to ${show(guess)}` : 'pick one of them';
        throw new ValidationError(`${where} must be one of ${spec.values!.join(', ')}, ${got}${guess ? ` (did you mean ${show(guess)}?)` : ''}: ${fix}`);
      }
      return;
    }
    case 'flags': {
      const bad = args.find((a) => !spec.values!.includes(a.toLowerCase()));
      if (args.length === 0 || bad !== undefined) {
        throw new ValidationError(`${where} must be one or more of ${spec.values!.join(', ')}, ${got}: e.g. 'default' or 'nosave now'`);
      }
      return;
    }
    case 'string':
      one('a value');
      return;
    case 'filename': {
      const v = one('a file name');
      if (v.includes('/')) {
        throw new ValidationError(`${where} must be a bare file name, ${got}: Redis refuses a path here ("can't be a path, just a filename") and keeps the file in dir; use e.g. ${show(v.split('/').pop() || 'dump.rdb')}`);
      }
      return;
    }
    case 'args':
      checkSpecialArgs(directive, args, where, got);
      return;
  }
}

function checkSpecialArgs(directive: string, args: readonly string[], where: string, got: string): void {
  const isUint = (s: string) => /^(0|[1-9]\d*)$/.test(s);
  switch (directive) {
    case 'save':
      if (!(args.length === 1 && args[0] === '') && !(args.length > 0 && args.length % 2 === 0 && args.every(isUint))) {
        throw new ValidationError(`${where} must be '<seconds> <changes>' pairs, or '' to turn snapshots off, ${got}: e.g. '900 1'`);
      }
      return;
    case 'client-output-buffer-limit':
      for (let i = 0; i < Math.max(args.length, 1); i += 4) {
        const [cls, hard, soft, seconds] = args.slice(i, i + 4);
        if (args.length % 4 !== 0 || !['normal', 'replica', 'slave', 'pubsub'].includes(cls?.toLowerCase())
          || parseRedisMemory(hard) === undefined || parseRedisMemory(soft) === undefined || !isUint(seconds)) {
          throw new ValidationError(`${where} must be '<class> <hard limit> <soft limit> <soft seconds>' with class normal, replica or pubsub and memory sizes like 256mb, ${got}: e.g. 'replica 256mb 64mb 60'`);
        }
      }
      return;
    case 'bind':
      if (args.length === 0 || (args.length === 1 && args[0] === '')) {
        throw new ValidationError(`${where} is empty, so Redis would listen on no TCP address at all: set bind to '0.0.0.0' or '* -::*'`);
      }
      return;
    case 'notify-keyspace-events':
      if (args.length !== 1 || !/^[Ag$lshzxeKEtmdn]*$/.test(args[0])) {
        throw new ValidationError(`${where} must be one word of event class letters from 'Ag$lshzxeKEtmdn', or '' for none, ${got}: e.g. 'Ex' for expired-key events`);
      }
      return;
    case 'latency-tracking-info-percentiles':
      if (!(args.length === 1 && args[0] === '') && !args.every((a) => /^\d+(\.\d+)?$/.test(a) && Number(a) <= 100)) {
        throw new ValidationError(`${where} must be percentiles from 0 to 100 separated by spaces, ${got}: e.g. '50 99 99.9'`);
      }
      return;
    case 'oom-score-adj-values':
      if (args.length !== 3 || !args.every((a) => /^-?\d+$/.test(a) && Math.abs(Number(a)) <= 2000)) {
        throw new ValidationError(`${where} must be three integers from -2000 to 2000 (master, replica, background child), ${got}: e.g. '0 200 800'`);
      }
      return;
    case 'rename-command':
      if (args.length !== 2) {
        throw new ValidationError(`${where} must be '<command> <new name>' ('""' as the new name disables the command), ${got}: e.g. 'FLUSHALL ""'`);
      }
      return;
    case 'loadmodule':
      if (args.length < 1 || args[0] === '') {
        throw new ValidationError(`${where} must name a module file in the image, ${got}: e.g. '/usr/lib/redis/modules/example.so'`);
      }
      return;
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

/** Rules over the complete file: defaults, the user's directives and the managed ones together. */
function checkWholeConfig(all: readonly Occurrence[], check: RedisConfigCheck): string[] {
  const last = (directive: string) => [...all].reverse().find((o) => o.directive === directive);
  const warnings: string[] = [];

  // Protected mode refuses every connection from another host while no password is set.
  const protectedMode = last('protected-mode');
  const hasPassword = (last('requirepass')?.args[0] ?? '') !== ''
    || all.some((o) => o.directive === 'user' && o.args[0] === 'default' && o.args.some((a) => a.startsWith('>') || a.startsWith('#')));
  if ((protectedMode === undefined || /^yes$/i.test(protectedMode.args[0])) && !hasPassword && !check.auth) {
    const where = protectedMode?.where ?? "redisConfig['protected-mode']";
    throw new ValidationError(`${where} is ${protectedMode ? 'yes' : 'unset (Redis then defaults to yes)'} while no password is set (auth is false): Redis then refuses connections from other pods, so replicas cannot sync and the init Job cannot form the cluster: set protected-mode to false, or turn auth on`);
  }

  // maxmemory must leave the kernel no reason to kill the pod.
  const maxmemory = last('maxmemory');
  const maxBytes = maxmemory ? parseRedisMemory(maxmemory.args[0]) ?? 0 : 0;
  if (check.memoryLimit) {
    const suggestion = formatRedisMemory(check.memoryLimit.bytes * 0.75);
    if (maxBytes === 0) {
      throw new ValidationError(`redisConfig['maxmemory'] must be set below memoryLimit (${check.memoryLimit.text}), got ${maxmemory ? show(maxmemory.text) : 'none'} (no limit): Redis would grow until the kernel kills the pod instead of evicting or refusing writes: set maxmemory to about 75% of the limit, e.g. '${suggestion}'`);
    }
    if (maxBytes >= check.memoryLimit.bytes) {
      throw new ValidationError(`${maxmemory!.where} is ${show(maxmemory!.text)} (${maxBytes} bytes), at or above memoryLimit ${show(check.memoryLimit.text)} (${check.memoryLimit.bytes} bytes): the kernel would kill the pod before Redis evicts or refuses writes: set maxmemory to about 75% of the limit, e.g. '${suggestion}', leaving room for buffers and fork copy-on-write`);
    }
  }

  // A master refuses writes while fewer than min-replicas-to-write replicas are connected.
  const minReplicas = last('min-replicas-to-write');
  if (minReplicas && Number(minReplicas.args[0]) > check.replicasPerShard) {
    throw new ValidationError(`${minReplicas.where} is ${minReplicas.args[0]}, but each master has only ${check.replicasPerShard} replica(s) (replicasPerShard): every write would be refused: set it to ${check.replicasPerShard} or less, or raise replicasPerShard`);
  }

  // TLS tuning (ciphers, protocols, session cache) does nothing without TLS, which the tls prop owns.
  const tlsTuning = all.find((o) => o.directive.startsWith('tls-') || o.directive === 'max-new-tls-connections-per-cycle');
  if (tlsTuning && !check.tls) {
    throw new ValidationError(`${tlsTuning.where} sets ${tlsTuning.directive}, which tunes TLS, but TLS is off: turn it on with the tls prop (which sets tls-port and the certificate files), or remove ${tlsTuning.directive}`);
  }

  // No AOF and no RDB: a restarted master comes back empty, and its replicas copy the emptiness.
  const appendonly = last('appendonly');
  const saves = all.filter((o) => o.directive === 'save');
  if (!(appendonly && /^yes$/i.test(appendonly.args[0])) && saves.length > 0 && saves.every((o) => o.args.length === 1 && o.args[0] === '')) {
    warnings.push("no persistence: appendonly is off and save is '' (no snapshots). A master that restarts comes back empty, and if it restarts faster than cluster-node-timeout its replicas resynchronise from it and lose their copy too. Set appendonly to true or save to '900 1' unless this cluster is a cache.");
  }
  return warnings;
}

/**
 * Errors when redis.conf keeps its data (`dir`) or its cluster state (`cluster-config-file`)
 * anywhere but a volume from the StatefulSet's volumeClaimTemplates, mounted in the redis
 * container. A disk-backed emptyDir counts too: it is what RedisStorage.ephemeral() chooses, on
 * purpose and with a warning.
 */
export function dataOnVolumeErrors(redisConf: string, statefulSet: any): string[] {
  const last = (directive: string): string | undefined => {
    let value: string | undefined;
    for (const line of redisConf.split('\n')) {
      const args = line.trim().startsWith('#') ? [] : splitArgs(line, 'redis.conf');
      if (args[0]?.toLowerCase() === directive && args.length === 2) value = args[1];
    }
    return value;
  };
  const claims = new Set<string>([
    ...(statefulSet?.spec?.volumeClaimTemplates ?? []).map((t: any) => t?.metadata?.name),
    ...(statefulSet?.spec?.template?.spec?.volumes ?? []).filter((v: any) => v?.emptyDir && v.emptyDir.medium !== 'Memory').map((v: any) => v.name),
  ]);
  const container = (statefulSet?.spec?.template?.spec?.containers ?? []).find((c: any) => c?.name === 'redis');
  const volumeRoots: string[] = (container?.volumeMounts ?? [])
    .filter((m: any) => claims.has(m?.name))
    .map((m: any) => String(m.mountPath).replace(/\/$/, ''));
  const onVolume = (p: string) => volumeRoots.some((root) => p === root || p.startsWith(`${root}/`));
  const dir = last('dir') ?? '.';
  const nodesConf = last('cluster-config-file') ?? 'nodes.conf';
  const nodesConfPath = nodesConf.startsWith('/') ? nodesConf : `${dir.replace(/\/$/, '')}/${nodesConf}`;
  const errors: string[] = [];
  const mounts = volumeRoots.length > 0 ? volumeRoots.join(', ') : 'none';
  if (!onVolume(dir)) {
    errors.push(`redis.conf 'dir' is ${show(dir)}, which is not on a persistent volume (volume claims mounted at: ${mounts}): AOF and RDB files would be lost with the pod; keep dir at the data volume's mount path`);
  }
  if (!onVolume(nodesConfPath)) {
    errors.push(`redis.conf 'cluster-config-file' resolves to ${show(nodesConfPath)}, which is not on a persistent volume (volume claims mounted at: ${mounts}): a restarted pod would forget its node ID and rejoin as a stranger; keep nodes.conf on the data volume`);
  }
  return errors;
}


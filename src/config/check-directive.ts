/** Checks of one directive occurrence: its name, the server version, this cluster's policy, its arguments. */
import { nearest, show, ValidationError } from '../_errors';
import { formatRedisMemory, parseRedisMemory } from '../_quantity';
import { Occurrence, RedisConfigCheck } from './check-types';
import { DIRECTIVE_ALIASES, DirectiveSpec, IGNORED_DIRECTIVES, lookup, REDIS_DIRECTIVES, REMOVED_DIRECTIVES } from './directives';
import { evidenceOf, firstReleaseAccepting, releaseAccepts, releaseFor, releaseLabel, SERVER_RELEASES } from './server-releases';

/** Commands the probes and the init Job send; renaming one leaves pods unready or the cluster unformed. */
const COMMANDS_THE_CLUSTER_NEEDS = ['cluster', 'config', 'dbsize', 'info', 'ping'];

/** Directives that configure passwords or ACL users. */
const AUTH_DIRECTIVES = ['aclfile', 'masterauth', 'masteruser', 'primaryauth', 'primaryuser', 'requirepass', 'user'];

const WILDCARD_BIND = ['*', '0.0.0.0', '::', '::*'];

export function checkOccurrence(o: Occurrence, check: RedisConfigCheck, allowed: ReadonlySet<string>): void {
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
    throw new ValidationError(`${where} sets ${show(directive)}, which no Redis (7.0 to 8.0) or Valkey (7.2 to 8.1) release accepts, so the server would refuse to start${guess ? `; did you mean ${show(guess)}?` : ''}: ${guess ? `rename it to ${show(guess)}, or, ` : ''}if it is a directive newer than this checker, list it in allowUnknownDirectives`);
  }
  checkVersion(o, spec, check);
  checkArgs(o, spec);
  checkPolicy(o, check);
}

/**
 * A directive newer than Redis 7.0 must be one the image's server accepts, by the release table
 * (`server-releases.ts`); an image whose tag shows no version is checked as its product's newest.
 */
function checkVersion(o: Occurrence, spec: DirectiveSpec, check: RedisConfigCheck): void {
  const f = check.flavour;
  if (!spec.since || !f) {
    return;
  }
  const release = f.version ? releaseFor(f.product, f.version) : [...SERVER_RELEASES].reverse().find((r) => r.product === f.product);
  if (!release || releaseAccepts(release, o.directive, (name) => !lookup(REDIS_DIRECTIVES, name)?.since)) {
    return;
  }
  const first = firstReleaseAccepting(o.directive, f.product);
  const fix = first ? `use a ${first.product === 'redis' ? 'redis' : 'valkey/valkey'}:${first.version.join('.')} image or later, or remove it` : 'remove it';
  throw new ValidationError(`${o.where} sets ${show(o.directive)}, which ${releaseLabel(release)} refuses at start ("Bad directive"; ${evidenceOf(release)}), and image ${show(check.image)} runs ${releaseLabel({ product: f.product, version: f.version ?? release.version })}: ${fix}`);
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
        throw new ValidationError(`${where} sets ${directive}, but RedisCluster sets the password itself, from a Secret that its probes, preStop hook and init Job read too (a password in redisConfig would also land in the ConfigMap, in clear): remove it, and use the auth, authSecretName and authSecretKey props, or the users prop for ACL users`);
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
        checkPercent(o, spec, v);
        return;
      }
      const bytes = parseRedisMemory(v);
      if (bytes === undefined) {
        throw new ValidationError(`${where} must be a memory size: whole digits with an optional unit b, k, kb, m, mb, g or gb${spec.type === 'memory-or-percent' ? ', or a percentage like 10%' : ''}; ${got}: e.g. '64mb' (Redis has no decimals, no 'tb', and no 'Mi')`);
      }
      if (bytes < (spec.min ?? 0)) {
        throw new ValidationError(`${where} must be at least ${formatRedisMemory(spec.min ?? 0)}, ${got}: raise it`);
      }
      checkMemoryMax(o, spec, v);
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
      checkShutdownFlags(o);
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
    case 'proc-title-template':
      checkProcTitleTemplate(args, where, got);
      return;
    case 'loadmodule':
      if (args.length < 1 || args[0] === '') {
        throw new ValidationError(`${where} must name a module file in the image, ${got}: e.g. '/usr/lib/redis/modules/example.so'`);
      }
      return;
  }
}

/** Redis refuses a percentage above 100 ("percentage argument must be less or equal to 100"). */
function checkPercent(o: Occurrence, spec: DirectiveSpec, value: string): void {
  const max = spec.maxPercent ?? 100;
  if (Number(value.slice(0, -1)) > max) {
    throw new ValidationError(`${o.where} must be a percentage from 0% to ${max}% (of maxmemory), got ${show(o.text)}: Redis refuses more at start; e.g. '10%'`);
  }
}

const INT64_MAX_BYTES = 9223372036854775807n;
const MEMORY_UNIT_BYTES: Readonly<Record<string, bigint>> = {
  '': 1n, 'b': 1n, 'k': 1000n, 'kb': 1024n, 'm': 1000000n, 'mb': 1048576n, 'g': 1000000000n, 'gb': 1073741824n,
};

/** Signed memory directives hold at most 2^63 - 1 bytes ("argument must be between 0 and 9223372036854775807"). */
function checkMemoryMax(o: Occurrence, spec: DirectiveSpec, value: string): void {
  if (spec.unsigned) return;
  const m = /^(\d+)([kmg]b?|b)?$/i.exec(value);
  if (!m) return;
  const bytes = BigInt(m[1]) * MEMORY_UNIT_BYTES[(m[2] ?? '').toLowerCase()];
  if (bytes > INT64_MAX_BYTES) {
    throw new ValidationError(`${o.where} must be at most ${INT64_MAX_BYTES} bytes (8 exabytes), got ${show(o.text)} (${bytes} bytes): Redis refuses more at start; use a realistic size, e.g. '64mb'`);
  }
}

/** Redis refuses `save` and `nosave` together ("shutdown options SAVE and NOSAVE can't be used simultaneously"). */
function checkShutdownFlags(o: Occurrence): void {
  const flags = o.args.map((a) => a.toLowerCase());
  if (flags.includes('save') && flags.includes('nosave')) {
    throw new ValidationError(`${o.where} has both save and nosave, got ${show(o.text)}: Redis refuses the pair at start; keep one, e.g. 'nosave now'`);
  }
}

/** The variables a proc-title-template may name. @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf */
const PROC_TITLE_VARIABLES = ['title', 'listen-addr', 'server-mode', 'port', 'tls-port', 'unixsocket', 'config-file'];

/** Redis refuses an unknown or unclosed {variable} ("template format is invalid or contains unknown variables"). */
function checkProcTitleTemplate(args: readonly string[], where: string, got: string): void {
  const fix = `use the variables ${PROC_TITLE_VARIABLES.map((v) => `{${v}}`).join(' ')}, e.g. '"{title} {listen-addr} {server-mode}"' (quoted, as it has spaces)`;
  if (args.length !== 1 || args[0].trim() === '') {
    throw new ValidationError(`${where} must be one non-blank template (quote it when it has spaces), ${got}: ${fix}`);
  }
  const t = args[0];
  for (let i = 0; i < t.length; i++) {
    if (t.startsWith('{{', i) || t.startsWith('}}', i)) {
      i++;
      continue;
    }
    if (t[i] !== '{') continue;
    const end = t.indexOf('}', i);
    const name = end < 0 ? undefined : t.slice(i + 1, end);
    if (name === undefined || !PROC_TITLE_VARIABLES.includes(name)) {
      throw new ValidationError(`${where} has ${name === undefined ? `an unclosed '{' at ${show(t.slice(i))}` : `the unknown variable ${show(`{${name}}`)}`}, ${got}: Redis refuses it at start; ${fix} (write '{{' for a literal brace)`);
    }
    i = end;
  }
}

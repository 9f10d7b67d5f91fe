import { show, ValidationError } from '../_errors';
import { formatRedisMemory, parseRedisMemory } from '../_quantity';
import { maxmemoryWarnings } from './check-memory';
import { Occurrence, RedisConfigCheck } from './check-types';

/** Rules over the complete file: defaults, the user's directives and the managed ones together. */
export function checkWholeConfig(all: readonly Occurrence[], check: RedisConfigCheck): string[] {
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

  warnings.push(...maxmemoryWarnings(maxmemory, check));

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

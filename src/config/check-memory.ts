import { show } from '../_errors';
import { formatRedisMemory, parseRedisMemory } from '../_quantity';
import { Occurrence, RedisConfigCheck } from './check-types';

/** Above this share of the memory limit, replication buffers and fragmentation no longer fit. */
export const MAXMEMORY_WARN_SHARE = 0.9;

/**
 * Warnings about a maxmemory that Redis accepts but that is probably a mistake next to the
 * container's memory limit: a bare number (Redis reads bytes, while the limit is written in Mi or
 * Gi), or a value so close to the limit that the kernel kills the pod under load.
 */
export function maxmemoryWarnings(maxmemory: Occurrence | undefined, check: RedisConfigCheck): string[] {
  if (!maxmemory || !check.memoryLimit) return [];
  const bytes = parseRedisMemory(maxmemory.args[0] ?? '');
  if (bytes === undefined || bytes === 0) return [];
  const limit = check.memoryLimit;
  const suggestion = formatRedisMemory(limit.bytes * 0.75);
  const warnings: string[] = [];
  if (/^\d+$/.test(maxmemory.args[0])) {
    warnings.push(`${maxmemory.where} is ${show(maxmemory.text)}, a bare number, which Redis reads as bytes (${formatRedisMemory(bytes)}), while memoryLimit is ${show(limit.text)}: if you meant megabytes or gigabytes, write the unit, e.g. '${suggestion}' (about 75% of the limit).`);
  }
  if (bytes > limit.bytes * MAXMEMORY_WARN_SHARE && bytes < limit.bytes) {
    const percent = Math.round((bytes / limit.bytes) * 100);
    warnings.push(`${maxmemory.where} is ${show(maxmemory.text)}, ${percent}% of memoryLimit ${show(limit.text)}: replication and client buffers, fragmentation and the copy-on-write of background saves need the rest, and the kernel kills the pod when they do not fit. Set maxmemory to about 75% of the limit, e.g. '${suggestion}'.`);
  }
  return warnings;
}

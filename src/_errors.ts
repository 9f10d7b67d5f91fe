/**
 * A configuration the constructs refuse: a prop, a storage option or a redis.conf directive that
 * would deploy a broken or unsafe cluster. Its message names the field, the value received, what
 * is allowed and the fix; synth prints it without a stack trace.
 */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
    Object.setPrototypeOf(this, ValidationError.prototype);
  }
}

/** The construct metadata type under which constructs record warnings; synth prints them. */
export const WARNING_METADATA = 'redis-cluster-cdk8s/warning';

/** A value as the user wrote it: strings quoted, so that `'3'` and `3` read differently. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value === undefined || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The entry of `candidates` closest to `name` by edit distance, if it is close enough to be a typo. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // A third of the name's length, at least 2: 'maxmemroy' finds 'maxmemory', 'foo' finds nothing.
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * What a misspelt or shortened name most likely meant: the nearest candidate by edit distance, or
 * else the one candidate that the name is a case-insensitive prefix or part of (`replicas` means
 * `replicasPerShard`). Undefined when nothing is close, or several candidates fit equally.
 */
export function likelyMeant(name: string, candidates: readonly string[]): string | undefined {
  const near = nearest(name, candidates);
  if (near) return near;
  const lower = name.toLowerCase();
  const exact = candidates.filter((c) => c.toLowerCase() === lower);
  if (exact.length === 1) return exact[0];
  if (lower.length < 3) return undefined;
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return prefixed[0];
  const containing = candidates.filter((c) => c.toLowerCase().includes(lower));
  return containing.length === 1 ? containing[0] : undefined;
}

/** Levenshtein distance, counting a swap of two adjacent characters as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

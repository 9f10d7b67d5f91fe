/**
 * Parsers for the two size notations the project handles: Kubernetes quantities (resources,
 * volume sizes) and redis.conf memory values (maxmemory). They only read; they never reformat.
 */

const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  'n': 1e-9, 'u': 1e-6, 'm': 1e-3, '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
};

/**
 * The grammar of a Kubernetes quantity: a signed decimal number and one optional suffix, a binary
 * one (Ki..Ei), a decimal one (n, u, m, k, M, G, T, P, E) or a decimal exponent (e3, E-2).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** A parsed Kubernetes quantity. */
export interface Quantity {
  /** The value in base units (bytes, cores). */
  readonly value: number;
  /** The suffix as written, '' for none. */
  readonly suffix: string;
}

/** Parses a Kubernetes quantity, or returns undefined if the API server would reject it. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = typeof text === 'string' ? QUANTITY.exec(text) : null;
  if (!m) {
    return undefined;
  }
  const [, sign, digits, suffix = ''] = m;
  let factor: number;
  if (suffix in BINARY_SUFFIXES) {
    factor = BINARY_SUFFIXES[suffix];
  } else if (suffix in DECIMAL_SUFFIXES) {
    factor = DECIMAL_SUFFIXES[suffix];
  } else {
    factor = 10 ** Number(suffix.slice(1));
  }
  const value = (sign === '-' ? -1 : 1) * Number(digits) * factor;
  return Number.isFinite(value) ? { value, suffix } : undefined;
}

const REDIS_MEMORY_UNITS: Readonly<Record<string, number>> = {
  '': 1, 'b': 1, 'k': 1e3, 'kb': 2 ** 10, 'm': 1e6, 'mb': 2 ** 20, 'g': 1e9, 'gb': 2 ** 30,
};

/**
 * Parses a redis.conf memory value (`64mb`, `1g`, `1048576`): digits and an optional unit, case
 * insensitive, where `k`, `m`, `g` are powers of 1000 and `kb`, `mb`, `gb` powers of 1024. Returns
 * the number of bytes, or undefined for anything Redis refuses (`1.5gb`, `1tb`, `-1`, ` 1mb`).
 * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
 */
export function parseRedisMemory(text: string): number | undefined {
  const m = /^(\d+)([kmg]b?|b)?$/i.exec(text);
  if (!m) {
    return undefined;
  }
  return Number(m[1]) * REDIS_MEMORY_UNITS[(m[2] ?? '').toLowerCase()];
}

/** Bytes in the largest binary unit that keeps a whole number, in redis.conf notation (`768mb`). */
export function formatRedisMemory(bytes: number): string {
  const whole = Math.floor(bytes);
  for (const [unit, size] of [['gb', 2 ** 30], ['mb', 2 ** 20], ['kb', 2 ** 10]] as const) {
    if (whole >= size && whole % size === 0) {
      return `${whole / size}${unit}`;
    }
  }
  return whole >= 2 ** 20 ? `${Math.floor(whole / 2 ** 20)}mb` : String(whole);
}

import { createHash } from 'crypto';

/** A short, stable hex digest of any JSON-serialisable value. */
export function shortHash(value: unknown, length = 8): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, length);
}

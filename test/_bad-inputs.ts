import { RedisClusterProps, ValidationError } from '../src';
import { resolve } from '../src/cluster/resolve';

/** One input resolve() must refuse, as a row of a `fails when ...` table. */
export interface BadInput {
  /** Completes "fails when ...". */
  readonly when: string;
  /** The props, or a function making them (for factories that throw themselves). */
  readonly props: RedisClusterProps | (() => RedisClusterProps);
  /** Fragments the message must contain: the prop, and the fix. */
  readonly says: readonly (string | RegExp)[];
}

/**
 * Asserts that resolve() refuses the row's props with a ValidationError whose message has every
 * fragment and says what was wrong, then, after a colon, what to do.
 */
export function expectRefused(row: BadInput): void {
  let error: unknown;
  try {
    resolve(typeof row.props === 'function' ? row.props() : row.props);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const message = (error as Error).message;
  for (const fragment of row.says) {
    if (typeof fragment === 'string') expect(message).toContain(fragment);
    else expect(message).toMatch(fragment);
  }
  expect(message).toMatch(/\S: \S/);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface WaitOptions {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** Pause between checks. */
  readonly intervalMs?: number;
}

/**
 * Calls `check` until it reports nothing left to wait for, at most `timeoutMs`. `check` returns
 * what is still missing (a message, or a list of them); an empty result means done. On timeout the
 * error names `what` and the last thing that was missing.
 */
export async function waitUntil(what: string, check: () => Promise<string | readonly string[] | undefined>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let missing: string | readonly string[] | undefined;
  for (;;) {
    try {
      missing = await check();
    } catch (e) {
      missing = `check failed: ${(e as Error).message}`;
    }
    if (missing === undefined || missing.length === 0) {
      return;
    }
    if (Date.now() >= deadline) {
      const detail = typeof missing === 'string' ? missing : missing.join('\n  ');
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}; still:\n  ${detail}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
}

/** Milliseconds since `start` (a `Date.now()` value), in seconds with one decimal. */
export function secondsSince(start: number): number {
  return Math.round((Date.now() - start) / 100) / 10;
}

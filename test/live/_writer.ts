import { Cluster } from 'ioredis';

/** A client that keeps writing, one key at a time, and measures the gaps between acknowledgements. */
export interface Writer {
  /** Keys whose SET was acknowledged, in order. */
  readonly acknowledged: readonly string[];
  /** Writes that failed (not retried beyond the client's own retries), each with its time and error. */
  readonly failures: readonly string[];
  /** The longest time between two acknowledged writes since the last `resetGap()`, in ms. */
  readonly longestGapMs: number;
  /** Starts measuring gaps afresh (e.g. once the writer is warmed up). */
  resetGap(): void;
  /** Stops writing and waits for the last write to settle. */
  stop(): Promise<void>;
}

/**
 * Writes `<prefix>:<n>` through `client` every `intervalMs`, as an application would; a failed
 * write is not retried, it only lengthens the gap.
 */
export function startWriter(client: Cluster, prefix: string, intervalMs = 20): Writer {
  const acknowledged: string[] = [];
  const failures: string[] = [];
  let lastAck = 0;
  let longestGapMs = 0;
  let writing = true;
  const loop = (async () => {
    for (let i = 0; writing; i++) {
      const key = `${prefix}:${i}`;
      try {
        await client.set(key, String(i));
        const now = Date.now();
        if (lastAck > 0) longestGapMs = Math.max(longestGapMs, now - lastAck);
        lastAck = now;
        acknowledged.push(key);
      } catch (e) {
        // not retried: it lengthens the gap
        failures.push(`${new Date().toISOString().slice(11, 23)} ${key}: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    acknowledged,
    failures,
    get longestGapMs() {
      return longestGapMs;
    },
    resetGap: () => {
      longestGapMs = 0;
    },
    stop: async () => {
      writing = false;
      await loop;
    },
  };
}

/**
 * Hands out pod addresses from a block of 127.0.0.0/8 chosen at random per run, so that two runs
 * (or the leftovers of a killed one) do not collide. Addresses are never reused within a run: a
 * re-created pod gets a new one, as it would in Kubernetes.
 *
 * Every address in 127.0.0.0/8 reaches the loopback interface on Linux without configuration.
 */
export class LoopbackAddresses {
  /** An address in the block where nothing listens: the pods' resolv.conf points here. */
  public readonly unusedAddress: string;
  private second: number;
  private third: number;
  private fourth = 2;

  constructor(random: () => number = Math.random) {
    // 127.<16..239>.<0..255>.x: clear of 127.0.0.0/16, where local services tend to live.
    this.second = 16 + Math.floor(random() * 224);
    this.third = Math.floor(random() * 256);
    this.unusedAddress = `127.${this.second}.${this.third}.1`;
  }

  /** The next free address. */
  public allocate(): string {
    // .1 is reserved and .0 and .255 are skipped; a full /24 rolls over into the next one.
    if (this.fourth > 254) {
      this.fourth = 2;
      this.third++;
      if (this.third > 255) {
        this.third = 0;
        this.second++;
      }
      if (this.second > 254) {
        throw new Error('the loopback block is exhausted: this run created too many pods');
      }
    }
    return `127.${this.second}.${this.third}.${this.fourth++}`;
  }
}

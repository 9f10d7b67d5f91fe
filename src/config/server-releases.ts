/**
 * Which redis.conf directive names each server release accepts at start, so that a directive is
 * refused only for a server that really refuses it.
 *
 * Measured releases were read from the real binary: `CONFIG GET *` for the names, then the server
 * started once per directive of the whole catalogue (its default value in a config file beside
 * `port 0`), recording which names it refuses ("Bad directive or wrong number of arguments", or
 * Redis 8's "Unresolved Configuration(s)" for a name it takes for a module's):
 * - Redis 7.0.15 (Debian 12's redis-server),
 * - Redis 8.0.2 (Debian 13's redis-server),
 * - Valkey 8.1.1 (Debian 13's valkey-server).
 * Releases not run here are marked `evidence: 'source'` (read from that release's src/config.c,
 * as the catalogue's `since` entries were) or `evidence: 'unverified'`.
 *
 * Every release below accepts every directive Redis 7.0 accepts (none was dropped: the measured
 * ones confirm it), so each lists only what it adds.
 *
 * @see https://github.com/redis/redis/blob/8.0/src/config.c
 * @see https://github.com/valkey-io/valkey/blob/8.1/src/config.c
 */

export interface ServerRelease {
  readonly product: 'redis' | 'valkey';
  /** [major, minor] */
  readonly version: readonly [number, number];
  /** How the names were established: run here, read from the release's sources, or not verified. */
  readonly evidence: 'measured' | 'source' | 'unverified';
  /** The exact version measured, e.g. '8.0.2'. */
  readonly measured?: string;
  /** Directive names it accepts beyond Redis 7.0's. */
  readonly adds: readonly string[];
}

const REDIS_7_2_ADDS = [
  'cluster-announce-human-nodename', 'locale-collate', 'max-new-connections-per-cycle', 'max-new-tls-connections-per-cycle',
  'set-max-listpack-entries', 'set-max-listpack-value',
];

/** Measured on Redis 8.0.2: Redis 7.2's additions, the CPU-affinity lists, and three of its own. */
const REDIS_8_0_ADDS = [
  ...REDIS_7_2_ADDS, 'aof-rewrite-cpulist', 'bgsave-cpulist', 'bio-cpulist', 'server-cpulist',
  'cluster-compatibility-sample-ratio', 'hide-user-data-from-log', 'replica-full-sync-buffer-limit',
];

/** Valkey 8.0's additions over Valkey 7.2 (= Redis 7.2), from its src/config.c. */
const VALKEY_8_0_ADDS = [
  ...REDIS_7_2_ADDS, 'aof-rewrite-cpulist', 'availability-zone', 'bgsave-cpulist', 'bio-cpulist', 'cluster-announce-client-ipv4',
  'cluster-announce-client-ipv6', 'cluster-slot-stats-enabled', 'dual-channel-replication-enabled', 'extended-redis-compatibility',
  'hide-user-data-from-log', 'primaryauth', 'primaryuser', 'server-cpulist',
];

/** Measured on Valkey 8.1.1. */
const VALKEY_8_1_ADDS = [
  ...VALKEY_8_0_ADDS, 'active-defrag-cycle-us', 'cluster-blacklist-ttl', 'cluster-manual-failover-timeout',
  'commandlog-execution-slower-than', 'commandlog-large-reply-max-len', 'commandlog-large-request-max-len',
  'commandlog-reply-larger-than', 'commandlog-request-larger-than', 'commandlog-slow-execution-max-len', 'import-mode',
  'log-format', 'log-timestamp-format', 'prefetch-batch-max-size', 'rdb-version-check', 'rdma-bind', 'rdma-completion-vector',
  'rdma-port', 'rdma-rx-size', 'unixsocketgroup',
];

/** The releases the checker knows, oldest first per product. */
export const SERVER_RELEASES: readonly ServerRelease[] = [
  { product: 'redis', version: [7, 0], evidence: 'measured', measured: '7.0.15', adds: [] },
  { product: 'redis', version: [7, 2], evidence: 'source', adds: REDIS_7_2_ADDS },
  // Redis 7.4 is not run here; it has what 7.2 has (its src/config.c) and is treated as 7.2.
  { product: 'redis', version: [8, 0], evidence: 'measured', measured: '8.0.2', adds: REDIS_8_0_ADDS },
  // Redis 8.2 to 8.8 are not run here, and their directive lists were not read: they are
  // treated as Redis 8.0 (a directive 8.0 accepts passes, one it refuses is refused, naming both).
  { product: 'redis', version: [8, 2], evidence: 'unverified', adds: REDIS_8_0_ADDS },
  { product: 'valkey', version: [7, 2], evidence: 'source', adds: REDIS_7_2_ADDS },
  { product: 'valkey', version: [8, 0], evidence: 'source', adds: VALKEY_8_0_ADDS },
  { product: 'valkey', version: [8, 1], evidence: 'measured', measured: '8.1.1', adds: VALKEY_8_1_ADDS },
  // Valkey 8.2 and 9.x are not run here, and their directive lists were not read: treated as 8.1.
  { product: 'valkey', version: [8, 2], evidence: 'unverified', adds: VALKEY_8_1_ADDS },
];

/** Every name some release adds: the catalogue needs a type for each. */
export const NAMES_ADDED_BY_RELEASES: ReadonlySet<string> = new Set(SERVER_RELEASES.flatMap((r) => r.adds));

/** `Redis 8.0` / `Valkey 8.1`. */
export function releaseLabel(release: Pick<ServerRelease, 'product' | 'version'>): string {
  return `${release.product === 'redis' ? 'Redis' : 'Valkey'} ${release.version.join('.')}`;
}

/**
 * The release whose directive list applies to an image of `product` at `version`: the newest known
 * release at or below it (a Redis 7.4 image gets Redis 7.2's list, a Redis 8.6 image the 8.2 row).
 */
export function releaseFor(product: 'redis' | 'valkey', version: readonly [number, number]): ServerRelease | undefined {
  const atOrBelow = SERVER_RELEASES.filter((r) => r.product === product
    && (r.version[0] < version[0] || (r.version[0] === version[0] && r.version[1] <= version[1])));
  return atOrBelow[atOrBelow.length - 1];
}

/** Whether `release` accepts directive `name`, given the names Redis 7.0 accepts. */
export function releaseAccepts(release: ServerRelease, name: string, redis70Accepts: (name: string) => boolean): boolean {
  return redis70Accepts(name) || release.adds.includes(name);
}

/** The oldest release of `product` (or, failing that, of any product) that accepts `name`. */
export function firstReleaseAccepting(name: string, product: 'redis' | 'valkey'): ServerRelease | undefined {
  const accepting = SERVER_RELEASES.filter((r) => r.adds.includes(name) && r.evidence !== 'unverified');
  return accepting.find((r) => r.product === product) ?? accepting[0];
}

/** How a release's list was established, for messages. */
export function evidenceOf(release: ServerRelease): string {
  switch (release.evidence) {
    case 'measured':
      return `measured on ${releaseLabel(release).split(' ')[0]} ${release.measured}`;
    case 'source':
      return `from ${releaseLabel(release)}'s src/config.c`;
    default:
      return `not verified: ${releaseLabel(release)} and later are checked as the newest release run here`;
  }
}

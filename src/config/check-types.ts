import { RedisConfig } from './redis-config';
import { ServerFlavour } from './server-flavour';

export interface RedisConfigCheck {
  /** The redisConfig prop as given, before defaults are merged under it. */
  readonly userConfig: RedisConfig;
  /** The complete typed config: defaults, then userConfig, then the managed directives. */
  readonly effectiveConfig: RedisConfig;
  /** The extraRedisConfig prop: raw lines rendered after the typed config. */
  readonly extraLines: readonly string[];
  /** The allowUnknownDirectives prop. */
  readonly allowUnknownDirectives: readonly string[];
  /** Directives RedisCluster renders itself, with the prop (or rule) that sets them. */
  readonly managed: Readonly<Record<string, string>>;
  /** The container image, as written, and what it runs. */
  readonly image: string;
  readonly flavour?: ServerFlavour;
  /** The container memory limit, as written and in bytes. */
  readonly memoryLimit?: { readonly text: string; readonly bytes: number };
  readonly replicasPerShard: number;
  readonly clientPort: number;
  readonly busPort: number;
  /** Where the data volume is mounted: the only writable path in the container. */
  readonly dataMountPath: string;
  /** Whether RedisCluster sets requirepass and masterauth from the auth Secret. */
  readonly auth: boolean;
  /**
   * Whether the tls prop turns TLS on.
   * @default false
   */
  readonly tls?: boolean;
}

/** One occurrence of a directive, typed or raw. */
export interface Occurrence {
  /** Lower-case directive name. */
  readonly directive: string;
  readonly args: readonly string[];
  /** Where it was written, e.g. `redisConfig['maxmemory']` or `extraRedisConfig[2] ("maxmemory 1gb")`. */
  readonly where: string;
  /** The text after the directive, as written. */
  readonly text: string;
}

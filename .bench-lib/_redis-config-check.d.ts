import { RedisConfig } from './redis-config';
/** Which server an image runs, read from its repository name and tag, when recognisable. */
export interface ServerFlavour {
    readonly product: 'redis' | 'valkey';
    /** [major, minor] from a tag like `7.2.6-bookworm`; undefined for tags like `bookworm`. */
    readonly version?: readonly [number, number];
}
/** The server an image runs: `redis:7.2.6`, `bitnami/redis:7.0`, `valkey/valkey:8.0`. */
export declare function serverFlavour(repository: string, tag: string | undefined): ServerFlavour | undefined;
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
    readonly memoryLimit?: {
        readonly text: string;
        readonly bytes: number;
    };
    readonly replicasPerShard: number;
    readonly clientPort: number;
    readonly busPort: number;
    /** Where the data volume is mounted: the only writable path in the container. */
    readonly dataMountPath: string;
    /** Whether RedisCluster sets requirepass and masterauth from the auth Secret. */
    readonly auth: boolean;
}
/**
 * Throws a ValidationError for the first problem found; returns warnings for configurations that
 * work but are probably not what the user wants.
 */
export declare function checkRedisConfig(check: RedisConfigCheck): string[];
/**
 * Splits a redis.conf line into arguments as Redis does (sdssplitargs): whitespace separates,
 * "double" quotes take \n \t \xHH escapes, 'single' quotes take \' only, and a closing quote must
 * end the argument.
 */
export declare function splitArgs(line: string, where: string): string[];
/**
 * Errors when redis.conf keeps its data (`dir`) or its cluster state (`cluster-config-file`)
 * anywhere but a volume from the StatefulSet's volumeClaimTemplates, mounted in the redis
 * container. A disk-backed emptyDir counts too: it is what RedisStorage.ephemeral() chooses, on
 * purpose and with a warning.
 */
export declare function dataOnVolumeErrors(redisConf: string, statefulSet: any): string[];

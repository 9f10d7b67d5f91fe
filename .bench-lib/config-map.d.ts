import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { RedisConfig } from './redis-config';
/** The file names (ConfigMap keys) that RedisConfigMap holds. */
export declare const CONFIG_FILES: {
    readonly redisConf: "redis.conf";
    readonly startScript: "start-redis.sh";
    readonly probeScript: "probe.sh";
    readonly initScript: "init-cluster.sh";
    readonly preStopScript: "pre-stop.sh";
};
export interface RedisConfigMapProps {
    /** `metadata.name` of the ConfigMap. */
    readonly name: string;
    readonly namespace: string;
    readonly labels: Record<string, string>;
    /** The complete redis.conf, rendered by `renderRedisConf`. */
    readonly redisConfig: RedisConfig;
    /**
     * Raw redis.conf lines rendered after `redisConfig`.
     * @default - none
     */
    readonly extraRedisConfig?: readonly string[];
}
/** Reads one of the container scripts shipped beside this module (src/scripts, lib/scripts). */
export declare function readScript(name: string): string;
/**
 * The ConfigMap that every Redis pod and the init Job mount: redis.conf plus the container scripts.
 */
export declare class RedisConfigMap extends Construct {
    readonly configMap: kplus.ConfigMap;
    /** The files, by key, exactly as written into the ConfigMap. */
    readonly files: Readonly<Record<string, string>>;
    /** A digest of every file; pod templates carry it so that a change rolls the pods. */
    readonly checksum: string;
    constructor(scope: Construct, id: string, props: RedisConfigMapProps);
}

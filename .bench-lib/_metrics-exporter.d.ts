import { k8s } from 'cdk8s-plus-27';
import { AuthSecretRef } from './_pod-security';
export interface MetricsExporterOptions {
    readonly image: string;
    readonly port: number;
    readonly redisPort: number;
    readonly uid: number;
    readonly gid: number;
    readonly auth?: AuthSecretRef;
}
/**
 * The redis_exporter sidecar: reads INFO from the Redis beside it and serves Prometheus metrics.
 *
 * @see https://github.com/oliver006/redis_exporter
 */
export declare function metricsExporterContainer(options: MetricsExporterOptions): k8s.Container;

import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { RedisCluster, RedisClusterProps } from './redis-cluster';
/**
 * A chart holding one RedisCluster. Objects carry their namespace themselves (the chart sets
 * none), so the Namespace object stays cluster-scoped.
 */
export declare class RedisClusterChart extends Chart {
    readonly cluster: RedisCluster;
    constructor(scope: Construct, id: string, props?: RedisClusterProps);
}

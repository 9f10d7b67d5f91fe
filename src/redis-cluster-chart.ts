import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { RedisClusterProps } from './cluster/props';
import { RedisCluster } from './redis-cluster';

/**
 * A chart holding one RedisCluster. Objects carry their namespace themselves (the chart sets
 * none), so the Namespace object stays cluster-scoped.
 */
export class RedisClusterChart extends Chart {
  public readonly cluster: RedisCluster;

  constructor(scope: Construct, id: string, props: RedisClusterProps = {}) {
    super(scope, id);
    this.cluster = new RedisCluster(this, 'Redis', props);
  }
}

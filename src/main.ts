import { App } from 'cdk8s';
import { RedisClusterChart } from './redis-cluster-chart';

const app = new App();
new RedisClusterChart(app, 'redis-cluster');
app.synth();

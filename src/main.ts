import { synthesize } from './_synth';
import { RedisClusterChart } from './redis-cluster-chart';

// The app and its default chart. `synthesize` publishes to dist/ only when the whole app synthesizes.
synthesize((app) => {
  new RedisClusterChart(app, 'redis-cluster');
});

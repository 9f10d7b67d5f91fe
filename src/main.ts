import { synthesize } from './_synth';
import { readValues, withSource } from './_values';
import { RedisClusterChart } from './redis-cluster-chart';

// The app and its default chart, with the props of values.yaml (or of the file REDIS_CLUSTER_VALUES
// names) when there is one. `synthesize` publishes to dist/ only when the whole app synthesizes.
synthesize((app) => {
  const values = readValues();
  withSource(values.source, () => new RedisClusterChart(app, 'redis-cluster', values.props));
});

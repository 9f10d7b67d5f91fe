import { findObject, synthToDisk } from './_synth';

describe('RedisPodDisruptionBudget', () => {
  const { objects } = synthToDisk();
  const pdb = findObject(objects, 'PodDisruptionBudget', 'redis-app');

  test('allows at most one Redis pod voluntarily disrupted at a time', () => {
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: findObject(objects, 'StatefulSet').spec.selector.matchLabels } });
  });

  test('is left out when podDisruptionBudget is false', () => {
    expect(synthToDisk({ podDisruptionBudget: false }).objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
  });
});

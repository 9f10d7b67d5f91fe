/**
 * Rolling restarts under a writing client, as `kubectl rollout restart statefulset` (or an image
 * or redis.conf change) performs them: every pod, highest ordinal first, each re-created with a
 * new address, the next only once it is Ready. The scenario itself is `rollingRestart` in
 * `_rollout.ts`, a function of the server and the chart, so that it can run on every server.
 */
import { describeLive } from './_live';
import { describeRollout, rollingRestart, RolloutTarget } from './_rollout';

const TARGETS: RolloutTarget[] = [
  { name: 'the default chart (3 shards, 1 replica each, auth on)' },
  { name: '3 shards with 2 replicas each', props: { replicasPerShard: 2 } },
  { name: 'auth off (and so no external Service)', props: { auth: false, externalService: false } },
];

describeLive('rolling restart', () => {
  test.each(TARGETS)('$name: no failed write, no lost write, the cluster ok on every Ready pod throughout', async (target) => {
    const result = await rollingRestart(target);
    console.log(describeRollout(result));

    // THEN the client never saw a refused write, and kept every acknowledged one
    expect({ failed: result.failedWrites, errors: result.writeErrors }).toEqual({ failed: 0, errors: [] });
    expect(result.lostWrites).toEqual([]);
    // AND no Ready pod ever reported a cluster that was not ok
    expect(result.notOkSamples).toEqual([]);
    // AND every pod was replaced, with a new address, and kept its node (its volume)
    expect(result.steps.map((s) => s.pod)).toEqual([...Array(result.pods).keys()].reverse().map((i) => `redis-app-${i}`));
    expect(result.reusedAddresses).toEqual([]);
    expect(result.changedNodes).toEqual([]);
    // AND every master handed its slots over before it stopped: no hook stopped as a master
    for (const step of result.steps) {
      expect({ pod: step.pod, preStop: step.preStop }).toEqual({ pod: step.pod, preStop: expect.stringMatching(/^exited 0 /) });
      expect(step.preStop).not.toContain('stopping as a master');
    }
    expect(result.acknowledged).toBeGreaterThan(50);
  }, 300_000);
});

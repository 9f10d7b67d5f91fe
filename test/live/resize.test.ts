/**
 * Resizing, run for real from synthesized manifests: each scenario bootstraps a cluster from the
 * "before" props and applies the manifests of the "after" props (see `_resize.ts`). Run on the
 * Redis the machine has; the scenarios take the server as a parameter.
 */
import { describeLive, missingLiveRequirements } from './_live';
import { addReplicas, interruptedScaleOutUnderLoad, scaleOutAndBackIn } from './_resize';
import { missingServer, SERVERS } from './_servers';
import { describeRequiring } from '../_requirements';

const REDIS_7_0 = SERVERS['redis-7.0'];
const VALKEY_8_1 = SERVERS['valkey-8.1'];

describeLive(`resizing a live cluster (${REDIS_7_0.name})`, () => {
  test('3 x 1 -> 4 x 1 with 100,000 keys, again (nothing changes), then back to 3 x 1 through the drain', async () => {
    const r = await scaleOutAndBackIn(REDIS_7_0, 100_000);
    console.log(`add a shard: ${(r.addShardMs / 1000).toFixed(1)} s, ${r.keysMoved} keys moved; drain a shard: ${(r.drainMs / 1000).toFixed(1)} s; `
      + `longest write gap ${r.scaleOutGapMs} ms (out), ${r.drainGapMs} ms (drain) over ${r.writes} writes`);
    expect(r.problems).toEqual([]);
    expect(r.writes).toBeGreaterThan(100);
    // The new master got its share of the keys: about a quarter.
    expect(r.keysMoved).toBeGreaterThan(100_000 / 4 * 0.9);
    expect(r.keysMoved).toBeLessThan(100_000 / 4 * 1.1);
  }, 1_200_000);

  test('3 x 1 -> 3 x 2: a replica joins each master, no slot moves', async () => {
    const r = await addReplicas(REDIS_7_0, 10_000);
    expect(r.problems).toEqual([]);
  }, 600_000);

  test('3 x 1 -> 4 x 1 while a client writes, the Job killed mid-migration and retried: no acknowledged write lost', async () => {
    const r = await interruptedScaleOutUnderLoad(REDIS_7_0, 20_000);
    console.log(`interrupted resize: killed with ${r.openSlot} open; longest write gap ${r.longestWriteGapMs} ms over ${r.writes} writes`);
    expect(r.problems).toEqual([]);
    expect(r.openSlot).toBeDefined();
    expect(r.writes).toBeGreaterThan(100);
  }, 900_000);
});

// The same scale out and drain on Valkey 8.1, whose image has valkey-cli (and redis-cli as a link).
describeRequiring([...missingLiveRequirements(), ...missingServer(VALKEY_8_1)], 'Valkey 8.1 comes from scripts/install-servers.sh.')(
  `resizing a live cluster (${VALKEY_8_1.name})`, () => {
    test('3 x 1 -> 4 x 1 with 20,000 keys, again (nothing changes), then back to 3 x 1 through the drain', async () => {
      const r = await scaleOutAndBackIn(VALKEY_8_1, 20_000);
      console.log(`${VALKEY_8_1.name}: add a shard: ${(r.addShardMs / 1000).toFixed(1)} s, ${r.keysMoved} keys moved; drain a shard: ${(r.drainMs / 1000).toFixed(1)} s; `
        + `longest write gap ${r.scaleOutGapMs} ms (out), ${r.drainGapMs} ms (drain) over ${r.writes} writes`);
      expect(r.problems).toEqual([]);
      expect(r.writes).toBeGreaterThan(100);
      // The new master's DBSIZE also counts its share of the writer's keys (one new key a write).
      expect(r.keysMoved).toBeGreaterThan(20_000 / 4 * 0.9);
      expect(r.keysMoved).toBeLessThan((20_000 + r.writes) / 4 * 1.1);
    }, 900_000);
  });

/**
 * Rolling restarts under a writing client, as `kubectl rollout restart statefulset` (or an image
 * or redis.conf change) performs them: every pod, highest ordinal first, each re-created with a
 * new address, the next only once it is Ready. The scenario itself is `rollingRestart` in
 * `_rollout.ts`, a function of the server and the chart. The default topology (3 shards, 1
 * replica each, auth on) rolls on every server as a scenario of the server matrix (`_matrix.ts`);
 * this file rolls the topologies that need a cluster of their own: 2 replicas per shard on every
 * server, and auth off.
 */
import { missingLiveRequirements } from './_live';
import { imageFor } from './_matrix';
import { describeRollout, expectCleanRollout, rollingRestart, RolloutTarget } from './_rollout';
import { missingServer, SERVERS } from './_servers';
import { describeRequiring } from '../_requirements';

const servers = Object.values(SERVERS);

const TARGETS: RolloutTarget[] = [
  ...servers.map((server) => ({
    name: `${server.name}: 3 shards with 2 replicas each, auth on`,
    props: { image: imageFor(server), replicasPerShard: 2 },
  })),
  { name: 'redis-7.0: auth off (and so no external Service)', props: { image: imageFor(SERVERS['redis-7.0']), auth: false, externalService: false } },
];

const missing = [...missingLiveRequirements(), ...servers.flatMap(missingServer)];

describeRequiring(missing, 'The live tests need what test/live/README.md lists, and scripts/install-servers.sh for Redis 8.0 and Valkey 8.1.')(
  'rolling restart', () => {
    test.each(TARGETS)('$name: no failed write, no lost write, the cluster ok on every Ready pod throughout', async (target) => {
      const result = await rollingRestart(target);
      console.log(describeRollout(result));
      expectCleanRollout(result);
    }, 300_000);
  });

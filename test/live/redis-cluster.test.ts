/**
 * The default manifests, run for real: one cluster is bootstrapped and then taken through the
 * scenarios in order (data, re-running the Job, a master crash, a re-created pod, a full restart).
 * Each scenario starts from, and ends with, a healthy cluster.
 */
import * as fs from 'fs';
import * as path from 'path';
import Redis, { Cluster } from 'ioredis';
import {
  clientPort, layoutOf, observeCluster, shardsOf, topologyProblems, waitForClusterOk, waitForHealthyCluster, waitForPersistenceIdle,
  waitForPromotion,
} from './_cluster-health';
import { hashTagIn } from '../_local-redis';
import { describeLive, AUTH_SECRETS } from './_live';
import { clusterClient, connectNode, nodeCommand } from './_redis';
import { secondsSince, waitUntil } from './_wait';
import { startWriter } from './_writer';
import { JobResult, LocalKube, synthesize, Synthesized } from './harness';

const SHARDS = 3;
const REPLICAS_PER_SHARD = 1;

describeLive('a Redis Cluster from the default manifests', () => {
  let synthesized: Synthesized;
  let kube: LocalKube;
  let port: number;
  const clients: Array<Redis | Cluster> = [];
  /** Keys written by the data scenario, read again after the full restart. */
  const written = new Map<string, string>();

  beforeAll(() => {
    synthesized = synthesize();
    kube = new LocalKube({ manifests: synthesized.manifests, secrets: AUTH_SECRETS });
    port = clientPort(kube);
  });

  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await kube?.close();
    if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  });

  function newClient() {
    const seed = { host: kube.pod(kube.podNames()[0]).fqdn!, port };
    const { client, announcedHostnames } = clusterClient(seed, (h) => kube.resolve(h), {}, kube.redisPassword);
    clients.push(client);
    return { client, announcedHostnames };
  }

  test('runs the manifests committed in dist/', () => {
    // THEN what these tests run (a fresh synth of the default chart) is what dist/ holds
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'redis-cluster.k8s.yaml'), 'utf8');
    const fresh = fs.readFileSync(path.join(synthesized.outdir, 'redis-cluster.k8s.yaml'), 'utf8');
    expect(fresh).toEqual(committed);
  });

  test('bootstrap: the pods and the init Job, started together, form the cluster', async () => {
    // WHEN everything is applied at once, as `kubectl apply -f dist/` does
    const start = Date.now();
    const job = kube.startJob();
    await kube.createPods();
    expectSucceeded(await job.result(120_000));
    await waitForHealthyCluster(kube, 30_000, { replicasInSync: false });
    const ok = secondsSince(start);
    const healthy = await waitForHealthyCluster(kube, 30_000);
    console.log(`bootstrap: cluster ok ${ok} s, replicas in sync ${secondsSince(start)} s after the pods were created`);

    // THEN every node reports a healthy cluster of 3 masters with 1 replica each, on distinct pods
    for (const view of healthy.views) {
      expect(view.info).toMatchObject({ cluster_state: 'ok', cluster_slots_assigned: '16384', cluster_known_nodes: '6' });
    }
    for (const view of healthy.views) {
      expect(topologyProblems(shardsOf(view, kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
    }
    // AND every pod passes its readiness probe
    await waitUntil('every pod Ready', async () => kube.currentPods().filter((p) => !p.ready).map((p) => `${p.name} not Ready`), { timeoutMs: 15_000 });
  }, 180_000);

  test('data: a cluster client seeded with pod 0\'s name writes keys and reads them back', async () => {
    const { client, announcedHostnames } = newClient();
    const keys = Array.from({ length: 300 }, (_, i) => `user:${i}`);
    await Promise.all(keys.map((k, i) => client.set(k, `value-${i}`)));
    const values = await Promise.all(keys.map((k) => client.get(k)));
    expect(values).toEqual(keys.map((_, i) => `value-${i}`));
    keys.forEach((k, i) => written.set(k, `value-${i}`));

    // THEN the keys are spread over every master, reached by the names the nodes announce
    const healthy = await observeCluster(kube);
    const masters = shardsOf(healthy.views[0], kube).map((s) => kube.pod(s.master.pod));
    for (const master of masters) {
      expect(Number(await nodeCommand(master.address, port, ['DBSIZE'], 3000, kube.redisPassword))).toBeGreaterThan(0);
      expect(announcedHostnames).toContain(master.fqdn);
    }
  }, 60_000);

  test('re-run: running the init Job again succeeds and changes nothing', async () => {
    const before = await observeCluster(kube);
    const result = await kube.startJob().result(120_000);
    expectSucceeded(result);
    expect(result.attempts[0].output).toContain('already exists');
    const after = await waitForHealthyCluster(kube, 30_000);
    for (const view of after.views) {
      expect(layoutOf(view)).toEqual(layoutOf(before.views[0]));
    }
  }, 180_000);

  test('master crash: a replica takes over, no acknowledged write is lost, the old master rejoins as a replica', async () => {
    const healthy = await waitForHealthyCluster(kube, 30_000);
    const shard = shardsOf(healthy.views[0], kube)[0];
    const victim = kube.pod(shard.master.pod);
    const victimNode = healthy.views.find((v) => v.pod === victim.name)!.self;
    const tag = hashTagIn(victimNode.slots);

    // GIVEN a writer that counts a write only once a replica has acknowledged it (WAIT 1)
    const writer = await connectNode(victim.address, port, 3000, kube.redisPassword);
    clients.push(writer);
    const acknowledged: string[] = [];
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing; i++) {
        const key = `{${tag}}:${i}`;
        try {
          await writer.set(key, String(i));
          if (Number(await writer.call('WAIT', '1', '1000')) >= 1) acknowledged.push(key);
        } catch {
          return;
        }
      }
    })();
    await waitUntil('200 acknowledged writes', async () => (acknowledged.length >= 200 ? [] : `${acknowledged.length} so far`), { timeoutMs: 20_000 });

    // WHEN the master is killed and stays down
    const crashedAt = Date.now();
    await victim.crash('SIGKILL');
    writing = false;
    await writes;
    writer.disconnect();

    // THEN one of its replicas is promoted and the cluster is ok again
    const promoted = await waitForPromotion(kube, shard, 60_000);
    await waitForClusterOk(kube, kube.currentPods().filter((p) => p !== victim), 30_000);
    console.log(`master crash: ${promoted} promoted and cluster ok ${secondsSince(crashedAt)} s after ${victim.name} was killed`);

    // AND every acknowledged write is on the new master
    const values = await nodeCommand(kube.pod(promoted).address, port, ['MGET', ...acknowledged], 3000, kube.redisPassword) as (string | null)[];
    const lost = acknowledged.filter((_, i) => values[i] === null);
    expect(lost).toEqual([]);

    // WHEN the old master's container restarts: same pod, same address, same data
    await victim.startContainer();

    // THEN it rejoins as a replica of the promoted node
    const rejoined = await waitForHealthyCluster(kube, 60_000);
    const promotedId = rejoined.views.find((v) => v.pod === promoted)!.self.id;
    const oldMaster = rejoined.views.find((v) => v.pod === victim.name)!.self;
    expect(oldMaster.id).toEqual(victimNode.id);
    expect(oldMaster.role).toEqual('replica');
    expect(oldMaster.masterId).toEqual(promotedId);
    expect(topologyProblems(shardsOf(rejoined.views[0], kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
  }, 180_000);

  test('re-created pod: a master comes back with a new address and the cluster heals', async () => {
    const healthy = await waitForHealthyCluster(kube, 30_000);
    await waitForPersistenceIdle(kube, 30_000);
    const name = shardsOf(healthy.views[0], kube)[1].master.pod;
    const before = healthy.views.find((v) => v.pod === name)!.self;
    const oldAddress = kube.pod(name).address;

    // WHEN the pod is deleted and the StatefulSet creates it again
    const start = Date.now();
    const pod = await kube.recreatePod(name);
    expect(pod.address).not.toEqual(oldAddress);

    // THEN every node knows the same node at the new address, and the cluster is healthy
    const healed = await waitForHealthyCluster(kube, 60_000);
    console.log(`re-created pod: cluster healthy ${secondsSince(start)} s after ${name} was deleted`);
    for (const view of healed.views) {
      const node = view.nodes.find((n) => n.id === before.id);
      expect({ pod: view.pod, ip: node?.ip }).toEqual({ pod: view.pod, ip: pod.address });
    }
  }, 120_000);

  test('full restart: every pod re-created with a new address, the cluster heals without the Job', async () => {
    const healthy = await waitForHealthyCluster(kube, 30_000);
    await waitForPersistenceIdle(kube, 30_000);
    const idOf = new Map(healthy.views.map((v) => [v.pod, v.self.id]));
    const oldAddresses = new Set(kube.currentPods().map((p) => p.address));

    // WHEN every pod is deleted at once and the StatefulSet creates them again
    const start = Date.now();
    await kube.recreateAllPods();
    const healed = await waitForHealthyCluster(kube, 90_000);
    console.log(`full restart: cluster healthy ${secondsSince(start)} s after the pods were deleted`);

    // THEN each pod kept its node (its volume), got a new address, and the shards are whole
    for (const view of healed.views) {
      expect({ pod: view.pod, id: view.self.id }).toEqual({ pod: view.pod, id: idOf.get(view.pod) });
      expect(oldAddresses.has(view.address)).toBe(false);
    }
    expect(topologyProblems(shardsOf(healed.views[0], kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);

    // AND the data written before is still there
    const { client } = newClient();
    const keys = [...written.keys()];
    expect(await Promise.all(keys.map((k) => client.get(k)))).toEqual(keys.map((k) => written.get(k)));
  }, 180_000);

  test('auth: a client without the password, or with a wrong one, is refused', async () => {
    const address = kube.pod(kube.podNames()[0]).address;
    // No password: the connection opens, every command is refused.
    const anonymous = await connectNode(address, port);
    clients.push(anonymous);
    await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
    // A wrong password: refused at AUTH, and commands stay refused.
    await expect(anonymous.call('AUTH', 'not-the-password')).rejects.toThrow(/WRONGPASS/);
    await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
    // The Secret's password works.
    expect(await nodeCommand(address, port, ['PING'], 3000, kube.redisPassword)).toBe('PONG');
  }, 30_000);

  test('planned stop: a master deleted on purpose hands over first; writes pause under a second, none lost', async () => {
    const healthy = await waitForHealthyCluster(kube, 60_000);
    await waitForPersistenceIdle(kube, 30_000);
    const shard = shardsOf(healthy.views[0], kube)[2];
    const victim = kube.pod(shard.master.pod);
    const victimNode = healthy.views.find((v) => v.pod === victim.name)!.self;
    const tag = hashTagIn(victimNode.slots);

    // GIVEN a cluster client writing to that master's slots every 20 ms
    const { client } = newClient();
    const writer = startWriter(client, `{${tag}}:planned`);
    await waitUntil('50 writes', async () => (writer.acknowledged.length >= 50 ? [] : `${writer.acknowledged.length} so far`), { timeoutMs: 20_000 });
    writer.resetGap();

    // WHEN its pod is deleted as kubectl delete pod does: the preStop hook, then SIGTERM
    const start = Date.now();
    await kube.deletePod(victim.name);
    const stoppedMs = Date.now() - start;
    await new Promise((r) => setTimeout(r, 1500));
    await writer.stop();
    const { acknowledged, longestGapMs } = writer;
    console.log(`planned stop: ${victim.name} stopped in ${stoppedMs} ms; longest write gap ${longestGapMs} ms over ${acknowledged.length} writes`);

    // THEN a replica took the slots before the master went away: writes barely paused
    const hook = kube.events.filter((e) => e.includes(`pod ${victim.name}: preStop hook exited`)).pop();
    expect(hook).toMatch(/preStop hook exited 0 .*this node is now a replica/s);
    expect(longestGapMs).toBeLessThanOrEqual(1000);
    // AND every acknowledged write is there
    const values = await Promise.all(acknowledged.map((k) => client.get(k)));
    expect(acknowledged.filter((_, i) => values[i] === null)).toEqual([]);

    // WHEN the StatefulSet creates the pod again, it rejoins as a replica of the new master
    await kube.createPod(victim.name);
    const rejoined = await waitForHealthyCluster(kube, 60_000);
    const self = rejoined.views.find((v) => v.pod === victim.name)!.self;
    expect(self.id).toEqual(victimNode.id);
    expect(self.role).toEqual('replica');
    expect(topologyProblems(shardsOf(rejoined.views[0], kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
  }, 180_000);
});

function expectSucceeded(result: JobResult): void {
  if (!result.succeeded) {
    throw new Error(`the Job failed (${result.reason}):\n${result.attempts.map((a) => `--- ${a.pod} exit ${a.exit.code}\n${a.output}`).join('\n')}`);
  }
}

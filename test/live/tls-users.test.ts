/**
 * TLS and ACL users together, on Redis 7.0: a cluster with TLS on every connection and the default
 * user off. The init Job forms it as the operator user over TLS, the probes and the preStop hook
 * connect as the node user over TLS, replicas sync as the replication user over TLS, and one reload
 * loop per pod applies both a renewed certificate and a rotated password without a restart; then
 * the whole cluster is rolled, pod by pod, under a client writing over TLS as an ACL user.
 */
import * as fs from 'fs';
import { App } from 'cdk8s';
import { Cluster } from 'ioredis';
import { RedisClusterChart, RedisClusterProps, RedisUsers } from '../../src';
import { fingerprint256, issueCertificate, KeyPair, makeCa, tlsSecretData } from '../_certificates';
import { hashTagIn } from '../_local-redis';
import { clientPort, shardsOf, waitForHealthyCluster, waitForPersistenceIdle } from './_cluster-health';
import { describeLive } from './_live';
import { nodeCommand, tlsClusterClient } from './_redis';
import { describeRollout, expectCleanRollout, rollOn } from './_rollout';
import { DEBIAN_REDIS_7_0, presentedCertificate } from './_tls-scenarios';
import { secondsSince, sleep, waitUntil } from './_wait';
import { startWriter } from './_writer';
import { LocalKube, synthesize, Synthesized } from './harness';

const PASSWORDS = { app: 'app-pass-1', appNext: 'app-pass-2', admin: 'admin-pass' };

const PROPS: RedisClusterProps = {
  image: DEBIAN_REDIS_7_0.image,
  tls: { secret: { secretName: 'redis-tls' } },
  defaultUser: false,
  users: [
    RedisUsers.readWriteApp('app', 'redis-app-user', { keys: ['app:*'], passwordKeys: ['password', 'password-next'] }),
    RedisUsers.admin('admin', 'redis-admin'),
  ],
};

describeLive('TLS with ACL users on Redis 7.0: one reload loop for certificates and passwords', () => {
  let synthesized: Synthesized;
  let kube: LocalKube;
  let port: number;
  let ca: KeyPair;
  let dnsNames: string[];
  const clients: Cluster[] = [];

  beforeAll(() => {
    dnsNames = new RedisClusterChart(new App(), 'redis-cluster', PROPS).cluster.tlsDnsNames();
    ca = makeCa();
    synthesized = synthesize(PROPS);
    kube = new LocalKube({
      manifests: synthesized.manifests,
      secrets: {
        'redis-auth': { password: 'default user password, unused while it is off' },
        'redis-internal-users': { replication: 'repl-pass', node: 'node-pass', operator: 'operator-pass' },
        'redis-app-user': { password: PASSWORDS.app },
        'redis-admin': { password: PASSWORDS.admin },
        'redis-tls': tlsSecretData(issueCertificate(ca, { dnsNames }), ca),
      },
      observer: { username: 'admin', password: PASSWORDS.admin },
    });
    port = clientPort(kube);
  });

  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await kube?.close();
    if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  });

  function appClient(password: string): Cluster {
    const seed = { host: kube.pod(kube.podNames()[0]).fqdn!, port };
    const { client } = tlsClusterClient(seed, (h) => kube.resolve(h), { ca: ca.cert }, password, { redisOptions: { enableReadyCheck: false } }, 'app');
    clients.push(client);
    return client;
  }

  test('the manifests run one reload loop with both passes', () => {
    const env = kube.statefulSet.spec!.template.spec!.containers[0].env!;
    const value = (name: string) => env.filter((e) => e.name === name).map((e) => e.value);
    expect(value('RELOADERS')).toEqual(['reload-acl.sh reload-tls.sh']);
    expect(value('RELOAD_INTERVAL_SECONDS')).toEqual(['2']);
    expect(value('REDIS_CLI_USER')).toEqual(['node']);
    expect(value('REDIS_TLS')).toEqual(['1']);
  });

  test('bootstrap: the Job forms the cluster as operator over TLS; probes pass as node over TLS; replicas sync', async () => {
    const start = Date.now();
    const job = kube.startJob();
    await kube.createPods();
    const result = await job.result(180_000);
    if (!result.succeeded) {
      throw new Error(`the Job failed (${result.reason}):\n${result.attempts.map((a) => a.output).join('\n')}`);
    }
    await waitForHealthyCluster(kube, 90_000);
    await waitUntil('every pod Ready', async () => kube.currentPods().filter((p) => !p.ready).map((p) => `${p.name} not Ready`), { timeoutMs: 20_000 });
    console.log(`TLS + users bootstrap: healthy, replicas in sync ${secondsSince(start)} s after the pods were created`);
    const pod = kube.currentPods()[0];
    expect(await nodeCommand(pod.address, port, ['ACL', 'WHOAMI'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls)).toBe('admin');
    expect(await nodeCommand(pod.address, port, ['CONFIG', 'GET', 'port'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls)).toEqual(['port', '0']);
  }, 240_000);

  test('data: the app user writes its keys over TLS with hostname verification, and is refused others', async () => {
    const client = appClient(PASSWORDS.app);
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.set(`app:${i}`, `v${i}`)));
    expect(await client.get('app:7')).toBe('v7');
    await expect(client.set('other:1', 'x')).rejects.toThrow(/NOPERM/);
  }, 60_000);

  test('rotation: a renewed certificate and a new password, applied by the same loop, no pod restarted', async () => {
    const pids = new Map(kube.currentPods().map((p) => [p.name, { pid: p.pid, restarts: p.restartCount }]));
    const renewed = issueCertificate(ca, { dnsNames });
    const start = Date.now();
    kube.updateSecret('redis-tls', tlsSecretData(renewed, ca));
    kube.updateSecret('redis-app-user', { 'password': PASSWORDS.app, 'password-next': PASSWORDS.appNext });
    const expected = fingerprint256(renewed.cert);
    await waitUntil('every node presenting the renewed certificate and accepting the new password', async () => {
      const stale: string[] = [];
      for (const pod of kube.currentPods()) {
        const seen = await presentedCertificate(pod.address, port, pod.fqdn!, ca.cert).catch((e: Error) => e.message);
        if (seen !== expected) stale.push(`${pod.name}: certificate ${seen}`);
        const auth = await nodeCommand(pod.address, port, ['AUTH', 'app', PASSWORDS.appNext], 3000, undefined, undefined, kube.redisTls)
          .then(String, (e: Error) => e.message);
        if (auth !== 'OK') stale.push(`${pod.name}: AUTH ${auth}`);
      }
      return stale;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    console.log(`TLS + users rotation: every node presents the renewed certificate and accepts the new password ${secondsSince(start)} s after the Secrets changed`);
    expect(new Map(kube.currentPods().map((p) => [p.name, { pid: p.pid, restarts: p.restartCount }]))).toEqual(pids);
    const logs = kube.currentPods().map((p) => p.logs()).join('\n');
    expect(logs).toMatch(/reload-tls: loaded the new certificate files/);
    expect(logs).not.toMatch(/reloader: .* failed/);
    const client = appClient(PASSWORDS.appNext);
    expect(await client.get('app:7')).toBe('v7');
    await waitForHealthyCluster(kube, 30_000);
  }, 120_000);

  test('planned stop: the preStop hook, as node over TLS, hands a master\'s slots over; no write lost', async () => {
    const healthy = await waitForHealthyCluster(kube, 60_000);
    await waitForPersistenceIdle(kube, 30_000);
    const shard = shardsOf(healthy.views[0], kube)[1];
    const victim = kube.pod(shard.master.pod);
    const tag = hashTagIn(healthy.views.find((v) => v.pod === victim.name)!.self.slots);
    const client = appClient(PASSWORDS.appNext);
    const writer = startWriter(client, `app:{${tag}}`);
    await waitUntil('50 writes', async () => (writer.acknowledged.length >= 50 ? [] : `${writer.acknowledged.length} so far`), { timeoutMs: 20_000 });
    writer.resetGap();
    await kube.deletePod(victim.name);
    await sleep(1500);
    await writer.stop();
    const hook = kube.events.filter((e) => e.includes(`pod ${victim.name}: preStop hook exited`)).pop();
    expect(hook).toMatch(/preStop hook exited 0 .*this node is now a replica/s);
    const values = await Promise.all(writer.acknowledged.map((k) => client.get(k)));
    expect(writer.acknowledged.filter((_, i) => values[i] === null)).toEqual([]);
    await kube.createPod(victim.name);
    const rejoined = await waitForHealthyCluster(kube, 90_000);
    expect(rejoined.views.find((v) => v.pod === victim.name)!.self.role).toEqual('replica');
  }, 180_000);

  test('rolling restart: every pod re-created over TLS, highest ordinal first, under a TLS writer; no write refused or lost', async () => {
    // WHEN every pod is rolled as `kubectl rollout restart` does, while the admin user writes
    // every 20 ms through a cluster client that speaks TLS and verifies each node's name
    const result = await rollOn(kube, 'Redis 7.0, TLS everywhere, ACL users (default user off)');
    console.log(describeRollout(result));
    // THEN no write was refused or lost, and no Ready pod reported the cluster not ok
    expectCleanRollout(result);
    // AND the app user's data from before is still there, read over TLS with the rotated password
    expect(await appClient(PASSWORDS.appNext).get('app:7')).toBe('v7');
  }, 300_000);
});

/**
 * The TLS scenarios, run for real: one cluster with TLS on every connection (clients, replication,
 * cluster bus), its certificates made with openssl and mounted from a Secret as the kubelet mounts
 * it, taken through bootstrap, refused clients, data through a cluster client that verifies
 * hostnames, two certificate rotations without restarts, a failover, a planned stop and a full
 * restart. Each scenario starts from, and ends with, a healthy cluster.
 *
 * The scenarios take the server to run, so that the same proof can run against every server the
 * project supports.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as tls from 'tls';
import { App } from 'cdk8s';
import Redis, { Cluster } from 'ioredis';
import { RedisClusterChart, RedisClusterProps } from '../../src';
import { fingerprint256, issueCertificate, KeyPair, makeCa, tlsSecretData } from '../_certificates';
import { hashTagIn } from '../_local-redis';
import {
  clientPort, observeCluster, shardsOf, topologyProblems, waitForClusterOk, waitForHealthyCluster, waitForPersistenceIdle, waitForPromotion,
} from './_cluster-health';
import { AUTH_SECRETS, missingLiveRequirements } from './_live';
import { missingServer, Server } from './_servers';
import { describeRequiring } from '../_requirements';
import { ClientTls, clusterLookup, nodeCommand, tlsClusterClient } from './_redis';
import { secondsSince, sleep, waitUntil } from './_wait';
import { startWriter } from './_writer';
import { JobResult, LocalKube, synthesize, Synthesized } from './harness';

/** A server the live scenarios run: the image the chart names, and a label for test names. */
export interface LiveServer {
  readonly label: string;
  /** The chart's `image` prop (it decides which directives the checks allow). */
  readonly image: string;
  /**
   * The server of the matrix that runs the image, when it is not Debian's Redis: the scenarios
   * then need it installed (scripts/install-servers.sh).
   * @default - Debian's redis-server, which the live tests need anyway
   */
  readonly server?: Server;
}

/** Debian 12's Redis, which the machine runs as redis-server. */
export const DEBIAN_REDIS_7_0: LiveServer = { label: 'Redis 7.0', image: 'redis:7.0.15-bookworm' };

const SHARDS = 3;
const REPLICAS_PER_SHARD = 1;
const TLS_SECRET = 'redis-tls';

/** The chart's props for these scenarios: the defaults plus TLS from a Secret. */
export function tlsProps(server: LiveServer, reloadIntervalSeconds?: number): RedisClusterProps {
  return { image: server.image, tls: { secret: { secretName: TLS_SECRET }, reloadIntervalSeconds } };
}

/** What `tls.connect` to one node presents: the certificate's fingerprint, or the error. */
export async function presentedCertificate(address: string, port: number, servername: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: address, port, servername, ca, timeout: 3000 }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.destroy();
      resolve(fingerprint);
    });
    socket.once('error', (e) => {
      socket.destroy();
      reject(e);
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no TLS handshake with ${address}:${port} within 3 s`));
    });
  });
}

/** Sends PING in plain text; resolves with what came back before the server closed (or 2 s). */
export async function plainTextPing(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = net.connect({ host: address, port }, () => socket.write('PING\r\n'));
    const done = () => {
      socket.destroy();
      resolve(reply);
    };
    socket.on('data', (d) => {
      reply += d.toString('latin1');
    });
    socket.once('close', done);
    socket.once('error', done);
    setTimeout(done, 2000).unref();
  });
}

/** Defines the TLS scenarios for `server` (a `describe` block of ordered tests). */
export function describeTlsScenarios(server: LiveServer): void {
  const missing = [...missingLiveRequirements(), ...(server.server ? missingServer(server.server) : [])];
  describeRequiring(missing, 'The live tests need what test/live/README.md lists, and scripts/install-servers.sh for Redis 8.0 and Valkey 8.1.')(
    `TLS everywhere, certificates rotated without restarts (${server.label})`, () => {
      let synthesized: Synthesized;
      let kube: LocalKube;
      let port: number;
      let ca: KeyPair;
      let dnsNames: string[];
      const clients: Array<Redis | Cluster> = [];
      const written = new Map<string, string>();

      const clientTls = (): ClientTls => ({ ca: kube.redisTls!.ca });
      const seedName = () => kube.pod(kube.podNames()[0]).fqdn!;

      beforeAll(() => {
        const props = tlsProps(server);
        dnsNames = new RedisClusterChart(new App(), 'redis-cluster', props).cluster.tlsDnsNames();
        ca = makeCa();
        const pair = issueCertificate(ca, { dnsNames });
        synthesized = synthesize(props);
        kube = new LocalKube({ manifests: synthesized.manifests, secrets: { ...AUTH_SECRETS, [TLS_SECRET]: tlsSecretData(pair, ca) } });
        port = clientPort(kube);
      });

      afterAll(async () => {
        clients.forEach((c) => c.disconnect());
        await kube?.close();
        if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
      });

      function newClient() {
        const { client, verifiedNames } = tlsClusterClient({ host: seedName(), port }, (h) => kube.resolve(h), clientTls(), kube.redisPassword);
        clients.push(client);
        return { client, verifiedNames };
      }

      /** Waits until every node presents `pem` to new connections; returns the seconds it took. */
      async function waitForPresented(pem: string, since: number, timeoutMs: number): Promise<number> {
        const expected = fingerprint256(pem);
        await waitUntil('every node presenting the new certificate', async () => {
          const stale: string[] = [];
          for (const pod of kube.currentPods()) {
            const seen = await presentedCertificate(pod.address, port, pod.fqdn!, clientTls().ca).catch((e: Error) => e.message);
            if (seen !== expected) stale.push(`${pod.name}: ${seen}`);
          }
          return stale;
        }, { timeoutMs, intervalMs: 200 });
        return secondsSince(since);
      }

      test('bootstrap: the pods and the init Job form the cluster over TLS; the probes pass over TLS', async () => {
        const start = Date.now();
        const job = kube.startJob();
        await kube.createPods();
        expectSucceeded(await job.result(120_000));
        const healthy = await waitForHealthyCluster(kube, 60_000);
        console.log(`TLS bootstrap (${server.label}): cluster healthy, replicas in sync ${secondsSince(start)} s after the pods were created`);
        for (const view of healthy.views) {
          expect(view.info).toMatchObject({ cluster_state: 'ok', cluster_slots_assigned: '16384', cluster_known_nodes: '6' });
          expect(topologyProblems(shardsOf(view, kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
        }
        await waitUntil('every pod Ready', async () => kube.currentPods().filter((p) => !p.ready).map((p) => `${p.name} not Ready`), { timeoutMs: 15_000 });

        // AND replication and the cluster bus run over TLS: the config says so, and nothing listens in plain text
        const pod = kube.currentPods()[0];
        const config = await nodeCommand(pod.address, port, ['CONFIG', 'GET', 'tls-*'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls) as string[];
        const settings = Object.fromEntries(config.flatMap((v, i) => (i % 2 === 0 ? [[v, config[i + 1]]] : [])));
        expect(settings).toMatchObject({ 'tls-port': String(port), 'tls-replication': 'yes', 'tls-cluster': 'yes', 'tls-auth-clients': 'no' });
        expect(await nodeCommand(pod.address, port, ['CONFIG', 'GET', 'port'], 3000, kube.redisPassword, kube.redisUsername, kube.redisTls)).toEqual(['port', '0']);
      }, 180_000);

      test('refused: a client without TLS, one that trusts another CA, and one that expects another name', async () => {
        const pod = kube.currentPods()[0];
        // Plain text on the TLS port gets no reply.
        expect(await plainTextPing(pod.address, port)).not.toContain('PONG');
        // A CA that did not sign the certificate: the client refuses the server.
        await expect(presentedCertificate(pod.address, port, pod.fqdn!, makeCa('another CA').cert)).rejects.toThrow(/certificate/i);
        // A name the certificate does not cover: hostname verification fails.
        await expect(presentedCertificate(pod.address, port, 'redis.example.com', clientTls().ca)).rejects.toThrow(/Hostname\/IP does not match/);
        // The right CA and the pod's name: accepted.
        expect(await presentedCertificate(pod.address, port, pod.fqdn!, clientTls().ca)).toMatch(/^[0-9A-F:]+$/);
      }, 30_000);

      test('data: a cluster client verifying hostnames writes and reads; a MOVED redirect leads to a name the certificate covers', async () => {
        const { client, verifiedNames } = newClient();
        const keys = Array.from({ length: 300 }, (_, i) => `user:${i}`);
        await Promise.all(keys.map((k, i) => client.set(k, `value-${i}`)));
        expect(await Promise.all(keys.map((k) => client.get(k)))).toEqual(keys.map((_, i) => `value-${i}`));
        keys.forEach((k, i) => written.set(k, `value-${i}`));
        // THEN the client verified the certificate against every master's FQDN, as the nodes announce them
        const masters = shardsOf((await observeCluster(kube)).views[0], kube).map((s) => kube.pod(s.master.pod));
        for (const master of masters) {
          expect(verifiedNames).toContain(master.fqdn);
        }

        // WHEN a plain connection to the seed asks for a key another master serves
        const view = (await observeCluster(kube)).views.find((v) => v.pod === kube.podNames()[0])!;
        const other = shardsOf(view, kube).find((s) => s.master.pod !== view.pod && s.replicas.every((r) => r.pod !== view.pod))!;
        const otherSlots = view.nodes.find((n) => n.id === other.master.id)!.slots;
        const key = `{${hashTagIn(otherSlots)}}:moved`;
        // One connection to one node, over TLS, verifying the name it is reached by.
        const nodeClient = (host: string, nodePort: number): Redis => {
          const node = new Redis({
            host,
            port: nodePort,
            password: kube.redisPassword,
            lazyConnect: true,
            retryStrategy: () => null,
            maxRetriesPerRequest: 0,
            disconnectTimeout: 50,
            tls: { ca: clientTls().ca, lookup: clusterLookup((h) => kube.resolve(h)) as any },
          });
          node.on('error', () => undefined);
          clients.push(node);
          return node;
        };
        const seed = nodeClient(seedName(), port);
        await seed.connect();
        const moved = await seed.get(key).then(() => '', (e: Error) => e.message);
        // THEN the redirect names the other master's FQDN, and a TLS connection to that name verifies
        const target = /^MOVED \d+ (.+):(\d+)$/.exec(moved);
        expect(target?.[1]).toEqual(kube.pod(other.master.pod).fqdn);
        const redirected = nodeClient(target![1], Number(target![2]));
        await redirected.connect();
        expect(await redirected.set(key, 'after MOVED')).toBe('OK');
        expect(await client.get(key)).toBe('after MOVED');
      }, 60_000);

      test('rotation: a renewed certificate (same CA, new key) is loaded by every node without a restart', async () => {
        await waitForHealthyCluster(kube, 30_000);
        const pids = new Map(kube.currentPods().map((p) => [p.name, { pid: p.pid, restarts: p.restartCount }]));
        const renewed = issueCertificate(ca, { dnsNames });

        // WHEN the Secret gets the renewed certificate, as cert-manager writes it
        const start = Date.now();
        kube.updateSecret(TLS_SECRET, tlsSecretData(renewed, ca));

        // THEN within the reload interval every node presents it to new connections
        const seconds = await waitForPresented(renewed.cert, start, 60_000);
        console.log(`TLS rotation (${server.label}): every node presents the renewed certificate ${seconds} s after the Secret changed`);
        // AND no container was restarted, and the cluster stays healthy
        expect(new Map(kube.currentPods().map((p) => [p.name, { pid: p.pid, restarts: p.restartCount }]))).toEqual(pids);
        await waitForHealthyCluster(kube, 30_000);
        expect(kube.currentPods().map((p) => p.logs()).join('\n')).toMatch(/reload-tls: loaded the new certificate files/);
      }, 120_000);

      test('rotation: a new CA and certificate together are loaded without a restart; clients of the new CA connect', async () => {
        const pids = new Map(kube.currentPods().map((p) => [p.name, p.pid]));
        const newCa = makeCa('redis-cluster test CA 2');
        const pair = issueCertificate(newCa, { dnsNames });
        const start = Date.now();
        kube.updateSecret(TLS_SECRET, tlsSecretData(pair, newCa));
        ca = newCa;
        const seconds = await waitForPresented(pair.cert, start, 60_000);
        console.log(`TLS CA rotation (${server.label}): every node presents the new certificate ${seconds} s after the Secret changed`);
        expect(new Map(kube.currentPods().map((p) => [p.name, p.pid]))).toEqual(pids);

        // THEN a client of the new CA works, and the init Job (re-run with the new files) finds the cluster whole
        const { client } = newClient();
        expect(await client.get('user:1')).toBe('value-1');
        const result = await kube.startJob().result(120_000);
        expectSucceeded(result);
        expect(result.attempts[0].output).toContain('already exists');
        await waitForHealthyCluster(kube, 30_000);
      }, 180_000);

      test('failover: a killed master is replaced over TLS, and rejoins as a replica', async () => {
        const healthy = await waitForHealthyCluster(kube, 30_000);
        const shard = shardsOf(healthy.views[0], kube)[0];
        const victim = kube.pod(shard.master.pod);
        const victimId = healthy.views.find((v) => v.pod === victim.name)!.self.id;
        const crashedAt = Date.now();
        await victim.crash('SIGKILL');
        const promoted = await waitForPromotion(kube, shard, 60_000);
        await waitForClusterOk(kube, kube.currentPods().filter((p) => p !== victim), 30_000);
        console.log(`TLS failover (${server.label}): ${promoted} promoted and cluster ok ${secondsSince(crashedAt)} s after ${victim.name} was killed`);

        await victim.startContainer();
        const rejoined = await waitForHealthyCluster(kube, 60_000);
        const self = rejoined.views.find((v) => v.pod === victim.name)!.self;
        expect(self.id).toEqual(victimId);
        expect(self.role).toEqual('replica');
        expect(self.masterId).toEqual(rejoined.views.find((v) => v.pod === promoted)!.self.id);
      }, 180_000);

      test('planned stop: the preStop hook hands a master\'s slots over TLS; writes pause under a second, none lost', async () => {
        const healthy = await waitForHealthyCluster(kube, 60_000);
        await waitForPersistenceIdle(kube, 30_000);
        const shard = shardsOf(healthy.views[0], kube)[2];
        const victim = kube.pod(shard.master.pod);
        const tag = hashTagIn(healthy.views.find((v) => v.pod === victim.name)!.self.slots);
        const { client } = newClient();
        const writer = startWriter(client, `{${tag}}:planned`);
        await waitUntil('50 writes', async () => (writer.acknowledged.length >= 50 ? [] : `${writer.acknowledged.length} so far`), { timeoutMs: 20_000 });
        writer.resetGap();

        await kube.deletePod(victim.name);
        await sleep(1500);
        await writer.stop();
        console.log(`TLS planned stop (${server.label}): longest write gap ${writer.longestGapMs} ms over ${writer.acknowledged.length} writes`);
        const hook = kube.events.filter((e) => e.includes(`pod ${victim.name}: preStop hook exited`)).pop();
        expect(hook).toMatch(/preStop hook exited 0 .*this node is now a replica/s);
        expect(writer.longestGapMs).toBeLessThanOrEqual(1000);
        const values = await Promise.all(writer.acknowledged.map((k) => client.get(k)));
        expect(writer.acknowledged.filter((_, i) => values[i] === null)).toEqual([]);

        await kube.createPod(victim.name);
        const rejoined = await waitForHealthyCluster(kube, 60_000);
        expect(rejoined.views.find((v) => v.pod === victim.name)!.self.role).toEqual('replica');
      }, 180_000);

      test('full restart: every pod re-created with a new address heals over TLS, data intact', async () => {
        await waitForHealthyCluster(kube, 30_000);
        await waitForPersistenceIdle(kube, 30_000);
        const start = Date.now();
        await kube.recreateAllPods();
        const healed = await waitForHealthyCluster(kube, 90_000);
        console.log(`TLS full restart (${server.label}): cluster healthy ${secondsSince(start)} s after the pods were deleted`);
        expect(topologyProblems(shardsOf(healed.views[0], kube), SHARDS, REPLICAS_PER_SHARD, kube.podNames())).toEqual([]);
        const { client } = newClient();
        const keys = [...written.keys()];
        expect(await Promise.all(keys.map((k) => client.get(k)))).toEqual(keys.map((k) => written.get(k)));
      }, 180_000);
    });
}

function expectSucceeded(result: JobResult): void {
  if (!result.succeeded) {
    throw new Error(`the Job failed (${result.reason}):\n${result.attempts.map((a) => `--- ${a.pod} exit ${a.exit.code}\n${a.output}`).join('\n')}`);
  }
}

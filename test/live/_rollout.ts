/**
 * A rolling restart as `kubectl rollout restart statefulset` performs it, under a writing client:
 * every pod, highest ordinal first, each deleted (preStop hook, SIGTERM) and created again with a
 * new address, the next one only once the re-created pod is Ready. Written as a function of the
 * server and the chart's props, so that the same scenario runs on every server the live tests
 * know (the harness options choose the server; the props choose the image and the topology).
 */
import * as fs from 'fs';
import { clientPort, healthProblems, observeCluster, waitForHealthyCluster, waitForPersistenceIdle } from './_cluster-health';
import { AUTH_SECRETS } from './_live';
import { clusterClient, nodeCommand, parseInfo, tlsClusterClient } from './_redis';
import { sleep, waitUntil } from './_wait';
import { startWriter } from './_writer';
import { LocalKube, LocalKubeOptions, synthesize } from './harness';
import type { RedisClusterProps } from '../../src';

/** What to roll: a chart and the server that runs it. */
export interface RolloutTarget {
  /** Names the target in messages (e.g. the server and version). */
  readonly name: string;
  /**
   * Props of the chart (image, shards, replicasPerShard, auth ...).
   * @default - the default chart
   */
  readonly props?: RedisClusterProps;
  /**
   * Options of the harness beyond the manifests (the server's container args, Secrets ...).
   * @default - the Secret of the default chart's password
   */
  readonly kube?: Omit<LocalKubeOptions, 'manifests'>;
}

/** One pod of the rollout. */
export interface RolloutStep {
  readonly pod: string;
  /** From the deletion to the re-created pod being Ready. */
  readonly readyMs: number;
  /** From the deletion to a healthy cluster (every node in agreement, replicas in sync). */
  readonly healthyMs: number;
  /** How long the preStop hook took, and what it said. */
  readonly preStop: string;
}

export interface RolloutResult {
  readonly target: string;
  readonly pods: number;
  /** From the first deletion to the last pod healthy. */
  readonly durationMs: number;
  readonly steps: readonly RolloutStep[];
  /** Writes acknowledged during the rollout. */
  readonly acknowledged: number;
  /** Writes that failed after the client's retries, and the first errors. */
  readonly failedWrites: number;
  readonly writeErrors: readonly string[];
  /** Acknowledged writes missing afterwards. */
  readonly lostWrites: readonly string[];
  /** Longest time between two acknowledged writes, written every 20 ms. */
  readonly longestGapMs: number;
  /**
   * Each time a Ready pod reported a cluster that was not ok, sampled every 200 ms through the
   * rollout: what a client sent to a Ready pod would have been refused with.
   */
  readonly notOkSamples: readonly string[];
  /** Pods whose node id changed (they should keep their volume, hence their node). */
  readonly changedNodes: readonly string[];
  /** Pods that came back at an address they had before. */
  readonly reusedAddresses: readonly string[];
}

/**
 * Bootstraps `target`, writes through a cluster client every 20 ms, rolls every pod, and reports
 * what the client saw. Everything it starts is stopped before it returns.
 */
export async function rollingRestart(target: RolloutTarget): Promise<RolloutResult> {
  const synthesized = synthesize(target.props ?? {});
  const kube = new LocalKube({ secrets: AUTH_SECRETS, ...target.kube, manifests: synthesized.manifests });
  try {
    const job = kube.startJob();
    await kube.createPods();
    const bootstrapped = await job.result(120_000);
    if (!bootstrapped.succeeded) {
      throw new Error(`${target.name}: the init Job failed (${bootstrapped.reason}):\n${job.output().split('\n').slice(-30).join('\n')}`);
    }
    return await rollOn(kube, target.name);
  } finally {
    await kube.close();
    fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  }
}

/**
 * Rolls every pod of a formed cluster under a writing client, once it is healthy and every pod is
 * Ready; see `rollingRestart`.
 */
export async function rollOn(kube: LocalKube, name: string): Promise<RolloutResult> {
  const port = clientPort(kube);
  const before = await waitForHealthyCluster(kube, 60_000);
  await waitUntil('every pod Ready', async () => kube.currentPods().filter((p) => !p.ready).map((p) => `${p.name} not Ready`), { timeoutMs: 30_000 });
  const idOf = new Map(before.views.map((v) => [v.pod, v.self.id]));
  const addressesOf = new Map(kube.currentPods().map((p) => [p.name, new Set([p.address])]));
  // The client speaks what the manifests ask for: TLS (verifying each node's name) when they turn
  // it on, and the tests' observer user when the default user is off.
  const seed = { host: kube.pod(kube.podNames()[0]).fqdn!, port };
  const { client } = kube.redisTls
    ? tlsClusterClient(seed, (h) => kube.resolve(h), kube.redisTls, kube.redisPassword, {}, kube.redisUsername)
    : clusterClient(seed, (h) => kube.resolve(h), {}, kube.redisPassword, kube.redisUsername);

  // Every 200 ms, every Ready pod is asked for cluster_state: none may say anything but ok.
  const notOkSamples: string[] = [];
  /** The pod being deleted: Kubernetes takes a terminating pod out of its endpoints at once. */
  let terminating: string | undefined;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await Promise.all(kube.currentPods().filter((p) => p.ready && p.name !== terminating).map(async (pod) => {
        try {
          const info = parseInfo(String(await nodeCommand(pod.address, port, ['CLUSTER', 'INFO'], 2000, kube.redisPassword, kube.redisUsername, kube.redisTls)));
          if (info.cluster_state !== 'ok' && pod.ready && pod.name !== terminating) notOkSamples.push(`${time()} ${pod.name} (Ready): cluster_state ${info.cluster_state}`);
        } catch (e) {
          if (pod.ready && pod.running && pod.name !== terminating) notOkSamples.push(`${time()} ${pod.name} (Ready): ${(e as Error).message}`);
        }
      }));
      await sleep(200);
    }
  })();

  const writer = startWriter(client, `rollout:${Date.now().toString(36)}`);
  const steps: RolloutStep[] = [];
  let durationMs = 0;
  try {
    // A loaded machine can make this slow; the bound is generous, the count modest.
    await waitUntil('20 writes', async () => (writer.acknowledged.length >= 20 ? [] : `${writer.acknowledged.length} so far`), { timeoutMs: 90_000 });
    writer.resetGap();
    const start = Date.now();
    for (const podName of [...kube.podNames()].reverse()) {
      // A replica that has just synced writes its first AOF; the scenario measures the rollout,
      // not that (shutdown-on-sigterm force bounds it anyway).
      await waitForPersistenceIdle(kube, 30_000);
      const stepStart = Date.now();
      terminating = podName;
      await kube.deletePod(podName);
      terminating = undefined;
      const pod = await kube.createPod(podName);
      addressesOf.get(podName)?.add(pod.address);
      await waitUntil(`${podName} Ready again`, async () => (pod.ready ? [] : `${podName} is not Ready`), { timeoutMs: 60_000, intervalMs: 50 })
        .catch((e) => { throw new Error(`${name}: ${(e as Error).message}\n${kube.describe()}\n${tail(pod.logs())}`); });
      const readyMs = Date.now() - stepStart;
      await waitForHealthyCluster(kube, 30_000);
      const hook = kube.events.filter((e) => e.includes(`pod ${podName}: preStop hook exited`)).pop() ?? '(no preStop hook ran)';
      steps.push({ pod: podName, readyMs, healthyMs: Date.now() - stepStart, preStop: hook.replace(/^.*?preStop hook exited/, 'exited') });
    }
    durationMs = Date.now() - start;
    await sleep(500);
  } finally {
    await writer.stop();
    sampling = false;
    await sampler;
  }

  try {
    const acknowledged = writer.acknowledged;
    const values = await Promise.all(acknowledged.map((k) => client.get(k)));
    const after = await observeCluster(kube);
    const problems = healthProblems(kube, after);
    if (problems.length > 0) throw new Error(`${name}: the cluster is not healthy after the rollout:\n  ${problems.join('\n  ')}`);
    const reused = [...addressesOf].filter(([, seen]) => seen.size !== 2).map(([pod]) => pod);
    return {
      target: name,
      pods: kube.podNames().length,
      durationMs,
      steps,
      acknowledged: acknowledged.length,
      failedWrites: writer.failures.length,
      writeErrors: writer.failures.slice(0, 10),
      lostWrites: acknowledged.filter((_, i) => values[i] === null),
      longestGapMs: writer.longestGapMs,
      notOkSamples,
      changedNodes: after.views.filter((v) => v.self.id !== idOf.get(v.pod)).map((v) => v.pod),
      reusedAddresses: reused,
    };
  } finally {
    client.disconnect();
  }
}

/**
 * What every rollout must show: no refused write, no lost write, no Ready pod reporting a cluster
 * that is not ok, every pod replaced at a new address with its node kept, and every master handing
 * its slots over before it stopped.
 */
export function expectCleanRollout(result: RolloutResult): void {
  // THEN the client never saw a refused write, and kept every acknowledged one
  expect({ failed: result.failedWrites, errors: result.writeErrors }).toEqual({ failed: 0, errors: [] });
  expect(result.lostWrites).toEqual([]);
  // AND no Ready pod ever reported a cluster that was not ok
  expect(result.notOkSamples).toEqual([]);
  // AND every pod was replaced, highest ordinal first, with a new address, and kept its node (its volume)
  expect(result.steps.map((s) => s.pod)).toEqual([...Array(result.pods).keys()].reverse().map((i) => `redis-app-${i}`));
  expect(result.reusedAddresses).toEqual([]);
  expect(result.changedNodes).toEqual([]);
  // AND every master handed its slots over before it stopped: no hook stopped as a master
  for (const step of result.steps) {
    expect({ pod: step.pod, preStop: step.preStop }).toEqual({ pod: step.pod, preStop: expect.stringMatching(/^exited 0 /) });
    expect(step.preStop).not.toContain('stopping as a master');
  }
  expect(result.acknowledged).toBeGreaterThan(50);
}

/** The outcome in a few lines, for a test's log and the benchmark. */
export function describeRollout(r: RolloutResult): string {
  return [
    `${r.target}: rolled ${r.pods} pods in ${(r.durationMs / 1000).toFixed(1)} s; ${r.acknowledged} writes acknowledged, `
      + `${r.failedWrites} failed, ${r.lostWrites.length} lost; longest write gap ${r.longestGapMs} ms; `
      + `${r.notOkSamples.length} not-ok samples from Ready pods`,
    ...r.steps.map((s) => `  ${s.pod}: Ready ${s.readyMs} ms, healthy ${s.healthyMs} ms after deletion; preStop ${s.preStop.slice(0, 160)}`),
    ...r.writeErrors.map((e) => `  write error ${e}`),
    ...r.notOkSamples.slice(0, 10).map((s) => `  ${s}`),
  ].join('\n');
}

function time(): string {
  return new Date().toISOString().slice(11, 23);
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}

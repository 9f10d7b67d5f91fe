/**
 * The init Job when the pods are not there: Kubernetes may start it before the StatefulSet's pods,
 * and the pods may never come (no capacity, a bad image). It must wait for them, bounded, and say
 * what it waited for.
 */
import * as fs from 'fs';
import { waitForHealthyCluster } from './_cluster-health';
import { describeLive, AUTH_SECRETS } from './_live';
import { secondsSince, waitUntil } from './_wait';
import { LocalKube, synthesize, Synthesized } from './harness';

describeLive('the init Job', () => {
  let synthesized: Synthesized;
  let kube: LocalKube | undefined;

  beforeAll(() => {
    synthesized = synthesize();
  });

  afterEach(async () => {
    await kube?.close();
    kube = undefined;
  });

  afterAll(() => {
    if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  });

  test('started before any pod exists, it waits, then forms the cluster once the pods come', async () => {
    kube = new LocalKube({ manifests: synthesized.manifests, secrets: AUTH_SECRETS });
    const cluster = kube;

    // GIVEN the Job runs while no pod exists
    const job = cluster.startJob();
    await waitUntil('the Job to report what it waits for', async () => (job.output().includes('still waiting for:') ? [] : 'no report yet'), { timeoutMs: 20_000 });
    expect(job.attempts).toEqual([]);

    // WHEN the pods come
    const start = Date.now();
    await cluster.createPods();

    // THEN its first pod forms the cluster
    const result = await job.result(120_000);
    expect({ succeeded: result.succeeded, attempts: result.attempts.length }).toEqual({ succeeded: true, attempts: 1 });
    await waitForHealthyCluster(cluster, 30_000);
    console.log(`Job before pods: cluster healthy ${secondsSince(start)} s after the pods were created`);
  }, 180_000);

  test('with pods that never come, it fails long before its deadline, naming the pods it waited for', async () => {
    kube = new LocalKube({ manifests: synthesized.manifests, secrets: AUTH_SECRETS });
    const spec = synthesized.manifests.job().spec!;
    // The Job's args: --cluster-replicas N, then every node's host:port.
    const nodes = spec.template.spec!.containers[0].args!.filter((arg) => /:\d+$/.test(arg));
    expect(nodes).toHaveLength(6);

    // WHEN the Job runs, with a short wait, and no pod ever exists
    const result = await kube.startJob({ env: { WAIT_TIMEOUT_SECONDS: '2' } }).result(120_000);

    // THEN every attempt fails on its own timeout, naming every node it waited for
    expect(result.succeeded).toBe(false);
    expect(result.reason).toEqual('BackoffLimitExceeded');
    expect(result.attempts).toHaveLength(spec.backoffLimit! + 1);
    for (const attempt of result.attempts) {
      expect(attempt.exit.code).toEqual(1);
      const failure = attempt.output.split('\n').find((l) => l.includes('FAILED')) ?? attempt.output;
      expect(failure).toContain('still do not answer PING');
      for (const node of nodes) {
        expect(failure).toContain(node);
      }
    }
    // AND the Job as a whole fails well within activeDeadlineSeconds
    expect(result.durationMs).toBeLessThan(spec.activeDeadlineSeconds! * 1000);
  }, 120_000);
});

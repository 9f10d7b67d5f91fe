/**
 * The emulation itself: a pod must look, from inside, as the pod spec says, and names must
 * resolve by Kubernetes' endpoint rules. If these break, the scenario tests prove nothing.
 */
import * as fs from 'fs';
import { Service } from 'kubernetes-models/v1';
import { describeLive, AUTH_SECRETS } from './_live';
import { waitUntil } from './_wait';
import { LocalKube, synthesize, Synthesized } from './harness';

describeLive('the live harness', () => {
  const synthesized: Synthesized[] = [];
  let kube: LocalKube | undefined;

  afterEach(async () => {
    await kube?.close();
    kube = undefined;
  });

  afterAll(() => {
    synthesized.forEach((s) => fs.rmSync(s.outdir, { recursive: true, force: true }));
  });

  function start(mutate: (services: Service[]) => void = () => undefined): LocalKube {
    const s = synthesize();
    synthesized.push(s);
    mutate(s.manifests.services());
    // A lone node is not Ready until it has joined a cluster; these tests are about the emulation,
    // so their pods are Ready once Redis answers (the startup probe's test).
    const container = s.manifests.statefulSet().spec!.template.spec!.containers[0];
    container.readinessProbe!.exec!.command = container.startupProbe!.exec!.command;
    kube = new LocalKube({ manifests: s.manifests, secrets: AUTH_SECRETS });
    return kube;
  }

  test('a pod runs its container with the spec\'s user, hostname, env and mounts, and its own loopback', async () => {
    const cluster = start();
    const pod = await cluster.createPod('redis-app-0');
    await waitUntil('the pod Ready', async () => (pod.ready ? [] : 'not Ready'), { timeoutMs: 15_000 });

    const result = await pod.exec(['sh', '-c', [
      'echo "user $(id -u):$(id -g) groups $(id -G)"',
      'echo "hostname $(hostname)"',
      'echo "env $POD_NAME $POD_IP"',
      'echo "resolves $(getent hosts "$POD_NAME.$POD_DOMAIN" | cut -d" " -f1)"',
      'touch /etc/redis/probe.sh 2>/dev/null && echo "config rw" || echo "config ro"',
      'touch /harness-write-test 2>/dev/null && echo "root rw" || echo "root ro"',
      'touch /data/harness-write-test && echo "data rw"',
      'echo "loopback $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping)"',
    ].join('; ')], 10_000);

    expect(result.output.split('\n').filter((l) => l !== '')).toEqual([
      'user 999:999 groups 999',
      'hostname redis-app-0',
      `env redis-app-0 ${pod.address}`,
      `resolves ${pod.address}`,
      'config ro',
      'root ro',
      'data rw',
      'loopback PONG',
    ]);
    // AND the server process itself runs as the pod's user
    expect(fs.statSync(`/proc/${pod.pid}`).uid).toEqual(999);
  }, 60_000);

  test('with publishNotReadyAddresses, a pod resolves as soon as it has an address', async () => {
    const cluster = start();
    const pod = await cluster.createPod('redis-app-1');
    expect(pod.ready).toBe(false);
    expect(cluster.resolve(pod.fqdn!)).toEqual(pod.address);
  }, 60_000);

  test('without publishNotReadyAddresses, a pod resolves only while it is Ready', async () => {
    // GIVEN the headless Service without publishNotReadyAddresses
    const cluster = start((services) => {
      services.filter((s) => s.spec?.clusterIP === 'None').forEach((s) => delete s.spec!.publishNotReadyAddresses);
    });

    // WHEN a pod starts, THEN it resolves once its readiness probe passes
    const pod = await cluster.createPod('redis-app-1');
    expect(cluster.resolve(pod.fqdn!)).toBeUndefined();
    await waitUntil('the pod published', async () => (cluster.resolve(pod.fqdn!) ? [] : 'not published'), { timeoutMs: 15_000 });
    expect(pod.ready).toBe(true);

    // WHEN its container dies, THEN it is no longer Ready and no longer resolves
    await pod.crash();
    expect(pod.ready).toBe(false);
    expect(cluster.resolve(pod.fqdn!)).toBeUndefined();
  }, 60_000);
});

/**
 * The emulation itself: a pod must look, from inside, as the pod spec says, and names must
 * resolve by Kubernetes' endpoint rules. If these break, the scenario tests prove nothing.
 */
import * as fs from 'fs';
import { Service } from 'kubernetes-models/v1';
import { issueCertificate, makeCa, tlsSecretData } from '../_certificates';
import { describeLive, AUTH_SECRETS } from './_live';
import { DEBIAN_REDIS_7_0, tlsProps } from './_tls-scenarios';
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

  test('a Secret volume is projected as the kubelet does, and an update swaps every file at once', async () => {
    // GIVEN manifests that mount the certificate Secret (mode 0440, fsGroup 999)
    const s = synthesize(tlsProps(DEBIAN_REDIS_7_0));
    synthesized.push(s);
    const ca = makeCa();
    const first = issueCertificate(ca, { dnsNames: ['*.redis-service.redis.svc.cluster.local'] });
    kube = new LocalKube({ manifests: s.manifests, secrets: { ...AUTH_SECRETS, 'redis-tls': tlsSecretData(first, ca) } });
    const pod = await kube.createPod('redis-app-0');
    await waitUntil('the pod Ready', async () => (pod.ready ? [] : 'not Ready'), { timeoutMs: 15_000 });
    const look = async () => (await pod.exec(['sh', '-c', [
      'cd /etc/redis-tls',
      'echo "data $(readlink ..data)"',
      'echo "link $(readlink tls.key)"',
      'echo "key $(stat -L -c %a:%u:%g tls.key)"',
      'cat tls.key tls.crt ca.crt >/dev/null && echo "readable by $(id -u)"',
      'touch x 2>/dev/null && echo rw || echo ro',
      'ls -a | tr "\\n" " "',
    ].join('; ')], 10_000)).output.trim().split('\n');

    // THEN each file is a symlink through ..data to a timestamped folder, root-owned, group 999, 0440
    const before = await look();
    expect(before[0]).toMatch(/^data \.\.\d{4}_\d\d_\d\d_/);
    expect(before.slice(1, 5)).toEqual(['link ..data/tls.key', 'key 440:0:999', 'readable by 999', 'ro']);
    expect((await pod.exec(['cat', '/etc/redis-tls/tls.crt'], 5000)).output).toEqual(first.cert);

    // WHEN the Secret changes, THEN ..data points to a new folder holding the new files, and the old one is gone
    const second = issueCertificate(ca, { dnsNames: ['*.redis-service.redis.svc.cluster.local'] });
    kube.updateSecret('redis-tls', tlsSecretData(second, ca));
    const after = await look();
    expect(after[0]).not.toEqual(before[0]);
    expect(after[5].split(' ').filter((e) => e !== '').sort())
      .toEqual(['.', '..', '..data', after[0].slice('data '.length), 'ca.crt', 'tls.crt', 'tls.key'].sort());
    expect((await pod.exec(['cat', '/etc/redis-tls/tls.crt'], 5000)).output).toEqual(second.cert);
  }, 60_000);
});

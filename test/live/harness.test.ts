/**
 * The emulation itself: a pod must look, from inside, as the pod spec says, and names must
 * resolve by Kubernetes' endpoint rules. If these break, the scenario tests prove nothing.
 */
import * as fs from 'fs';
import { Service } from 'kubernetes-models/v1';
import { issueCertificate, makeCa, tlsSecretData } from '../_certificates';
import { describeLive, AUTH_SECRETS } from './_live';
import { missingServer, SERVERS, serverForImage, serverVersion } from './_servers';
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

  function start(mutate: (services: Service[]) => void = () => undefined, image?: string): LocalKube {
    const s = synthesize(image ? { image } : {});
    synthesized.push(s);
    mutate(s.manifests.services());
    readyOnceAnswering(s);
    kube = new LocalKube({ manifests: s.manifests, secrets: AUTH_SECRETS });
    return kube;
  }

  /**
   * A lone node is not Ready until it has joined a cluster; these tests are about the emulation,
   * so their pods are Ready once Redis answers (the startup probe's test).
   */
  function readyOnceAnswering(s: Synthesized): void {
    const container = s.manifests.statefulSet().spec!.template.spec!.containers[0];
    container.readinessProbe!.exec!.command = container.startupProbe!.exec!.command;
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

  test('an exec that runs past its timeout is killed with its children; the container keeps running', async () => {
    const cluster = start();
    const pod = await cluster.createPod('redis-app-0');
    await waitUntil('the pod Ready', async () => (pod.ready ? [] : 'not Ready'), { timeoutMs: 15_000 });
    const serverPid = pod.pid;

    // GNU timeout moves itself into a process group of its own, as the scripts' redis-cli calls do.
    const result = await pod.exec(['sh', '-c', 'timeout 60 sleep 60 & echo "child $!"; wait'], 1000);

    expect(result.timedOut).toBe(true);
    const child = Number(/child (\d+)/.exec(result.output)?.[1]);
    expect(child).toBeGreaterThan(0);
    await waitUntil('the exec\'s child gone', async () => (fs.existsSync(`/proc/${child}`) ? 'still running' : []), { timeoutMs: 5000 });
    // AND the server is the same process, still answering
    expect(pod.pid).toEqual(serverPid);
    expect(fs.existsSync(`/proc/${serverPid}`)).toBe(true);
    expect((await pod.exec(['redis-cli', '-h', '127.0.0.1', '-p', '6379', 'ping'], 5000)).output.trim()).toEqual('PONG');
  }, 60_000);

  test('a Secret volume is laid out as the kubelet writes it, and an update swaps it at once', async () => {
    // GIVEN manifests whose pods mount Secrets (ACL users)
    const s = synthesize({ users: [] });
    synthesized.push(s);
    readyOnceAnswering(s);
    const internal = { replication: 'r1', node: 'n1', operator: 'o1' };
    kube = new LocalKube({ manifests: s.manifests, secrets: { ...AUTH_SECRETS, 'redis-internal-users': internal } });
    const pod = await kube.createPod('redis-app-0');
    await waitUntil('the pod Ready', async () => (pod.ready ? [] : 'not Ready'), { timeoutMs: 15_000 });
    const dir = '/etc/redis-secrets/redis-internal-users';
    const look = async () => (await pod.exec(['sh', '-c', [
      `cd ${dir}`,
      'echo "keys $(ls | tr "\\n" " ")"',
      'echo "data $(readlink ..data)"',
      'echo "node $(cat node) via $(readlink node)"',
      'echo "owner $(stat -L -c "%u:%g %a" node)"',
      '(echo x > node) 2>/dev/null && echo "writable" || echo "read-only"',
    ].join('; ')], 10_000)).output.split('\n').filter((l) => l !== '');

    // THEN each key is a link through ..data, owned by root and the fsGroup, readable by the pod's user only through its group
    const before = await look();
    expect(before).toEqual(['keys node operator replication ', expect.stringMatching(/^data \.\.\d{4}_/), 'node n1 via ..data/node', 'owner 0:999 440', 'read-only']);

    // WHEN the Secret changes: a key's value, a key added, a key removed
    kube.updateSecret('redis-internal-users', { 'replication': 'r1', 'node': 'n2', 'replication-next': 'r2' });

    // THEN the running pod sees the new version, through a new ..data, without the removed key
    const after = await look();
    expect(after).toEqual(['keys node replication replication-next ', expect.stringMatching(/^data \.\.\d{4}_/), 'node n2 via ..data/node', 'owner 0:999 440', 'read-only']);
    expect(after[1]).not.toEqual(before[1]);
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
    readyOnceAnswering(s);
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

  const runnable = Object.values(SERVERS).filter((s) => missingServer(s).length === 0);
  test.each(runnable.map((s) => [s.image, s] as const))('a pod of image %s runs that server, under the names the image has', async (image, server) => {
    const cluster = start(undefined, image);
    const pod = await cluster.createPod('redis-app-0');
    await waitUntil('the pod Ready', async () => (pod.ready ? [] : 'not Ready'), { timeoutMs: 15_000 });
    const names = server.product === 'valkey' ? ['valkey-server', 'valkey-cli', 'redis-server', 'redis-cli'] : ['redis-server', 'redis-cli'];
    const result = await pod.exec(['sh', '-c', [
      ...names.map((n) => `echo "${n} $(command -v ${n})"`),
      'redis-cli -p "$REDIS_PORT" --no-auth-warning info server | tr -d "\\r" | grep -E "^(redis|valkey)_version:"',
      'echo "cli $(redis-cli --version)"',
    ].join('; ')], 10_000);
    const version = serverVersion(server)!;
    expect(result.output.split('\n').filter((l) => l !== '')).toEqual([
      ...names.map((n) => `${n} /usr/local/bin/${n}`),
      // Valkey reports a redis_version for clients' sake (7.2.4) beside its own.
      ...(server.product === 'valkey' ? ['redis_version:7.2.4', `valkey_version:${version}`] : [`redis_version:${version}`]),
      `cli ${server.product}-cli ${version}`,
    ]);
  }, 60_000);

  test('an image no server here runs is refused, naming those that run', () => {
    expect(() => serverForImage('redis:6.2.14')).toThrow(/cannot run image 'redis:6.2.14': it runs redis:7.0\* and redis:7.2\*/);
    expect(() => serverForImage('bitnami/redis:8.0.2')).toThrow(/cannot run image 'bitnami\/redis:8.0.2'/);
    expect(serverForImage('redis:7.2.6-bookworm').name).toBe('redis-7.0');
    expect(serverForImage('docker.io/library/redis:8.0.2').name).toBe('redis-8.0');
    expect(serverForImage('valkey/valkey:8.1.1-bookworm').name).toBe('valkey-8.1');
  });
});

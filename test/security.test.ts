import { RedisStorage, RedisUsers } from '../src';
import { restrictedViolations } from './_pod-security-standard';
import { findObject, firstContainer, Manifest, synthToDisk } from './_synth';

const POD_KINDS = ['StatefulSet', 'Job', 'Deployment', 'DaemonSet', 'Pod'];

/** Pod templates of the objects in the Redis namespace. */
function redisPodTemplates(objects: Manifest[], namespace = 'redis'): Array<[string, any]> {
  return objects
    .filter((o) => POD_KINDS.includes(o.kind) && o.metadata.namespace === namespace)
    .map((o) => [`${o.kind}/${o.metadata.name}`, o.kind === 'Pod' ? o.spec : o.spec.template.spec]);
}

describe('restricted pods', () => {
  const configurations: Record<string, object> = {
    'the default chart': {},
    'auth off without external access': { auth: false, externalService: false },
    'ephemeral storage': { storage: RedisStorage.ephemeral() },
    'dynamic NFS (provisioner in its own namespace)': { storage: RedisStorage.dynamicNfs({ server: 'nfs', path: '/x' }) },
    'ACL users with metrics (Secret volumes)': { users: [RedisUsers.admin('ops', 'redis-ops')], metrics: true },
  };

  test.each(Object.entries(configurations))('every pod template of %s meets the restricted profile', (_name, props) => {
    const templates = redisPodTemplates(synthToDisk(props).objects);
    expect(templates.map(([name]) => name)).toEqual(expect.arrayContaining(['StatefulSet/redis-app']));
    expect(templates.length).toBeGreaterThanOrEqual(2);
    for (const [name, spec] of templates) {
      expect({ [name]: restrictedViolations(spec) }).toEqual({ [name]: [] });
    }
  });

  test('the checker catches a pod that breaks the profile (it can fail)', () => {
    const violations = restrictedViolations({
      hostNetwork: true,
      volumes: [{ name: 'h', hostPath: { path: '/' } }],
      containers: [{ name: 'c', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }],
    });
    expect(violations).toEqual(expect.arrayContaining([
      'host namespaces are shared',
      'volume h has type hostPath',
      'container c is privileged',
      'container c allows privilege escalation',
      'container c may run as root (runAsNonRoot unset)',
      'container c has no RuntimeDefault seccomp profile',
      'container c does not drop ALL capabilities',
      'container c adds capability SYS_ADMIN',
      'container c has a writable root filesystem',
    ]));
  });

  test('labels the namespace so that the API server enforces the restricted profile', () => {
    const ns = findObject(synthToDisk().objects, 'Namespace', 'redis');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  test('gives Redis a memory-backed scratch folder for the auth file, and nothing else writable but /data', () => {
    const sts = findObject(synthToDisk().objects, 'StatefulSet');
    expect(firstContainer(sts).volumeMounts.filter((m: any) => !m.readOnly).map((m: any) => m.mountPath)).toEqual(['/data', '/run/redis']);
    expect(sts.spec.template.spec.volumes).toContainEqual({ name: 'run', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } });
  });
});

describe('auth from a Secret', () => {
  const { objects, text } = synthToDisk();
  const containers = [firstContainer(findObject(objects, 'StatefulSet')), firstContainer(findObject(objects, 'Job'))];

  test('Redis pods and the init Job read the password from the redis-auth Secret, key password', () => {
    for (const c of containers) {
      expect(c.env).toContainEqual({ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'redis-auth', key: 'password' } } });
    }
  });

  test('takes the Secret\'s name and key from props', () => {
    const custom = synthToDisk({ authSecretName: 'cache-auth', authSecretKey: 'redis-password' }).objects;
    for (const kind of ['StatefulSet', 'Job']) {
      expect(firstContainer(findObject(custom, kind)).env).toContainEqual(
        { name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'cache-auth', key: 'redis-password' } } });
    }
  });

  test('synthesizes no Secret, and no password in any literal value', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const c of containers) {
      for (const e of c.env) {
        if (/PASS|AUTH/.test(e.name) && e.name !== 'AUTH_CONF') {
          expect(e.value).toBeUndefined();
        }
      }
    }
    expect(text).not.toMatch(/^\s*(requirepass|masterauth)\s/m);
  });

  test('never passes a password on a command line (no redis-cli -a)', () => {
    expect(text).not.toMatch(/redis-cli[^\n]*\s-a\s/);
    for (const c of containers) {
      expect([...(c.command ?? []), ...(c.args ?? [])]).not.toContain('-a');
    }
  });

  test('auth: false removes the password from every container', () => {
    const open = synthToDisk({ auth: false, externalService: false }).objects;
    for (const kind of ['StatefulSet', 'Job']) {
      expect(firstContainer(findObject(open, kind)).env.map((e: any) => e.name)).not.toContain('REDISCLI_AUTH');
    }
  });

  test('fails when auth is off and the external Service is on, unless the risk is acknowledged', () => {
    expect(() => synthToDisk({ auth: false })).toThrow(/auth is false while externalService is on.*allowUnauthenticatedExternalAccess/);
    expect(() => synthToDisk({ auth: false, allowUnauthenticatedExternalAccess: true })).not.toThrow();
  });
});

describe('RedisNetworkPolicy', () => {
  const { objects } = synthToDisk();
  const policy = findObject(objects, 'NetworkPolicy', 'redis-app');
  const sts = findObject(objects, 'StatefulSet');
  const job = findObject(objects, 'Job');

  test('fences the Redis pods, ingress only', () => {
    expect(policy.spec.podSelector.matchLabels).toEqual(sts.spec.selector.matchLabels);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
  });

  test('admits the client port from the cluster, the init Job, and labelled clients in any namespace', () => {
    const [client] = policy.spec.ingress;
    expect(client.ports).toEqual([{ protocol: 'TCP', port: 6379 }]);
    expect(client.from).toEqual([
      { podSelector: { matchLabels: sts.spec.template.metadata.labels } },
      { podSelector: { matchLabels: job.spec.template.metadata.labels } },
      { namespaceSelector: {}, podSelector: { matchLabels: { 'redis-app-client': 'true' } } },
    ]);
  });

  test('admits the bus port only between the cluster\'s pods', () => {
    const bus = policy.spec.ingress[1];
    expect(bus.ports).toEqual([{ protocol: 'TCP', port: 16379 }]);
    expect(bus.from).toEqual([{ podSelector: { matchLabels: sts.spec.template.metadata.labels } }]);
    expect(policy.spec.ingress).toHaveLength(2);
  });

  test('lets the external Service reach pod 0 from externalClientCidrs', () => {
    const external = findObject(objects, 'NetworkPolicy', 'redis-app-external');
    expect(external.spec.podSelector.matchLabels['statefulset.kubernetes.io/pod-name']).toBe('redis-app-0');
    expect(external.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 6379 }], from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }]);
    const narrowed = findObject(synthToDisk({ externalClientCidrs: ['10.1.0.0/16'] }).objects, 'NetworkPolicy', 'redis-app-external');
    expect(narrowed.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.1.0.0/16' } }]);
  });

  test('has no external policy without the external Service', () => {
    const policies = synthToDisk({ externalService: false }).objects.filter((o) => o.kind === 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name)).toEqual(['redis-app']);
  });

  test('takes the client labels from clientPodLabels', () => {
    const custom = findObject(synthToDisk({ clientPodLabels: { role: 'api' } }).objects, 'NetworkPolicy', 'redis-app');
    expect(custom.spec.ingress[0].from[2]).toEqual({ namespaceSelector: {}, podSelector: { matchLabels: { role: 'api' } } });
  });

  test('is left out when networkPolicy is false', () => {
    expect(synthToDisk({ networkPolicy: false }).objects.filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
  });
});

import { App } from 'cdk8s';
import { RedisClusterChart, RedisClusterProps, RedisUsers, resolveTls, TLS_MANAGED_DIRECTIVES, WARNINGS_ANNOTATION } from '../src';
import { envValue, findObject, firstContainer, Manifest, redisConfLines, synthToDisk } from './_synth';

function synth(props: RedisClusterProps): { chart: RedisClusterChart; objects: Manifest[] } {
  const { chart, objects } = synthToDisk(props);
  return { chart, objects };
}

/** Builds the chart without writing it: enough for constructor checks. */
function build(props: RedisClusterProps): RedisClusterChart {
  return new RedisClusterChart(new App(), 'redis-cluster', props);
}

const SECRET: RedisClusterProps = { tls: { secret: { secretName: 'redis-tls' } } };
const CERT_MANAGER: RedisClusterProps = { tls: { certManager: {} } };
const CONTEXT = { statefulSetName: 'redis-app', clientPort: 6379, busPort: 16379, externalServicePerPod: false };

/** Whether a certificate DNS name (possibly a wildcard) covers `host`, as RFC 6125 clients match. */
function covers(name: string, host: string): boolean {
  if (name.startsWith('*.')) {
    const dot = host.indexOf('.');
    return dot > 0 && host.slice(dot + 1) === name.slice(2);
  }
  return name === host;
}

describe('redis.conf with tls', () => {
  test('TLS on the client port, the plain port off, TLS for replication and the cluster bus', () => {
    const lines = redisConfLines(synth(SECRET).objects);
    expect(lines).toEqual(expect.arrayContaining([
      'port 0',
      'tls-port 6379',
      'tls-cert-file /etc/redis-tls/tls.crt',
      'tls-key-file /etc/redis-tls/tls.key',
      'tls-ca-cert-file /etc/redis-tls/ca.crt',
      'tls-auth-clients no',
      'tls-replication yes',
      'tls-cluster yes',
    ]));
    expect(lines.filter((l) => l.startsWith('port '))).toEqual(['port 0']);
  });

  test('clientAuth requires client certificates', () => {
    expect(redisConfLines(synth({ tls: { secret: { secretName: 'redis-tls' }, clientAuth: true } }).objects)).toContain('tls-auth-clients yes');
  });

  test('plainTextPort keeps a plain port for a migration window, admitted by the NetworkPolicy, with a warning', () => {
    const { objects } = synth({ tls: { secret: { secretName: 'redis-tls' }, plainTextPort: 6380 } });
    expect(redisConfLines(objects)).toEqual(expect.arrayContaining(['port 6380', 'tls-port 6379']));
    const sts = findObject(objects, 'StatefulSet');
    expect(firstContainer(sts).ports).toContainEqual({ name: 'plain', containerPort: 6380, protocol: 'TCP' });
    const policy = findObject(objects, 'NetworkPolicy', 'redis-app');
    expect(policy.spec.ingress[0].ports.map((p: any) => p.port)).toEqual([6379, 6380]);
    expect(sts.metadata.annotations[WARNINGS_ANNOTATION]).toMatch(/plain-text port 6380 open beside TLS/);
  });

  test('TLS tuning directives are accepted with TLS on', () => {
    const lines = redisConfLines(synth({ ...SECRET, redisConfig: { 'tls-protocols': 'TLSv1.3' } }).objects);
    expect(lines).toContain('tls-protocols TLSv1.3');
  });
});

describe('pods with tls', () => {
  const { objects } = synth({ ...SECRET, metrics: true });
  const sts = findObject(objects, 'StatefulSet');
  const job = findObject(objects, 'Job');

  test('the Redis pods and the init Job mount the Secret read-only, 0440, readable through fsGroup 999', () => {
    for (const o of [sts, job]) {
      const spec = o.spec.template.spec;
      expect(spec.securityContext).toMatchObject({ runAsUser: 999, fsGroup: 999 });
      expect(spec.volumes).toContainEqual({
        name: 'tls',
        secret: {
          secretName: 'redis-tls',
          defaultMode: 0o440,
          items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }, { key: 'ca.crt', path: 'ca.crt' }],
        },
      });
      const mount = firstContainer(o).volumeMounts.find((m: any) => m.name === 'tls');
      // No subPath: Kubernetes never updates a subPath mount, and rotation relies on updates.
      expect(mount).toEqual({ name: 'tls', mountPath: '/etc/redis-tls', readOnly: true });
    }
  });

  test('the scripts are told to speak TLS, and the reloader to watch the certificate', () => {
    for (const o of [sts, job]) {
      const c = firstContainer(o);
      expect([envValue(c, 'REDIS_TLS'), envValue(c, 'REDIS_TLS_CERT_FILE'), envValue(c, 'REDIS_TLS_KEY_FILE'), envValue(c, 'REDIS_TLS_CA_FILE')])
        .toEqual(['1', '/etc/redis-tls/tls.crt', '/etc/redis-tls/tls.key', '/etc/redis-tls/ca.crt']);
    }
    const redis = firstContainer(sts);
    expect([envValue(redis, 'RELOADERS'), envValue(redis, 'RELOAD_INTERVAL_SECONDS'), envValue(redis, 'RELOAD_STATE_DIR')])
      .toEqual(['reload-tls.sh', '10', '/run/redis']);
  });

  test('the ConfigMap carries the reload scripts and the TLS blocks of the others', () => {
    const cm = findObject(objects, 'ConfigMap', 'redis-conf');
    expect(Object.keys(cm.data).sort()).toEqual(['init-cluster.sh', 'pre-stop.sh', 'probe.sh', 'redis.conf', 'reload-tls.sh', 'reloader.sh', 'start-redis.sh']);
    expect(cm.data['probe.sh']).toContain('--tls --cacert "$REDIS_TLS_CA_FILE"');
    expect(cm.data['start-redis.sh']).toContain('reloader.sh" "$$" &');
    expect(Object.values(cm.data).join('\n')).not.toMatch(/# \[\/?(tls|reload)\]/);
  });

  test('with ACL users too, one reload loop runs both passes, at the shorter interval, as the node user over TLS', () => {
    const users = [RedisUsers.readWriteApp('app', 'redis-app-user', { keys: ['app:*'] })];
    const both = synth({ ...SECRET, users }).objects;
    const redis = firstContainer(findObject(both, 'StatefulSet', 'redis-app'));
    expect(redis.env.filter((e: any) => e.name === 'RELOADERS').map((e: any) => e.value)).toEqual(['reload-acl.sh reload-tls.sh']);
    expect([envValue(redis, 'RELOAD_INTERVAL_SECONDS'), envValue(redis, 'REDIS_CLI_USER'), envValue(redis, 'REDIS_TLS')]).toEqual(['2', 'node', '1']);
    const cm = findObject(both, 'ConfigMap', 'redis-conf');
    expect(Object.keys(cm.data).filter((k) => k.startsWith('reload')).sort()).toEqual(['reload-acl.sh', 'reload-tls.sh', 'reloader.sh']);
    expect(cm.data['reload-acl.sh']).toContain('--tls --cacert "$REDIS_TLS_CA_FILE"');
    const init = firstContainer(findObject(both, 'Job', undefined));
    expect([envValue(init, 'REDIS_CLI_USER'), envValue(init, 'REDIS_TLS')]).toEqual(['operator', '1']);
    // A TLS interval shorter than the users' wins
    const eager = firstContainer(findObject(synth({ tls: { secret: { secretName: 'redis-tls' }, reloadIntervalSeconds: 1 }, users }).objects, 'StatefulSet', 'redis-app'));
    expect(envValue(eager, 'RELOAD_INTERVAL_SECONDS')).toBe('1');
  });

  test('the exporter connects with rediss:// to the pod\'s FQDN, verifying the certificate with the CA', () => {
    const exporter = sts.spec.template.spec.containers.find((c: any) => c.name === 'metrics');
    expect(envValue(exporter, 'REDIS_ADDR')).toBe('rediss://$(POD_NAME).redis-service.redis.svc.cluster.local:6379');
    expect(exporter.env.findIndex((e: any) => e.name === 'POD_NAME')).toBeLessThan(exporter.env.findIndex((e: any) => e.name === 'REDIS_ADDR'));
    expect(envValue(exporter, 'REDIS_EXPORTER_TLS_CA_CERT_FILE')).toBe('/etc/redis-tls/ca.crt');
    expect(envValue(exporter, 'REDIS_EXPORTER_TLS_CLIENT_CERT_FILE')).toBe('/etc/redis-tls/tls.crt');
    expect(envValue(exporter, 'REDIS_EXPORTER_SKIP_TLS_VERIFICATION')).toBeUndefined();
    expect(exporter.volumeMounts).toEqual([{ name: 'tls', mountPath: '/etc/redis-tls', readOnly: true }]);
  });

  test('no object passes --insecure or skips verification', () => {
    expect(JSON.stringify(objects)).not.toMatch(/--insecure|SKIP_TLS_VERIFICATION/);
  });

  test('custom key names are mapped to the file names Redis reads', () => {
    const custom = synth({ tls: { secret: { secretName: 'corp-tls', certKey: 'server.pem', keyKey: 'server-key.pem', caKey: 'root.pem' } } });
    const volume = findObject(custom.objects, 'StatefulSet').spec.template.spec.volumes.find((v: any) => v.name === 'tls');
    expect(volume.secret.items).toEqual([
      { key: 'server.pem', path: 'tls.crt' }, { key: 'server-key.pem', path: 'tls.key' }, { key: 'root.pem', path: 'ca.crt' },
    ]);
  });
});

describe('cert-manager', () => {
  test('by default: a private CA (SelfSigned Issuer, CA Certificate, CA Issuer) signs the nodes\' Certificate', () => {
    const { objects } = synth(CERT_MANAGER);
    expect(findObject(objects, 'Issuer', 'redis-app-selfsigned').spec).toEqual({ selfSigned: {} });
    const ca = findObject(objects, 'Certificate', 'redis-app-ca');
    expect(ca.apiVersion).toBe('cert-manager.io/v1');
    expect(ca.spec).toMatchObject({ isCA: true, secretName: 'redis-app-ca', issuerRef: { name: 'redis-app-selfsigned', kind: 'Issuer' } });
    expect(findObject(objects, 'Issuer', 'redis-app-ca').spec).toEqual({ ca: { secretName: 'redis-app-ca' } });
    const cert = findObject(objects, 'Certificate', 'redis-app');
    expect(cert.spec).toMatchObject({
      secretName: 'redis-app-tls',
      issuerRef: { name: 'redis-app-ca', kind: 'Issuer', group: 'cert-manager.io' },
      usages: expect.arrayContaining(['server auth', 'client auth']),
      privateKey: { rotationPolicy: 'Always' },
      duration: '2160h',
      renewBefore: '360h',
    });
    // AND the pods mount the Secret cert-manager writes
    const volume = findObject(objects, 'StatefulSet').spec.template.spec.volumes.find((v: any) => v.name === 'tls');
    expect(volume.secret.secretName).toBe('redis-app-tls');
  });

  test('the Certificate covers every pod FQDN (what a redirect leads to), the headless wildcard and the client Service names', () => {
    const { chart, objects } = synth(CERT_MANAGER);
    const names: string[] = findObject(objects, 'Certificate', 'redis-app').spec.dnsNames;
    for (const fqdn of chart.cluster.podFqdns()) {
      expect(names).toContain(fqdn);
    }
    expect(names).toEqual(expect.arrayContaining([
      '*.redis-service.redis.svc.cluster.local', '*.redis-service.redis.svc',
      'redis-access-service.redis.svc.cluster.local', 'redis-access-service.redis.svc', 'redis-access-service.redis', 'redis-access-service',
    ]));
    expect(covers('*.redis-service.redis.svc.cluster.local', chart.cluster.podFqdns()[5])).toBe(true);
  });

  test('an existing issuer is used as is, and nothing else is synthesized', () => {
    const { objects } = synth({ tls: { certManager: { issuerRef: { name: 'corp-ca', kind: 'ClusterIssuer' } } } });
    expect(objects.filter((o) => o.kind === 'Issuer')).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Certificate').map((o) => o.metadata.name)).toEqual(['redis-app']);
    expect(findObject(objects, 'Certificate').spec.issuerRef).toEqual({ name: 'corp-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' });
  });

  test('caSecretName: a CA Issuer for your CA, no private CA', () => {
    const { objects } = synth({ tls: { certManager: { caSecretName: 'corp-ca-keypair' } } });
    expect(objects.filter((o) => o.kind === 'Issuer').map((o) => o.spec)).toEqual([{ ca: { secretName: 'corp-ca-keypair' } }]);
    expect(objects.filter((o) => o.kind === 'Certificate')).toHaveLength(1);
  });

  test('with outside access per pod, the addresses outside clients use are in the Certificate', () => {
    const { objects } = synth({
      externalServicePerPod: true,
      externalBusCidrs: ['10.0.0.0/16'],
      nodePort: 31000,
      busNodePort: 32000,
      tls: { certManager: { ipAddresses: ['192.0.2.10'], extraDnsNames: ['redis.example.com'] } },
    });
    const spec = findObject(objects, 'Certificate', 'redis-app').spec;
    expect(spec.ipAddresses).toEqual(['192.0.2.10']);
    expect(spec.dnsNames).toEqual(expect.arrayContaining(['redis.example.com', 'redis-access-service-5.redis.svc.cluster.local']));
  });
});

describe('tls validation', () => {
  test('fails when no certificate source is given, or both', () => {
    expect(() => build({ tls: {} })).toThrow(/tls needs exactly one certificate source, got neither.*tls.certManager: \{\}/);
    expect(() => build({ tls: { secret: { secretName: 'a' }, certManager: {} } })).toThrow(/got both/);
  });

  test('fails when redisConfig sets a TLS directive, naming the tls prop, with TLS on or off', () => {
    for (const directive of ['tls-port', 'tls-cert-file', 'tls-replication', 'tls-auth-clients', 'cluster-announce-tls-port']) {
      expect(() => build({ redisConfig: { [directive]: 'x' } })).toThrow(`redisConfig['${directive}'] sets ${directive}, which RedisCluster sets from the tls prop`);
      expect(() => build({ ...SECRET, extraRedisConfig: [`${directive} x`] })).toThrow(/from the tls prop/);
    }
    expect(Object.keys(TLS_MANAGED_DIRECTIVES)).toContain('tls-ca-cert-dir');
  });

  test('fails when TLS tuning is set without TLS', () => {
    expect(() => build({ redisConfig: { 'tls-protocols': 'TLSv1.3' } })).toThrow(/tls-protocols, which tunes TLS, but TLS is off: turn it on with the tls prop/);
  });

  test('fails when the plain-text port collides with another port', () => {
    expect(() => build({ tls: { secret: { secretName: 'a' }, plainTextPort: 6379 } })).toThrow(/tls.plainTextPort must differ from clientPort, both are 6379/);
    expect(() => build({ tls: { secret: { secretName: 'a' }, plainTextPort: 16379 } })).toThrow(/must differ from busPort/);
    expect(() => build({ metrics: true, tls: { secret: { secretName: 'a' }, plainTextPort: 9121 } })).toThrow(/must differ from metricsPort/);
  });

  test('fails when a plain-text port is kept with outside access per pod', () => {
    expect(() => build({ externalServicePerPod: true, nodePort: 31000, busNodePort: 32000, tls: { secret: { secretName: 'a' }, plainTextPort: 6380 } }))
      .toThrow(/tls.plainTextPort is 6380, but with externalServicePerPod.*remove tls.plainTextPort/);
  });

  test('fails when outside access per pod uses cert-manager without the outside addresses', () => {
    expect(() => build({ externalServicePerPod: true, nodePort: 31000, busNodePort: 32000, ...CERT_MANAGER }))
      .toThrow(/list those addresses in tls.certManager.ipAddresses/);
  });

  test('warns when outside access per pod uses a Secret: it must cover the node addresses', () => {
    const { objects } = synth({ externalServicePerPod: true, externalBusCidrs: ['10.0.0.0/16'], nodePort: 31000, busNodePort: 32000, ...SECRET });
    expect(findObject(objects, 'StatefulSet').metadata.annotations[WARNINGS_ANNOTATION]).toMatch(/certificate in Secret redis-tls must cover those addresses/);
  });

  test('fails on a typo, a bad key, equal keys, or a bad Secret name', () => {
    expect(() => resolveTls({ secret: { secretName: 'a' }, clientAuht: true } as any, CONTEXT)).toThrow(/clientAuht/);
    expect(() => resolveTls({ secret: { secretName: 'a', certKey: 'a/b' } }, CONTEXT)).toThrow(/tls.secret.certKey must be a Secret key/);
    expect(() => resolveTls({ secret: { secretName: 'a', caKey: 'tls.crt' } }, CONTEXT)).toThrow(/three different keys/);
    expect(() => resolveTls({ secret: { secretName: 'Bad_Name' } }, CONTEXT)).toThrow(/tls.secret.secretName/);
  });

  test('fails on cert-manager settings cert-manager would refuse or that would not work', () => {
    expect(() => resolveTls({ certManager: { duration: '90d' } }, CONTEXT)).toThrow(/tls.certManager.duration must be a duration in hours.*without days/);
    expect(() => resolveTls({ certManager: { duration: '24h', renewBefore: '48h' } }, CONTEXT)).toThrow(/renewBefore \(48h\) must be shorter than duration \(24h\)/);
    expect(() => resolveTls({ certManager: { issuerRef: { name: 'x' }, caSecretName: 'y' } }, CONTEXT)).toThrow(/both issuerRef and caSecretName/);
    expect(() => resolveTls({ certManager: { caSecretName: 'redis-app-tls' } }, CONTEXT)).toThrow(/caSecretName and secretName must differ/);
    expect(() => resolveTls({ certManager: { issuerRef: { name: 'x', kind: 'Vault' as any } } }, CONTEXT)).toThrow(/'Issuer' or 'ClusterIssuer'/);
    expect(() => resolveTls({ certManager: { ipAddresses: ['10.0.0.300'] } }, CONTEXT)).toThrow(/ipAddresses\[0\] must be an IPv4 or IPv6 address/);
    expect(() => resolveTls({ certManager: { extraDnsNames: ['Redis.Example.com'] } }, CONTEXT)).toThrow(/extraDnsNames\[0\] must be a lower-case DNS name/);
  });

  test('fails when clientAuth is not a boolean or the reload interval is out of range', () => {
    expect(() => resolveTls({ secret: { secretName: 'a' }, clientAuth: 'yes' as any }, CONTEXT)).toThrow(/tls.clientAuth must be true or false/);
    expect(() => resolveTls({ secret: { secretName: 'a' }, reloadIntervalSeconds: 0 }, CONTEXT)).toThrow(/tls.reloadIntervalSeconds/);
  });
});

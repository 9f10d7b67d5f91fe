import { resolve, RedisStorage } from '../src';
import { checkNodePorts, checkStopTimings, checkTopology } from '../src/cluster/rules';
import { MANAGED_DIRECTIVES, managedRedisConfig, TLS_MANAGED_DIRECTIVES } from '../src/config/managed';

describe('resolve', () => {
  test('derives every name once from the defaults', () => {
    const spec = resolve();
    expect(spec.nodes).toBe(6);
    expect(spec.podNames).toEqual(['redis-app-0', 'redis-app-1', 'redis-app-2', 'redis-app-3', 'redis-app-4', 'redis-app-5']);
    expect(spec.podDomain).toBe('redis-service.redis.svc.cluster.local');
    expect(spec.podFqdns[5]).toBe('redis-app-5.redis-service.redis.svc.cluster.local');
    expect(spec.nodeAddresses[0]).toBe('redis-app-0.redis-service.redis.svc.cluster.local:6379');
    expect(spec.names).toEqual({
      statefulSet: 'redis-app',
      headlessService: 'redis-service',
      externalService: 'redis-access-service',
      configMap: 'redis-conf',
      podDisruptionBudget: 'redis-app',
      networkPolicy: 'redis-app',
      metricsService: 'redis-app-metrics',
      serviceMonitor: 'redis-app',
      initJobPrefix: 'redis-cluster-init',
      dataClaim: 'redis-data',
      usersConfigMap: 'redis-conf-users',
    });
    expect(spec.auth).toEqual({ secretName: 'redis-auth', secretKey: 'password' });
    expect(spec.users).toBeUndefined();
    expect(spec.external).toEqual({ perPod: false, nodePort: undefined, busNodePort: undefined, clientCidrs: ['0.0.0.0/0'], busCidrs: [] });
    expect(spec.metrics).toBeUndefined();
    expect(spec.warnings).toEqual([]);
  });

  test("takes the enclosing Chart's namespace when the namespace prop is unset", () => {
    const spec = resolve({ createNamespace: true }, { chartNamespace: 'cache' });
    expect(spec.namespace).toBe('cache');
    expect(spec.chartNamespace).toBe('cache');
    expect(spec.podDomain).toBe('redis-service.cache.svc.cluster.local');
    expect(resolve({ namespace: 'redis-a', createNamespace: true }, { chartNamespace: 'cache' }).namespace).toBe('redis-a');
    expect(resolve().chartNamespace).toBeUndefined();
  });

  test("fails when the Chart's namespace is not a DNS-1123 label", () => {
    expect(() => resolve({}, { chartNamespace: 'Cache_1' })).toThrow(/namespace.*Cache_1/);
  });

  test('metadata(name) gives name, namespace and the common labels, in that order', () => {
    const spec = resolve({ namespace: 'cache', createNamespace: true, statefulSetName: 'kv' });
    const metadata = spec.metadata('x');
    expect(Object.keys(metadata)).toEqual(['name', 'namespace', 'labels']);
    expect(metadata).toEqual({ name: 'x', namespace: 'cache', labels: spec.labels.common });
    expect(spec.metadata('y', spec.labels.init).labels['app.kubernetes.io/component']).toBe('init');
  });

  test('follows renamed objects into every derived name', () => {
    const spec = resolve({ namespace: 'cache', createNamespace: true, statefulSetName: 'kv', headlessServiceName: 'peers', clusterDomain: 'k8s.example', clientPort: 7000 });
    expect(spec.nodeAddresses[0]).toBe('kv-0.peers.cache.svc.k8s.example:7000');
    expect(spec.busPort).toBe(17000);
    expect(spec.clientPodLabels).toEqual({ 'kv-client': 'true' });
  });

  test('puts the managed directives last in redis.conf, and cluster-announce-hostname never', () => {
    const spec = resolve({ externalServicePerPod: true, nodePort: 30100, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'] });
    const keys = Object.keys(spec.redisConfig);
    expect(keys.slice(-9)).toEqual(Object.keys(MANAGED_DIRECTIVES).filter((d) => d !== 'cluster-announce-hostname' && !(d in TLS_MANAGED_DIRECTIVES)));
    expect(spec.redisConfig['cluster-preferred-endpoint-type']).toBe('ip');
    expect(spec.redisConfig).not.toHaveProperty('cluster-announce-hostname');
  });

  test('the managed values follow the ports and the timeout', () => {
    expect(managedRedisConfig({ clientPort: 1, busPort: 2, clusterNodeTimeoutMs: 3, perPod: false, dataMountPath: '/d', nodesConfPath: '/d/n' })).toEqual({
      'port': 1,
      'dir': '/d',
      'cluster-enabled': true,
      'cluster-config-file': '/d/n',
      'cluster-node-timeout': 3,
      'cluster-port': 2,
      'cluster-announce-port': 1,
      'cluster-announce-bus-port': 2,
      'cluster-preferred-endpoint-type': 'hostname',
    });
  });

  test('collects the warnings, the ephemeral one last', () => {
    const spec = resolve({ replicasPerShard: 0, storage: RedisStorage.ephemeral() });
    expect(spec.warnings).toEqual([expect.stringMatching(/^no replicas/), expect.stringMatching(/^ephemeral storage/)]);
  });

  test('runs the rules in a fixed order: the first error wins', () => {
    // Both shards and namespace are wrong: the topology rule comes first.
    expect(() => resolve({ shards: 2, namespace: 'Bad' })).toThrow(/^shards/);
    // Both the names and the ports are wrong: names come first.
    expect(() => resolve({ namespace: 'Bad', clientPort: 0 })).toThrow(/^namespace/);
    // Both the stop timings and the resources are wrong: timings come first.
    expect(() => resolve({ terminationGracePeriodSeconds: 5, cpuRequest: 'lots' })).toThrow(/^terminationGracePeriodSeconds/);
  });

  test('is pure: resolving twice gives equal specs', () => {
    const props = { shards: 4, metrics: true };
    expect(JSON.stringify(resolve(props))).toBe(JSON.stringify(resolve(props)));
  });
});

describe('the rules, on their own', () => {
  test('fails when the grace period does not outlast the preStop hook', () => {
    expect(() => checkStopTimings(30, 30)).toThrow('set it to 40 or more');
    expect(() => checkStopTimings(20, 30)).not.toThrow();
  });

  test('fails when per-pod node port ranges overlap', () => {
    expect(() => checkNodePorts({ nodePort: 30100, busNodePort: 30103 }, true, true, 6)).toThrow('set them at least 6 apart, e.g. busNodePort 30106');
    expect(() => checkNodePorts({ nodePort: 30100, busNodePort: 30106 }, true, true, 6)).not.toThrow();
  });

  test('fails when the topology is below three masters, and counts the nodes', () => {
    expect(() => checkTopology(2, 1)).toThrow('set shards to 3 or more');
    expect(checkTopology(3, 2)).toBe(9);
  });
});

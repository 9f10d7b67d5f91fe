import { Testing } from 'cdk8s';
import {
  ExternalService, HeadlessService, InitJob, MetricsService, RedisConfigMap, RedisNetworkPolicy, RedisPodDisruptionBudget, RedisStatefulSet,
  RedisStorage, resolve, ServiceMonitor,
} from '../src';
import { createRedisNamespace } from '../src/k8s/namespace';

/**
 * Each part on its own: a spec from resolve(), one part in a bare Testing.chart(), and what it
 * synthesizes. The whole chart is tested in chart.test.ts and golden.test.ts.
 */
const find = (objects: any[], kind: string) => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('RedisConfigMap', () => {
  const spec = resolve({ configMapName: 'kv-conf', extraRedisConfig: ['rename-command FLUSHALL ""'] });
  const chart = Testing.chart();
  const configMap = new RedisConfigMap(chart, 'Config', { spec });
  const cm = find(Testing.synth(chart), 'ConfigMap');

  test('holds the rendered redis.conf, raw lines last, and the scripts', () => {
    expect(cm.metadata).toEqual(spec.metadata('kv-conf'));
    expect(cm.data['redis.conf']).toMatch(/\nport 6379\n[\s\S]*rename-command FLUSHALL ""\n$/);
    expect(Object.keys(cm.data).sort()).toEqual(['init-cluster.sh', 'pre-stop.sh', 'probe.sh', 'redis.conf', 'start-redis.sh']);
  });

  test('hands out its volume and its checksum annotation', () => {
    expect(configMap.volume('config')).toEqual({ name: 'config', configMap: { name: 'kv-conf', defaultMode: 0o444 } });
    expect(configMap.checksumAnnotation).toEqual({ 'redis-cluster-cdk8s/config-checksum': configMap.checksum });
    expect(configMap.checksum).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('HeadlessService', () => {
  test('publishes not-ready pods on the client and bus ports', () => {
    const spec = resolve({ headlessServiceName: 'peers', clientPort: 7000 });
    const chart = Testing.chart();
    new HeadlessService(chart, 'HeadlessService', { spec });
    const svc = find(Testing.synth(chart), 'Service');
    expect(svc.metadata.name).toBe('peers');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.publishNotReadyAddresses).toBe(true);
    expect(svc.spec.ports.map((p: any) => [p.name, p.port])).toEqual([['client', 7000], ['bus', 17000]]);
    expect(svc.spec.selector).toEqual(spec.labels.server);
  });
});

describe('RedisStatefulSet', () => {
  const spec = resolve({ metrics: true, replicasPerShard: 0 });
  const chart = Testing.chart();
  const headlessService = new HeadlessService(chart, 'HeadlessService', { spec });
  const configMap = new RedisConfigMap(chart, 'Config', { spec });
  const storage = spec.storage.bind(chart, spec.storageBind);
  const statefulSet = new RedisStatefulSet(chart, 'StatefulSet', { spec, headlessService, configMap, storage });
  const sts = find(Testing.synth(chart), 'StatefulSet');

  test('runs one pod per node, named by the headless Service, rolled by the config checksum', () => {
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.serviceName).toBe('redis-service');
    expect(sts.spec.template.metadata.annotations).toEqual(configMap.checksumAnnotation);
    expect(statefulSet.podNames()).toEqual(spec.podNames);
  });

  test('carries the warnings and the metrics sidecar from the spec', () => {
    expect(sts.metadata.annotations['redis-cluster-cdk8s/warnings']).toMatch(/^no replicas/);
    expect(sts.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['redis', 'metrics']);
    const env = sts.spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'POD_DOMAIN').value).toBe(spec.podDomain);
  });
});

describe('ExternalService', () => {
  test('reaches pod 0 alone by default', () => {
    const spec = resolve({ nodePort: 30500 });
    const chart = Testing.chart();
    new ExternalService(chart, 'ExternalService', { spec });
    const svc = find(Testing.synth(chart), 'Service');
    expect(svc.metadata.name).toBe('redis-access-service');
    expect(svc.spec.ports).toEqual([expect.objectContaining({ name: 'client', nodePort: 30500 })]);
    expect(svc.spec.selector['statefulset.kubernetes.io/pod-name']).toBe('redis-app-0');
  });

  test('with a Service per pod, exposes pod N on base + N for the client and the bus', () => {
    const spec = resolve({ externalServicePerPod: true, nodePort: 30100, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'] });
    const chart = Testing.chart();
    new ExternalService(chart, 'ExternalService4', { spec, ordinal: 4 });
    const svc = find(Testing.synth(chart), 'Service');
    expect(svc.metadata.name).toBe('redis-access-service-4');
    expect(svc.spec.ports.map((p: any) => [p.name, p.nodePort])).toEqual([['client', 30104], ['bus', 30204]]);
    expect(svc.spec.selector['statefulset.kubernetes.io/pod-name']).toBe('redis-app-4');
  });
});

describe('RedisPodDisruptionBudget', () => {
  test('lets one Redis pod go at a time', () => {
    const spec = resolve();
    const chart = Testing.chart();
    new RedisPodDisruptionBudget(chart, 'PodDisruptionBudget', { spec });
    const pdb = find(Testing.synth(chart), 'PodDisruptionBudget');
    expect(pdb.metadata).toEqual(spec.metadata('redis-app'));
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: spec.labels.server } });
  });
});

describe('MetricsService and ServiceMonitor', () => {
  test('the monitor selects the metrics Service by its labels and port', () => {
    const spec = resolve({ metrics: true, serviceMonitor: true, serviceMonitorLabels: { release: 'prom' }, serviceMonitorInterval: '15s' });
    const chart = Testing.chart();
    const service = new MetricsService(chart, 'MetricsService', { spec });
    new ServiceMonitor(chart, 'ServiceMonitor', { spec, service });
    const objects = Testing.synth(chart);
    const svc = find(objects, 'Service');
    const monitor = find(objects, 'ServiceMonitor');
    expect(svc.metadata.name).toBe('redis-app-metrics');
    expect(monitor.spec.selector.matchLabels).toEqual(svc.metadata.labels);
    expect(monitor.spec.endpoints).toEqual([{ port: svc.spec.ports[0].name, interval: '15s', path: '/metrics' }]);
    expect(monitor.metadata.labels.release).toBe('prom');
  });
});

describe('InitJob', () => {
  test('joins every node address, and is named by a hash of its spec', () => {
    const spec = resolve({ shards: 4, replicasPerShard: 0 });
    const chart = Testing.chart();
    const configMap = new RedisConfigMap(chart, 'Config', { spec });
    const initJob = new InitJob(chart, 'InitJob', { spec, configMap });
    const job = find(Testing.synth(chart), 'Job');
    expect(job.metadata.name).toBe(initJob.name);
    expect(initJob.name).toMatch(/^redis-cluster-init-[0-9a-f]{8}$/);
    expect(job.spec.template.spec.containers[0].args).toEqual(['--cluster-replicas', '0', ...spec.nodeAddresses]);
    expect(job.spec.template.spec.volumes).toEqual([configMap.volume('config')]);
  });
});

describe('RedisNetworkPolicy', () => {
  test('opens the seed pod to the outside CIDRs, or every pod with a Service per pod, its bus to the bus CIDRs only', () => {
    const policies = (props: object) => {
      const chart = Testing.chart();
      new RedisNetworkPolicy(chart, 'NetworkPolicy', { spec: resolve(props) });
      return Testing.synth(chart);
    };
    const [, seed] = policies({ externalClientCidrs: ['10.0.0.0/8'] });
    expect(seed.spec.podSelector.matchLabels['statefulset.kubernetes.io/pod-name']).toBe('redis-app-0');
    expect(seed.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.0.0/8' } }]);
    const [, perPod] = policies({ externalServicePerPod: true, nodePort: 30100, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'] });
    expect(perPod.spec.podSelector.matchLabels['statefulset.kubernetes.io/pod-name']).toBeUndefined();
    // The client port from the client CIDRs, the unauthenticated bus only from the bus CIDRs.
    expect(perPod.spec.ingress.map((rule: any) => [rule.ports.map((p: any) => p.port), rule.from])).toEqual([
      [[6379], [{ ipBlock: { cidr: '0.0.0.0/0' } }]],
      [[16379], [{ ipBlock: { cidr: '10.0.0.0/16' } }]],
    ]);
    expect(policies({ externalService: false, auth: true })).toHaveLength(1);
  });
});

describe('the Namespace', () => {
  test('enforces the restricted Pod Security Standard', () => {
    const chart = Testing.chart();
    createRedisNamespace(chart, { spec: resolve({ namespace: 'cache', createNamespace: true, storage: RedisStorage.fromStorageClass() }) });
    const ns = find(Testing.synth(chart), 'Namespace');
    expect(ns.metadata.name).toBe('cache');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });
});

import { envValue, findObject, synthToDisk, validateSchema } from './_synth';

describe('metrics: exporter sidecar, MetricsService and ServiceMonitor', () => {
  const { objects } = synthToDisk({ metrics: true, serviceMonitor: true, serviceMonitorLabels: { release: 'prometheus' } });
  const sts = findObject(objects, 'StatefulSet');
  const exporter = sts.spec.template.spec.containers.find((c: any) => c.name === 'metrics');
  const svc = findObject(objects, 'Service', 'redis-app-metrics');
  const monitor = findObject(objects, 'ServiceMonitor', 'redis-app');

  test('are all off by default', () => {
    const plain = synthToDisk().objects;
    expect(findObject(plain, 'StatefulSet').spec.template.spec.containers.map((c: any) => c.name)).toEqual(['redis']);
    expect(plain.filter((o) => o.metadata.name === 'redis-app-metrics' || o.kind === 'ServiceMonitor')).toEqual([]);
  });

  test('adds a pinned redis_exporter beside Redis, reading it on loopback', () => {
    expect(exporter.image).toBe('oliver006/redis_exporter:v1.62.0');
    expect(envValue(exporter, 'REDIS_ADDR')).toBe('redis://127.0.0.1:6379');
    expect(exporter.ports).toEqual([{ name: 'metrics', containerPort: 9121, protocol: 'TCP' }]);
  });

  test('gives the exporter the password from the Secret', () => {
    expect(exporter.env).toContainEqual({ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis-auth', key: 'password' } } });
  });

  test('runs the exporter unprivileged like Redis', () => {
    expect(exporter.securityContext).toEqual(sts.spec.template.spec.containers[0].securityContext);
  });

  test('puts a metrics Service in front of every pod\'s exporter', () => {
    expect(svc.spec.selector).toEqual(sts.spec.selector.matchLabels);
    expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 9121, targetPort: 9121, protocol: 'TCP' }]);
    expect(svc.metadata.labels['app.kubernetes.io/component']).toBe('metrics');
  });

  test('has the ServiceMonitor select only the metrics Service, by its port name', () => {
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.spec).toEqual({
      selector: { matchLabels: svc.metadata.labels },
      namespaceSelector: { matchNames: ['redis'] },
      endpoints: [{ port: 'metrics', interval: '30s', path: '/metrics' }],
    });
    for (const other of objects.filter((o) => o.kind === 'Service' && o.metadata.name !== svc.metadata.name)) {
      const matches = Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => other.metadata.labels?.[k] === v);
      expect(matches).toBe(false);
    }
  });

  test('labels the ServiceMonitor for your Prometheus', () => {
    expect(monitor.metadata.labels.release).toBe('prometheus');
  });

  test('opens the metrics port to Prometheus in the NetworkPolicy', () => {
    const policy = findObject(objects, 'NetworkPolicy', 'redis-app');
    expect(policy.spec.ingress).toContainEqual({ ports: [{ protocol: 'TCP', port: 9121 }], from: [{ namespaceSelector: {} }] });
  });

  test('fails when serviceMonitor is on without metrics', () => {
    expect(() => synthToDisk({ serviceMonitor: true })).toThrow(/serviceMonitor is true but metrics is false.*set metrics to true/);
  });

  test('every Kubernetes object passes its schema', () => {
    for (const o of objects.filter((x) => x.kind !== 'ServiceMonitor')) {
      expect(() => validateSchema(o)).not.toThrow();
    }
  });
});

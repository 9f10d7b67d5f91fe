import { findObject, synthToDisk } from './_synth';

describe('HeadlessService', () => {
  const { objects } = synthToDisk();
  const svc = findObject(objects, 'Service', 'redis-service');
  const sts = findObject(objects, 'StatefulSet', 'redis-app');

  test('is headless', () => {
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.type ?? 'ClusterIP').toBe('ClusterIP');
  });

  test('publishes pods before they are Ready, so peers resolve each other while starting', () => {
    expect(svc.spec.publishNotReadyAddresses).toBe(true);
  });

  test('exposes the client port 6379 and the bus port 16379', () => {
    expect(svc.spec.ports).toEqual([
      { name: 'client', port: 6379, targetPort: 6379, protocol: 'TCP' },
      { name: 'bus', port: 16379, targetPort: 16379, protocol: 'TCP' },
    ]);
  });

  test('selects exactly the Redis pods', () => {
    expect(svc.spec.selector).toEqual(sts.spec.template.metadata.labels);
  });

  test('is the StatefulSet\'s governing Service', () => {
    expect(sts.spec.serviceName).toBe('redis-service');
  });

  test('follows custom ports', () => {
    const custom = findObject(synthToDisk({ clientPort: 7000 }).objects, 'Service', 'redis-service');
    expect(custom.spec.ports.map((p: any) => p.port)).toEqual([7000, 17000]);
  });
});

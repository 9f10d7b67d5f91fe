import { findObject, synthToDisk } from './_synth';

describe('ExternalService', () => {
  const { objects } = synthToDisk();
  const svc = findObject(objects, 'Service', 'redis-access-service');

  test('is a NodePort Service named redis-access-service', () => {
    expect(svc.spec.type).toBe('NodePort');
  });

  test('reaches pod 0 only, as the seed does', () => {
    expect(svc.spec.selector['statefulset.kubernetes.io/pod-name']).toBe('redis-app-0');
    expect(svc.spec.selector['app.kubernetes.io/component']).toBe('server');
  });

  test('forwards the client port and lets Kubernetes pick the node port by default', () => {
    expect(svc.spec.ports).toEqual([{ name: 'client', port: 6379, targetPort: 6379, protocol: 'TCP' }]);
  });

  test('uses the nodePort prop when set', () => {
    const custom = findObject(synthToDisk({ nodePort: 31000 }).objects, 'Service', 'redis-access-service');
    expect(custom.spec.ports[0].nodePort).toBe(31000);
  });

  test('is left out when externalService is false', () => {
    const { objects: without } = synthToDisk({ externalService: false });
    expect(without.filter((o) => o.metadata.name === 'redis-access-service')).toEqual([]);
  });
});

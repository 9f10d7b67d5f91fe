import { envValue, findObject, firstContainer, synthToDisk } from './_synth';

describe('planned failover and placement of the Redis pods', () => {
  const { objects } = synthToDisk();
  const sts = findObject(objects, 'StatefulSet');
  const pod = sts.spec.template.spec;
  const redis = firstContainer(sts);

  test('a stopping pod first runs the planned-failover hook', () => {
    expect(redis.lifecycle.preStop.exec.command).toEqual(['sh', '/etc/redis/pre-stop.sh']);
  });

  test('the grace period outlasts the hook\'s bounded wait', () => {
    const wait = Number(envValue(redis, 'PRESTOP_TIMEOUT_SECONDS'));
    expect(wait).toBe(20);
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(wait);
  });

  test('fails when the grace period is not longer than the hook\'s wait', () => {
    expect(() => synthToDisk({ preStopTimeoutSeconds: 30, terminationGracePeriodSeconds: 30 }))
      .toThrow(/terminationGracePeriodSeconds must be longer than preStopTimeoutSeconds \(30\), got 30: set it to 40 or more/);
  });

  test('spreads pods across zones by default, without blocking scheduling', () => {
    expect(pod.topologySpreadConstraints).toEqual([{
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: sts.spec.selector.matchLabels },
    }]);
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.tolerations).toBeUndefined();
    expect(pod.priorityClassName).toBeUndefined();
  });

  test('takes node selector, tolerations, spread constraints and priority class from props', () => {
    const custom = findObject(synthToDisk({
      nodeSelector: { 'node-role/redis': 'true' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'redis', effect: 'NoSchedule' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }],
      priorityClassName: 'critical-data',
    }).objects, 'StatefulSet').spec.template.spec;
    expect(custom.nodeSelector).toEqual({ 'node-role/redis': 'true' });
    expect(custom.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'redis', effect: 'NoSchedule' }]);
    expect(custom.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }]);
    expect(custom.priorityClassName).toBe('critical-data');
  });
});

describe('outside access with one NodePort Service per pod', () => {
  const { objects } = synthToDisk({ externalServicePerPod: true, nodePort: 30100, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'] });
  const services = objects.filter((o) => o.kind === 'Service' && o.spec.type === 'NodePort');
  const redis = firstContainer(findObject(objects, 'StatefulSet'));

  test('creates one NodePort Service per pod with client and bus node ports base + ordinal', () => {
    expect(services.map((s) => s.metadata.name)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `redis-access-service-${i}`));
    services.forEach((svc, ordinal) => {
      expect(svc.spec.selector['statefulset.kubernetes.io/pod-name']).toBe(`redis-app-${ordinal}`);
      expect(svc.spec.ports).toEqual([
        { name: 'client', port: 6379, targetPort: 6379, nodePort: 30100 + ordinal, protocol: 'TCP' },
        { name: 'bus', port: 16379, targetPort: 16379, nodePort: 30200 + ordinal, protocol: 'TCP' },
      ]);
    });
  });

  test('has every node announce its Kubernetes node\'s address and its node ports', () => {
    expect(redis.env).toContainEqual({ name: 'ANNOUNCE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } });
    expect(envValue(redis, 'ANNOUNCE_PORT_BASE')).toBe('30100');
    expect(envValue(redis, 'ANNOUNCE_BUS_PORT_BASE')).toBe('30200');
  });

  test('redirects clients to addresses, not to FQDNs they cannot resolve', () => {
    const conf = findObject(objects, 'ConfigMap').data['redis.conf'];
    expect(conf).toContain('cluster-preferred-endpoint-type ip');
  });

  test('opens the client port of every pod to externalClientCidrs, and its bus port to externalBusCidrs only', () => {
    const external = findObject(objects, 'NetworkPolicy', 'redis-app-external');
    expect(external.spec.podSelector.matchLabels['statefulset.kubernetes.io/pod-name']).toBeUndefined();
    expect(external.spec.ingress).toEqual([
      { ports: [{ protocol: 'TCP', port: 6379 }], from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] },
      { ports: [{ protocol: 'TCP', port: 16379 }], from: [{ ipBlock: { cidr: '10.0.0.0/16' } }] },
    ]);
  });

  test('the default keeps the seed\'s single NodePort to pod 0 and announces hostnames', () => {
    const plain = synthToDisk().objects;
    expect(plain.filter((o) => o.kind === 'Service' && o.spec.type === 'NodePort').map((s) => s.metadata.name)).toEqual(['redis-access-service']);
    expect(firstContainer(findObject(plain, 'StatefulSet')).env.map((e: any) => e.name)).not.toContain('ANNOUNCE_IP');
  });

  test('fails when the node port bases are missing', () => {
    expect(() => synthToDisk({ externalServicePerPod: true, nodePort: 30100 })).toThrow(/externalServicePerPod needs nodePort and busNodePort.*set both/);
  });
});

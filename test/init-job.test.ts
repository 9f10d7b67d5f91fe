import { findObject, firstContainer, synthToDisk } from './_synth';

describe('InitJob', () => {
  const { objects } = synthToDisk();
  const job = findObject(objects, 'Job');
  const init = firstContainer(job);

  test('runs the init script with --cluster-replicas and every pod\'s FQDN, listed in the YAML', () => {
    expect(init.command).toEqual(['sh', '/etc/redis/init-cluster.sh']);
    expect(init.args).toEqual([
      '--cluster-replicas', '1',
      'redis-app-0.redis-service.redis.svc.cluster.local:6379',
      'redis-app-1.redis-service.redis.svc.cluster.local:6379',
      'redis-app-2.redis-service.redis.svc.cluster.local:6379',
      'redis-app-3.redis-service.redis.svc.cluster.local:6379',
      'redis-app-4.redis-service.redis.svc.cluster.local:6379',
      'redis-app-5.redis-service.redis.svc.cluster.local:6379',
    ]);
  });

  test('follows the topology, namespace, domain and port', () => {
    const custom = firstContainer(findObject(synthToDisk({
      shards: 3, replicasPerShard: 2, namespace: 'cache', createNamespace: true, clusterDomain: 'k8s.example', clientPort: 7000,
    }).objects, 'Job'));
    expect(custom.args.slice(0, 2)).toEqual(['--cluster-replicas', '2']);
    expect(custom.args).toHaveLength(2 + 9);
    expect(custom.args[10]).toBe('redis-app-8.redis-service.cache.svc.k8s.example:7000');
  });

  test('is named with a hash of its spec: stable when nothing changes', () => {
    expect(job.metadata.name).toMatch(/^redis-cluster-init-[0-9a-f]{8}$/);
    expect(findObject(synthToDisk().objects, 'Job').metadata.name).toBe(job.metadata.name);
  });

  test('gets a new name when its spec or the scripts change', () => {
    expect(findObject(synthToDisk({ shards: 4 }).objects, 'Job').metadata.name).not.toBe(job.metadata.name);
    expect(findObject(synthToDisk({ redisConfig: { hz: 20 } }).objects, 'Job').metadata.name).not.toBe(job.metadata.name);
  });

  test('is bounded: retries, a deadline beyond the script\'s own wait, and cleans up after a day', () => {
    expect(job.spec.backoffLimit).toBe(3);
    expect(job.spec.ttlSecondsAfterFinished).toBe(86400);
    const wait = Number(init.env.find((e: any) => e.name === 'WAIT_TIMEOUT_SECONDS').value);
    expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(wait);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  test('checks every half second, so that it sees pods up and the cluster healthy without lag', () => {
    expect(init.env.find((e: any) => e.name === 'POLL_INTERVAL_SECONDS').value).toBe('0.5');
  });

  test('mounts the ConfigMap that holds the script', () => {
    expect(init.volumeMounts).toEqual([{ name: 'config', mountPath: '/etc/redis', readOnly: true }]);
    expect(job.spec.template.spec.volumes).toEqual([{ name: 'config', configMap: { name: 'redis-conf', defaultMode: 0o444 } }]);
  });

  test('uses the Redis image and runs unprivileged', () => {
    const sts = findObject(objects, 'StatefulSet');
    expect(init.image).toBe(firstContainer(sts).image);
    expect(init.securityContext).toEqual(firstContainer(sts).securityContext);
  });

  test('is not selected by the Services', () => {
    const podLabels = job.spec.template.metadata.labels;
    for (const svc of objects.filter((o) => o.kind === 'Service')) {
      const selected = Object.entries(svc.spec.selector).every(([k, v]) => podLabels[k] === v);
      expect(selected).toBe(false);
    }
  });
});

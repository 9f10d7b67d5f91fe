import { RedisStorage } from '../src';
import { envValue, findObject, firstContainer, synthToDisk } from './_synth';

describe('RedisStatefulSet', () => {
  const { objects } = synthToDisk();
  const sts = findObject(objects, 'StatefulSet', 'redis-app');
  const pod = sts.spec.template.spec;
  const redis = firstContainer(sts);

  test('runs 6 pods by default: 3 masters with one replica each', () => {
    expect(sts.spec.replicas).toBe(6);
  });

  test('runs shards * (1 + replicasPerShard) pods', () => {
    expect(findObject(synthToDisk({ shards: 4, replicasPerShard: 2 }).objects, 'StatefulSet').spec.replicas).toBe(12);
    expect(findObject(synthToDisk({ shards: 3, replicasPerShard: 0 }).objects, 'StatefulSet').spec.replicas).toBe(3);
  });

  test('starts all pods in parallel', () => {
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
  });

  test('rolls one pod at a time, every pod, the next only once the last is Ready', () => {
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, partition: 0 } });
    expect(redis.readinessProbe.exec.command).toEqual(['sh', '/etc/redis/probe.sh', 'readiness']);
  });

  test('selects its own pod template', () => {
    for (const [k, v] of Object.entries(sts.spec.selector.matchLabels)) {
      expect(sts.spec.template.metadata.labels[k]).toBe(v);
    }
  });

  test('prefers to spread pods across Kubernetes nodes', () => {
    const [term] = pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect(term.weight).toBe(100);
    expect(term.podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(term.podAffinityTerm.labelSelector.matchLabels).toEqual(sts.spec.selector.matchLabels);
  });

  test('requests 100m CPU and 100Mi memory, as the seed', () => {
    expect(redis.resources).toEqual({ requests: { cpu: '100m', memory: '100Mi' } });
  });

  test('sets limits only when asked', () => {
    const custom = firstContainer(findObject(synthToDisk({ cpuLimit: '1', memoryLimit: '1Gi', redisConfig: { maxmemory: '768mb' } }).objects, 'StatefulSet'));
    expect(custom.resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
  });

  test('pins the Valkey 8.1 image the live tests run, to a full version, pulled only if missing', () => {
    expect(redis.image).toBe('valkey/valkey:8.1.1-bookworm');
    expect(redis.imagePullPolicy).toBe('IfNotPresent');
  });

  test('exposes the client and bus ports', () => {
    expect(redis.ports).toEqual([
      { name: 'client', containerPort: 6379, protocol: 'TCP' },
      { name: 'bus', containerPort: 16379, protocol: 'TCP' },
    ]);
  });

  test('mounts the data claim at /data, the ConfigMap read-only at /etc/redis, and a scratch folder', () => {
    expect(redis.volumeMounts).toEqual([
      { name: 'redis-data', mountPath: '/data' },
      { name: 'config', mountPath: '/etc/redis', readOnly: true },
      { name: 'run', mountPath: '/run/redis' },
    ]);
    expect(pod.volumes).toEqual([
      { name: 'config', configMap: { name: 'redis-conf', defaultMode: 0o444 } },
      { name: 'run', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } },
    ]);
  });

  test('claims a volume per pod like the seed (nfs-client, 200M), ReadWriteOnce', () => {
    expect(sts.spec.volumeClaimTemplates).toHaveLength(1);
    const claim = sts.spec.volumeClaimTemplates[0];
    expect(claim.metadata.name).toBe('redis-data');
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'nfs-client',
      resources: { requests: { storage: '200M' } },
    });
  });

  test('takes the storage class, size and access modes from the storage prop', () => {
    const storage = RedisStorage.fromStorageClass({ storageClassName: 'fast-ssd', size: '10Gi', accessModes: ['ReadWriteOnce'] });
    const claim = findObject(synthToDisk({ storage }).objects, 'StatefulSet').spec.volumeClaimTemplates[0];
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'fast-ssd',
      resources: { requests: { storage: '10Gi' } },
    });
  });

  test('keeps claims when the StatefulSet is deleted or scaled down', () => {
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  test('starts Redis through the start script, which refreshes peer addresses', () => {
    expect(redis.command).toEqual(['sh', '/etc/redis/start-redis.sh']);
    expect(redis.args).toBeUndefined();
  });

  test('tells each pod its name, address and DNS domain', () => {
    expect(redis.env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(redis.env).toContainEqual({ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
    expect(envValue(redis, 'POD_DOMAIN')).toBe('redis-service.redis.svc.cluster.local');
    expect(envValue(redis, 'NODES_CONF')).toBe('/data/nodes.conf');
    expect(envValue(redis, 'REDIS_CONF')).toBe('/etc/redis/redis.conf');
  });

  test('follows the cluster domain and namespace in POD_DOMAIN', () => {
    const custom = firstContainer(findObject(synthToDisk({ clusterDomain: 'k8s.example', namespace: 'cache', createNamespace: true }).objects, 'StatefulSet'));
    expect(envValue(custom, 'POD_DOMAIN')).toBe('redis-service.cache.svc.k8s.example');
  });

  test('probes with the probe script: startup, liveness and readiness', () => {
    expect(redis.startupProbe.exec.command).toEqual(['sh', '/etc/redis/probe.sh', 'startup']);
    expect(redis.livenessProbe.exec.command).toEqual(['sh', '/etc/redis/probe.sh', 'liveness']);
    expect(redis.readinessProbe.exec.command).toEqual(['sh', '/etc/redis/probe.sh', 'readiness']);
    // Ten minutes to load a large AOF.
    expect(redis.startupProbe.periodSeconds * redis.startupProbe.failureThreshold).toBeGreaterThanOrEqual(600);
  });

  test('runs as the image\'s redis user (999) without privileges, on a read-only root', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } });
    expect(redis.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 999,
      runAsGroup: 999,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  test('does not inject Service environment variables or an API token', () => {
    expect(pod.enableServiceLinks).toBe(false);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('rolls the pods when redis.conf or a script changes', () => {
    const annotation = (o: any) => o.spec.template.metadata.annotations['redis-cluster-cdk8s/config-checksum'];
    const changed = findObject(synthToDisk({ redisConfig: { hz: 20 } }).objects, 'StatefulSet');
    expect(annotation(sts)).toMatch(/^[0-9a-f]{16}$/);
    expect(annotation(changed)).not.toBe(annotation(sts));
  });

  test('uses the statefulSetName prop for the StatefulSet and its pods', () => {
    const { objects: custom } = synthToDisk({ statefulSetName: 'cache' });
    expect(findObject(custom, 'StatefulSet').metadata.name).toBe('cache');
    expect(findObject(custom, 'Service', 'redis-access-service').spec.selector['statefulset.kubernetes.io/pod-name']).toBe('cache-0');
  });
});

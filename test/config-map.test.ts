import { findObject, redisConfLines, synthToDisk } from './_synth';

describe('RedisConfigMap', () => {
  const { objects } = synthToDisk();
  const lines = redisConfLines(objects);
  const cm = findObject(objects, 'ConfigMap', 'redis-conf');

  test('is named redis-conf, as in the seed', () => {
    expect(cm.metadata.name).toBe('redis-conf');
  });

  test('holds redis.conf and the four container scripts', () => {
    expect(Object.keys(cm.data).sort()).toEqual(['init-cluster.sh', 'pre-stop.sh', 'probe.sh', 'redis.conf', 'start-redis.sh']);
  });

  test('keeps data and nodes.conf on the persistent volume mounted at /data', () => {
    expect(lines).toContain('dir /data');
    expect(lines).toContain('cluster-config-file /data/nodes.conf');
    const sts = findObject(objects, 'StatefulSet', 'redis-app');
    const mounts = sts.spec.template.spec.containers[0].volumeMounts;
    const claim = sts.spec.volumeClaimTemplates[0].metadata.name;
    expect(mounts.find((m: any) => m.name === claim).mountPath).toBe('/data');
  });

  test('logs to stdout so kubectl logs works', () => {
    expect(lines).toContain('logfile ""');
  });

  test('enables cluster mode with a 5000 ms node timeout', () => {
    expect(lines).toContain('cluster-enabled yes');
    expect(lines).toContain('cluster-node-timeout 5000');
  });

  test('announces hostnames and prefers them as endpoints', () => {
    expect(lines).toContain('cluster-preferred-endpoint-type hostname');
  });

  test('announces the client and bus ports', () => {
    expect(lines).toContain('port 6379');
    expect(lines).toContain('cluster-port 16379');
    expect(lines).toContain('cluster-announce-port 6379');
    expect(lines).toContain('cluster-announce-bus-port 16379');
  });

  test('persists with AOF every second and RDB snapshots', () => {
    expect(lines).toContain('appendonly yes');
    expect(lines).toContain('appendfsync everysec');
    expect(lines.filter((l) => l.startsWith('save '))).toEqual(['save 900 1', 'save 300 10', 'save 60 10000']);
  });

  test('runs in the foreground and accepts peers without auth', () => {
    expect(lines).toContain('daemonize no');
    expect(lines).toContain('protected-mode no');
    expect(lines).toContain('bind 0.0.0.0');
  });

  test('drops the directives Redis 7 ignores and uses Redis 7 names', () => {
    expect(lines.some((l) => /ziplist/.test(l))).toBe(false);
    expect(lines.some((l) => l.startsWith('lua-time-limit'))).toBe(false);
    expect(lines).toContain('hash-max-listpack-entries 512');
    expect(lines).toContain('client-output-buffer-limit replica 256mb 64mb 60');
  });

  test('writes no pidfile', () => {
    expect(lines.some((l) => l.startsWith('pidfile'))).toBe(false);
  });

  test('merges redisConfig over the defaults, and null removes a default', () => {
    const custom = redisConfLines(synthToDisk({ redisConfig: { maxmemory: '1gb', hz: 20, rdbcompression: null } }).objects);
    expect(custom).toContain('maxmemory 1gb');
    expect(custom).toContain('hz 20');
    expect(custom).not.toContain('hz 10');
    expect(custom.some((l) => l.startsWith('rdbcompression'))).toBe(false);
  });

  test('starts a full sync as soon as one replica asks for it, whatever replicasPerShard (no roll on a resize)', () => {
    expect(lines).toContain('repl-diskless-sync-delay 1');
    expect(lines).toContain('repl-diskless-sync-max-replicas 1');
    expect(redisConfLines(synthToDisk({ replicasPerShard: 2 }).objects)).toContain('repl-diskless-sync-max-replicas 1');
    expect(redisConfLines(synthToDisk({ redisConfig: { 'repl-diskless-sync-max-replicas': 0 } }).objects)).toContain('repl-diskless-sync-max-replicas 0');
  });

  test('sets the node timeout from clusterNodeTimeoutMs', () => {
    expect(redisConfLines(synthToDisk({ clusterNodeTimeoutMs: 10000 }).objects)).toContain('cluster-node-timeout 10000');
  });

  test.each(['port', 'dir', 'cluster-config-file', 'cluster-enabled', 'cluster-announce-hostname'])(
    'fails when redisConfig sets %s, which the topology owns',
    (directive) => {
      expect(() => synthToDisk({ redisConfig: { [directive]: 'x' } })).toThrow(new RegExp(`redisConfig\\['${directive}'\\] sets ${directive}, which RedisCluster sets.*remove it from redisConfig`));
    },
  );
});

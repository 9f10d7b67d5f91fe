import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { DEFAULTS, RedisClusterChart, RedisClusterProps, RedisStorage, renderRedisConf, WARNINGS_ANNOTATION } from '../src';
import { BadInput, expectRefused } from './_bad-inputs';
import { synthToDisk } from './_synth';
import { resolve } from '../src/cluster/resolve';
import { dataOnVolumeErrors } from '../src/config/data-on-volume';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Builds and synthesizes a chart, so that both constructor checks and node validations run. */
function synth(props: RedisClusterProps): { chart: RedisClusterChart; objects: any[] } {
  const { chart, objects } = synthToDisk(props);
  return { chart, objects };
}

function find(objects: any[], kind: string, name?: string): any {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  expect(found).toBeDefined();
  return found;
}

function redisConf(objects: any[]): string {
  return find(objects, 'ConfigMap').data['redis.conf'];
}

const LONG = (n: number, c = 'a') => c.repeat(n);

const BAD_INPUTS: readonly BadInput[] = [
  // Topology
  { when: 'shards is 2', props: { shards: 2 }, says: ['shards', 'got 2', 'set shards to 3 or more'] },
  { when: 'shards is negative', props: { shards: -3 }, says: ['shards', 'got -3', 'set shards to 3 or more'] },
  { when: 'shards is fractional', props: { shards: 3.5 }, says: ['shards', 'got 3.5', 'set shards to 3 or more'] },
  { when: 'shards is NaN', props: { shards: NaN }, says: ['shards', 'got NaN', 'set shards to 3 or more'] },
  { when: 'shards is a string', props: { shards: '3' as any }, says: ['shards', 'got "3" (a string)', 'write it as a number, not a string: shards: 3'] },
  { when: 'replicasPerShard is negative', props: { replicasPerShard: -1 }, says: ['replicasPerShard', 'got -1', 'set replicasPerShard to 1'] },
  { when: 'replicasPerShard is fractional', props: { replicasPerShard: 1.5 }, says: ['replicasPerShard', 'got 1.5', 'set replicasPerShard to 1'] },
  { when: 'replicasPerShard is absurd', props: { replicasPerShard: 50 }, says: ['replicasPerShard', 'from 0 to 5', 'got 50', 'set replicasPerShard to 1'] },
  { when: 'the cluster would exceed 1000 nodes', props: { shards: 400, replicasPerShard: 2 }, says: ['shards * (1 + replicasPerShard)', '1200', 'lower shards or replicasPerShard'] },
  { when: 'a prop name is misspelt', props: { shard: 5 } as any, says: ['RedisCluster has no property "shard"', 'rename it to "shards"'] },

  // Names
  { when: 'namespace has upper-case letters', props: { namespace: 'Redis' }, says: ['namespace', 'DNS-1123 label', 'got "Redis"', 'e.g. "redis"'] },
  { when: 'namespace has an underscore', props: { namespace: 'redis_prod' }, says: ['namespace', 'got "redis_prod"', 'e.g. "redis-prod"'] },
  { when: 'namespace is longer than 63 characters', props: { namespace: LONG(64) }, says: ['namespace', '64 characters', 'rename it'] },
  { when: 'namespace is empty', props: { namespace: '' }, says: ['namespace', 'it is empty', 'rename it'] },
  { when: 'headlessServiceName starts with a digit', props: { headlessServiceName: '1redis' }, says: ['headlessServiceName', 'DNS-1035', 'starts with a digit', 'e.g. "r-1redis"'] },
  { when: 'headlessServiceName has a dot', props: { headlessServiceName: 'redis.service' }, says: ['headlessServiceName', 'got "redis.service"', 'e.g. "redis-service"'] },
  { when: 'externalServiceName has upper-case letters', props: { externalServiceName: 'Redis-Access' }, says: ['externalServiceName', 'got "Redis-Access"', 'rename it'] },
  { when: 'externalServiceName equals headlessServiceName', props: { externalServiceName: 'redis-service' }, says: ['externalServiceName and headlessServiceName must differ', 'rename one of them'] },
  { when: 'statefulSetName has an underscore', props: { statefulSetName: 'redis_app' }, says: ['statefulSetName', 'got "redis_app"', 'e.g. "redis-app"'] },
  { when: 'a pod hostname would exceed 63 characters', props: { statefulSetName: LONG(62) }, says: ['statefulSetName', 'pod hostnames', `${LONG(62)}-5`, 'shorten statefulSetName to 52 characters or fewer'] },
  { when: 'statefulSetName is longer than the controller allows', props: { statefulSetName: LONG(55) }, says: ['statefulSetName must be at most 52 characters', 'label value holds at most 63', 'shorten it'] },
  { when: 'configMapName has an underscore', props: { configMapName: 'redis_conf' }, says: ['configMapName', 'DNS-1123 subdomain', 'e.g. "redis-conf"'] },
  { when: 'clusterDomain has an underscore', props: { clusterDomain: 'cluster_local' }, says: ['clusterDomain', 'got "cluster_local"', 'rename it'] },
  { when: 'clusterDomain ends with a dot', props: { clusterDomain: 'cluster.local.' }, says: ['clusterDomain', 'empty part between dots', 'e.g. "cluster.local"'] },
  { when: 'clusterDomain has upper-case letters', props: { clusterDomain: 'Cluster.Local' }, says: ['clusterDomain', 'upper-case', 'e.g. "cluster.local"'] },
  { when: 'a clusterDomain part exceeds 63 characters', props: { clusterDomain: `${LONG(64)}.local` }, says: ['clusterDomain', 'longer than 63 characters', 'rename it'] },
  { when: 'pod DNS names exceed 253 characters', props: { clusterDomain: [LONG(60), LONG(60, 'b'), LONG(60, 'c'), LONG(40, 'd')].join('.') }, says: ['pod DNS names must be at most 253 characters', 'shorten'] },

  // Ports
  { when: 'clientPort is 0', props: { clientPort: 0 }, says: ['clientPort', 'from 1 to 65535', 'got 0', 'set clientPort to a port number'] },
  { when: 'clientPort is above 65535', props: { clientPort: 70000, busPort: 16379 }, says: ['clientPort', 'got 70000', 'set clientPort to a port number'] },
  { when: 'clientPort is fractional', props: { clientPort: 6379.5 }, says: ['clientPort', 'got 6379.5'] },
  { when: 'busPort equals clientPort', props: { busPort: 6379 }, says: ['busPort must differ from clientPort', 'leave busPort unset'] },
  { when: 'busPort is out of range', props: { busPort: 65536 }, says: ['busPort', 'got 65536', 'set busPort to a port number'] },
  { when: 'the default busPort overflows', props: { clientPort: 60000 }, says: ['busPort defaults to clientPort + 10000 = 70000', 'set busPort explicitly'] },
  { when: 'nodePort is below the NodePort range', props: { nodePort: 8080 }, says: ['nodePort', 'from 30000 to 32767', 'got 8080', 'pick a free port'] },
  { when: 'nodePort is above the NodePort range', props: { nodePort: 40000 }, says: ['nodePort', 'got 40000', 'leave nodePort unset'] },
  { when: 'nodePort is set without the external Service', props: { nodePort: 30079, externalService: false }, says: ['nodePort is 30079', 'externalService is false', 'remove nodePort'] },
  { when: 'redisConfig sets port', props: { redisConfig: { port: 6380 } }, says: ["redisConfig['port']", 'clientPort prop', 'remove it from redisConfig'] },
  { when: 'redisConfig sets cluster-port', props: { redisConfig: { 'cluster-port': 16380 } }, says: ["redisConfig['cluster-port']", 'busPort prop', 'remove it from redisConfig'] },
  { when: 'redisConfig sets cluster-announce-port', props: { redisConfig: { 'cluster-announce-port': 6380 } }, says: ["redisConfig['cluster-announce-port']", 'clientPort', 'remove it'] },
  { when: 'redisConfig sets cluster-announce-bus-port', props: { redisConfig: { 'cluster-announce-bus-port': 16380 } }, says: ["redisConfig['cluster-announce-bus-port']", 'busPort', 'remove it'] },
  { when: 'redisConfig sets tls-port without the tls prop', props: { redisConfig: { 'tls-port': 6380 } }, says: ["redisConfig['tls-port']", 'tls prop', 'remove it from redisConfig'] },
  { when: 'extraRedisConfig sets tls-cert-file', props: { extraRedisConfig: ['tls-cert-file /tmp/x.crt'] }, says: ['extraRedisConfig[0]', 'tls prop', 'remove it from extraRedisConfig'] },

  // The seed's own bug: data and nodes.conf off the persistent volume
  { when: 'redisConfig moves dir off the volume', props: { redisConfig: { dir: '/var/lib/redis' } }, says: ["redisConfig['dir']", 'always the data volume', 'remove it from redisConfig'] },
  { when: 'redisConfig moves cluster-config-file', props: { redisConfig: { 'cluster-config-file': '/var/lib/redis/nodes.conf' } }, says: ["redisConfig['cluster-config-file']", 'remove it from redisConfig'] },
  { when: 'redisConfig sets cluster-enabled no', props: { redisConfig: { 'cluster-enabled': false } }, says: ["redisConfig['cluster-enabled']", 'always yes', 'remove it'] },
  { when: 'extraRedisConfig sets dir', props: { extraRedisConfig: ['dir /tmp'] }, says: ['extraRedisConfig[0]', 'dir', 'remove it from extraRedisConfig'] },
  { when: 'redisConfig sets cluster-announce-hostname', props: { redisConfig: { 'cluster-announce-hostname': 'redis-0' } }, says: ["redisConfig['cluster-announce-hostname']", 'remove it'] },

  // Quantities
  { when: "storage size is '200MB'", props: () => ({ storage: RedisStorage.fromStorageClass({ size: '200MB' }) }), says: ['storage.size', 'got "200MB"', '200Mi for the binary unit'] },
  { when: "storage size is '-1Gi'", props: () => ({ storage: RedisStorage.fromStorageClass({ size: '-1Gi' }) }), says: ['storage.size', 'greater than zero', 'got "-1Gi"', 'use a positive quantity'] },
  { when: "storage size is '1.5.0'", props: () => ({ storage: RedisStorage.fromStorageClass({ size: '1.5.0' }) }), says: ['storage.size', 'got "1.5.0"', 'write a number with an optional suffix'] },
  { when: 'storage size is zero', props: () => ({ storage: RedisStorage.fromStorageClass({ size: '0' }) }), says: ['storage.size', 'greater than zero'] },
  { when: 'storage size is in milli-bytes', props: () => ({ storage: RedisStorage.fromStorageClass({ size: '200m' }) }), says: ['storage.size', 'thousandths', 'write "200Mi"'] },
  { when: "memoryRequest is '200MB'", props: { memoryRequest: '200MB' }, says: ['memoryRequest', 'got "200MB"', 'Kubernetes quantity'] },
  { when: "memoryLimit is '-1Gi'", props: { memoryLimit: '-1Gi' }, says: ['memoryLimit', 'greater than zero', 'got "-1Gi"'] },
  { when: "cpuRequest is '1.5.0'", props: { cpuRequest: '1.5.0' }, says: ['cpuRequest', 'got "1.5.0"', 'm for millicores'] },
  { when: 'cpuLimit is a word', props: { cpuLimit: 'two' }, says: ['cpuLimit', 'got "two"', "'500m' or '2'"] },
  { when: 'memoryRequest is in milli-bytes', props: { memoryRequest: '512m' }, says: ['memoryRequest', '0.512 bytes', 'write "512Mi"'] },
  { when: 'cpuRequest is above cpuLimit', props: { cpuRequest: '2', cpuLimit: '500m' }, says: ['cpuRequest "2" must not exceed cpuLimit "500m"', 'lower cpuRequest or raise cpuLimit'] },
  { when: 'memoryRequest is above memoryLimit', props: { memoryRequest: '2Gi', memoryLimit: '1Gi', redisConfig: { maxmemory: '512mb' } }, says: ['memoryRequest "2Gi" must not exceed memoryLimit "1Gi"', 'raise memoryLimit'] },
  { when: 'maxmemory equals the memory limit', props: { memoryLimit: '1Gi', redisConfig: { maxmemory: '1gb' } }, says: ["redisConfig['maxmemory']", 'at or above memoryLimit "1Gi"', "e.g. '768mb'"] },
  { when: 'maxmemory is above the memory limit', props: { memoryLimit: '1Gi', redisConfig: { maxmemory: '2gb' } }, says: ["redisConfig['maxmemory']", 'at or above memoryLimit', 'set maxmemory to about 75% of the limit'] },
  { when: 'memoryLimit is set without maxmemory', props: { memoryLimit: '2Gi' }, says: ["redisConfig['maxmemory'] must be set below memoryLimit", "e.g. '1536mb'"] },
  { when: 'maxmemory has a decimal', props: { redisConfig: { maxmemory: '1.5gb' } }, says: ["redisConfig['maxmemory']", 'memory size', "e.g. '64mb'"] },
  { when: "maxmemory uses Kubernetes' Mi", props: { redisConfig: { maxmemory: '512Mi' } }, says: ["redisConfig['maxmemory']", "no 'Mi'"] },

  // redis.conf directives
  { when: 'a directive is misspelt', props: { redisConfig: { maxmemroy: '1gb' } }, says: ["redisConfig['maxmemroy']", 'did you mean "maxmemory"?', 'rename it to "maxmemory"', 'allowUnknownDirectives'] },
  { when: 'a directive is unknown', props: { redisConfig: { 'frobnicate-everything': 'yes' } }, says: ["redisConfig['frobnicate-everything']", 'which no Redis (7.0 to 8.0) or Valkey (7.2 to 8.1) release accepts', 'list it in allowUnknownDirectives'] },
  { when: 'vm-enabled is set', props: { redisConfig: { 'vm-enabled': false } }, says: ["redisConfig['vm-enabled']", 'refuses at start', 'remove it'] },
  { when: 'hash-max-zipmap-entries is set', props: { redisConfig: { 'hash-max-zipmap-entries': 64 } }, says: ["redisConfig['hash-max-zipmap-entries']", 'refuses at start', 'use hash-max-listpack-entries'] },
  { when: 'list-max-ziplist-entries is set', props: { redisConfig: { 'list-max-ziplist-entries': 512 } }, says: ["redisConfig['list-max-ziplist-entries']", 'silently ignores', 'list-max-listpack-size'] },
  { when: 'list-max-ziplist-value is set', props: { redisConfig: { 'list-max-ziplist-value': 64 } }, says: ["redisConfig['list-max-ziplist-value']", 'silently ignores', 'list-max-listpack-size'] },
  { when: 'an old alias is used', props: { redisConfig: { 'slave-read-only': true } }, says: ["redisConfig['slave-read-only']", 'rename it to "replica-read-only"'] },
  { when: 'a ziplist alias is used', props: { redisConfig: { 'hash-max-ziplist-entries': 256 } }, says: ["redisConfig['hash-max-ziplist-entries']", 'rename it to "hash-max-listpack-entries"'] },
  { when: 'lua-time-limit is used', props: { redisConfig: { 'lua-time-limit': 5000 } }, says: ["redisConfig['lua-time-limit']", 'rename it to "busy-reply-threshold"'] },
  { when: 'a yes/no directive gets another word', props: { redisConfig: { appendonly: 'maybe' } }, says: ["redisConfig['appendonly']", 'must be yes or no', 'got "maybe"', 'use true or false'] },
  { when: 'a yes/no directive gets a number', props: { redisConfig: { activerehashing: 1 } }, says: ["redisConfig['activerehashing']", 'must be yes or no', 'got "1"'] },
  { when: 'an integer directive gets a unit', props: { redisConfig: { 'tcp-keepalive': '60s' } }, says: ["redisConfig['tcp-keepalive']", 'must be an integer', 'got "60s"', 'digits only'] },
  { when: 'an integer directive is out of range', props: { redisConfig: { databases: 0 } }, says: ["redisConfig['databases']", 'from 1 to 2147483647', 'got "0"', 'use a value in that range'] },
  { when: 'a memory directive has a space', props: { redisConfig: { 'auto-aof-rewrite-min-size': '64 mb' } }, says: ["redisConfig['auto-aof-rewrite-min-size']", 'exactly one argument', 'quote a value'] },
  { when: 'appendfsync is not an allowed word', props: { redisConfig: { appendfsync: 'sometimes' } }, says: ["redisConfig['appendfsync']", 'one of everysec, always, no', 'got "sometimes"'] },
  { when: 'loglevel is not an allowed word', props: { redisConfig: { loglevel: 'info' } }, says: ["redisConfig['loglevel']", 'one of debug, verbose, notice, warning', 'got "info"'] },
  { when: 'maxmemory-policy is misspelt', props: { redisConfig: { 'maxmemory-policy': 'allkeys_lru' } }, says: ["redisConfig['maxmemory-policy']", 'did you mean "allkeys-lru"?', 'set it to "allkeys-lru"'] },
  { when: 'daemonize is yes', props: { redisConfig: { daemonize: true } }, says: ["redisConfig['daemonize'] is yes", 'container', 'set daemonize to false'] },
  { when: 'protected-mode is yes without a password', props: { auth: false, externalService: false, redisConfig: { 'protected-mode': true } }, says: ["redisConfig['protected-mode'] is yes", 'replicas cannot sync', 'set protected-mode to false'] },
  { when: 'protected-mode is removed, so Redis defaults to yes', props: { auth: false, externalService: false, redisConfig: { 'protected-mode': null } }, says: ["redisConfig['protected-mode']", 'defaults to yes', 'set protected-mode to false'] },
  { when: 'bind is the loopback address', props: { redisConfig: { bind: '127.0.0.1' } }, says: ["redisConfig['bind']", '"127.0.0.1"', "set bind to '0.0.0.0'"] },
  { when: 'bind is empty', props: { redisConfig: { bind: '' } }, says: ["redisConfig['bind']", 'listen on no TCP address', "set bind to '0.0.0.0'"] },
  { when: 'replicaof is set', props: { extraRedisConfig: ['replicaof 10.0.0.1 6379'] }, says: ['extraRedisConfig[0]', 'not allowed in cluster mode', 'set replicasPerShard'] },
  { when: 'slaveof is set', props: { redisConfig: { slaveof: '10.0.0.1 6379' } }, says: ["redisConfig['slaveof']", 'rename it to "replicaof"'] },
  { when: 'requirepass is set', props: { redisConfig: { requirepass: 's3cret' } }, says: ["redisConfig['requirepass']", 'sets the password itself, from a Secret', 'authSecretName'] },
  { when: 'an ACL user is declared', props: { extraRedisConfig: ['user app on >s3cret ~* +@all'] }, says: ['extraRedisConfig[0]', 'sets the password itself', 'remove it', 'or the users prop for ACL users'] },
  { when: 'logfile is a file', props: { redisConfig: { logfile: '/var/log/redis/redis.log' } }, says: ["redisConfig['logfile']", 'read-only', "set logfile to ''"] },
  { when: 'cluster-announce-ip is set', props: { redisConfig: { 'cluster-announce-ip': '10.0.0.5' } }, says: ["redisConfig['cluster-announce-ip']", 'every pod would announce alike', 'remove it'] },
  { when: 'a file is included', props: { extraRedisConfig: ['include /etc/redis/local.conf'] }, says: ['extraRedisConfig[0]', 'the pod does not have', 'put the directives in redisConfig'] },
  { when: 'a command the probes need is renamed', props: { extraRedisConfig: ['rename-command CONFIG ""'] }, says: ['extraRedisConfig[0]', 'renames CONFIG', 'rename other commands only'] },
  { when: 'unixsocket is off the volume', props: { redisConfig: { unixsocket: '/tmp/redis.sock' } }, says: ["redisConfig['unixsocket']", 'read-only', "'/data/redis.sock'"] },
  { when: 'a directive is written in upper case', props: { redisConfig: { MAXMEMORY: '1gb' } }, says: ["redisConfig['MAXMEMORY']", 'upper case', 'write it as "maxmemory"'] },
  { when: 'a one-value directive is given an array', props: { redisConfig: { maxmemory: ['1gb', '2gb'] } }, says: ["redisConfig['maxmemory'][1]", 'again after', 'keep one'] },
  { when: 'dbfilename is a path', props: { redisConfig: { dbfilename: '/data/dump.rdb' } }, says: ["redisConfig['dbfilename']", 'bare file name', 'use e.g. "dump.rdb"'] },
  { when: 'a one-argument directive has a space', props: { redisConfig: { dbfilename: 'my dump.rdb' } }, says: ["redisConfig['dbfilename']", 'exactly one argument', '2 arguments'] },
  { when: 'save lacks its change count', props: { redisConfig: { save: '900' } }, says: ["redisConfig['save']", '<seconds> <changes>', "e.g. '900 1'"] },
  { when: 'client-output-buffer-limit names the master class', props: { redisConfig: { 'client-output-buffer-limit': ['master 256mb 64mb 60'] } }, says: ["redisConfig['client-output-buffer-limit'][0]", 'class normal, replica or pubsub', "e.g. 'replica 256mb 64mb 60'"] },
  { when: 'notify-keyspace-events has unknown classes', props: { redisConfig: { 'notify-keyspace-events': 'Xyz' } }, says: ["redisConfig['notify-keyspace-events']", 'Ag$lshzxeKEtmdn', "e.g. 'Ex'"] },
  { when: 'min-replicas-to-write exceeds the replicas', props: { redisConfig: { 'min-replicas-to-write': 2 } }, says: ["redisConfig['min-replicas-to-write'] is 2", 'only 1 replica', 'set it to 1 or less'] },
  { when: 'a redisConfig value is an object', props: { redisConfig: { maxmemory: { size: '1gb' } as any } }, says: ["redisConfig['maxmemory']", 'string, number or boolean', "e.g. '64mb'"] },
  { when: 'a redisConfig value has a line break', props: { redisConfig: { 'notify-keyspace-events': 'Ex\nmaxmemory 1' } }, says: ["redisConfig['notify-keyspace-events']", 'one line', 'remove the line break'] },
  { when: 'an extra line has unbalanced quotes', props: { extraRedisConfig: ['rename-command FLUSHALL "'] }, says: ['extraRedisConfig[0]', 'unbalanced quotes', 'close every quote'] },
  { when: 'an extra line has a line break', props: { extraRedisConfig: ['maxmemory 1gb\nmaxmemory-policy allkeys-lru'] }, says: ['extraRedisConfig[0]', 'one line', 'its own array element'] },
  { when: 'an extra line repeats a redisConfig directive', props: { redisConfig: { maxmemory: '1gb' }, extraRedisConfig: ['maxmemory 2gb'] }, says: ['extraRedisConfig[0]', "redisConfig['maxmemory'] also sets", 'set it in one place'] },
  { when: 'extra lines repeat a one-value directive', props: { extraRedisConfig: ['maxmemory 1gb', 'maxmemory 2gb'] }, says: ['extraRedisConfig[1]', 'again after extraRedisConfig[0]', 'keep one'] },
  { when: 'an extra line has a typo', props: { extraRedisConfig: ['maxmemory-polcy allkeys-lru'] }, says: ['extraRedisConfig[0]', 'did you mean "maxmemory-policy"?'] },
  { when: 'an extra line has a value of the wrong type', props: { extraRedisConfig: ['appendfsync sometimes'] }, says: ['extraRedisConfig[0]', 'one of everysec, always, no'] },
  { when: 'allowUnknownDirectives lists a known directive', props: { allowUnknownDirectives: ['maxmemory'] }, says: ['allowUnknownDirectives[0]', '"maxmemory"', 'remove it from allowUnknownDirectives'] },
  { when: 'allowUnknownDirectives lists a removed directive', props: { allowUnknownDirectives: ['vm-enabled'] }, says: ['allowUnknownDirectives[0]', 'remove it from allowUnknownDirectives'] },
  { when: 'allowUnknownDirectives has an invalid name', props: { allowUnknownDirectives: ['Bad Name'] }, says: ['allowUnknownDirectives[0]', 'lower-case redis.conf directive name'] },
  { when: 'a Redis 7.2 directive meets a Redis 7.0 image', props: { image: 'redis:7.0.15', redisConfig: { 'locale-collate': 'C' } }, says: ["redisConfig['locale-collate']", 'Redis 7.0 refuses at start', 'measured on Redis 7.0.15', 'use a redis:7.2 image or later, or remove it'] },
  { when: 'a Valkey directive meets a Redis image', props: { image: 'redis:7.2.6-bookworm', redisConfig: { 'dual-channel-replication-enabled': true } }, says: ["redisConfig['dual-channel-replication-enabled']", 'Redis 7.2 refuses at start', 'use a valkey/valkey:8.0 image or later, or remove it'] },
  { when: 'a Valkey 8.1 directive meets a Redis 8.0 image', props: { image: 'redis:8.0.2-bookworm', redisConfig: { 'log-format': 'logfmt' } }, says: ["redisConfig['log-format']", 'Redis 8.0 refuses at start', 'measured on Redis 8.0.2', 'image "redis:8.0.2-bookworm" runs Redis 8.0', 'use a valkey/valkey:8.1 image or later'] },
  { when: 'a Valkey 8.1 directive meets a Valkey 8.0 image', props: { image: 'valkey/valkey:8.0.2', redisConfig: { 'import-mode': false } }, says: ["redisConfig['import-mode']", 'Valkey 8.0 refuses at start', "from Valkey 8.0's src/config.c", 'use a valkey/valkey:8.1 image or later'] },
  { when: 'a Redis 8.0 directive meets a Redis 8.6 image, which is checked as 8.0', props: { image: 'redis:8.6.0', redisConfig: { 'availability-zone': 'a' } }, says: ["redisConfig['availability-zone']", 'Redis 8.2 refuses at start', 'not verified', 'image "redis:8.6.0" runs Redis 8.6'] },

  // Images
  { when: 'the image has no tag', props: { image: 'redis' }, says: ['image', 'got "redis"', `pin it to a release, e.g. '${DEFAULTS.image}'`] },
  { when: 'the image is latest', props: { image: 'redis:latest' }, says: ['image', "'latest'", 'pin it to a release'] },
  { when: 'the image has a registry port but no tag', props: { image: 'localhost:5000/redis' }, says: ['image', 'must be pinned', 'pin it to a release'] },
  { when: 'the image name has upper-case letters', props: { image: 'Redis:7.2.6' }, says: ['image', 'not a valid image reference', 'pin it'] },
  { when: 'the image digest is malformed', props: { image: 'redis@sha256:abc' }, says: ['image', 'malformed digest', '64 lower-case hex digits'] },
  { when: 'the image runs Redis 6', props: { image: 'redis:6.2.14' }, says: ['image must run Redis 7.0 or later', 'got "redis:6.2.14"', DEFAULTS.image] },
  { when: 'the image tag is a major version only', props: { image: 'redis:7' }, says: ['image must be pinned to a full version', 'got "redis:7"', "pin it to 'redis:7.<minor>.<patch>'", 'set allowMovingImageTags to true'] },
  { when: 'the image tag is a major.minor version', props: { image: 'redis:7.2' }, says: ['image must be pinned to a full version', 'moves the tag "7.2" to each new release', "pin it to 'redis:7.2.<patch>'", "'redis@sha256:<64 hex digits>'"] },
  { when: 'the image tag is a newer major.minor version', props: { image: 'redis:8.2' }, says: ['image must be pinned to a full version', "pin it to 'redis:8.2.<patch>'"] },
  { when: 'the image tag is a variant only', props: { image: 'redis:alpine' }, says: ['image must be pinned to a full version', 'got "redis:alpine"', "pin it to 'redis:<major.minor.patch>-alpine'"] },
  { when: 'the image tag is a Debian release only', props: { image: 'redis:bookworm' }, says: ['image must be pinned to a full version', "pin it to 'redis:<major.minor.patch>-bookworm'"] },
  { when: 'the Valkey image tag is a major version only', props: { image: 'valkey/valkey:8' }, says: ['image must be pinned to a full version', 'got "valkey/valkey:8"', "pin it to 'valkey/valkey:8.<minor>.<patch>'"] },
  { when: 'the image tag is a major.minor version with a variant', props: { image: 'redis:7.2-bookworm' }, says: ['image must be pinned to a full version', "pin it to 'redis:7.2.<patch>-bookworm'"] },
  { when: 'a registry mirror tag is a major.minor version', props: { image: 'registry.example.com:5000/mirror/valkey:8.1' }, says: ['image must be pinned to a full version', "pin it to 'registry.example.com:5000/mirror/valkey:8.1.<patch>'"] },
  { when: 'a private mirror tag is a date', props: { image: 'registry.example.com/cache/server:2024-11' }, says: ['image must be pinned to a full version', "pin it to 'registry.example.com/cache/server:<major.minor.patch>'", "'registry.example.com/cache/server@sha256:<64 hex digits>'"] },
  { when: 'a moving tag is allowed, but latest is still refused', props: { image: 'redis:latest', allowMovingImageTags: true }, says: ['image', "must not use the 'latest' tag", 'pin it to a release'] },
  { when: 'allowMovingImageTags is a string', props: { allowMovingImageTags: 'yes' as any }, says: ['allowMovingImageTags must be true or false', 'got "yes"'] },
  { when: 'a moving tag without a version is allowed, but the server is not declared', props: { image: 'redis:alpine', allowMovingImageTags: true }, says: ['image "redis:alpine" runs Redis, but its tag "alpine" does not say which version', "declare the server the image runs, e.g. server: { product: 'redis', version: '8.0' }"] },
  { when: 'a private mirror does not say which server it runs', props: { image: 'registry.example.com/cache/server:2024-11', allowMovingImageTags: true }, says: ['image "registry.example.com/cache/server:2024-11" runs a server its name ("cache/server") does not reveal', 'version gates', "declare the server the image runs, e.g. server: { product: 'valkey', version: '8.1' }"] },
  { when: 'another vendor\'s image pinned to a full version does not say which server it runs', props: { image: 'docker.io/acme/keyvalue:2.4.1' }, says: ['runs a server its name ("acme/keyvalue") does not reveal', 'declare the server'] },
  { when: 'a bare digest does not say which server it runs', props: { image: `redis@sha256:${'0123456789abcdef'.repeat(4)}` }, says: ['a digest names no version', "declare the server the image runs, e.g. server: { product: 'redis', version: '8.0' }"] },
  { when: 'the declared server disagrees with the image name on the product', props: { image: 'redis:8.0.2-bookworm', server: { product: 'valkey', version: '8.0' } }, says: ['server says Valkey 8.0, but image "redis:8.0.2-bookworm" names Redis 8.0', "correct server to { product: 'redis', version: '8.0' }, or remove it"] },
  { when: 'the declared server disagrees with the image name on the version', props: { image: `valkey/valkey:8.1.1@sha256:${'a'.repeat(64)}`, server: { product: 'valkey', version: '8.0' } }, says: ['server says Valkey 8.0, but image', 'names Valkey 8.1', "version: '8.1'"] },
  { when: 'the declared server is older than Redis 7.0', props: { image: 'registry.example.com/cache/server:6.2.14', server: { product: 'redis', version: '6.2' } }, says: ['image must run Redis 7.0 or later', 'server declares Redis 6.2', DEFAULTS.image] },
  { when: 'the declared Valkey is older than any Valkey release', props: { image: 'registry.example.com/cache/server:1.0.0', server: { product: 'valkey', version: '7.0' } }, says: ['image must run Valkey 7.2 or later', 'server declares Valkey 7.0'] },
  { when: 'the declared server names an unknown product', props: { image: 'registry.example.com/cache/server:1.0.0', server: { product: 'keydb', version: '6.3' } as any }, says: ["server.product must be 'redis' or 'valkey'", 'got "keydb"'] },
  { when: 'the declared server version has a patch', props: { image: 'registry.example.com/cache/server:1.0.0', server: { product: 'valkey', version: '8.1.1' } }, says: ['server.version must be the major.minor version', 'got "8.1.1"', "write '8.1'"] },
  { when: 'the declared server version is a number', props: { image: 'registry.example.com/cache/server:1.0.0', server: { product: 'valkey', version: 8.1 as any } }, says: ['server.version must be the major.minor version the image runs, as a string', 'got 8.1'] },
  { when: 'the declared server has an unknown field', props: { image: 'registry.example.com/cache/server:1.0.0', server: { product: 'valkey', version: '8.1', patch: 1 } as any }, says: ['server', '"patch"'] },
  { when: 'the declared server is a string', props: { image: 'registry.example.com/cache/server:1.0.0', server: 'valkey 8.1' as any }, says: ['server must be an object naming the product and major.minor version', "e.g. server: { product: 'valkey', version: '8.1' }"] },
  { when: 'a directive the declared server refuses is set', props: { image: 'registry.example.com/cache/server:1.0.0', server: { product: 'redis', version: '8.0' }, redisConfig: { 'log-format': 'logfmt' } }, says: ["redisConfig['log-format']", 'Redis 8.0 refuses at start', 'runs Redis 8.0'] },

  // Storage
  { when: 'an access mode is unknown', props: () => ({ storage: RedisStorage.fromStorageClass({ accessModes: ['ReadWriteSometimes'] }) }), says: ['storage.accessModes[0]', 'got "ReadWriteSometimes"', "use 'ReadWriteOnce'"] },
  { when: 'an access mode is in the wrong case', props: () => ({ storage: RedisStorage.fromStorageClass({ accessModes: ['readwriteonce'] }) }), says: ['storage.accessModes[0]', 'case-sensitive'] },
  { when: 'the access mode is ReadOnlyMany', props: () => ({ storage: RedisStorage.fromStorageClass({ accessModes: ['ReadOnlyMany'] }) }), says: ['storage.accessModes[0]', 'Redis writes', "use 'ReadWriteOnce'"] },
  { when: 'no access mode is given', props: () => ({ storage: RedisStorage.fromStorageClass({ accessModes: [] }) }), says: ['storage.accessModes must list at least one', "use ['ReadWriteOnce']"] },
  { when: 'an access mode is repeated', props: () => ({ storage: RedisStorage.fromStorageClass({ accessModes: ['ReadWriteOnce', 'ReadWriteOnce'] }) }), says: ['storage.accessModes lists "ReadWriteOnce" twice', 'list each mode once'] },
  { when: 'the storage class name is invalid', props: () => ({ storage: RedisStorage.fromStorageClass({ storageClassName: 'NFS_Client' }) }), says: ['storage.storageClassName', 'got "NFS_Client"', 'e.g. "nfs-client"'] },
  { when: 'a storage option is misspelt', props: () => ({ storage: RedisStorage.fromStorageClass({ sizee: '1Gi' } as any) }), says: ['"sizee"', 'rename it to "size"'] },
  { when: 'storage is a plain object', props: { storage: { size: '1Gi' } as any }, says: ['storage must be made with a RedisStorage factory'] },

  // Timings and switches
  { when: 'clusterNodeTimeoutMs is too short', props: { clusterNodeTimeoutMs: 500 }, says: ['clusterNodeTimeoutMs', 'got 500', 'set clusterNodeTimeoutMs to 1000 or more'] },
  { when: 'initWaitTimeoutSeconds outlasts the Job deadline', props: { initWaitTimeoutSeconds: 600 }, says: ['initWaitTimeoutSeconds', 'from 1 to 599', 'got 600'] },
  { when: 'initWaitTimeoutSeconds is zero', props: { initWaitTimeoutSeconds: 0 }, says: ['initWaitTimeoutSeconds', 'got 0'] },
  { when: 'createNamespace is a string', props: { createNamespace: 'false' as any }, says: ['createNamespace must be true or false', 'got "false"'] },
  { when: 'preStopTimeoutSeconds is zero', props: { preStopTimeoutSeconds: 0 }, says: ['preStopTimeoutSeconds', 'got 0'] },
  { when: 'terminationGracePeriodSeconds does not outlast the preStop wait', props: { terminationGracePeriodSeconds: 20 }, says: ['terminationGracePeriodSeconds must be longer than preStopTimeoutSeconds (20)', 'set it to 30 or more'] },

  // Security
  { when: 'auth is off with the NodePort Service on, unacknowledged', props: { auth: false }, says: ['auth is false while externalService is on', 'allowUnauthenticatedExternalAccess'] },
  { when: 'auth is a string', props: { auth: 'yes' as any }, says: ['auth must be true or false', 'got "yes"'] },
  { when: 'the auth Secret name is not a DNS subdomain', props: { authSecretName: 'Redis_Auth' }, says: ['authSecretName', 'got "Redis_Auth"'] },
  { when: 'the auth Secret key has a space', props: { authSecretKey: 'the password' }, says: ['authSecretKey must be a Secret key', "e.g. 'password'"] },
  { when: 'an auth Secret is named while auth is off', props: { auth: false, externalService: false, authSecretName: 'x' }, says: ['authSecretName/authSecretKey are set, but auth is false', 'set auth to true'] },
  { when: 'clientPodLabels is empty, admitting every pod', props: { clientPodLabels: {} }, says: ['clientPodLabels must not be empty', 'every pod in every namespace'] },
  { when: 'a client label value is too long', props: { clientPodLabels: { role: LONG(64) } }, says: ['clientPodLabels["role"] must be a label value', 'at most 63'] },
  { when: 'a client label key is invalid', props: { clientPodLabels: { '-role': 'api' } }, says: ['clientPodLabels key "-role" is not a valid label key'] },
  { when: 'externalClientCidrs is empty', props: { externalClientCidrs: [] }, says: ['externalClientCidrs must list at least one CIDR'] },
  { when: 'an external client CIDR has no prefix length', props: { externalClientCidrs: ['10.0.0.0'] }, says: ['externalClientCidrs[0] must be a CIDR', 'got "10.0.0.0"'] },
  { when: 'an external client CIDR has an octet above 255', props: { externalClientCidrs: ['10.300.0.0/16'] }, says: ['externalClientCidrs[0] must be a CIDR'] },

  // Outside access per pod
  { when: 'externalServicePerPod has no node port bases', props: { externalServicePerPod: true }, says: ['externalServicePerPod needs nodePort and busNodePort', 'set both'] },
  { when: 'busNodePort is set without externalServicePerPod', props: { busNodePort: 30200 }, says: ['busNodePort is 30200, but externalServicePerPod is not on'] },
  { when: 'externalServicePerPod is on while externalService is off', props: { externalService: false, externalServicePerPod: true }, says: ['externalServicePerPod is true, but externalService is false'] },
  { when: 'the per-pod node ports run past 32767', props: { externalServicePerPod: true, nodePort: 32765, busNodePort: 30200, externalBusCidrs: ['10.0.0.0/16'] }, says: ['nodePort 32765 + 5', 'set nodePort to 32762 or less'] },
  { when: 'the per-pod client and bus node ports overlap', props: { externalServicePerPod: true, nodePort: 30100, busNodePort: 30103, externalBusCidrs: ['10.0.0.0/16'] }, says: ['overlapping ranges for 6 pods', 'e.g. busNodePort 30106'] },
  { when: 'busNodePort is outside the NodePort range', props: { externalServicePerPod: true, nodePort: 30100, busNodePort: 20000, externalBusCidrs: ['10.0.0.0/16'] }, says: ['busNodePort must be an integer from 30000 to 32767', 'got 20000'] },

  // Metrics and placement
  { when: 'a ServiceMonitor is asked for without metrics', props: { serviceMonitor: true }, says: ['serviceMonitor is true but metrics is false', 'set metrics to true'] },
  { when: 'metricsPort is set without metrics', props: { metricsPort: 9200 }, says: ['metricsPort is set, but metrics is false'] },
  { when: 'metricsPort equals the client port', props: { metrics: true, metricsPort: 6379 }, says: ['metricsPort must differ from clientPort and busPort', 'got 6379'] },
  { when: 'the exporter image is latest', props: { metrics: true, metricsExporterImage: 'oliver006/redis_exporter:latest' }, says: ['metricsExporterImage'] },
  { when: 'the exporter image tag moves', props: { metrics: true, metricsExporterImage: 'oliver006/redis_exporter:v1.67' }, says: ['metricsExporterImage must be pinned to a full version', "pin it to 'oliver006/redis_exporter:v1.67.<patch>'", 'set allowMovingImageTags to true'] },
  { when: 'the exporter image tag is a variant only', props: { metrics: true, metricsExporterImage: 'oliver006/redis_exporter:alpine' }, says: ['metricsExporterImage must be pinned to a full version', "pin it to 'oliver006/redis_exporter:<major.minor.patch>-alpine'"] },
  { when: 'the scrape interval has no unit', props: { metrics: true, serviceMonitorInterval: '30' }, says: ['serviceMonitorInterval must be a duration', 'got "30"'] },
  { when: 'a nodeSelector value has a space', props: { nodeSelector: { pool: 'fast disks' } }, says: ['nodeSelector["pool"] must be a label value'] },
  { when: 'the priority class name has capitals', props: { priorityClassName: 'Critical' }, says: ['priorityClassName', 'got "Critical"'] },

  // Storage strategies
  { when: 'the NFS server is empty', props: () => ({ storage: RedisStorage.staticNfs({ server: '', path: '/exports' }) }), says: ["storage.server must be the NFS server's host name or IP address"] },
  { when: 'the NFS path is relative', props: () => ({ storage: RedisStorage.dynamicNfs({ server: 'nfs', path: 'exports/redis' }) }), says: ['storage.path must be the absolute exported path', 'got "exports/redis"'] },
  { when: 'the NFS provisioner image tag moves', props: () => ({ storage: RedisStorage.dynamicNfs({ server: 'nfs', path: '/x', provisionerImage: 'registry.k8s.io/sig-storage/nfs-subdir-external-provisioner:v4' }) }), says: ['storage.provisionerImage must be pinned to a full version', "pin it to 'registry.k8s.io/sig-storage/nfs-subdir-external-provisioner:v4.<minor>.<patch>'", 'set storage.allowMovingProvisionerImageTag to true'] },
  { when: 'the NFS provisioner image has no tag', props: () => ({ storage: RedisStorage.dynamicNfs({ server: 'nfs', path: '/x', provisionerImage: 'registry.k8s.io/sig-storage/nfs-subdir-external-provisioner' }) }), says: ['storage.provisionerImage'] },
  { when: 'the dynamic NFS storage class is empty', props: () => ({ storage: RedisStorage.dynamicNfs({ server: 'nfs', path: '/x', storageClassName: '' }) }), says: ['storage.storageClassName must name the StorageClass the provisioner serves'] },
  { when: 'a static NFS option is misspelt', props: () => ({ storage: RedisStorage.staticNfs({ server: 'nfs', path: '/x', sise: '1Gi' } as any) }), says: ['"sise"', 'rename it to "size"'] },
];

describe('rejected inputs', () => {
  // The rules run in resolve(), before any construct exists: no chart is built for these rows.
  test.each(BAD_INPUTS.map((c) => [c.when, c] as const))('fails when %s', (_when, c) => expectRefused(c));

  test('a rejected input fails the chart the same way, before anything is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejected-'));
    outdirs.push(outdir);
    const app = new App({ outdir });
    expect(() => new RedisClusterChart(app, 'redis-cluster', { shards: 2 })).toThrow(/set shards to 3 or more/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('the inputs are distinct', () => {
    const keys = BAD_INPUTS.map((c) => c.when);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(40);
  });
});

describe('the data directory check over the finished objects', () => {
  const statefulSet = (mountPath: string) => ({
    spec: {
      volumeClaimTemplates: [{ metadata: { name: 'redis-data' } }],
      template: { spec: { containers: [{ name: 'redis', volumeMounts: [{ name: 'redis-data', mountPath }, { name: 'config', mountPath: '/etc/redis' }] }] } },
    },
  });

  test('passes when dir and nodes.conf are on the claimed volume', () => {
    expect(dataOnVolumeErrors('dir /data\ncluster-config-file /data/nodes.conf\n', statefulSet('/data'))).toEqual([]);
    expect(dataOnVolumeErrors('dir /data\ncluster-config-file nodes.conf\n', statefulSet('/data/'))).toEqual([]);
  });

  test('fails when dir is off the persistent volume (the seed wrote to /data, mounted /var/lib/redis)', () => {
    const errors = dataOnVolumeErrors('dir /data\ncluster-config-file /data/nodes.conf\n', statefulSet('/var/lib/redis'));
    expect(errors).toEqual([
      expect.stringMatching(/'dir' is "\/data", which is not on a persistent volume \(volume claims mounted at: \/var\/lib\/redis\).*keep dir at the data volume's mount path/),
      expect.stringMatching(/'cluster-config-file' resolves to "\/data\/nodes.conf".*keep nodes.conf on the data volume/),
    ]);
  });

  test('fails when cluster-config-file is off the persistent volume', () => {
    const errors = dataOnVolumeErrors('dir /data\ncluster-config-file /etc/redis/nodes.conf\n', statefulSet('/data'));
    expect(errors).toEqual([expect.stringContaining("'cluster-config-file' resolves to \"/etc/redis/nodes.conf\"")]);
  });

  test('fails when dir is on a mounted volume that is not a claim', () => {
    const errors = dataOnVolumeErrors('dir /etc/redis\ncluster-config-file nodes.conf\n', statefulSet('/data'));
    expect(errors).toHaveLength(2);
  });

  test('runs at synth over the default chart, and passes', () => {
    const app = Testing.app();
    outdirs.push(app.outdir);
    const chart = new RedisClusterChart(app, 'test');
    const conf = chart.cluster.configMap.files['redis.conf'];
    expect(dataOnVolumeErrors(conf, chart.cluster.statefulSet.statefulSet.toJson())).toEqual([]);
    expect(chart.cluster.node.validate()).toEqual([]);
  });
});

describe('good configurations still synthesize', () => {
  test.each([
    ['redis:8.0.2-bookworm', { 'server-cpulist': '0-1', 'hide-user-data-from-log': true, 'replica-full-sync-buffer-limit': '64mb' }],
    ['valkey/valkey:8.1.1-bookworm', { 'log-format': 'logfmt', 'cluster-manual-failover-timeout': 5000, 'import-mode': false }],
    ['valkey/valkey:8.0.2', { 'dual-channel-replication-enabled': true, 'availability-zone': 'a' }],
  ] as const)('directives %s really accepts: %j', (image, redisConfig) => {
    expect(() => synth({ image, redisConfig })).not.toThrow();
  });

  test('the default configuration', () => {
    const { chart, objects } = synth({});
    expect(chart.cluster.warnings).toEqual([]);
    expect(find(objects, 'StatefulSet').metadata.annotations).toBeUndefined();
  });

  test('a tuned configuration, with memory limits and a typed redis.conf', () => {
    const { objects } = synth({
      shards: 5,
      replicasPerShard: 2,
      namespace: 'cache-prod',
      createNamespace: true,
      clusterDomain: 'k8s.example.internal',
      clientPort: 7000,
      busPort: 17000,
      nodePort: 30700,
      image: 'redis:7.0.15',
      cpuRequest: '250m',
      cpuLimit: '1',
      memoryRequest: '1Gi',
      memoryLimit: '2Gi',
      storage: RedisStorage.fromStorageClass({ storageClassName: 'fast-ssd', size: '10Gi', accessModes: ['ReadWriteOnce'] }),
      redisConfig: {
        'maxmemory': '1536mb',
        'maxmemory-policy': 'allkeys-lru',
        'appendfsync': 'always',
        'loglevel': 'warning',
        'save': ['3600 1', '300 100'],
        'min-replicas-to-write': 1,
        'shutdown-on-sigterm': 'nosave now',
        'list-max-listpack-size': -2,
        'slowlog-log-slower-than': -1,
        'client-output-buffer-limit': ['normal 0 0 0', 'replica 512mb 128mb 60', 'pubsub 32mb 8mb 60'],
        'bind': '* -::*',
      },
    });
    const conf = redisConf(objects);
    expect(conf).toContain('\nmaxmemory 1536mb\n');
    expect(conf).toContain('\nbind * -::*\n');
    expect(find(objects, 'StatefulSet').spec.replicas).toBe(15);
  });

  test('raw lines, with a directive newer than the checker allowed explicitly', () => {
    const { objects } = synth({
      extraRedisConfig: ['# operations', 'rename-command FLUSHALL ""', 'rename-command KEYS ""', 'some-future-directive 42'],
      allowUnknownDirectives: ['some-future-directive'],
    });
    const conf = redisConf(objects);
    expect(conf.endsWith('# operations\nrename-command FLUSHALL ""\nrename-command KEYS ""\nsome-future-directive 42\n')).toBe(true);
  });

  test('a Valkey image with a Valkey 8 directive, pinned by digest', () => {
    const { objects } = synth({
      image: `valkey/valkey:8.0.1@sha256:${'a'.repeat(64)}`,
      redisConfig: { 'dual-channel-replication-enabled': true, 'locale-collate': 'C' },
    });
    expect(redisConf(objects)).toContain('\ndual-channel-replication-enabled yes\n');
  });

  test('an image pinned by digest only, with its server declared', () => {
    const { objects } = synth({ image: `redis@sha256:${'0123456789abcdef'.repeat(4)}`, server: { product: 'redis', version: '8.0' } });
    expect(find(objects, 'StatefulSet').spec.template.spec.containers[0].image).toBe(`redis@sha256:${'0123456789abcdef'.repeat(4)}`);
  });

  test.each([
    ['a full version', { image: 'redis:8.0.2' }, 'image'],
    ['a full version with a Debian variant', { image: 'redis:8.0.2-bookworm' }, 'image'],
    ['a full version with an Alpine variant', { image: 'redis:7.2.6-alpine3.21' }, 'image'],
    ['a full Valkey version with an Alpine variant', { image: 'valkey/valkey:8.1.1-alpine3.21' }, 'image'],
    ['a full version and a digest', { image: `valkey/valkey:8.1.1@sha256:${'a'.repeat(64)}` }, 'image'],
    ['a full version and a digest, the server declared alike', { image: `valkey/valkey:8.1.1@sha256:${'a'.repeat(64)}`, server: { product: 'valkey', version: '8.1' } }, 'image'],
    ['a private mirror, the server declared', { image: 'registry.example.com/cache/server:2024.11.1', server: { product: 'valkey', version: '8.1' } }, 'declared'],
    ['a moving tag, allowed', { image: 'redis:7.2', allowMovingImageTags: true }, 'image'],
    ['a moving tag without a version, allowed, the server declared', { image: 'valkey/valkey:alpine', allowMovingImageTags: true, server: { product: 'valkey', version: '8.1' } }, 'declared'],
    ['a moving exporter tag, allowed', { metrics: true, metricsExporterImage: 'oliver006/redis_exporter:v1', allowMovingImageTags: true }, 'image'],
    ['an exporter pinned to a v-prefixed full version', { metrics: true, metricsExporterImage: 'oliver006/redis_exporter:v1.67.0' }, 'image'],
  ] as const)('an image pinned to %s is accepted', (_what, props, source) => {
    const { chart } = synth(props as RedisClusterProps);
    expect(chart.cluster.spec.server.source).toBe(source);
  });

  test('the server is read from the image name, or taken from the server prop', () => {
    expect(resolve({ image: 'redis:8.0.2-bookworm' }).server).toEqual({ product: 'redis', version: [8, 0], source: 'image' });
    expect(resolve({}).server).toEqual({ product: 'valkey', version: [8, 1], source: 'image' });
    expect(resolve({ image: 'registry.example.com/cache/server:2024.11.1', server: { product: 'redis', version: '7.2' } }).server)
      .toEqual({ product: 'redis', version: [7, 2], source: 'declared' });
  });

  test('a declared server gates the directives as its release does', () => {
    // GIVEN a mirror declared as Valkey 8.1 THEN a Valkey 8.1 directive passes; as Redis 8.0 it does not (the bad-input row)
    expect(() => resolve({ image: 'registry.example.com/cache/server:1.0.0', server: { product: 'valkey', version: '8.1' }, redisConfig: { 'log-format': 'logfmt' } })).not.toThrow();
  });

  test('a moving NFS provisioner tag, allowed', () => {
    expect(() => synth({ storage: RedisStorage.dynamicNfs({ server: 'nfs', path: '/x', provisionerImage: 'registry.k8s.io/sig-storage/nfs-subdir-external-provisioner:v4', allowMovingProvisionerImageTag: true }) })).not.toThrow();
  });

  test('pre-provisioned volumes without a storage class', () => {
    const { objects } = synth({ storage: RedisStorage.fromStorageClass({ storageClassName: '' }) });
    expect(find(objects, 'StatefulSet').spec.volumeClaimTemplates[0].spec.storageClassName).toBe('');
  });

  test('a ConfigMap name with one long part, which Kubernetes allows', () => {
    expect(() => synth({ configMapName: LONG(70) })).not.toThrow();
  });

  test('the longest StatefulSet name the controller allows', () => {
    expect(() => synth({ statefulSetName: LONG(52) })).not.toThrow();
  });

  test('renderRedisConf appends raw lines after the typed directives', () => {
    expect(renderRedisConf({ maxmemory: '1gb' }, ['h'], ['rename-command KEYS ""'])).toBe('# h\nmaxmemory 1gb\nrename-command KEYS ""\n');
  });
});

describe('warnings', () => {
  test('no persistence at all is synthesized with a loud warning', () => {
    const { chart, objects } = synth({ redisConfig: { appendonly: false, save: '' } });
    expect(chart.cluster.warnings).toEqual([expect.stringContaining("no persistence: appendonly is off and save is ''")]);
    const statefulSet = find(objects, 'StatefulSet');
    expect(statefulSet.metadata.annotations[WARNINGS_ANNOTATION]).toContain('no persistence');
    // Only the StatefulSet object carries it: the pods do not roll for a warning.
    expect(statefulSet.spec.template.metadata.annotations[WARNINGS_ANNOTATION]).toBeUndefined();
  });

  test('save removed (null) keeps Redis default snapshots, so there is no warning', () => {
    // redis-server 7.0.15 without any save line reports `save 3600 1 300 100 60 10000`.
    const { chart } = synth({ redisConfig: { appendonly: false, save: null } });
    expect(chart.cluster.warnings).toEqual([]);
  });

  test('AOF alone is persistence enough', () => {
    const { chart } = synth({ redisConfig: { save: '' } });
    expect(chart.cluster.warnings).toEqual([]);
  });

  test('a cluster without replicas is warned about', () => {
    const { chart } = synth({ replicasPerShard: 0 });
    expect(chart.cluster.warnings).toEqual([expect.stringContaining('no replicas (replicasPerShard is 0)')]);
  });

  test('warnings are recorded as construct metadata for synth to print', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'warn-')) });
    outdirs.push(app.outdir);
    const chart = new RedisClusterChart(app, 'test', { replicasPerShard: 0 });
    expect(chart.cluster.node.metadata.map((m) => m.type)).toEqual(['redis-cluster-cdk8s/warning']);
  });
});

test('defaults are what the docs say', () => {
  expect(DEFAULTS.image).toBe('valkey/valkey:8.1.1-bookworm');
});

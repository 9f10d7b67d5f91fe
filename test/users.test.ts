import { spawnSync } from 'child_process';
import { Testing } from 'cdk8s';
import { ACL_CATEGORIES, aclRules, RedisCluster, RedisClusterProps, RedisUser, RedisUsers, renderUsersTemplate } from '../src';
import { cli, describeWith, freePort, Processes, waitFor } from './_local-redis';
import { Manifest, synthToDisk } from './_synth';

const APP = RedisUsers.readWriteApp('app', 'redis-app-user', { keys: ['app:*'] });
const READER = RedisUsers.readOnlyApp('reader', 'redis-reader', { keys: ['app:*'], passwordKeys: ['password', 'password-next'] });

function find(objects: Manifest[], kind: string, name: string): Manifest {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}; have ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

function build(props: RedisClusterProps): RedisCluster {
  return new RedisCluster(Testing.chart(), 'Redis', props);
}

describe('aclRules and the users template', () => {
  test('renders a user in the order Redis applies the rules, starting from nothing', () => {
    const user: RedisUser = {
      name: 'x',
      secretName: 's',
      keys: ['a:*'],
      readKeys: ['r:*'],
      writeKeys: ['w:*'],
      channels: ['c'],
      categories: ['read'],
      deniedCategories: ['dangerous'],
      commands: ['info'],
      deniedCommands: ['keys'],
    };
    expect(aclRules(user).join(' ')).toBe('on ~a:* %R~r:* %W~w:* resetchannels &c -@all +@read -@dangerous +info -keys');
  });

  test('a disabled user is off and allowed nothing', () => {
    expect(aclRules({}, false).join(' ')).toBe('off resetchannels -@all');
  });

  test('the template lists password files, or - for none, and holds no password', () => {
    const text = renderUsersTemplate([
      { name: 'a', passwordFiles: ['s/password', 's/password-next'], rules: ['on', '+ping'] },
      { name: 'default', passwordFiles: [], rules: ['off'] },
    ]);
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual(['a s/password,s/password-next on +ping', 'default - off', '']);
  });

  test('the role helpers: read-only reads, read-write also writes, neither has dangerous commands; admin has everything', () => {
    expect(READER.categories).toEqual(['read', 'connection']);
    expect(APP.categories).toEqual(['read', 'write', 'transaction', 'connection']);
    for (const user of [READER, APP]) {
      expect(user.deniedCategories).toEqual(['dangerous']);
      expect(user.commands).toContain('cluster|slots');
    }
    expect(aclRules(RedisUsers.admin('root', 's')).join(' ')).toBe('on ~* resetchannels &* -@all +@all');
  });
});

describe('a cluster with users', () => {
  const synthesized = synthToDisk({ users: [APP, READER], metrics: true });
  const { objects } = synthesized;
  const statefulSet = find(objects, 'StatefulSet', 'redis-app');
  const pod = statefulSet.spec.template.spec;
  const redis = pod.containers.find((c: any) => c.name === 'redis');
  const env = (c: any) => Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

  test('the users ConfigMap lists every user with its password files and rules', () => {
    const template: string = find(objects, 'ConfigMap', 'redis-conf-users').data['users.acl'];
    const lines = template.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      'default redis-auth/password on ~* resetchannels &* -@all +@all',
      'replication redis-internal-users/replication on resetchannels -@all +psync +replconf +ping',
      expect.stringMatching(/^node redis-internal-users\/node on resetchannels -@all \+ping \+role \+info /),
      expect.stringMatching(/^operator redis-internal-users\/operator on ~\* resetchannels -@all \+ping .* \+migrate \+restore-asking /),
      expect.stringMatching(/^exporter redis-internal-users\/exporter on resetchannels -@all \+@connection \+memory .* -asking$/),
      'app redis-app-user/password on ~app:* resetchannels -@all +@read +@write +@transaction +@connection -@dangerous +cluster|slots +cluster|shards +cluster|nodes +cluster|info +cluster|myid',
      'reader redis-reader/password,redis-reader/password-next on ~app:* resetchannels -@all +@read +@connection -@dangerous +cluster|slots +cluster|shards +cluster|nodes +cluster|info +cluster|myid',
    ]);
  });

  test('neither the users template nor redis.conf holds a password, a hash or a password directive', () => {
    const template: string = find(objects, 'ConfigMap', 'redis-conf-users').data['users.acl'];
    const redisConf: string = find(objects, 'ConfigMap', 'redis-conf').data['redis.conf'];
    expect(template.split('\n').filter((l) => !l.startsWith('#')).join('\n')).not.toMatch(/[#>]|nopass/);
    expect(redisConf).not.toMatch(/^(requirepass|masterauth|masteruser|aclfile|user) /m);
  });

  test('the Redis pods mount each password Secret whole, and the users ConfigMap, read-only', () => {
    const volumes = Object.fromEntries(pod.volumes.map((v: any) => [v.name, v]));
    const mounts = Object.fromEntries(redis.volumeMounts.map((m: any) => [m.mountPath, m]));
    for (const secret of ['redis-app-user', 'redis-auth', 'redis-internal-users', 'redis-reader']) {
      const mount = mounts[`/etc/redis-secrets/${secret}`];
      expect(mount.readOnly).toBe(true);
      // No items and no subPath: the kubelet updates the files in place when the Secret changes.
      expect(volumes[mount.name].secret).toEqual({ secretName: secret, defaultMode: 0o440 });
      expect(mount.subPath).toBeUndefined();
    }
    expect(volumes[mounts['/etc/redis-users'].name].configMap.name).toBe('redis-conf-users');
  });

  test('the Redis container connects as the node user with a password file, never with REDISCLI_AUTH', () => {
    const vars = env(redis);
    expect(vars.REDISCLI_AUTH).toBeUndefined();
    expect(vars).toMatchObject({
      REDIS_CLI_USER: 'node',
      REDIS_CLI_PASSWORD_FILE: '/run/redis/users.acl.cli',
      ACL_FILE: '/run/redis/users.acl',
      MASTER_USER: 'replication',
      USERS_TEMPLATE: '/etc/redis-users/users.acl',
      SECRETS_DIR: '/etc/redis-secrets',
      RELOADERS: 'reload-acl.sh',
      RELOAD_INTERVAL_SECONDS: '2',
    });
    expect(find(objects, 'ConfigMap', 'redis-conf').data).toHaveProperty(['reload-acl.sh']);
    expect(find(objects, 'ConfigMap', 'redis-conf').data).toHaveProperty(['reloader.sh']);
  });

  test('the exporter and the init Job use their own users, with the newest key', () => {
    const exporter = pod.containers.find((c: any) => c.name === 'metrics');
    expect(env(exporter)).toMatchObject({ REDIS_USER: 'exporter', REDIS_PASSWORD: { secretKeyRef: { name: 'redis-internal-users', key: 'exporter' } } });
    const job = objects.find((o) => o.kind === 'Job')!;
    expect(env(job.spec.template.spec.containers[0])).toMatchObject({
      REDIS_CLI_USER: 'operator', REDISCLI_AUTH: { secretKeyRef: { name: 'redis-internal-users', key: 'operator' } },
    });
    const rotating = synthToDisk({ users: [], internalUsers: { operatorKeys: ['operator', 'operator-2'] } }).objects.find((o) => o.kind === 'Job')!;
    expect(env(rotating.spec.template.spec.containers[0]).REDISCLI_AUTH).toEqual({ secretKeyRef: { name: 'redis-internal-users', key: 'operator-2' } });
  });

  test('changing a user\'s permissions or password keys changes the users ConfigMap only: no pod rolls', () => {
    const other = synthToDisk({ users: [{ ...APP, passwordKeys: ['password', 'password-next'], keys: ['app:*', 'more:*'] }, READER], metrics: true });
    expect(find(other.objects, 'StatefulSet', 'redis-app')).toEqual(statefulSet);
    expect(find(other.objects, 'ConfigMap', 'redis-conf-users')).not.toEqual(find(objects, 'ConfigMap', 'redis-conf-users'));
  });

  test('defaultUser false turns the default user off', () => {
    const cluster = build({ users: [APP], defaultUser: false });
    expect(cluster.usersConfigMap!.template).toContain('\ndefault - off resetchannels -@all\n');
    expect(cluster.users!.secretNames).toEqual(['redis-app-user', 'redis-internal-users']);
  });

  test('without users, nothing of them is synthesized', () => {
    const plain = synthToDisk({}).objects;
    expect(plain.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)).toEqual(['redis-conf']);
    expect(Object.keys(find(plain, 'ConfigMap', 'redis-conf').data)).not.toContain('reload-acl.sh');
    const container = find(plain, 'StatefulSet', 'redis-app').spec.template.spec.containers[0];
    expect(container.env.map((e: any) => e.name)).not.toEqual(expect.arrayContaining(['USERS_TEMPLATE']));
    expect(container.env.map((e: any) => e.name)).not.toContain('RELOADERS');
    expect(container.env.find((e: any) => e.name === 'REDISCLI_AUTH')).toBeDefined();
  });
});

describe('users validation', () => {
  test.each<[string, RedisClusterProps, string]>([
    ['auth is off', { auth: false, externalService: false, users: [APP] }, 'users is set, but auth is false'],
    ['a user name is reserved', { users: [{ ...APP, name: 'replication' }] }, 'users[0].name "replication" is reserved'],
    ['a user is called default', { users: [{ ...APP, name: 'default' }] }, 'the default user is set with defaultUser'],
    ['a user name has a space', { users: [{ ...APP, name: 'my app' }] }, 'users[0].name must be 1 to 64 letters'],
    ['two users share a name', { users: [APP, { ...READER, name: 'app' }] }, 'users[1].name "app" is given twice'],
    ['a category is unknown to the server', { users: [{ ...APP, categories: ['reads'] }] }, 'users[0] (app).categories[0] must be a command category the server knows (ACL CAT)'],
    ['a category carries its sign', { users: [{ ...APP, deniedCategories: ['-@dangerous'] }] }, 'without the sign or \'@\': "dangerous"'],
    ['a command carries its sign', { users: [{ ...APP, commands: ['+GET'] }] }, 'users[0] (app).commands[0] must be a lower-case command name'],
    ['a key pattern has a space', { users: [{ ...APP, keys: ['app: *'] }] }, 'users[0] (app).keys[0] must be a non-empty glob pattern'],
    ['a channel pattern is empty', { users: [{ ...APP, channels: [''] }] }, 'users[0] (app).channels[0] must be a non-empty glob pattern'],
    ['a user allows no command', { users: [{ name: 'idle', secretName: 's', keys: ['*'] }] }, 'users[0] (idle) allows no command'],
    ['a user lists three password keys', { users: [{ ...APP, passwordKeys: ['a', 'b', 'c'] }] }, 'users[0] (app).passwordKeys must list one Secret key, or two'],
    ['a user lists the same key twice', { users: [{ ...APP, passwordKeys: ['a', 'a'] }] }, 'lists "a" twice'],
    ['a password key is not a Secret key', { users: [{ ...APP, passwordKeys: ['pass word'] }] }, 'users[0] (app).passwordKeys[0] must be a Secret key'],
    ['a Secret name is not a DNS subdomain', { users: [{ ...APP, secretName: 'App_Secret' }] }, 'users[0] (app).secretName'],
    ['a user has an unknown field', { users: [{ ...APP, key: ['x'] } as RedisUser] }, 'users[0] (app) has no property "key" (did you mean "keys"?)'],
    ['users is not a list', { users: APP as unknown as RedisUser[] }, 'users must be a list of users'],
    ['defaultUser is set without users', { defaultUser: false }, 'defaultUser is set, but users is not'],
    ['internalUsers is set without users', { internalUsers: {} }, 'internalUsers is set, but users is not'],
    ['exporterKeys is set without metrics', { users: [], internalUsers: { exporterKeys: ['e'] } }, 'internalUsers.exporterKeys is set, but metrics is false'],
    ['internalUsers has an unknown field', { users: [], internalUsers: { replicationKey: ['r'] } as never }, 'internalUsers has no property "replicationKey"'],
    ['an internal user lists no key', { users: [], internalUsers: { nodeKeys: [] } }, 'internalUsers.nodeKeys must list one Secret key'],
  ])('fails when %s', (_, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});

describeWith(['redis-server', 'redis-cli'], 'Install redis-server to compare the categories with the server\'s.')('the server\'s categories', () => {
  const procs = new Processes();
  afterAll(() => procs.stopAll());

  test('ACL_CATEGORIES is what the installed server\'s ACL CAT lists', async () => {
    const port = await freePort();
    procs.spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    await waitFor('redis-server', () => cli(port, 'ping') === 'PONG', 10_000);
    const categories = cli(port, 'acl', 'cat').split('\n').sort();
    expect([...ACL_CATEGORIES].sort()).toEqual(categories);
    expect(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout).toMatch(/v=7\./);
  });
});

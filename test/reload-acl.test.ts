import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { renderUsersTemplate, UsersTemplateEntry } from '../src';
import { cli, describeWith, freePort, Processes, runScript, SCRIPTS, tempDir, waitFor } from './_local-redis';

const ENABLE = 'Install redis-server and redis-tools (Debian: apt-get install -y redis-server) to run these tests.';

/**
 * reload-acl.sh and reloader.sh against a real redis-server started with the ACL file that
 * `reload-acl.sh --initial` assembles, as start-redis.sh does in the pod.
 */
describeWith(['redis-server', 'redis-cli', 'sha256sum'], ENABLE)('reload-acl.sh against real Redis', () => {
  jest.setTimeout(60_000);
  const procs = new Processes();
  const root = tempDir('reload-acl-');
  const secrets = path.join(root, 'secrets');
  const template = path.join(root, 'users.acl.template');
  const env = {
    USERS_TEMPLATE: template,
    SECRETS_DIR: secrets,
    ACL_FILE: path.join(root, 'users.acl'),
    AUTH_CONF: path.join(root, 'auth.conf'),
    MASTER_USER: 'replication',
    REDIS_CLI_USER: 'node',
    REDIS_CLI_PASSWORD_FILE: path.join(root, 'users.acl.cli'),
    REDIS_PORT: '',
  };
  let port: number;

  const entries = (appFiles: string[], extra: UsersTemplateEntry[] = []): UsersTemplateEntry[] => [
    { name: 'default', passwordFiles: [], rules: ['off', 'resetchannels', '-@all'] },
    { name: 'replication', passwordFiles: ['internal/replication', 'internal/replication-next'], rules: ['on', '+psync', '+replconf', '+ping'] },
    { name: 'node', passwordFiles: ['internal/node'], rules: ['on', '-@all', '+ping', '+acl|setuser', '+acl|deluser', '+acl|users', '+config|set'] },
    { name: 'app', passwordFiles: appFiles, rules: ['on', '~app:*', '-@all', '+@read', '+@write', '+@connection'] },
    ...extra,
  ];
  const writeSecret = (name: string, data: Record<string, string>) => {
    const dir = path.join(secrets, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [k, v] of Object.entries(data)) fs.writeFileSync(path.join(dir, k), v);
  };
  const as = (user: string, password: string, ...args: string[]) => cli(port, '--user', user, '--pass', password, '--no-auth-warning', ...args);
  const pass = () => runScript('reload-acl.sh', [], { ...env, REDIS_PORT: String(port) });

  beforeAll(async () => {
    port = await freePort();
    writeSecret('internal', { replication: 'repl "old" \\ $x', node: 'node-pass' });
    writeSecret('app', { password: 'app-old' });
    fs.writeFileSync(template, renderUsersTemplate(entries(['app/password', 'app/password-next'])));
    const initial = runScript('reload-acl.sh', ['--initial'], env);
    expect(initial).toMatchObject({ status: 0 });
    procs.spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--aclfile', env.ACL_FILE, '--include', env.AUTH_CONF]);
    await waitFor('redis-server', () => as('node', 'node-pass', 'ping') === 'PONG', 10_000);
  });

  afterAll(async () => {
    await procs.stopAll();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('--initial writes hashed passwords only, the masterauth include, and the node user\'s password, all private', () => {
    const acl = fs.readFileSync(env.ACL_FILE, 'utf8');
    expect(acl).not.toMatch(/app-old|node-pass|repl "old"/);
    expect(acl).toMatch(/^user app #[0-9a-f]{64} on ~app:\* /m);
    expect(fs.readFileSync(env.AUTH_CONF, 'utf8')).toBe('masteruser replication\nmasterauth "repl \\"old\\" \\\\ $x"\n');
    expect(fs.readFileSync(env.REDIS_CLI_PASSWORD_FILE, 'utf8')).toBe('node-pass');
    for (const file of [env.ACL_FILE, env.AUTH_CONF, env.REDIS_CLI_PASSWORD_FILE]) {
      expect(fs.statSync(file).mode & 0o077).toBe(0); // eslint-disable-line no-bitwise
    }
  });

  test('Redis loads the assembled file: the passwords work, the default user is off, the rules hold', () => {
    expect(as('app', 'app-old', 'set', 'app:1', 'x')).toBe('OK');
    expect(as('app', 'app-old', 'set', 'other:1', 'x')).toMatch(/NOPERM/);
    expect(as('replication', 'repl "old" \\ $x', 'ping')).toBe('PONG');
    expect(cli(port, 'ping')).toMatch(/NOAUTH/);
    expect(as('app', 'wrong', 'ping')).toMatch(/WRONGPASS/);
  });

  test('a pass with nothing changed does nothing and says nothing', () => {
    const before = fs.readFileSync(env.ACL_FILE, 'utf8');
    expect(pass()).toEqual({ status: 0, output: '' });
    expect(fs.readFileSync(env.ACL_FILE, 'utf8')).toBe(before);
  });

  test('a rotation applies without dropping a connection: both passwords, then only the new one', async () => {
    // GIVEN a client connected with the old password
    const socket = net.connect(port, '127.0.0.1');
    let replies = '';
    socket.on('data', (d) => { replies += d; });
    socket.write('AUTH app app-old\r\n');
    await waitFor('AUTH reply', () => replies.includes('+OK'), 5000);

    // WHEN the new key is added, THEN both passwords work
    writeSecret('app', { 'password': 'app-old', 'password-next': 'app-new' });
    const added = pass();
    expect(added).toEqual({ status: 0, output: 'reload-acl: applied 4 users; changed: app\n' });
    expect(as('app', 'app-new', 'ping')).toBe('PONG');
    expect(as('app', 'app-old', 'ping')).toBe('PONG');

    // WHEN the old key is removed, THEN only the new one gets in
    writeSecret('app', { 'password-next': 'app-new' });
    expect(pass().status).toBe(0);
    expect(as('app', 'app-old', 'ping')).toMatch(/WRONGPASS/);
    expect(as('app', 'app-new', 'ping')).toBe('PONG');

    // AND the connection made with the old password is still there and still works
    socket.write('SET app:kept 1\r\n');
    await waitFor('SET reply', () => replies.endsWith('+OK\r\n+OK\r\n'), 5000);
    socket.destroy();
  });

  test('a new replication password becomes masterauth; the node user\'s password file follows its Secret', () => {
    writeSecret('internal', { 'replication': 'repl "old" \\ $x', 'replication-next': 'repl-new', 'node': 'node-pass' });
    expect(pass().output).toBe('reload-acl: applied 4 users; changed: replication masterauth\n');
    expect(as('node', 'node-pass', 'config', 'get', 'masterauth')).toMatch(/NOPERM/);
    expect(fs.readFileSync(`${env.ACL_FILE}.masterauth`, 'utf8')).toBe('repl-new');
    expect(as('replication', 'repl-new', 'ping')).toBe('PONG');
  });

  test('a user added to or removed from the template is created or deleted', () => {
    writeSecret('ops', { password: 'ops-pass' });
    fs.writeFileSync(template, renderUsersTemplate(entries(['app/password', 'app/password-next'], [
      { name: 'ops', passwordFiles: ['ops/password'], rules: ['on', '-@all', '+info'] },
    ])));
    expect(pass().output).toBe('reload-acl: applied 5 users; changed: ops\n');
    expect(as('ops', 'ops-pass', 'info', 'server')).toMatch(/redis_version/);
    fs.writeFileSync(template, renderUsersTemplate(entries(['app/password', 'app/password-next'])));
    expect(pass().output).toBe('reload-acl: applied 4 users; changed: -ops\n');
    expect(as('ops', 'ops-pass', 'ping')).toMatch(/WRONGPASS/);
  });

  test('fails, and keeps the users in force, when none of a user\'s keys exists', () => {
    writeSecret('app', {});
    const r = pass();
    expect(r.status).toBe(1);
    expect(r.output).toContain('user app: none of its password keys exists: app/password app/password-next; add the key to the Secret');
    expect(as('app', 'app-new', 'ping')).toBe('PONG');
    writeSecret('app', { 'password-next': 'app-new' });
  });

  test('fails when a password has a line break', () => {
    writeSecret('app', { 'password-next': 'app-new\n' });
    const r = pass();
    expect(r.status).toBe(1);
    expect(r.output).toContain('user app: the password in app/password-next is empty or has a line break');
    writeSecret('app', { 'password-next': 'app-new' });
    expect(pass()).toEqual({ status: 0, output: '' });
  });

  test('fails, without installing the file, when Redis refuses a rule', () => {
    fs.writeFileSync(template, renderUsersTemplate(entries(['app/password-next'], [
      { name: 'bad', passwordFiles: ['app/password-next'], rules: ['on', '+@nosuchcategory'] },
    ])));
    const before = fs.readFileSync(env.ACL_FILE, 'utf8');
    const r = pass();
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/FAILED to apply the users file .*ERR/s);
    expect(fs.readFileSync(env.ACL_FILE, 'utf8')).toBe(before);
    fs.writeFileSync(template, renderUsersTemplate(entries(['app/password', 'app/password-next'])));
  });

  test('reloader.sh runs the passes every interval, and stops when the process it watches is gone', async () => {
    const watched = procs.spawn('sleep', ['30']);
    const loop = procs.spawn('sh', [path.join(SCRIPTS, 'reloader.sh'), String(watched.pid)], {
      env: { ...process.env, ...env, REDIS_PORT: String(port), RELOADERS: 'reload-acl.sh', RELOAD_INTERVAL_SECONDS: '0.2' },
    });
    writeSecret('app', { 'password-next': 'app-new', 'password': 'app-third' });
    await waitFor('the reloader to apply the new key', () => as('app', 'app-third', 'ping') === 'PONG', 10_000);
    await procs.stop(watched);
    const exited = new Promise((resolve) => loop.once('exit', resolve));
    await expect(Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error('reloader did not stop')), 5000))])).resolves.toBe(0);
  });
});

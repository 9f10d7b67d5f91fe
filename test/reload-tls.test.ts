/**
 * The TLS parts of the container scripts, against a real redis-server started by start-redis.sh
 * with client certificates required: the probes speak TLS, the start script refuses unreadable
 * files, and reload-tls.sh (run by reloader.sh) loads renewed files without a restart, or keeps
 * the old ones when Redis refuses the new.
 */
import { ChildProcess, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as tls from 'tls';
import { DEFAULT_REDIS_CONFIG, renderRedisConf } from '../src';
import { fingerprint256, issueCertificate, KeyPair, makeCa } from './_certificates';
import { describeWith, freePort, Processes, runScript, SCRIPTS, tempDir, waitFor } from './_local-redis';

const ENABLE = 'Install them (Debian: apt-get install -y redis-server redis-tools openssl) to run these tests.';

/** A Secret volume as the kubelet writes it: files behind `..data`, swapped at once. */
class SecretVolume {
  private generation = 0;
  constructor(public readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  public write(files: Record<string, string>): void {
    const name = `..gen${++this.generation}`;
    fs.mkdirSync(path.join(this.dir, name));
    for (const [file, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(this.dir, name, file), text, { mode: 0o440 });
      if (!fs.existsSync(path.join(this.dir, file))) fs.symlinkSync(path.join('..data', file), path.join(this.dir, file));
    }
    fs.symlinkSync(name, path.join(this.dir, '..data_tmp'));
    fs.renameSync(path.join(this.dir, '..data_tmp'), path.join(this.dir, '..data'));
  }
}

function presented(port: number, ca: string, client: KeyPair): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca, cert: client.cert, key: client.key, checkServerIdentity: () => undefined }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describeWith(['redis-server', 'redis-cli', 'openssl'], ENABLE)('start-redis.sh, probe.sh and reload-tls.sh with TLS', () => {
  jest.setTimeout(60_000);
  const procs = new Processes();
  const root = tempDir('redis-tls-scripts-');
  const volume = new SecretVolume(path.join(root, 'tls'));
  const state = path.join(root, 'run');
  const ca = makeCa();
  const first = issueCertificate(ca, { dnsNames: ['redis-app-0.svc.test'] });
  let port: number;
  let server: ChildProcess;
  let log = '';
  let env: Record<string, string>;

  beforeAll(async () => {
    port = await freePort();
    fs.mkdirSync(state);
    volume.write({ 'tls.crt': first.cert, 'tls.key': first.key, 'ca.crt': ca.cert });
    const files = { cert: path.join(volume.dir, 'tls.crt'), key: path.join(volume.dir, 'tls.key'), ca: path.join(volume.dir, 'ca.crt') };
    fs.writeFileSync(path.join(root, 'redis.conf'), renderRedisConf({
      ...DEFAULT_REDIS_CONFIG,
      'bind': '127.0.0.1',
      'port': 0,
      'tls-port': port,
      'cluster-port': port + 10000,
      'tls-cert-file': files.cert,
      'tls-key-file': files.key,
      'tls-ca-cert-file': files.ca,
      'tls-auth-clients': 'yes',
      'tls-replication': true,
      'tls-cluster': true,
      'dir': root,
      'cluster-enabled': true,
      'cluster-config-file': path.join(root, 'nodes.conf'),
      'save': null,
      'appendonly': false,
    }));
    env = {
      REDIS_PORT: String(port),
      REDIS_TLS: '1',
      REDIS_TLS_CERT_FILE: files.cert,
      REDIS_TLS_KEY_FILE: files.key,
      REDIS_TLS_CA_FILE: files.ca,
      RELOAD_STATE_DIR: state,
    };
    server = procs.spawn('sh', [path.join(SCRIPTS, 'start-redis.sh')], {
      env: {
        ...process.env,
        ...env,
        POD_NAME: 'redis-app-0',
        POD_DOMAIN: 'svc.test',
        NODES_CONF: path.join(root, 'nodes.conf'),
        REDIS_CONF: path.join(root, 'redis.conf'),
        RELOADERS: 'reload-tls.sh',
        RELOAD_INTERVAL_SECONDS: '1',
      },
    });
    server.stdout!.on('data', (d) => {
      log += d.toString();
    });
    await waitFor('redis to answer over TLS', () => runScript('probe.sh', ['startup'], env).status === 0, 15_000);
  });

  afterAll(async () => {
    await procs.stopAll();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('probe.sh speaks TLS with the pod\'s certificate; without REDIS_TLS it gets no answer', () => {
    expect(runScript('probe.sh', ['liveness'], env).status).toBe(0);
    const plain = runScript('probe.sh', ['startup'], { ...env, REDIS_TLS: '' });
    expect(plain.status).toBe(1);
  });

  test('with client certificates required, a client without one is refused', () => {
    const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--tls', '--cacert', env.REDIS_TLS_CA_FILE, 'ping'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.stdout).not.toContain('PONG');
  });

  test('reload-tls.sh does nothing, silently, while the files are unchanged', () => {
    const r = runScript('reload-tls.sh', [], env);
    expect(r).toEqual({ status: 0, output: '' });
  });

  test('a renewed certificate is loaded by the reloader without a restart', async () => {
    const pid = server.pid!;
    const renewed = issueCertificate(ca, { dnsNames: ['redis-app-0.svc.test'] });
    volume.write({ 'tls.crt': renewed.cert, 'tls.key': renewed.key, 'ca.crt': ca.cert });
    const expected = fingerprint256(renewed.cert);
    let seen = '';
    await waitFor('the renewed certificate', () => {
      presented(port, ca.cert, renewed).then((f) => { seen = f; }, () => undefined);
      return seen === expected;
    }, 10_000);
    await waitFor('the reloader\'s log line', () => /reload-tls: loaded the new certificate files/.test(log), 5000);
    expect(fs.existsSync(`/proc/${pid}`)).toBe(true);
    // AND Redis holds the paths of redis.conf again, so a second renewal reloads too
    const paths = spawnSync('redis-cli', ['-p', String(port), '--tls', '--cacert', env.REDIS_TLS_CA_FILE, '--cert', env.REDIS_TLS_CERT_FILE,
      '--key', env.REDIS_TLS_KEY_FILE, 'config', 'get', 'tls-cert-file'], { encoding: 'utf8', timeout: 10_000 });
    expect(paths.stdout.trim().split('\n')).toEqual(['tls-cert-file', env.REDIS_TLS_CERT_FILE]);
    const again = issueCertificate(ca, { dnsNames: ['redis-app-0.svc.test'] });
    volume.write({ 'tls.crt': again.cert, 'tls.key': again.key, 'ca.crt': ca.cert });
    const expectedAgain = fingerprint256(again.cert);
    let seenAgain = '';
    await waitFor('the second renewal', () => {
      presented(port, ca.cert, again).then((f) => { seenAgain = f; }, () => undefined);
      return seenAgain === expectedAgain;
    }, 10_000);
    expect(runScript('probe.sh', ['liveness'], env).status).toBe(0);
  });

  test('fails, and Redis keeps serving the old certificate, when the new key does not match', async () => {
    const before = await presented(port, ca.cert, first);
    const stranger = issueCertificate(ca, { dnsNames: ['x'] });
    const renewed = issueCertificate(ca, { dnsNames: ['redis-app-0.svc.test'] });
    volume.write({ 'tls.crt': renewed.cert, 'tls.key': stranger.key, 'ca.crt': ca.cert });
    const r = runScript('reload-tls.sh', [], env);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/reload-tls: Redis refused the new certificate files and keeps the old ones/);
    expect(await presented(port, ca.cert, first)).toBe(before);
  });

  test('start-redis.sh refuses a certificate file it cannot read, naming it', () => {
    const r = runScript('start-redis.sh', [], {
      ...env,
      REDIS_TLS_KEY_FILE: path.join(root, 'missing.key'),
      POD_NAME: 'redis-app-1',
      POD_DOMAIN: 'svc.test',
      NODES_CONF: path.join(root, 'none.conf'),
      REDIS_CONF: path.join(root, 'redis.conf'),
    }, 10_000);
    expect(r.status).toBe(1);
    expect(r.output).toContain(`cannot read ${path.join(root, 'missing.key')} (REDIS_TLS_KEY_FILE)`);
  });
});

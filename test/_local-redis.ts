import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_REDIS_CONFIG, renderRedisConf } from '../src';
import { describeRequiring, missingCommands } from './_requirements';

/** Folder of the container scripts. */
export const SCRIPTS = path.join(__dirname, '..', 'src', 'scripts');

/**
 * `describe` for tests that need `commands`: skipped with a message saying how to enable them
 * where a command is missing, failing instead under CI.
 */
export function describeWith(commands: string[], enable: string): (name: string, body: () => void) => void {
  return describeRequiring(missingCommands(commands), enable);
}

/**
 * A free TCP port on 127.0.0.1 whose port + 10000 is free too. Both stay below Linux's ephemeral
 * range (32768 and up), so no outgoing connection can take them while a test runs.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 2700);
    if (await portFree(port) && await portFree(port + 10000)) {
      return port;
    }
  }
  throw new Error('no free port pair found on 127.0.0.1');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Runs redis-cli against 127.0.0.1:port and returns its output without CRs. */
export function cli(port: number, ...args: string[]): string {
  const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 });
  return (r.stdout + r.stderr).replace(/\r/g, '').trim();
}

/** Polls `check` every 100 ms until it returns true, or fails after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** How much of each process's output `Processes` keeps: the end, for a failed test to show. */
const OUTPUT_KEPT = 16_000;

/** Processes started by a test, killed by PID at the end. */
export class Processes {
  private readonly started: ChildProcess[] = [];
  private readonly outputs = new Map<ChildProcess, string>();

  public spawn(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => this.outputs.set(child, ((this.outputs.get(child) ?? '') + d).slice(-OUTPUT_KEPT));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.started.push(child);
    return child;
  }

  /** The last `lines` lines a process printed (stdout and stderr). */
  public tail(child: ChildProcess, lines = 20): string {
    return (this.outputs.get(child) ?? '').split('\n').slice(-lines - 1).join('\n');
  }

  /** Stops one process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  public async stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  public async stopAll(): Promise<void> {
    await Promise.all(this.started.map((c) => this.stop(c)));
  }
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs a container script with sh and returns its exit code and output. */
export function runScript(name: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000) {
  const r = spawnSync('sh', [path.join(SCRIPTS, name), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: timeoutMs });
  return { status: r.status, output: r.stdout + r.stderr };
}

/**
 * Starts a container script with sh without blocking the event loop (which `runScript` does: a
 * server in the test process could not answer meanwhile). `exited` is its exit code, or null when a
 * signal ended it; `output()` is what it printed so far.
 */
export function startScript(name: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn('sh', [path.join(SCRIPTS, name), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output, running: () => child.exitCode === null && child.signalCode === null };
}

/** Waits at most `timeoutMs` for `promise`; resolves to `onTimeout` if it has not settled by then. */
export async function within<T, U>(promise: Promise<T>, timeoutMs: number, onTimeout: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<U>((r) => { timer = setTimeout(() => r(onTimeout), timeoutMs); })]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Real redis-server processes on 127.0.0.1, each in its own data folder, started the way the
 * container starts them: through start-redis.sh with the rendered redis.conf. DNS is the one
 * thing replaced: a `getent` on the PATH answers from a table the test writes.
 */
export class LocalNodes {
  public readonly procs = new Processes();
  public readonly root = tempDir('redis-scripts-');
  public readonly shim = path.join(this.root, 'bin');
  public readonly hosts = path.join(this.root, 'hosts');
  public readonly ports: number[] = [];
  private readonly children = new Map<number, ReturnType<Processes['spawn']>>();

  constructor() {
    fs.mkdirSync(this.shim);
    fs.writeFileSync(this.hosts, '');
    // getent hosts NAME: answer from the test's table, like /etc/hosts would.
    fs.writeFileSync(path.join(this.shim, 'getent'), `#!/bin/sh\nawk -v n="$2" '$2 == n { print $1 " " $2; found = 1 } END { exit !found }' ${this.hosts}\n`, { mode: 0o755 });
  }

  public async add(): Promise<number> {
    const port = await freePort();
    this.ports.push(port);
    const dir = path.join(this.root, `node-${port}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'redis.conf'), renderRedisConf({
      ...DEFAULT_REDIS_CONFIG,
      'bind': '127.0.0.1',
      'port': port,
      'dir': dir,
      'cluster-enabled': true,
      'cluster-config-file': path.join(dir, 'nodes.conf'),
      'cluster-node-timeout': 5000,
      'cluster-preferred-endpoint-type': 'hostname',
      'save': null,
      'appendonly': false,
    }));
    return port;
  }

  public start(port: number, extraEnv: NodeJS.ProcessEnv = {}): void {
    const dir = path.join(this.root, `node-${port}`);
    // Run in the node's own folder: a server started in the project folder would leave its
    // dump.rdb there whenever something saved before `dir` took effect.
    const child = this.procs.spawn('sh', [path.join(SCRIPTS, 'start-redis.sh')], {
      cwd: dir,
      env: {
        ...process.env,
        PATH: `${this.shim}:${process.env.PATH}`,
        POD_NAME: `pod-${port}`,
        POD_DOMAIN: 'svc.test',
        REDIS_CONF: path.join(dir, 'redis.conf'),
        NODES_CONF: path.join(dir, 'nodes.conf'),
        PEER_RESOLVE_TIMEOUT_SECONDS: '1',
        AUTH_CONF: path.join(dir, 'auth.conf'),
        ...extraEnv,
      },
    });
    this.children.set(port, child);
  }

  public pid(port: number): number {
    return this.children.get(port)!.pid!;
  }

  /** The last `lines` lines the node's current process printed: start-redis.sh, then Redis. */
  public tail(port: number, lines = 20): string {
    return this.procs.tail(this.children.get(port)!, lines);
  }

  public exitCode(port: number): number | null {
    return this.children.get(port)!.exitCode;
  }

  public authConf(port: number): string {
    return path.join(this.root, `node-${port}`, 'auth.conf');
  }

  public async stop(port: number): Promise<void> {
    await this.procs.stop(this.children.get(port)!);
  }

  public nodesConf(port: number): string {
    return fs.readFileSync(path.join(this.root, `node-${port}`, 'nodes.conf'), 'utf8');
  }

  public async cleanup(): Promise<void> {
    await this.procs.stopAll();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}


/** The Redis Cluster hash slot of a key (CRC16/XMODEM of its hash tag, mod 16384). */
/* eslint-disable no-bitwise */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  const hashed = open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(hashed)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc % 16384;
}
/* eslint-enable no-bitwise */

/** A hash tag `<prefix><n>` whose key slot lies in one of `slots` (inclusive ranges). */
export function hashTagIn(slots: ReadonlyArray<readonly [number, number]>, prefix = 't'): string {
  for (let n = 0; n < 1_000_000; n++) {
    const slot = keySlot(`{${prefix}${n}}`);
    if (slots.some(([from, to]) => slot >= from && slot <= to)) return `${prefix}${n}`;
  }
  throw new Error(`no hash tag ${prefix}<n> maps to the slots ${JSON.stringify(slots)}`);
}

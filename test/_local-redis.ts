import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** Folder of the container scripts. */
export const SCRIPTS = path.join(__dirname, '..', 'src', 'scripts');

/** True when a command is on the PATH. */
export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/**
 * `describe` when the commands exist; otherwise `describe.skip` with a message saying how to
 * enable the tests. Under CI (CI=true) the tests never skip: a missing command fails them.
 */
export function describeWith(commands: string[], enable: string): jest.Describe {
  const missing = commands.filter((c) => !hasCommand(c));
  if (missing.length === 0 || process.env.CI === 'true') {
    return describe;
  }
  // eslint-disable-next-line no-console
  console.warn(`skipping: ${missing.join(', ')} not found. ${enable}`);
  return describe.skip;
}

/** A free TCP port on 127.0.0.1 whose port + 10000 is free too. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
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

/** Processes started by a test, killed by PID at the end. */
export class Processes {
  private readonly started: ChildProcess[] = [];

  public spawn(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.resume();
    child.stderr?.resume();
    this.started.push(child);
    return child;
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

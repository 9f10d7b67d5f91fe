import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolve } from '../src/cluster/resolve';
import { DIRECTIVE_ALIASES, IGNORED_DIRECTIVES, REDIS_DIRECTIVES, REMOVED_DIRECTIVES } from '../src/config/directives';

// The catalogue is checked against the redis-server installed here (7.0.x): every directive it
// lists must be in the catalogue, and the catalogue's types must match how it parses arguments.
// Every server started here listens on no TCP port (--port 0), so it only loads its configuration.

const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
const installed = /v=(\d+)\.(\d+)\.\d+/.exec(version.stdout ?? '');
const describeWithRedis70 = installed && installed[1] === '7' && installed[2] === '0' ? describe : describe.skip;

/** Directives the config file parser reads itself: they are not in CONFIG GET. */
const PARSER_DIRECTIVES = ['include', 'loadmodule', 'rename-command', 'sentinel', 'user'];
/** Test-only directives that CONFIG GET hides. */
const HIDDEN_DIRECTIVES = ['use-exit-on-panic', 'rdb-key-save-delay', 'key-load-delay', 'watchdog-period', 'loading-process-events-interval-bytes'];

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-directives-'));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** Loads a configuration in a server that listens nowhere; returns its last line of output. */
function load(...args: string[]): string {
  const result = spawnSync('redis-server', ['--port', '0', '--save', '', '--appendonly', 'no', '--dir', workDir, ...args], {
    cwd: workDir, encoding: 'utf8', timeout: 10_000,
  });
  const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
  return lines[lines.length - 1];
}
const STARTED = /Configured to not listen anywhere, exiting/;

describeWithRedis70('the directive catalogue against redis-server 7.0', () => {
  let configGet: string[] = [];

  beforeAll(async () => {
    // A throwaway server on a Unix socket only; stopped by PID.
    const socket = path.join(workDir, 'redis.sock');
    const server = spawn('redis-server', [
      '--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', workDir,
    ], { stdio: 'ignore' });
    try {
      const deadline = Date.now() + 10_000;
      while (!fs.existsSync(socket)) {
        if (Date.now() > deadline) throw new Error('redis-server did not create its socket within 10s');
        await new Promise((r) => setTimeout(r, 50));
      }
      const reply = spawnSync('redis-cli', ['-s', socket, '--raw', 'config', 'get', '*'], { encoding: 'utf8', timeout: 10_000 });
      configGet = reply.stdout.trim().split('\n').filter((_, i) => i % 2 === 0);
    } finally {
      process.kill(server.pid!, 'SIGKILL');
    }
  });

  test('every directive the server lists is in the catalogue, by name or as an alias', () => {
    expect(configGet.length).toBeGreaterThan(150);
    const missing = configGet.filter((name) => !(name in REDIS_DIRECTIVES) && !(name in DIRECTIVE_ALIASES));
    expect(missing).toEqual([]);
  });

  test('every Redis 7.0 entry of the catalogue is one the server lists', () => {
    const extra = Object.entries(REDIS_DIRECTIVES)
      .filter(([name, spec]) => !spec.since && !PARSER_DIRECTIVES.includes(name) && !HIDDEN_DIRECTIVES.includes(name))
      .map(([name]) => name)
      .filter((name) => !configGet.includes(name));
    expect(extra).toEqual([]);
  });

  test.each(Object.entries(REDIS_DIRECTIVES).filter(([, spec]) => !spec.since && ['bool', 'int', 'memory', 'enum'].includes(spec.type)))(
    '%s parses its argument as the catalogue says', (name, spec) => {
      switch (spec.type) {
        case 'bool':
          expect(load(`--${name}`, 'maybe')).toContain("argument must be 'yes' or 'no'");
          expect(load(`--${name}`, 'no')).toMatch(STARTED);
          break;
        case 'int': {
          expect(load(`--${name}`, 'x')).toContain("argument couldn't be parsed into an integer");
          const min = spec.min ?? 0;
          if (min > -2147483648) {
            expect(load(`--${name}`, String(min - 1))).toMatch(new RegExp(`argument must be between ${min} and ${spec.max ?? 9223372036854775807n} inclusive`));
          }
          if (spec.max !== undefined && spec.max < 4294967295) {
            expect(load(`--${name}`, String(spec.max + 1))).toMatch(new RegExp(`argument must be between ${min} and ${spec.max} inclusive`));
          }
          break;
        }
        case 'memory':
          expect(load(`--${name}`, '1.5gb')).toContain('argument must be a memory value');
          if (spec.min) {
            expect(load(`--${name}`, String(spec.min - 1))).toContain(`argument must be between ${spec.min} and`);
          }
          break;
        case 'enum':
          expect(load(`--${name}`, 'x')).toContain(`argument(s) must be one of the following: ${spec.values!.join(', ')}`);
          break;
      }
    });

  test.each(Object.keys(DIRECTIVE_ALIASES).filter((name) => name !== 'slaveof'))('the alias %s is accepted', (alias) => {
    const spec = REDIS_DIRECTIVES[DIRECTIVE_ALIASES[alias]];
    const value = spec.type === 'bool' ? 'yes' : spec.type === 'string' ? 'x' : '1';
    expect(load(`--${alias}`, value)).toMatch(STARTED);
  });

  test.each(Object.keys(IGNORED_DIRECTIVES))('%s is accepted and ignored', (name) => {
    expect(load(`--${name}`, name === 'lua-replicate-commands' ? 'yes' : '64')).toMatch(STARTED);
  });

  test.each(Object.keys(REMOVED_DIRECTIVES))('%s is refused at start', (name) => {
    expect(load(`--${name}`, 'no')).toContain('Bad directive or wrong number of arguments');
  });

  test.each(Object.entries(REDIS_DIRECTIVES).filter(([, spec]) => spec.since))('%s, newer than 7.0, is refused by 7.0', (name) => {
    expect(load(`--${name}`, '1')).toContain('Bad directive or wrong number of arguments');
  });
});

/** Whether resolve() accepts the directive with this value (written as redis.conf text). */
function checkerAccepts(name: string, text: string): boolean {
  try {
    resolve({ redisConfig: { [name]: text } });
    return true;
  } catch {
    return false;
  }
}

/** Values at the edges of the ranges Redis checks beyond the argument's type, one server start each. */
const RANGE_CASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['maxmemory-clients', ['0%', '100%']],
  ['maxmemory-clients', ['101%']],
  ['maxmemory-clients', ['150%']],
  ...Object.entries(REDIS_DIRECTIVES)
    .filter(([, spec]) => spec.type === 'memory' && !spec.since && !spec.unsigned)
    .flatMap(([name]) => [[name, ['9223372036854775807']], [name, ['9223372036854775808']]] as const),
  ['maxmemory', ['18446744073709551615']],
  ['proc-title-template', ['{title} {listen-addr} {server-mode}']],
  ['proc-title-template', ['redis {port} {{literal}}']],
  ['proc-title-template', ['{title} {pod}']],
  ['proc-title-template', ['{title']],
  ['proc-title-template', ['{}']],
  ['shutdown-on-sigterm', ['nosave', 'now']],
  ['shutdown-on-sigterm', ['save', 'nosave']],
  ['shutdown-on-sigint', ['nosave', 'save', 'now']],
];

describeWithRedis70('the ranges the checker enforces, against redis-server 7.0', () => {
  // A value the server accepts must pass the checker, and one it refuses must be refused: each
  // case starts the server (listening nowhere) and asks the checker about the same line.
  test.each(RANGE_CASES.map(([name, args]) => [`${name} ${args.join(' ')}`, name, args] as const))(
    '%s: the checker and the server agree', (_line, name, args) => {
      const serverAccepts = STARTED.test(load(...(args.length === 1 ? [`--${name}`, args[0]] : [`--${name}`, ...args])));
      const text = name === 'proc-title-template' && args[0].includes(' ') ? `"${args[0]}"` : args.join(' ');
      expect(checkerAccepts(name, text)).toBe(serverAccepts);
    });

  test('fails when a case list would prove nothing: both verdicts occur', () => {
    const verdicts = RANGE_CASES.map(([name, args]) => STARTED.test(load(`--${name}`, ...args)));
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});

/**
 * The release table (src/config/server-releases.ts) against the real servers this machine has: what a
 * measured release is said to accept is what its binary lists in CONFIG GET *, and what it is said
 * to refuse, the binary refuses at start.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { freePort, tempDir } from './_local-redis';
import { missingServer, Server, SERVERS } from './live/_servers';
import { DIRECTIVE_ALIASES, lookup, REDIS_DIRECTIVES } from '../src/config/directives';
import { NAMES_ADDED_BY_RELEASES, releaseAccepts, releaseFor, SERVER_RELEASES, ServerRelease } from '../src/config/server-releases';

const accepts70 = (name: string) => !lookup(REDIS_DIRECTIVES, name)?.since;

test('every name a release adds has a type in the catalogue, marked as newer than Redis 7.0', () => {
  expect([...NAMES_ADDED_BY_RELEASES].filter((n) => !lookup(REDIS_DIRECTIVES, n)?.since)).toEqual([]);
  // AND every newer directive is accepted by some release
  const newer = Object.entries(REDIS_DIRECTIVES).filter(([, spec]) => spec.since).map(([name]) => name);
  expect(newer.filter((n) => !NAMES_ADDED_BY_RELEASES.has(n))).toEqual([]);
});

test('an image gets the newest known release at or below its version', () => {
  const label = (r?: ServerRelease) => r && `${r.product} ${r.version.join('.')} ${r.evidence}`;
  expect(label(releaseFor('redis', [7, 0]))).toBe('redis 7.0 measured');
  expect(label(releaseFor('redis', [7, 4]))).toBe('redis 7.2 source');
  expect(label(releaseFor('redis', [8, 0]))).toBe('redis 8.0 measured');
  expect(label(releaseFor('redis', [8, 8]))).toBe('redis 8.2 unverified');
  expect(label(releaseFor('valkey', [8, 1]))).toBe('valkey 8.1 measured');
  expect(label(releaseFor('valkey', [9, 0]))).toBe('valkey 8.2 unverified');
  expect(releaseFor('redis', [6, 2])).toBeUndefined();
});

const measured = SERVER_RELEASES.filter((r) => r.evidence === 'measured').map((release) => {
  const server = Object.values(SERVERS).find((s) => s.product === release.product && s.minor === release.version.join('.'))!;
  return { release, server, missing: missingServer(server) };
});

describe.each(measured.map((m) => [m.server.name, m] as const))('%s, run here', (_name, { release, server, missing }) => {
  const run = missing.length === 0 ? test : test.skip;
  if (missing.length > 0) console.warn(`Skipping the ${server.name} release checks: this machine lacks ${missing.join(', ')}`);

  run('runs the exact version the table names', () => {
    const out = spawnSync(server.serverBinary, ['--version'], { encoding: 'utf8' }).stdout;
    expect(out).toContain(`v=${release.measured} `);
  });

  run('CONFIG GET * lists exactly the names the table says it accepts', async () => {
    const names = await configNames(server);
    // THEN every name it lists is one the table accepts for it (the checker never refuses it) ...
    const catalogue = (n: string) => lookup(REDIS_DIRECTIVES, n) !== undefined || lookup(DIRECTIVE_ALIASES, n) !== undefined;
    expect(names.filter((n) => !catalogue(n) || !releaseAccepts(release, n, accepts70))).toEqual([]);
    // ... AND every newer name the table accepts for it, it lists
    expect([...NAMES_ADDED_BY_RELEASES].filter((n) => releaseAccepts(release, n, accepts70) && !names.includes(n))).toEqual([]);
  }, 30_000);

  run('refuses at start every newer directive the table says it refuses', () => {
    const refused = [...NAMES_ADDED_BY_RELEASES].filter((n) => !releaseAccepts(release, n, accepts70));
    const dir = tempDir('release-check-');
    try {
      const started = refused.filter((name) => {
        const conf = path.join(dir, `${name}.conf`);
        fs.writeFileSync(conf, `port 0\nsave ""\n${name} ${argumentFor(name)}\n`);
        const r = spawnSync(server.serverBinary, [conf], { encoding: 'utf8', timeout: 5000 });
        return !/Bad directive or wrong number of arguments|Unresolved Configuration/.test(r.stdout + r.stderr);
      });
      expect(started).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

function argumentFor(name: string): string {
  const spec = lookup(REDIS_DIRECTIVES, name)!;
  return spec.type === 'bool' ? 'yes' : spec.type === 'int' || spec.type === 'memory' ? '1' : spec.values?.[0] ?? 'x';
}

/** The hyphenated names CONFIG GET * lists (Redis 7.0 also lists server_cpulist-style spellings). */
async function configNames(server: Server): Promise<string[]> {
  const port = await freePort();
  const dir = tempDir('release-config-');
  const child = spawn(server.serverBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      const r = spawnSync(server.cliBinary, ['-h', '127.0.0.1', '-p', String(port), 'config', 'get', '*'], { encoding: 'utf8' });
      if (r.status === 0 && r.stdout.includes('maxmemory')) {
        return r.stdout.trim().split('\n').filter((_, i2) => i2 % 2 === 0).filter((n) => !n.includes('_'));
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`${server.serverBinary} did not answer on port ${port}`);
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

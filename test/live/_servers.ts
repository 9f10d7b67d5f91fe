/**
 * The servers the live tests run, and which one runs a given image.
 *
 * No image is pulled here: a pod's image is mapped to a server installed on this machine, and the
 * pod sees that server's binaries under the names the image has, in /usr/local/bin as the official
 * images install them:
 * - `redis:7.0*`, `redis:7.2*`  → Redis 7.0.15, Debian 12's `redis-server` / `redis-tools`;
 * - `redis:8.*`                 → Redis 8.0, Debian 13's packages (`scripts/install-servers.sh`);
 * - `valkey/valkey:8.*`         → Valkey 8.1, Debian 13's packages (`scripts/install-servers.sh`).
 * Anything else is refused with the list above. The harness says which binary runs each image.
 *
 * The official `valkey/valkey` image installs with Valkey's `make install`, whose
 * USE_REDIS_SYMLINKS (on by default) adds `redis-server`, `redis-cli`, ... as symlinks to the
 * Valkey binaries (valkey-io/valkey-container Dockerfile; Valkey README, "Installing Valkey"), so a
 * Valkey pod has both names here too.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Where `scripts/install-servers.sh` puts Redis 8.0 and Valkey 8.1. */
export const SERVERS_DIR = process.env.SERVERS_DIR ?? '/opt/redis-cluster-cdk8s/servers';

export type ServerName = 'redis-7.0' | 'redis-8.0' | 'valkey-8.1';

/** One server this machine can run, and how an image that runs it looks inside. */
export interface Server {
  readonly name: ServerName;
  readonly product: 'redis' | 'valkey';
  /** major.minor */
  readonly minor: string;
  /** The image the server matrix synthesizes its manifests with. */
  readonly image: string;
  /** Where its binaries come from, for messages. */
  readonly origin: string;
  /** Command names the image has in /usr/local/bin → the executable on this machine. */
  readonly commands: Readonly<Record<string, string>>;
  /** The server executable on this machine. */
  readonly serverBinary: string;
  /** The command-line client on this machine. */
  readonly cliBinary: string;
}

const REDIS_TOOLS = ['redis-server', 'redis-cli', 'redis-benchmark', 'redis-check-aof', 'redis-check-rdb'];

function redisCommands(bin: string): Record<string, string> {
  return Object.fromEntries(REDIS_TOOLS.map((c) => [c, path.join(bin, c)]));
}

function valkeyCommands(bin: string): Record<string, string> {
  const own = REDIS_TOOLS.map((c) => c.replace('redis-', 'valkey-'));
  return {
    ...Object.fromEntries(own.map((c) => [c, path.join(bin, c)])),
    // make install's USE_REDIS_SYMLINKS names
    ...Object.fromEntries(REDIS_TOOLS.map((c) => [c, path.join(bin, c.replace('redis-', 'valkey-'))])),
  };
}

const redis80Bin = path.join(SERVERS_DIR, 'redis-8.0', 'bin');
const valkey81Bin = path.join(SERVERS_DIR, 'valkey-8.1', 'bin');

export const SERVERS: Readonly<Record<ServerName, Server>> = {
  'redis-7.0': {
    name: 'redis-7.0',
    product: 'redis',
    minor: '7.0',
    image: 'redis:7.0.15-bookworm',
    origin: "Debian 12's redis-server",
    commands: redisCommands('/usr/bin'),
    serverBinary: '/usr/bin/redis-server',
    cliBinary: '/usr/bin/redis-cli',
  },
  'redis-8.0': {
    name: 'redis-8.0',
    product: 'redis',
    minor: '8.0',
    image: 'redis:8.0.2-bookworm',
    origin: `Debian 13's redis-server in ${path.dirname(redis80Bin)}`,
    commands: redisCommands(redis80Bin),
    serverBinary: path.join(redis80Bin, 'redis-server'),
    cliBinary: path.join(redis80Bin, 'redis-cli'),
  },
  'valkey-8.1': {
    name: 'valkey-8.1',
    product: 'valkey',
    minor: '8.1',
    image: 'valkey/valkey:8.1.1-bookworm',
    origin: `Debian 13's valkey-server in ${path.dirname(valkey81Bin)}`,
    commands: valkeyCommands(valkey81Bin),
    serverBinary: path.join(valkey81Bin, 'valkey-server'),
    cliBinary: path.join(valkey81Bin, 'valkey-cli'),
  },
};

/**
 * The server that runs `image` here. Throws, listing what can run, for any other image: a test
 * must never run a server other than the one its manifests name.
 */
export function serverForImage(image: string): Server {
  const m = /^(?:docker\.io\/)?(?:library\/)?([a-z0-9./-]+?)(?::([\w.-]+))?(@sha256:[0-9a-f]{64})?$/.exec(image);
  const repository = m?.[1];
  const tag = m?.[2] ?? '';
  if (repository === 'redis' && /^7\.[02](\.|-|$)/.test(tag)) return SERVERS['redis-7.0'];
  if (repository === 'redis' && /^8(\.|-|$)/.test(tag)) return SERVERS['redis-8.0'];
  if (repository === 'valkey/valkey' && /^8(\.|-|$)/.test(tag)) return SERVERS['valkey-8.1'];
  throw new Error(`the live harness cannot run image '${image}': it runs redis:7.0* and redis:7.2* (as Redis 7.0, Debian 12), `
    + "redis:8.* (as Redis 8.0) and valkey/valkey:8.* (as Valkey 8.1, both Debian 13's, from scripts/install-servers.sh); "
    + 'synthesize the manifests with one of those images');
}

const versions = new Map<string, string | undefined>();

/** The exact version the server reports (`8.0.2`), or undefined when it does not run here. */
export function serverVersion(server: Server): string | undefined {
  if (!versions.has(server.serverBinary)) {
    const r = spawnSync(server.serverBinary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    versions.set(server.serverBinary, / v=(\d+\.\d+\.\d+) /.exec(r.stdout ?? '')?.[1]);
  }
  return versions.get(server.serverBinary);
}

/** What this machine lacks to run `server`; empty when it runs. */
export function missingServer(server: Server): string[] {
  const missing = Object.values(server.commands).filter((c) => !fs.existsSync(c));
  if (missing.length > 0) {
    const how = server.name === 'redis-7.0' ? 'apt-get install redis-server redis-tools' : 'scripts/install-servers.sh';
    return [`${server.name} (${missing.join(', ')}; install with ${how})`];
  }
  const version = serverVersion(server);
  if (version === undefined || !version.startsWith(`${server.minor}.`)) {
    return [`${server.name} (${server.serverBinary} reports version ${version ?? 'none'}, not ${server.minor}.x)`];
  }
  return [];
}

/** One line for a test's output: which binary runs an image. */
export function describeServer(image: string, server: Server): string {
  return `image ${image} runs ${server.product}-server ${serverVersion(server) ?? '(not installed)'}, ${server.origin}`;
}

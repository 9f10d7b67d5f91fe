import { spawnSync } from 'child_process';
import { describeRequiring, missingCommands } from '../_requirements';

const HOW_TO_ENABLE = 'The live tests need Linux, root (they create mount and UTS namespaces), util-linux '
  + '(unshare, nsenter, setpriv) and Redis 7 or later (redis-server, redis-cli): on Debian or Ubuntu, '
  + '`apt-get install redis-server util-linux`, then run `sudo npx jest test/live`.';

/** What this machine lacks to run the live tests; empty when it has everything. */
export function missingLiveRequirements(): string[] {
  const missing: string[] = [];
  if (process.platform !== 'linux') {
    return [`Linux (this is ${process.platform})`];
  }
  if (process.getuid?.() !== 0) {
    missing.push('root');
  }
  missing.push(...missingCommands(['redis-server', 'redis-cli', 'unshare', 'nsenter', 'setpriv', 'getent', 'timeout']));
  if (missing.length > 0) {
    return missing;
  }
  const version = /v=(\d+)\./.exec(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout ?? '');
  if (!version || Number(version[1]) < 7) {
    missing.push('redis-server 7 or later (bind-source-addr and cluster-announce-hostname)');
  }
  if (spawnSync('unshare', ['--mount', '--uts', '--propagation', 'private', 'true']).status !== 0) {
    missing.push('permission to create mount and UTS namespaces (unshare failed)');
  }
  return missing;
}

/**
 * `describe` for tests that run real Redis processes. Where the machine cannot run them, they are
 * skipped with a warning that says how to enable them, except in CI (`CI` set), where they fail
 * instead: CI must never pass by skipping them.
 */
export function describeLive(name: string, body: () => void): void {
  describeRequiring(missingLiveRequirements(), HOW_TO_ENABLE)(name, body);
}

/**
 * The Secret the operator creates before applying the manifests (README: `kubectl create secret
 * generic redis-auth --from-literal=password=...`). The password has quotes, a backslash, a space
 * and a dollar, everything a config file or a shell could mangle.
 */
export const AUTH_SECRETS = { 'redis-auth': { password: 'live "test" pa\\ss $word' } } as const;

/**
 * Gives the whole test run one temporary folder: every test that asks the OS for a temporary
 * folder (os.tmpdir(), mktemp in the scripts) gets one inside it, and the teardown removes it, so
 * a run leaves nothing in /tmp even when a test is killed before its own cleanup.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const RUN_TMPDIR_VAR = 'REDIS_CLUSTER_TEST_TMPDIR';

export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-cdk8s-tests-'));
  // As /tmp: the live tests' pods run as other users and must reach their folders in it.
  fs.chmodSync(dir, 0o1777);
  // Test workers start after this and inherit the environment.
  process.env[RUN_TMPDIR_VAR] = dir;
  process.env.TMPDIR = dir;
}

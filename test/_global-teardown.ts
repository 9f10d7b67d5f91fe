import * as fs from 'fs';
import { RUN_TMPDIR_VAR } from './_global-setup';

/** Removes the run's temporary folder (see _global-setup.ts). */
export default function globalTeardown(): void {
  const dir = process.env[RUN_TMPDIR_VAR];
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

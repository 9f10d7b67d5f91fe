import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A maker of temporary folders for one test file: each call creates a new folder under the
 * system's temporary folder, and all of them are removed after the file's last test.
 */
export function tempDirsRemovedAfterAll(): (prefix: string) => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  return (prefix: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a Secret volume's files into `dir` the way the kubelet's atomic writer does, so that a
 * container sees an update all at once, as it would in Kubernetes:
 *
 *   dir/..2026_12_01_23_59_59.123456789_ab12/<key>   the files of one version
 *   dir/..data -> ..2026_12_01_...                   the version in force
 *   dir/<key> -> ..data/<key>                        what the container opens
 *
 * An update writes a new version folder, points a temporary symlink at it and renames that over
 * `..data` (one atomic rename), then adds the links of new keys, removes those of keys that are
 * gone, and deletes the old version. Files are owned by root and the pod's fsGroup, with `mode`.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/volume/util/atomic_writer.go
 */
export function writeSecretVolume(dir: string, data: Readonly<Record<string, string>>, mode: number, gid: number): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const dataLink = path.join(dir, '..data');
  const previous = fs.existsSync(dataLink) ? fs.readlinkSync(dataLink) : undefined;

  const stamp = new Date().toISOString().replace(/[-:T]/g, '_').replace('Z', '');
  const version = `..${stamp}_${randomBytes(2).toString('hex')}`;
  const versionDir = path.join(dir, version);
  fs.mkdirSync(versionDir, { mode: 0o755 });
  fs.chownSync(versionDir, 0, gid);
  for (const [key, value] of Object.entries(data)) {
    const file = path.join(versionDir, key);
    fs.writeFileSync(file, value);
    fs.chownSync(file, 0, gid);
    fs.chmodSync(file, mode);
  }

  const tmpLink = path.join(dir, '..data_tmp');
  fs.rmSync(tmpLink, { force: true });
  fs.symlinkSync(version, tmpLink);
  fs.renameSync(tmpLink, dataLink);

  for (const key of Object.keys(data)) {
    const link = path.join(dir, key);
    if (!fs.existsSync(link)) {
      fs.symlinkSync(path.join('..data', key), link);
    }
  }
  for (const entry of fs.readdirSync(dir)) {
    if (!entry.startsWith('..') && !(entry in data)) {
      fs.rmSync(path.join(dir, entry), { force: true });
    }
  }
  if (previous !== undefined && previous !== version) {
    fs.rmSync(path.join(dir, previous), { recursive: true, force: true });
  }
}

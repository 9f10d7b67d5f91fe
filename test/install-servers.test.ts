import { spawnSync } from 'child_process';
import * as path from 'path';
import { describeWith } from './_local-redis';

const SCRIPT = path.join(__dirname, '..', 'scripts', 'install-servers.sh');

describeWith(['shellcheck'], 'Install shellcheck (Debian: apt-get install -y shellcheck) to run these tests.')('scripts/install-servers.sh', () => {
  test('is shellcheck-clean as sh', () => {
    const r = spawnSync('shellcheck', ['-s', 'sh', SCRIPT], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

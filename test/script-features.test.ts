import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describeWith, SCRIPTS } from './_local-redis';
import { scriptForFeatures } from '../src/config/script-features';

const SCRIPT = ['a', '# [tls]', 'tls only', '# [/tls]', 'b', '  # [reload]', '  reload only', '  # [/reload]', 'c'].join('\n');

test('a feature that is off loses its blocks; one that is on keeps them, without the markers', () => {
  expect(scriptForFeatures('x.sh', SCRIPT, new Set())).toBe('a\nb\nc');
  expect(scriptForFeatures('x.sh', SCRIPT, new Set(['tls']))).toBe('a\ntls only\nb\nc');
  expect(scriptForFeatures('x.sh', SCRIPT, new Set(['tls', 'reload']))).toBe('a\ntls only\nb\n  reload only\nc');
});

test('fails when blocks are unbalanced or nested, naming the line', () => {
  expect(() => scriptForFeatures('x.sh', '# [tls]\na', new Set())).toThrow("x.sh: block [tls] is never closed; add a line '# [/tls]'");
  expect(() => scriptForFeatures('x.sh', 'a\n# [/tls]', new Set())).toThrow('x.sh:2: [/tls] closes no open block');
  expect(() => scriptForFeatures('x.sh', '# [tls]\n# [reload]', new Set())).toThrow('x.sh:2: block [reload] opens inside block [tls]');
});

describeWith(['shellcheck'], 'Install shellcheck to run these tests.')('every variant of the scripts is shellcheck-clean', () => {
  const variants = [[], ['tls']] as const;
  const scripts = fs.readdirSync(SCRIPTS).filter((f) => f.endsWith('.sh'));
  test.each(scripts.flatMap((f) => variants.map((v) => [f, v.join('+') || 'no features'] as const)))('%s with %s', (file, variant) => {
    const text = scriptForFeatures(file, fs.readFileSync(path.join(SCRIPTS, file), 'utf8'), new Set(variant === 'no features' ? [] : ['tls']));
    const r = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: text, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
  });
});

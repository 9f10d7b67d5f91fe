import { spawnSync } from 'child_process';

/** The commands of `commands` that are not on the PATH. */
export function missingCommands(commands: readonly string[]): string[] {
  return commands.filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
}

/** True under CI (`CI` set to anything but '', 'false' or '0'). */
export function runningInCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * A `describe` for tests that need things a machine may lack (`missing`, empty when it has them
 * all). Where something is missing, the tests are skipped with a warning saying how to enable
 * them, except under CI, where a failing test says what is missing instead: CI must never pass by
 * skipping them.
 */
export function describeRequiring(missing: readonly string[], howToEnable: string): (name: string, body: () => void) => void {
  return (name, body) => {
    if (missing.length === 0) {
      describe(name, body);
    } else if (runningInCi()) {
      describe(name, () => {
        test('this machine has what these tests need', () => {
          throw new Error(`CI must run these tests, but this machine lacks: ${missing.join(', ')}. ${howToEnable}`);
        });
      });
    } else {
      // eslint-disable-next-line no-console
      console.warn(`Skipping "${name}": this machine lacks ${missing.join(', ')}. ${howToEnable}`);
      describe.skip(name, body);
    }
  };
}

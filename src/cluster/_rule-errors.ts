import { ValidationError } from '../_errors';

/**
 * Collects the errors of rules that do not depend on each other, so that a user sees every
 * problem at once, one line each, in the order the rules run (the first line is the error the
 * first failing rule reports).
 */
export class RuleErrors {
  private readonly lines: string[] = [];

  /** Runs one rule; on a ValidationError, records its lines and returns `fallback`. */
  public run<T>(rule: () => T, fallback: T): T {
    try {
      return rule();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      this.lines.push(...e.message.split('\n'));
      return fallback;
    }
  }

  /** Whether no rule has failed so far. */
  public get ok(): boolean {
    return this.lines.length === 0;
  }

  /** Throws one ValidationError holding every recorded line, if any. */
  public throwIfAny(): void {
    if (this.lines.length > 0) {
      throw new ValidationError(this.lines.join('\n'));
    }
  }
}

import { show, ValidationError } from '../_errors';

/**
 * Splits a redis.conf line into arguments as Redis does (sdssplitargs): whitespace separates,
 * "double" quotes take \n \t \xHH escapes, 'single' quotes take \' only, and a closing quote must
 * end the argument.
 */
export function splitArgs(line: string, where: string): string[] {
  const args: string[] = [];
  let i = 0;
  const unbalanced = () => new ValidationError(`${where} has unbalanced quotes, got ${show(line)}: close every quote, and put a space after it`);
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) break;
    let current = '';
    let done = false;
    while (!done) {
      if (i >= line.length) break;
      const c = line[i];
      if (c === '"' || c === "'") {
        const quote = c;
        i++;
        let closed = false;
        while (i < line.length) {
          if (quote === '"' && line[i] === '\\' && /^x[0-9a-fA-F]{2}$/.test(line.slice(i + 1, i + 4))) {
            current += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
          } else if (line[i] === '\\' && i + 1 < line.length && (quote === '"' || line[i + 1] === "'")) {
            const e = line[i + 1];
            current += quote === '"' ? ({ n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' } as Record<string, string>)[e] ?? e : e;
            i += 2;
          } else if (line[i] === quote) {
            i++;
            closed = true;
            break;
          } else {
            current += line[i++];
          }
        }
        if (!closed || (i < line.length && !/\s/.test(line[i]))) {
          throw unbalanced();
        }
        done = true;
      } else if (/\s/.test(c)) {
        done = true;
      } else {
        current += c;
        i++;
      }
    }
    args.push(current);
  }
  return args;
}

/** Throws unless `extraRedisConfig[i]` is one line of text; returns it. */
export function checkRawLine(line: unknown, i: number): string {
  if (typeof line !== 'string' || /[\r\n]/.test(line)) {
    throw new ValidationError(`extraRedisConfig[${i}] must be one line of text, got ${show(line)}: put each line in its own array element`);
  }
  return line;
}

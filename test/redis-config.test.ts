import { mergeRedisConfig, renderRedisConf } from '../src';

describe('renderRedisConf', () => {
  test('renders booleans as yes/no and numbers as written', () => {
    expect(renderRedisConf({ 'appendonly': true, 'protected-mode': false, 'hz': 10 }))
      .toBe('appendonly yes\nprotected-mode no\nhz 10\n');
  });

  test('repeats a directive once per array element', () => {
    expect(renderRedisConf({ save: ['900 1', '300 10'] })).toBe('save 900 1\nsave 300 10\n');
  });

  test('renders an empty string as ""', () => {
    expect(renderRedisConf({ logfile: '' })).toBe('logfile ""\n');
  });

  test('leaves out null and undefined directives', () => {
    expect(renderRedisConf({ save: null, hz: undefined, port: 6379 })).toBe('port 6379\n');
  });

  test('writes header lines as comments first', () => {
    expect(renderRedisConf({ port: 1 }, ['line one', ''])).toBe('# line one\n#\nport 1\n');
  });

  test('keeps the order of the keys', () => {
    const text = renderRedisConf({ b: 1, a: 2, c: 3 });
    expect(text).toBe('b 1\na 2\nc 3\n');
  });

  test('fails when a value holds a line break, which would inject a directive', () => {
    expect(() => renderRedisConf({ logfile: 'x\nbind 127.0.0.1' })).toThrow(/redisConfig\['logfile'\] must be one line/);
  });

  test('fails when a number is not finite', () => {
    expect(() => renderRedisConf({ hz: Number.NaN })).toThrow(/redisConfig\['hz'\] must be a finite number/);
  });
});

describe('mergeRedisConfig', () => {
  test('overrides in place, appends new keys, and null removes', () => {
    const merged = mergeRedisConfig({ a: 1, b: 2, c: 3 }, { b: 20, d: 4 }, { c: null });
    expect(renderRedisConf(merged)).toBe('a 1\nb 20\nd 4\n');
  });

  test('ignores undefined values', () => {
    expect(mergeRedisConfig({ a: 1 }, { a: undefined })).toEqual({ a: 1 });
  });
});

/**
 * A values file for the default app, as a Helm chart has: YAML whose keys are the RedisCluster
 * props, so that a change needs no TypeScript. It is checked by the same rules, with the same
 * messages, as props written in code; each line of an error starts with the file's name. The only
 * key with a form of its own is `storage`, a mapping with a `kind` (see storageFromValues).
 */
import * as fs from 'fs';
import * as path from 'path';
// The default app's, not the library's: the package leaves this module out (.projenrc.ts files),
// so yaml stays a dev dependency.
// eslint-disable-next-line import/no-extraneous-dependencies
import { parseDocument } from 'yaml';
import { likelyMeant, show, ValidationError } from './_errors';
import { unknownKeys } from './_validate';
import { PROP_NAMES, RedisClusterProps } from './cluster/props';
import { resolve } from './cluster/resolve';
import { RedisStorage } from './storage/storage';

/** The values file the default app reads, relative to the folder it runs in, when it exists. */
export const DEFAULT_VALUES_FILE = 'values.yaml';

/** An environment variable naming another values file, which must then exist. */
export const VALUES_FILE_ENV = 'REDIS_CLUSTER_VALUES';

/** The `storage` kinds of a values file, and the RedisStorage factory each one calls. */
export const STORAGE_KINDS = {
  storageClass: (options: object) => RedisStorage.fromStorageClass(options),
  dynamicNfs: (options: object) => RedisStorage.dynamicNfs(options as never),
  staticNfs: (options: object) => RedisStorage.staticNfs(options as never),
  ephemeral: (options: object) => {
    if (Object.keys(options).length > 0) {
      throw new ValidationError(`storage of kind ephemeral takes no options, got ${Object.keys(options).map((k) => show(k)).join(', ')}: remove them (emptyDir has no size or access modes)`);
    }
    return RedisStorage.ephemeral();
  },
} as const;

/** Where the values come from, and what they are. */
export interface Values {
  /** The file read, as given (for messages); undefined when there was none. */
  readonly source?: string;
  readonly props: RedisClusterProps;
}

/**
 * Reads the values file: the one `REDIS_CLUSTER_VALUES` names (which must exist), else
 * `values.yaml` in `cwd` if there is one, else none (every default).
 */
export function readValues(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Values {
  const named = env[VALUES_FILE_ENV];
  if (named !== undefined && named !== '') {
    if (!fs.existsSync(path.resolve(cwd, named))) {
      throw new ValidationError(`${VALUES_FILE_ENV} names ${show(named)}, which does not exist (from ${cwd}): set it to your values file, or unset it to read ${DEFAULT_VALUES_FILE}`);
    }
    return { source: named, props: parseValues(fs.readFileSync(path.resolve(cwd, named), 'utf8'), named) };
  }
  const file = path.join(cwd, DEFAULT_VALUES_FILE);
  if (!fs.existsSync(file)) return { props: {} };
  return { source: DEFAULT_VALUES_FILE, props: parseValues(fs.readFileSync(file, 'utf8'), DEFAULT_VALUES_FILE) };
}

/** Parses a values file's text into props; `source` names it in messages. */
export function parseValues(text: string, source: string): RedisClusterProps {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    // The first line of each: where, and what; the code frame under it is for a terminal.
    throw new ValidationError(doc.errors.map((e) => `${source}: ${e.message.split('\n')[0]}: fix the YAML there`).join('\n'));
  }
  return propsFromValues(doc.toJS(), source);
}

/**
 * Turns parsed values into props: a mapping of prop names (an empty file is every default), with
 * `storage` made by its factory. Unknown keys get the did-you-mean of the props.
 */
export function propsFromValues(values: unknown, source: string): RedisClusterProps {
  if (values === null || values === undefined) return {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw new ValidationError(`${source} must be a mapping of RedisCluster props to values, got ${show(values)}: e.g. shards: 3`);
  }
  const problems = unknownKeys(source, values, PROP_NAMES);
  if (problems.length > 0) throw new ValidationError(problems.join('\n'));
  const { storage, ...rest } = values as Record<string, unknown>;
  if (storage === undefined) return rest as RedisClusterProps;
  try {
    return { ...rest, storage: withSource(source, () => storageFromValues(storage)) } as RedisClusterProps;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // Every error at once, as for props in code: the other keys' errors follow the storage's.
    const others = errorLines(() => resolve(rest as RedisClusterProps));
    throw new ValidationError(prefixLines(source, [error.message, ...others].join('\n')));
  }
}

/** The lines of the ValidationError `run` throws, if any. */
function errorLines(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.message.split('\n');
  }
}

/**
 * `storage: { kind: <kind>, ...options }`: the kind names the RedisStorage factory (storageClass,
 * dynamicNfs, staticNfs, ephemeral), the other keys are its options, checked by the factory.
 */
export function storageFromValues(value: unknown): RedisStorage {
  const kinds = Object.keys(STORAGE_KINDS);
  const example = 'e.g. storage: { kind: storageClass, storageClassName: gp3, size: 20Gi }';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`storage must be a mapping with a kind (${kinds.join(', ')}) and its options, got ${show(value)}: ${example}`);
  }
  const { kind, ...options } = value as Record<string, unknown>;
  if (typeof kind !== 'string' || !(kind in STORAGE_KINDS)) {
    const guess = typeof kind === 'string' ? likelyMeant(kind, kinds) : undefined;
    throw new ValidationError(`storage.kind must be one of ${kinds.join(', ')}, got ${show(kind)}${guess ? ` (did you mean ${show(guess)}?)` : ''}: ${guess ? `set kind: ${guess}` : example}`);
  }
  return STORAGE_KINDS[kind as keyof typeof STORAGE_KINDS](options);
}

/** Runs `build`; a ValidationError's every line then starts with `source: `. */
export function withSource<T>(source: string | undefined, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (source === undefined || !(error instanceof ValidationError)) throw error;
    throw new ValidationError(prefixLines(source, error.message));
  }
}

/** Every line of `message` starting with `source: ` (once). */
function prefixLines(source: string, message: string): string {
  const prefix = `${source}: `;
  return message.split('\n').map((line) => (line.startsWith(prefix) ? line : `${prefix}${line}`)).join('\n');
}


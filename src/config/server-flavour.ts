/** The servers the chart runs: Redis, or Valkey (a fork of Redis 7.2). */
export type ServerProduct = 'redis' | 'valkey';

/** Which server an image runs, read from its repository name and tag, when recognisable. */
export interface ServerFlavour {
  readonly product: ServerProduct;
  /** [major, minor] from a tag like `7.2.6-bookworm`; undefined for tags like `bookworm`. */
  readonly version?: readonly [number, number];
}

/**
 * The server an image runs, declared for an image whose name does not say it: a private mirror
 * (`registry.example.com/cache/server:2024-11`), a digest (`redis@sha256:…`), another vendor's
 * build. The version gates and the per-release directive catalogue use it.
 */
export interface ServerDeclaration {
  /** `'redis'` or `'valkey'`. */
  readonly product: ServerProduct;
  /** major.minor of the server the image runs, e.g. `'8.1'`. */
  readonly version: string;
}

/** The server the pods run, resolved: from the image name, the `server` prop, or both (agreeing). */
export interface ServerIdentity {
  readonly product: ServerProduct;
  /** [major, minor] */
  readonly version: readonly [number, number];
  /** Where it was read: the image's name and tag, or the `server` prop. */
  readonly source: 'image' | 'declared';
}

/** The server an image runs: `redis:7.2.6`, `bitnami/redis:7.0`, `valkey/valkey:8.0`. */
export function serverFlavour(repository: string, tag: string | undefined): ServerFlavour | undefined {
  const name = repository.split('/').pop() ?? '';
  const product = name === 'redis' || name === 'redis-server' ? 'redis' : name === 'valkey' ? 'valkey' : undefined;
  if (!product) {
    return undefined;
  }
  const m = /^v?(\d+)\.(\d+)/.exec(tag ?? '');
  return { product, version: m ? [Number(m[1]), Number(m[2])] : undefined };
}

/** `Redis 8.0` / `Valkey 8.1`. */
export function serverLabel(product: ServerProduct, version: readonly [number, number]): string {
  return `${product === 'redis' ? 'Redis' : 'Valkey'} ${version.join('.')}`;
}

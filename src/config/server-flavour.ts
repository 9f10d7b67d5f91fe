/** Which server an image runs, read from its repository name and tag, when recognisable. */
export interface ServerFlavour {
  readonly product: 'redis' | 'valkey';
  /** [major, minor] from a tag like `7.2.6-bookworm`; undefined for tags like `bookworm`. */
  readonly version?: readonly [number, number];
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

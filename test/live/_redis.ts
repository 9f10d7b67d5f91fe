import * as tls from 'tls';
import Redis, { Cluster, ClusterOptions } from 'ioredis';

/** The TLS files a client uses: the CA it trusts and, for client authentication, its own pair. */
export interface ClientTls {
  readonly ca: string;
  readonly cert?: string;
  readonly key?: string;
}

/**
 * TLS options for the tests' own node-by-address connections (health checks, one-shot
 * commands): the chain is verified against the CA, the name is not, since these connect to a pod's
 * address, which no certificate names. What a real client sees, hostname verification included,
 * is `tlsClusterClient`'s to prove.
 */
function addressTls(clientTls: ClientTls | undefined): tls.ConnectionOptions | undefined {
  return clientTls ? { ca: clientTls.ca, cert: clientTls.cert, key: clientTls.key, checkServerIdentity: () => undefined } : undefined;
}

/** Options for a connection that fails fast and never retries on its own. */
export function oneShotOptions(timeoutMs: number, password?: string, username?: string, clientTls?: ClientTls) {
  return {
    password,
    username,
    tls: addressTls(clientTls),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    // Close sockets at once on disconnect() instead of leaving a 2 s timer behind.
    disconnectTimeout: 50,
  };
}

/** Opens a connection to one node; the caller must `disconnect()` it. */
export async function connectNode(host: string, port: number, timeoutMs = 3000, password?: string, username?: string,
  clientTls?: ClientTls): Promise<Redis> {
  const client = new Redis({ host, port, ...oneShotOptions(timeoutMs, password, username, clientTls) });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    client.disconnect();
    throw new Error(`cannot connect to ${host}:${port}: ${(e as Error).message}`);
  }
  return client;
}

/** Sends one command to one node over a fresh connection. */
export async function nodeCommand(host: string, port: number, args: readonly (string | number)[], timeoutMs = 3000,
  password?: string, username?: string, clientTls?: ClientTls): Promise<unknown> {
  const client = await connectNode(host, port, timeoutMs, password, username, clientTls);
  try {
    return await client.call(String(args[0]), ...args.slice(1).map(String));
  } finally {
    client.disconnect();
  }
}

/** `CLUSTER INFO` as a map. */
export function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

/** One line of `CLUSTER NODES`. */
export interface ClusterNode {
  readonly id: string;
  readonly ip: string;
  readonly port: number;
  readonly busPort: number;
  /** The announced hostname; empty when the node announces none. */
  readonly hostname: string;
  readonly flags: readonly string[];
  readonly role: 'master' | 'replica';
  /** The master's id, for a replica. */
  readonly masterId?: string;
  readonly configEpoch: number;
  readonly linkState: string;
  /** Slot ranges served, inclusive. Importing/migrating markers are left out. */
  readonly slots: ReadonlyArray<readonly [number, number]>;
}

/** Parses `CLUSTER NODES` output. */
export function parseClusterNodes(text: string): ClusterNode[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').map((line) => {
    const [id, address, flagText, master, , , epoch, linkState, ...slotFields] = line.trim().split(' ');
    const [endpoint, hostname = ''] = address.split(',');
    const at = endpoint.lastIndexOf('@');
    const colon = endpoint.lastIndexOf(':', at);
    const flags = flagText.split(',');
    return {
      id,
      ip: endpoint.slice(0, colon),
      port: Number(endpoint.slice(colon + 1, at)),
      busPort: Number(endpoint.slice(at + 1)),
      hostname,
      flags,
      role: flags.includes('master') ? 'master' : 'replica',
      masterId: master === '-' ? undefined : master,
      configEpoch: Number(epoch),
      linkState,
      slots: slotFields.filter((s) => !s.startsWith('[')).map((s) => {
        const [from, to = from] = s.split('-').map(Number);
        return [from, to] as const;
      }),
    };
  });
}

/** How many slots `ranges` cover. */
export function slotCount(ranges: ReadonlyArray<readonly [number, number]>): number {
  return ranges.reduce((n, [from, to]) => n + to - from + 1, 0);
}

/**
 * A cluster client that resolves names the way a client inside Kubernetes would: through the
 * cluster DNS. The seed is resolved with `dnsLookup`; the nodes the cluster announces (by hostname,
 * since the nodes prefer hostname endpoints) are resolved through `natMap`, the hook ioredis
 * consults for every node address it learns from CLUSTER SLOTS and MOVED/ASK replies (its
 * `dnsLookup` covers only the seeds).
 */
export function clusterClient(seed: { host: string; port: number }, resolve: (hostname: string) => string | undefined,
  options: ClusterOptions = {}, password?: string, username?: string): { client: Cluster; announcedHostnames: Set<string> } {
  const announcedHostnames = new Set<string>();
  const client = new Cluster([seed], {
    dnsLookup: (hostname, callback) => {
      const address = resolve(hostname);
      if (address === undefined) {
        callback(Object.assign(new Error(`${hostname} is not published in the cluster DNS`), { code: 'ENOTFOUND' }), '');
      } else {
        callback(null, address, 4);
      }
    },
    natMap: (key) => {
      const colon = key.lastIndexOf(':');
      const host = key.slice(0, colon);
      const address = resolve(host);
      if (address === undefined) {
        return null;
      }
      announcedHostnames.add(host);
      return { host: address, port: Number(key.slice(colon + 1)) };
    },
    slotsRefreshTimeout: 2000,
    clusterRetryStrategy: (times) => (times > 20 ? null : 200),
    ...options,
    redisOptions: {
      connectTimeout: 2000, commandTimeout: 5000, maxRetriesPerRequest: 3, disconnectTimeout: 50, password, username, ...options.redisOptions,
    },
  });
  client.on('error', () => undefined);
  return { client, announcedHostnames };
}

/**
 * A name resolver for sockets, in the shape `net.connect`'s `lookup` option takes (Node 20 asks
 * for every address at once), answering from the cluster DNS.
 */
export function clusterLookup(resolve: (hostname: string) => string | undefined) {
  return (hostname: string, options: { all?: boolean }, callback: (...args: any[]) => void): void => {
    const address = resolve(hostname);
    if (address === undefined) {
      callback(Object.assign(new Error(`${hostname} is not published in the cluster DNS`), { code: 'ENOTFOUND' }));
    } else if (options.all) {
      callback(null, [{ address, family: 4 }]);
    } else {
      callback(null, address, 4);
    }
  };
}

/**
 * A TLS cluster client that connects to nodes by name, as a client inside Kubernetes does: the
 * seed and every node the cluster announces (pod FQDNs) stay names, sockets resolve them through
 * the cluster DNS, and Node's own `tls.checkServerIdentity` verifies each server's certificate
 * against the name connected to. `verifiedNames` records each name verified.
 */
export function tlsClusterClient(seed: { host: string; port: number }, resolve: (hostname: string) => string | undefined,
  clientTls: ClientTls, password?: string, options: ClusterOptions = {}, username?: string): { client: Cluster; verifiedNames: Set<string> } {
  const verifiedNames = new Set<string>();
  const client = new Cluster([seed], {
    // Keep the seed a name: its certificate is checked against the name.
    dnsLookup: (hostname, callback) => callback(null, hostname, 4),
    slotsRefreshTimeout: 2000,
    clusterRetryStrategy: (times) => (times > 20 ? null : 200),
    ...options,
    redisOptions: {
      connectTimeout: 2000,
      commandTimeout: 5000,
      maxRetriesPerRequest: 3,
      disconnectTimeout: 50,
      password,
      username,
      tls: {
        ca: clientTls.ca,
        cert: clientTls.cert,
        key: clientTls.key,
        lookup: clusterLookup(resolve) as any,
        checkServerIdentity: (hostname, cert) => {
          const error = tls.checkServerIdentity(hostname, cert);
          if (!error) verifiedNames.add(hostname);
          return error;
        },
      },
      // The caller's connection options join these (the TLS options stay).
      ...options.redisOptions,
    },
  });
  client.on('error', () => undefined);
  return { client, verifiedNames };
}

import { RedisConfig } from './redis-config';
import { ResolvedTls } from '../cluster/tls';

/** What the directives that RedisCluster owns are rendered from. */
export interface ManagedInputs {
  readonly clientPort: number;
  readonly busPort: number;
  readonly clusterNodeTimeoutMs: number;
  /** Where the data volume is mounted. */
  readonly dataMountPath: string;
  /** The cluster-config-file path, on the data volume. */
  readonly nodesConfPath: string;
  /** Whether every pod has its own NodePort Service (externalServicePerPod). */
  readonly perPod: boolean;
}

interface ManagedDirective {
  readonly directive: string;
  /** The prop (or rule, in parentheses) that sets it, for error messages. */
  readonly owner: string;
  /** Its value; none when the container sets it at start (the pod's own FQDN). */
  readonly value?: (inputs: ManagedInputs) => string | number | boolean;
}

/** The one list of the directives RedisCluster sets itself, in the order redis.conf renders them. */
const MANAGED: readonly ManagedDirective[] = [
  { directive: 'port', owner: 'clientPort', value: (i) => i.clientPort },
  { directive: 'dir', owner: '(always the data volume)', value: (i) => i.dataMountPath },
  { directive: 'cluster-enabled', owner: '(always yes)', value: () => true },
  { directive: 'cluster-config-file', owner: '(always on the data volume)', value: (i) => i.nodesConfPath },
  { directive: 'cluster-node-timeout', owner: 'clusterNodeTimeoutMs', value: (i) => i.clusterNodeTimeoutMs },
  { directive: 'cluster-port', owner: 'busPort', value: (i) => i.busPort },
  { directive: 'cluster-announce-port', owner: 'clientPort', value: (i) => i.clientPort },
  { directive: 'cluster-announce-bus-port', owner: 'busPort', value: (i) => i.busPort },
  // Outside clients cannot resolve pod FQDNs: with a Service per pod, redirect to addresses.
  { directive: 'cluster-preferred-endpoint-type', owner: '(hostname; ip with externalServicePerPod)', value: (i) => i.perPod ? 'ip' : 'hostname' },
  { directive: 'cluster-announce-hostname', owner: '(each pod announces its FQDN)' },
];

/**
 * redis.conf directives that belong to the tls prop. Setting them in redisConfig is refused, with
 * or without TLS: they decide which files and ports Redis uses, which the pods must match.
 */
export const TLS_MANAGED_DIRECTIVES: Readonly<Record<string, string>> = Object.fromEntries([
  'tls-port', 'tls-cert-file', 'tls-key-file', 'tls-key-file-pass', 'tls-ca-cert-file', 'tls-ca-cert-dir',
  'tls-client-cert-file', 'tls-client-key-file', 'tls-client-key-file-pass', 'tls-auth-clients', 'tls-replication', 'tls-cluster',
  'cluster-announce-tls-port',
].map((d) => [d, 'tls']));

/** redis.conf directives that RedisCluster sets from its props, with the prop (or rule) that sets each. */
export const MANAGED_DIRECTIVES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(MANAGED.map((m) => [m.directive, m.owner])),
  ...TLS_MANAGED_DIRECTIVES,
};

/** The managed directives' values, merged last over the defaults and the user's redisConfig. */
export function managedRedisConfig(inputs: ManagedInputs): RedisConfig {
  return Object.fromEntries(MANAGED.filter((m) => m.value).map((m) => [m.directive, m.value!(inputs)]));
}

/** The redis.conf directives that TLS sets, merged over the managed ones: all of them belong to the tls prop. */
export function tlsRedisConfig(tls: ResolvedTls, clientPort: number): RedisConfig {
  return {
    'port': tls.plainTextPort ?? 0,
    'tls-port': clientPort,
    'tls-cert-file': tls.certFile,
    'tls-key-file': tls.keyFile,
    'tls-ca-cert-file': tls.caFile,
    'tls-auth-clients': tls.clientAuth ? 'yes' : 'no',
    'tls-replication': true,
    'tls-cluster': true,
  };
}

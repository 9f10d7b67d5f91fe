import { RedisConfig } from './redis-config';

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

/** redis.conf directives that RedisCluster sets from its props, with the prop (or rule) that sets each. */
export const MANAGED_DIRECTIVES: Readonly<Record<string, string>> = Object.fromEntries(MANAGED.map((m) => [m.directive, m.owner]));

/** The managed directives' values, merged last over the defaults and the user's redisConfig. */
export function managedRedisConfig(inputs: ManagedInputs): RedisConfig {
  return Object.fromEntries(MANAGED.filter((m) => m.value).map((m) => [m.directive, m.value!(inputs)]));
}

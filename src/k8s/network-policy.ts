import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterSpec } from '../cluster/cluster-spec';

export interface RedisNetworkPolicyProps {
  /** The resolved cluster: the pods' labels, client labels, ports, outside access and metrics. */
  readonly spec: ClusterSpec;
}

/**
 * The network fence around the Redis pods. Only ingress is restricted:
 * - the client port admits the cluster's own pods, the init Job, and pods labelled as clients
 *   (in any namespace);
 * - the bus port admits only the cluster's own pods;
 * - with external access, a second policy lets the given CIDRs reach the client port of the one
 *   pod the NodePort Service forwards to; with a Service per pod, the client port of every pod, and
 *   its bus port from the bus CIDRs only (node-port traffic arrives from node addresses, not from
 *   pods, and the bus has no authentication);
 * - with metrics, the exporter port admits any namespace.
 *
 * Written with the L1 class so that each rule reads as the API server will see it.
 */
export class RedisNetworkPolicy extends Construct {
  public readonly policies: k8s.KubeNetworkPolicy[] = [];

  constructor(scope: Construct, id: string, { spec }: RedisNetworkPolicyProps) {
    super(scope, id);
    const { labels, external } = spec;
    const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));
    const servers = { podSelector: { matchLabels: labels.server } };

    this.policies.push(new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: spec.metadata(spec.names.networkPolicy),
      spec: {
        podSelector: { matchLabels: labels.server },
        policyTypes: ['Ingress'],
        ingress: [
          {
            ports: tcp(spec.clientPort, ...(spec.tls?.plainTextPort !== undefined ? [spec.tls.plainTextPort] : [])),
            from: [
              servers,
              { podSelector: { matchLabels: labels.init } },
              { namespaceSelector: {}, podSelector: { matchLabels: spec.clientPodLabels } },
            ],
          },
          { ports: tcp(spec.busPort), from: [servers] },
          ...(spec.metrics ? [{ ports: tcp(spec.metrics.port), from: [{ namespaceSelector: {} }] }] : []),
        ],
      },
    }));

    if (external) {
      this.policies.push(new k8s.KubeNetworkPolicy(this, 'External', {
        metadata: spec.metadata(`${spec.names.networkPolicy}-external`),
        spec: {
          podSelector: {
            matchLabels: external.perPod
              ? labels.server
              : { ...labels.server, 'statefulset.kubernetes.io/pod-name': spec.podNames[0] },
          },
          policyTypes: ['Ingress'],
          ingress: [
            { ports: tcp(spec.clientPort), from: external.clientCidrs.map((cidr) => ({ ipBlock: { cidr } })) },
            // The bus is unauthenticated: only the CIDRs named for it, never the clients' ones.
            ...(external.perPod ? [{ ports: tcp(spec.busPort), from: external.busCidrs.map((cidr) => ({ ipBlock: { cidr } })) }] : []),
          ],
        },
      }));
    }
  }
}

import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

export interface RedisNetworkPolicyProps {
  /** Prefix of the policies' names. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Labels of the Redis pods. */
  readonly serverLabels: Record<string, string>;
  /** Labels of the init Job's pod. */
  readonly initLabels: Record<string, string>;
  /** Labels that mark a pod, in any namespace, as a client. */
  readonly clientLabels: Record<string, string>;
  readonly clientPort: number;
  readonly busPort: number;
  /**
   * Outside access: the pod the NodePort Service reaches (all pods, with one Service per pod),
   * the ports it exposes, and who may reach them.
   * @default - no external access
   */
  readonly external?: { readonly podName?: string; readonly ports: readonly number[]; readonly cidrs: readonly string[] };
  /**
   * The metrics exporters' port, open to Prometheus in any namespace.
   * @default - no metrics
   */
  readonly metricsPort?: number;
  /**
   * A plain-text client port kept open beside TLS, admitted like the client port.
   * @default - none
   */
  readonly plainTextPort?: number;
}

/**
 * The network fence around the Redis pods. Only ingress is restricted:
 * - the client port admits the cluster's own pods, the init Job, and pods labelled as clients
 *   (in any namespace);
 * - the bus port admits only the cluster's own pods;
 * - with external access, a second policy lets the given CIDRs reach the client port of the one
 *   pod the NodePort Service forwards to; with a Service per pod, the client and bus ports of
 *   every pod (node-port traffic arrives from node addresses, not from pods);
 * - with metrics, the exporter port admits any namespace.
 *
 * Written with the L1 class so that each rule reads as the API server will see it.
 */
export class RedisNetworkPolicy extends Construct {
  public readonly policies: k8s.KubeNetworkPolicy[] = [];

  constructor(scope: Construct, id: string, props: RedisNetworkPolicyProps) {
    super(scope, id);
    const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));
    const servers = { podSelector: { matchLabels: props.serverLabels } };

    this.policies.push(new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      spec: {
        podSelector: { matchLabels: props.serverLabels },
        policyTypes: ['Ingress'],
        ingress: [
          {
            ports: tcp(props.clientPort, ...(props.plainTextPort !== undefined ? [props.plainTextPort] : [])),
            from: [
              servers,
              { podSelector: { matchLabels: props.initLabels } },
              { namespaceSelector: {}, podSelector: { matchLabels: props.clientLabels } },
            ],
          },
          { ports: tcp(props.busPort), from: [servers] },
          ...(props.metricsPort !== undefined ? [{ ports: tcp(props.metricsPort), from: [{ namespaceSelector: {} }] }] : []),
        ],
      },
    }));

    if (props.external) {
      this.policies.push(new k8s.KubeNetworkPolicy(this, 'External', {
        metadata: { name: `${props.name}-external`, namespace: props.namespace, labels: props.labels },
        spec: {
          podSelector: {
            matchLabels: props.external.podName
              ? { ...props.serverLabels, 'statefulset.kubernetes.io/pod-name': props.external.podName }
              : props.serverLabels,
          },
          policyTypes: ['Ingress'],
          ingress: [{
            ports: tcp(...props.external.ports),
            from: props.external.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
          }],
        },
      }));
    }
  }
}

import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

export interface ExternalServiceProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Labels of the Redis pods; the Service narrows them to the one pod named `podName`. */
  readonly selector: Record<string, string>;
  /** The pod this Service reaches. */
  readonly podName: string;
  readonly clientPort: number;
  /**
   * The port on every Kubernetes node.
   * @default - Kubernetes picks one from 30000-32767
   */
  readonly nodePort?: number;
}

/**
 * The seed's NodePort Service: one port on every Kubernetes node, forwarded to one Redis pod.
 *
 * It is good for `redis-cli` from outside, for CLUSTER INFO and for keys that live on that pod. A
 * cluster client that follows a MOVED redirect is sent to another node's FQDN, which is not
 * reachable from outside Kubernetes.
 */
export class ExternalService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: ExternalServiceProps) {
    super(scope, id);
    this.service = new kplus.Service(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      type: kplus.ServiceType.NODE_PORT,
      ports: [{
        name: 'client',
        port: props.clientPort,
        targetPort: props.clientPort,
        nodePort: props.nodePort,
        protocol: kplus.Protocol.TCP,
      }],
    });
    const selector = { ...props.selector, 'statefulset.kubernetes.io/pod-name': props.podName };
    for (const [key, value] of Object.entries(selector)) {
      this.service.selectLabel(key, value);
    }
  }
}

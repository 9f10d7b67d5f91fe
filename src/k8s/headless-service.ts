import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

export interface HeadlessServiceProps {
  /** `metadata.name`; with the namespace it forms every pod's DNS name. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Labels of the Redis pods. */
  readonly selector: Record<string, string>;
  readonly clientPort: number;
  readonly busPort: number;
}

/**
 * The headless Service that gives each Redis pod a stable DNS name,
 * `<pod>.<service>.<namespace>.svc.<cluster domain>`.
 *
 * It publishes pods before they are Ready: the nodes must resolve each other while they start
 * (to refresh nodes.conf and to form the cluster), and readiness waits for a healthy cluster.
 */
export class HeadlessService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id);
    this.service = new kplus.Service(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      clusterIP: 'None',
      ports: [
        { name: 'client', port: props.clientPort, targetPort: props.clientPort, protocol: kplus.Protocol.TCP },
        { name: 'bus', port: props.busPort, targetPort: props.busPort, protocol: kplus.Protocol.TCP },
      ],
    });
    for (const [key, value] of Object.entries(props.selector)) {
      this.service.selectLabel(key, value);
    }
    // cdk8s-plus-27 has no publishNotReadyAddresses.
    ApiObject.of(this.service).addJsonPatch(JsonPatch.add('/spec/publishNotReadyAddresses', true));
  }

  /** The DNS domain of the pods behind this Service. */
  public podDomain(clusterDomain: string): string {
    return `${this.service.name}.${this.service.metadata.namespace}.svc.${clusterDomain}`;
  }
}

import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

export interface MetricsServiceProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Labels of the Redis pods. */
  readonly selector: Record<string, string>;
  readonly port: number;
}

/** The Service in front of every pod's metrics exporter, for Prometheus to discover. */
export class MetricsService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: MetricsServiceProps) {
    super(scope, id);
    this.service = new kplus.Service(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      ports: [{ name: 'metrics', port: props.port, targetPort: props.port, protocol: kplus.Protocol.TCP }],
    });
    for (const [key, value] of Object.entries(props.selector)) {
      this.service.selectLabel(key, value);
    }
  }
}

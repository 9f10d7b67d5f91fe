import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterSpec } from '../cluster/cluster-spec';

export interface MetricsServiceProps {
  /** The resolved cluster, with metrics (`spec.metrics`) on. */
  readonly spec: ClusterSpec;
}

/** The Service in front of every pod's metrics exporter, for Prometheus to discover. */
export class MetricsService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, { spec }: MetricsServiceProps) {
    super(scope, id);
    const metrics = spec.metrics!;
    this.service = new kplus.Service(this, 'Resource', {
      metadata: spec.metadata(spec.names.metricsService, metrics.labels),
      ports: [{ name: 'metrics', port: metrics.port, targetPort: metrics.port, protocol: kplus.Protocol.TCP }],
    });
    for (const [key, value] of Object.entries(spec.labels.server)) {
      this.service.selectLabel(key, value);
    }
  }
}

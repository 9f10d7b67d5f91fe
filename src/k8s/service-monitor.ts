import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MetricsService } from './metrics-service';
import { ClusterSpec } from '../cluster/cluster-spec';

/** The part of the Prometheus Operator's ServiceMonitor spec that we use. */
export interface ServiceMonitorSpec {
  readonly selector: { readonly matchLabels: Record<string, string> };
  readonly namespaceSelector: { readonly matchNames: string[] };
  readonly endpoints: Array<{ readonly port: string; readonly interval: string; readonly path: string }>;
}

export interface ServiceMonitorProps {
  /** The resolved cluster, with metrics (`spec.metrics`) on: labels and scrape interval. */
  readonly spec: ClusterSpec;
  /** The Service it scrapes: its labels (`spec.metrics.labels`) and its port. */
  readonly service: MetricsService;
}

/**
 * A Prometheus Operator ServiceMonitor (monitoring.coreos.com/v1) for the metrics Service.
 *
 * A typed object of ours: the CRD's classes cannot be imported here, so the fields we set are
 * modelled by ServiceMonitorSpec.
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 */
export class ServiceMonitor extends Construct {
  public static readonly API_VERSION = 'monitoring.coreos.com/v1';
  public static readonly KIND = 'ServiceMonitor';
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, { spec: cluster, service }: ServiceMonitorProps) {
    super(scope, id);
    const metrics = cluster.metrics!;
    const spec: ServiceMonitorSpec = {
      selector: { matchLabels: metrics.labels },
      namespaceSelector: { matchNames: [cluster.namespace] },
      endpoints: [{ port: service.service.ports[0].name!, interval: metrics.serviceMonitorInterval, path: '/metrics' }],
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ServiceMonitor.API_VERSION,
      kind: ServiceMonitor.KIND,
      metadata: cluster.metadata(cluster.names.serviceMonitor, { ...cluster.labels.common, ...metrics.serviceMonitorLabels }),
      spec,
    });
  }
}

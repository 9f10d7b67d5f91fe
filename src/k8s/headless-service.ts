import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterSpec } from '../cluster/cluster-spec';

export interface HeadlessServiceProps {
  /** The resolved cluster: the Service's name (part of every pod's DNS name), ports and labels. */
  readonly spec: ClusterSpec;
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

  constructor(scope: Construct, id: string, { spec }: HeadlessServiceProps) {
    super(scope, id);
    this.service = new kplus.Service(this, 'Resource', {
      metadata: spec.metadata(spec.names.headlessService),
      clusterIP: 'None',
      ports: [
        { name: 'client', port: spec.clientPort, targetPort: spec.clientPort, protocol: kplus.Protocol.TCP },
        { name: 'bus', port: spec.busPort, targetPort: spec.busPort, protocol: kplus.Protocol.TCP },
      ],
    });
    for (const [key, value] of Object.entries(spec.labels.server)) {
      this.service.selectLabel(key, value);
    }
    // cdk8s-plus-27 has no publishNotReadyAddresses.
    ApiObject.of(this.service).addJsonPatch(JsonPatch.add('/spec/publishNotReadyAddresses', true));
  }
}

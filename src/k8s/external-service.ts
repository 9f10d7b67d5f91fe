import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterSpec } from '../cluster/cluster-spec';

export interface ExternalServiceProps {
  /** The resolved cluster, with its outside access (`spec.external`) on. */
  readonly spec: ClusterSpec;
  /**
   * The pod this Service reaches. With a Service per pod it is named `<externalServiceName>-<ordinal>`
   * and also exposes the bus, on node ports `nodePort + ordinal` and `busNodePort + ordinal`.
   * @default 0, the seed's single Service
   */
  readonly ordinal?: number;
}

/**
 * A NodePort Service to one Redis pod.
 *
 * The seed's single Service to pod 0 is good for `redis-cli` from outside, for CLUSTER INFO and
 * for keys that live on that pod; a cluster client that follows a MOVED redirect is sent to
 * another node's FQDN, which is not reachable from outside Kubernetes. With one Service per pod
 * (client and bus ports), and every node announcing its Kubernetes node's address and its own
 * node ports, redirects lead somewhere an outside client can reach.
 */
export class ExternalService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, { spec, ordinal = 0 }: ExternalServiceProps) {
    super(scope, id);
    const perPod = spec.external?.perPod ?? false;
    const nodePort = spec.external?.nodePort;
    const ports: kplus.ServicePort[] = [{
      name: 'client',
      port: spec.clientPort,
      targetPort: spec.clientPort,
      nodePort: perPod ? nodePort! + ordinal : nodePort,
      protocol: kplus.Protocol.TCP,
    }];
    if (perPod) {
      ports.push({ name: 'bus', port: spec.busPort, targetPort: spec.busPort, nodePort: spec.external!.busNodePort! + ordinal, protocol: kplus.Protocol.TCP });
    }
    this.service = new kplus.Service(this, 'Resource', {
      metadata: spec.metadata(perPod ? `${spec.names.externalService}-${ordinal}` : spec.names.externalService),
      type: kplus.ServiceType.NODE_PORT,
      ports,
    });
    const selector = { ...spec.labels.server, 'statefulset.kubernetes.io/pod-name': spec.podNames[ordinal] };
    for (const [key, value] of Object.entries(selector)) {
      this.service.selectLabel(key, value);
    }
  }
}

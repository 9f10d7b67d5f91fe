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
     * The client port on every Kubernetes node.
     * @default - Kubernetes picks one from 30000-32767
     */
    readonly clientNodePort?: number;
    /**
     * Also expose the cluster bus, on this node port (outside access per pod).
     * @default - the bus is not exposed
     */
    readonly bus?: {
        readonly port: number;
        readonly nodePort: number;
    };
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
export declare class ExternalService extends Construct {
    readonly service: kplus.Service;
    constructor(scope: Construct, id: string, props: ExternalServiceProps);
}

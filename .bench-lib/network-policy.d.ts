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
    readonly external?: {
        readonly podName?: string;
        readonly ports: readonly number[];
        readonly cidrs: readonly string[];
    };
    /**
     * The metrics exporters' port, open to Prometheus in any namespace.
     * @default - no metrics
     */
    readonly metricsPort?: number;
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
export declare class RedisNetworkPolicy extends Construct {
    readonly policies: k8s.KubeNetworkPolicy[];
    constructor(scope: Construct, id: string, props: RedisNetworkPolicyProps);
}

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
export declare class HeadlessService extends Construct {
    readonly service: kplus.Service;
    constructor(scope: Construct, id: string, props: HeadlessServiceProps);
    /** The DNS domain of the pods behind this Service. */
    podDomain(clusterDomain: string): string;
}

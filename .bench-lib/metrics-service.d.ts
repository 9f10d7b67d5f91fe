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
export declare class MetricsService extends Construct {
    readonly service: kplus.Service;
    constructor(scope: Construct, id: string, props: MetricsServiceProps);
}

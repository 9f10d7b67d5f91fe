import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
/** The part of the Prometheus Operator's ServiceMonitor spec that we use. */
export interface ServiceMonitorSpec {
    readonly selector: {
        readonly matchLabels: Record<string, string>;
    };
    readonly namespaceSelector: {
        readonly matchNames: string[];
    };
    readonly endpoints: Array<{
        readonly port: string;
        readonly interval: string;
        readonly path: string;
    }>;
}
export interface ServiceMonitorProps {
    readonly name: string;
    readonly namespace: string;
    /** Labels of the ServiceMonitor itself: what your Prometheus selects ServiceMonitors by. */
    readonly labels: Record<string, string>;
    /** Labels of the metrics Service. */
    readonly serviceLabels: Record<string, string>;
    /** Name of the metrics port on that Service. */
    readonly portName: string;
    /** Scrape interval, e.g. '30s'. */
    readonly interval: string;
}
/**
 * A Prometheus Operator ServiceMonitor (monitoring.coreos.com/v1) for the metrics Service.
 *
 * A typed object of ours: the CRD's classes cannot be imported here, so the fields we set are
 * modelled by ServiceMonitorSpec.
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 */
export declare class ServiceMonitor extends Construct {
    static readonly API_VERSION = "monitoring.coreos.com/v1";
    static readonly KIND = "ServiceMonitor";
    readonly apiObject: ApiObject;
    constructor(scope: Construct, id: string, props: ServiceMonitorProps);
}

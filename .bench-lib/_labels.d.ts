/** Kubernetes recommended labels shared by the objects of one Redis Cluster. */
export interface ClusterLabels {
    /** On every object. */
    readonly common: Record<string, string>;
    /** On the Redis pods, and what Services and the StatefulSet select. */
    readonly server: Record<string, string>;
    /** On the init Job and its pod. */
    readonly init: Record<string, string>;
}
/** Labels for a cluster whose StatefulSet is named `instance`. */
export declare function clusterLabels(instance: string): ClusterLabels;

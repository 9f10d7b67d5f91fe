import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
export interface RedisPodDisruptionBudgetProps {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Record<string, string>;
    /** Labels of the Redis pods. */
    readonly selector: Record<string, string>;
}
/**
 * At most one Redis pod voluntarily disrupted at a time (node drains, cluster autoscaler): a drain
 * never takes a master and its replica together.
 *
 * Written with the L1 class: cdk8s-plus-27 has no PodDisruptionBudget.
 */
export declare class RedisPodDisruptionBudget extends Construct {
    readonly budget: k8s.KubePodDisruptionBudget;
    constructor(scope: Construct, id: string, props: RedisPodDisruptionBudgetProps);
}

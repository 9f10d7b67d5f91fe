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
 * never takes a master and its replica together. A pod that is not Ready counts as disrupted, and
 * a replica is Ready only once it has synced with its master (probe.sh), so while any replica is
 * still copying its data no other Redis pod can be evicted: not its master either.
 *
 * Written with the L1 class: cdk8s-plus-27 has no PodDisruptionBudget.
 */
export class RedisPodDisruptionBudget extends Construct {
  public readonly budget: k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: RedisPodDisruptionBudgetProps) {
    super(scope, id);
    this.budget = new k8s.KubePodDisruptionBudget(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: props.selector },
      },
    });
  }
}

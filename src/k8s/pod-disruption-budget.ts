import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterSpec } from '../cluster/cluster-spec';

export interface RedisPodDisruptionBudgetProps {
  /** The resolved cluster: the budget's name and the Redis pods' labels. */
  readonly spec: ClusterSpec;
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

  constructor(scope: Construct, id: string, { spec }: RedisPodDisruptionBudgetProps) {
    super(scope, id);
    this.budget = new k8s.KubePodDisruptionBudget(this, 'Resource', {
      metadata: spec.metadata(spec.names.podDisruptionBudget),
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: spec.labels.server },
      },
    });
  }
}

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NfsPersistentVolumes = void 0;
const cdk8s_plus_27_1 = require("cdk8s-plus-27");
const constructs_1 = require("constructs");
/**
 * The seed's "create PV" step done so that each volume can only ever serve one pod: one
 * PersistentVolume per pod, on `<path>/<pod name>`, reserved with `claimRef` for exactly the claim
 * the StatefulSet creates for that pod (`<claim>-<statefulset>-<ordinal>`). Reclaim policy Retain
 * keeps the data when a claim is deleted; the empty storage class keeps a default StorageClass
 * from provisioning the claims instead.
 */
class NfsPersistentVolumes extends constructs_1.Construct {
    constructor(scope, id, props) {
        super(scope, id);
        this.volumes = [];
        for (let ordinal = 0; ordinal < props.replicas; ordinal++) {
            const pod = `${props.statefulSetName}-${ordinal}`;
            const claim = `${props.claimName}-${pod}`;
            this.volumes.push(new cdk8s_plus_27_1.k8s.KubePersistentVolume(this, `Volume${ordinal}`, {
                // Volumes are cluster-scoped: the namespace in the name keeps two clusters apart.
                metadata: { name: `${props.namespace}-${claim}`, labels: props.labels },
                spec: {
                    capacity: { storage: cdk8s_plus_27_1.k8s.Quantity.fromString(props.size) },
                    accessModes: [...props.accessModes],
                    persistentVolumeReclaimPolicy: 'Retain',
                    storageClassName: '',
                    nfs: { server: props.server, path: `${props.path.replace(/\/+$/, '')}/${pod}` },
                    claimRef: { namespace: props.namespace, name: claim },
                },
            }));
        }
    }
}
exports.NfsPersistentVolumes = NfsPersistentVolumes;
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoibmZzLXBlcnNpc3RlbnQtdm9sdW1lcy5qcyIsInNvdXJjZVJvb3QiOiIiLCJzb3VyY2VzIjpbIi4uLy4uLy4uL3dvcmsvd3QtcGFja2FnZS9zcmMvbmZzLXBlcnNpc3RlbnQtdm9sdW1lcy50cyJdLCJuYW1lcyI6W10sIm1hcHBpbmdzIjoiOzs7QUFBQSxpREFBb0M7QUFDcEMsMkNBQXVDO0FBaUJ2Qzs7Ozs7O0dBTUc7QUFDSCxNQUFhLG9CQUFxQixTQUFRLHNCQUFTO0lBR2pELFlBQVksS0FBZ0IsRUFBRSxFQUFVLEVBQUUsS0FBZ0M7UUFDeEUsS0FBSyxDQUFDLEtBQUssRUFBRSxFQUFFLENBQUMsQ0FBQztRQUhILFlBQU8sR0FBK0IsRUFBRSxDQUFDO1FBSXZELEtBQUssSUFBSSxPQUFPLEdBQUcsQ0FBQyxFQUFFLE9BQU8sR0FBRyxLQUFLLENBQUMsUUFBUSxFQUFFLE9BQU8sRUFBRSxFQUFFLENBQUM7WUFDMUQsTUFBTSxHQUFHLEdBQUcsR0FBRyxLQUFLLENBQUMsZUFBZSxJQUFJLE9BQU8sRUFBRSxDQUFDO1lBQ2xELE1BQU0sS0FBSyxHQUFHLEdBQUcsS0FBSyxDQUFDLFNBQVMsSUFBSSxHQUFHLEVBQUUsQ0FBQztZQUMxQyxJQUFJLENBQUMsT0FBTyxDQUFDLElBQUksQ0FBQyxJQUFJLG1CQUFHLENBQUMsb0JBQW9CLENBQUMsSUFBSSxFQUFFLFNBQVMsT0FBTyxFQUFFLEVBQUU7Z0JBQ3ZFLGtGQUFrRjtnQkFDbEYsUUFBUSxFQUFFLEVBQUUsSUFBSSxFQUFFLEdBQUcsS0FBSyxDQUFDLFNBQVMsSUFBSSxLQUFLLEVBQUUsRUFBRSxNQUFNLEVBQUUsS0FBSyxDQUFDLE1BQU0sRUFBRTtnQkFDdkUsSUFBSSxFQUFFO29CQUNKLFFBQVEsRUFBRSxFQUFFLE9BQU8sRUFBRSxtQkFBRyxDQUFDLFFBQVEsQ0FBQyxVQUFVLENBQUMsS0FBSyxDQUFDLElBQUksQ0FBQyxFQUFFO29CQUMxRCxXQUFXLEVBQUUsQ0FBQyxHQUFHLEtBQUssQ0FBQyxXQUFXLENBQUM7b0JBQ25DLDZCQUE2QixFQUFFLFFBQVE7b0JBQ3ZDLGdCQUFnQixFQUFFLEVBQUU7b0JBQ3BCLEdBQUcsRUFBRSxFQUFFLE1BQU0sRUFBRSxLQUFLLENBQUMsTUFBTSxFQUFFLElBQUksRUFBRSxHQUFHLEtBQUssQ0FBQyxJQUFJLENBQUMsT0FBTyxDQUFDLE1BQU0sRUFBRSxFQUFFLENBQUMsSUFBSSxHQUFHLEVBQUUsRUFBRTtvQkFDL0UsUUFBUSxFQUFFLEVBQUUsU0FBUyxFQUFFLEtBQUssQ0FBQyxTQUFTLEVBQUUsSUFBSSxFQUFFLEtBQUssRUFBRTtpQkFDdEQ7YUFDRixDQUFDLENBQUMsQ0FBQztRQUNOLENBQUM7SUFDSCxDQUFDO0NBQ0Y7QUF0QkQsb0RBc0JDIiwic291cmNlc0NvbnRlbnQiOlsiaW1wb3J0IHsgazhzIH0gZnJvbSAnY2RrOHMtcGx1cy0yNyc7XG5pbXBvcnQgeyBDb25zdHJ1Y3QgfSBmcm9tICdjb25zdHJ1Y3RzJztcblxuZXhwb3J0IGludGVyZmFjZSBOZnNQZXJzaXN0ZW50Vm9sdW1lc1Byb3BzIHtcbiAgLyoqIE5GUyBzZXJ2ZXI6IGhvc3QgbmFtZSBvciBJUCBhZGRyZXNzLiAqL1xuICByZWFkb25seSBzZXJ2ZXI6IHN0cmluZztcbiAgLyoqIEV4cG9ydGVkIHBhdGg7IHBvZCBOJ3Mgdm9sdW1lIGlzIGA8cGF0aD4vPHBvZCBOJ3MgbmFtZT5gLiAqL1xuICByZWFkb25seSBwYXRoOiBzdHJpbmc7XG4gIHJlYWRvbmx5IHNpemU6IHN0cmluZztcbiAgcmVhZG9ubHkgYWNjZXNzTW9kZXM6IHJlYWRvbmx5IHN0cmluZ1tdO1xuICAvKiogTmFtZXNwYWNlIG9mIHRoZSBjbGFpbXMuICovXG4gIHJlYWRvbmx5IG5hbWVzcGFjZTogc3RyaW5nO1xuICByZWFkb25seSBjbGFpbU5hbWU6IHN0cmluZztcbiAgcmVhZG9ubHkgc3RhdGVmdWxTZXROYW1lOiBzdHJpbmc7XG4gIHJlYWRvbmx5IHJlcGxpY2FzOiBudW1iZXI7XG4gIHJlYWRvbmx5IGxhYmVsczogUmVjb3JkPHN0cmluZywgc3RyaW5nPjtcbn1cblxuLyoqXG4gKiBUaGUgc2VlZCdzIFwiY3JlYXRlIFBWXCIgc3RlcCBkb25lIHNvIHRoYXQgZWFjaCB2b2x1bWUgY2FuIG9ubHkgZXZlciBzZXJ2ZSBvbmUgcG9kOiBvbmVcbiAqIFBlcnNpc3RlbnRWb2x1bWUgcGVyIHBvZCwgb24gYDxwYXRoPi88cG9kIG5hbWU+YCwgcmVzZXJ2ZWQgd2l0aCBgY2xhaW1SZWZgIGZvciBleGFjdGx5IHRoZSBjbGFpbVxuICogdGhlIFN0YXRlZnVsU2V0IGNyZWF0ZXMgZm9yIHRoYXQgcG9kIChgPGNsYWltPi08c3RhdGVmdWxzZXQ+LTxvcmRpbmFsPmApLiBSZWNsYWltIHBvbGljeSBSZXRhaW5cbiAqIGtlZXBzIHRoZSBkYXRhIHdoZW4gYSBjbGFpbSBpcyBkZWxldGVkOyB0aGUgZW1wdHkgc3RvcmFnZSBjbGFzcyBrZWVwcyBhIGRlZmF1bHQgU3RvcmFnZUNsYXNzXG4gKiBmcm9tIHByb3Zpc2lvbmluZyB0aGUgY2xhaW1zIGluc3RlYWQuXG4gKi9cbmV4cG9ydCBjbGFzcyBOZnNQZXJzaXN0ZW50Vm9sdW1lcyBleHRlbmRzIENvbnN0cnVjdCB7XG4gIHB1YmxpYyByZWFkb25seSB2b2x1bWVzOiBrOHMuS3ViZVBlcnNpc3RlbnRWb2x1bWVbXSA9IFtdO1xuXG4gIGNvbnN0cnVjdG9yKHNjb3BlOiBDb25zdHJ1Y3QsIGlkOiBzdHJpbmcsIHByb3BzOiBOZnNQZXJzaXN0ZW50Vm9sdW1lc1Byb3BzKSB7XG4gICAgc3VwZXIoc2NvcGUsIGlkKTtcbiAgICBmb3IgKGxldCBvcmRpbmFsID0gMDsgb3JkaW5hbCA8IHByb3BzLnJlcGxpY2FzOyBvcmRpbmFsKyspIHtcbiAgICAgIGNvbnN0IHBvZCA9IGAke3Byb3BzLnN0YXRlZnVsU2V0TmFtZX0tJHtvcmRpbmFsfWA7XG4gICAgICBjb25zdCBjbGFpbSA9IGAke3Byb3BzLmNsYWltTmFtZX0tJHtwb2R9YDtcbiAgICAgIHRoaXMudm9sdW1lcy5wdXNoKG5ldyBrOHMuS3ViZVBlcnNpc3RlbnRWb2x1bWUodGhpcywgYFZvbHVtZSR7b3JkaW5hbH1gLCB7XG4gICAgICAgIC8vIFZvbHVtZXMgYXJlIGNsdXN0ZXItc2NvcGVkOiB0aGUgbmFtZXNwYWNlIGluIHRoZSBuYW1lIGtlZXBzIHR3byBjbHVzdGVycyBhcGFydC5cbiAgICAgICAgbWV0YWRhdGE6IHsgbmFtZTogYCR7cHJvcHMubmFtZXNwYWNlfS0ke2NsYWltfWAsIGxhYmVsczogcHJvcHMubGFiZWxzIH0sXG4gICAgICAgIHNwZWM6IHtcbiAgICAgICAgICBjYXBhY2l0eTogeyBzdG9yYWdlOiBrOHMuUXVhbnRpdHkuZnJvbVN0cmluZyhwcm9wcy5zaXplKSB9LFxuICAgICAgICAgIGFjY2Vzc01vZGVzOiBbLi4ucHJvcHMuYWNjZXNzTW9kZXNdLFxuICAgICAgICAgIHBlcnNpc3RlbnRWb2x1bWVSZWNsYWltUG9saWN5OiAnUmV0YWluJyxcbiAgICAgICAgICBzdG9yYWdlQ2xhc3NOYW1lOiAnJyxcbiAgICAgICAgICBuZnM6IHsgc2VydmVyOiBwcm9wcy5zZXJ2ZXIsIHBhdGg6IGAke3Byb3BzLnBhdGgucmVwbGFjZSgvXFwvKyQvLCAnJyl9LyR7cG9kfWAgfSxcbiAgICAgICAgICBjbGFpbVJlZjogeyBuYW1lc3BhY2U6IHByb3BzLm5hbWVzcGFjZSwgbmFtZTogY2xhaW0gfSxcbiAgICAgICAgfSxcbiAgICAgIH0pKTtcbiAgICB9XG4gIH1cbn1cbiJdfQ==
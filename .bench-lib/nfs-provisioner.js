"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NfsProvisioner = exports.NFS_PROVISIONER_NAME = void 0;
const cdk8s_plus_27_1 = require("cdk8s-plus-27");
const constructs_1 = require("constructs");
/** The provisioner name the StorageClass and the provisioner agree on. */
exports.NFS_PROVISIONER_NAME = 'k8s-sigs.io/nfs-subdir-external-provisioner';
/**
 * The seed's first step, "create the NFS dynamic StorageClass": the standard NFS subdirectory
 * provisioner (kubernetes-sigs/nfs-subdir-external-provisioner) with least-privilege RBAC, and the
 * StorageClass it serves. Each claim becomes a subdirectory of the export.
 *
 * It runs in its own namespace because its pod mounts an nfs volume, which the "restricted" Pod
 * Security Standard of the Redis namespace does not allow.
 *
 * Written with the L1 classes: the RBAC rules are the provisioner's documented ones, verbatim, and
 * the Deployment's container must keep the image's defaults.
 *
 * @see https://github.com/kubernetes-sigs/nfs-subdir-external-provisioner
 */
class NfsProvisioner extends constructs_1.Construct {
    constructor(scope, id, props) {
        super(scope, id);
        const name = 'nfs-client-provisioner';
        const ns = props.namespace;
        const labels = { ...props.labels, 'app.kubernetes.io/component': 'nfs-provisioner' };
        if (props.createNamespace) {
            // "baseline" allows the nfs volume that "restricted" does not.
            new cdk8s_plus_27_1.k8s.KubeNamespace(this, 'Namespace', {
                metadata: { name: ns, labels: { ...props.labels, 'pod-security.kubernetes.io/enforce': 'baseline' } },
            });
        }
        const account = new cdk8s_plus_27_1.k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name, namespace: ns, labels } });
        const runner = new cdk8s_plus_27_1.k8s.KubeClusterRole(this, 'ClusterRole', {
            metadata: { name: `${name}-runner`, labels },
            rules: [
                { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
                { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
                { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch', 'update'] },
                { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
                { apiGroups: [''], resources: ['events'], verbs: ['create', 'update', 'patch'] },
            ],
        });
        const subject = { kind: 'ServiceAccount', name: account.name, namespace: ns };
        new cdk8s_plus_27_1.k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
            metadata: { name: `run-${name}`, labels },
            subjects: [subject],
            roleRef: { kind: 'ClusterRole', name: runner.name, apiGroup: 'rbac.authorization.k8s.io' },
        });
        // Leader election, in its own namespace only.
        const locking = new cdk8s_plus_27_1.k8s.KubeRole(this, 'Role', {
            metadata: { name: `leader-locking-${name}`, namespace: ns, labels },
            rules: [{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] }],
        });
        new cdk8s_plus_27_1.k8s.KubeRoleBinding(this, 'RoleBinding', {
            metadata: { name: `leader-locking-${name}`, namespace: ns, labels },
            subjects: [subject],
            roleRef: { kind: 'Role', name: locking.name, apiGroup: 'rbac.authorization.k8s.io' },
        });
        new cdk8s_plus_27_1.k8s.KubeDeployment(this, 'Deployment', {
            metadata: { name, namespace: ns, labels },
            spec: {
                replicas: 1,
                strategy: { type: 'Recreate' },
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: account.name,
                        containers: [{
                                name: 'nfs-client-provisioner',
                                image: props.image,
                                imagePullPolicy: 'IfNotPresent',
                                env: [
                                    { name: 'PROVISIONER_NAME', value: exports.NFS_PROVISIONER_NAME },
                                    { name: 'NFS_SERVER', value: props.server },
                                    { name: 'NFS_PATH', value: props.path },
                                ],
                                resources: {
                                    requests: { cpu: cdk8s_plus_27_1.k8s.Quantity.fromString('10m'), memory: cdk8s_plus_27_1.k8s.Quantity.fromString('32Mi') },
                                    limits: { memory: cdk8s_plus_27_1.k8s.Quantity.fromString('128Mi') },
                                },
                                volumeMounts: [{ name: 'nfs-client-root', mountPath: '/persistentvolumes' }],
                            }],
                        volumes: [{ name: 'nfs-client-root', nfs: { server: props.server, path: props.path } }],
                    },
                },
            },
        });
        this.storageClass = new cdk8s_plus_27_1.k8s.KubeStorageClass(this, 'StorageClass', {
            metadata: { name: props.storageClassName, labels },
            provisioner: exports.NFS_PROVISIONER_NAME,
            // Keep the data when a claim is deleted: a Redis volume is never disposable.
            reclaimPolicy: 'Retain',
            volumeBindingMode: 'Immediate',
            parameters: { archiveOnDelete: 'true' },
        });
    }
}
exports.NfsProvisioner = NfsProvisioner;
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoibmZzLXByb3Zpc2lvbmVyLmpzIiwic291cmNlUm9vdCI6IiIsInNvdXJjZXMiOlsiLi4vLi4vLi4vd29yay93dC1wYWNrYWdlL3NyYy9uZnMtcHJvdmlzaW9uZXIudHMiXSwibmFtZXMiOltdLCJtYXBwaW5ncyI6Ijs7O0FBQUEsaURBQW9DO0FBQ3BDLDJDQUF1QztBQWtCdkMsMEVBQTBFO0FBQzdELFFBQUEsb0JBQW9CLEdBQUcsNkNBQTZDLENBQUM7QUFFbEY7Ozs7Ozs7Ozs7OztHQVlHO0FBQ0gsTUFBYSxjQUFlLFNBQVEsc0JBQVM7SUFHM0MsWUFBWSxLQUFnQixFQUFFLEVBQVUsRUFBRSxLQUEwQjtRQUNsRSxLQUFLLENBQUMsS0FBSyxFQUFFLEVBQUUsQ0FBQyxDQUFDO1FBQ2pCLE1BQU0sSUFBSSxHQUFHLHdCQUF3QixDQUFDO1FBQ3RDLE1BQU0sRUFBRSxHQUFHLEtBQUssQ0FBQyxTQUFTLENBQUM7UUFDM0IsTUFBTSxNQUFNLEdBQUcsRUFBRSxHQUFHLEtBQUssQ0FBQyxNQUFNLEVBQUUsNkJBQTZCLEVBQUUsaUJBQWlCLEVBQUUsQ0FBQztRQUVyRixJQUFJLEtBQUssQ0FBQyxlQUFlLEVBQUUsQ0FBQztZQUMxQiwrREFBK0Q7WUFDL0QsSUFBSSxtQkFBRyxDQUFDLGFBQWEsQ0FBQyxJQUFJLEVBQUUsV0FBVyxFQUFFO2dCQUN2QyxRQUFRLEVBQUUsRUFBRSxJQUFJLEVBQUUsRUFBRSxFQUFFLE1BQU0sRUFBRSxFQUFFLEdBQUcsS0FBSyxDQUFDLE1BQU0sRUFBRSxvQ0FBb0MsRUFBRSxVQUFVLEVBQUUsRUFBRTthQUN0RyxDQUFDLENBQUM7UUFDTCxDQUFDO1FBQ0QsTUFBTSxPQUFPLEdBQUcsSUFBSSxtQkFBRyxDQUFDLGtCQUFrQixDQUFDLElBQUksRUFBRSxnQkFBZ0IsRUFBRSxFQUFFLFFBQVEsRUFBRSxFQUFFLElBQUksRUFBRSxTQUFTLEVBQUUsRUFBRSxFQUFFLE1BQU0sRUFBRSxFQUFFLENBQUMsQ0FBQztRQUNsSCxNQUFNLE1BQU0sR0FBRyxJQUFJLG1CQUFHLENBQUMsZUFBZSxDQUFDLElBQUksRUFBRSxhQUFhLEVBQUU7WUFDMUQsUUFBUSxFQUFFLEVBQUUsSUFBSSxFQUFFLEdBQUcsSUFBSSxTQUFTLEVBQUUsTUFBTSxFQUFFO1lBQzVDLEtBQUssRUFBRTtnQkFDTCxFQUFFLFNBQVMsRUFBRSxDQUFDLEVBQUUsQ0FBQyxFQUFFLFNBQVMsRUFBRSxDQUFDLE9BQU8sQ0FBQyxFQUFFLEtBQUssRUFBRSxDQUFDLEtBQUssRUFBRSxNQUFNLEVBQUUsT0FBTyxDQUFDLEVBQUU7Z0JBQzFFLEVBQUUsU0FBUyxFQUFFLENBQUMsRUFBRSxDQUFDLEVBQUUsU0FBUyxFQUFFLENBQUMsbUJBQW1CLENBQUMsRUFBRSxLQUFLLEVBQUUsQ0FBQyxLQUFLLEVBQUUsTUFBTSxFQUFFLE9BQU8sRUFBRSxRQUFRLEVBQUUsUUFBUSxDQUFDLEVBQUU7Z0JBQzFHLEVBQUUsU0FBUyxFQUFFLENBQUMsRUFBRSxDQUFDLEVBQUUsU0FBUyxFQUFFLENBQUMsd0JBQXdCLENBQUMsRUFBRSxLQUFLLEVBQUUsQ0FBQyxLQUFLLEVBQUUsTUFBTSxFQUFFLE9BQU8sRUFBRSxRQUFRLENBQUMsRUFBRTtnQkFDckcsRUFBRSxTQUFTLEVBQUUsQ0FBQyxnQkFBZ0IsQ0FBQyxFQUFFLFNBQVMsRUFBRSxDQUFDLGdCQUFnQixDQUFDLEVBQUUsS0FBSyxFQUFFLENBQUMsS0FBSyxFQUFFLE1BQU0sRUFBRSxPQUFPLENBQUMsRUFBRTtnQkFDakcsRUFBRSxTQUFTLEVBQUUsQ0FBQyxFQUFFLENBQUMsRUFBRSxTQUFTLEVBQUUsQ0FBQyxRQUFRLENBQUMsRUFBRSxLQUFLLEVBQUUsQ0FBQyxRQUFRLEVBQUUsUUFBUSxFQUFFLE9BQU8sQ0FBQyxFQUFFO2FBQ2pGO1NBQ0YsQ0FBQyxDQUFDO1FBQ0gsTUFBTSxPQUFPLEdBQUcsRUFBRSxJQUFJLEVBQUUsZ0JBQWdCLEVBQUUsSUFBSSxFQUFFLE9BQU8sQ0FBQyxJQUFJLEVBQUUsU0FBUyxFQUFFLEVBQUUsRUFBRSxDQUFDO1FBQzlFLElBQUksbUJBQUcsQ0FBQyxzQkFBc0IsQ0FBQyxJQUFJLEVBQUUsb0JBQW9CLEVBQUU7WUFDekQsUUFBUSxFQUFFLEVBQUUsSUFBSSxFQUFFLE9BQU8sSUFBSSxFQUFFLEVBQUUsTUFBTSxFQUFFO1lBQ3pDLFFBQVEsRUFBRSxDQUFDLE9BQU8sQ0FBQztZQUNuQixPQUFPLEVBQUUsRUFBRSxJQUFJLEVBQUUsYUFBYSxFQUFFLElBQUksRUFBRSxNQUFNLENBQUMsSUFBSSxFQUFFLFFBQVEsRUFBRSwyQkFBMkIsRUFBRTtTQUMzRixDQUFDLENBQUM7UUFDSCw4Q0FBOEM7UUFDOUMsTUFBTSxPQUFPLEdBQUcsSUFBSSxtQkFBRyxDQUFDLFFBQVEsQ0FBQyxJQUFJLEVBQUUsTUFBTSxFQUFFO1lBQzdDLFFBQVEsRUFBRSxFQUFFLElBQUksRUFBRSxrQkFBa0IsSUFBSSxFQUFFLEVBQUUsU0FBUyxFQUFFLEVBQUUsRUFBRSxNQUFNLEVBQUU7WUFDbkUsS0FBSyxFQUFFLENBQUMsRUFBRSxTQUFTLEVBQUUsQ0FBQyxFQUFFLENBQUMsRUFBRSxTQUFTLEVBQUUsQ0FBQyxXQUFXLENBQUMsRUFBRSxLQUFLLEVBQUUsQ0FBQyxLQUFLLEVBQUUsTUFBTSxFQUFFLE9BQU8sRUFBRSxRQUFRLEVBQUUsUUFBUSxFQUFFLE9BQU8sQ0FBQyxFQUFFLENBQUM7U0FDckgsQ0FBQyxDQUFDO1FBQ0gsSUFBSSxtQkFBRyxDQUFDLGVBQWUsQ0FBQyxJQUFJLEVBQUUsYUFBYSxFQUFFO1lBQzNDLFFBQVEsRUFBRSxFQUFFLElBQUksRUFBRSxrQkFBa0IsSUFBSSxFQUFFLEVBQUUsU0FBUyxFQUFFLEVBQUUsRUFBRSxNQUFNLEVBQUU7WUFDbkUsUUFBUSxFQUFFLENBQUMsT0FBTyxDQUFDO1lBQ25CLE9BQU8sRUFBRSxFQUFFLElBQUksRUFBRSxNQUFNLEVBQUUsSUFBSSxFQUFFLE9BQU8sQ0FBQyxJQUFJLEVBQUUsUUFBUSxFQUFFLDJCQUEyQixFQUFFO1NBQ3JGLENBQUMsQ0FBQztRQUVILElBQUksbUJBQUcsQ0FBQyxjQUFjLENBQUMsSUFBSSxFQUFFLFlBQVksRUFBRTtZQUN6QyxRQUFRLEVBQUUsRUFBRSxJQUFJLEVBQUUsU0FBUyxFQUFFLEVBQUUsRUFBRSxNQUFNLEVBQUU7WUFDekMsSUFBSSxFQUFFO2dCQUNKLFFBQVEsRUFBRSxDQUFDO2dCQUNYLFFBQVEsRUFBRSxFQUFFLElBQUksRUFBRSxVQUFVLEVBQUU7Z0JBQzlCLFFBQVEsRUFBRSxFQUFFLFdBQVcsRUFBRSxNQUFNLEVBQUU7Z0JBQ2pDLFFBQVEsRUFBRTtvQkFDUixRQUFRLEVBQUUsRUFBRSxNQUFNLEVBQUU7b0JBQ3BCLElBQUksRUFBRTt3QkFDSixrQkFBa0IsRUFBRSxPQUFPLENBQUMsSUFBSTt3QkFDaEMsVUFBVSxFQUFFLENBQUM7Z0NBQ1gsSUFBSSxFQUFFLHdCQUF3QjtnQ0FDOUIsS0FBSyxFQUFFLEtBQUssQ0FBQyxLQUFLO2dDQUNsQixlQUFlLEVBQUUsY0FBYztnQ0FDL0IsR0FBRyxFQUFFO29DQUNILEVBQUUsSUFBSSxFQUFFLGtCQUFrQixFQUFFLEtBQUssRUFBRSw0QkFBb0IsRUFBRTtvQ0FDekQsRUFBRSxJQUFJLEVBQUUsWUFBWSxFQUFFLEtBQUssRUFBRSxLQUFLLENBQUMsTUFBTSxFQUFFO29DQUMzQyxFQUFFLElBQUksRUFBRSxVQUFVLEVBQUUsS0FBSyxFQUFFLEtBQUssQ0FBQyxJQUFJLEVBQUU7aUNBQ3hDO2dDQUNELFNBQVMsRUFBRTtvQ0FDVCxRQUFRLEVBQUUsRUFBRSxHQUFHLEVBQUUsbUJBQUcsQ0FBQyxRQUFRLENBQUMsVUFBVSxDQUFDLEtBQUssQ0FBQyxFQUFFLE1BQU0sRUFBRSxtQkFBRyxDQUFDLFFBQVEsQ0FBQyxVQUFVLENBQUMsTUFBTSxDQUFDLEVBQUU7b0NBQzFGLE1BQU0sRUFBRSxFQUFFLE1BQU0sRUFBRSxtQkFBRyxDQUFDLFFBQVEsQ0FBQyxVQUFVLENBQUMsT0FBTyxDQUFDLEVBQUU7aUNBQ3JEO2dDQUNELFlBQVksRUFBRSxDQUFDLEVBQUUsSUFBSSxFQUFFLGlCQUFpQixFQUFFLFNBQVMsRUFBRSxvQkFBb0IsRUFBRSxDQUFDOzZCQUM3RSxDQUFDO3dCQUNGLE9BQU8sRUFBRSxDQUFDLEVBQUUsSUFBSSxFQUFFLGlCQUFpQixFQUFFLEdBQUcsRUFBRSxFQUFFLE1BQU0sRUFBRSxLQUFLLENBQUMsTUFBTSxFQUFFLElBQUksRUFBRSxLQUFLLENBQUMsSUFBSSxFQUFFLEVBQUUsQ0FBQztxQkFDeEY7aUJBQ0Y7YUFDRjtTQUNGLENBQUMsQ0FBQztRQUVILElBQUksQ0FBQyxZQUFZLEdBQUcsSUFBSSxtQkFBRyxDQUFDLGdCQUFnQixDQUFDLElBQUksRUFBRSxjQUFjLEVBQUU7WUFDakUsUUFBUSxFQUFFLEVBQUUsSUFBSSxFQUFFLEtBQUssQ0FBQyxnQkFBZ0IsRUFBRSxNQUFNLEVBQUU7WUFDbEQsV0FBVyxFQUFFLDRCQUFvQjtZQUNqQyw2RUFBNkU7WUFDN0UsYUFBYSxFQUFFLFFBQVE7WUFDdkIsaUJBQWlCLEVBQUUsV0FBVztZQUM5QixVQUFVLEVBQUUsRUFBRSxlQUFlLEVBQUUsTUFBTSxFQUFFO1NBQ3hDLENBQUMsQ0FBQztJQUNMLENBQUM7Q0FDRjtBQW5GRCx3Q0FtRkMiLCJzb3VyY2VzQ29udGVudCI6WyJpbXBvcnQgeyBrOHMgfSBmcm9tICdjZGs4cy1wbHVzLTI3JztcbmltcG9ydCB7IENvbnN0cnVjdCB9IGZyb20gJ2NvbnN0cnVjdHMnO1xuXG5leHBvcnQgaW50ZXJmYWNlIE5mc1Byb3Zpc2lvbmVyUHJvcHMge1xuICAvKiogTkZTIHNlcnZlcjogaG9zdCBuYW1lIG9yIElQIGFkZHJlc3MuICovXG4gIHJlYWRvbmx5IHNlcnZlcjogc3RyaW5nO1xuICAvKiogRXhwb3J0ZWQgcGF0aCBvbiB0aGUgc2VydmVyOyBlYWNoIGNsYWltIGdldHMgYSBzdWJkaXJlY3Rvcnkgb2YgaXQuICovXG4gIHJlYWRvbmx5IHBhdGg6IHN0cmluZztcbiAgLyoqIE5hbWUgb2YgdGhlIFN0b3JhZ2VDbGFzcyBpdCBzZXJ2ZXMuICovXG4gIHJlYWRvbmx5IHN0b3JhZ2VDbGFzc05hbWU6IHN0cmluZztcbiAgLyoqIE5hbWVzcGFjZSB0aGUgcHJvdmlzaW9uZXIgcnVucyBpbiAobm90IHRoZSBSZWRpcyBuYW1lc3BhY2U6IGl0IG5lZWRzIGFuIG5mcyB2b2x1bWUpLiAqL1xuICByZWFkb25seSBuYW1lc3BhY2U6IHN0cmluZztcbiAgLyoqIFdoZXRoZXIgdG8gc3ludGhlc2l6ZSB0aGF0IE5hbWVzcGFjZS4gKi9cbiAgcmVhZG9ubHkgY3JlYXRlTmFtZXNwYWNlOiBib29sZWFuO1xuICAvKiogVGhlIHByb3Zpc2lvbmVyJ3MgaW1hZ2UsIHBpbm5lZC4gKi9cbiAgcmVhZG9ubHkgaW1hZ2U6IHN0cmluZztcbiAgcmVhZG9ubHkgbGFiZWxzOiBSZWNvcmQ8c3RyaW5nLCBzdHJpbmc+O1xufVxuXG4vKiogVGhlIHByb3Zpc2lvbmVyIG5hbWUgdGhlIFN0b3JhZ2VDbGFzcyBhbmQgdGhlIHByb3Zpc2lvbmVyIGFncmVlIG9uLiAqL1xuZXhwb3J0IGNvbnN0IE5GU19QUk9WSVNJT05FUl9OQU1FID0gJ2s4cy1zaWdzLmlvL25mcy1zdWJkaXItZXh0ZXJuYWwtcHJvdmlzaW9uZXInO1xuXG4vKipcbiAqIFRoZSBzZWVkJ3MgZmlyc3Qgc3RlcCwgXCJjcmVhdGUgdGhlIE5GUyBkeW5hbWljIFN0b3JhZ2VDbGFzc1wiOiB0aGUgc3RhbmRhcmQgTkZTIHN1YmRpcmVjdG9yeVxuICogcHJvdmlzaW9uZXIgKGt1YmVybmV0ZXMtc2lncy9uZnMtc3ViZGlyLWV4dGVybmFsLXByb3Zpc2lvbmVyKSB3aXRoIGxlYXN0LXByaXZpbGVnZSBSQkFDLCBhbmQgdGhlXG4gKiBTdG9yYWdlQ2xhc3MgaXQgc2VydmVzLiBFYWNoIGNsYWltIGJlY29tZXMgYSBzdWJkaXJlY3Rvcnkgb2YgdGhlIGV4cG9ydC5cbiAqXG4gKiBJdCBydW5zIGluIGl0cyBvd24gbmFtZXNwYWNlIGJlY2F1c2UgaXRzIHBvZCBtb3VudHMgYW4gbmZzIHZvbHVtZSwgd2hpY2ggdGhlIFwicmVzdHJpY3RlZFwiIFBvZFxuICogU2VjdXJpdHkgU3RhbmRhcmQgb2YgdGhlIFJlZGlzIG5hbWVzcGFjZSBkb2VzIG5vdCBhbGxvdy5cbiAqXG4gKiBXcml0dGVuIHdpdGggdGhlIEwxIGNsYXNzZXM6IHRoZSBSQkFDIHJ1bGVzIGFyZSB0aGUgcHJvdmlzaW9uZXIncyBkb2N1bWVudGVkIG9uZXMsIHZlcmJhdGltLCBhbmRcbiAqIHRoZSBEZXBsb3ltZW50J3MgY29udGFpbmVyIG11c3Qga2VlcCB0aGUgaW1hZ2UncyBkZWZhdWx0cy5cbiAqXG4gKiBAc2VlIGh0dHBzOi8vZ2l0aHViLmNvbS9rdWJlcm5ldGVzLXNpZ3MvbmZzLXN1YmRpci1leHRlcm5hbC1wcm92aXNpb25lclxuICovXG5leHBvcnQgY2xhc3MgTmZzUHJvdmlzaW9uZXIgZXh0ZW5kcyBDb25zdHJ1Y3Qge1xuICBwdWJsaWMgcmVhZG9ubHkgc3RvcmFnZUNsYXNzOiBrOHMuS3ViZVN0b3JhZ2VDbGFzcztcblxuICBjb25zdHJ1Y3RvcihzY29wZTogQ29uc3RydWN0LCBpZDogc3RyaW5nLCBwcm9wczogTmZzUHJvdmlzaW9uZXJQcm9wcykge1xuICAgIHN1cGVyKHNjb3BlLCBpZCk7XG4gICAgY29uc3QgbmFtZSA9ICduZnMtY2xpZW50LXByb3Zpc2lvbmVyJztcbiAgICBjb25zdCBucyA9IHByb3BzLm5hbWVzcGFjZTtcbiAgICBjb25zdCBsYWJlbHMgPSB7IC4uLnByb3BzLmxhYmVscywgJ2FwcC5rdWJlcm5ldGVzLmlvL2NvbXBvbmVudCc6ICduZnMtcHJvdmlzaW9uZXInIH07XG5cbiAgICBpZiAocHJvcHMuY3JlYXRlTmFtZXNwYWNlKSB7XG4gICAgICAvLyBcImJhc2VsaW5lXCIgYWxsb3dzIHRoZSBuZnMgdm9sdW1lIHRoYXQgXCJyZXN0cmljdGVkXCIgZG9lcyBub3QuXG4gICAgICBuZXcgazhzLkt1YmVOYW1lc3BhY2UodGhpcywgJ05hbWVzcGFjZScsIHtcbiAgICAgICAgbWV0YWRhdGE6IHsgbmFtZTogbnMsIGxhYmVsczogeyAuLi5wcm9wcy5sYWJlbHMsICdwb2Qtc2VjdXJpdHkua3ViZXJuZXRlcy5pby9lbmZvcmNlJzogJ2Jhc2VsaW5lJyB9IH0sXG4gICAgICB9KTtcbiAgICB9XG4gICAgY29uc3QgYWNjb3VudCA9IG5ldyBrOHMuS3ViZVNlcnZpY2VBY2NvdW50KHRoaXMsICdTZXJ2aWNlQWNjb3VudCcsIHsgbWV0YWRhdGE6IHsgbmFtZSwgbmFtZXNwYWNlOiBucywgbGFiZWxzIH0gfSk7XG4gICAgY29uc3QgcnVubmVyID0gbmV3IGs4cy5LdWJlQ2x1c3RlclJvbGUodGhpcywgJ0NsdXN0ZXJSb2xlJywge1xuICAgICAgbWV0YWRhdGE6IHsgbmFtZTogYCR7bmFtZX0tcnVubmVyYCwgbGFiZWxzIH0sXG4gICAgICBydWxlczogW1xuICAgICAgICB7IGFwaUdyb3VwczogWycnXSwgcmVzb3VyY2VzOiBbJ25vZGVzJ10sIHZlcmJzOiBbJ2dldCcsICdsaXN0JywgJ3dhdGNoJ10gfSxcbiAgICAgICAgeyBhcGlHcm91cHM6IFsnJ10sIHJlc291cmNlczogWydwZXJzaXN0ZW50dm9sdW1lcyddLCB2ZXJiczogWydnZXQnLCAnbGlzdCcsICd3YXRjaCcsICdjcmVhdGUnLCAnZGVsZXRlJ10gfSxcbiAgICAgICAgeyBhcGlHcm91cHM6IFsnJ10sIHJlc291cmNlczogWydwZXJzaXN0ZW50dm9sdW1lY2xhaW1zJ10sIHZlcmJzOiBbJ2dldCcsICdsaXN0JywgJ3dhdGNoJywgJ3VwZGF0ZSddIH0sXG4gICAgICAgIHsgYXBpR3JvdXBzOiBbJ3N0b3JhZ2UuazhzLmlvJ10sIHJlc291cmNlczogWydzdG9yYWdlY2xhc3NlcyddLCB2ZXJiczogWydnZXQnLCAnbGlzdCcsICd3YXRjaCddIH0sXG4gICAgICAgIHsgYXBpR3JvdXBzOiBbJyddLCByZXNvdXJjZXM6IFsnZXZlbnRzJ10sIHZlcmJzOiBbJ2NyZWF0ZScsICd1cGRhdGUnLCAncGF0Y2gnXSB9LFxuICAgICAgXSxcbiAgICB9KTtcbiAgICBjb25zdCBzdWJqZWN0ID0geyBraW5kOiAnU2VydmljZUFjY291bnQnLCBuYW1lOiBhY2NvdW50Lm5hbWUsIG5hbWVzcGFjZTogbnMgfTtcbiAgICBuZXcgazhzLkt1YmVDbHVzdGVyUm9sZUJpbmRpbmcodGhpcywgJ0NsdXN0ZXJSb2xlQmluZGluZycsIHtcbiAgICAgIG1ldGFkYXRhOiB7IG5hbWU6IGBydW4tJHtuYW1lfWAsIGxhYmVscyB9LFxuICAgICAgc3ViamVjdHM6IFtzdWJqZWN0XSxcbiAgICAgIHJvbGVSZWY6IHsga2luZDogJ0NsdXN0ZXJSb2xlJywgbmFtZTogcnVubmVyLm5hbWUsIGFwaUdyb3VwOiAncmJhYy5hdXRob3JpemF0aW9uLms4cy5pbycgfSxcbiAgICB9KTtcbiAgICAvLyBMZWFkZXIgZWxlY3Rpb24sIGluIGl0cyBvd24gbmFtZXNwYWNlIG9ubHkuXG4gICAgY29uc3QgbG9ja2luZyA9IG5ldyBrOHMuS3ViZVJvbGUodGhpcywgJ1JvbGUnLCB7XG4gICAgICBtZXRhZGF0YTogeyBuYW1lOiBgbGVhZGVyLWxvY2tpbmctJHtuYW1lfWAsIG5hbWVzcGFjZTogbnMsIGxhYmVscyB9LFxuICAgICAgcnVsZXM6IFt7IGFwaUdyb3VwczogWycnXSwgcmVzb3VyY2VzOiBbJ2VuZHBvaW50cyddLCB2ZXJiczogWydnZXQnLCAnbGlzdCcsICd3YXRjaCcsICdjcmVhdGUnLCAndXBkYXRlJywgJ3BhdGNoJ10gfV0sXG4gICAgfSk7XG4gICAgbmV3IGs4cy5LdWJlUm9sZUJpbmRpbmcodGhpcywgJ1JvbGVCaW5kaW5nJywge1xuICAgICAgbWV0YWRhdGE6IHsgbmFtZTogYGxlYWRlci1sb2NraW5nLSR7bmFtZX1gLCBuYW1lc3BhY2U6IG5zLCBsYWJlbHMgfSxcbiAgICAgIHN1YmplY3RzOiBbc3ViamVjdF0sXG4gICAgICByb2xlUmVmOiB7IGtpbmQ6ICdSb2xlJywgbmFtZTogbG9ja2luZy5uYW1lLCBhcGlHcm91cDogJ3JiYWMuYXV0aG9yaXphdGlvbi5rOHMuaW8nIH0sXG4gICAgfSk7XG5cbiAgICBuZXcgazhzLkt1YmVEZXBsb3ltZW50KHRoaXMsICdEZXBsb3ltZW50Jywge1xuICAgICAgbWV0YWRhdGE6IHsgbmFtZSwgbmFtZXNwYWNlOiBucywgbGFiZWxzIH0sXG4gICAgICBzcGVjOiB7XG4gICAgICAgIHJlcGxpY2FzOiAxLFxuICAgICAgICBzdHJhdGVneTogeyB0eXBlOiAnUmVjcmVhdGUnIH0sXG4gICAgICAgIHNlbGVjdG9yOiB7IG1hdGNoTGFiZWxzOiBsYWJlbHMgfSxcbiAgICAgICAgdGVtcGxhdGU6IHtcbiAgICAgICAgICBtZXRhZGF0YTogeyBsYWJlbHMgfSxcbiAgICAgICAgICBzcGVjOiB7XG4gICAgICAgICAgICBzZXJ2aWNlQWNjb3VudE5hbWU6IGFjY291bnQubmFtZSxcbiAgICAgICAgICAgIGNvbnRhaW5lcnM6IFt7XG4gICAgICAgICAgICAgIG5hbWU6ICduZnMtY2xpZW50LXByb3Zpc2lvbmVyJyxcbiAgICAgICAgICAgICAgaW1hZ2U6IHByb3BzLmltYWdlLFxuICAgICAgICAgICAgICBpbWFnZVB1bGxQb2xpY3k6ICdJZk5vdFByZXNlbnQnLFxuICAgICAgICAgICAgICBlbnY6IFtcbiAgICAgICAgICAgICAgICB7IG5hbWU6ICdQUk9WSVNJT05FUl9OQU1FJywgdmFsdWU6IE5GU19QUk9WSVNJT05FUl9OQU1FIH0sXG4gICAgICAgICAgICAgICAgeyBuYW1lOiAnTkZTX1NFUlZFUicsIHZhbHVlOiBwcm9wcy5zZXJ2ZXIgfSxcbiAgICAgICAgICAgICAgICB7IG5hbWU6ICdORlNfUEFUSCcsIHZhbHVlOiBwcm9wcy5wYXRoIH0sXG4gICAgICAgICAgICAgIF0sXG4gICAgICAgICAgICAgIHJlc291cmNlczoge1xuICAgICAgICAgICAgICAgIHJlcXVlc3RzOiB7IGNwdTogazhzLlF1YW50aXR5LmZyb21TdHJpbmcoJzEwbScpLCBtZW1vcnk6IGs4cy5RdWFudGl0eS5mcm9tU3RyaW5nKCczMk1pJykgfSxcbiAgICAgICAgICAgICAgICBsaW1pdHM6IHsgbWVtb3J5OiBrOHMuUXVhbnRpdHkuZnJvbVN0cmluZygnMTI4TWknKSB9LFxuICAgICAgICAgICAgICB9LFxuICAgICAgICAgICAgICB2b2x1bWVNb3VudHM6IFt7IG5hbWU6ICduZnMtY2xpZW50LXJvb3QnLCBtb3VudFBhdGg6ICcvcGVyc2lzdGVudHZvbHVtZXMnIH1dLFxuICAgICAgICAgICAgfV0sXG4gICAgICAgICAgICB2b2x1bWVzOiBbeyBuYW1lOiAnbmZzLWNsaWVudC1yb290JywgbmZzOiB7IHNlcnZlcjogcHJvcHMuc2VydmVyLCBwYXRoOiBwcm9wcy5wYXRoIH0gfV0sXG4gICAgICAgICAgfSxcbiAgICAgICAgfSxcbiAgICAgIH0sXG4gICAgfSk7XG5cbiAgICB0aGlzLnN0b3JhZ2VDbGFzcyA9IG5ldyBrOHMuS3ViZVN0b3JhZ2VDbGFzcyh0aGlzLCAnU3RvcmFnZUNsYXNzJywge1xuICAgICAgbWV0YWRhdGE6IHsgbmFtZTogcHJvcHMuc3RvcmFnZUNsYXNzTmFtZSwgbGFiZWxzIH0sXG4gICAgICBwcm92aXNpb25lcjogTkZTX1BST1ZJU0lPTkVSX05BTUUsXG4gICAgICAvLyBLZWVwIHRoZSBkYXRhIHdoZW4gYSBjbGFpbSBpcyBkZWxldGVkOiBhIFJlZGlzIHZvbHVtZSBpcyBuZXZlciBkaXNwb3NhYmxlLlxuICAgICAgcmVjbGFpbVBvbGljeTogJ1JldGFpbicsXG4gICAgICB2b2x1bWVCaW5kaW5nTW9kZTogJ0ltbWVkaWF0ZScsXG4gICAgICBwYXJhbWV0ZXJzOiB7IGFyY2hpdmVPbkRlbGV0ZTogJ3RydWUnIH0sXG4gICAgfSk7XG4gIH1cbn1cbiJdfQ==
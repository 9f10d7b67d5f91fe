"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InitJob = void 0;
const cdk8s_plus_27_1 = require("cdk8s-plus-27");
const constructs_1 = require("constructs");
const _hash_1 = require("./_hash");
const _pod_security_1 = require("./_pod-security");
const config_map_1 = require("./config-map");
/**
 * The Job that joins the pods into a cluster with `redis-cli --cluster create`.
 *
 * Its container lists every node's FQDN in its arguments, so a reviewer sees exactly what is
 * joined. The script it runs waits for the nodes, creates nothing when the cluster already exists,
 * and verifies the result, so the Job is safe under a plain `kubectl apply` and safe to re-run.
 *
 * A Job's pod template cannot be changed once created, so the Job's name ends in a hash of its
 * spec: applying the same manifests again is a no-op, applying changed ones runs a new Job.
 *
 * Written with the L1 class for the same reasons as the StatefulSet: cdk8s-plus-27's container
 * defaults do not fit the Redis image.
 */
class InitJob extends constructs_1.Construct {
    constructor(scope, id, props) {
        super(scope, id);
        const configVolume = 'config';
        const spec = {
            backoffLimit: props.backoffLimit,
            activeDeadlineSeconds: props.activeDeadlineSeconds,
            ttlSecondsAfterFinished: props.ttlSecondsAfterFinished,
            template: {
                metadata: {
                    labels: props.labels,
                    annotations: { 'redis-cluster-cdk8s/config-checksum': props.configMap.checksum },
                },
                spec: {
                    restartPolicy: 'Never',
                    enableServiceLinks: false,
                    automountServiceAccountToken: false,
                    securityContext: (0, _pod_security_1.podSecurityContext)(props.uid, props.gid),
                    containers: [{
                            name: 'init-cluster',
                            image: props.image,
                            imagePullPolicy: 'IfNotPresent',
                            command: ['sh', `${props.configMountPath}/${config_map_1.CONFIG_FILES.initScript}`],
                            args: ['--cluster-replicas', String(props.replicasPerShard), ...props.nodeAddresses],
                            env: [{ name: 'WAIT_TIMEOUT_SECONDS', value: String(props.waitTimeoutSeconds) }, ...(0, _pod_security_1.authEnv)(props.auth)],
                            resources: {
                                requests: { cpu: cdk8s_plus_27_1.k8s.Quantity.fromString('50m'), memory: cdk8s_plus_27_1.k8s.Quantity.fromString('32Mi') },
                                limits: { memory: cdk8s_plus_27_1.k8s.Quantity.fromString('128Mi') },
                            },
                            securityContext: (0, _pod_security_1.containerSecurityContext)(props.uid, props.gid),
                            volumeMounts: [{ name: configVolume, mountPath: props.configMountPath, readOnly: true }],
                        }],
                    volumes: [
                        { name: configVolume, configMap: { name: props.configMap.configMap.name, defaultMode: 0o444 } },
                    ],
                },
            },
        };
        this.name = `${props.namePrefix}-${(0, _hash_1.shortHash)(spec)}`;
        this.job = new cdk8s_plus_27_1.k8s.KubeJob(this, 'Resource', {
            metadata: { name: this.name, namespace: props.namespace, labels: props.labels },
            spec,
        });
    }
}
exports.InitJob = InitJob;
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoiaW5pdC1qb2IuanMiLCJzb3VyY2VSb290IjoiIiwic291cmNlcyI6WyIuLi8uLi8uLi93b3JrL3d0LXBhY2thZ2Uvc3JjL2luaXQtam9iLnRzIl0sIm5hbWVzIjpbXSwibWFwcGluZ3MiOiI7OztBQUFBLGlEQUFvQztBQUNwQywyQ0FBdUM7QUFDdkMsbUNBQW9DO0FBQ3BDLG1EQUF1RztBQUN2Ryw2Q0FBNEQ7QUEwQjVEOzs7Ozs7Ozs7Ozs7R0FZRztBQUNILE1BQWEsT0FBUSxTQUFRLHNCQUFTO0lBSXBDLFlBQVksS0FBZ0IsRUFBRSxFQUFVLEVBQUUsS0FBbUI7UUFDM0QsS0FBSyxDQUFDLEtBQUssRUFBRSxFQUFFLENBQUMsQ0FBQztRQUNqQixNQUFNLFlBQVksR0FBRyxRQUFRLENBQUM7UUFDOUIsTUFBTSxJQUFJLEdBQWdCO1lBQ3hCLFlBQVksRUFBRSxLQUFLLENBQUMsWUFBWTtZQUNoQyxxQkFBcUIsRUFBRSxLQUFLLENBQUMscUJBQXFCO1lBQ2xELHVCQUF1QixFQUFFLEtBQUssQ0FBQyx1QkFBdUI7WUFDdEQsUUFBUSxFQUFFO2dCQUNSLFFBQVEsRUFBRTtvQkFDUixNQUFNLEVBQUUsS0FBSyxDQUFDLE1BQU07b0JBQ3BCLFdBQVcsRUFBRSxFQUFFLHFDQUFxQyxFQUFFLEtBQUssQ0FBQyxTQUFTLENBQUMsUUFBUSxFQUFFO2lCQUNqRjtnQkFDRCxJQUFJLEVBQUU7b0JBQ0osYUFBYSxFQUFFLE9BQU87b0JBQ3RCLGtCQUFrQixFQUFFLEtBQUs7b0JBQ3pCLDRCQUE0QixFQUFFLEtBQUs7b0JBQ25DLGVBQWUsRUFBRSxJQUFBLGtDQUFrQixFQUFDLEtBQUssQ0FBQyxHQUFHLEVBQUUsS0FBSyxDQUFDLEdBQUcsQ0FBQztvQkFDekQsVUFBVSxFQUFFLENBQUM7NEJBQ1gsSUFBSSxFQUFFLGNBQWM7NEJBQ3BCLEtBQUssRUFBRSxLQUFLLENBQUMsS0FBSzs0QkFDbEIsZUFBZSxFQUFFLGNBQWM7NEJBQy9CLE9BQU8sRUFBRSxDQUFDLElBQUksRUFBRSxHQUFHLEtBQUssQ0FBQyxlQUFlLElBQUkseUJBQVksQ0FBQyxVQUFVLEVBQUUsQ0FBQzs0QkFDdEUsSUFBSSxFQUFFLENBQUMsb0JBQW9CLEVBQUUsTUFBTSxDQUFDLEtBQUssQ0FBQyxnQkFBZ0IsQ0FBQyxFQUFFLEdBQUcsS0FBSyxDQUFDLGFBQWEsQ0FBQzs0QkFDcEYsR0FBRyxFQUFFLENBQUMsRUFBRSxJQUFJLEVBQUUsc0JBQXNCLEVBQUUsS0FBSyxFQUFFLE1BQU0sQ0FBQyxLQUFLLENBQUMsa0JBQWtCLENBQUMsRUFBRSxFQUFFLEdBQUcsSUFBQSx1QkFBTyxFQUFDLEtBQUssQ0FBQyxJQUFJLENBQUMsQ0FBQzs0QkFDeEcsU0FBUyxFQUFFO2dDQUNULFFBQVEsRUFBRSxFQUFFLEdBQUcsRUFBRSxtQkFBRyxDQUFDLFFBQVEsQ0FBQyxVQUFVLENBQUMsS0FBSyxDQUFDLEVBQUUsTUFBTSxFQUFFLG1CQUFHLENBQUMsUUFBUSxDQUFDLFVBQVUsQ0FBQyxNQUFNLENBQUMsRUFBRTtnQ0FDMUYsTUFBTSxFQUFFLEVBQUUsTUFBTSxFQUFFLG1CQUFHLENBQUMsUUFBUSxDQUFDLFVBQVUsQ0FBQyxPQUFPLENBQUMsRUFBRTs2QkFDckQ7NEJBQ0QsZUFBZSxFQUFFLElBQUEsd0NBQXdCLEVBQUMsS0FBSyxDQUFDLEdBQUcsRUFBRSxLQUFLLENBQUMsR0FBRyxDQUFDOzRCQUMvRCxZQUFZLEVBQUUsQ0FBQyxFQUFFLElBQUksRUFBRSxZQUFZLEVBQUUsU0FBUyxFQUFFLEtBQUssQ0FBQyxlQUFlLEVBQUUsUUFBUSxFQUFFLElBQUksRUFBRSxDQUFDO3lCQUN6RixDQUFDO29CQUNGLE9BQU8sRUFBRTt3QkFDUCxFQUFFLElBQUksRUFBRSxZQUFZLEVBQUUsU0FBUyxFQUFFLEVBQUUsSUFBSSxFQUFFLEtBQUssQ0FBQyxTQUFTLENBQUMsU0FBUyxDQUFDLElBQUksRUFBRSxXQUFXLEVBQUUsS0FBSyxFQUFFLEVBQUU7cUJBQ2hHO2lCQUNGO2FBQ0Y7U0FDRixDQUFDO1FBQ0YsSUFBSSxDQUFDLElBQUksR0FBRyxHQUFHLEtBQUssQ0FBQyxVQUFVLElBQUksSUFBQSxpQkFBUyxFQUFDLElBQUksQ0FBQyxFQUFFLENBQUM7UUFDckQsSUFBSSxDQUFDLEdBQUcsR0FBRyxJQUFJLG1CQUFHLENBQUMsT0FBTyxDQUFDLElBQUksRUFBRSxVQUFVLEVBQUU7WUFDM0MsUUFBUSxFQUFFLEVBQUUsSUFBSSxFQUFFLElBQUksQ0FBQyxJQUFJLEVBQUUsU0FBUyxFQUFFLEtBQUssQ0FBQyxTQUFTLEVBQUUsTUFBTSxFQUFFLEtBQUssQ0FBQyxNQUFNLEVBQUU7WUFDL0UsSUFBSTtTQUNMLENBQUMsQ0FBQztJQUNMLENBQUM7Q0FDRjtBQS9DRCwwQkErQ0MiLCJzb3VyY2VzQ29udGVudCI6WyJpbXBvcnQgeyBrOHMgfSBmcm9tICdjZGs4cy1wbHVzLTI3JztcbmltcG9ydCB7IENvbnN0cnVjdCB9IGZyb20gJ2NvbnN0cnVjdHMnO1xuaW1wb3J0IHsgc2hvcnRIYXNoIH0gZnJvbSAnLi9faGFzaCc7XG5pbXBvcnQgeyBBdXRoU2VjcmV0UmVmLCBhdXRoRW52LCBjb250YWluZXJTZWN1cml0eUNvbnRleHQsIHBvZFNlY3VyaXR5Q29udGV4dCB9IGZyb20gJy4vX3BvZC1zZWN1cml0eSc7XG5pbXBvcnQgeyBDT05GSUdfRklMRVMsIFJlZGlzQ29uZmlnTWFwIH0gZnJvbSAnLi9jb25maWctbWFwJztcblxuZXhwb3J0IGludGVyZmFjZSBJbml0Sm9iUHJvcHMge1xuICAvKiogVGhlIEpvYiBpcyBuYW1lZCBgPG5hbWVQcmVmaXg+LTxoYXNoIG9mIGl0cyBzcGVjPmAuICovXG4gIHJlYWRvbmx5IG5hbWVQcmVmaXg6IHN0cmluZztcbiAgcmVhZG9ubHkgbmFtZXNwYWNlOiBzdHJpbmc7XG4gIHJlYWRvbmx5IGxhYmVsczogUmVjb3JkPHN0cmluZywgc3RyaW5nPjtcbiAgcmVhZG9ubHkgaW1hZ2U6IHN0cmluZztcbiAgcmVhZG9ubHkgdWlkOiBudW1iZXI7XG4gIHJlYWRvbmx5IGdpZDogbnVtYmVyO1xuICAvKiogYGhvc3Q6cG9ydGAgb2YgZXZlcnkgbm9kZSwgaW4gcG9kIG9yZGluYWwgb3JkZXIuICovXG4gIHJlYWRvbmx5IG5vZGVBZGRyZXNzZXM6IHJlYWRvbmx5IHN0cmluZ1tdO1xuICByZWFkb25seSByZXBsaWNhc1BlclNoYXJkOiBudW1iZXI7XG4gIHJlYWRvbmx5IGNvbmZpZ01hcDogUmVkaXNDb25maWdNYXA7XG4gIHJlYWRvbmx5IGNvbmZpZ01vdW50UGF0aDogc3RyaW5nO1xuICByZWFkb25seSB3YWl0VGltZW91dFNlY29uZHM6IG51bWJlcjtcbiAgcmVhZG9ubHkgYWN0aXZlRGVhZGxpbmVTZWNvbmRzOiBudW1iZXI7XG4gIHJlYWRvbmx5IGJhY2tvZmZMaW1pdDogbnVtYmVyO1xuICByZWFkb25seSB0dGxTZWNvbmRzQWZ0ZXJGaW5pc2hlZDogbnVtYmVyO1xuICAvKipcbiAgICogVGhlIHBhc3N3b3JkIFNlY3JldC5cbiAgICogQGRlZmF1bHQgLSBubyBhdXRoXG4gICAqL1xuICByZWFkb25seSBhdXRoPzogQXV0aFNlY3JldFJlZjtcbn1cblxuLyoqXG4gKiBUaGUgSm9iIHRoYXQgam9pbnMgdGhlIHBvZHMgaW50byBhIGNsdXN0ZXIgd2l0aCBgcmVkaXMtY2xpIC0tY2x1c3RlciBjcmVhdGVgLlxuICpcbiAqIEl0cyBjb250YWluZXIgbGlzdHMgZXZlcnkgbm9kZSdzIEZRRE4gaW4gaXRzIGFyZ3VtZW50cywgc28gYSByZXZpZXdlciBzZWVzIGV4YWN0bHkgd2hhdCBpc1xuICogam9pbmVkLiBUaGUgc2NyaXB0IGl0IHJ1bnMgd2FpdHMgZm9yIHRoZSBub2RlcywgY3JlYXRlcyBub3RoaW5nIHdoZW4gdGhlIGNsdXN0ZXIgYWxyZWFkeSBleGlzdHMsXG4gKiBhbmQgdmVyaWZpZXMgdGhlIHJlc3VsdCwgc28gdGhlIEpvYiBpcyBzYWZlIHVuZGVyIGEgcGxhaW4gYGt1YmVjdGwgYXBwbHlgIGFuZCBzYWZlIHRvIHJlLXJ1bi5cbiAqXG4gKiBBIEpvYidzIHBvZCB0ZW1wbGF0ZSBjYW5ub3QgYmUgY2hhbmdlZCBvbmNlIGNyZWF0ZWQsIHNvIHRoZSBKb2IncyBuYW1lIGVuZHMgaW4gYSBoYXNoIG9mIGl0c1xuICogc3BlYzogYXBwbHlpbmcgdGhlIHNhbWUgbWFuaWZlc3RzIGFnYWluIGlzIGEgbm8tb3AsIGFwcGx5aW5nIGNoYW5nZWQgb25lcyBydW5zIGEgbmV3IEpvYi5cbiAqXG4gKiBXcml0dGVuIHdpdGggdGhlIEwxIGNsYXNzIGZvciB0aGUgc2FtZSByZWFzb25zIGFzIHRoZSBTdGF0ZWZ1bFNldDogY2RrOHMtcGx1cy0yNydzIGNvbnRhaW5lclxuICogZGVmYXVsdHMgZG8gbm90IGZpdCB0aGUgUmVkaXMgaW1hZ2UuXG4gKi9cbmV4cG9ydCBjbGFzcyBJbml0Sm9iIGV4dGVuZHMgQ29uc3RydWN0IHtcbiAgcHVibGljIHJlYWRvbmx5IGpvYjogazhzLkt1YmVKb2I7XG4gIHB1YmxpYyByZWFkb25seSBuYW1lOiBzdHJpbmc7XG5cbiAgY29uc3RydWN0b3Ioc2NvcGU6IENvbnN0cnVjdCwgaWQ6IHN0cmluZywgcHJvcHM6IEluaXRKb2JQcm9wcykge1xuICAgIHN1cGVyKHNjb3BlLCBpZCk7XG4gICAgY29uc3QgY29uZmlnVm9sdW1lID0gJ2NvbmZpZyc7XG4gICAgY29uc3Qgc3BlYzogazhzLkpvYlNwZWMgPSB7XG4gICAgICBiYWNrb2ZmTGltaXQ6IHByb3BzLmJhY2tvZmZMaW1pdCxcbiAgICAgIGFjdGl2ZURlYWRsaW5lU2Vjb25kczogcHJvcHMuYWN0aXZlRGVhZGxpbmVTZWNvbmRzLFxuICAgICAgdHRsU2Vjb25kc0FmdGVyRmluaXNoZWQ6IHByb3BzLnR0bFNlY29uZHNBZnRlckZpbmlzaGVkLFxuICAgICAgdGVtcGxhdGU6IHtcbiAgICAgICAgbWV0YWRhdGE6IHtcbiAgICAgICAgICBsYWJlbHM6IHByb3BzLmxhYmVscyxcbiAgICAgICAgICBhbm5vdGF0aW9uczogeyAncmVkaXMtY2x1c3Rlci1jZGs4cy9jb25maWctY2hlY2tzdW0nOiBwcm9wcy5jb25maWdNYXAuY2hlY2tzdW0gfSxcbiAgICAgICAgfSxcbiAgICAgICAgc3BlYzoge1xuICAgICAgICAgIHJlc3RhcnRQb2xpY3k6ICdOZXZlcicsXG4gICAgICAgICAgZW5hYmxlU2VydmljZUxpbmtzOiBmYWxzZSxcbiAgICAgICAgICBhdXRvbW91bnRTZXJ2aWNlQWNjb3VudFRva2VuOiBmYWxzZSxcbiAgICAgICAgICBzZWN1cml0eUNvbnRleHQ6IHBvZFNlY3VyaXR5Q29udGV4dChwcm9wcy51aWQsIHByb3BzLmdpZCksXG4gICAgICAgICAgY29udGFpbmVyczogW3tcbiAgICAgICAgICAgIG5hbWU6ICdpbml0LWNsdXN0ZXInLFxuICAgICAgICAgICAgaW1hZ2U6IHByb3BzLmltYWdlLFxuICAgICAgICAgICAgaW1hZ2VQdWxsUG9saWN5OiAnSWZOb3RQcmVzZW50JyxcbiAgICAgICAgICAgIGNvbW1hbmQ6IFsnc2gnLCBgJHtwcm9wcy5jb25maWdNb3VudFBhdGh9LyR7Q09ORklHX0ZJTEVTLmluaXRTY3JpcHR9YF0sXG4gICAgICAgICAgICBhcmdzOiBbJy0tY2x1c3Rlci1yZXBsaWNhcycsIFN0cmluZyhwcm9wcy5yZXBsaWNhc1BlclNoYXJkKSwgLi4ucHJvcHMubm9kZUFkZHJlc3Nlc10sXG4gICAgICAgICAgICBlbnY6IFt7IG5hbWU6ICdXQUlUX1RJTUVPVVRfU0VDT05EUycsIHZhbHVlOiBTdHJpbmcocHJvcHMud2FpdFRpbWVvdXRTZWNvbmRzKSB9LCAuLi5hdXRoRW52KHByb3BzLmF1dGgpXSxcbiAgICAgICAgICAgIHJlc291cmNlczoge1xuICAgICAgICAgICAgICByZXF1ZXN0czogeyBjcHU6IGs4cy5RdWFudGl0eS5mcm9tU3RyaW5nKCc1MG0nKSwgbWVtb3J5OiBrOHMuUXVhbnRpdHkuZnJvbVN0cmluZygnMzJNaScpIH0sXG4gICAgICAgICAgICAgIGxpbWl0czogeyBtZW1vcnk6IGs4cy5RdWFudGl0eS5mcm9tU3RyaW5nKCcxMjhNaScpIH0sXG4gICAgICAgICAgICB9LFxuICAgICAgICAgICAgc2VjdXJpdHlDb250ZXh0OiBjb250YWluZXJTZWN1cml0eUNvbnRleHQocHJvcHMudWlkLCBwcm9wcy5naWQpLFxuICAgICAgICAgICAgdm9sdW1lTW91bnRzOiBbeyBuYW1lOiBjb25maWdWb2x1bWUsIG1vdW50UGF0aDogcHJvcHMuY29uZmlnTW91bnRQYXRoLCByZWFkT25seTogdHJ1ZSB9XSxcbiAgICAgICAgICB9XSxcbiAgICAgICAgICB2b2x1bWVzOiBbXG4gICAgICAgICAgICB7IG5hbWU6IGNvbmZpZ1ZvbHVtZSwgY29uZmlnTWFwOiB7IG5hbWU6IHByb3BzLmNvbmZpZ01hcC5jb25maWdNYXAubmFtZSwgZGVmYXVsdE1vZGU6IDBvNDQ0IH0gfSxcbiAgICAgICAgICBdLFxuICAgICAgICB9LFxuICAgICAgfSxcbiAgICB9O1xuICAgIHRoaXMubmFtZSA9IGAke3Byb3BzLm5hbWVQcmVmaXh9LSR7c2hvcnRIYXNoKHNwZWMpfWA7XG4gICAgdGhpcy5qb2IgPSBuZXcgazhzLkt1YmVKb2IodGhpcywgJ1Jlc291cmNlJywge1xuICAgICAgbWV0YWRhdGE6IHsgbmFtZTogdGhpcy5uYW1lLCBuYW1lc3BhY2U6IHByb3BzLm5hbWVzcGFjZSwgbGFiZWxzOiBwcm9wcy5sYWJlbHMgfSxcbiAgICAgIHNwZWMsXG4gICAgfSk7XG4gIH1cbn1cbiJdfQ==
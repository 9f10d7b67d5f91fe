"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RedisNetworkPolicy = void 0;
const cdk8s_plus_27_1 = require("cdk8s-plus-27");
const constructs_1 = require("constructs");
/**
 * The network fence around the Redis pods. Only ingress is restricted:
 * - the client port admits the cluster's own pods, the init Job, and pods labelled as clients
 *   (in any namespace);
 * - the bus port admits only the cluster's own pods;
 * - with external access, a second policy lets the given CIDRs reach the client port of the one
 *   pod the NodePort Service forwards to; with a Service per pod, the client and bus ports of
 *   every pod (node-port traffic arrives from node addresses, not from pods);
 * - with metrics, the exporter port admits any namespace.
 *
 * Written with the L1 class so that each rule reads as the API server will see it.
 */
class RedisNetworkPolicy extends constructs_1.Construct {
    constructor(scope, id, props) {
        super(scope, id);
        this.policies = [];
        const tcp = (...ports) => ports.map((port) => ({ protocol: 'TCP', port: cdk8s_plus_27_1.k8s.IntOrString.fromNumber(port) }));
        const servers = { podSelector: { matchLabels: props.serverLabels } };
        this.policies.push(new cdk8s_plus_27_1.k8s.KubeNetworkPolicy(this, 'Resource', {
            metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
            spec: {
                podSelector: { matchLabels: props.serverLabels },
                policyTypes: ['Ingress'],
                ingress: [
                    {
                        ports: tcp(props.clientPort),
                        from: [
                            servers,
                            { podSelector: { matchLabels: props.initLabels } },
                            { namespaceSelector: {}, podSelector: { matchLabels: props.clientLabels } },
                        ],
                    },
                    { ports: tcp(props.busPort), from: [servers] },
                    ...(props.metricsPort !== undefined ? [{ ports: tcp(props.metricsPort), from: [{ namespaceSelector: {} }] }] : []),
                ],
            },
        }));
        if (props.external) {
            this.policies.push(new cdk8s_plus_27_1.k8s.KubeNetworkPolicy(this, 'External', {
                metadata: { name: `${props.name}-external`, namespace: props.namespace, labels: props.labels },
                spec: {
                    podSelector: {
                        matchLabels: props.external.podName
                            ? { ...props.serverLabels, 'statefulset.kubernetes.io/pod-name': props.external.podName }
                            : props.serverLabels,
                    },
                    policyTypes: ['Ingress'],
                    ingress: [{
                            ports: tcp(...props.external.ports),
                            from: props.external.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
                        }],
                },
            }));
        }
    }
}
exports.RedisNetworkPolicy = RedisNetworkPolicy;
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoibmV0d29yay1wb2xpY3kuanMiLCJzb3VyY2VSb290IjoiIiwic291cmNlcyI6WyIuLi8uLi8uLi93b3JrL3d0LXBhY2thZ2Uvc3JjL25ldHdvcmstcG9saWN5LnRzIl0sIm5hbWVzIjpbXSwibWFwcGluZ3MiOiI7OztBQUFBLGlEQUFvQztBQUNwQywyQ0FBdUM7QUE0QnZDOzs7Ozs7Ozs7OztHQVdHO0FBQ0gsTUFBYSxrQkFBbUIsU0FBUSxzQkFBUztJQUcvQyxZQUFZLEtBQWdCLEVBQUUsRUFBVSxFQUFFLEtBQThCO1FBQ3RFLEtBQUssQ0FBQyxLQUFLLEVBQUUsRUFBRSxDQUFDLENBQUM7UUFISCxhQUFRLEdBQTRCLEVBQUUsQ0FBQztRQUlyRCxNQUFNLEdBQUcsR0FBRyxDQUFDLEdBQUcsS0FBZSxFQUFFLEVBQUUsQ0FBQyxLQUFLLENBQUMsR0FBRyxDQUFDLENBQUMsSUFBSSxFQUFFLEVBQUUsQ0FBQyxDQUFDLEVBQUUsUUFBUSxFQUFFLEtBQUssRUFBRSxJQUFJLEVBQUUsbUJBQUcsQ0FBQyxXQUFXLENBQUMsVUFBVSxDQUFDLElBQUksQ0FBQyxFQUFFLENBQUMsQ0FBQyxDQUFDO1FBQ3ZILE1BQU0sT0FBTyxHQUFHLEVBQUUsV0FBVyxFQUFFLEVBQUUsV0FBVyxFQUFFLEtBQUssQ0FBQyxZQUFZLEVBQUUsRUFBRSxDQUFDO1FBRXJFLElBQUksQ0FBQyxRQUFRLENBQUMsSUFBSSxDQUFDLElBQUksbUJBQUcsQ0FBQyxpQkFBaUIsQ0FBQyxJQUFJLEVBQUUsVUFBVSxFQUFFO1lBQzdELFFBQVEsRUFBRSxFQUFFLElBQUksRUFBRSxLQUFLLENBQUMsSUFBSSxFQUFFLFNBQVMsRUFBRSxLQUFLLENBQUMsU0FBUyxFQUFFLE1BQU0sRUFBRSxLQUFLLENBQUMsTUFBTSxFQUFFO1lBQ2hGLElBQUksRUFBRTtnQkFDSixXQUFXLEVBQUUsRUFBRSxXQUFXLEVBQUUsS0FBSyxDQUFDLFlBQVksRUFBRTtnQkFDaEQsV0FBVyxFQUFFLENBQUMsU0FBUyxDQUFDO2dCQUN4QixPQUFPLEVBQUU7b0JBQ1A7d0JBQ0UsS0FBSyxFQUFFLEdBQUcsQ0FBQyxLQUFLLENBQUMsVUFBVSxDQUFDO3dCQUM1QixJQUFJLEVBQUU7NEJBQ0osT0FBTzs0QkFDUCxFQUFFLFdBQVcsRUFBRSxFQUFFLFdBQVcsRUFBRSxLQUFLLENBQUMsVUFBVSxFQUFFLEVBQUU7NEJBQ2xELEVBQUUsaUJBQWlCLEVBQUUsRUFBRSxFQUFFLFdBQVcsRUFBRSxFQUFFLFdBQVcsRUFBRSxLQUFLLENBQUMsWUFBWSxFQUFFLEVBQUU7eUJBQzVFO3FCQUNGO29CQUNELEVBQUUsS0FBSyxFQUFFLEdBQUcsQ0FBQyxLQUFLLENBQUMsT0FBTyxDQUFDLEVBQUUsSUFBSSxFQUFFLENBQUMsT0FBTyxDQUFDLEVBQUU7b0JBQzlDLEdBQUcsQ0FBQyxLQUFLLENBQUMsV0FBVyxLQUFLLFNBQVMsQ0FBQyxDQUFDLENBQUMsQ0FBQyxFQUFFLEtBQUssRUFBRSxHQUFHLENBQUMsS0FBSyxDQUFDLFdBQVcsQ0FBQyxFQUFFLElBQUksRUFBRSxDQUFDLEVBQUUsaUJBQWlCLEVBQUUsRUFBRSxFQUFFLENBQUMsRUFBRSxDQUFDLENBQUMsQ0FBQyxDQUFDLEVBQUUsQ0FBQztpQkFDbkg7YUFDRjtTQUNGLENBQUMsQ0FBQyxDQUFDO1FBRUosSUFBSSxLQUFLLENBQUMsUUFBUSxFQUFFLENBQUM7WUFDbkIsSUFBSSxDQUFDLFFBQVEsQ0FBQyxJQUFJLENBQUMsSUFBSSxtQkFBRyxDQUFDLGlCQUFpQixDQUFDLElBQUksRUFBRSxVQUFVLEVBQUU7Z0JBQzdELFFBQVEsRUFBRSxFQUFFLElBQUksRUFBRSxHQUFHLEtBQUssQ0FBQyxJQUFJLFdBQVcsRUFBRSxTQUFTLEVBQUUsS0FBSyxDQUFDLFNBQVMsRUFBRSxNQUFNLEVBQUUsS0FBSyxDQUFDLE1BQU0sRUFBRTtnQkFDOUYsSUFBSSxFQUFFO29CQUNKLFdBQVcsRUFBRTt3QkFDWCxXQUFXLEVBQUUsS0FBSyxDQUFDLFFBQVEsQ0FBQyxPQUFPOzRCQUNqQyxDQUFDLENBQUMsRUFBRSxHQUFHLEtBQUssQ0FBQyxZQUFZLEVBQUUsb0NBQW9DLEVBQUUsS0FBSyxDQUFDLFFBQVEsQ0FBQyxPQUFPLEVBQUU7NEJBQ3pGLENBQUMsQ0FBQyxLQUFLLENBQUMsWUFBWTtxQkFDdkI7b0JBQ0QsV0FBVyxFQUFFLENBQUMsU0FBUyxDQUFDO29CQUN4QixPQUFPLEVBQUUsQ0FBQzs0QkFDUixLQUFLLEVBQUUsR0FBRyxDQUFDLEdBQUcsS0FBSyxDQUFDLFFBQVEsQ0FBQyxLQUFLLENBQUM7NEJBQ25DLElBQUksRUFBRSxLQUFLLENBQUMsUUFBUSxDQUFDLEtBQUssQ0FBQyxHQUFHLENBQUMsQ0FBQyxJQUFJLEVBQUUsRUFBRSxDQUFDLENBQUMsRUFBRSxPQUFPLEVBQUUsRUFBRSxJQUFJLEVBQUUsRUFBRSxDQUFDLENBQUM7eUJBQ2xFLENBQUM7aUJBQ0g7YUFDRixDQUFDLENBQUMsQ0FBQztRQUNOLENBQUM7SUFDSCxDQUFDO0NBQ0Y7QUE5Q0QsZ0RBOENDIiwic291cmNlc0NvbnRlbnQiOlsiaW1wb3J0IHsgazhzIH0gZnJvbSAnY2RrOHMtcGx1cy0yNyc7XG5pbXBvcnQgeyBDb25zdHJ1Y3QgfSBmcm9tICdjb25zdHJ1Y3RzJztcblxuZXhwb3J0IGludGVyZmFjZSBSZWRpc05ldHdvcmtQb2xpY3lQcm9wcyB7XG4gIC8qKiBQcmVmaXggb2YgdGhlIHBvbGljaWVzJyBuYW1lcy4gKi9cbiAgcmVhZG9ubHkgbmFtZTogc3RyaW5nO1xuICByZWFkb25seSBuYW1lc3BhY2U6IHN0cmluZztcbiAgcmVhZG9ubHkgbGFiZWxzOiBSZWNvcmQ8c3RyaW5nLCBzdHJpbmc+O1xuICAvKiogTGFiZWxzIG9mIHRoZSBSZWRpcyBwb2RzLiAqL1xuICByZWFkb25seSBzZXJ2ZXJMYWJlbHM6IFJlY29yZDxzdHJpbmcsIHN0cmluZz47XG4gIC8qKiBMYWJlbHMgb2YgdGhlIGluaXQgSm9iJ3MgcG9kLiAqL1xuICByZWFkb25seSBpbml0TGFiZWxzOiBSZWNvcmQ8c3RyaW5nLCBzdHJpbmc+O1xuICAvKiogTGFiZWxzIHRoYXQgbWFyayBhIHBvZCwgaW4gYW55IG5hbWVzcGFjZSwgYXMgYSBjbGllbnQuICovXG4gIHJlYWRvbmx5IGNsaWVudExhYmVsczogUmVjb3JkPHN0cmluZywgc3RyaW5nPjtcbiAgcmVhZG9ubHkgY2xpZW50UG9ydDogbnVtYmVyO1xuICByZWFkb25seSBidXNQb3J0OiBudW1iZXI7XG4gIC8qKlxuICAgKiBPdXRzaWRlIGFjY2VzczogdGhlIHBvZCB0aGUgTm9kZVBvcnQgU2VydmljZSByZWFjaGVzIChhbGwgcG9kcywgd2l0aCBvbmUgU2VydmljZSBwZXIgcG9kKSxcbiAgICogdGhlIHBvcnRzIGl0IGV4cG9zZXMsIGFuZCB3aG8gbWF5IHJlYWNoIHRoZW0uXG4gICAqIEBkZWZhdWx0IC0gbm8gZXh0ZXJuYWwgYWNjZXNzXG4gICAqL1xuICByZWFkb25seSBleHRlcm5hbD86IHsgcmVhZG9ubHkgcG9kTmFtZT86IHN0cmluZzsgcmVhZG9ubHkgcG9ydHM6IHJlYWRvbmx5IG51bWJlcltdOyByZWFkb25seSBjaWRyczogcmVhZG9ubHkgc3RyaW5nW10gfTtcbiAgLyoqXG4gICAqIFRoZSBtZXRyaWNzIGV4cG9ydGVycycgcG9ydCwgb3BlbiB0byBQcm9tZXRoZXVzIGluIGFueSBuYW1lc3BhY2UuXG4gICAqIEBkZWZhdWx0IC0gbm8gbWV0cmljc1xuICAgKi9cbiAgcmVhZG9ubHkgbWV0cmljc1BvcnQ/OiBudW1iZXI7XG59XG5cbi8qKlxuICogVGhlIG5ldHdvcmsgZmVuY2UgYXJvdW5kIHRoZSBSZWRpcyBwb2RzLiBPbmx5IGluZ3Jlc3MgaXMgcmVzdHJpY3RlZDpcbiAqIC0gdGhlIGNsaWVudCBwb3J0IGFkbWl0cyB0aGUgY2x1c3RlcidzIG93biBwb2RzLCB0aGUgaW5pdCBKb2IsIGFuZCBwb2RzIGxhYmVsbGVkIGFzIGNsaWVudHNcbiAqICAgKGluIGFueSBuYW1lc3BhY2UpO1xuICogLSB0aGUgYnVzIHBvcnQgYWRtaXRzIG9ubHkgdGhlIGNsdXN0ZXIncyBvd24gcG9kcztcbiAqIC0gd2l0aCBleHRlcm5hbCBhY2Nlc3MsIGEgc2Vjb25kIHBvbGljeSBsZXRzIHRoZSBnaXZlbiBDSURScyByZWFjaCB0aGUgY2xpZW50IHBvcnQgb2YgdGhlIG9uZVxuICogICBwb2QgdGhlIE5vZGVQb3J0IFNlcnZpY2UgZm9yd2FyZHMgdG87IHdpdGggYSBTZXJ2aWNlIHBlciBwb2QsIHRoZSBjbGllbnQgYW5kIGJ1cyBwb3J0cyBvZlxuICogICBldmVyeSBwb2QgKG5vZGUtcG9ydCB0cmFmZmljIGFycml2ZXMgZnJvbSBub2RlIGFkZHJlc3Nlcywgbm90IGZyb20gcG9kcyk7XG4gKiAtIHdpdGggbWV0cmljcywgdGhlIGV4cG9ydGVyIHBvcnQgYWRtaXRzIGFueSBuYW1lc3BhY2UuXG4gKlxuICogV3JpdHRlbiB3aXRoIHRoZSBMMSBjbGFzcyBzbyB0aGF0IGVhY2ggcnVsZSByZWFkcyBhcyB0aGUgQVBJIHNlcnZlciB3aWxsIHNlZSBpdC5cbiAqL1xuZXhwb3J0IGNsYXNzIFJlZGlzTmV0d29ya1BvbGljeSBleHRlbmRzIENvbnN0cnVjdCB7XG4gIHB1YmxpYyByZWFkb25seSBwb2xpY2llczogazhzLkt1YmVOZXR3b3JrUG9saWN5W10gPSBbXTtcblxuICBjb25zdHJ1Y3RvcihzY29wZTogQ29uc3RydWN0LCBpZDogc3RyaW5nLCBwcm9wczogUmVkaXNOZXR3b3JrUG9saWN5UHJvcHMpIHtcbiAgICBzdXBlcihzY29wZSwgaWQpO1xuICAgIGNvbnN0IHRjcCA9ICguLi5wb3J0czogbnVtYmVyW10pID0+IHBvcnRzLm1hcCgocG9ydCkgPT4gKHsgcHJvdG9jb2w6ICdUQ1AnLCBwb3J0OiBrOHMuSW50T3JTdHJpbmcuZnJvbU51bWJlcihwb3J0KSB9KSk7XG4gICAgY29uc3Qgc2VydmVycyA9IHsgcG9kU2VsZWN0b3I6IHsgbWF0Y2hMYWJlbHM6IHByb3BzLnNlcnZlckxhYmVscyB9IH07XG5cbiAgICB0aGlzLnBvbGljaWVzLnB1c2gobmV3IGs4cy5LdWJlTmV0d29ya1BvbGljeSh0aGlzLCAnUmVzb3VyY2UnLCB7XG4gICAgICBtZXRhZGF0YTogeyBuYW1lOiBwcm9wcy5uYW1lLCBuYW1lc3BhY2U6IHByb3BzLm5hbWVzcGFjZSwgbGFiZWxzOiBwcm9wcy5sYWJlbHMgfSxcbiAgICAgIHNwZWM6IHtcbiAgICAgICAgcG9kU2VsZWN0b3I6IHsgbWF0Y2hMYWJlbHM6IHByb3BzLnNlcnZlckxhYmVscyB9LFxuICAgICAgICBwb2xpY3lUeXBlczogWydJbmdyZXNzJ10sXG4gICAgICAgIGluZ3Jlc3M6IFtcbiAgICAgICAgICB7XG4gICAgICAgICAgICBwb3J0czogdGNwKHByb3BzLmNsaWVudFBvcnQpLFxuICAgICAgICAgICAgZnJvbTogW1xuICAgICAgICAgICAgICBzZXJ2ZXJzLFxuICAgICAgICAgICAgICB7IHBvZFNlbGVjdG9yOiB7IG1hdGNoTGFiZWxzOiBwcm9wcy5pbml0TGFiZWxzIH0gfSxcbiAgICAgICAgICAgICAgeyBuYW1lc3BhY2VTZWxlY3Rvcjoge30sIHBvZFNlbGVjdG9yOiB7IG1hdGNoTGFiZWxzOiBwcm9wcy5jbGllbnRMYWJlbHMgfSB9LFxuICAgICAgICAgICAgXSxcbiAgICAgICAgICB9LFxuICAgICAgICAgIHsgcG9ydHM6IHRjcChwcm9wcy5idXNQb3J0KSwgZnJvbTogW3NlcnZlcnNdIH0sXG4gICAgICAgICAgLi4uKHByb3BzLm1ldHJpY3NQb3J0ICE9PSB1bmRlZmluZWQgPyBbeyBwb3J0czogdGNwKHByb3BzLm1ldHJpY3NQb3J0KSwgZnJvbTogW3sgbmFtZXNwYWNlU2VsZWN0b3I6IHt9IH1dIH1dIDogW10pLFxuICAgICAgICBdLFxuICAgICAgfSxcbiAgICB9KSk7XG5cbiAgICBpZiAocHJvcHMuZXh0ZXJuYWwpIHtcbiAgICAgIHRoaXMucG9saWNpZXMucHVzaChuZXcgazhzLkt1YmVOZXR3b3JrUG9saWN5KHRoaXMsICdFeHRlcm5hbCcsIHtcbiAgICAgICAgbWV0YWRhdGE6IHsgbmFtZTogYCR7cHJvcHMubmFtZX0tZXh0ZXJuYWxgLCBuYW1lc3BhY2U6IHByb3BzLm5hbWVzcGFjZSwgbGFiZWxzOiBwcm9wcy5sYWJlbHMgfSxcbiAgICAgICAgc3BlYzoge1xuICAgICAgICAgIHBvZFNlbGVjdG9yOiB7XG4gICAgICAgICAgICBtYXRjaExhYmVsczogcHJvcHMuZXh0ZXJuYWwucG9kTmFtZVxuICAgICAgICAgICAgICA/IHsgLi4ucHJvcHMuc2VydmVyTGFiZWxzLCAnc3RhdGVmdWxzZXQua3ViZXJuZXRlcy5pby9wb2QtbmFtZSc6IHByb3BzLmV4dGVybmFsLnBvZE5hbWUgfVxuICAgICAgICAgICAgICA6IHByb3BzLnNlcnZlckxhYmVscyxcbiAgICAgICAgICB9LFxuICAgICAgICAgIHBvbGljeVR5cGVzOiBbJ0luZ3Jlc3MnXSxcbiAgICAgICAgICBpbmdyZXNzOiBbe1xuICAgICAgICAgICAgcG9ydHM6IHRjcCguLi5wcm9wcy5leHRlcm5hbC5wb3J0cyksXG4gICAgICAgICAgICBmcm9tOiBwcm9wcy5leHRlcm5hbC5jaWRycy5tYXAoKGNpZHIpID0+ICh7IGlwQmxvY2s6IHsgY2lkciB9IH0pKSxcbiAgICAgICAgICB9XSxcbiAgICAgICAgfSxcbiAgICAgIH0pKTtcbiAgICB9XG4gIH1cbn1cbiJdfQ==
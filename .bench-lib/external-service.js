"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExternalService = void 0;
const kplus = __importStar(require("cdk8s-plus-27"));
const constructs_1 = require("constructs");
/**
 * A NodePort Service to one Redis pod.
 *
 * The seed's single Service to pod 0 is good for `redis-cli` from outside, for CLUSTER INFO and
 * for keys that live on that pod; a cluster client that follows a MOVED redirect is sent to
 * another node's FQDN, which is not reachable from outside Kubernetes. With one Service per pod
 * (client and bus ports), and every node announcing its Kubernetes node's address and its own
 * node ports, redirects lead somewhere an outside client can reach.
 */
class ExternalService extends constructs_1.Construct {
    constructor(scope, id, props) {
        super(scope, id);
        const ports = [{
                name: 'client',
                port: props.clientPort,
                targetPort: props.clientPort,
                nodePort: props.clientNodePort,
                protocol: kplus.Protocol.TCP,
            }];
        if (props.bus) {
            ports.push({ name: 'bus', port: props.bus.port, targetPort: props.bus.port, nodePort: props.bus.nodePort, protocol: kplus.Protocol.TCP });
        }
        this.service = new kplus.Service(this, 'Resource', {
            metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
            type: kplus.ServiceType.NODE_PORT,
            ports,
        });
        const selector = { ...props.selector, 'statefulset.kubernetes.io/pod-name': props.podName };
        for (const [key, value] of Object.entries(selector)) {
            this.service.selectLabel(key, value);
        }
    }
}
exports.ExternalService = ExternalService;
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoiZXh0ZXJuYWwtc2VydmljZS5qcyIsInNvdXJjZVJvb3QiOiIiLCJzb3VyY2VzIjpbIi4uLy4uLy4uL3dvcmsvd3QtcGFja2FnZS9zcmMvZXh0ZXJuYWwtc2VydmljZS50cyJdLCJuYW1lcyI6W10sIm1hcHBpbmdzIjoiOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7QUFBQSxxREFBdUM7QUFDdkMsMkNBQXVDO0FBdUJ2Qzs7Ozs7Ozs7R0FRRztBQUNILE1BQWEsZUFBZ0IsU0FBUSxzQkFBUztJQUc1QyxZQUFZLEtBQWdCLEVBQUUsRUFBVSxFQUFFLEtBQTJCO1FBQ25FLEtBQUssQ0FBQyxLQUFLLEVBQUUsRUFBRSxDQUFDLENBQUM7UUFDakIsTUFBTSxLQUFLLEdBQXdCLENBQUM7Z0JBQ2xDLElBQUksRUFBRSxRQUFRO2dCQUNkLElBQUksRUFBRSxLQUFLLENBQUMsVUFBVTtnQkFDdEIsVUFBVSxFQUFFLEtBQUssQ0FBQyxVQUFVO2dCQUM1QixRQUFRLEVBQUUsS0FBSyxDQUFDLGNBQWM7Z0JBQzlCLFFBQVEsRUFBRSxLQUFLLENBQUMsUUFBUSxDQUFDLEdBQUc7YUFDN0IsQ0FBQyxDQUFDO1FBQ0gsSUFBSSxLQUFLLENBQUMsR0FBRyxFQUFFLENBQUM7WUFDZCxLQUFLLENBQUMsSUFBSSxDQUFDLEVBQUUsSUFBSSxFQUFFLEtBQUssRUFBRSxJQUFJLEVBQUUsS0FBSyxDQUFDLEdBQUcsQ0FBQyxJQUFJLEVBQUUsVUFBVSxFQUFFLEtBQUssQ0FBQyxHQUFHLENBQUMsSUFBSSxFQUFFLFFBQVEsRUFBRSxLQUFLLENBQUMsR0FBRyxDQUFDLFFBQVEsRUFBRSxRQUFRLEVBQUUsS0FBSyxDQUFDLFFBQVEsQ0FBQyxHQUFHLEVBQUUsQ0FBQyxDQUFDO1FBQzVJLENBQUM7UUFDRCxJQUFJLENBQUMsT0FBTyxHQUFHLElBQUksS0FBSyxDQUFDLE9BQU8sQ0FBQyxJQUFJLEVBQUUsVUFBVSxFQUFFO1lBQ2pELFFBQVEsRUFBRSxFQUFFLElBQUksRUFBRSxLQUFLLENBQUMsSUFBSSxFQUFFLFNBQVMsRUFBRSxLQUFLLENBQUMsU0FBUyxFQUFFLE1BQU0sRUFBRSxLQUFLLENBQUMsTUFBTSxFQUFFO1lBQ2hGLElBQUksRUFBRSxLQUFLLENBQUMsV0FBVyxDQUFDLFNBQVM7WUFDakMsS0FBSztTQUNOLENBQUMsQ0FBQztRQUNILE1BQU0sUUFBUSxHQUFHLEVBQUUsR0FBRyxLQUFLLENBQUMsUUFBUSxFQUFFLG9DQUFvQyxFQUFFLEtBQUssQ0FBQyxPQUFPLEVBQUUsQ0FBQztRQUM1RixLQUFLLE1BQU0sQ0FBQyxHQUFHLEVBQUUsS0FBSyxDQUFDLElBQUksTUFBTSxDQUFDLE9BQU8sQ0FBQyxRQUFRLENBQUMsRUFBRSxDQUFDO1lBQ3BELElBQUksQ0FBQyxPQUFPLENBQUMsV0FBVyxDQUFDLEdBQUcsRUFBRSxLQUFLLENBQUMsQ0FBQztRQUN2QyxDQUFDO0lBQ0gsQ0FBQztDQUNGO0FBekJELDBDQXlCQyIsInNvdXJjZXNDb250ZW50IjpbImltcG9ydCAqIGFzIGtwbHVzIGZyb20gJ2NkazhzLXBsdXMtMjcnO1xuaW1wb3J0IHsgQ29uc3RydWN0IH0gZnJvbSAnY29uc3RydWN0cyc7XG5cbmV4cG9ydCBpbnRlcmZhY2UgRXh0ZXJuYWxTZXJ2aWNlUHJvcHMge1xuICByZWFkb25seSBuYW1lOiBzdHJpbmc7XG4gIHJlYWRvbmx5IG5hbWVzcGFjZTogc3RyaW5nO1xuICByZWFkb25seSBsYWJlbHM6IFJlY29yZDxzdHJpbmcsIHN0cmluZz47XG4gIC8qKiBMYWJlbHMgb2YgdGhlIFJlZGlzIHBvZHM7IHRoZSBTZXJ2aWNlIG5hcnJvd3MgdGhlbSB0byB0aGUgb25lIHBvZCBuYW1lZCBgcG9kTmFtZWAuICovXG4gIHJlYWRvbmx5IHNlbGVjdG9yOiBSZWNvcmQ8c3RyaW5nLCBzdHJpbmc+O1xuICAvKiogVGhlIHBvZCB0aGlzIFNlcnZpY2UgcmVhY2hlcy4gKi9cbiAgcmVhZG9ubHkgcG9kTmFtZTogc3RyaW5nO1xuICByZWFkb25seSBjbGllbnRQb3J0OiBudW1iZXI7XG4gIC8qKlxuICAgKiBUaGUgY2xpZW50IHBvcnQgb24gZXZlcnkgS3ViZXJuZXRlcyBub2RlLlxuICAgKiBAZGVmYXVsdCAtIEt1YmVybmV0ZXMgcGlja3Mgb25lIGZyb20gMzAwMDAtMzI3NjdcbiAgICovXG4gIHJlYWRvbmx5IGNsaWVudE5vZGVQb3J0PzogbnVtYmVyO1xuICAvKipcbiAgICogQWxzbyBleHBvc2UgdGhlIGNsdXN0ZXIgYnVzLCBvbiB0aGlzIG5vZGUgcG9ydCAob3V0c2lkZSBhY2Nlc3MgcGVyIHBvZCkuXG4gICAqIEBkZWZhdWx0IC0gdGhlIGJ1cyBpcyBub3QgZXhwb3NlZFxuICAgKi9cbiAgcmVhZG9ubHkgYnVzPzogeyByZWFkb25seSBwb3J0OiBudW1iZXI7IHJlYWRvbmx5IG5vZGVQb3J0OiBudW1iZXIgfTtcbn1cblxuLyoqXG4gKiBBIE5vZGVQb3J0IFNlcnZpY2UgdG8gb25lIFJlZGlzIHBvZC5cbiAqXG4gKiBUaGUgc2VlZCdzIHNpbmdsZSBTZXJ2aWNlIHRvIHBvZCAwIGlzIGdvb2QgZm9yIGByZWRpcy1jbGlgIGZyb20gb3V0c2lkZSwgZm9yIENMVVNURVIgSU5GTyBhbmRcbiAqIGZvciBrZXlzIHRoYXQgbGl2ZSBvbiB0aGF0IHBvZDsgYSBjbHVzdGVyIGNsaWVudCB0aGF0IGZvbGxvd3MgYSBNT1ZFRCByZWRpcmVjdCBpcyBzZW50IHRvXG4gKiBhbm90aGVyIG5vZGUncyBGUUROLCB3aGljaCBpcyBub3QgcmVhY2hhYmxlIGZyb20gb3V0c2lkZSBLdWJlcm5ldGVzLiBXaXRoIG9uZSBTZXJ2aWNlIHBlciBwb2RcbiAqIChjbGllbnQgYW5kIGJ1cyBwb3J0cyksIGFuZCBldmVyeSBub2RlIGFubm91bmNpbmcgaXRzIEt1YmVybmV0ZXMgbm9kZSdzIGFkZHJlc3MgYW5kIGl0cyBvd25cbiAqIG5vZGUgcG9ydHMsIHJlZGlyZWN0cyBsZWFkIHNvbWV3aGVyZSBhbiBvdXRzaWRlIGNsaWVudCBjYW4gcmVhY2guXG4gKi9cbmV4cG9ydCBjbGFzcyBFeHRlcm5hbFNlcnZpY2UgZXh0ZW5kcyBDb25zdHJ1Y3Qge1xuICBwdWJsaWMgcmVhZG9ubHkgc2VydmljZToga3BsdXMuU2VydmljZTtcblxuICBjb25zdHJ1Y3RvcihzY29wZTogQ29uc3RydWN0LCBpZDogc3RyaW5nLCBwcm9wczogRXh0ZXJuYWxTZXJ2aWNlUHJvcHMpIHtcbiAgICBzdXBlcihzY29wZSwgaWQpO1xuICAgIGNvbnN0IHBvcnRzOiBrcGx1cy5TZXJ2aWNlUG9ydFtdID0gW3tcbiAgICAgIG5hbWU6ICdjbGllbnQnLFxuICAgICAgcG9ydDogcHJvcHMuY2xpZW50UG9ydCxcbiAgICAgIHRhcmdldFBvcnQ6IHByb3BzLmNsaWVudFBvcnQsXG4gICAgICBub2RlUG9ydDogcHJvcHMuY2xpZW50Tm9kZVBvcnQsXG4gICAgICBwcm90b2NvbDoga3BsdXMuUHJvdG9jb2wuVENQLFxuICAgIH1dO1xuICAgIGlmIChwcm9wcy5idXMpIHtcbiAgICAgIHBvcnRzLnB1c2goeyBuYW1lOiAnYnVzJywgcG9ydDogcHJvcHMuYnVzLnBvcnQsIHRhcmdldFBvcnQ6IHByb3BzLmJ1cy5wb3J0LCBub2RlUG9ydDogcHJvcHMuYnVzLm5vZGVQb3J0LCBwcm90b2NvbDoga3BsdXMuUHJvdG9jb2wuVENQIH0pO1xuICAgIH1cbiAgICB0aGlzLnNlcnZpY2UgPSBuZXcga3BsdXMuU2VydmljZSh0aGlzLCAnUmVzb3VyY2UnLCB7XG4gICAgICBtZXRhZGF0YTogeyBuYW1lOiBwcm9wcy5uYW1lLCBuYW1lc3BhY2U6IHByb3BzLm5hbWVzcGFjZSwgbGFiZWxzOiBwcm9wcy5sYWJlbHMgfSxcbiAgICAgIHR5cGU6IGtwbHVzLlNlcnZpY2VUeXBlLk5PREVfUE9SVCxcbiAgICAgIHBvcnRzLFxuICAgIH0pO1xuICAgIGNvbnN0IHNlbGVjdG9yID0geyAuLi5wcm9wcy5zZWxlY3RvciwgJ3N0YXRlZnVsc2V0Lmt1YmVybmV0ZXMuaW8vcG9kLW5hbWUnOiBwcm9wcy5wb2ROYW1lIH07XG4gICAgZm9yIChjb25zdCBba2V5LCB2YWx1ZV0gb2YgT2JqZWN0LmVudHJpZXMoc2VsZWN0b3IpKSB7XG4gICAgICB0aGlzLnNlcnZpY2Uuc2VsZWN0TGFiZWwoa2V5LCB2YWx1ZSk7XG4gICAgfVxuICB9XG59XG4iXX0=
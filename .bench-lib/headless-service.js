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
exports.HeadlessService = void 0;
const cdk8s_1 = require("cdk8s");
const kplus = __importStar(require("cdk8s-plus-27"));
const constructs_1 = require("constructs");
/**
 * The headless Service that gives each Redis pod a stable DNS name,
 * `<pod>.<service>.<namespace>.svc.<cluster domain>`.
 *
 * It publishes pods before they are Ready: the nodes must resolve each other while they start
 * (to refresh nodes.conf and to form the cluster), and readiness waits for a healthy cluster.
 */
class HeadlessService extends constructs_1.Construct {
    constructor(scope, id, props) {
        super(scope, id);
        this.service = new kplus.Service(this, 'Resource', {
            metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
            clusterIP: 'None',
            ports: [
                { name: 'client', port: props.clientPort, targetPort: props.clientPort, protocol: kplus.Protocol.TCP },
                { name: 'bus', port: props.busPort, targetPort: props.busPort, protocol: kplus.Protocol.TCP },
            ],
        });
        for (const [key, value] of Object.entries(props.selector)) {
            this.service.selectLabel(key, value);
        }
        // cdk8s-plus-27 has no publishNotReadyAddresses.
        cdk8s_1.ApiObject.of(this.service).addJsonPatch(cdk8s_1.JsonPatch.add('/spec/publishNotReadyAddresses', true));
    }
    /** The DNS domain of the pods behind this Service. */
    podDomain(clusterDomain) {
        return `${this.service.name}.${this.service.metadata.namespace}.svc.${clusterDomain}`;
    }
}
exports.HeadlessService = HeadlessService;
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoiaGVhZGxlc3Mtc2VydmljZS5qcyIsInNvdXJjZVJvb3QiOiIiLCJzb3VyY2VzIjpbIi4uLy4uLy4uL3dvcmsvd3QtcGFja2FnZS9zcmMvaGVhZGxlc3Mtc2VydmljZS50cyJdLCJuYW1lcyI6W10sIm1hcHBpbmdzIjoiOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7QUFBQSxpQ0FBNkM7QUFDN0MscURBQXVDO0FBQ3ZDLDJDQUF1QztBQWF2Qzs7Ozs7O0dBTUc7QUFDSCxNQUFhLGVBQWdCLFNBQVEsc0JBQVM7SUFHNUMsWUFBWSxLQUFnQixFQUFFLEVBQVUsRUFBRSxLQUEyQjtRQUNuRSxLQUFLLENBQUMsS0FBSyxFQUFFLEVBQUUsQ0FBQyxDQUFDO1FBQ2pCLElBQUksQ0FBQyxPQUFPLEdBQUcsSUFBSSxLQUFLLENBQUMsT0FBTyxDQUFDLElBQUksRUFBRSxVQUFVLEVBQUU7WUFDakQsUUFBUSxFQUFFLEVBQUUsSUFBSSxFQUFFLEtBQUssQ0FBQyxJQUFJLEVBQUUsU0FBUyxFQUFFLEtBQUssQ0FBQyxTQUFTLEVBQUUsTUFBTSxFQUFFLEtBQUssQ0FBQyxNQUFNLEVBQUU7WUFDaEYsU0FBUyxFQUFFLE1BQU07WUFDakIsS0FBSyxFQUFFO2dCQUNMLEVBQUUsSUFBSSxFQUFFLFFBQVEsRUFBRSxJQUFJLEVBQUUsS0FBSyxDQUFDLFVBQVUsRUFBRSxVQUFVLEVBQUUsS0FBSyxDQUFDLFVBQVUsRUFBRSxRQUFRLEVBQUUsS0FBSyxDQUFDLFFBQVEsQ0FBQyxHQUFHLEVBQUU7Z0JBQ3RHLEVBQUUsSUFBSSxFQUFFLEtBQUssRUFBRSxJQUFJLEVBQUUsS0FBSyxDQUFDLE9BQU8sRUFBRSxVQUFVLEVBQUUsS0FBSyxDQUFDLE9BQU8sRUFBRSxRQUFRLEVBQUUsS0FBSyxDQUFDLFFBQVEsQ0FBQyxHQUFHLEVBQUU7YUFDOUY7U0FDRixDQUFDLENBQUM7UUFDSCxLQUFLLE1BQU0sQ0FBQyxHQUFHLEVBQUUsS0FBSyxDQUFDLElBQUksTUFBTSxDQUFDLE9BQU8sQ0FBQyxLQUFLLENBQUMsUUFBUSxDQUFDLEVBQUUsQ0FBQztZQUMxRCxJQUFJLENBQUMsT0FBTyxDQUFDLFdBQVcsQ0FBQyxHQUFHLEVBQUUsS0FBSyxDQUFDLENBQUM7UUFDdkMsQ0FBQztRQUNELGlEQUFpRDtRQUNqRCxpQkFBUyxDQUFDLEVBQUUsQ0FBQyxJQUFJLENBQUMsT0FBTyxDQUFDLENBQUMsWUFBWSxDQUFDLGlCQUFTLENBQUMsR0FBRyxDQUFDLGdDQUFnQyxFQUFFLElBQUksQ0FBQyxDQUFDLENBQUM7SUFDakcsQ0FBQztJQUVELHNEQUFzRDtJQUMvQyxTQUFTLENBQUMsYUFBcUI7UUFDcEMsT0FBTyxHQUFHLElBQUksQ0FBQyxPQUFPLENBQUMsSUFBSSxJQUFJLElBQUksQ0FBQyxPQUFPLENBQUMsUUFBUSxDQUFDLFNBQVMsUUFBUSxhQUFhLEVBQUUsQ0FBQztJQUN4RixDQUFDO0NBQ0Y7QUF4QkQsMENBd0JDIiwic291cmNlc0NvbnRlbnQiOlsiaW1wb3J0IHsgQXBpT2JqZWN0LCBKc29uUGF0Y2ggfSBmcm9tICdjZGs4cyc7XG5pbXBvcnQgKiBhcyBrcGx1cyBmcm9tICdjZGs4cy1wbHVzLTI3JztcbmltcG9ydCB7IENvbnN0cnVjdCB9IGZyb20gJ2NvbnN0cnVjdHMnO1xuXG5leHBvcnQgaW50ZXJmYWNlIEhlYWRsZXNzU2VydmljZVByb3BzIHtcbiAgLyoqIGBtZXRhZGF0YS5uYW1lYDsgd2l0aCB0aGUgbmFtZXNwYWNlIGl0IGZvcm1zIGV2ZXJ5IHBvZCdzIEROUyBuYW1lLiAqL1xuICByZWFkb25seSBuYW1lOiBzdHJpbmc7XG4gIHJlYWRvbmx5IG5hbWVzcGFjZTogc3RyaW5nO1xuICByZWFkb25seSBsYWJlbHM6IFJlY29yZDxzdHJpbmcsIHN0cmluZz47XG4gIC8qKiBMYWJlbHMgb2YgdGhlIFJlZGlzIHBvZHMuICovXG4gIHJlYWRvbmx5IHNlbGVjdG9yOiBSZWNvcmQ8c3RyaW5nLCBzdHJpbmc+O1xuICByZWFkb25seSBjbGllbnRQb3J0OiBudW1iZXI7XG4gIHJlYWRvbmx5IGJ1c1BvcnQ6IG51bWJlcjtcbn1cblxuLyoqXG4gKiBUaGUgaGVhZGxlc3MgU2VydmljZSB0aGF0IGdpdmVzIGVhY2ggUmVkaXMgcG9kIGEgc3RhYmxlIEROUyBuYW1lLFxuICogYDxwb2Q+LjxzZXJ2aWNlPi48bmFtZXNwYWNlPi5zdmMuPGNsdXN0ZXIgZG9tYWluPmAuXG4gKlxuICogSXQgcHVibGlzaGVzIHBvZHMgYmVmb3JlIHRoZXkgYXJlIFJlYWR5OiB0aGUgbm9kZXMgbXVzdCByZXNvbHZlIGVhY2ggb3RoZXIgd2hpbGUgdGhleSBzdGFydFxuICogKHRvIHJlZnJlc2ggbm9kZXMuY29uZiBhbmQgdG8gZm9ybSB0aGUgY2x1c3RlciksIGFuZCByZWFkaW5lc3Mgd2FpdHMgZm9yIGEgaGVhbHRoeSBjbHVzdGVyLlxuICovXG5leHBvcnQgY2xhc3MgSGVhZGxlc3NTZXJ2aWNlIGV4dGVuZHMgQ29uc3RydWN0IHtcbiAgcHVibGljIHJlYWRvbmx5IHNlcnZpY2U6IGtwbHVzLlNlcnZpY2U7XG5cbiAgY29uc3RydWN0b3Ioc2NvcGU6IENvbnN0cnVjdCwgaWQ6IHN0cmluZywgcHJvcHM6IEhlYWRsZXNzU2VydmljZVByb3BzKSB7XG4gICAgc3VwZXIoc2NvcGUsIGlkKTtcbiAgICB0aGlzLnNlcnZpY2UgPSBuZXcga3BsdXMuU2VydmljZSh0aGlzLCAnUmVzb3VyY2UnLCB7XG4gICAgICBtZXRhZGF0YTogeyBuYW1lOiBwcm9wcy5uYW1lLCBuYW1lc3BhY2U6IHByb3BzLm5hbWVzcGFjZSwgbGFiZWxzOiBwcm9wcy5sYWJlbHMgfSxcbiAgICAgIGNsdXN0ZXJJUDogJ05vbmUnLFxuICAgICAgcG9ydHM6IFtcbiAgICAgICAgeyBuYW1lOiAnY2xpZW50JywgcG9ydDogcHJvcHMuY2xpZW50UG9ydCwgdGFyZ2V0UG9ydDogcHJvcHMuY2xpZW50UG9ydCwgcHJvdG9jb2w6IGtwbHVzLlByb3RvY29sLlRDUCB9LFxuICAgICAgICB7IG5hbWU6ICdidXMnLCBwb3J0OiBwcm9wcy5idXNQb3J0LCB0YXJnZXRQb3J0OiBwcm9wcy5idXNQb3J0LCBwcm90b2NvbDoga3BsdXMuUHJvdG9jb2wuVENQIH0sXG4gICAgICBdLFxuICAgIH0pO1xuICAgIGZvciAoY29uc3QgW2tleSwgdmFsdWVdIG9mIE9iamVjdC5lbnRyaWVzKHByb3BzLnNlbGVjdG9yKSkge1xuICAgICAgdGhpcy5zZXJ2aWNlLnNlbGVjdExhYmVsKGtleSwgdmFsdWUpO1xuICAgIH1cbiAgICAvLyBjZGs4cy1wbHVzLTI3IGhhcyBubyBwdWJsaXNoTm90UmVhZHlBZGRyZXNzZXMuXG4gICAgQXBpT2JqZWN0Lm9mKHRoaXMuc2VydmljZSkuYWRkSnNvblBhdGNoKEpzb25QYXRjaC5hZGQoJy9zcGVjL3B1Ymxpc2hOb3RSZWFkeUFkZHJlc3NlcycsIHRydWUpKTtcbiAgfVxuXG4gIC8qKiBUaGUgRE5TIGRvbWFpbiBvZiB0aGUgcG9kcyBiZWhpbmQgdGhpcyBTZXJ2aWNlLiAqL1xuICBwdWJsaWMgcG9kRG9tYWluKGNsdXN0ZXJEb21haW46IHN0cmluZyk6IHN0cmluZyB7XG4gICAgcmV0dXJuIGAke3RoaXMuc2VydmljZS5uYW1lfS4ke3RoaXMuc2VydmljZS5tZXRhZGF0YS5uYW1lc3BhY2V9LnN2Yy4ke2NsdXN0ZXJEb21haW59YDtcbiAgfVxufVxuIl19
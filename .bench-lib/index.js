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
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ValidationError = exports.DEFAULT_REDIS_CONFIG = exports.DEFAULTS = void 0;
__exportStar(require("./redis-config"), exports);
__exportStar(require("./storage"), exports);
__exportStar(require("./config-map"), exports);
__exportStar(require("./headless-service"), exports);
__exportStar(require("./stateful-set"), exports);
__exportStar(require("./external-service"), exports);
__exportStar(require("./init-job"), exports);
__exportStar(require("./network-policy"), exports);
__exportStar(require("./pod-disruption-budget"), exports);
__exportStar(require("./metrics-service"), exports);
__exportStar(require("./service-monitor"), exports);
__exportStar(require("./nfs-provisioner"), exports);
__exportStar(require("./nfs-persistent-volumes"), exports);
__exportStar(require("./redis-cluster"), exports);
__exportStar(require("./redis-cluster-chart"), exports);
var _defaults_1 = require("./_defaults");
Object.defineProperty(exports, "DEFAULTS", { enumerable: true, get: function () { return _defaults_1.DEFAULTS; } });
Object.defineProperty(exports, "DEFAULT_REDIS_CONFIG", { enumerable: true, get: function () { return _defaults_1.DEFAULT_REDIS_CONFIG; } });
var _errors_1 = require("./_errors");
Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function () { return _errors_1.ValidationError; } });
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoiaW5kZXguanMiLCJzb3VyY2VSb290IjoiIiwic291cmNlcyI6WyIuLi8uLi8uLi93b3JrL3d0LXBhY2thZ2Uvc3JjL2luZGV4LnRzIl0sIm5hbWVzIjpbXSwibWFwcGluZ3MiOiI7Ozs7Ozs7Ozs7Ozs7Ozs7O0FBQUEsaURBQStCO0FBQy9CLDRDQUEwQjtBQUMxQiwrQ0FBNkI7QUFDN0IscURBQW1DO0FBQ25DLGlEQUErQjtBQUMvQixxREFBbUM7QUFDbkMsNkNBQTJCO0FBQzNCLG1EQUFpQztBQUNqQywwREFBd0M7QUFDeEMsb0RBQWtDO0FBQ2xDLG9EQUFrQztBQUNsQyxvREFBa0M7QUFDbEMsMkRBQXlDO0FBQ3pDLGtEQUFnQztBQUNoQyx3REFBc0M7QUFDdEMseUNBQTZEO0FBQXBELHFHQUFBLFFBQVEsT0FBQTtBQUFFLGlIQUFBLG9CQUFvQixPQUFBO0FBQ3ZDLHFDQUE0QztBQUFuQywwR0FBQSxlQUFlLE9BQUEiLCJzb3VyY2VzQ29udGVudCI6WyJleHBvcnQgKiBmcm9tICcuL3JlZGlzLWNvbmZpZyc7XG5leHBvcnQgKiBmcm9tICcuL3N0b3JhZ2UnO1xuZXhwb3J0ICogZnJvbSAnLi9jb25maWctbWFwJztcbmV4cG9ydCAqIGZyb20gJy4vaGVhZGxlc3Mtc2VydmljZSc7XG5leHBvcnQgKiBmcm9tICcuL3N0YXRlZnVsLXNldCc7XG5leHBvcnQgKiBmcm9tICcuL2V4dGVybmFsLXNlcnZpY2UnO1xuZXhwb3J0ICogZnJvbSAnLi9pbml0LWpvYic7XG5leHBvcnQgKiBmcm9tICcuL25ldHdvcmstcG9saWN5JztcbmV4cG9ydCAqIGZyb20gJy4vcG9kLWRpc3J1cHRpb24tYnVkZ2V0JztcbmV4cG9ydCAqIGZyb20gJy4vbWV0cmljcy1zZXJ2aWNlJztcbmV4cG9ydCAqIGZyb20gJy4vc2VydmljZS1tb25pdG9yJztcbmV4cG9ydCAqIGZyb20gJy4vbmZzLXByb3Zpc2lvbmVyJztcbmV4cG9ydCAqIGZyb20gJy4vbmZzLXBlcnNpc3RlbnQtdm9sdW1lcyc7XG5leHBvcnQgKiBmcm9tICcuL3JlZGlzLWNsdXN0ZXInO1xuZXhwb3J0ICogZnJvbSAnLi9yZWRpcy1jbHVzdGVyLWNoYXJ0JztcbmV4cG9ydCB7IERFRkFVTFRTLCBERUZBVUxUX1JFRElTX0NPTkZJRyB9IGZyb20gJy4vX2RlZmF1bHRzJztcbmV4cG9ydCB7IFZhbGlkYXRpb25FcnJvciB9IGZyb20gJy4vX2Vycm9ycyc7XG4iXX0=
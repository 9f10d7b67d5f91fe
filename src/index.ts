export * from './config/redis-config';
export * from './storage/storage';
export * from './k8s/config-map';
export * from './k8s/users-config-map';
export * from './k8s/headless-service';
export * from './k8s/stateful-set';
export * from './k8s/external-service';
export * from './k8s/init-job';
export * from './k8s/network-policy';
export * from './k8s/pod-disruption-budget';
export * from './k8s/metrics-service';
export * from './k8s/service-monitor';
export * from './storage/nfs-provisioner';
export * from './storage/nfs-persistent-volumes';
export * from './cluster/cluster-spec';
export * from './redis-cluster';
export * from './redis-cluster-chart';
export { RedisClusterProps } from './cluster/props';
export { resolve } from './cluster/resolve';
export {
  RedisUser, RedisUserRoleOptions, RedisUsers, aclRules, UsersTemplateEntry, renderUsersTemplate, ACL_CATEGORIES, INTERNAL_USER_NAMES, InternalUsers,
} from './cluster/users';
export type { ResolveContext } from './cluster/resolve';
export { MANAGED_DIRECTIVES } from './config/managed';
export { DEFAULTS, DEFAULT_REDIS_CONFIG } from './cluster/defaults';
export { ValidationError } from './_errors';
export { synthesize, STAGING_DIR, PUBLISH_DIR } from './_synth';
export type { SynthesizeOptions, SynthesizeResult } from './_synth';

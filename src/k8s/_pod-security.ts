import { k8s } from 'cdk8s-plus-27';

/**
 * Security settings for every pod we run. They meet the "restricted" Pod Security Standard and
 * match the official Redis image, whose `redis` user is uid/gid 999.
 */
export function podSecurityContext(uid: number, gid: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    fsGroup: gid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level counterpart of `podSecurityContext`: no privileges, read-only root. */
export function containerSecurityContext(uid: number, gid: number): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
}

/** Where the Redis password comes from. */
export interface AuthSecretRef {
  /** Name of the Secret, created by the operator. */
  readonly secretName: string;
  /** Key of the password in it. */
  readonly secretKey: string;
}

/**
 * The env var that carries the password: redis-cli reads REDISCLI_AUTH, so no password is ever
 * written on a command line that `ps` shows.
 */
export function authEnv(auth: AuthSecretRef | undefined): k8s.EnvVar[] {
  if (!auth) {
    return [];
  }
  return [{ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: auth.secretName, key: auth.secretKey } } }];
}

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

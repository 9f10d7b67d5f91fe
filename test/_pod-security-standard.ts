/**
 * The Kubernetes Pod Security Standard "restricted" (v1.27), as a checker over a pod spec, plus
 * one rule of ours: a read-only root filesystem.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
const ALLOWED_VOLUME_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range']);

/** Every way `podSpec` breaks the restricted profile; empty when it meets it. */
export function restrictedViolations(podSpec: any): string[] {
  const v: string[] = [];
  const pod = podSpec.securityContext ?? {};
  const containers = [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? []), ...(podSpec.ephemeralContainers ?? [])];

  if (podSpec.hostNetwork || podSpec.hostPID || podSpec.hostIPC) v.push('host namespaces are shared');
  for (const volume of podSpec.volumes ?? []) {
    const type = Object.keys(volume).find((k) => k !== 'name')!;
    if (!ALLOWED_VOLUME_TYPES.has(type)) v.push(`volume ${volume.name} has type ${type}`);
  }
  for (const sysctl of pod.sysctls ?? []) {
    if (!SAFE_SYSCTLS.has(sysctl.name)) v.push(`unsafe sysctl ${sysctl.name}`);
  }
  if (pod.runAsUser === 0) v.push('pod runs as uid 0');
  if (pod.seccompProfile && !['RuntimeDefault', 'Localhost'].includes(pod.seccompProfile.type)) v.push(`pod seccomp ${pod.seccompProfile.type}`);

  for (const c of containers) {
    const sc = c.securityContext ?? {};
    const where = `container ${c.name}`;
    if (sc.privileged) v.push(`${where} is privileged`);
    if ((c.ports ?? []).some((p: any) => p.hostPort)) v.push(`${where} uses a host port`);
    if (sc.allowPrivilegeEscalation !== false) v.push(`${where} allows privilege escalation`);
    if (!(sc.runAsNonRoot ?? pod.runAsNonRoot)) v.push(`${where} may run as root (runAsNonRoot unset)`);
    if ((sc.runAsUser ?? pod.runAsUser) === 0) v.push(`${where} runs as uid 0`);
    const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) v.push(`${where} has no RuntimeDefault seccomp profile`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) v.push(`${where} does not drop ALL capabilities`);
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap !== 'NET_BIND_SERVICE') v.push(`${where} adds capability ${cap}`);
    }
    if (sc.procMount && sc.procMount !== 'Default') v.push(`${where} has procMount ${sc.procMount}`);
    if (sc.readOnlyRootFilesystem !== true) v.push(`${where} has a writable root filesystem`);
  }
  return v;
}

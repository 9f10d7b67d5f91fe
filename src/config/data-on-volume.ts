import { show } from '../_errors';
import { splitArgs } from './split-args';

/**
 * Errors when redis.conf keeps its data (`dir`) or its cluster state (`cluster-config-file`)
 * anywhere but a volume from the StatefulSet's volumeClaimTemplates, mounted in the redis
 * container. A disk-backed emptyDir counts too: it is what RedisStorage.ephemeral() chooses, on
 * purpose and with a warning.
 */
export function dataOnVolumeErrors(redisConf: string, statefulSet: any): string[] {
  const last = (directive: string): string | undefined => {
    let value: string | undefined;
    for (const line of redisConf.split('\n')) {
      const args = line.trim().startsWith('#') ? [] : splitArgs(line, 'redis.conf');
      if (args[0]?.toLowerCase() === directive && args.length === 2) value = args[1];
    }
    return value;
  };
  const claims = new Set<string>([
    ...(statefulSet?.spec?.volumeClaimTemplates ?? []).map((t: any) => t?.metadata?.name),
    ...(statefulSet?.spec?.template?.spec?.volumes ?? []).filter((v: any) => v?.emptyDir && v.emptyDir.medium !== 'Memory').map((v: any) => v.name),
  ]);
  const container = (statefulSet?.spec?.template?.spec?.containers ?? []).find((c: any) => c?.name === 'redis');
  const volumeRoots: string[] = (container?.volumeMounts ?? [])
    .filter((m: any) => claims.has(m?.name))
    .map((m: any) => String(m.mountPath).replace(/\/$/, ''));
  const onVolume = (p: string) => volumeRoots.some((root) => p === root || p.startsWith(`${root}/`));
  const dir = last('dir') ?? '.';
  const nodesConf = last('cluster-config-file') ?? 'nodes.conf';
  const nodesConfPath = nodesConf.startsWith('/') ? nodesConf : `${dir.replace(/\/$/, '')}/${nodesConf}`;
  const errors: string[] = [];
  const mounts = volumeRoots.length > 0 ? volumeRoots.join(', ') : 'none';
  if (!onVolume(dir)) {
    errors.push(`redis.conf 'dir' is ${show(dir)}, which is not on a persistent volume (volume claims mounted at: ${mounts}): AOF and RDB files would be lost with the pod; keep dir at the data volume's mount path`);
  }
  if (!onVolume(nodesConfPath)) {
    errors.push(`redis.conf 'cluster-config-file' resolves to ${show(nodesConfPath)}, which is not on a persistent volume (volume claims mounted at: ${mounts}): a restarted pod would forget its node ID and rejoin as a stranger; keep nodes.conf on the data volume`);
  }
  return errors;
}

import { k8s } from 'cdk8s-plus-27';
import { ResolvedTls } from '../cluster/tls';

/** Name of the certificate volume in every pod that talks to Redis. */
export const TLS_VOLUME = 'tls';

/**
 * The env that tells the container scripts to speak TLS, and with which files: their `cli`
 * helpers add `--tls --cacert --cert --key` when REDIS_TLS is 1.
 */
export function tlsEnv(tls: ResolvedTls | undefined): k8s.EnvVar[] {
  if (!tls) {
    return [];
  }
  return [
    { name: 'REDIS_TLS', value: '1' },
    { name: 'REDIS_TLS_CERT_FILE', value: tls.certFile },
    { name: 'REDIS_TLS_KEY_FILE', value: tls.keyFile },
    { name: 'REDIS_TLS_CA_FILE', value: tls.caFile },
  ];
}

/**
 * The certificate Secret as a volume. Its files are root-owned; mode 0440 with the pod's fsGroup
 * (999, the redis group) lets Redis read the key and nobody else. Kubernetes updates the files in
 * place when the Secret changes, which is what the reload relies on (a subPath mount would never
 * be updated, so there is none).
 */
export function tlsVolume(tls: ResolvedTls): k8s.Volume {
  return {
    name: TLS_VOLUME,
    secret: { secretName: tls.secretName, items: tls.items.map((i) => ({ key: i.key, path: i.path })), defaultMode: 0o440 },
  };
}

export function tlsVolumeMount(tls: ResolvedTls): k8s.VolumeMount {
  return { name: TLS_VOLUME, mountPath: tls.mountPath, readOnly: true };
}

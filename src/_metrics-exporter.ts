import { k8s } from 'cdk8s-plus-27';
import { AuthSecretRef, containerSecurityContext } from './_pod-security';
import { tlsVolumeMount } from './_tls-pod';
import { ResolvedTls } from './tls';

export interface MetricsExporterOptions {
  readonly image: string;
  readonly port: number;
  readonly redisPort: number;
  readonly uid: number;
  readonly gid: number;
  readonly auth?: AuthSecretRef;
  /** With TLS: the certificate Secret, and the pods' domain (`<service>.<namespace>.svc.<domain>`). */
  readonly tls?: { readonly resolved: ResolvedTls; readonly podDomain: string };
}

/**
 * The redis_exporter sidecar: reads INFO from the Redis beside it and serves Prometheus metrics.
 *
 * @see https://github.com/oliver006/redis_exporter
 */
export function metricsExporterContainer(options: MetricsExporterOptions): k8s.Container {
  return {
    name: 'metrics',
    image: options.image,
    imagePullPolicy: 'IfNotPresent',
    env: [
      ...(options.tls
        ? [
          // The pod's own FQDN, which the kubelet writes into the pod's /etc/hosts and the
          // certificate covers: the exporter verifies the server's certificate like any client.
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'REDIS_ADDR', value: `rediss://$(POD_NAME).${options.tls.podDomain}:${options.redisPort}` },
          { name: 'REDIS_EXPORTER_TLS_CA_CERT_FILE', value: options.tls.resolved.caFile },
          { name: 'REDIS_EXPORTER_TLS_CLIENT_CERT_FILE', value: options.tls.resolved.certFile },
          { name: 'REDIS_EXPORTER_TLS_CLIENT_KEY_FILE', value: options.tls.resolved.keyFile },
        ]
        : [{ name: 'REDIS_ADDR', value: `redis://127.0.0.1:${options.redisPort}` }]),
      { name: 'REDIS_EXPORTER_WEB_LISTEN_ADDRESS', value: `:${options.port}` },
      ...(options.auth
        ? [{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: options.auth.secretName, key: options.auth.secretKey } } }]
        : []),
    ],
    ports: [{ name: 'metrics', containerPort: options.port, protocol: 'TCP' }],
    resources: {
      requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') },
      limits: { memory: k8s.Quantity.fromString('128Mi') },
    },
    securityContext: containerSecurityContext(options.uid, options.gid),
    ...(options.tls ? { volumeMounts: [tlsVolumeMount(options.tls.resolved)] } : {}),
    readinessProbe: { httpGet: { path: '/health', port: k8s.IntOrString.fromString('metrics') }, periodSeconds: 10 },
  };
}

import { k8s } from 'cdk8s-plus-27';
import { AuthSecretRef, containerSecurityContext } from './_pod-security';

export interface MetricsExporterOptions {
  readonly image: string;
  readonly port: number;
  readonly redisPort: number;
  readonly uid: number;
  readonly gid: number;
  readonly auth?: AuthSecretRef;
  /**
   * With ACL users: the exporter's user name (`auth` is then its password).
   * @default - the default user
   */
  readonly user?: string;
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
      { name: 'REDIS_ADDR', value: `redis://127.0.0.1:${options.redisPort}` },
      { name: 'REDIS_EXPORTER_WEB_LISTEN_ADDRESS', value: `:${options.port}` },
      ...(options.user ? [{ name: 'REDIS_USER', value: options.user }] : []),
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
    readinessProbe: { httpGet: { path: '/health', port: k8s.IntOrString.fromString('metrics') }, periodSeconds: 10 },
  };
}

import { k8s } from 'cdk8s-plus-27';
import { containerSecurityContext } from './_pod-security';
import { tlsVolumeMount } from './_tls-pod';
import { ClusterSpec } from '../cluster/cluster-spec';

/**
 * The redis_exporter sidecar: reads INFO from the Redis beside it and serves Prometheus metrics.
 *
 * @see https://github.com/oliver006/redis_exporter
 */
export function metricsExporterContainer(spec: ClusterSpec): k8s.Container {
  const { image, port } = spec.metrics!;
  const exporterUser = spec.users?.exporter;
  const password = exporterUser ?? spec.auth;
  return {
    name: 'metrics',
    image,
    imagePullPolicy: 'IfNotPresent',
    env: [
      ...(spec.tls
        ? [
          // The pod's own FQDN, which the kubelet writes into the pod's /etc/hosts and the
          // certificate covers: the exporter verifies the server's certificate like any client.
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'REDIS_ADDR', value: `rediss://$(POD_NAME).${spec.podDomain}:${spec.clientPort}` },
          { name: 'REDIS_EXPORTER_TLS_CA_CERT_FILE', value: spec.tls.caFile },
          { name: 'REDIS_EXPORTER_TLS_CLIENT_CERT_FILE', value: spec.tls.certFile },
          { name: 'REDIS_EXPORTER_TLS_CLIENT_KEY_FILE', value: spec.tls.keyFile },
        ]
        : [{ name: 'REDIS_ADDR', value: `redis://127.0.0.1:${spec.clientPort}` }]),
      { name: 'REDIS_EXPORTER_WEB_LISTEN_ADDRESS', value: `:${port}` },
      // With ACL users, the exporter connects as its own user, with that user's newest password.
      ...(exporterUser ? [{ name: 'REDIS_USER', value: exporterUser.name }] : []),
      ...(password
        ? [{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: password.secretName, key: password.secretKey } } }]
        : []),
    ],
    ports: [{ name: 'metrics', containerPort: port, protocol: 'TCP' }],
    resources: {
      requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') },
      limits: { memory: k8s.Quantity.fromString('128Mi') },
    },
    securityContext: containerSecurityContext(spec.layout.uid, spec.layout.gid),
    ...(spec.tls ? { volumeMounts: [tlsVolumeMount(spec.tls)] } : {}),
    readinessProbe: { httpGet: { path: '/health', port: k8s.IntOrString.fromString('metrics') }, periodSeconds: 10 },
  };
}

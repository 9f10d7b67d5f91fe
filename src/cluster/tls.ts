/**
 * TLS for client connections, replication and the cluster bus: the `tls` prop of RedisCluster and
 * its resolution into what the parts need (the Secret volume, the pods' env, the cert-manager
 * objects). The redis.conf directives it sets are in config/managed.ts.
 */
import { show, ValidationError } from '../_errors';
import { checkBoolean, checkDnsSubdomain, checkInteger, checkKnownKeys, checkPort, checkSecretKey } from '../_validate';

/** Certificates from a Secret you create (e.g. `kubectl create secret tls`, plus the CA). */
export interface TlsSecretSource {
  /**
   * Name of the Secret, of type `kubernetes.io/tls` (or Opaque), in the cluster's namespace. Its
   * certificate must be valid for every name in `RedisCluster.tlsDnsNames()`: each pod's FQDN (or
   * the headless Service wildcard) and the client Service names.
   */
  readonly secretName: string;
  /**
   * Key of the PEM certificate (chain) in the Secret.
   * @default 'tls.crt'
   */
  readonly certKey?: string;
  /**
   * Key of the PEM private key in the Secret.
   * @default 'tls.key'
   */
  readonly keyKey?: string;
  /**
   * Key of the PEM CA certificate(s) that nodes and clients trust, in the same Secret.
   * @default 'ca.crt'
   */
  readonly caKey?: string;
}

/** An existing cert-manager issuer. */
export interface CertManagerIssuerRef {
  readonly name: string;
  /**
   * @default 'Issuer' (in the cluster's namespace)
   */
  readonly kind?: 'Issuer' | 'ClusterIssuer';
  /**
   * @default 'cert-manager.io'
   */
  readonly group?: string;
}

/** Certificates issued and renewed by cert-manager, from a Certificate synthesized into dist/. */
export interface CertManagerSource {
  /**
   * The issuer that signs the certificate. Without it (and without caSecretName), a private CA is
   * synthesized: a SelfSigned Issuer, a CA Certificate it signs, and a CA Issuer from that CA.
   * @default - a private CA of the cluster's own
   * @see https://cert-manager.io/docs/configuration/
   */
  readonly issuerRef?: CertManagerIssuerRef;
  /**
   * A Secret holding your CA's `tls.crt` and `tls.key`: a CA Issuer for it is synthesized.
   * @default - see issuerRef
   * @see https://cert-manager.io/docs/configuration/ca/
   */
  readonly caSecretName?: string;
  /**
   * The Secret cert-manager writes the certificate, key and CA into.
   * @default '<statefulSetName>-tls'
   */
  readonly secretName?: string;
  /**
   * Lifetime of each certificate, a Go duration in hours, minutes, seconds.
   * @default '2160h' (90 days)
   */
  readonly duration?: string;
  /**
   * How long before expiry cert-manager renews it.
   * @default '360h' (15 days)
   */
  readonly renewBefore?: string;
  /**
   * Further DNS names the certificate covers. With externalServicePerPod, outside clients are
   * redirected to Kubernetes node addresses, so list the names (or, in ipAddresses, the addresses)
   * they use.
   * @default - none
   */
  readonly extraDnsNames?: readonly string[];
  /**
   * IP addresses the certificate covers (outside clients that connect to node addresses).
   * @default - none
   */
  readonly ipAddresses?: readonly string[];
}

/** The `tls` prop. */
export interface RedisTlsProps {
  /** Certificates from a Secret you create. Exactly one of `secret` and `certManager`. */
  readonly secret?: TlsSecretSource;
  /** Certificates from cert-manager. Exactly one of `secret` and `certManager`. */
  readonly certManager?: CertManagerSource;
  /**
   * Require clients to present a certificate signed by the CA (`tls-auth-clients yes`). The init
   * Job, the probes and the exporter present the pod's certificate, so it must allow client
   * authentication (the synthesized cert-manager Certificate does).
   * @default false
   * @see https://redis.io/docs/latest/operate/oss_and_stack/management/security/encryption/
   */
  readonly clientAuth?: boolean;
  /**
   * Keep a plain-text port open beside TLS, for a migration window in which clients move over.
   * Must differ from clientPort and busPort. Replication and the cluster bus use TLS regardless;
   * a plain-text client is redirected to the other nodes' plain-text ports, a TLS client to their
   * TLS ports. Not with externalServicePerPod.
   * @default - no plain-text port (`port 0`)
   */
  readonly plainTextPort?: number;
  /**
   * How often each node checks whether the mounted certificate files changed, and loads them
   * without a restart. Kubernetes itself takes up to about a minute to update a mounted Secret.
   * With `users`, one loop runs the ACL and the TLS passes, at the shorter of the two intervals
   * (the users' is 2 s).
   * @default 10
   */
  readonly reloadIntervalSeconds?: number;
}

/** Where the certificate Secret is mounted in every pod. */
export const TLS_MOUNT_PATH = '/etc/redis-tls';
/** File names inside the mount (the volume's `items` map the Secret's keys to them). */
export const TLS_FILES = { cert: 'tls.crt', key: 'tls.key', ca: 'ca.crt' } as const;

const TLS_DEFAULTS = {
  certKey: 'tls.crt',
  keyKey: 'tls.key',
  caKey: 'ca.crt',
  secretSuffix: '-tls',
  duration: '2160h',
  renewBefore: '360h',
  reloadIntervalSeconds: 10,
} as const;

/** The tls prop, resolved. */
export interface ResolvedTls {
  readonly secretName: string;
  /** Secret key → file name in the mount. */
  readonly items: ReadonlyArray<{ readonly key: string; readonly path: string }>;
  readonly mountPath: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly caFile: string;
  readonly clientAuth: boolean;
  readonly plainTextPort?: number;
  readonly reloadIntervalSeconds: number;
  /** With cert-manager: what to synthesize. */
  readonly certManager?: {
    /** Every name the nodes' Certificate covers: `tlsDnsNames()` and extraDnsNames. */
    readonly dnsNames: readonly string[];
    readonly issuerRef?: Required<CertManagerIssuerRef>;
    readonly caSecretName?: string;
    readonly duration: string;
    readonly renewBefore: string;
    readonly extraDnsNames: readonly string[];
    readonly ipAddresses: readonly string[];
  };
}

/** What the rest of the cluster's props decide about TLS. */
export interface TlsContext {
  readonly statefulSetName: string;
  readonly clientPort: number;
  readonly busPort: number;
  readonly metricsPort?: number;
  readonly externalServicePerPod: boolean;
  /**
   * The names a certificate must cover (`tlsDnsNames`).
   * @default - none
   */
  readonly dnsNames?: readonly string[];
}

/** What the names a certificate must cover are derived from. */
export interface TlsNameInputs {
  readonly namespace: string;
  readonly clusterDomain: string;
  /** `<headless service>.<namespace>.svc.<cluster domain>`. */
  readonly podDomain: string;
  readonly podFqdns: readonly string[];
  /** `metadata.name` of every NodePort Service. */
  readonly externalServiceNames: readonly string[];
}

/**
 * The DNS names a TLS certificate must be valid for: every pod's FQDN, the headless Service
 * wildcard (with and without the cluster domain), and the client Services' names in every form a
 * client may use. A cluster client verifies the name it is redirected to (a pod's FQDN, as the
 * nodes announce) as well as the one it was given.
 */
export function tlsDnsNames(inputs: TlsNameInputs): string[] {
  const { namespace, clusterDomain, podDomain } = inputs;
  const short = podDomain.slice(0, -(clusterDomain.length + 1));
  return [
    ...inputs.podFqdns,
    `*.${podDomain}`,
    `*.${short}`,
    ...inputs.externalServiceNames.flatMap((name) => [`${name}.${namespace}.svc.${clusterDomain}`, `${name}.${namespace}.svc`, `${name}.${namespace}`, name]),
  ];
}

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(h|m|s))+$/;

/** Applies the defaults of the tls prop and checks it. Pure. */
export function resolveTls(tls: RedisTlsProps, context: TlsContext): ResolvedTls {
  if (tls === null || typeof tls !== 'object' || Array.isArray(tls)) {
    throw new ValidationError(`tls must be an object, got ${show(tls)}: e.g. { certManager: {} } or { secret: { secretName: 'redis-tls' } }`);
  }
  checkKnownKeys('tls', tls, ['secret', 'certManager', 'clientAuth', 'plainTextPort', 'reloadIntervalSeconds']);
  if ((tls.secret === undefined) === (tls.certManager === undefined)) {
    throw new ValidationError(`tls needs exactly one certificate source, got ${tls.secret === undefined ? 'neither' : 'both'} of secret and certManager: `
      + "set tls.certManager: {} to have cert-manager issue them, or tls.secret: { secretName: '...' } for a Secret you create");
  }
  const clientAuth = tls.clientAuth ?? false;
  checkBoolean('tls.clientAuth', clientAuth);
  const reloadIntervalSeconds = tls.reloadIntervalSeconds ?? TLS_DEFAULTS.reloadIntervalSeconds;
  checkInteger('tls.reloadIntervalSeconds', reloadIntervalSeconds, { min: 1, max: 3600, reason: 'how often each node looks at its certificate files' },
    `set it to e.g. ${TLS_DEFAULTS.reloadIntervalSeconds}`);
  if (tls.plainTextPort !== undefined) {
    checkPort('tls.plainTextPort', tls.plainTextPort);
    if (context.externalServicePerPod) {
      throw new ValidationError(`tls.plainTextPort is ${tls.plainTextPort}, but with externalServicePerPod the nodes announce only their TLS node ports, so outside plain-text clients would be redirected to a port they cannot reach: `
        + 'migrate outside clients with externalServicePerPod off, or remove tls.plainTextPort');
    }
    const taken: Array<[string, number | undefined]> = [['clientPort', context.clientPort], ['busPort', context.busPort], ['metricsPort', context.metricsPort]];
    for (const [field, port] of taken) {
      if (tls.plainTextPort === port) {
        throw new ValidationError(`tls.plainTextPort must differ from ${field}, both are ${port}: with tls, clientPort speaks TLS; pick another port for plain text, e.g. ${context.clientPort + 1}`);
      }
    }
  }

  let secretName: string;
  let keys: { cert: string; key: string; ca: string };
  let certManager: ResolvedTls['certManager'];
  if (tls.secret !== undefined) {
    const source = tls.secret;
    if (source === null || typeof source !== 'object') {
      throw new ValidationError(`tls.secret must be an object, got ${show(source)}: e.g. { secretName: 'redis-tls' }`);
    }
    checkKnownKeys('tls.secret', source, ['secretName', 'certKey', 'keyKey', 'caKey']);
    secretName = checkDnsSubdomain('tls.secret.secretName', source.secretName, 'it names a Secret');
    keys = {
      cert: checkSecretKey('tls.secret.certKey', source.certKey ?? TLS_DEFAULTS.certKey),
      key: checkSecretKey('tls.secret.keyKey', source.keyKey ?? TLS_DEFAULTS.keyKey),
      ca: checkSecretKey('tls.secret.caKey', source.caKey ?? TLS_DEFAULTS.caKey),
    };
    const distinct = new Set(Object.values(keys));
    if (distinct.size !== 3) {
      throw new ValidationError(`tls.secret's certKey, keyKey and caKey must name three different keys, got ${show(keys)}: the certificate, the key and the CA are three files`);
    }
  } else {
    const source = tls.certManager!;
    if (source === null || typeof source !== 'object') {
      throw new ValidationError(`tls.certManager must be an object, got ${show(source)}: e.g. {} for a private CA, or { issuerRef: { name: 'my-issuer', kind: 'ClusterIssuer' } }`);
    }
    checkKnownKeys('tls.certManager', source, ['issuerRef', 'caSecretName', 'secretName', 'duration', 'renewBefore', 'extraDnsNames', 'ipAddresses']);
    secretName = checkDnsSubdomain('tls.certManager.secretName', source.secretName ?? `${context.statefulSetName}${TLS_DEFAULTS.secretSuffix}`, 'it names a Secret');
    keys = { cert: 'tls.crt', key: 'tls.key', ca: 'ca.crt' };
    if (source.issuerRef !== undefined && source.caSecretName !== undefined) {
      throw new ValidationError('tls.certManager sets both issuerRef and caSecretName: use issuerRef for an issuer that exists, or caSecretName to have a CA Issuer synthesized for your CA, not both');
    }
    let issuerRef: Required<CertManagerIssuerRef> | undefined;
    if (source.issuerRef !== undefined) {
      checkKnownKeys('tls.certManager.issuerRef', source.issuerRef, ['name', 'kind', 'group']);
      const kind = source.issuerRef.kind ?? 'Issuer';
      if (kind !== 'Issuer' && kind !== 'ClusterIssuer') {
        throw new ValidationError(`tls.certManager.issuerRef.kind must be 'Issuer' or 'ClusterIssuer', got ${show(kind)}: e.g. 'ClusterIssuer'`);
      }
      issuerRef = {
        name: checkDnsSubdomain('tls.certManager.issuerRef.name', source.issuerRef.name, 'it names an Issuer or ClusterIssuer'),
        kind,
        group: checkDnsSubdomain('tls.certManager.issuerRef.group', source.issuerRef.group ?? 'cert-manager.io', 'it is an API group'),
      };
    }
    const caSecretName = source.caSecretName === undefined ? undefined : checkDnsSubdomain('tls.certManager.caSecretName', source.caSecretName, 'it names a Secret');
    if (caSecretName === secretName) {
      throw new ValidationError(`tls.certManager.caSecretName and secretName must differ, both are ${show(secretName)}: cert-manager would overwrite your CA with the certificate it issues`);
    }
    const duration = source.duration ?? TLS_DEFAULTS.duration;
    const renewBefore = source.renewBefore ?? TLS_DEFAULTS.renewBefore;
    for (const [field, value] of [['duration', duration], ['renewBefore', renewBefore]] as const) {
      if (typeof value !== 'string' || !GO_DURATION.test(value)) {
        throw new ValidationError(`tls.certManager.${field} must be a duration in hours, minutes or seconds, got ${show(value)}: e.g. '2160h' (cert-manager reads Go durations, without days)`);
      }
    }
    if (hours(renewBefore) >= hours(duration)) {
      throw new ValidationError(`tls.certManager.renewBefore (${renewBefore}) must be shorter than duration (${duration}): cert-manager would renew the certificate as soon as it is issued; e.g. renewBefore '${Math.max(1, Math.floor(hours(duration) / 6))}h'`);
    }
    const extraDnsNames = stringList('tls.certManager.extraDnsNames', source.extraDnsNames ?? []);
    extraDnsNames.forEach((name, i) => {
      if (!/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
        throw new ValidationError(`tls.certManager.extraDnsNames[${i}] must be a lower-case DNS name (optionally starting with '*.'), got ${show(name)}: e.g. 'redis.example.com'`);
      }
    });
    const ipAddresses = stringList('tls.certManager.ipAddresses', source.ipAddresses ?? []);
    ipAddresses.forEach((ip, i) => {
      if (!isIpAddress(ip)) {
        throw new ValidationError(`tls.certManager.ipAddresses[${i}] must be an IPv4 or IPv6 address, got ${show(ip)}: e.g. '192.0.2.10'`);
      }
    });
    if (context.externalServicePerPod && extraDnsNames.length === 0 && ipAddresses.length === 0) {
      throw new ValidationError('tls with externalServicePerPod: outside clients are redirected to Kubernetes node addresses, '
        + 'which the certificate would not cover, so they would fail hostname verification: '
        + 'list those addresses in tls.certManager.ipAddresses (or their names in extraDnsNames)');
    }
    certManager = {
      dnsNames: [...(context.dnsNames ?? []), ...extraDnsNames], issuerRef, caSecretName, duration, renewBefore, extraDnsNames, ipAddresses,
    };
  }

  const file = (name: string) => `${TLS_MOUNT_PATH}/${name}`;
  return {
    secretName,
    items: [{ key: keys.cert, path: TLS_FILES.cert }, { key: keys.key, path: TLS_FILES.key }, { key: keys.ca, path: TLS_FILES.ca }],
    mountPath: TLS_MOUNT_PATH,
    certFile: file(TLS_FILES.cert),
    keyFile: file(TLS_FILES.key),
    caFile: file(TLS_FILES.ca),
    clientAuth,
    plainTextPort: tls.plainTextPort,
    reloadIntervalSeconds,
    certManager,
  };
}

function stringList(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ValidationError(`${field} must be an array of strings, got ${show(value)}`);
  }
  return [...value];
}

function hours(duration: string): number {
  let total = 0;
  for (const [, n, , unit] of duration.matchAll(/([0-9]+(\.[0-9]+)?)(h|m|s)/g)) {
    total += Number(n) / (unit === 'h' ? 1 : unit === 'm' ? 60 : 3600);
  }
  return total;
}

function isIpAddress(value: string): boolean {
  const v4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
  return v4.test(value) || (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value));
}

import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** The part of cert-manager's Certificate spec that we use. */
export interface CertificateSpec {
  readonly secretName: string;
  readonly commonName?: string;
  readonly dnsNames?: string[];
  readonly ipAddresses?: string[];
  readonly isCA?: boolean;
  readonly duration: string;
  readonly renewBefore: string;
  readonly usages: string[];
  readonly privateKey: { readonly algorithm: 'ECDSA' | 'RSA'; readonly size: number; readonly rotationPolicy: 'Always' | 'Never' };
  readonly issuerRef: { readonly name: string; readonly kind: string; readonly group: string };
}

export interface CertManagerCertificateProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** The Secret cert-manager writes `tls.crt`, `tls.key` and `ca.crt` into. */
  readonly secretName: string;
  /**
   * Names the certificate is valid for.
   * @default - none (a CA certificate)
   */
  readonly dnsNames?: readonly string[];
  /**
   * Addresses the certificate is valid for.
   * @default - none
   */
  readonly ipAddresses?: readonly string[];
  /**
   * Common name, for a CA certificate (a leaf certificate needs none: clients check dnsNames).
   * @default - none
   */
  readonly commonName?: string;
  /**
   * Whether this is a CA certificate, which signs others.
   * @default false
   */
  readonly isCA?: boolean;
  /** Lifetime, a Go duration (e.g. '2160h'). */
  readonly duration: string;
  /** How long before expiry cert-manager renews it. */
  readonly renewBefore: string;
  readonly issuerRef: { readonly name: string; readonly kind: string; readonly group: string };
}

/**
 * A cert-manager Certificate (cert-manager.io/v1): cert-manager issues it into a Secret and
 * renews it before it expires, writing the new files into the same Secret, which the pods mount.
 *
 * A typed object of ours: the CRD's classes cannot be imported here, so the fields we set are
 * modelled by CertificateSpec. A leaf certificate is for both server and client authentication:
 * the nodes present it to each other (replication, cluster bus) and to Redis as clients.
 *
 * @see https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.Certificate
 */
export class CertManagerCertificate extends Construct {
  public static readonly API_VERSION = 'cert-manager.io/v1';
  public static readonly KIND = 'Certificate';
  public readonly apiObject: ApiObject;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: CertManagerCertificateProps) {
    super(scope, id);
    this.name = props.name;
    const isCA = props.isCA ?? false;
    const spec: CertificateSpec = {
      secretName: props.secretName,
      commonName: props.commonName,
      dnsNames: props.dnsNames && props.dnsNames.length > 0 ? [...props.dnsNames] : undefined,
      ipAddresses: props.ipAddresses && props.ipAddresses.length > 0 ? [...props.ipAddresses] : undefined,
      isCA: isCA ? true : undefined,
      duration: props.duration,
      renewBefore: props.renewBefore,
      usages: isCA ? ['cert sign', 'crl sign', 'digital signature'] : ['server auth', 'client auth', 'digital signature', 'key encipherment'],
      // A new key at every renewal: a leaked key stops working at the next rotation.
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      issuerRef: props.issuerRef,
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: CertManagerCertificate.API_VERSION,
      kind: CertManagerCertificate.KIND,
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      spec,
    });
  }
}

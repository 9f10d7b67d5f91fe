import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** The part of cert-manager's Issuer spec that we use: self-signed, or a CA from a Secret. */
export type IssuerSpec = { readonly selfSigned: Record<string, never> } | { readonly ca: { readonly secretName: string } };

export interface CertManagerIssuerProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /**
   * The Secret holding the CA's `tls.crt` and `tls.key`, for a CA Issuer.
   * @default - a SelfSigned Issuer
   */
  readonly caSecretName?: string;
}

/**
 * A cert-manager Issuer (cert-manager.io/v1) in the cluster's namespace: SelfSigned (it signs the
 * private CA's certificate with its own key) or CA (it signs with a CA key pair from a Secret).
 *
 * @see https://cert-manager.io/docs/configuration/ca/
 * @see https://cert-manager.io/docs/configuration/selfsigned/
 */
export class CertManagerIssuer extends Construct {
  public static readonly API_VERSION = 'cert-manager.io/v1';
  public static readonly KIND = 'Issuer';
  public readonly apiObject: ApiObject;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: CertManagerIssuerProps) {
    super(scope, id);
    this.name = props.name;
    const spec: IssuerSpec = props.caSecretName !== undefined ? { ca: { secretName: props.caSecretName } } : { selfSigned: {} };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: CertManagerIssuer.API_VERSION,
      kind: CertManagerIssuer.KIND,
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      spec,
    });
  }
}

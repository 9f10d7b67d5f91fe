import { Construct } from 'constructs';
import { CertManagerCertificate } from './certificate';
import { CertManagerIssuer } from './issuer';
import { ClusterSpec } from '../cluster/cluster-spec';
import { DEFAULTS } from '../cluster/defaults';

/**
 * The cert-manager objects of a cluster whose certificates come from cert-manager
 * (`spec.tls.certManager`): the nodes' Certificate and, unless an issuer is given, the Issuers
 * that sign it (a CA Issuer from your CA Secret, or a private CA: a SelfSigned Issuer, the CA
 * Certificate it signs, and a CA Issuer from that CA).
 */
export class TlsCertificates extends Construct {
  /** The nodes' Certificate. */
  public readonly certificate: CertManagerCertificate;
  /** The Issuers synthesized for a private CA or caSecretName; none with issuerRef. */
  public readonly issuers: CertManagerIssuer[] = [];
  /** With a private CA: its Certificate. */
  public readonly caCertificate?: CertManagerCertificate;

  public constructor(scope: Construct, id: string, { spec }: { readonly spec: ClusterSpec }) {
    super(scope, id);
    const tls = spec.tls!;
    const certManager = tls.certManager!;
    const base = spec.names.statefulSet;
    const { namespace } = spec;
    const labels = spec.labels.common;
    let issuerRef = certManager.issuerRef;
    if (!issuerRef) {
      let caSecretName = certManager.caSecretName;
      if (caSecretName === undefined) {
        // A private CA: a SelfSigned Issuer signs the CA certificate, a CA Issuer signs with it.
        caSecretName = `${base}-ca`;
        const selfSigned = new CertManagerIssuer(this, 'SelfSignedIssuer', { name: `${base}-selfsigned`, namespace, labels });
        this.issuers.push(selfSigned);
        this.caCertificate = new CertManagerCertificate(this, 'CaCertificate', {
          name: `${base}-ca`,
          namespace,
          labels,
          secretName: caSecretName,
          commonName: `${base} CA`,
          isCA: true,
          duration: DEFAULTS.tlsCaDuration,
          renewBefore: DEFAULTS.tlsCaRenewBefore,
          issuerRef: { name: selfSigned.name, kind: CertManagerIssuer.KIND, group: 'cert-manager.io' },
        });
      }
      const ca = new CertManagerIssuer(this, 'CaIssuer', { name: `${base}-ca`, namespace, labels, caSecretName });
      this.issuers.push(ca);
      issuerRef = { name: ca.name, kind: CertManagerIssuer.KIND, group: 'cert-manager.io' };
    }
    this.certificate = new CertManagerCertificate(this, 'Certificate', {
      name: base,
      namespace,
      labels,
      secretName: tls.secretName,
      dnsNames: certManager.dnsNames,
      ipAddresses: certManager.ipAddresses,
      duration: certManager.duration,
      renewBefore: certManager.renewBefore,
      issuerRef,
    });
  }
}

/**
 * A CA and certificates made with the machine's `openssl`, for tests that run Redis with TLS:
 * what an operator (or cert-manager) would put into the certificate Secret.
 */
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A certificate and its key, in PEM. */
export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

export interface CertificateOptions {
  /** subjectAltName DNS entries. */
  readonly dnsNames?: readonly string[];
  /** subjectAltName IP entries. */
  readonly ipAddresses?: readonly string[];
  /** @default 'redis' */
  readonly commonName?: string;
  /** @default 2 */
  readonly days?: number;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
}

function inTempDir<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-certs-'));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A new self-signed CA (ECDSA P-256). */
export function makeCa(commonName = 'redis-cluster test CA'): KeyPair {
  return inTempDir((dir) => {
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', `/CN=${commonName}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    return { cert: fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8'), key: fs.readFileSync(path.join(dir, 'ca.key'), 'utf8') };
  });
}

/** A certificate for server and client authentication, signed by `ca`. */
export function issueCertificate(ca: KeyPair, options: CertificateOptions = {}): KeyPair {
  return inTempDir((dir) => {
    fs.writeFileSync(path.join(dir, 'ca.crt'), ca.cert);
    fs.writeFileSync(path.join(dir, 'ca.key'), ca.key);
    const san = [...(options.dnsNames ?? []).map((n) => `DNS:${n}`), ...(options.ipAddresses ?? []).map((a) => `IP:${a}`)];
    fs.writeFileSync(path.join(dir, 'ext.cnf'), [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      ...(san.length > 0 ? [`subjectAltName=${san.join(',')}`] : []),
      '',
    ].join('\n'));
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', `/CN=${options.commonName ?? 'redis'}`], dir);
    openssl(['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', `0x${randomBytes(8).toString('hex')}`,
      '-days', String(options.days ?? 2), '-extfile', 'ext.cnf', '-out', 'tls.crt'], dir);
    return { cert: fs.readFileSync(path.join(dir, 'tls.crt'), 'utf8'), key: fs.readFileSync(path.join(dir, 'tls.key'), 'utf8') };
  });
}

/** The certificate Secret as `kubectl create secret tls` plus the CA (or cert-manager) makes it. */
export function tlsSecretData(pair: KeyPair, ca: KeyPair): Record<string, string> {
  return { 'tls.crt': pair.cert, 'tls.key': pair.key, 'ca.crt': ca.cert };
}

/** The SHA-256 fingerprint of a PEM certificate, as Node's `tls` reports `fingerprint256`. */
export function fingerprint256(pem: string): string {
  return inTempDir((dir) => {
    fs.writeFileSync(path.join(dir, 'c.pem'), pem);
    const out = execFileSync('openssl', ['x509', '-in', 'c.pem', '-noout', '-fingerprint', '-sha256'], { cwd: dir, encoding: 'utf8' });
    return out.trim().replace(/^.*=/, '');
  });
}

/**
 * Checks of single props, shared by the constructs. Each throws a ValidationError that names the
 * field, the value received, what is allowed and the fix.
 */
import { likelyMeant, show, ValidationError } from './_errors';
import { parseQuantity } from './_quantity';

/** A DNS-1123 label: what namespaces, pod hostnames and most object names must be. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1035 label: what Service names must be (a letter first). */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const MAX_LABEL_LENGTH = 63;
export const MAX_SUBDOMAIN_LENGTH = 253;

/**
 * Throws unless `value` is an integer in [min, max]; returns it.
 * @param reason why the bounds are what they are, e.g. 'Redis Cluster needs 3 masters'
 */
export function checkInteger(field: string, value: unknown, range: { min: number; max?: number; reason?: string }, fix: string): number {
  const { min, max, reason } = range;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    const allowed = max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
    // '6' from JSON, YAML or an environment variable: the fix is the type, not the value.
    const numeric = typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : undefined;
    const inRange = numeric !== undefined && Number.isInteger(numeric) && numeric >= min && (max === undefined || numeric <= max);
    const typeFix = numeric === undefined ? undefined
      : `write it as a number, not a string: ${field}: ${inRange ? numeric : '<number>'}${inRange ? '' : ` (and ${fix.replace(/^set /, 'set it ')})`}`;
    throw new ValidationError(`${field} must be ${allowed}${reason ? ` (${reason})` : ''}, got ${show(value)}${numeric !== undefined ? ' (a string)' : ''}: ${typeFix ?? fix}`);
  }
  return value;
}

/** Throws unless `value` is a boolean. */
export function checkBoolean(field: string, value: unknown): void {
  if (typeof value !== 'boolean') {
    throw new ValidationError(`${field} must be true or false, got ${show(value)}: use a boolean, not a string`);
  }
}

/** Throws unless `value` is a TCP port number; returns it. */
export function checkPort(field: string, value: unknown): number {
  return checkInteger(field, value, { min: 1, max: 65535, reason: 'a TCP port' }, `set ${field} to a port number such as 6379`);
}

function nameProblem(value: string, maxLength: number): string | undefined {
  if (value.length === 0) return 'it is empty';
  if (value.length > maxLength) return `it is ${value.length} characters long, more than ${maxLength}`;
  if (/[A-Z]/.test(value)) return 'it has upper-case letters';
  if (/^-|-$/.test(value)) return 'it starts or ends with "-"';
  return undefined;
}

/**
 * Throws unless `value` is a DNS-1123 label (lower-case letters, digits and '-', starting and
 * ending with a letter or digit, at most 63 characters).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
 */
export function checkDnsLabel(field: string, value: unknown, purpose: string): string {
  if (typeof value !== 'string' || !DNS_LABEL.test(value) || value.length > MAX_LABEL_LENGTH) {
    const why = typeof value === 'string' ? nameProblem(value, MAX_LABEL_LENGTH) : undefined;
    throw new ValidationError(`${field} must be a DNS-1123 label (${purpose}): at most ${MAX_LABEL_LENGTH} lower-case letters, digits and '-', starting and ending with a letter or digit; got ${show(value)}${why ? ` (${why})` : ''}: rename it, e.g. ${show(suggestName(value))}`);
  }
  return value;
}

/**
 * Throws unless `value` is a DNS-1035 label, as Service names must be: a DNS-1123 label that
 * starts with a letter.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#rfc-1035-label-names
 */
export function checkServiceName(field: string, value: unknown): string {
  if (typeof value !== 'string' || !DNS_1035_LABEL.test(value) || value.length > MAX_LABEL_LENGTH) {
    const why = typeof value === 'string' ? nameProblem(value, MAX_LABEL_LENGTH) ?? (/^[0-9]/.test(value) ? 'it starts with a digit' : undefined) : undefined;
    throw new ValidationError(`${field} must be a DNS-1035 label (it names a Service, part of every pod's DNS name): at most ${MAX_LABEL_LENGTH} lower-case letters, digits and '-', starting with a letter and ending with a letter or digit; got ${show(value)}${why ? ` (${why})` : ''}: rename it, e.g. ${show(suggestName(value, true))}`);
  }
  return value;
}

/**
 * Throws unless `value` is a DNS-1123 subdomain: dot-separated parts of lower-case letters, digits
 * and '-', at most 253 characters. With `dnsName`, each part is also limited to 63 characters, as
 * in a name that DNS resolves (Kubernetes object names have no such limit).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names
 */
export function checkDnsSubdomain(field: string, value: unknown, purpose: string, dnsName = false): string {
  const ok = typeof value === 'string' && value.length <= MAX_SUBDOMAIN_LENGTH
    && value.split('.').every((label) => DNS_LABEL.test(label) && (!dnsName || label.length <= MAX_LABEL_LENGTH));
  if (!ok) {
    const why = typeof value === 'string' ? nameProblem(value, MAX_SUBDOMAIN_LENGTH)
      ?? (/\.\.|^\.|\.$/.test(value) ? 'it has an empty part between dots' : undefined)
      ?? (value.split('.').some((label) => label.length > MAX_LABEL_LENGTH) ? `a part between dots is longer than ${MAX_LABEL_LENGTH} characters` : undefined)
      : undefined;
    const partLimit = dnsName ? `, each at most ${MAX_LABEL_LENGTH} characters` : '';
    throw new ValidationError(`${field} must be a DNS-1123 subdomain (${purpose}): dot-separated parts of lower-case letters, digits and '-', each starting and ending with a letter or digit${partLimit}, at most ${MAX_SUBDOMAIN_LENGTH} characters in all; got ${show(value)}${why ? ` (${why})` : ''}: rename it, e.g. ${show(suggestName(value, false, true))}`);
  }
  return value;
}

/** A valid name close to what the user wrote, for the fix part of a message. */
function suggestName(value: unknown, letterFirst = false, dots = false): string {
  let s = (typeof value === 'string' ? value : String(value)).toLowerCase()
    .replace(dots ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
    .replace(/\.{2,}/g, '.').replace(/-{2,}/g, '-')
    .replace(/(^|\.)[-.]+/g, '$1').replace(/[-.]+($|\.)/g, '$1');
  s = s.slice(0, dots ? MAX_SUBDOMAIN_LENGTH : MAX_LABEL_LENGTH).replace(/[-.]+$/, '');
  if (letterFirst && !/^[a-z]/.test(s)) s = `r-${s}`.slice(0, MAX_LABEL_LENGTH).replace(/-+$/, '');
  return s === '' || s === 'r' ? 'redis' : s;
}

/** What a Kubernetes quantity measures, and so which suffixes make sense. */
export type QuantityKind = 'cpu' | 'memory' | 'storage';

/**
 * Throws unless `value` is a positive Kubernetes quantity that fits `kind`; returns it in base
 * units (cores or bytes).
 */
export function checkQuantity(field: string, value: unknown, kind: QuantityKind): number {
  const example = kind === 'cpu' ? "'500m' or '2'" : kind === 'memory' ? "'512Mi' or '2Gi'" : "'1Gi' or '200M'";
  const q = typeof value === 'string' ? parseQuantity(value) : undefined;
  if (!q) {
    const hint = typeof value === 'string' && /^\d+(\.\d+)?\s*[KMGTPE]?B$/i.test(value)
      ? ` (Kubernetes writes bytes without 'B': ${value.replace(/\s*([KMGTPE])B$/i, (_, u: string) => `${u.toUpperCase()}i`).replace(/\s*B$/i, '')} for the binary unit)`
      : '';
    throw new ValidationError(`${field} must be a Kubernetes quantity such as ${example}, got ${show(value)}${hint}: write a number with an optional suffix (Ki, Mi, Gi, Ti, or k, M, G, T${kind === 'cpu' ? ', or m for millicores' : ''})`);
  }
  if (q.value <= 0) {
    throw new ValidationError(`${field} must be greater than zero, got ${show(value)}: use a positive quantity such as ${example}`);
  }
  if (kind !== 'cpu' && ['m', 'u', 'n'].includes(q.suffix)) {
    throw new ValidationError(`${field} is ${show(value)}, which is ${q.value} bytes ('${q.suffix}' means ${q.suffix === 'm' ? 'thousandths' : 'millionths or less'}): write ${show(String(value).replace(/[mun]$/, 'Mi'))} for mebibytes or ${show(String(value).replace(/[mun]$/, 'M'))} for megabytes`);
  }
  if (kind !== 'cpu' && !Number.isInteger(q.value)) {
    throw new ValidationError(`${field} must be a whole number of bytes, got ${show(value)} (${q.value} bytes): use a smaller unit, e.g. Mi instead of fractional Gi`);
  }
  return q.value;
}

/** The parts of a container image reference that validation needs. */
export interface ImageReference {
  /** Repository without registry and tag, e.g. `library/redis` or `bitnami/redis`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const IMAGE_PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;
/**
 * A tag that names one release: major.minor.patch (with an optional `v`), then optionally a
 * variant such as `-bookworm` or `-alpine3.21`. Publishers move every shorter tag (`7`, `7.2`,
 * `7.2-bookworm`, `alpine`) to each new release.
 */
const FULL_VERSION_TAG = /^v?\d+\.\d+\.\d+(?:[-_+.][A-Za-z0-9_.-]*)?$/;

/** What `checkImage` accepts beyond a full-version tag or a digest. */
export interface ImagePinning {
  /**
   * Accept a tag that moves (`7.2`, `alpine`), and name the opt-out prop in the message.
   * @default - refuse it
   */
  readonly allowMovingTag?: boolean;
  /** The prop that opts out, for the message, e.g. 'allowMovingImageTags'. */
  readonly optOut: string;
  /**
   * A pinned image for the messages' fixes.
   * @default 'valkey/valkey:8.1.1-bookworm'
   */
  readonly example?: string;
}

/**
 * The full-version tag a moving tag stands for, with placeholders for what it leaves out:
 * `7.2-bookworm` → `7.2.<patch>-bookworm`, `alpine` → `<major.minor.patch>-alpine`, `v1` → `v1.<minor>.<patch>`,
 * a date (`2024-11`) → `<major.minor.patch>`.
 */
export function fullTagFor(tag: string): string {
  const m = /^(v?)(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:[-_+.][A-Za-z0-9_.-]*)?)$/.exec(tag);
  if (!m) {
    return `<major.minor.patch>-${tag}`;
  }
  const [, v, major, minor, patch, variant] = m;
  if (minor === undefined && major.length >= 4) {
    return '<major.minor.patch>'; // a date such as 2024-11, not a version
  }
  return `${v}${major}.${minor ?? '<minor>'}.${patch ?? '<patch>'}${variant}`;
}

/**
 * Throws unless `value` is an image reference pinned to a full-version tag (major.minor.patch,
 * with an optional variant) or to a digest; `pinning` may let a moving tag through, never `latest`
 * or no tag at all.
 * @see https://github.com/distribution/reference/blob/main/reference.go
 */
export function checkImage(field: string, value: unknown, pinning: ImagePinning): ImageReference {
  const example = pinning.example ?? 'valkey/valkey:8.1.1-bookworm';
  const fix = `pin it to a release, e.g. '${example}', or to a digest '${example.replace(/:[^:/]*$/, '')}@sha256:<64 hex digits>'`;
  if (typeof value !== 'string' || value.trim() !== value || value === '') {
    throw new ValidationError(`${field} must be an image reference such as '${example}', got ${show(value)}: ${fix}`);
  }
  const [nameAndTag, digest, ...more] = value.split('@');
  if (more.length > 0 || (digest !== undefined && !IMAGE_DIGEST.test(digest))) {
    throw new ValidationError(`${field} has a malformed digest, got ${show(value)}: a digest is '@sha256:' and 64 lower-case hex digits; ${fix}`);
  }
  const slash = nameAndTag.lastIndexOf('/');
  const lastColon = nameAndTag.lastIndexOf(':');
  const tag = lastColon > slash ? nameAndTag.slice(lastColon + 1) : undefined;
  const name = tag === undefined ? nameAndTag : nameAndTag.slice(0, lastColon);
  const parts = name.split('/');
  // The first part is a registry host when it has a '.' or ':' or is 'localhost'.
  const path = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]) ? parts.slice(1) : parts;
  if (path.length === 0 || !path.every((p) => IMAGE_PATH_COMPONENT.test(p))) {
    throw new ValidationError(`${field} is not a valid image reference, got ${show(value)}: repository names are lower-case letters, digits and separators ('.', '_', '-', '/'); ${fix}`);
  }
  if (tag !== undefined && !IMAGE_TAG.test(tag)) {
    throw new ValidationError(`${field} has an invalid tag ${show(tag)}, got ${show(value)}: a tag is up to 128 letters, digits, '_', '.' and '-'; ${fix}`);
  }
  if (digest === undefined && tag === undefined) {
    throw new ValidationError(`${field} must be pinned to a tag or digest, got ${show(value)} (no tag means 'latest', which changes under a running cluster): ${fix}`);
  }
  if (digest === undefined && tag === 'latest') {
    throw new ValidationError(`${field} must not use the 'latest' tag, got ${show(value)} (it changes under a running cluster, and pods restarted later run another version): ${fix}`);
  }
  if (digest === undefined && tag !== undefined && !FULL_VERSION_TAG.test(tag) && !pinning.allowMovingTag) {
    throw new ValidationError(`${field} must be pinned to a full version (major.minor.patch, optionally with a variant such as '-bookworm') or to a digest, got ${show(value)}: `
      + `the publisher moves the tag ${show(tag)} to each new release, so pods restarted later (a rescheduled pod, a rolling update) would run another version than the others, unannounced: `
      + `pin it to '${name}:${fullTagFor(tag)}' (the release you mean, from the image's tag list), or to a digest '${name}@sha256:<64 hex digits>', or set ${pinning.optOut} to true to accept that risk`);
  }
  return { repository: path.join('/'), tag, digest };
}

/**
 * Throws when `obj` has a key that is not in `known` (a typo in props that come from JSON or
 * YAML, where the compiler cannot see them).
 */
export function checkKnownKeys(what: string, obj: object, known: readonly string[]): void {
  const problems = unknownKeys(what, obj, known);
  if (problems.length > 0) {
    throw new ValidationError(problems.join('\n'));
  }
}

/**
 * One line per key of `obj` that is not in `known`: the likely meant name when one is close
 * (`replicas` -> `replicasPerShard`), else where the names are listed, never the whole list.
 */
export function unknownKeys(what: string, obj: object, known: readonly string[]): string[] {
  return Object.keys(obj).filter((key) => !known.includes(key)).map((key) => {
    const guess = likelyMeant(key, known);
    return guess
      ? `${what} has no property ${show(key)} (did you mean ${show(guess)}?): rename it to ${show(guess)}`
      : `${what} has no property ${show(key)}: remove it${known.length <= 8 ? `; the properties are ${known.join(', ')}` : ` (its ${known.length} properties are documented in ${what}Props)`}`;
  });
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/**
 * Throws unless `labels` is a map of valid Kubernetes label keys (optional DNS-subdomain prefix,
 * name of at most 63 characters) to valid values (at most 63 characters).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
export function checkLabels(field: string, labels: unknown, options: { nonEmpty?: string } = {}): Record<string, string> {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
    throw new ValidationError(`${field} must be a map of label keys to values, got ${show(labels)}: e.g. { role: 'api' }`);
  }
  const entries = Object.entries(labels);
  if (options.nonEmpty && entries.length === 0) {
    throw new ValidationError(`${field} must not be empty: ${options.nonEmpty}`);
  }
  for (const [key, value] of entries) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = key.slice(slash + 1);
    if (prefix !== undefined) {
      checkDnsSubdomain(`${field} key ${show(key)} prefix`, prefix, 'a label key prefix');
    }
    if (!LABEL_NAME.test(name) || name.length > MAX_LABEL_LENGTH) {
      throw new ValidationError(`${field} key ${show(key)} is not a valid label key: the name part must be at most ${MAX_LABEL_LENGTH} letters, digits, '-', '_' or '.', starting and ending with a letter or digit: rename it`);
    }
    if (typeof value !== 'string' || !LABEL_VALUE.test(value) || value.length > MAX_LABEL_LENGTH) {
      throw new ValidationError(`${field}[${show(key)}] must be a label value (a string of at most ${MAX_LABEL_LENGTH} letters, digits, '-', '_' or '.', starting and ending with a letter or digit), got ${show(value)}: e.g. 'true'`);
    }
  }
  return labels as Record<string, string>;
}

/** Throws unless `value` is an IPv4 or IPv6 CIDR such as '10.0.0.0/8'. */
export function checkCidr(field: string, value: unknown): string {
  const v4 = typeof value === 'string' && /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (v4 && v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32) {
    return value as string;
  }
  const v6 = typeof value === 'string' && /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(value);
  if (v6 && v6[1].includes(':') && Number(v6[2]) <= 128) {
    return value as string;
  }
  throw new ValidationError(`${field} must be a CIDR such as '10.0.0.0/8', got ${show(value)}: write the network with its prefix length`);
}

/** Throws unless `value` is a Prometheus duration such as '30s' or '1m'. */
export function checkDuration(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^([0-9]+(ms|s|m|h|d|w|y))+$/.test(value)) {
    throw new ValidationError(`${field} must be a duration such as '30s' or '1m', got ${show(value)}: use a number with a unit (ms, s, m, h)`);
  }
  return value;
}

/** Throws unless `value` can be a key in a Secret's data. */
export function checkSecretKey(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(value) || value.length > MAX_SUBDOMAIN_LENGTH) {
    throw new ValidationError(`${field} must be a Secret key (letters, digits, '-', '_' or '.'), got ${show(value)}: e.g. 'password'`);
  }
  return value;
}

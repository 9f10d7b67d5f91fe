export declare const MAX_LABEL_LENGTH = 63;
export declare const MAX_SUBDOMAIN_LENGTH = 253;
/**
 * Throws unless `value` is an integer in [min, max]; returns it.
 * @param reason why the bounds are what they are, e.g. 'Redis Cluster needs 3 masters'
 */
export declare function checkInteger(field: string, value: unknown, range: {
    min: number;
    max?: number;
    reason?: string;
}, fix: string): number;
/** Throws unless `value` is a boolean. */
export declare function checkBoolean(field: string, value: unknown): void;
/** Throws unless `value` is a TCP port number; returns it. */
export declare function checkPort(field: string, value: unknown): number;
/**
 * Throws unless `value` is a DNS-1123 label (lower-case letters, digits and '-', starting and
 * ending with a letter or digit, at most 63 characters).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
 */
export declare function checkDnsLabel(field: string, value: unknown, purpose: string): string;
/**
 * Throws unless `value` is a DNS-1035 label, as Service names must be: a DNS-1123 label that
 * starts with a letter.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#rfc-1035-label-names
 */
export declare function checkServiceName(field: string, value: unknown): string;
/**
 * Throws unless `value` is a DNS-1123 subdomain: dot-separated parts of lower-case letters, digits
 * and '-', at most 253 characters. With `dnsName`, each part is also limited to 63 characters, as
 * in a name that DNS resolves (Kubernetes object names have no such limit).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names
 */
export declare function checkDnsSubdomain(field: string, value: unknown, purpose: string, dnsName?: boolean): string;
/** What a Kubernetes quantity measures, and so which suffixes make sense. */
export type QuantityKind = 'cpu' | 'memory' | 'storage';
/**
 * Throws unless `value` is a positive Kubernetes quantity that fits `kind`; returns it in base
 * units (cores or bytes).
 */
export declare function checkQuantity(field: string, value: unknown, kind: QuantityKind): number;
/** The parts of a container image reference that validation needs. */
export interface ImageReference {
    /** Repository without registry and tag, e.g. `library/redis` or `bitnami/redis`. */
    readonly repository: string;
    readonly tag?: string;
    readonly digest?: string;
}
/**
 * Throws unless `value` is an image reference pinned to a tag other than `latest`, or to a digest.
 * @see https://github.com/distribution/reference/blob/main/reference.go
 */
export declare function checkImage(field: string, value: unknown): ImageReference;
/**
 * Throws when `obj` has a key that is not in `known` (a typo in props that come from JSON or
 * YAML, where the compiler cannot see them).
 */
export declare function checkKnownKeys(what: string, obj: object, known: readonly string[]): void;
/**
 * Throws unless `labels` is a map of valid Kubernetes label keys (optional DNS-subdomain prefix,
 * name of at most 63 characters) to valid values (at most 63 characters).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
export declare function checkLabels(field: string, labels: unknown, options?: {
    nonEmpty?: string;
}): Record<string, string>;
/** Throws unless `value` is an IPv4 or IPv6 CIDR such as '10.0.0.0/8'. */
export declare function checkCidr(field: string, value: unknown): string;
/** Throws unless `value` is a Prometheus duration such as '30s' or '1m'. */
export declare function checkDuration(field: string, value: unknown): string;
/** Throws unless `value` can be a key in a Secret's data. */
export declare function checkSecretKey(field: string, value: unknown): string;

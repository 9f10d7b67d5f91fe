/**
 * A configuration the constructs refuse: a prop, a storage option or a redis.conf directive that
 * would deploy a broken or unsafe cluster. Its message names the field, the value received, what
 * is allowed and the fix; synth prints it without a stack trace.
 */
export declare class ValidationError extends Error {
    constructor(message: string);
}
/** The construct metadata type under which constructs record warnings; synth prints them. */
export declare const WARNING_METADATA = "redis-cluster-cdk8s/warning";
/** A value as the user wrote it: strings quoted, so that `'3'` and `3` read differently. */
export declare function show(value: unknown): string;
/** The entry of `candidates` closest to `name` by edit distance, if it is close enough to be a typo. */
export declare function nearest(name: string, candidates: Iterable<string>): string | undefined;

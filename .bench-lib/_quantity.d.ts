/**
 * Parsers for the two size notations the project handles: Kubernetes quantities (resources,
 * volume sizes) and redis.conf memory values (maxmemory). They only read; they never reformat.
 */
/** A parsed Kubernetes quantity. */
export interface Quantity {
    /** The value in base units (bytes, cores). */
    readonly value: number;
    /** The suffix as written, '' for none. */
    readonly suffix: string;
}
/** Parses a Kubernetes quantity, or returns undefined if the API server would reject it. */
export declare function parseQuantity(text: string): Quantity | undefined;
/**
 * Parses a redis.conf memory value (`64mb`, `1g`, `1048576`): digits and an optional unit, case
 * insensitive, where `k`, `m`, `g` are powers of 1000 and `kb`, `mb`, `gb` powers of 1024. Returns
 * the number of bytes, or undefined for anything Redis refuses (`1.5gb`, `1tb`, `-1`, ` 1mb`).
 * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
 */
export declare function parseRedisMemory(text: string): number | undefined;
/** Bytes in the largest binary unit that keeps a whole number, in redis.conf notation (`768mb`). */
export declare function formatRedisMemory(bytes: number): string;

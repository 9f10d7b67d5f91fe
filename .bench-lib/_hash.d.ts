/** A short, stable hex digest of any JSON-serialisable value. */
export declare function shortHash(value: unknown, length?: number): string;

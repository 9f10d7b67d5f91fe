import { App } from 'cdk8s';
/** Where the manifests are published, relative to the project folder. */
export declare const PUBLISH_DIR = "dist";
/** Where `cdk8s synth` has the app write (cdk8s.yaml `output`), relative to the project folder. */
export declare const STAGING_DIR = ".cdk8s-staging";
export interface SynthesizeOptions {
    /**
     * The folder to publish into.
     * @default 'dist' in the current folder
     */
    readonly publishDir?: string;
    /**
     * Where the app is told to write, normally by the cdk8s CLI.
     * @default - process.env.CDK8S_OUTDIR
     */
    readonly outdir?: string;
    /** @default process.stderr */
    readonly log?: (line: string) => void;
}
/** What a synth run did, for the caller's exit code and for tests. */
export interface SynthesizeResult {
    readonly ok: boolean;
    /** Files written or replaced in the publish folder. */
    readonly published: readonly string[];
    /** Files of the publish folder that already held the synthesized content, left untouched. */
    readonly unchanged: readonly string[];
}
/**
 * Builds the app with `build`, synthesizes it and publishes the manifests, as described above.
 * Sets `process.exitCode` on failure unless run by `cdk8s synth` (see the module comment).
 */
export declare function synthesize(build: (app: App) => void, options?: SynthesizeOptions): SynthesizeResult;

"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.STAGING_DIR = exports.PUBLISH_DIR = void 0;
exports.synthesize = synthesize;
/**
 * Synthesizes the app so that a failure never costs the manifests already in `dist/`.
 *
 * `cdk8s synth` deletes its output folder before it runs the app, so an app that writes to `dist/`
 * directly loses the last good manifests whenever a prop is wrong. Here the CLI's output folder is
 * a staging folder (cdk8s.yaml `output`, set in .projenrc.ts). The app synthesizes into it and,
 * only when the whole app has synthesized, publishes the files into `dist/`: each is written beside
 * its target and renamed over it, so `dist/` always holds complete files, and unchanged files are
 * not touched.
 *
 * On a configuration error the app prints the message alone (no stack trace) and writes nothing.
 * Under `cdk8s synth` it then also removes the staging folder and exits 0: the CLI sees no output,
 * says "synthesis failed" and exits 1 itself. (An app that exits non-zero makes the CLI print its
 * own stack trace after the message.) Run any other way, the app exits 1.
 */
const fs = __importStar(require("fs"));
const os = __importStar(require("os"));
const path = __importStar(require("path"));
const cdk8s_1 = require("cdk8s");
const _errors_1 = require("./_errors");
/** Where the manifests are published, relative to the project folder. */
exports.PUBLISH_DIR = 'dist';
/** Where `cdk8s synth` has the app write (cdk8s.yaml `output`), relative to the project folder. */
exports.STAGING_DIR = '.cdk8s-staging';
/**
 * Builds the app with `build`, synthesizes it and publishes the manifests, as described above.
 * Sets `process.exitCode` on failure unless run by `cdk8s synth` (see the module comment).
 */
function synthesize(build, options = {}) {
    const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    const publishDir = path.resolve(options.publishDir ?? exports.PUBLISH_DIR);
    const cliOutdir = options.outdir ?? process.env.CDK8S_OUTDIR;
    // Under `cdk8s synth` with this project's cdk8s.yaml, the CLI's output is the staging folder.
    // Any other output folder (`cdk8s synth --output x`, `--stdout`) is used as plain cdk8s would,
    // and dist/ is left alone.
    const viaCli = cliOutdir !== undefined && path.resolve(cliOutdir) === path.resolve(exports.STAGING_DIR);
    const publishes = cliOutdir === undefined || viaCli;
    const stagingDir = cliOutdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-synth-'));
    let published = [];
    let unchanged = [];
    try {
        const app = new cdk8s_1.App({ outdir: stagingDir });
        build(app);
        app.synth();
        for (const warning of collectWarnings(app)) {
            log(`Warning: ${warning}`);
        }
        if (publishes) {
            ({ published, unchanged } = publish(stagingDir, publishDir));
            const shown = (file) => path.relative(process.cwd(), file) || file;
            published.forEach((file) => log(`Published ${shown(file)}`));
            unchanged.forEach((file) => log(`Unchanged ${shown(file)}`));
        }
        return { ok: true, published, unchanged };
    }
    catch (error) {
        log(describeFailure(error, publishes ? publishDir : undefined));
        if (viaCli) {
            fs.rmSync(stagingDir, { recursive: true, force: true });
        }
        else {
            process.exitCode = 1;
        }
        return { ok: false, published, unchanged };
    }
    finally {
        if (cliOutdir === undefined) {
            fs.rmSync(stagingDir, { recursive: true, force: true });
        }
    }
}
/** The message for a failed synth: a configuration error reads as one, anything else as a bug. */
function describeFailure(error, publishDir) {
    const kept = publishDir ? ` ${path.relative(process.cwd(), publishDir) || publishDir}/ was left unchanged.` : '';
    const isConfigError = error instanceof _errors_1.ValidationError
        || (error instanceof Error && error.name === 'ValidationError')
        // The form cdk8s gives errors of node.addValidation().
        || (error instanceof Error && error.message.startsWith('Validation failed with the following errors'));
    if (isConfigError) {
        return `Error: ${error.message}\nSynthesis failed: fix the configuration above.${kept}`;
    }
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    return `Error: synthesis failed unexpectedly.${kept}\n${detail}`;
}
function collectWarnings(app) {
    return app.node.findAll().flatMap((c) => c.node.metadata
        .filter((m) => m.type === _errors_1.WARNING_METADATA)
        .map((m) => `[${c.node.path}] ${String(m.data)}`));
}
/**
 * Makes `publishDir` hold exactly the files of `stagingDir`. Each changed file is written beside
 * its target and renamed over it (atomic on one filesystem); files the app no longer produces are
 * removed last.
 */
function publish(stagingDir, publishDir) {
    fs.mkdirSync(publishDir, { recursive: true });
    const produced = fs.readdirSync(stagingDir, { withFileTypes: true });
    const published = [];
    const unchanged = [];
    for (const entry of produced) {
        if (!entry.isFile()) {
            throw new Error(`synth produced ${entry.name} in ${stagingDir}, which is not a file; only flat manifest files can be published`);
        }
        const content = fs.readFileSync(path.join(stagingDir, entry.name));
        const target = path.join(publishDir, entry.name);
        if (fs.existsSync(target) && fs.statSync(target).isFile() && fs.readFileSync(target).equals(content)) {
            unchanged.push(target);
            continue;
        }
        const temp = path.join(publishDir, `.${entry.name}.${process.pid}.tmp`);
        try {
            fs.writeFileSync(temp, content);
            fs.renameSync(temp, target);
        }
        finally {
            fs.rmSync(temp, { force: true });
        }
        published.push(target);
    }
    const names = new Set(produced.map((e) => e.name));
    for (const stale of fs.readdirSync(publishDir)) {
        if (!names.has(stale)) {
            fs.rmSync(path.join(publishDir, stale), { recursive: true, force: true });
        }
    }
    return { published, unchanged };
}
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoiX3N5bnRoLmpzIiwic291cmNlUm9vdCI6IiIsInNvdXJjZXMiOlsiLi4vLi4vLi4vd29yay93dC1wYWNrYWdlL3NyYy9fc3ludGgudHMiXSwibmFtZXMiOltdLCJtYXBwaW5ncyI6Ijs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7O0FBd0RBLGdDQXdDQztBQWhHRDs7Ozs7Ozs7Ozs7Ozs7R0FjRztBQUNILHVDQUF5QjtBQUN6Qix1Q0FBeUI7QUFDekIsMkNBQTZCO0FBQzdCLGlDQUE0QjtBQUU1Qix1Q0FBOEQ7QUFFOUQseUVBQXlFO0FBQzVELFFBQUEsV0FBVyxHQUFHLE1BQU0sQ0FBQztBQUVsQyxtR0FBbUc7QUFDdEYsUUFBQSxXQUFXLEdBQUcsZ0JBQWdCLENBQUM7QUEwQjVDOzs7R0FHRztBQUNILFNBQWdCLFVBQVUsQ0FBQyxLQUF5QixFQUFFLFVBQTZCLEVBQUU7SUFDbkYsTUFBTSxHQUFHLEdBQUcsT0FBTyxDQUFDLEdBQUcsSUFBSSxDQUFDLENBQUMsSUFBWSxFQUFFLEVBQUUsQ0FBQyxPQUFPLENBQUMsTUFBTSxDQUFDLEtBQUssQ0FBQyxHQUFHLElBQUksSUFBSSxDQUFDLENBQUMsQ0FBQztJQUNqRixNQUFNLFVBQVUsR0FBRyxJQUFJLENBQUMsT0FBTyxDQUFDLE9BQU8sQ0FBQyxVQUFVLElBQUksbUJBQVcsQ0FBQyxDQUFDO0lBQ25FLE1BQU0sU0FBUyxHQUFHLE9BQU8sQ0FBQyxNQUFNLElBQUksT0FBTyxDQUFDLEdBQUcsQ0FBQyxZQUFZLENBQUM7SUFDN0QsOEZBQThGO0lBQzlGLCtGQUErRjtJQUMvRiwyQkFBMkI7SUFDM0IsTUFBTSxNQUFNLEdBQUcsU0FBUyxLQUFLLFNBQVMsSUFBSSxJQUFJLENBQUMsT0FBTyxDQUFDLFNBQVMsQ0FBQyxLQUFLLElBQUksQ0FBQyxPQUFPLENBQUMsbUJBQVcsQ0FBQyxDQUFDO0lBQ2hHLE1BQU0sU0FBUyxHQUFHLFNBQVMsS0FBSyxTQUFTLElBQUksTUFBTSxDQUFDO0lBQ3BELE1BQU0sVUFBVSxHQUFHLFNBQVMsSUFBSSxFQUFFLENBQUMsV0FBVyxDQUFDLElBQUksQ0FBQyxJQUFJLENBQUMsRUFBRSxDQUFDLE1BQU0sRUFBRSxFQUFFLHNCQUFzQixDQUFDLENBQUMsQ0FBQztJQUUvRixJQUFJLFNBQVMsR0FBYSxFQUFFLENBQUM7SUFDN0IsSUFBSSxTQUFTLEdBQWEsRUFBRSxDQUFDO0lBQzdCLElBQUksQ0FBQztRQUNILE1BQU0sR0FBRyxHQUFHLElBQUksV0FBRyxDQUFDLEVBQUUsTUFBTSxFQUFFLFVBQVUsRUFBRSxDQUFDLENBQUM7UUFDNUMsS0FBSyxDQUFDLEdBQUcsQ0FBQyxDQUFDO1FBQ1gsR0FBRyxDQUFDLEtBQUssRUFBRSxDQUFDO1FBQ1osS0FBSyxNQUFNLE9BQU8sSUFBSSxlQUFlLENBQUMsR0FBRyxDQUFDLEVBQUUsQ0FBQztZQUMzQyxHQUFHLENBQUMsWUFBWSxPQUFPLEVBQUUsQ0FBQyxDQUFDO1FBQzdCLENBQUM7UUFDRCxJQUFJLFNBQVMsRUFBRSxDQUFDO1lBQ2QsQ0FBQyxFQUFFLFNBQVMsRUFBRSxTQUFTLEVBQUUsR0FBRyxPQUFPLENBQUMsVUFBVSxFQUFFLFVBQVUsQ0FBQyxDQUFDLENBQUM7WUFDN0QsTUFBTSxLQUFLLEdBQUcsQ0FBQyxJQUFZLEVBQUUsRUFBRSxDQUFDLElBQUksQ0FBQyxRQUFRLENBQUMsT0FBTyxDQUFDLEdBQUcsRUFBRSxFQUFFLElBQUksQ0FBQyxJQUFJLElBQUksQ0FBQztZQUMzRSxTQUFTLENBQUMsT0FBTyxDQUFDLENBQUMsSUFBSSxFQUFFLEVBQUUsQ0FBQyxHQUFHLENBQUMsYUFBYSxLQUFLLENBQUMsSUFBSSxDQUFDLEVBQUUsQ0FBQyxDQUFDLENBQUM7WUFDN0QsU0FBUyxDQUFDLE9BQU8sQ0FBQyxDQUFDLElBQUksRUFBRSxFQUFFLENBQUMsR0FBRyxDQUFDLGFBQWEsS0FBSyxDQUFDLElBQUksQ0FBQyxFQUFFLENBQUMsQ0FBQyxDQUFDO1FBQy9ELENBQUM7UUFDRCxPQUFPLEVBQUUsRUFBRSxFQUFFLElBQUksRUFBRSxTQUFTLEVBQUUsU0FBUyxFQUFFLENBQUM7SUFDNUMsQ0FBQztJQUFDLE9BQU8sS0FBSyxFQUFFLENBQUM7UUFDZixHQUFHLENBQUMsZUFBZSxDQUFDLEtBQUssRUFBRSxTQUFTLENBQUMsQ0FBQyxDQUFDLFVBQVUsQ0FBQyxDQUFDLENBQUMsU0FBUyxDQUFDLENBQUMsQ0FBQztRQUNoRSxJQUFJLE1BQU0sRUFBRSxDQUFDO1lBQ1gsRUFBRSxDQUFDLE1BQU0sQ0FBQyxVQUFVLEVBQUUsRUFBRSxTQUFTLEVBQUUsSUFBSSxFQUFFLEtBQUssRUFBRSxJQUFJLEVBQUUsQ0FBQyxDQUFDO1FBQzFELENBQUM7YUFBTSxDQUFDO1lBQ04sT0FBTyxDQUFDLFFBQVEsR0FBRyxDQUFDLENBQUM7UUFDdkIsQ0FBQztRQUNELE9BQU8sRUFBRSxFQUFFLEVBQUUsS0FBSyxFQUFFLFNBQVMsRUFBRSxTQUFTLEVBQUUsQ0FBQztJQUM3QyxDQUFDO1lBQVMsQ0FBQztRQUNULElBQUksU0FBUyxLQUFLLFNBQVMsRUFBRSxDQUFDO1lBQzVCLEVBQUUsQ0FBQyxNQUFNLENBQUMsVUFBVSxFQUFFLEVBQUUsU0FBUyxFQUFFLElBQUksRUFBRSxLQUFLLEVBQUUsSUFBSSxFQUFFLENBQUMsQ0FBQztRQUMxRCxDQUFDO0lBQ0gsQ0FBQztBQUNILENBQUM7QUFFRCxrR0FBa0c7QUFDbEcsU0FBUyxlQUFlLENBQUMsS0FBYyxFQUFFLFVBQThCO0lBQ3JFLE1BQU0sSUFBSSxHQUFHLFVBQVUsQ0FBQyxDQUFDLENBQUMsSUFBSSxJQUFJLENBQUMsUUFBUSxDQUFDLE9BQU8sQ0FBQyxHQUFHLEVBQUUsRUFBRSxVQUFVLENBQUMsSUFBSSxVQUFVLHVCQUF1QixDQUFDLENBQUMsQ0FBQyxFQUFFLENBQUM7SUFDakgsTUFBTSxhQUFhLEdBQUcsS0FBSyxZQUFZLHlCQUFlO1dBQ2pELENBQUMsS0FBSyxZQUFZLEtBQUssSUFBSSxLQUFLLENBQUMsSUFBSSxLQUFLLGlCQUFpQixDQUFDO1FBQy9ELHVEQUF1RDtXQUNwRCxDQUFDLEtBQUssWUFBWSxLQUFLLElBQUksS0FBSyxDQUFDLE9BQU8sQ0FBQyxVQUFVLENBQUMsNkNBQTZDLENBQUMsQ0FBQyxDQUFDO0lBQ3pHLElBQUksYUFBYSxFQUFFLENBQUM7UUFDbEIsT0FBTyxVQUFXLEtBQWUsQ0FBQyxPQUFPLG1EQUFtRCxJQUFJLEVBQUUsQ0FBQztJQUNyRyxDQUFDO0lBQ0QsTUFBTSxNQUFNLEdBQUcsS0FBSyxZQUFZLEtBQUssQ0FBQyxDQUFDLENBQUMsS0FBSyxDQUFDLEtBQUssSUFBSSxLQUFLLENBQUMsT0FBTyxDQUFDLENBQUMsQ0FBQyxNQUFNLENBQUMsS0FBSyxDQUFDLENBQUM7SUFDckYsT0FBTyx3Q0FBd0MsSUFBSSxLQUFLLE1BQU0sRUFBRSxDQUFDO0FBQ25FLENBQUM7QUFFRCxTQUFTLGVBQWUsQ0FBQyxHQUFRO0lBQy9CLE9BQU8sR0FBRyxDQUFDLElBQUksQ0FBQyxPQUFPLEVBQUUsQ0FBQyxPQUFPLENBQUMsQ0FBQyxDQUFhLEVBQUUsRUFBRSxDQUFDLENBQUMsQ0FBQyxJQUFJLENBQUMsUUFBUTtTQUNqRSxNQUFNLENBQUMsQ0FBQyxDQUFDLEVBQUUsRUFBRSxDQUFDLENBQUMsQ0FBQyxJQUFJLEtBQUssMEJBQWdCLENBQUM7U0FDMUMsR0FBRyxDQUFDLENBQUMsQ0FBQyxFQUFFLEVBQUUsQ0FBQyxJQUFJLENBQUMsQ0FBQyxJQUFJLENBQUMsSUFBSSxLQUFLLE1BQU0sQ0FBQyxDQUFDLENBQUMsSUFBSSxDQUFDLEVBQUUsQ0FBQyxDQUFDLENBQUM7QUFDdkQsQ0FBQztBQUVEOzs7O0dBSUc7QUFDSCxTQUFTLE9BQU8sQ0FBQyxVQUFrQixFQUFFLFVBQWtCO0lBQ3JELEVBQUUsQ0FBQyxTQUFTLENBQUMsVUFBVSxFQUFFLEVBQUUsU0FBUyxFQUFFLElBQUksRUFBRSxDQUFDLENBQUM7SUFDOUMsTUFBTSxRQUFRLEdBQUcsRUFBRSxDQUFDLFdBQVcsQ0FBQyxVQUFVLEVBQUUsRUFBRSxhQUFhLEVBQUUsSUFBSSxFQUFFLENBQUMsQ0FBQztJQUNyRSxNQUFNLFNBQVMsR0FBYSxFQUFFLENBQUM7SUFDL0IsTUFBTSxTQUFTLEdBQWEsRUFBRSxDQUFDO0lBQy9CLEtBQUssTUFBTSxLQUFLLElBQUksUUFBUSxFQUFFLENBQUM7UUFDN0IsSUFBSSxDQUFDLEtBQUssQ0FBQyxNQUFNLEVBQUUsRUFBRSxDQUFDO1lBQ3BCLE1BQU0sSUFBSSxLQUFLLENBQUMsa0JBQWtCLEtBQUssQ0FBQyxJQUFJLE9BQU8sVUFBVSxrRUFBa0UsQ0FBQyxDQUFDO1FBQ25JLENBQUM7UUFDRCxNQUFNLE9BQU8sR0FBRyxFQUFFLENBQUMsWUFBWSxDQUFDLElBQUksQ0FBQyxJQUFJLENBQUMsVUFBVSxFQUFFLEtBQUssQ0FBQyxJQUFJLENBQUMsQ0FBQyxDQUFDO1FBQ25FLE1BQU0sTUFBTSxHQUFHLElBQUksQ0FBQyxJQUFJLENBQUMsVUFBVSxFQUFFLEtBQUssQ0FBQyxJQUFJLENBQUMsQ0FBQztRQUNqRCxJQUFJLEVBQUUsQ0FBQyxVQUFVLENBQUMsTUFBTSxDQUFDLElBQUksRUFBRSxDQUFDLFFBQVEsQ0FBQyxNQUFNLENBQUMsQ0FBQyxNQUFNLEVBQUUsSUFBSSxFQUFFLENBQUMsWUFBWSxDQUFDLE1BQU0sQ0FBQyxDQUFDLE1BQU0sQ0FBQyxPQUFPLENBQUMsRUFBRSxDQUFDO1lBQ3JHLFNBQVMsQ0FBQyxJQUFJLENBQUMsTUFBTSxDQUFDLENBQUM7WUFDdkIsU0FBUztRQUNYLENBQUM7UUFDRCxNQUFNLElBQUksR0FBRyxJQUFJLENBQUMsSUFBSSxDQUFDLFVBQVUsRUFBRSxJQUFJLEtBQUssQ0FBQyxJQUFJLElBQUksT0FBTyxDQUFDLEdBQUcsTUFBTSxDQUFDLENBQUM7UUFDeEUsSUFBSSxDQUFDO1lBQ0gsRUFBRSxDQUFDLGFBQWEsQ0FBQyxJQUFJLEVBQUUsT0FBTyxDQUFDLENBQUM7WUFDaEMsRUFBRSxDQUFDLFVBQVUsQ0FBQyxJQUFJLEVBQUUsTUFBTSxDQUFDLENBQUM7UUFDOUIsQ0FBQztnQkFBUyxDQUFDO1lBQ1QsRUFBRSxDQUFDLE1BQU0sQ0FBQyxJQUFJLEVBQUUsRUFBRSxLQUFLLEVBQUUsSUFBSSxFQUFFLENBQUMsQ0FBQztRQUNuQyxDQUFDO1FBQ0QsU0FBUyxDQUFDLElBQUksQ0FBQyxNQUFNLENBQUMsQ0FBQztJQUN6QixDQUFDO0lBQ0QsTUFBTSxLQUFLLEdBQUcsSUFBSSxHQUFHLENBQUMsUUFBUSxDQUFDLEdBQUcsQ0FBQyxDQUFDLENBQUMsRUFBRSxFQUFFLENBQUMsQ0FBQyxDQUFDLElBQUksQ0FBQyxDQUFDLENBQUM7SUFDbkQsS0FBSyxNQUFNLEtBQUssSUFBSSxFQUFFLENBQUMsV0FBVyxDQUFDLFVBQVUsQ0FBQyxFQUFFLENBQUM7UUFDL0MsSUFBSSxDQUFDLEtBQUssQ0FBQyxHQUFHLENBQUMsS0FBSyxDQUFDLEVBQUUsQ0FBQztZQUN0QixFQUFFLENBQUMsTUFBTSxDQUFDLElBQUksQ0FBQyxJQUFJLENBQUMsVUFBVSxFQUFFLEtBQUssQ0FBQyxFQUFFLEVBQUUsU0FBUyxFQUFFLElBQUksRUFBRSxLQUFLLEVBQUUsSUFBSSxFQUFFLENBQUMsQ0FBQztRQUM1RSxDQUFDO0lBQ0gsQ0FBQztJQUNELE9BQU8sRUFBRSxTQUFTLEVBQUUsU0FBUyxFQUFFLENBQUM7QUFDbEMsQ0FBQyIsInNvdXJjZXNDb250ZW50IjpbIi8qKlxuICogU3ludGhlc2l6ZXMgdGhlIGFwcCBzbyB0aGF0IGEgZmFpbHVyZSBuZXZlciBjb3N0cyB0aGUgbWFuaWZlc3RzIGFscmVhZHkgaW4gYGRpc3QvYC5cbiAqXG4gKiBgY2RrOHMgc3ludGhgIGRlbGV0ZXMgaXRzIG91dHB1dCBmb2xkZXIgYmVmb3JlIGl0IHJ1bnMgdGhlIGFwcCwgc28gYW4gYXBwIHRoYXQgd3JpdGVzIHRvIGBkaXN0L2BcbiAqIGRpcmVjdGx5IGxvc2VzIHRoZSBsYXN0IGdvb2QgbWFuaWZlc3RzIHdoZW5ldmVyIGEgcHJvcCBpcyB3cm9uZy4gSGVyZSB0aGUgQ0xJJ3Mgb3V0cHV0IGZvbGRlciBpc1xuICogYSBzdGFnaW5nIGZvbGRlciAoY2RrOHMueWFtbCBgb3V0cHV0YCwgc2V0IGluIC5wcm9qZW5yYy50cykuIFRoZSBhcHAgc3ludGhlc2l6ZXMgaW50byBpdCBhbmQsXG4gKiBvbmx5IHdoZW4gdGhlIHdob2xlIGFwcCBoYXMgc3ludGhlc2l6ZWQsIHB1Ymxpc2hlcyB0aGUgZmlsZXMgaW50byBgZGlzdC9gOiBlYWNoIGlzIHdyaXR0ZW4gYmVzaWRlXG4gKiBpdHMgdGFyZ2V0IGFuZCByZW5hbWVkIG92ZXIgaXQsIHNvIGBkaXN0L2AgYWx3YXlzIGhvbGRzIGNvbXBsZXRlIGZpbGVzLCBhbmQgdW5jaGFuZ2VkIGZpbGVzIGFyZVxuICogbm90IHRvdWNoZWQuXG4gKlxuICogT24gYSBjb25maWd1cmF0aW9uIGVycm9yIHRoZSBhcHAgcHJpbnRzIHRoZSBtZXNzYWdlIGFsb25lIChubyBzdGFjayB0cmFjZSkgYW5kIHdyaXRlcyBub3RoaW5nLlxuICogVW5kZXIgYGNkazhzIHN5bnRoYCBpdCB0aGVuIGFsc28gcmVtb3ZlcyB0aGUgc3RhZ2luZyBmb2xkZXIgYW5kIGV4aXRzIDA6IHRoZSBDTEkgc2VlcyBubyBvdXRwdXQsXG4gKiBzYXlzIFwic3ludGhlc2lzIGZhaWxlZFwiIGFuZCBleGl0cyAxIGl0c2VsZi4gKEFuIGFwcCB0aGF0IGV4aXRzIG5vbi16ZXJvIG1ha2VzIHRoZSBDTEkgcHJpbnQgaXRzXG4gKiBvd24gc3RhY2sgdHJhY2UgYWZ0ZXIgdGhlIG1lc3NhZ2UuKSBSdW4gYW55IG90aGVyIHdheSwgdGhlIGFwcCBleGl0cyAxLlxuICovXG5pbXBvcnQgKiBhcyBmcyBmcm9tICdmcyc7XG5pbXBvcnQgKiBhcyBvcyBmcm9tICdvcyc7XG5pbXBvcnQgKiBhcyBwYXRoIGZyb20gJ3BhdGgnO1xuaW1wb3J0IHsgQXBwIH0gZnJvbSAnY2RrOHMnO1xuaW1wb3J0IHsgSUNvbnN0cnVjdCB9IGZyb20gJ2NvbnN0cnVjdHMnO1xuaW1wb3J0IHsgVmFsaWRhdGlvbkVycm9yLCBXQVJOSU5HX01FVEFEQVRBIH0gZnJvbSAnLi9fZXJyb3JzJztcblxuLyoqIFdoZXJlIHRoZSBtYW5pZmVzdHMgYXJlIHB1Ymxpc2hlZCwgcmVsYXRpdmUgdG8gdGhlIHByb2plY3QgZm9sZGVyLiAqL1xuZXhwb3J0IGNvbnN0IFBVQkxJU0hfRElSID0gJ2Rpc3QnO1xuXG4vKiogV2hlcmUgYGNkazhzIHN5bnRoYCBoYXMgdGhlIGFwcCB3cml0ZSAoY2RrOHMueWFtbCBgb3V0cHV0YCksIHJlbGF0aXZlIHRvIHRoZSBwcm9qZWN0IGZvbGRlci4gKi9cbmV4cG9ydCBjb25zdCBTVEFHSU5HX0RJUiA9ICcuY2RrOHMtc3RhZ2luZyc7XG5cbmV4cG9ydCBpbnRlcmZhY2UgU3ludGhlc2l6ZU9wdGlvbnMge1xuICAvKipcbiAgICogVGhlIGZvbGRlciB0byBwdWJsaXNoIGludG8uXG4gICAqIEBkZWZhdWx0ICdkaXN0JyBpbiB0aGUgY3VycmVudCBmb2xkZXJcbiAgICovXG4gIHJlYWRvbmx5IHB1Ymxpc2hEaXI/OiBzdHJpbmc7XG4gIC8qKlxuICAgKiBXaGVyZSB0aGUgYXBwIGlzIHRvbGQgdG8gd3JpdGUsIG5vcm1hbGx5IGJ5IHRoZSBjZGs4cyBDTEkuXG4gICAqIEBkZWZhdWx0IC0gcHJvY2Vzcy5lbnYuQ0RLOFNfT1VURElSXG4gICAqL1xuICByZWFkb25seSBvdXRkaXI/OiBzdHJpbmc7XG4gIC8qKiBAZGVmYXVsdCBwcm9jZXNzLnN0ZGVyciAqL1xuICByZWFkb25seSBsb2c/OiAobGluZTogc3RyaW5nKSA9PiB2b2lkO1xufVxuXG4vKiogV2hhdCBhIHN5bnRoIHJ1biBkaWQsIGZvciB0aGUgY2FsbGVyJ3MgZXhpdCBjb2RlIGFuZCBmb3IgdGVzdHMuICovXG5leHBvcnQgaW50ZXJmYWNlIFN5bnRoZXNpemVSZXN1bHQge1xuICByZWFkb25seSBvazogYm9vbGVhbjtcbiAgLyoqIEZpbGVzIHdyaXR0ZW4gb3IgcmVwbGFjZWQgaW4gdGhlIHB1Ymxpc2ggZm9sZGVyLiAqL1xuICByZWFkb25seSBwdWJsaXNoZWQ6IHJlYWRvbmx5IHN0cmluZ1tdO1xuICAvKiogRmlsZXMgb2YgdGhlIHB1Ymxpc2ggZm9sZGVyIHRoYXQgYWxyZWFkeSBoZWxkIHRoZSBzeW50aGVzaXplZCBjb250ZW50LCBsZWZ0IHVudG91Y2hlZC4gKi9cbiAgcmVhZG9ubHkgdW5jaGFuZ2VkOiByZWFkb25seSBzdHJpbmdbXTtcbn1cblxuLyoqXG4gKiBCdWlsZHMgdGhlIGFwcCB3aXRoIGBidWlsZGAsIHN5bnRoZXNpemVzIGl0IGFuZCBwdWJsaXNoZXMgdGhlIG1hbmlmZXN0cywgYXMgZGVzY3JpYmVkIGFib3ZlLlxuICogU2V0cyBgcHJvY2Vzcy5leGl0Q29kZWAgb24gZmFpbHVyZSB1bmxlc3MgcnVuIGJ5IGBjZGs4cyBzeW50aGAgKHNlZSB0aGUgbW9kdWxlIGNvbW1lbnQpLlxuICovXG5leHBvcnQgZnVuY3Rpb24gc3ludGhlc2l6ZShidWlsZDogKGFwcDogQXBwKSA9PiB2b2lkLCBvcHRpb25zOiBTeW50aGVzaXplT3B0aW9ucyA9IHt9KTogU3ludGhlc2l6ZVJlc3VsdCB7XG4gIGNvbnN0IGxvZyA9IG9wdGlvbnMubG9nID8/ICgobGluZTogc3RyaW5nKSA9PiBwcm9jZXNzLnN0ZGVyci53cml0ZShgJHtsaW5lfVxcbmApKTtcbiAgY29uc3QgcHVibGlzaERpciA9IHBhdGgucmVzb2x2ZShvcHRpb25zLnB1Ymxpc2hEaXIgPz8gUFVCTElTSF9ESVIpO1xuICBjb25zdCBjbGlPdXRkaXIgPSBvcHRpb25zLm91dGRpciA/PyBwcm9jZXNzLmVudi5DREs4U19PVVRESVI7XG4gIC8vIFVuZGVyIGBjZGs4cyBzeW50aGAgd2l0aCB0aGlzIHByb2plY3QncyBjZGs4cy55YW1sLCB0aGUgQ0xJJ3Mgb3V0cHV0IGlzIHRoZSBzdGFnaW5nIGZvbGRlci5cbiAgLy8gQW55IG90aGVyIG91dHB1dCBmb2xkZXIgKGBjZGs4cyBzeW50aCAtLW91dHB1dCB4YCwgYC0tc3Rkb3V0YCkgaXMgdXNlZCBhcyBwbGFpbiBjZGs4cyB3b3VsZCxcbiAgLy8gYW5kIGRpc3QvIGlzIGxlZnQgYWxvbmUuXG4gIGNvbnN0IHZpYUNsaSA9IGNsaU91dGRpciAhPT0gdW5kZWZpbmVkICYmIHBhdGgucmVzb2x2ZShjbGlPdXRkaXIpID09PSBwYXRoLnJlc29sdmUoU1RBR0lOR19ESVIpO1xuICBjb25zdCBwdWJsaXNoZXMgPSBjbGlPdXRkaXIgPT09IHVuZGVmaW5lZCB8fCB2aWFDbGk7XG4gIGNvbnN0IHN0YWdpbmdEaXIgPSBjbGlPdXRkaXIgPz8gZnMubWtkdGVtcFN5bmMocGF0aC5qb2luKG9zLnRtcGRpcigpLCAncmVkaXMtY2x1c3Rlci1zeW50aC0nKSk7XG5cbiAgbGV0IHB1Ymxpc2hlZDogc3RyaW5nW10gPSBbXTtcbiAgbGV0IHVuY2hhbmdlZDogc3RyaW5nW10gPSBbXTtcbiAgdHJ5IHtcbiAgICBjb25zdCBhcHAgPSBuZXcgQXBwKHsgb3V0ZGlyOiBzdGFnaW5nRGlyIH0pO1xuICAgIGJ1aWxkKGFwcCk7XG4gICAgYXBwLnN5bnRoKCk7XG4gICAgZm9yIChjb25zdCB3YXJuaW5nIG9mIGNvbGxlY3RXYXJuaW5ncyhhcHApKSB7XG4gICAgICBsb2coYFdhcm5pbmc6ICR7d2FybmluZ31gKTtcbiAgICB9XG4gICAgaWYgKHB1Ymxpc2hlcykge1xuICAgICAgKHsgcHVibGlzaGVkLCB1bmNoYW5nZWQgfSA9IHB1Ymxpc2goc3RhZ2luZ0RpciwgcHVibGlzaERpcikpO1xuICAgICAgY29uc3Qgc2hvd24gPSAoZmlsZTogc3RyaW5nKSA9PiBwYXRoLnJlbGF0aXZlKHByb2Nlc3MuY3dkKCksIGZpbGUpIHx8IGZpbGU7XG4gICAgICBwdWJsaXNoZWQuZm9yRWFjaCgoZmlsZSkgPT4gbG9nKGBQdWJsaXNoZWQgJHtzaG93bihmaWxlKX1gKSk7XG4gICAgICB1bmNoYW5nZWQuZm9yRWFjaCgoZmlsZSkgPT4gbG9nKGBVbmNoYW5nZWQgJHtzaG93bihmaWxlKX1gKSk7XG4gICAgfVxuICAgIHJldHVybiB7IG9rOiB0cnVlLCBwdWJsaXNoZWQsIHVuY2hhbmdlZCB9O1xuICB9IGNhdGNoIChlcnJvcikge1xuICAgIGxvZyhkZXNjcmliZUZhaWx1cmUoZXJyb3IsIHB1Ymxpc2hlcyA/IHB1Ymxpc2hEaXIgOiB1bmRlZmluZWQpKTtcbiAgICBpZiAodmlhQ2xpKSB7XG4gICAgICBmcy5ybVN5bmMoc3RhZ2luZ0RpciwgeyByZWN1cnNpdmU6IHRydWUsIGZvcmNlOiB0cnVlIH0pO1xuICAgIH0gZWxzZSB7XG4gICAgICBwcm9jZXNzLmV4aXRDb2RlID0gMTtcbiAgICB9XG4gICAgcmV0dXJuIHsgb2s6IGZhbHNlLCBwdWJsaXNoZWQsIHVuY2hhbmdlZCB9O1xuICB9IGZpbmFsbHkge1xuICAgIGlmIChjbGlPdXRkaXIgPT09IHVuZGVmaW5lZCkge1xuICAgICAgZnMucm1TeW5jKHN0YWdpbmdEaXIsIHsgcmVjdXJzaXZlOiB0cnVlLCBmb3JjZTogdHJ1ZSB9KTtcbiAgICB9XG4gIH1cbn1cblxuLyoqIFRoZSBtZXNzYWdlIGZvciBhIGZhaWxlZCBzeW50aDogYSBjb25maWd1cmF0aW9uIGVycm9yIHJlYWRzIGFzIG9uZSwgYW55dGhpbmcgZWxzZSBhcyBhIGJ1Zy4gKi9cbmZ1bmN0aW9uIGRlc2NyaWJlRmFpbHVyZShlcnJvcjogdW5rbm93biwgcHVibGlzaERpcjogc3RyaW5nIHwgdW5kZWZpbmVkKTogc3RyaW5nIHtcbiAgY29uc3Qga2VwdCA9IHB1Ymxpc2hEaXIgPyBgICR7cGF0aC5yZWxhdGl2ZShwcm9jZXNzLmN3ZCgpLCBwdWJsaXNoRGlyKSB8fCBwdWJsaXNoRGlyfS8gd2FzIGxlZnQgdW5jaGFuZ2VkLmAgOiAnJztcbiAgY29uc3QgaXNDb25maWdFcnJvciA9IGVycm9yIGluc3RhbmNlb2YgVmFsaWRhdGlvbkVycm9yXG4gICAgfHwgKGVycm9yIGluc3RhbmNlb2YgRXJyb3IgJiYgZXJyb3IubmFtZSA9PT0gJ1ZhbGlkYXRpb25FcnJvcicpXG4gICAgLy8gVGhlIGZvcm0gY2RrOHMgZ2l2ZXMgZXJyb3JzIG9mIG5vZGUuYWRkVmFsaWRhdGlvbigpLlxuICAgIHx8IChlcnJvciBpbnN0YW5jZW9mIEVycm9yICYmIGVycm9yLm1lc3NhZ2Uuc3RhcnRzV2l0aCgnVmFsaWRhdGlvbiBmYWlsZWQgd2l0aCB0aGUgZm9sbG93aW5nIGVycm9ycycpKTtcbiAgaWYgKGlzQ29uZmlnRXJyb3IpIHtcbiAgICByZXR1cm4gYEVycm9yOiAkeyhlcnJvciBhcyBFcnJvcikubWVzc2FnZX1cXG5TeW50aGVzaXMgZmFpbGVkOiBmaXggdGhlIGNvbmZpZ3VyYXRpb24gYWJvdmUuJHtrZXB0fWA7XG4gIH1cbiAgY29uc3QgZGV0YWlsID0gZXJyb3IgaW5zdGFuY2VvZiBFcnJvciA/IGVycm9yLnN0YWNrID8/IGVycm9yLm1lc3NhZ2UgOiBTdHJpbmcoZXJyb3IpO1xuICByZXR1cm4gYEVycm9yOiBzeW50aGVzaXMgZmFpbGVkIHVuZXhwZWN0ZWRseS4ke2tlcHR9XFxuJHtkZXRhaWx9YDtcbn1cblxuZnVuY3Rpb24gY29sbGVjdFdhcm5pbmdzKGFwcDogQXBwKTogc3RyaW5nW10ge1xuICByZXR1cm4gYXBwLm5vZGUuZmluZEFsbCgpLmZsYXRNYXAoKGM6IElDb25zdHJ1Y3QpID0+IGMubm9kZS5tZXRhZGF0YVxuICAgIC5maWx0ZXIoKG0pID0+IG0udHlwZSA9PT0gV0FSTklOR19NRVRBREFUQSlcbiAgICAubWFwKChtKSA9PiBgWyR7Yy5ub2RlLnBhdGh9XSAke1N0cmluZyhtLmRhdGEpfWApKTtcbn1cblxuLyoqXG4gKiBNYWtlcyBgcHVibGlzaERpcmAgaG9sZCBleGFjdGx5IHRoZSBmaWxlcyBvZiBgc3RhZ2luZ0RpcmAuIEVhY2ggY2hhbmdlZCBmaWxlIGlzIHdyaXR0ZW4gYmVzaWRlXG4gKiBpdHMgdGFyZ2V0IGFuZCByZW5hbWVkIG92ZXIgaXQgKGF0b21pYyBvbiBvbmUgZmlsZXN5c3RlbSk7IGZpbGVzIHRoZSBhcHAgbm8gbG9uZ2VyIHByb2R1Y2VzIGFyZVxuICogcmVtb3ZlZCBsYXN0LlxuICovXG5mdW5jdGlvbiBwdWJsaXNoKHN0YWdpbmdEaXI6IHN0cmluZywgcHVibGlzaERpcjogc3RyaW5nKTogeyBwdWJsaXNoZWQ6IHN0cmluZ1tdOyB1bmNoYW5nZWQ6IHN0cmluZ1tdIH0ge1xuICBmcy5ta2RpclN5bmMocHVibGlzaERpciwgeyByZWN1cnNpdmU6IHRydWUgfSk7XG4gIGNvbnN0IHByb2R1Y2VkID0gZnMucmVhZGRpclN5bmMoc3RhZ2luZ0RpciwgeyB3aXRoRmlsZVR5cGVzOiB0cnVlIH0pO1xuICBjb25zdCBwdWJsaXNoZWQ6IHN0cmluZ1tdID0gW107XG4gIGNvbnN0IHVuY2hhbmdlZDogc3RyaW5nW10gPSBbXTtcbiAgZm9yIChjb25zdCBlbnRyeSBvZiBwcm9kdWNlZCkge1xuICAgIGlmICghZW50cnkuaXNGaWxlKCkpIHtcbiAgICAgIHRocm93IG5ldyBFcnJvcihgc3ludGggcHJvZHVjZWQgJHtlbnRyeS5uYW1lfSBpbiAke3N0YWdpbmdEaXJ9LCB3aGljaCBpcyBub3QgYSBmaWxlOyBvbmx5IGZsYXQgbWFuaWZlc3QgZmlsZXMgY2FuIGJlIHB1Ymxpc2hlZGApO1xuICAgIH1cbiAgICBjb25zdCBjb250ZW50ID0gZnMucmVhZEZpbGVTeW5jKHBhdGguam9pbihzdGFnaW5nRGlyLCBlbnRyeS5uYW1lKSk7XG4gICAgY29uc3QgdGFyZ2V0ID0gcGF0aC5qb2luKHB1Ymxpc2hEaXIsIGVudHJ5Lm5hbWUpO1xuICAgIGlmIChmcy5leGlzdHNTeW5jKHRhcmdldCkgJiYgZnMuc3RhdFN5bmModGFyZ2V0KS5pc0ZpbGUoKSAmJiBmcy5yZWFkRmlsZVN5bmModGFyZ2V0KS5lcXVhbHMoY29udGVudCkpIHtcbiAgICAgIHVuY2hhbmdlZC5wdXNoKHRhcmdldCk7XG4gICAgICBjb250aW51ZTtcbiAgICB9XG4gICAgY29uc3QgdGVtcCA9IHBhdGguam9pbihwdWJsaXNoRGlyLCBgLiR7ZW50cnkubmFtZX0uJHtwcm9jZXNzLnBpZH0udG1wYCk7XG4gICAgdHJ5IHtcbiAgICAgIGZzLndyaXRlRmlsZVN5bmModGVtcCwgY29udGVudCk7XG4gICAgICBmcy5yZW5hbWVTeW5jKHRlbXAsIHRhcmdldCk7XG4gICAgfSBmaW5hbGx5IHtcbiAgICAgIGZzLnJtU3luYyh0ZW1wLCB7IGZvcmNlOiB0cnVlIH0pO1xuICAgIH1cbiAgICBwdWJsaXNoZWQucHVzaCh0YXJnZXQpO1xuICB9XG4gIGNvbnN0IG5hbWVzID0gbmV3IFNldChwcm9kdWNlZC5tYXAoKGUpID0+IGUubmFtZSkpO1xuICBmb3IgKGNvbnN0IHN0YWxlIG9mIGZzLnJlYWRkaXJTeW5jKHB1Ymxpc2hEaXIpKSB7XG4gICAgaWYgKCFuYW1lcy5oYXMoc3RhbGUpKSB7XG4gICAgICBmcy5ybVN5bmMocGF0aC5qb2luKHB1Ymxpc2hEaXIsIHN0YWxlKSwgeyByZWN1cnNpdmU6IHRydWUsIGZvcmNlOiB0cnVlIH0pO1xuICAgIH1cbiAgfVxuICByZXR1cm4geyBwdWJsaXNoZWQsIHVuY2hhbmdlZCB9O1xufVxuIl19
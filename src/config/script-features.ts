/**
 * Container scripts carry the code of optional features in marked blocks, so that a chart without
 * the feature ships exactly the script it shipped before the feature existed (a changed script
 * changes the ConfigMap's checksum, and that rolls every pod):
 *
 * ```sh
 * # [tls]
 * if [ "${REDIS_TLS:-}" = 1 ]; then ... fi
 * # [/tls]
 * ```
 *
 * The code inside a block must also be harmless when the feature is off (guarded by the env var
 * the feature sets), because the tests run the whole file, blocks included.
 */

/** The optional features that scripts mark. */
export type ScriptFeature = 'tls';

const MARKER = /^\s*# \[(\/?)([a-z-]+)\]\s*$/;

/** The script `text` with the blocks of features not in `features` removed, and every marker line. */
export function scriptForFeatures(name: string, text: string, features: ReadonlySet<string>): string {
  const kept: string[] = [];
  let open: string | undefined;
  text.split('\n').forEach((line, i) => {
    const marker = MARKER.exec(line);
    if (!marker) {
      if (open === undefined || features.has(open)) kept.push(line);
      return;
    }
    const [, closing, feature] = marker;
    if (!closing && open !== undefined) {
      throw new Error(`${name}:${i + 1}: block [${feature}] opens inside block [${open}]; close [${open}] first`);
    }
    if (closing && open !== feature) {
      throw new Error(`${name}:${i + 1}: [/${feature}] closes ${open === undefined ? 'no open block' : `block [${open}]`}`);
    }
    open = closing ? undefined : feature;
  });
  if (open !== undefined) {
    throw new Error(`${name}: block [${open}] is never closed; add a line '# [/${open}]'`);
  }
  return kept.join('\n');
}

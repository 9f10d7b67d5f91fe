#!/usr/bin/env node
/*
 * Runs the default app (src/main.ts) fast and always as the sources are now.
 *
 * `npx cdk8s synth` (cdk8s.yaml `app`) and `npm run synth` start this file. Loading TypeScript to
 * transpile src/ on every run cost several times what the app itself does, so the transpiled
 * modules are kept in a cache folder named by a hash of everything they are made from: every file
 * under src/ (path and content, so an edit is seen even when the file's time or size did not
 * change), tsconfig.json and the TypeScript version. A run whose hash has a folder runs it; any
 * other run transpiles src/ once (TypeScript's transpileModule, as ts-node's transpile-only mode
 * did), into a new folder renamed into place when complete, and removes the older folders.
 *
 * Like `ts-node --transpile-only`, this does not type-check: `npx tsc --noEmit`, the compile task
 * and the tests do.
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/** Bumped when the way this file transpiles changes, so older cache folders are not reused. */
const FORMAT = '1';

/**
 * Every file under `dir`, as paths relative to it with forward slashes, sorted.
 * @param {string} dir
 * @returns {string[]}
 */
function listFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.isFile()) {
        out.push(child);
      }
    }
  };
  walk('');
  return out.sort();
}

/**
 * The hash that names the cache folder of the sources as they are now.
 * @param {string} projectDir
 * @param {string[]} files under src/
 * @returns {string}
 */
function sourceHash(projectDir, files) {
  const hash = crypto.createHash('sha256');
  const add = (label, content) => {
    hash.update(`${label}\0${content.length}\0`);
    hash.update(content);
  };
  add('format', FORMAT);
  add('typescript', require('typescript/package.json').version);
  add('tsconfig.json', fs.readFileSync(path.join(projectDir, 'tsconfig.json')));
  for (const file of files) {
    add(`src/${file}`, fs.readFileSync(path.join(projectDir, 'src', file)));
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * Transpiles src/ into `target` (TypeScript files to CommonJS, every other file copied as is).
 * @param {string} projectDir
 * @param {string[]} files
 * @param {string} target
 */
function transpile(projectDir, files, target) {
  const ts = require('typescript');
  const configPath = path.join(projectDir, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) {
    throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  }
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions ?? {}, projectDir, configPath);
  const compilerOptions = {
    ...options,
    module: ts.ModuleKind.CommonJS,
    declaration: false,
    sourceMap: false,
    inlineSourceMap: false,
    inlineSources: false,
    noEmit: false,
  };
  for (const file of files) {
    const source = path.join(projectDir, 'src', file);
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
      const { outputText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), { compilerOptions, fileName: source });
      fs.writeFileSync(path.join(target, file.replace(/\.ts$/, '.js')), outputText);
    } else if (!file.endsWith('.ts')) {
      fs.copyFileSync(source, path.join(target, file));
    }
  }
}

/**
 * The folder holding the transpiled sources as they are now, transpiling them if needed.
 * @param {{ projectDir?: string, cacheDir?: string }} [options]
 * @returns {{ dir: string, transpiled: boolean }}
 */
function prepareApp(options = {}) {
  const projectDir = path.resolve(options.projectDir ?? path.join(__dirname, '..'));
  const cacheDir = path.resolve(options.cacheDir ?? path.join(projectDir, 'node_modules', '.cache', 'redis-cluster-cdk8s', 'app'));
  const files = listFiles(path.join(projectDir, 'src'));
  const hash = sourceHash(projectDir, files);
  const dir = path.join(cacheDir, hash);
  if (fs.existsSync(path.join(dir, 'main.js'))) {
    return { dir, transpiled: false };
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const partial = fs.mkdtempSync(path.join(cacheDir, `.${hash}-`));
  try {
    transpile(projectDir, files, partial);
    try {
      fs.renameSync(partial, dir);
    } catch (error) {
      // Another run made the same folder meanwhile: it holds the same files.
      if (!fs.existsSync(path.join(dir, 'main.js'))) {
        throw error;
      }
    }
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  for (const stale of fs.readdirSync(cacheDir)) {
    if (stale !== hash && !stale.startsWith('.')) {
      fs.rmSync(path.join(cacheDir, stale), { recursive: true, force: true });
    }
  }
  return { dir, transpiled: true };
}

module.exports = { prepareApp, sourceHash, listFiles };

if (require.main === module) {
  // Overrides for tests and benchmarks. The cache folder must be inside the project folder, so that
  // the transpiled modules find its node_modules.
  const cacheDir = process.env.REDIS_CLUSTER_APP_CACHE || undefined;
  const projectDir = process.env.REDIS_CLUSTER_APP_PROJECT || undefined;
  const { dir } = prepareApp({ cacheDir, projectDir });
  require(path.join(dir, 'main.js'));
}

#!/usr/bin/env node
/**
 * Builds the npm package into `dist/` (run through `npm run build:package`, which runs
 * `npm run i18n` first so `src/generated/` exists):
 *
 *   dist/**\/*.js, *.d.ts   ESM, one module per source module (Vite 8 / rolldown with
 *                          preserveModules); lit, @lit/localize and qrcode stay imports so the
 *                          portal's bundler dedupes them. Declarations from tsc 7.
 *   dist/cdn/*.js          self-contained, minified ES modules for a plain `<script type="module">`
 *                          (lit bundled in, qrcode and the Danish texts as lazy chunks).
 *   dist/custom-elements.json  from the elements' JSDoc (@custom-elements-manifest/analyzer --litelement).
 *
 * Two production transforms run on every built module (scripts/package-transforms.mjs), so the
 * CDN bundles, built from dist/, have them too; the source maps still point into src/:
 *   - the static text of Lit's html`…`/svg`…`/css`…` templates loses its indentation (CSS
 *     comments too); what renders, attribute values and binding positions stay the same.
 *   - message ids are short: `msg(…, { id: 'otp.heading' })` and the key of the generated
 *     locale modules become the same base-36 index over the sorted ids (e.g. `"3o"`). The readable
 *     ids stay in the source: translators, locales/da/*.json, the xliff and docs/i18n.md (adding a
 *     language) work from src/, never from dist/. The build fails when an id is not a string
 *     literal or a msg() has none, when dist/'s msg() calls and a locale's modules do not name
 *     the same ids, or when a readable id is left in dist/ or dist/cdn/.
 *
 * Nothing from mock-server/, src/demo/, public/ (mockServiceWorker.js), otplib or msw ends up in
 * dist: the script checks that at the end and fails otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { checkMessageIds, moduleMessageIds, shortIdMap, transformModule } from './package-transforms.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** The public modules: entries, every element's define module and class module, the event classes. */
export function packageEntries() {
  const entries = { index: 'src/index.ts', 'tfa-login': 'src/tfa-login.ts', 'tfa-settings': 'src/tfa-settings.ts' };
  for (const name of readdirSync(join(src, 'components'))) {
    const dir = join(src, 'components', name);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir)) {
      if (file === 'define.ts' || file === `${name}.ts` || file.endsWith('-event.ts')) {
        entries[`components/${name}/${file.replace(/\.ts$/, '')}`] = `src/components/${name}/${file}`;
      }
    }
  }
  for (const file of readdirSync(join(src, 'events'))) {
    if (file.endsWith('.ts')) entries[`events/${file.replace(/\.ts$/, '')}`] = `src/events/${file}`;
  }
  return entries;
}

const allowTypeErrors = process.argv.includes('--allow-type-errors');

function run(cmd, args, { tolerate = false } = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status === 0) return;
  const message = `${relative(root, args[0])} ${args.slice(1).join(' ')} failed (${result.status})`;
  if (!tolerate) throw new Error(message);
  console.warn(`build-package: ${message}; continuing because of --allow-type-errors`);
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

function messageIds(files) {
  const ids = new Set();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bid:\s*['"`]([\w.-]+)['"`]/g)) ids.add(m[1]);
  }
  return ids;
}

/**
 * `npm run i18n` writes per locale the sign-in's module (`da.ts`, which also carries the demo
 * portal's `demo.*` texts) and the settings' (`da-settings.ts`, see docs/i18n.md). The package
 * does not ship the demo, so its translations are dropped from the shipped locale modules: ids
 * used in src/demo/ and nowhere else in src/.
 */
export function demoOnlyMessageIds() {
  const files = [...walk(src)].filter((f) => f.endsWith('.ts') && !f.includes(`${join(src, 'generated')}`));
  const demo = messageIds(files.filter((f) => f.startsWith(join(src, 'demo'))));
  const shipped = messageIds(files.filter((f) => !f.startsWith(join(src, 'demo'))));
  return new Set([...demo].filter((id) => !shipped.has(id)));
}

function dropDemoTranslations() {
  const drop = demoOnlyMessageIds();
  return {
    name: 'tfa-drop-demo-translations',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/generated\/locales\/[\w-]+\.ts$/.test(id)) return null;
      let dropped = 0;
      const out = code.split('\n').filter((line) => {
        const m = line.match(/^\s*'([\w.-]+)':/);
        if (!m || !drop.has(m[1])) return true;
        // lit-localize writes one entry per line; anything else would need a parser
        if (!/,\s*$/.test(line)) throw new Error(`${id}: entry ${m[1]} spans several lines`);
        dropped++;
        return false;
      });
      // the demo's texts live in the sign-in's module (`<locale>.ts`), not in a part (`<locale>-settings.ts`)
      if (dropped === 0 && drop.size && !/\/[\w]+-[a-z]{3,}\.ts$/.test(id)) this.warn(`no demo translations found in ${id}`);
      return { code: out.join('\n'), map: null };
    },
  };
}

/**
 * package.json `sideEffects` describes dist/ for the portal's bundler. While dist/ is being built
 * from src/, rolldown would apply it to the source modules too and drop the entries' side-effect
 * imports (`import './components/login/define.js'`): every source module keeps its side effects.
 */
function sourceKeepsSideEffects() {
  return {
    name: 'tfa-source-keeps-side-effects',
    enforce: 'pre',
    load(id) {
      if (!id.startsWith(src) || !/\.ts$/.test(id)) return null;
      return { code: readFileSync(id, 'utf8'), moduleSideEffects: true };
    },
  };
}

/**
 * The production transforms of scripts/package-transforms.mjs on every built module: Lit
 * template text collapsed, message ids shortened. The ids are collected from the transformed
 * modules (msg() calls and the locale modules' entries, after the demo's are dropped), so the
 * short id of each is known before the first chunk is written. rolldown chains the returned
 * source maps, so dist/*.js.map still point into src/.
 */
function productionTransforms(state) {
  const ids = new Set();
  return {
    name: 'tfa-production-transforms',
    enforce: 'post',
    transform(code, id) {
      if (!id.startsWith(src) || !/\.[cm]?[jt]s$/.test(id)) return null;
      const found = moduleMessageIds(code, relative(root, id));
      for (const x of [...found.calls, ...found.entries]) ids.add(x);
      return null;
    },
    renderStart() {
      state.ids = shortIdMap(ids);
    },
    renderChunk(code, chunk) {
      const result = transformModule(code, chunk.fileName, { ids: state.ids });
      return result.changed ? { code: result.code, map: result.map } : null;
    },
  };
}

async function buildModules() {
  const state = { ids: new Map() };
  await viteBuild({
    root,
    configFile: false,
    publicDir: false, // never copy public/mockServiceWorker.js
    logLevel: 'warn',
    plugins: [sourceKeepsSideEffects(), dropDemoTranslations(), productionTransforms(state)],
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2022',
      minify: false, // the portal's bundler minifies; readable code is easier to audit (see the transforms above)
      sourcemap: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: Object.fromEntries(Object.entries(packageEntries()).map(([k, v]) => [k, join(root, v)])), formats: ['es'] },
      rolldownOptions: {
        external: (id) => /^(lit|@lit\/localize|qrcode)(\/|$)/.test(id),
        output: {
          preserveModules: true,
          preserveModulesRoot: 'src',
          // the compiler's decorator helper: one shared module instead of a copy in every element
          entryFileNames: (chunk) => `${chunk.name.replace(/^.*\/helpers\/(esm\/)?/, 'internal/helpers/')}.js`,
        },
      },
    },
  });
  return state.ids;
}

function buildDeclarations() {
  // tsc still writes the declarations when it reports errors; a release must not ship them.
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'scripts/tsconfig.package.json'], { tolerate: allowTypeErrors });
}

async function buildCdn() {
  await esbuild({
    absWorkingDir: root,
    entryPoints: { 'tfa-login': 'dist/tfa-login.js', 'tfa-settings': 'dist/tfa-settings.js', index: 'dist/index.js' },
    outdir: 'dist/cdn',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
}

function buildManifest() {
  run(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--litelement', '--config', 'custom-elements-manifest.config.mjs']);
}

/** Fails the build if anything that must not ship is in dist. */
export function forbiddenInDist(dir = dist) {
  const problems = [];
  for (const file of walk(dir)) {
    const rel = relative(dir, file);
    if (/mockServiceWorker|mock-server|(^|\/)demo\//.test(rel)) problems.push(`${rel}: forbidden file`);
    if (!/\.(js|map)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    const code = file.endsWith('.map') ? JSON.stringify(JSON.parse(text).sources) : text;
    for (const [marker, what] of [[/otplib|@otplib/, 'otplib'], [/from\s*["']msw|\bmsw\/|setupWorker|mockServiceWorker/, 'msw'], [/mock-server/, 'mock-server'], [/__mock\//, 'mock control API']]) {
      if (marker.test(code)) problems.push(`${rel}: contains ${what}`);
    }
  }
  return problems;
}

async function main() {
  const t0 = Date.now();
  if (!existsSync(join(src, 'generated/locales/da.ts'))) throw new Error('src/generated is missing: run `npm run i18n` first');
  rmSync(dist, { recursive: true, force: true });
  const ids = await buildModules();
  buildDeclarations();
  await buildCdn();
  buildManifest();
  const problems = [...forbiddenInDist(), ...checkMessageIds(dist, { ids })];
  if (problems.length) {
    console.error(`build-package: dist/ is not fit to ship:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`build-package: dist/ ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

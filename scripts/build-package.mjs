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
 * Nothing from mock-server/, src/demo/, public/ (mockServiceWorker.js), otplib or msw ends up in
 * dist: the script checks that at the end and fails otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

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

async function buildModules() {
  await viteBuild({
    root,
    configFile: false,
    publicDir: false, // never copy public/mockServiceWorker.js
    logLevel: 'warn',
    plugins: [sourceKeepsSideEffects(), dropDemoTranslations()],
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2022',
      minify: false, // the portal's bundler minifies; readable code is easier to audit
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
  await buildModules();
  buildDeclarations();
  await buildCdn();
  buildManifest();
  const problems = forbiddenInDist();
  if (problems.length) {
    console.error(`build-package: forbidden content in dist/:\n  ${problems.join('\n  ')}`);
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

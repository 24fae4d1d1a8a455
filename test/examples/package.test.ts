/**
 * The built package (dist/, from `npm run build:package`): what `npm pack` would publish, the
 * `exports` map, the custom-elements manifest, the CDN bundle, the declarations.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { assertPackageBuilt, repo } from './helpers.js';

interface Pkg {
  exports: Record<string, string | { types: string; default: string }>;
  sideEffects: string[];
  customElements: string;
  main: string;
  types: string;
  files: string[];
}
interface Manifest {
  modules: { path: string; declarations?: { name: string; customElement?: boolean; tagName?: string; summary?: string; attributes?: unknown[] }[] }[];
}

const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Pkg & { name: string };
const read = (rel: string) => readFileSync(join(repo, rel), 'utf8');

/** Every tag the source registers: define('tfa-…', …) in src/components/<name>/define.ts. */
function definedTags(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const name of readdirSync(join(repo, 'src/components'))) {
    const file = join(repo, 'src/components', name, 'define.ts');
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/define\('(tfa-[a-z-]+)'/g)) tags.set(m[1], name);
  }
  return tags;
}

describe('package (dist/)', () => {
  let packed: string[];

  before(() => {
    assertPackageBuilt();
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    packed = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  });

  describe('exports', () => {
    const require = createRequire(join(repo, 'package.json'));
    it('has ".", "./login", "./settings" and one entry per element', () => {
      for (const name of ['.', './login', './settings']) assert.ok(pkg.exports[name], name);
      for (const dir of definedTags().values()) {
        if (dir === 'login' || dir === 'settings') continue;
        assert.ok(pkg.exports[`./${dir}`], `exports["./${dir}"] is missing`);
      }
    });
    it('every entry resolves (self-reference, as a bundler would) to a built file with its declarations', () => {
      for (const [key, target] of Object.entries(pkg.exports)) {
        if (key.includes('*')) continue;
        const specifier = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
        const file = require.resolve(specifier);
        assert.ok(existsSync(file), `${specifier} → ${file}`);
        if (typeof target === 'object') assert.ok(existsSync(join(repo, target.types)), `${specifier} types ${target.types}`);
      }
      assert.ok(existsSync(join(repo, pkg.main)) && existsSync(join(repo, pkg.types)));
    });
    it('element entries point at define modules that register the element', () => {
      for (const [tag, dir] of definedTags()) {
        const target = pkg.exports[dir === 'login' ? './login' : dir === 'settings' ? './settings' : `./${dir}`];
        assert.ok(typeof target === 'object', tag);
        const code = read(target.default);
        const registers = code.includes(`define("${tag}"`) || code.includes(`./components/${dir}/define.js`);
        assert.ok(registers, `${target.default} does not register <${tag}>`);
      }
    });
    it('the sign-in entry registers every sign-in step (side-effect imports survive the build)', () => {
      const code = read('dist/tfa-login.js');
      for (const dir of ['login', 'login-form', 'otp-entry', 'signed-in', 'push-wait', 'device-picker', 'forgot-device']) {
        assert.match(code, new RegExp(`import "\\./components/${dir}/define\\.js"`), dir);
      }
    });
    it('declares the define modules and entries as side effects, nothing else of the modules', () => {
      for (const pattern of ['./dist/index.js', './dist/tfa-login.js', './dist/tfa-settings.js', './dist/components/*/define.js']) {
        assert.ok(pkg.sideEffects.includes(pattern), pattern);
      }
      assert.ok(!pkg.sideEffects.some((p) => p.includes('internal') || p === './dist/**'), 'internal modules stay tree-shakable');
    });
  });

  describe('contents', () => {
    it('npm pack ships dist/ and the docs, never the mock, the MSW worker, sources or tests', () => {
      assert.ok(packed.includes('package.json') && packed.includes('dist/custom-elements.json'));
      assert.ok(packed.includes('dist/index.d.ts') && packed.includes('dist/cdn/tfa-login.js'));
      assert.ok(packed.includes('docs/integrator-guide.md') && packed.includes('docs/theming.md'));
      const forbidden = packed.filter((p) => /mockServiceWorker|mock-server|^src\/|^test\/|^examples\/|^stories\/|^public\/|node_modules|(^|\/)demo\//.test(p));
      assert.deepEqual(forbidden, []);
    });
    it('no module in dist/ carries otplib, msw or mock code', async () => {
      const script = pathToFileURL(join(repo, 'scripts/build-package.mjs')).href;
      const { forbiddenInDist } = (await import(script)) as { forbiddenInDist: () => string[] };
      assert.deepEqual(forbiddenInDist(), []);
    });
    it('the modules leave lit, @lit/localize and qrcode to the portal\'s bundler (one copy of Lit)', () => {
      assert.match(read('dist/components/login/login.js'), /from "lit"/);
      assert.match(read('dist/components/totp-wizard/qr.js'), /import\("qrcode"\)/);
      for (const file of ['dist/index.js', 'dist/tfa-login.js', 'dist/components/login/login.js']) {
        assert.doesNotMatch(read(file), /node_modules|lit-html\/lit-html/, file);
      }
    });
    it('the CDN bundle is self-contained: no bare imports for the browser to resolve', () => {
      for (const file of ['dist/cdn/tfa-login.js', 'dist/cdn/tfa-settings.js', 'dist/cdn/index.js', ...readdirSync(join(repo, 'dist/cdn/chunks')).map((f) => `dist/cdn/chunks/${f}`)]) {
        const code = read(file);
        const specifiers = [...code.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"'\s]+)["']/g)].map((m) => m[1]);
        const bare = specifiers.filter((x) => /^(@[\w.-]+\/)?[a-z][\w.-]*(\/[\w./-]*)?$/i.test(x) && !x.startsWith('.'));
        assert.deepEqual(bare, [], file);
        if (!file.includes('/chunks/')) assert.ok(specifiers.some((x) => x.startsWith('./chunks/')), `${file}: the check sees its imports`);
      }
    });
    it('the shipped Danish texts do not carry the demo portal\'s strings', () => {
      const da = read('dist/generated/locales/da.js');
      assert.doesNotMatch(da, /"demo\./);
      assert.match(da, /"otp\.submit": `Log på`/);
    });
  });

  describe('custom-elements.json', () => {
    const manifest = JSON.parse(read('dist/custom-elements.json')) as Manifest;
    const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => ({ ...d, path: m.path })));
    it('lists every tfa-* element the source registers, and nothing else', () => {
      assert.deepEqual(elements.map((e) => e.tagName).sort(), [...definedTags().keys()].sort());
    });
    it('points at shipped modules and carries the JSDoc summary', () => {
      for (const e of elements) {
        assert.match(e.path, /^dist\/.*\.js$/, e.tagName);
        assert.ok(existsSync(join(repo, e.path)), e.path);
        assert.ok(e.summary && e.summary.length > 10, `${e.tagName} has no @summary`);
      }
    });
    it('documents <tfa-login>\'s attributes and public events', () => {
      const login = elements.find((e) => e.tagName === 'tfa-login') as unknown as { attributes: { name: string }[]; events: { name: string }[] };
      const attributes = login.attributes.map((a) => a.name);
      for (const name of ['api-base', 'flow', 'lang', 'timeout-ms']) assert.ok(attributes.includes(name), name);
      const guide = read('docs/integrator-guide.md');
      for (const name of attributes) assert.ok(guide.includes(`| \`${name}\` |`), `docs/integrator-guide.md does not document the attribute ${name}`);
      assert.deepEqual(login.events.map((e) => e.name).sort(), ['tfa-login-failure', 'tfa-login-success', 'tfa-logout', 'tfa-step-change']);
    });
    it('is the file package.json announces', () => {
      assert.equal(pkg.customElements, 'dist/custom-elements.json');
    });
  });

  describe('declarations', () => {
    it('an integrator project type-checks against dist/*.d.ts (examples/tsconfig.json)', () => {
      execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'examples/tsconfig.json'], { cwd: repo, stdio: 'pipe' });
    });
  });
});

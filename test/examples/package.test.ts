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
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { parseAst } from 'vite';
import { assertPackageBuilt, launch, repo } from './helpers.js';

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

/** Whitespace runs as one space (dist/'s templates are collapsed); `xml`: unescape the xliff's entities first. */
function normalize(text: string, { xml = false } = {}): string {
  const t = xml ? unescapeXml(text) : text;
  return t.replace(/\s+/g, ' ').trim();
}
function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
/** The text of a message argument as built: a string literal, or a (str/html) template with `${…}` as `{}`. */
function jsText(source: string): string {
  if (/^["']/.test(source)) return source.startsWith('"') ? (JSON.parse(source) as string) : source.slice(1, -1);
  const body = source.replace(/^[\w$]*`/, '').replace(/`$/, '');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body.startsWith('${', i)) {
      let depth = 0;
      for (; i < body.length; i++) {
        if (body[i] === '{') depth++;
        else if (body[i] === '}' && --depth === 0) break;
      }
      out += '{}';
    } else out += body[i];
  }
  return out;
}
/** A generated translation (`str\`… ${0} …\``) in the `{0}` notation of locales/da/*.json. */
function danishText(source: string): string {
  return source.replace(/^[\w$]*`/, '').replace(/`$/, '').replace(/\$\{(\d+)\}/g, '{$1}');
}

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
  });

  describe('messages (short ids in dist/, readable ids in the source)', () => {
    // What the translators work from: the English of every id (the xliff that `npm run i18n`
    // extracts from src/) and its Danish (locales/da/*.json).
    const english = new Map<string, string>();
    for (const m of read('locales/da.xlf').matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>/g)) {
      english.set(m[1], normalize(m[2].replace(/<x id="\d+" equiv-text="([^"]*)"\/>/g, (_x, equiv: string) => (unescapeXml(equiv).startsWith('${') ? '{}' : unescapeXml(equiv))), { xml: true }));
    }
    const danish = new Map<string, string>();
    for (const file of readdirSync(join(repo, 'locales/da'))) {
      for (const [id, text] of Object.entries(JSON.parse(read(`locales/da/${file}`)) as Record<string, string>)) danish.set(id, normalize(text));
    }
    let demoOnly: Set<string>;
    let ids: Map<string, string>;
    let readableOf: Map<string, string>;
    let transforms: typeof import('../../scripts/package-transforms.mjs');

    before(async () => {
      transforms = await import(pathToFileURL(join(repo, 'scripts/package-transforms.mjs')).href);
      const build = (await import(pathToFileURL(join(repo, 'scripts/build-package.mjs')).href)) as { demoOnlyMessageIds: () => Set<string> };
      demoOnly = build.demoOnlyMessageIds();
      ids = transforms.shortIdMap([...english.keys()].filter((id) => !demoOnly.has(id)));
      readableOf = new Map([...ids].map(([readable, short]) => [short, readable]));
    });

    /** Every built module's messages: [{ file, id, text }]. */
    function distMessages(under: string, locale: boolean) {
      const found: { file: string; id: string; text: string }[] = [];
      const visit = (dir: string) => {
        for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
          const rel = `${dir}/${entry.name}`;
          if (entry.isDirectory() && entry.name !== 'cdn') visit(rel);
          else if (rel.endsWith('.js') && transforms.LOCALE_MODULE.test(rel) === locale) {
            for (const m of transforms.describeMessages(read(rel), rel)) found.push({ file: rel, ...m });
          }
        }
      };
      visit(under);
      return found;
    }

    it('msg() calls and the Danish modules name the same ids, and no readable id is left (dist/cdn neither)', () => {
      assert.deepEqual(transforms.checkMessageIds(join(repo, 'dist'), { ids }), []);
      assert.ok(ids.size > 200, `${ids.size} ids`);
      for (const short of readableOf.keys()) assert.match(short, /^[0-9a-z]{1,2}$/);
    });

    it('each msg() in dist/ still shows its own English text, and its short id finds its own Danish translation', () => {
      const calls = distMessages('dist', false);
      const translations = new Map(distMessages('dist/generated', true).map((m) => [m.id, m]));
      assert.ok(calls.length >= ids.size, `${calls.length} msg() calls`);
      for (const call of calls) {
        const readable = readableOf.get(call.id);
        assert.ok(readable, `${call.file}: msg() id ${call.id} is not a short id of the source's ids`);
        assert.equal(normalize(jsText(call.text)), english.get(readable), `${call.file}: English of ${readable}`);
        const translation = translations.get(call.id);
        assert.ok(translation, `${call.file}: no Danish for ${readable}`);
        assert.equal(normalize(danishText(translation.text)), danish.get(readable), `${translation.file}: Danish of ${readable}`);
      }
      const otpSubmit = translations.get(ids.get('otp.submit')!);
      assert.deepEqual(otpSubmit && { file: otpSubmit.file, text: otpSubmit.text }, { file: 'dist/generated/locales/da.js', text: '`Log på`' });
      // the settings' texts stay in their own module, loaded only by the settings
      assert.equal(translations.get(ids.get('contact.heading')!)?.file, 'dist/generated/locales/da-settings.js');
    });

    it('the shipped Danish texts do not carry the demo portal\'s strings', () => {
      assert.ok(demoOnly.size > 10, `${demoOnly.size} demo-only ids`);
      const shippedDanish = new Set(distMessages('dist/generated', true).map((m) => normalize(danishText(m.text))));
      const otherDanish = new Set([...danish].filter(([id]) => !demoOnly.has(id)).map(([, text]) => text));
      for (const id of demoOnly) {
        const text = danish.get(id)!;
        if (!otherDanish.has(text)) assert.ok(!shippedDanish.has(text), `dist ships the demo's ${id}: ${text}`);
      }
      assert.equal(distMessages('dist/generated', true).length, ids.size, 'one Danish text per shipped id, no more');
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

  describe('styles (css`…` text minified in dist/)', () => {
    let browser: Browser;
    before(async () => {
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
    });

    /** The text of every css`…` template of a module, in order (the widget's have no `${}`). */
    function cssTexts(code: string, lang: 'ts' | 'js'): string[] {
      const texts: string[] = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const n = node as { type?: string; tag?: { type: string; name: string }; quasi?: { quasis: { value: { cooked: string } }[] } };
        if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && n.tag.name === 'css') {
          assert.equal(n.quasi!.quasis.length, 1, 'a css`…` template with ${} in it: compare its parts too');
          texts.push(n.quasi!.quasis[0].value.cooked);
        }
        for (const [key, value] of Object.entries(node)) if (key !== 'parent') (Array.isArray(value) ? value : [value]).forEach(visit);
      };
      visit(parseAst(code, { lang }));
      return texts;
    }

    it('every style sheet in dist/ is, rule for rule, the sheet of its source (as Chromium parses both)', async () => {
      const pairs: { module: string; source: string; built: string }[] = [];
      const visit = (dir: string) => {
        for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
          const rel = `${dir}/${entry.name}`;
          if (entry.isDirectory()) visit(rel);
          else if (rel.endsWith('.ts') && !rel.endsWith('.d.ts') && !rel.includes('/demo/') && !rel.includes('/generated/')) {
            const source = cssTexts(read(rel), 'ts');
            if (!source.length) continue;
            const builtFile = rel.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
            const built = cssTexts(read(builtFile), 'js');
            assert.equal(built.length, source.length, builtFile);
            source.forEach((text, i) => pairs.push({ module: `${builtFile} #${i}`, source: text, built: built[i] }));
          }
        }
      };
      visit('src');
      assert.ok(pairs.length >= 10, `${pairs.length} style sheets`);
      const page = await browser.newPage();
      try {
        // (no named functions in here: the test's transpiler would wrap them in a helper the page lacks)
        const sheets = await page.evaluate((list) => list.map((pair) => {
          const [source, built] = [pair.source, pair.built].map((text) => {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(text);
            // Chromium keeps a value with var() as written (`var(--x, 1rem)`): only there does
            // the space after a comma, which the minifier drops, show in the serialization
            return [...sheet.cssRules].map((r) => r.cssText.replace(/,\s+/g, ','));
          });
          return { module: pair.module, source, built };
        }), pairs);
        for (const { module, source, built } of sheets) {
          assert.ok(source.length > 0, `${module}: no rules parsed`);
          assert.deepEqual(built, source, module);
        }
      } finally {
        await page.close();
      }
      for (const { module, source, built } of pairs) {
        assert.ok(built.length < source.length, `${module} is not minified`);
        assert.doesNotMatch(built, /\n|\/\*/, `${module} still has line breaks or comments`);
      }
    });
  });

  describe('declarations', () => {
    it('an integrator project type-checks against dist/*.d.ts (examples/tsconfig.json)', () => {
      execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'examples/tsconfig.json'], { cwd: repo, stdio: 'pipe' });
    });
  });
});

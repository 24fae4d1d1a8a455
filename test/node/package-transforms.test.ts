/**
 * The package build's production transforms (scripts/package-transforms.mjs) on small inputs:
 * Lit template text collapsed without changing what renders, short message ids applied the same
 * way to msg() calls and locale modules, and the build's refusals. The real dist/ is checked by
 * test/examples/package.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { _$LH } from 'lit-html/private-ssr-support.js';
import { parseAst } from 'vite';
import {
  checkMessageIds,
  describeMessages,
  minifyCssStrings,
  minifyHtmlStrings,
  shortIdMap,
  transformModule,
} from '../../scripts/package-transforms.mjs';

const css = (...strings: string[]) => minifyCssStrings(strings);
const html = (...strings: string[]) => minifyHtmlStrings(strings);

describe('css template text', () => {
  it('keeps the descendant combinator space: `.tfa :focus-visible` is not `.tfa:focus-visible`', () => {
    assert.deepEqual(css('\n  .tfa :focus-visible { outline: 3px solid red; }\n  .tfa:focus-visible { color: red; }\n'), [
      '.tfa :focus-visible{outline:3px solid red;}.tfa:focus-visible{color:red;}',
    ]);
    assert.deepEqual(css('.tfa   .a  > .b ~ .c, .d\n  .e {}'), ['.tfa .a>.b~.c,.d .e{}']);
  });

  it('keeps the spaces inside values (`1px solid`, calc, var fallbacks, `and (…)` in media queries)', () => {
    assert.deepEqual(css('.a {\n  border: 1px solid var(--x, #767676);\n  width: calc(100% - 2 * var(--gap, 1rem));\n}'), [
      '.a{border:1px solid var(--x,#767676);width:calc(100% - 2 * var(--gap,1rem));}',
    ]);
    assert.deepEqual(css('@media (min-width: 40em) and (prefers-reduced-motion: reduce) {\n  .a { padding: 0.5rem 1rem !important; }\n}'), [
      '@media (min-width:40em) and (prefers-reduced-motion:reduce){.a{padding:0.5rem 1rem!important;}}',
    ]);
  });

  it('removes comments, but never from strings or url(…), and never glues two tokens', () => {
    assert.deepEqual(css('/* theming */\n.a { color: red; /* why */ }\n/* end */'), ['.a{color:red;}']);
    assert.deepEqual(css('.a::before { content: "/* not a comment */  two  spaces"; background: url( a.png ); }'), [
      '.a::before{content:"/* not a comment */  two  spaces";background:url( a.png );}',
    ]);
    assert.deepEqual(css('.a/**/.b { margin: 1px/**/2px; }'), ['.a/**/.b{margin:1px/**/2px;}']);
    assert.deepEqual(css(".a { font-family: 'Open  Sans', serif; }"), [".a{font-family:'Open  Sans',serif;}"]);
  });

  it('keeps one string per quasi and a space between a ${} value and a word', () => {
    assert.deepEqual(css('\n  .a { color: ', ';\n  }\n  ', '\n'), ['.a{color:', ';}', '']);
    assert.deepEqual(css('.a { margin: 1px ', ' 2px; }'), ['.a{margin:1px ', ' 2px;}']);
    assert.deepEqual(css('', '\n  .b { x: y; }'), ['', ' .b{x:y;}']);
  });
});

describe('html template text', () => {
  it('collapses a whitespace run with a line break to one space, between tags and in text', () => {
    assert.deepEqual(html('<section>\n      <p>\n        Hello\n        <b>you</b>\n      </p>\n    </section>'), ['<section> <p> Hello <b>you</b> </p> </section>']);
    // runs without a line break are left as they are
    assert.deepEqual(html('<b>a</b>  <i>b</i> c'), ['<b>a</b>  <i>b</i> c']);
    assert.deepEqual(html('a < b\n  and c'), ['a < b and c']);
  });

  it('leaves attribute values and the bindings where they are', () => {
    const before = ['<button\n  type="button"\n  title="line one\n     line two"\n  class=\'a\n  b\'\n  aria-label="', '\n   more" .value=', '\n  @click=', '\n>\n  ', '\n</button>'];
    const after = html(...before);
    assert.equal(after.length, before.length, 'one string per quasi: the bindings stay in place');
    assert.deepEqual(after, ['<button type="button" title="line one\n     line two" class=\'a\n  b\' aria-label="', '\n   more" .value=', ' @click=', ' > ', ' </button>']);
    // what Lit reads to find the attribute a binding belongs to: ` name=` or ` name="…` before it
    assert.match(after[0], / aria-label="$/);
    assert.match(after[1], / \.value=$/);
    assert.match(after[2], / @click=$/);
  });

  it('copies comments, <pre>, <textarea>, <style>, <script> and SVG <text> content and JavaScript escapes unchanged', () => {
    assert.deepEqual(html('<!--\n  note\n-->\n<pre>\n  a\n    b\n</pre>\n<p>x</p>'), ['<!--\n  note\n--> <pre>\n  a\n    b\n</pre> <p>x</p>']);
    assert.deepEqual(html('<textarea>\n  keep\n</textarea><style>\n  .a {}\n</style><script>\n  x\n</script>'), ['<textarea>\n  keep\n</textarea><style>\n  .a {}\n</style><script>\n  x\n</script>']);
    assert.deepEqual(html('a\\n   b\\`\n  c'), ['a\\n   b\\` c']);
    assert.deepEqual(html('<svg>\n  <text x="1">\n    a\n    <textPath>b</textPath>\n  c\n  </text>\n</svg>'), ['<svg> <text x="1">\n    a\n    <textPath>b</textPath>\n  c\n  </text> </svg>']);
    assert.deepEqual(html('<p title="', '">\n  ', '\n</p>'), ['<p title="', '"> ', ' </p>']);
  });
});

describe('html templates of src/, as Lit reads them', () => {
  const src = fileURLToPath(new URL('../../src/', import.meta.url));
  /** Every html`…`/svg`…` template in src/ (the demo too): its raw strings and where it is. */
  function sourceTemplates(): { where: string; raw: string[] }[] {
    const found: { where: string; raw: string[] }[] = [];
    const visit = (node: unknown, file: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as { type?: string; tag?: { type: string; name: string }; quasi?: { quasis: { value: { raw: string } }[] }; start?: number };
      if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && (n.tag.name === 'html' || n.tag.name === 'svg')) {
        found.push({ where: `${file.slice(src.length)} @${n.start}`, raw: n.quasi!.quasis.map((q) => q.value.raw) });
      }
      for (const [key, value] of Object.entries(node)) if (key !== 'parent') (Array.isArray(value) ? value : [value]).forEach((v) => visit(v, file));
    };
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) visit(parseAst(readFileSync(path, 'utf8'), { lang: 'ts' }), path);
      }
    };
    walk(src);
    return found;
  }
  /** The TemplateStringsArray a tagged template literal with these raw strings would pass to `html`. */
  const templateStrings = (raw: string[]) => new Function(`return ((strings) => strings)\`${raw.join('${0}')}\`;`)() as TemplateStringsArray;
  const litHtml = (raw: string[]) => _$LH.getTemplateHtml(templateStrings(raw), 1 /* HTML_RESULT */) as unknown as [unknown, string[]];

  it('every template keeps its parts: the same attribute bindings and markers, only line-break whitespace changed', () => {
    const templates = sourceTemplates();
    assert.ok(templates.length > 100, `${templates.length} templates found`);
    let changed = 0;
    for (const { where, raw } of templates) {
      const minified = minifyHtmlStrings(raw);
      assert.equal(minified.length, raw.length, where);
      const [beforeHtml, beforeAttrs] = litHtml(raw);
      const [afterHtml, afterAttrs] = litHtml(minified);
      assert.deepEqual(afterAttrs, beforeAttrs, `${where}: attribute bindings`);
      const lineBreakRuns = (h: unknown) => String(h).replace(/[ \t\f]*[\n\r][ \t\n\r\f]*/g, ' ');
      assert.equal(lineBreakRuns(afterHtml), lineBreakRuns(beforeHtml), `${where}: template HTML`);
      if (minified.join() !== raw.join()) changed++;
    }
    assert.ok(changed > 50, `${changed} templates collapsed`);
  });
});

describe('transformModule', () => {
  const source = [
    "import { html, css as litCss } from 'lit';",
    "import { css } from 'not-lit';",
    'const a = html`<p>\n  one\n</p>`;',
    'const b = litCss`\n  .a { color: red; }\n`;',
    'const c = css`\n  .a { color: red; }\n`;',
    'const d = `<p>\n  one\n</p>`;',
    'const e = String.raw`<p>\n  one\n</p>`;',
    'export { a, b, c, d, e };',
  ].join('\n');

  it('touches only templates tagged with html/svg/css imported from lit', () => {
    const out = transformModule(source, 'x.js').code;
    assert.match(out, /const a = html`<p> one <\/p>`;/);
    assert.match(out, /const b = litCss`\.a\{color:red;\}`;/);
    assert.match(out, /const c = css`\n {2}\.a \{ color: red; \}\n`;/, 'another library\'s css tag');
    assert.match(out, /const d = `<p>\n {2}one\n<\/p>`;/, 'an untagged template');
    assert.match(out, /const e = String\.raw`<p>\n {2}one\n<\/p>`;/, 'another tag');
  });

  it('refuses a module that declares the tag\'s name again (it cannot tell which one a template uses)', () => {
    assert.throws(() => transformModule("import { html } from 'lit';\nfunction f(html) { return html`<p>\n</p>`; }\nexport { f };", 'x.js'), /"html" is imported and declared again/);
  });

  it('keeps a source map that points back at the input', () => {
    const input = "import { html } from 'lit';\nexport const t = html`<div>\n    <p>\n      text\n    </p>\n  </div>`;\nexport const after = 42;";
    const { code, map } = transformModule(input, 'x.js');
    assert.ok(map);
    const sourceMap = new SourceMap(JSON.parse(map.toString()));
    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.includes('after = 42'));
    const entry = sourceMap.findEntry(line, lines[line].indexOf('after'));
    assert.ok('originalLine' in entry, 'the position is mapped');
    assert.equal(input.split('\n')[entry.originalLine].slice(entry.originalColumn, entry.originalColumn + 10), 'after = 42');
  });

  const ids = shortIdMap(['otp.heading', 'errors.unknown', 'otp.submit']);

  it('numbers the sorted ids in base 36', () => {
    assert.deepEqual([...ids], [['errors.unknown', '0'], ['otp.heading', '1'], ['otp.submit', '2']]);
    const many = shortIdMap(Array.from({ length: 40 }, (_, i) => `id.${String(i).padStart(2, '0')}`));
    assert.equal(many.get('id.10'), 'a');
    assert.equal(many.get('id.36'), '10');
  });

  it('gives msg() calls and the locale module the same short ids', () => {
    const component = [
      "import { msg as t, str } from '@lit/localize';",
      "export const a = () => t('Enter OTP', { id: 'otp.heading' });",
      "export const b = (n) => t(str`Sign On ${n}`, { id: \"otp.submit\", desc: 'otp.heading' });",
    ].join('\n');
    const locale = 'var templates = (html, str) => ({\n\t"otp.heading": `Indtast engangskode`,\n\t"otp.submit": str`Log på ${0}`\n});\nexport { templates };';
    const outComponent = transformModule(component, 'components/otp-entry/otp-entry.js', { ids });
    const outLocale = transformModule(locale, 'generated/locales/da.js', { ids });
    assert.deepEqual(describeMessages(outComponent.code, 'components/otp-entry/otp-entry.js'), [
      { id: '1', text: "'Enter OTP'" },
      { id: '2', text: 'str`Sign On ${n}`' },
    ]);
    assert.deepEqual(describeMessages(outLocale.code, 'generated/locales/da.js'), [
      { id: '1', text: '`Indtast engangskode`' },
      { id: '2', text: 'str`Log på ${0}`' },
    ]);
    assert.match(outComponent.code, /desc: 'otp\.heading'/, 'only the id is an id');
  });

  it('fails loudly on an id that is computed, missing or unknown, and on msg used as a value', () => {
    const mod = (body: string) => `import { msg } from '@lit/localize';\n${body}`;
    for (const [body, error] of [
      ["const k = 'otp.heading'; msg('x', { id: k });", /the id is computed \(Identifier\)/],
      ["msg('x', { id: 'otp.' + 'heading' });", /the id is computed/],
      ['msg(\'x\', { id: `otp.heading` });', /the id is computed \(TemplateLiteral\)/],
      ["const o = { id: 'otp.heading' }; msg('x', o);", /not an object literal/],
      ["msg('x', { ...{ id: 'otp.heading' } });", /computed or missing/],
      ["msg('x', { ['id']: 'otp.heading' });", /computed or missing/],
      ["msg('x');", /has no id/],
      ["export const say = msg;", /msg is used other than as msg/],
      ["msg('x', { id: 'otp.unknown' });", /"otp\.unknown" is not in the id list/],
    ] as const) {
      assert.throws(() => transformModule(mod(body), 'x.js', { ids }), error, body);
    }
    assert.throws(() => transformModule('var templates = (html, str) => ({ [k]: `x` });', 'generated/locales/da.js', { ids }), /translation's id is computed/);
  });
});

describe('checkMessageIds', () => {
  function dist(filesByPath: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'tfa-ids-'));
    for (const [path, code] of Object.entries(filesByPath)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), code);
    }
    return dir;
  }
  const component = "import { msg } from '@lit/localize';\nmsg('Enter OTP', { id: '1' });\nmsg('Sign On', { id: '2' });\n";
  const settings = "import { msg } from '@lit/localize';\nmsg('Settings', { id: '3' });\n";
  const locale = (...keys: string[]) => `var templates = (html, str) => ({ ${keys.map((k) => `"${k}": \`x\``).join(', ')} });\nexport { templates };`;
  const cases: [string, Record<string, string>, RegExp[]][] = [
    ['consistent', { 'a.js': component, 's.js': settings, 'generated/locales/da.js': locale('1', '2'), 'generated/locales/da-settings.js': locale('3') }, []],
    ['a msg() id without translation', { 'a.js': component, 's.js': settings, 'generated/locales/da.js': locale('1', '2') }, [/s\.js: msg\(\) id 3 \(settings\.title\) has no "da" translation/]],
    ['a translation without msg()', { 'a.js': component, 'generated/locales/da.js': locale('1', '2', '3') }, [/da\.js: id 3 \(settings\.title\) has no msg\(\) call/]],
    ['an id translated in two parts', { 'a.js': component, 'generated/locales/da.js': locale('1', '2'), 'generated/locales/da-settings.js': locale('2') }, [/id 2 \(otp\.submit\) is translated again/]],
    ['a readable id left in the CDN bundle', { 'a.js': component, 'generated/locales/da.js': locale('1', '2'), 'cdn/x.js': 'var a={"otp.heading":1}' }, [/cdn\/x\.js: still names the readable id otp\.heading/]],
  ];
  const ids = new Map([['otp.heading', '1'], ['otp.submit', '2'], ['settings.title', '3']]);
  for (const [name, files, expected] of cases) {
    it(name, () => {
      const dir = dist(files);
      try {
        const problems = checkMessageIds(dir, { ids });
        assert.equal(problems.length, expected.length, problems.join('\n'));
        expected.forEach((re, i) => assert.match(problems[i], re));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

/**
 * docs/integrator-guide.md and docs/theming.md against what the examples and the package do:
 * - every `<!-- snippet: path#region -->` in the guide is followed by a fenced block equal to the
 *   `#region guide:<region>` … `#endregion` of that example file (the code the example tests run);
 * - the example themes use only the styling API (--tfa-* properties and documented parts);
 * - the parts table of theming.md is the one in dist/custom-elements.json.
 *
 * `UPDATE_SNIPPETS=1 node --import tsx --test test/examples/docs.test.ts` rewrites the guide's blocks.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, it } from 'node:test';
import { assertPackageBuilt, repo } from './helpers.js';

const read = (rel: string) => readFileSync(join(repo, rel), 'utf8');
const FENCE: Record<string, string> = { '.html': 'html', '.js': 'js', '.ts': 'ts', '.tsx': 'tsx', '.vue': 'vue', '.css': 'css' };

/** The lines between `#region guide:<name>` and the next `#endregion`, without common indentation. */
export function region(file: string, name: string): string {
  const lines = read(file).split('\n');
  const start = lines.findIndex((l) => l.includes(`#region guide:${name}`));
  assert.ok(start >= 0, `${file} has no #region guide:${name}`);
  const end = lines.findIndex((l, i) => i > start && l.includes('#endregion'));
  assert.ok(end > start, `${file}: #region guide:${name} is not closed`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return body.map((l) => l.slice(indent)).join('\n').trimEnd();
}

const SNIPPET = /<!-- snippet: ([^#\s]+)#([\w-]+) -->\n(?:\n```\w*\n[\s\S]*?\n```\n)?/g;

function expectedBlock(file: string, name: string): string {
  return `<!-- snippet: ${file}#${name} -->\n\n\`\`\`${FENCE[extname(file)] ?? ''}\n${region(file, name)}\n\`\`\`\n`;
}

describe('docs/integrator-guide.md', () => {
  const guidePath = 'docs/integrator-guide.md';

  if (process.env.UPDATE_SNIPPETS) {
    writeFileSync(join(repo, guidePath), read(guidePath).replace(SNIPPET, (_m, file: string, name: string) => expectedBlock(file, name)));
  }

  const guide = read(guidePath);
  const snippets = [...guide.matchAll(SNIPPET)];

  it('includes the examples\' code for plain HTML, React and Vue', () => {
    const names = snippets.map((m) => m[2]);
    for (const name of ['plain-html-head', 'plain-html-body', 'plain-html-script', 'react', 'react-types', 'vue', 'vue-config']) {
      assert.ok(names.includes(name), `snippet ${name} missing`);
    }
  });

  for (const m of snippets) {
    it(`snippet ${m[1]}#${m[2]} is the example's code`, () => {
      assert.equal(m[0], expectedBlock(m[1], m[2]), 'run with UPDATE_SNIPPETS=1 to copy the example code into the guide');
    });
  }

  it('documents the CSP the examples are tested under', async () => {
    const { contentSecurityPolicy } = await import('../../examples/server.js');
    assert.ok(guide.includes(contentSecurityPolicy()), contentSecurityPolicy());
  });

  it('names every public event of <tfa-login> and <tfa-settings>', () => {
    for (const event of ['tfa-login-success', 'tfa-login-failure', 'tfa-step-change', 'tfa-logout', 'tfa-methods-change', 'tfa-session-change', 'tfa-contact-change', 'tfa-enrollment-close']) {
      assert.ok(guide.includes(`\`${event}\``), event);
    }
  });
});

describe('docs/theming.md and examples/themes', () => {
  interface Decl { tagName?: string; customElement?: boolean; cssParts?: { name: string }[]; cssProperties?: { name: string }[] }
  const elements = (): Decl[] => {
    assertPackageBuilt();
    const manifest = JSON.parse(read('dist/custom-elements.json')) as { modules: { declarations?: Decl[] }[] };
    return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
  };
  const theming = read('docs/theming.md');

  it('lists every part of the manifest, per element', () => {
    for (const el of elements()) {
      for (const part of el.cssParts ?? []) {
        const row = theming.split('\n').find((l) => l.startsWith('|') && (l.split('|')[1] ?? '').includes(`<${el.tagName}>`));
        if (el.tagName === 'tfa-settings') continue; // re-exports the parts of its children
        assert.ok(row?.includes(`\`${part.name}\``), `theming.md: <${el.tagName}> part ${part.name}`);
      }
    }
  });

  it('lists every custom property the manifest and the shared styles define', () => {
    const props = new Set(elements().flatMap((e) => (e.cssProperties ?? []).map((p) => p.name)));
    for (const m of read('src/internal/shared.styles.ts').matchAll(/var\((--tfa-[\w-]+)/g)) props.add(m[1]);
    for (const p of props) assert.ok(theming.includes(`\`${p}\``), p);
  });

  for (const theme of ['examples/themes/customer.css', 'examples/themes/dark.css']) {
    it(`${theme} uses only --tfa-* properties and documented [part~=…] hooks`, () => {
      const parts = new Set(elements().flatMap((e) => (e.cssParts ?? []).map((p) => p.name)));
      const css = read(theme).replace(/\/\*[\s\S]*?\*\//g, '');
      const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)];
      assert.ok(rules.length >= 2, 'the theme has rules');
      for (const [, selectorText, body] of rules) {
        const selectors = selectorText.split(',').map((s) => s.trim());
        const declarations = body.split(';').map((d) => d.trim()).filter(Boolean).map((d) => d.split(':')[0].trim());
        for (const selector of selectors) {
          assert.match(selector, /^tfa-[a-z-]+(\s+\[part~='[a-z-]+'\](:[a-z-]+)?)?$/, `${theme}: selector ${selector}`);
          for (const m of selector.matchAll(/\[part~='([a-z-]+)'\]/g)) assert.ok(parts.has(m[1]), `${theme}: undocumented part ${m[1]}`);
          if (!selector.includes('[part~=')) {
            for (const d of declarations) assert.match(d, /^--tfa-/, `${theme}: ${selector} sets ${d}; only --tfa-* on the elements`);
          }
        }
      }
    });
  }
});

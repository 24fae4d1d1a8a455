#!/usr/bin/env node
// Localisation pipeline (see docs/i18n.md):
//   1. `lit-localize extract` collects every msg() from src/ into locales/da.xlf,
//   2. Danish texts from locales/da/*.json (id -> text, `{0}` for placeholder 0) are written
//      into the <target> of each trans-unit,
//   3. `lit-localize build` generates src/generated/ (never edited by hand, not committed),
//   4. each locale module is split per entry: `<locale>.ts` keeps what the sign-in needs (plus the
//      demo portal's own texts, which the package build drops), `<locale>-settings.ts` what only
//      the settings need; the settings elements load theirs when they are on the page.
// Fails when a message has no Danish text, or a JSON entry names no message: nothing ships
// half-translated. `--check` only reports.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * The parts the generated locale module is split into, besides the sign-in's (the rest). A
 * message goes into a part when only modules reachable from the part's entry use it: a message
 * the sign-in (or the demo portal) also uses stays in `<locale>.ts`. The part's loader is in
 * `src/components/settings/texts.ts`; `src/internal/localize.ts` merges the parts at run time.
 */
const PARTS = [{ suffix: 'settings', entry: 'src/tfa-settings.ts' }];
const SIGN_IN_ENTRY = 'src/tfa-login.ts';

const lock = 'locales/.i18n.lock';
const bin = 'node_modules/.bin/lit-localize';
const started = Date.now();
for (;;) {
  try { mkdirSync(lock); break; } catch {
    try { if (Date.now() - statSync(lock).mtimeMs > 120000) { rmdirSync(lock); continue; } } catch {}
    if (Date.now() - started > 120000) throw new Error('i18n lock held too long: ' + lock);
    await new Promise((r) => setTimeout(r, 250));
  }
}
let failed = false;
try {
  execFileSync(bin, ['extract'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const danish = {};
  for (const file of readdirSync('locales/da').filter((f) => f.endsWith('.json')).sort()) {
    const entries = JSON.parse(readFileSync(join('locales/da', file), 'utf8'));
    for (const [id, text] of Object.entries(entries)) {
      if (id in danish) { console.error(`i18n: ${id} is translated twice (again in ${file})`); failed = true; }
      danish[id] = text;
    }
  }
  const xlfPath = 'locales/da.xlf';
  let xlf = readFileSync(xlfPath, 'utf8');
  const seen = new Set();
  const missing = [];
  xlf = xlf.replace(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>(?:\s*<target>[\s\S]*?<\/target>)?\s*<\/trans-unit>/g,
    (_all, id, source) => {
      seen.add(id);
      const text = danish[id];
      if (text === undefined) { missing.push(id); return `<trans-unit id="${id}">\n  <source>${source}</source>\n</trans-unit>`; }
      const placeholders = [...source.matchAll(/<x id="(\d+)"[^>]*\/>/g)].map((m) => m[0]);
      const target = escapeXml(text).replace(/\{(\d+)\}/g, (m, n) => placeholders[Number(n)] ?? m);
      return `<trans-unit id="${id}">\n  <source>${source}</source>\n  <target>${target}</target>\n</trans-unit>`;
    });
  const unused = Object.keys(danish).filter((id) => !seen.has(id));
  writeFileSync(xlfPath, xlf);
  if (missing.length) { console.error(`i18n: no Danish text for: ${missing.join(', ')}`); failed = true; }
  if (unused.length) { console.error(`i18n: Danish text for messages that do not exist: ${unused.join(', ')}`); failed = true; }
  if (!process.argv.includes('--check')) {
    execFileSync(bin, ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const config = JSON.parse(readFileSync('lit-localize.json', 'utf8'));
    for (const locale of config.targetLocales) splitLocaleModule(join(config.output.outputDir, `${locale}.ts`));
  }
  console.log(`i18n: ${seen.size} messages, ${seen.size - missing.length} in Danish`);
} finally {
  rmdirSync(lock);
}
process.exit(failed ? 1 : 0);

function escapeXml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


function splitLocaleModule(file) {
  const code = readFileSync(file, 'utf8');
  const open = code.indexOf('export const templates = {');
  const close = code.lastIndexOf('};');
  if (open < 0 || close < open) throw new Error(`i18n: unexpected layout of ${file}`);
  const body = code.slice(code.indexOf('\n', open) + 1, close);
  // lit-localize writes `'id': text,` per entry; a Danish text with a line break spans lines
  const entries = [];
  for (const line of body.split('\n')) {
    const m = line.match(/^\s*'([\w.-]+)':/);
    if (m) entries.push({ id: m[1], text: line.trim() });
    else if (entries.length) entries[entries.length - 1].text += '\n' + line;
    else if (line.trim()) throw new Error(`i18n: unexpected line in ${file}: ${line}`);
  }
  const demoFiles = [...walkTs('src/demo')];
  const keep = idsIn([...reachable(SIGN_IN_ENTRY), ...demoFiles]);
  const taken = new Set();
  for (const part of PARTS) {
    const ids = idsIn(reachable(part.entry));
    const mine = entries.filter((e) => ids.has(e.id) && !keep.has(e.id) && !taken.has(e.id));
    for (const e of mine) taken.add(e.id);
    writeFileSync(file.replace(/\.ts$/, `-${part.suffix}.ts`), localeModule(mine));
  }
  writeFileSync(file, localeModule(entries.filter((e) => !taken.has(e.id))));
}

/**
 * A locale module without imports: `templates(html, str)` builds the texts with the tags the
 * widget already has. A module importing `lit` would make bundlers split Lit into a chunk of its
 * own, shared by the widget and the lazily loaded texts (one more request, worse compression).
 */
function localeModule(entries) {
  const uses = (tag) => entries.some((e) => new RegExp(`^'[^']+':\\s*${tag}\``).test(e.text));
  return [
    '// Do not modify this file by hand! Generated by `npm run i18n` (lit-localize, split per entry).',
    "import type { html as Html } from 'lit';",
    "import type { str as Str } from '@lit/localize';",
    '',
    `export const templates = (${uses('html') ? 'html' : '_html'}: typeof Html, ${uses('str') ? 'str' : '_str'}: typeof Str) => ({`,
    ...entries.map((e) => `  ${e.text.trim().replace(/,?$/, ',')}`),
    '});',
    '',
  ].join('\n');
}

/** The source files reachable from `entry` through relative static and dynamic imports. */
function reachable(entry) {
  const seen = new Set();
  const queue = [normalize(entry)];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    // type-only imports load nothing at run time
    const code = readFileSync(file, 'utf8').replace(/^\s*(?:import|export)\s+type\b[^;]*;/gm, '');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = normalize(join(dirname(file), m[1])).replace(/\.js$/, '.ts');
      if (target.startsWith('src/') && !target.startsWith('src/generated/')) queue.push(target);
    }
  }
  return [...seen];
}

function idsIn(files) {
  const ids = new Set();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bid:\s*['"`]([\w.-]+)['"`]/g)) ids.add(m[1]);
  }
  return ids;
}

function* walkTs(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkTs(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

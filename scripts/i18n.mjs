#!/usr/bin/env node
// Localisation pipeline (see docs/i18n.md):
//   1. `lit-localize extract` collects every msg() from src/ into locales/da.xlf,
//   2. Danish texts from locales/da/*.json (id -> text, `{0}` for placeholder 0) are written
//      into the <target> of each trans-unit,
//   3. `lit-localize build` generates src/generated/ (never edited by hand, not committed).
// Fails when a message has no Danish text, or a JSON entry names no message: nothing ships
// half-translated. `--check` only reports.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
  if (!process.argv.includes('--check')) execFileSync(bin, ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`i18n: ${seen.size} messages, ${seen.size - missing.length} in Danish`);
} finally {
  rmdirSync(lock);
}
process.exit(failed ? 1 : 0);

function escapeXml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

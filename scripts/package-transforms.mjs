/**
 * Production transforms of the package build (`scripts/build-package.mjs`), applied to every
 * built module of dist/ (and so to dist/cdn/, which esbuild bundles from dist/). The source in
 * src/ keeps its readable templates and message ids: these run only on the built JavaScript.
 *
 *  1. Template text: the static text of Lit's `html`, `svg` and `css` tagged templates (the tag
 *     imported from `lit`, never any other string) loses its indentation.
 *       - html/svg: a whitespace run that contains a line break becomes one space (between tags
 *         and in text). With `white-space: normal` (nothing the widget ships sets `pre*`) such
 *         a run renders as one space anyway, so nothing visible changes. Attribute values (quoted,
 *         across `${}` bindings), comments, and the content of <pre>, <textarea>, <script>,
 *         <style>, <title> and SVG <text> are copied unchanged; binding positions stay where
 *         they are.
 *       - css: comments go, whitespace runs collapse to one space, and vanish next to `{ } ; , > ~`,
 *         after `:` and `(` and before `)` and `!`. A space that carries meaning stays
 *         (`.tfa :focus-visible`, `1px solid`, `calc(1px + 2px)`, `and (…)`); strings and
 *         `url(…)` are copied unchanged.
 *  2. Message ids: every `msg(…, { id: 'otp.heading' })` and the matching key of the generated
 *     locale modules (`generated/locales/<locale>[-<part>].js`) get one short id, the base-36
 *     index of the id in the sorted list of all ids (`0`, `1`, … `a`, … `10`, …). An id that is
 *     not a string literal, a `msg()` without an id, or `msg` used other than as a call fails
 *     the build; {@link checkMessageIds} then proves on the written dist/ that the msg() calls and
 *     every locale's modules name exactly the same ids.
 *
 * The parser is Vite's (`parseAst`, oxc, ESTree); edits go through magic-string so the source maps
 * of dist/ still point into src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import MagicString from 'magic-string';
import { parseAst } from 'vite';

/** Where Lit's template tags come from (the `lit` package and its parts). */
const LIT_MODULES = new Set(['lit', 'lit-html', 'lit-element', 'lit/html.js', 'lit-html/lit-html.js']);
const LIT_TAGS = new Set(['html', 'svg', 'css']);
const LOCALIZE_MODULE = '@lit/localize';
/** A generated locale module, by its path (src/… while building, dist/… when checking). */
export const LOCALE_MODULE = /(?:^|\/)generated\/locales\/([a-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\.(?:ts|js)$/;
/** `da-settings` → `da`: a part (`-<lowercase word>`, see scripts/i18n.mjs) of a locale's texts. */
const localeOf = (name) => name.replace(/-[a-z]{4,}$/, '');

// --------------------------------------------------------------------------------------------
// AST helpers

function isNode(value) {
  return value !== null && typeof value === 'object' && typeof value.type === 'string';
}

/** Depth-first walk over an ESTree AST; `visit(node, parent, key)`. */
function walk(node, visit, parent = null, key = null) {
  visit(node, parent, key);
  for (const k of Object.keys(node)) {
    if (k === 'parent' || k === 'loc' || k === 'range') continue;
    const child = node[k];
    if (Array.isArray(child)) {
      for (const c of child) if (isNode(c)) walk(c, visit, node, k);
    } else if (isNode(child)) {
      walk(child, visit, node, k);
    }
  }
}

function parse(code, file) {
  try {
    return parseAst(code);
  } catch (error) {
    throw new Error(`${file}: cannot parse the built module: ${error.message}`);
  }
}

/** Every name bound by a declaration (variable, function, class, parameter, catch clause). */
function declaredNames(ast) {
  const names = new Map();
  const add = (id) => names.set(id.name, (names.get(id.name) ?? 0) + 1);
  const addPattern = (p) => {
    if (!p) return;
    if (p.type === 'Identifier') add(p);
    else if (p.type === 'ObjectPattern') p.properties.forEach((q) => addPattern(q.type === 'RestElement' ? q.argument : q.value));
    else if (p.type === 'ArrayPattern') p.elements.forEach(addPattern);
    else if (p.type === 'RestElement') addPattern(p.argument);
    else if (p.type === 'AssignmentPattern') addPattern(p.left);
    else if (p.type === 'TSParameterProperty') addPattern(p.parameter);
  };
  walk(ast, (node) => {
    if (node.type === 'VariableDeclarator') addPattern(node.id);
    else if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id) add(node.id);
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') node.params.forEach(addPattern);
    if (node.type === 'CatchClause') addPattern(node.param);
  });
  return names;
}

/** Local names of the named imports `what` from the modules `from`: Map(local → imported). */
function namedImports(ast, from, what) {
  const found = new Map();
  for (const node of ast.body) {
    if (node.type !== 'ImportDeclaration' || !from.has(node.source.value)) continue;
    for (const spec of node.specifiers) {
      if (spec.type === 'ImportNamespaceSpecifier') throw new Error(`import * from "${node.source.value}" hides which of ${[...what].join('/')} is used`);
      if (spec.type !== 'ImportSpecifier') continue;
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      if (what.has(imported)) found.set(spec.local.name, imported);
    }
  }
  return found;
}

/** The local names must mean the import everywhere in the module (no shadowing declaration). */
function assertNotShadowed(ast, locals, file) {
  const declared = declaredNames(ast);
  for (const name of locals) {
    if (declared.has(name)) throw new Error(`${file}: "${name}" is imported and declared again; cannot tell which one a call uses`);
  }
}

// --------------------------------------------------------------------------------------------
// 1. Template text

const HTML_SPACE = /[ \t\n\r\f]/;
const isHtmlSpace = (c) => c !== undefined && HTML_SPACE.test(c);
/**
 * Elements whose content is copied unchanged: raw text, whitespace that renders as it is, and
 * SVG text (whose `xml:space` rules drop a line break rather than turn it into a space).
 */
const VERBATIM_ELEMENTS = new Set(['pre', 'textarea', 'script', 'style', 'title', 'listing', 'xmp', 'plaintext', 'noscript', 'iframe', 'noembed', 'noframes', 'text', 'tspan', 'textpath']);

/**
 * Collapses the static text of one html/svg template. `strings` are the raw texts of the
 * template's quasis (bindings sit between them); returns the new raw texts, one per quasi.
 *
 * A small HTML tokenizer carries its state across bindings: in text and between attributes, a
 * whitespace run containing a line break becomes one space; quoted attribute values, comments,
 * `<!…>`/`<?…>` and the content of {@link VERBATIM_ELEMENTS} are copied unchanged; JavaScript
 * escapes (`\n`, `\``, `\${`) are copied as they are.
 */
export function minifyHtmlStrings(strings) {
  let state = 'text'; // text | tag | value | comment | bogus | verbatim
  let quote = ''; // the quote that closes the current attribute value
  let verbatimEnd = /$/; // `</name` that ends the verbatim element
  let tagName = '';
  let closingTag = false;
  let afterEquals = false; // in a tag: the last significant character was `=`
  return strings.map((s) => {
    let out = '';
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (state === 'comment') {
        const end = s.indexOf('-->', i);
        if (end < 0) { out += s.slice(i); i = s.length; } else { out += s.slice(i, end + 3); i = end + 3; state = 'text'; }
        continue;
      }
      if (state === 'bogus') {
        const end = s.indexOf('>', i);
        if (end < 0) { out += s.slice(i); i = s.length; } else { out += s.slice(i, end + 1); i = end + 1; state = 'text'; }
        continue;
      }
      if (state === 'verbatim') {
        const m = verbatimEnd.exec(s.slice(i));
        const end = m ? i + m.index : -1;
        if (end < 0) { out += s.slice(i); i = s.length; } else { out += s.slice(i, end); i = end; state = 'text'; }
        continue;
      }
      if (state === 'value') {
        const end = s.indexOf(quote, i);
        if (end < 0) { out += s.slice(i); i = s.length; } else { out += s.slice(i, end + 1); i = end + 1; state = 'tag'; afterEquals = false; }
        continue;
      }
      if (c === '\\') {
        // a JavaScript escape in the raw text: copy it whole (never part of a whitespace run)
        out += s.slice(i, i + 2);
        i += 2;
        if (state === 'tag') afterEquals = false;
        continue;
      }
      if (isHtmlSpace(c)) {
        let j = i;
        while (isHtmlSpace(s[j])) j++;
        const run = s.slice(i, j);
        out += /[\n\r]/.test(run) ? ' ' : run;
        i = j;
        continue;
      }
      if (state === 'text') {
        if (c === '<') {
          if (s.startsWith('<!--', i)) { state = 'comment'; out += '<!--'; i += 4; continue; }
          if (s[i + 1] === '!' || s[i + 1] === '?') { state = 'bogus'; out += c; i++; continue; }
          const m = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(s.slice(i));
          if (m) {
            closingTag = m[1] === '/';
            tagName = m[2].toLowerCase();
            state = 'tag';
            afterEquals = false;
            out += m[0];
            i += m[0].length;
            continue;
          }
        }
        out += c;
        i++;
        continue;
      }
      // state === 'tag'
      if (c === '>') {
        out += c;
        i++;
        if (!closingTag && VERBATIM_ELEMENTS.has(tagName) && s[i - 2] !== '/') {
          state = 'verbatim';
          verbatimEnd = new RegExp(`</${tagName}(?=[\\s/>]|$)`, 'i');
        } else {
          state = 'text';
        }
        continue;
      }
      if ((c === '"' || c === "'") && afterEquals) {
        state = 'value';
        quote = c;
        out += c;
        i++;
        continue;
      }
      afterEquals = c === '=';
      out += c;
      i++;
    }
    // a binding follows this string: in a tag it is an attribute value (or an element binding)
    if (state === 'tag') afterEquals = false;
    return out;
  });
}

const CSS_SPACE = /[ \t\n\r\f]/;
/** No whitespace is needed after these (…{ a:b; c, d > e ~ f(g). */
const CSS_NO_SPACE_AFTER = new Set(['{', '}', ';', ',', '>', '~', ':', '(']);
/** …nor before these. `:` and `(` are not here: `.a :hover` and `and (…)` need theirs. */
const CSS_NO_SPACE_BEFORE = new Set(['{', '}', ';', ',', '>', '~', ')', '!']);

/**
 * Minifies the static text of one css template: `strings` are the raw texts of its quasis
 * (`${}` values sit between them); returns the new raw texts. Comments are removed, each
 * whitespace (or comment) gap becomes nothing where the punctuation on one side makes it
 * meaningless, else one space; a gap next to a binding keeps its space unless the other side
 * is such punctuation. Strings, `url(…)` and escapes are copied unchanged.
 */
export function minifyCssStrings(strings) {
  // tokens: { q: quasi index, kind: 'text' | 'gap' | 'binding', text, ws }
  const tokens = [];
  let inString = ''; // the quote of a string that continues across a binding
  let inUrl = false;
  strings.forEach((s, q) => {
    if (q > 0) tokens.push({ q, kind: 'binding', text: '' });
    let i = 0;
    let text = '';
    const flush = () => {
      if (text) tokens.push({ q, kind: 'text', text });
      text = '';
    };
    while (i < s.length) {
      const c = s[i];
      if (c === '\\') { text += s.slice(i, i + 2); i += 2; continue; }
      if (inString) {
        text += c;
        i++;
        if (c === inString) inString = '';
        continue;
      }
      if (inUrl) {
        text += c;
        i++;
        if (c === ')') inUrl = false;
        continue;
      }
      if (c === '"' || c === "'") { inString = c; text += c; i++; continue; }
      if (/^url\(/i.test(s.slice(i, i + 4)) && !/[\w-]/.test(s[i - 1] ?? '')) { inUrl = true; text += s.slice(i, i + 4); i += 4; continue; }
      if (CSS_SPACE.test(c) || s.startsWith('/*', i)) {
        flush();
        let j = i;
        let ws = false;
        let comments = '';
        for (;;) {
          if (CSS_SPACE.test(s[j] ?? '')) { ws = true; j++; continue; }
          if (s.startsWith('/*', j)) {
            const end = s.indexOf('*/', j + 2);
            if (end < 0) throw new Error(`css template: unterminated comment: ${s.slice(j, j + 40)}`);
            comments += s.slice(j, end + 2);
            j = end + 2;
            continue;
          }
          break;
        }
        tokens.push({ q, kind: 'gap', text: s.slice(i, j), ws, comments });
        i = j;
        continue;
      }
      text += c;
      i++;
    }
    flush();
  });
  const out = strings.map(() => '');
  tokens.forEach((t, k) => {
    if (t.kind !== 'gap') { out[t.q] += t.text; return; }
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const before = !prev ? 'start' : prev.kind === 'binding' ? 'binding' : prev.text.at(-1);
    const after = !next ? 'end' : next.kind === 'binding' ? 'binding' : next.text[0];
    const needless = before === 'start' || after === 'end' || CSS_NO_SPACE_AFTER.has(before) || CSS_NO_SPACE_BEFORE.has(after);
    if (!t.ws) {
      // only comments, touching tokens on both sides: `a/**/b` must not become `ab` (nor `a b`)
      out[t.q] += needless ? '' : t.comments;
    } else {
      out[t.q] += needless ? '' : ' ';
    }
  });
  return out;
}

/** Lit's tagged templates in a built module: [{ tag: 'html' | 'svg' | 'css', quasis }]. */
function litTemplates(ast, file) {
  const tags = namedImports(ast, LIT_MODULES, LIT_TAGS);
  if (!tags.size) return [];
  assertNotShadowed(ast, tags.keys(), file);
  const found = [];
  walk(ast, (node) => {
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && tags.has(node.tag.name)) {
      found.push({ tag: tags.get(node.tag.name), quasis: node.quasi.quasis });
    }
  });
  return found;
}

// --------------------------------------------------------------------------------------------
// 2. Message ids

/** The short id of the `index`-th id in the sorted list. */
export const shortId = (index) => index.toString(36);

/** readable id → short id, over the sorted ids. */
export function shortIdMap(ids) {
  return new Map([...new Set(ids)].sort().map((id, index) => [id, shortId(index)]));
}

const propertyName = (p) => (p.computed ? null : p.key.type === 'Identifier' ? p.key.name : typeof p.key.value === 'string' ? p.key.value : null);

/**
 * The `msg()` calls of a module: [{ id, node }] where node is the id's string literal. Throws
 * when an id is not a string literal, a call has no id, or `msg` is used other than as a call.
 */
export function messageCalls(ast, code, file) {
  const msgs = namedImports(ast, new Set([LOCALIZE_MODULE]), new Set(['msg']));
  if (!msgs.size) return [];
  assertNotShadowed(ast, msgs.keys(), file);
  const calls = [];
  const callees = new Set();
  walk(ast, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || !msgs.has(node.callee.name)) return;
    callees.add(node.callee);
    const text = node.arguments[0] ? code.slice(node.arguments[0].start, node.arguments[0].end) : '';
    const where = `${file}: msg(${text.length > 50 ? `${text.slice(0, 47)}...` : text}, …)`;
    const options = node.arguments[1];
    if (!options) throw new Error(`${where} has no id (every message needs { id: '…' })`);
    if (options.type !== 'ObjectExpression') throw new Error(`${where}: the options are not an object literal, so the id is computed`);
    const idProps = options.properties.filter((p) => p.type === 'SpreadElement' || p.computed || propertyName(p) === 'id');
    if (idProps.length !== 1 || idProps[0].type === 'SpreadElement' || idProps[0].computed) throw new Error(`${where}: the id is computed or missing`);
    const value = idProps[0].value;
    if (value.type !== 'Literal' || typeof value.value !== 'string') throw new Error(`${where}: the id is computed (${value.type}), not a string literal`);
    calls.push({ id: value.value, node: value, message: node.arguments[0] });
  });
  // every other use of the name: an export, a re-assignment, passing msg around
  walk(ast, (node, parent, key) => {
    if (node.type !== 'Identifier' || !msgs.has(node.name) || callees.has(node)) return;
    if (parent?.type === 'ImportSpecifier') return;
    if ((parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) || (parent?.type === 'Property' && key === 'key' && !parent.computed)) return;
    throw new Error(`${file}: msg is used other than as msg(…) (${code.slice(Math.max(0, node.start - 20), node.end + 20).replace(/\s+/g, ' ')}); its ids cannot be checked`);
  });
  return calls;
}

/**
 * The translations object of a generated locale module (`templates = (html, str) => ({ id: … })`):
 * [{ id, node }] where node is the property key. Throws on a computed or spread entry.
 */
export function localeEntries(ast, code, file) {
  const objects = [];
  walk(ast, (node) => {
    if (node.type === 'ArrowFunctionExpression' && node.body.type === 'ObjectExpression') objects.push(node.body);
  });
  if (objects.length !== 1) throw new Error(`${file}: expected one \`templates = (html, str) => ({ … })\`, found ${objects.length}`);
  return objects[0].properties.map((p) => {
    const id = p.type === 'Property' ? propertyName(p) : null;
    if (id === null) throw new Error(`${file}: a translation's id is computed (${code.slice(p.start, Math.min(p.end, p.start + 50))})`);
    return { id, node: p.key, message: p.value };
  });
}

/** The ids a built module names: msg() calls, or the entries if it is a locale module. */
export function moduleMessageIds(code, file) {
  const ast = parse(code, file);
  const locale = LOCALE_MODULE.exec(file);
  return locale ? { locale: locale[1], entries: localeEntries(ast, code, file).map((e) => e.id), calls: [] } : { locale: null, entries: [], calls: messageCalls(ast, code, file).map((c) => c.id) };
}

// --------------------------------------------------------------------------------------------
// Both, on one built module

/**
/**
 * A built module's messages, for tests and audits: [{ id, text }] where text is the source of
 * msg()'s first argument (or, in a locale module, of the translation).
 */
export function describeMessages(code, file) {
  const ast = parse(code, file);
  const found = LOCALE_MODULE.test(file) ? localeEntries(ast, code, file) : messageCalls(ast, code, file);
  return found.map(({ id, message }) => ({ id, text: code.slice(message.start, message.end) }));
}

/**
 * Rewrites one built module: template text collapsed, message ids shortened by `ids`
 * (readable → short; null leaves ids alone). Returns { code, map, changed } with a source map
 * from the new code to `code` (null when nothing changed).
 */
export function transformModule(code, file, { ids = null, templates = true } = {}) {
  const ast = parse(code, file);
  const s = new MagicString(code);
  let changed = false;
  if (templates) {
    for (const { tag, quasis } of litTemplates(ast, file)) {
      const raws = quasis.map((q) => code.slice(q.start, q.end));
      if (raws.some((raw, k) => raw !== quasis[k].value.raw)) throw new Error(`${file}: the parser's template positions do not match the raw text`);
      const minified = tag === 'css' ? minifyCssStrings(raws) : minifyHtmlStrings(raws);
      quasis.forEach((q, k) => {
        if (minified[k] === raws[k]) return;
        if (minified[k] === '') s.remove(q.start, q.end);
        else s.overwrite(q.start, q.end, minified[k]);
        changed = true;
      });
    }
  }
  if (ids) {
    const locale = LOCALE_MODULE.test(file);
    const named = locale ? localeEntries(ast, code, file) : messageCalls(ast, code, file);
    for (const { id, node } of named) {
      const short = ids.get(id);
      if (short === undefined) throw new Error(`${file}: message id "${id}" is not in the id list`);
      s.overwrite(node.start, node.end, JSON.stringify(short));
      changed = true;
    }
  }
  if (!changed) return { code, map: null, changed };
  return { code: s.toString(), map: s.generateMap({ hires: 'boundary', includeContent: false, source: file }), changed };
}

// --------------------------------------------------------------------------------------------
// Checks on the written dist/

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Proves on a built dist/ that its msg() calls and every locale's modules name the same ids,
 * all string literals (parsing a module throws otherwise). `ids` (readable → short, as the
 * build used them): names the readable id in each problem, and none of them may be left as a
 * string in dist/ or dist/cdn/. Returns the problems (empty: consistent).
 */
export function checkMessageIds(dist, { ids = new Map() } = {}) {
  const readableOf = new Map([...ids].map(([readable, short]) => [short, readable]));
  const name = (id) => (readableOf.has(id) ? `${id} (${readableOf.get(id)})` : id);
  const problems = [];
  const used = new Map(); // id → first module that calls msg() with it
  const perLocale = new Map(); // locale → Map(id → module)
  for (const path of files(dist)) {
    if (!path.endsWith('.js') || path.startsWith(join(dist, 'cdn'))) continue;
    const rel = relative(dist, path).split('\\').join('/');
    const found = moduleMessageIds(readFileSync(path, 'utf8'), rel);
    for (const id of found.calls) if (!used.has(id)) used.set(id, rel);
    if (found.locale) {
      const locale = localeOf(found.locale);
      const entries = perLocale.get(locale) ?? new Map();
      perLocale.set(locale, entries);
      for (const id of found.entries) {
        if (entries.has(id)) problems.push(`${rel}: id ${name(id)} is translated again (first in ${entries.get(id)})`);
        else entries.set(id, rel);
      }
    }
  }
  if (!used.size) problems.push('no msg() call found in dist/');
  if (!perLocale.size) problems.push('no generated locale module found in dist/');
  for (const [locale, entries] of perLocale) {
    for (const [id, where] of entries) if (!used.has(id)) problems.push(`${where}: id ${name(id)} has no msg() call in dist/`);
    for (const [id, where] of used) if (!entries.has(id)) problems.push(`${where}: msg() id ${name(id)} has no "${locale}" translation in dist/`);
  }
  if (ids.size) {
    const quoted = new RegExp(`["'\`](${[...ids.keys()].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})["'\`]`);
    for (const path of files(dist)) {
      if (!path.endsWith('.js')) continue;
      const m = quoted.exec(readFileSync(path, 'utf8'));
      if (m) problems.push(`${relative(dist, path)}: still names the readable id ${m[1]}`);
    }
  }
  return problems;
}

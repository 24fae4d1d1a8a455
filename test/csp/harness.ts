/**
 * End-to-end harness for the strict-CSP and storage checks (Node, node:test):
 *  1. builds `test/csp/page.html` (which imports `src/tfa-login.ts`) with Vite's JS API, as an
 *     integrator's production bundle (no dev server, no inline scripts, no service worker);
 *  2. serves the output with node:http on an ephemeral port with the `Content-Security-Policy`
 *     header below, and answers `/api/*` and `/__mock/*` with an in-process `createBackend()`;
 *  3. drives Debian's Chromium (or `CHROME_PATH`) with playwright-core, recording every
 *     `securitypolicyviolation` event, CSP/Trusted Types console message and page error.
 *
 * Needs `src/generated` (`npm run i18n`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { createBackend, type MockBackend } from '../../mock-server/backend.js';

/**
 * The policy integrators need (docs/security.md). `lit-html` is the one Trusted Types policy the
 * widget creates (Lit's template policy); @lit/localize and Vite's runtime create none.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

export const PAGE_PATH = '/test/csp/page.html';

const root = resolve(import.meta.dirname, '../..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
}

export interface Harness {
  base: string;
  /** The policy sent with every answer (change it with `setCsp`). */
  readonly csp: string;
  setCsp(csp: string): void;
  backend: MockBackend;
  browser: Browser;
  /** A fresh context and page with the violation recorder installed. */
  open(query?: string): Promise<Watched>;
  close(): Promise<void>;
}

export interface Watched {
  page: Page;
  /** `securitypolicyviolation` events seen in the page so far. */
  violations(): Promise<Violation[]>;
  /** Console messages about CSP / Trusted Types, and uncaught page errors. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * `package.json#sideEffects` describes the published `dist/` files only; read literally by a build
 * from source, it marks `src/tfa-login.ts` and the `define.ts` modules side-effect free and the
 * bundler drops every element. This build is from source, so the widget's own modules keep their
 * side effects (a transform result outranks package.json's field).
 */
function sourceHasSideEffects() {
  const src = resolve(root, 'src') + sep;
  return {
    name: 'tfa-source-has-side-effects',
    transform(code: string, id: string) {
      return id.startsWith(src) ? { code, map: null, moduleSideEffects: true } : null;
    },
  };
}

/** Builds the test page into a temporary folder (production mode). */
export async function buildPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'tfa-csp-'));
  await build({
    configFile: false,
    root,
    mode: 'production',
    logLevel: 'warn',
    publicDir: false, // no mockServiceWorker.js: this page has no service worker
    plugins: [sourceHasSideEffects()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      rolldownOptions: { input: resolve(root, 'test/csp/page.html') },
    },
  });
  return outDir;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function serve(outDir: string, policy: { csp: string }, backend: MockBackend): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const csp = policy.csp;
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/__mock/')) {
        const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string') headers.set(name, value);
          else if (Array.isArray(value)) headers.set(name, value.join(', '));
        }
        const answer = await backend.handle(new Request(url, { method: req.method, headers, body }));
        if (answer) {
          const responseHeaders: Record<string, string> = {};
          answer.headers.forEach((value, name) => (responseHeaders[name] = value));
          res.writeHead(answer.status, { ...responseHeaders, 'Content-Security-Policy': csp });
          res.end(Buffer.from(await answer.arrayBuffer()));
          return;
        }
      }
      const file = normalize(join(outDir, decodeURIComponent(url.pathname)));
      if (!file.startsWith(outDir + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const content = await readFile(file);
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        });
        res.end(content);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Security-Policy': csp }).end('not found');
      }
    })().catch((err) => {
      res.writeHead(500).end(String(err));
    });
  });
}

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Records CSP violations from the very start of every document (before any page script runs). */
function recordViolations(): void {
  const seen: unknown[] = [];
  Object.defineProperty(window, '__tfaViolations', { value: seen });
  document.addEventListener('securitypolicyviolation', (e) => {
    seen.push({ directive: e.violatedDirective, blockedURI: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` });
  });
}

export async function startHarness(csp = STRICT_CSP): Promise<Harness> {
  const outDir = await buildPage();
  const backend = createBackend();
  const policy = { csp };
  const server = serve(outDir, policy, backend);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: LAUNCH_ARGS,
    headless: true,
  });

  return {
    base,
    get csp() {
      return policy.csp;
    },
    setCsp(next: string) {
      policy.csp = next;
    },
    backend,
    browser,
    async open(query = '') {
      const context = await browser.newContext();
      await context.addInitScript(recordViolations);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        const text = message.text();
        if (/Content Security Policy|Trusted Type|Refused to/i.test(text)) problems.push(`console: ${text}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await page.goto(`${base}${PAGE_PATH}${query}`);
      return {
        page,
        problems,
        violations: () => page.evaluate(() => [...((window as unknown as { __tfaViolations: Violation[] }).__tfaViolations ?? [])]),
        close: () => context.close(),
      };
    },
    async close() {
      await browser.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** Every token the API handed the page (transaction and session tokens), from its responses. */
export function collectTokens(page: Page): { tokens: Set<string>; settle(): Promise<void> } {
  const tokens = new Set<string>();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    pending.push(
      response
        .json()
        .then((body: { transactionToken?: string; session?: { token?: string }; token?: string }) => {
          for (const token of [body?.transactionToken, body?.session?.token, body?.token]) if (token) tokens.add(token);
        })
        .catch(() => undefined),
    );
  });
  return { tokens, settle: async () => void (await Promise.all(pending)) };
}

/** What the page can read of its own storage: web storage, IndexedDB, script-readable cookies, caches. */
export interface StorageSnapshot {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  indexedDB: string[];
  cookie: string;
  caches: string[];
}

export function readStorage(page: Page): Promise<StorageSnapshot> {
  // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
  return page.evaluate(`(async () => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)).map((k) => [k, s.getItem(k) ?? '']));
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      indexedDB: (await indexedDB.databases()).map((d) => d.name + '@' + d.version),
      cookie: document.cookie,
      caches: 'caches' in window ? await caches.keys() : [],
    };
  })()`) as Promise<StorageSnapshot>;
}

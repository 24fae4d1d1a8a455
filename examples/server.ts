/**
 * A minimal static server for the examples, with the mock backend behind `/api` and `/__mock`
 * (examples/mock-middleware.ts) and the strict Content-Security-Policy the widget supports:
 *
 *   npm run build:package
 *   node --import tsx examples/server.ts plain-html      # http://localhost:5176
 *   node --import tsx examples/server.ts react|vue       # serves examples/<name>/dist (vite build first)
 *
 * Paths: `/vendor/tfa-login-widget/*` → dist/cdn/* (the package's self-contained bundle),
 * `/themes/*` → examples/themes/*, `/portal.css`, everything else → the example's folder.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mockMiddleware } from './mock-middleware.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..');

/** The policy of docs/integrator-guide.md; `extraTrustedTypes` for a framework's own policy. */
export function contentSecurityPolicy(extraTrustedTypes: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "require-trusted-types-for 'script'",
    `trusted-types ${['lit-html', ...extraTrustedTypes].join(' ')}`,
  ].join('; ');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export interface ExampleServer {
  url: string;
  close(): Promise<void>;
}

export interface ExampleServerOptions {
  /** The example's folder (or its `vite build` output). */
  root: string;
  port?: number;
  /** Content-Security-Policy header for every file. */
  csp?: string;
  /** More `[url prefix, folder]` pairs, looked up before the defaults. */
  mounts?: [string, string][];
}

export async function startExampleServer(options: ExampleServerOptions): Promise<ExampleServer> {
  const mounts: [string, string][] = [
    ...(options.mounts ?? []),
    ['/vendor/tfa-login-widget/', join(repo, 'dist/cdn')],
    ['/themes/', join(here, 'themes')],
    ['/portal.css', join(here, 'portal.css')],
    ['/', options.root],
  ];
  const mock = mockMiddleware();
  const server: Server = createServer((req, res) => {
    mock(req, res, (error) => {
      if (error) {
        res.statusCode = 500;
        res.end('mock error');
        return;
      }
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path === '/favicon.ico') {
        res.statusCode = 204;
        res.end();
        return;
      }
      const [prefix, dir] = mounts.find(([p]) => path === p || path.startsWith(p))!;
      let file = prefix.endsWith('/') ? normalize(join(dir, path.slice(prefix.length))) : dir;
      if (file !== dir && !file.startsWith(dir + sep)) {
        res.statusCode = 403;
        res.end();
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) {
        res.statusCode = 404;
        res.end('not found');
        return;
      }
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.setHeader('Cache-Control', 'no-store');
      if (options.csp) res.setHeader('Content-Security-Policy', options.csp);
      createReadStream(file).pipe(res);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const name = process.argv[2] ?? 'plain-html';
  const root = name === 'plain-html' ? join(here, 'plain-html') : join(here, name, 'dist');
  const port = Number(process.env.PORT) || 5176;
  startExampleServer({ root, port, csp: contentSecurityPolicy(name === 'vue' ? ['vue'] : []) }).then(
    ({ url }) => console.log(`examples/${name} on ${url}/ (mock backend at /api, control API at /__mock; anna / demo1234)`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

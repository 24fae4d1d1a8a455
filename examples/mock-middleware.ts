/**
 * The mock backend behind a Node dev server (examples only): answers `/api/*` and `/__mock/*`
 * from `createBackend()` in the server process, so the example pages talk to `api-base="/api"`
 * exactly as they would to a real backend (no service worker, no mock code in the page).
 * Used by `examples/server.ts` and the React/Vue Vite configs (`mockBackendPlugin()`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { createBackend, type MockBackend } from '../mock-server/backend.js';

export type Next = (error?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function mockMiddleware(backend: MockBackend = createBackend()): Middleware & { backend: MockBackend } {
  const middleware: Middleware = (req, res, next) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (!backend.handles(url)) return next();
    void (async () => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(key)) continue;
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
      const response = await backend.handle(new Request(url, { method: req.method, headers, body: body?.length ? new Uint8Array(body) : undefined }));
      if (!response) return next();
      res.statusCode = response.status;
      response.headers.forEach((value, key) => res.setHeader(key, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch(next);
  };
  return Object.assign(middleware, { backend });
}

/** Vite plugin: the same middleware in `vite` (dev) and `vite preview`. */
export function mockBackendPlugin(): Plugin {
  const middleware = mockMiddleware();
  return {
    name: 'tfa-example-mock-backend',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}

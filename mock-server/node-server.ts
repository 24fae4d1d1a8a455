/**
 * The mock backend over plain HTTP, for anyone not running the widget's dev server:
 *
 *   npm run mock-server            # PORT=8787 HOST=127.0.0.1 by default
 *
 * Serves `<apiBase>/*` and `/__mock/*` with permissive CORS for development (the Origin is
 * reflected; Authorization, Content-Type and X-TFA-CSRF allowed; Retry-After exposed), and logs
 * one line per request. `startServer({ port: 0 })` gives tests an ephemeral port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createBackend, type MockBackend } from './backend.js';
import type { MockConfig } from './config.js';
import { HttpProblem, problemResponse } from './problems.js';

export interface StartServerOptions {
  port?: number;
  host?: string;
  config?: Partial<MockConfig>;
  /** One line per request on stdout (default true). */
  log?: boolean;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  backend: MockBackend;
  server: Server;
  close(): Promise<void>;
}

const SKIPPED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect']);
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-TFA-CSRF, Accept';
const EXPOSED_HEADERS = 'Retry-After, WWW-Authenticate, Allow';

/** Methods handed to the backend (`new Request` takes them); any other answers 405. */
const FETCH_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']);
const SERVED_METHODS = 'GET, POST, PUT, DELETE';

class BodyTooLarge extends Error {}
class ClientGone extends Error {}

/** A whole HTTP/1.1 response carrying a problem, for sockets Node's HTTP layer hands over raw. */
function rawProblem(status: 400 | 405, code: 'invalid_request' | 'method_not_allowed', detail: string, extraHeaders = ''): string {
  const body = JSON.stringify(new HttpProblem(status, code, { detail }).toProblem());
  const reason = status === 400 ? 'Bad Request' : 'Method Not Allowed';
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\n${extraHeaders}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // The client went away (or sent a broken body) mid-request: nobody is left to answer.
    req.on('error', () => reject(new ClientGone()));
  });
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  };
}

async function send(res: ServerResponse, response: Response, extra: Record<string, string>): Promise<void> {
  const headers: Record<string, string> = { ...extra };
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

function toRequest(req: IncomingMessage, origin: string, body: Buffer): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || SKIPPED_HEADERS.has(key)) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = body.length > 0 && req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
  });
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const backend = createBackend({ config: options.config });
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? true;
  let origin = `http://${host}`;

  const server = createServer(async (req, res) => {
    const started = Date.now();
    const cors = corsHeaders(req);
    res.on('finish', () => {
      if (log) console.log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`);
    });
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
      if (!FETCH_METHODS.has(req.method ?? '')) {
        // TRACE, CONNECT, WebDAV verbs…: no route takes them, and `new Request` refuses some of them.
        await send(res, problemResponse(new HttpProblem(405, 'method_not_allowed', {
          detail: `Use ${SERVED_METHODS}.`,
          headers: { Allow: SERVED_METHODS },
        })), cors);
        return;
      }
      let body: Buffer;
      try {
        body = await readBody(req, backend.config.maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        res.setHeader('Connection', 'close');
        res.on('finish', () => req.destroy());
        await send(res, problemResponse(new HttpProblem(413, 'payload_too_large', {
          detail: `At most ${backend.config.maxBodyBytes} bytes.`,
        })), cors);
        return;
      }
      const response = await backend.handle(toRequest(req, origin, body));
      await send(res, response ?? problemResponse(new HttpProblem(404, 'not_found', { detail: 'No such route.' })), cors);
    } catch (error) {
      if (error instanceof ClientGone) {
        res.destroy();
        return;
      }
      console.error('[mock-server] unexpected error:', error instanceof Error ? error.message : error);
      if (!res.headersSent) {
        await send(res, problemResponse(new HttpProblem(500, 'server_error', { detail: 'Unexpected error in the mock.' })), cors);
      } else {
        res.destroy();
      }
    }
  });
  // Requests Node's HTTP parser refuses (bad headers, headers too large…) get a problem too.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end(rawProblem(400, 'invalid_request', 'The HTTP request is malformed.'));
  });
  // CONNECT is no route of the contract (without this listener Node just drops the connection).
  server.on('connect', (_req, socket) => {
    socket.end(rawProblem(405, 'method_not_allowed', `Use ${SERVED_METHODS}.`, `Allow: ${SERVED_METHODS}\r\n`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: origin,
    port,
    backend,
    server,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? '127.0.0.1';
  startServer({ port, host }).then(
    ({ url, backend }) => {
      console.log(`Mock backend on ${url}${backend.config.apiBase} (control API: ${url}/__mock). Demo users: anna, bo, carl, dorte, erik / demo1234`);
    },
    (error: unknown) => {
      console.error('[mock-server] could not start:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/**
 * Fuzz over real HTTP against the Node mock server (`startServer({ port: 0 })`): what only a
 * socket can carry. Huge bodies (with and without Content-Length), wrong content types, invalid
 * UTF-8, odd methods (TRACE, CONNECT, WebDAV), requests Node's HTTP parser refuses. Every answer is
 * a 4xx `application/problem+json` with a known code, the state never changes, and the server keeps
 * serving: a valid sign-in works afterwards. Seeded (`FUZZ_SEED`).
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startServer, type RunningServer } from '../../mock-server/node-server.js';
import {
  API, OPERATIONS, SEED, WORLD_CONFIG, assertContract, assertNoStateChange, assertRefused, count, counts, invalidBody, pathFor,
} from './support.js';

const RUNS = { bodies: 1500, methods: 300, raw: 200 };
let server: RunningServer;
let ids: string[];
let tokens: string[];
let properties = 0;

interface Sent { status: number; headers: Headers; body: unknown; text: string }

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** One request with `node:http` (any method, chunked or sized body). */
function send(method: string, path: string, headers: Record<string, string>, body?: Uint8Array | string, chunked = false): Promise<Sent> {
  return new Promise((resolve, reject) => {
    // Framing is explicit: Node's client would send a DELETE body unframed (read as a second request).
    const framing = body === undefined ? {} : chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(Buffer.byteLength(body)) };
    const req = httpRequest(server.url + path, { method, headers: { ...headers, ...framing }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, headers: h, body: parse(text), text });
      });
    });
    // The server may answer 413 and close before the whole body is written: that is its right.
    req.on('error', (error: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(error.code ?? '') ? undefined : reject(error)));
    if (body !== undefined) {
      if (chunked) {
        const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
        for (let i = 0; i < bytes.length; i += 4096) req.write(bytes.subarray(i, i + 4096));
        req.end();
      } else {
        req.end(body);
      }
    } else {
      req.end();
    }
  });
}

/** Raw bytes on a socket (for requests no HTTP client would send); resolves with what came back. */
function sendRaw(bytes: string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Headers();
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) headers.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
      }
      const bodyText = rest.join('\r\n\r\n');
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: parse(bodyText), text });
    });
    socket.write(bytes);
    setTimeout(() => socket.end(), 50);
  });
}

async function json(method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-TFA-CSRF': '1' };
  if (token) headers.Authorization = `Bearer ${token}`;
  count('setup');
  const reply = await send(method, API + path, headers, body === undefined ? undefined : JSON.stringify(body));
  return reply.body;
}

describe('fuzz (over HTTP)', () => {
  before(async () => {
    server = await startServer({ port: 0, log: false, config: WORLD_CONFIG });
    const anna = await json('POST', '/signin/password', { username: 'anna', password: 'demo1234' });
    const dorte = await json('POST', '/signin/password', { username: 'dorte', password: 'demo1234' });
    const bo = await json('POST', '/signin/password', { username: 'bo', password: 'demo1234' });
    const code = server.backend.exportState().outbox.at(-1)!.code;
    const boDone = await json('POST', '/signin/code', { code }, bo.transactionToken);
    tokens = [anna.transactionToken, dorte.transactionToken, boDone.session.token];
    const state = server.backend.exportState();
    ids = [...state.users.flatMap((u) => u.methods.map((m) => m.id)), ...state.pushes.map((p) => p.id)];
    console.log(`fuzz: seed ${SEED} (set FUZZ_SEED to override)`);
  });
  after(() => server.close());

  it('refuses huge, mistyped and malformed bodies on every operation, sized or chunked', async () => {
    properties += 1;
    const ops = OPERATIONS.filter((o) => o.method !== 'GET');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ops).chain((op) => fc.record({
          op: fc.constant(op),
          path: pathFor(op.template, ids),
          token: fc.option(fc.constantFrom(...tokens), { nil: undefined }),
          body: fc.oneof(
            invalidBody(op.key, ids, server.backend.config.maxBodyBytes),
            fc.integer({ min: 17 * 1024, max: 1024 * 1024 }).map((size) => ({ body: `{"username":"${'a'.repeat(size)}"}`, contentType: 'application/json', label: `${size} bytes` })),
          ),
          chunked: fc.boolean(),
        })),
        async ({ op, path, token, body, chunked }) => {
          const headers: Record<string, string> = { 'X-TFA-CSRF': '1' };
          if (body.contentType !== undefined) headers['Content-Type'] = body.contentType;
          if (token) headers.Authorization = `Bearer ${token}`;
          const before = server.backend.exportState();
          count(op.key);
          const reply = await send(op.method, path, headers, body.body, chunked);
          assertRefused({ method: op.method, path, label: `${body.label}${chunked ? ', chunked' : ''}` }, reply);
          assertNoStateChange(before, server.backend.exportState(), undefined, `${op.method} ${path.slice(0, 80)}`);
        },
      ),
      { seed: SEED + 10, numRuns: RUNS.bodies },
    );
  });

  it('answers methods no route takes with 405 (TRACE, CONNECT, WebDAV…), never a 5xx', async () => {
    properties += 1;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH', 'PATCH', 'M-SEARCH', 'NOTIFY', 'LINK', 'UNLINK'),
        fc.constantFrom(...OPERATIONS.map((o) => o.template)),
        async (method, template) => {
          const path = (template.startsWith('/__mock') ? '' : API) + template.replace('{id}', 'x');
          const before = server.backend.exportState();
          count(`${method} (odd method)`);
          const reply = await send(method, path, { 'X-TFA-CSRF': '1' });
          assertRefused({ method, path }, reply);
          assert.equal(reply.status, 405, `${method} ${path}: ${reply.status}`);
          assertNoStateChange(before, server.backend.exportState(), undefined, `${method} ${path}`);
        },
      ),
      { seed: SEED + 11, numRuns: RUNS.methods },
    );
    const before = server.backend.exportState();
    count('CONNECT');
    const reply = await sendRaw(`CONNECT 127.0.0.1:${server.port} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    assertRefused({ method: 'CONNECT', path: '/' }, reply);
    assertNoStateChange(before, server.backend.exportState(), undefined, 'CONNECT');
  });

  it('answers requests the HTTP parser refuses with a 400 problem', async () => {
    properties += 1;
    const bad = [
      'GET /api/signin HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      'GET /api/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      `GET /api/signin?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /api/signin HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      'POST /api/signin/password HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nX-TFA-CSRF: 1\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
      'GET /api/signin HTTP/9.9\r\nHost: x\r\n\r\n',
      'G\u0000ET / HTTP/1.1\r\n\r\n',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bad), async (bytes) => {
        const before = server.backend.exportState();
        count('malformed HTTP');
        const reply = await sendRaw(bytes);
        assert.ok(reply.status >= 400 && reply.status < 500, `${JSON.stringify(bytes.slice(0, 60))} → ${reply.status} ${reply.text.slice(0, 200)}`);
        assertContract({ method: 'GET', path: '/api/signin', label: bytes.slice(0, 40) }, reply);
        assertNoStateChange(before, server.backend.exportState(), undefined, 'malformed HTTP');
      }),
      { seed: SEED + 12, numRuns: RUNS.raw },
    );
  });

  it('keeps serving: a valid sign-in works afterwards', async () => {
    const tx = await json('POST', '/signin/password', { username: 'anna', password: 'demo1234' });
    assert.equal(tx.step.name, 'verify-code');
    const code = server.backend.exportState().outbox.at(-1)!.code;
    const done = await json('POST', '/signin/code', { code }, tx.transactionToken);
    assert.equal(done.step.name, 'done');
    console.log(`fuzz: ${counts.requests} requests, ${properties} properties (over HTTP, seed ${SEED})`);
    assert.ok(counts.requests >= 2000, `only ${counts.requests} requests`);
  });
});

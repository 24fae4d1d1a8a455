/** Shared plumbing of the Node contract tests: a real HTTP server on an ephemeral port. */
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import { startServer, type RunningServer } from '../../mock-server/node-server.js';
import type { MockConfig } from '../../mock-server/config.js';
import type { Problem, Session, Transaction } from '../../src/internal/contract.js';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface OutboxItem { id: string; channel: 'email' | 'sms'; to: string; code?: string; text: string; sentAt: string }
export interface PushItem {
  id: string; username: string; methodId: string; method: string; status: string;
  number?: number; choices?: number[]; createdAt: string; expiresAt: string;
}

export const PASSWORD = 'demo1234';

/** Starts one server for the file and resets the mock before every test. */
export function useServer(config?: Partial<MockConfig>): { readonly server: RunningServer } {
  const holder = {} as { server: RunningServer };
  before(async () => {
    holder.server = await startServer({ port: 0, log: false, config });
  });
  after(async () => {
    await holder.server.close();
  });
  beforeEach(async () => {
    const reply = await raw(holder.server, 'POST', '/__mock/reset');
    assert.equal(reply.status, 200);
  });
  return holder;
}

export async function raw(
  server: RunningServer,
  method: string,
  path: string,
  init: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string>; csrf?: boolean } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.body !== undefined || init.rawBody !== undefined) headers['Content-Type'] = 'application/json';
  if (init.csrf ?? (method !== 'GET' && path.startsWith('/api'))) headers['X-TFA-CSRF'] = '1';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  Object.assign(headers, init.headers);
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep the text */
  }
  return { status: response.status, headers: response.headers, body };
}

/** A small client bound to one server. */
export function client(holder: { readonly server: RunningServer }) {
  const call = (method: string, path: string, init?: Parameters<typeof raw>[3]) => raw(holder.server, method, path, init);
  const api = {
    call,
    get: (path: string, token?: string) => call('GET', `/api${path}`, { token }),
    post: (path: string, body?: unknown, token?: string) => call('POST', `/api${path}`, { body, token }),
    put: (path: string, body?: unknown, token?: string) => call('PUT', `/api${path}`, { body, token }),
    del: (path: string, token?: string) => call('DELETE', `/api${path}`, { token }),
    async password(username: string, password = PASSWORD): Promise<Transaction> {
      const reply = await api.post('/signin/password', { username, password });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body as Transaction;
    },
    async identify(username: string): Promise<Transaction> {
      const reply = await api.post('/signin/identify', { username });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body as Transaction;
    },
    async outbox(): Promise<OutboxItem[]> {
      return (await call('GET', '/__mock/outbox')).body as OutboxItem[];
    },
    /** The newest message to `to` (email address or E.164 number). */
    async lastTo(to: string): Promise<OutboxItem> {
      const items = (await api.outbox()).filter((m) => m.to === to);
      assert.ok(items.length > 0, `no message to ${to}`);
      return items[items.length - 1]!;
    },
    async pushes(): Promise<PushItem[]> {
      return (await call('GET', '/__mock/push')).body as PushItem[];
    },
    async advance(seconds: number): Promise<void> {
      const reply = await call('POST', '/__mock/clock', { body: { advanceSeconds: seconds } });
      assert.equal(reply.status, 200);
    },
    /** The mock clock now (ms). */
    now: () => holder.server.backend.now(),
    /** Full sign-in of a user whose primary method is email or SMS; returns the session. */
    async signIn(username: string): Promise<Session> {
      const tx = await api.password(username);
      assert.equal(tx.step.name, 'verify-code');
      const target = (await api.outbox()).at(-1)!;
      const done = await api.post('/signin/code', { code: target.code }, tx.transactionToken);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      return (done.body as Transaction).session!;
    },
    state: () => holder.server.backend.exportState(),
  };
  return api;
}

/** Asserts an RFC 9457 problem with the contract's shape and `code`. */
export function assertProblem(reply: Reply, status: number, code: string): Problem {
  assert.equal(reply.status, status, `expected ${status} ${code}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  assert.equal(reply.headers.get('content-type'), 'application/problem+json');
  const problem = reply.body as Problem;
  assert.equal(problem.code, code);
  assert.equal(problem.status, status);
  assert.equal(typeof problem.type, 'string');
  assert.equal(typeof problem.title, 'string');
  assert.doesNotMatch(JSON.stringify(problem), /\n\s+at |\.ts:\d+/, 'no stack trace');
  return problem;
}

export function assertRetryAfter(reply: Reply, min: number, max: number): number {
  const header = Number(reply.headers.get('retry-after'));
  assert.ok(header >= min && header <= max, `Retry-After ${header} not in [${min}, ${max}]`);
  assert.equal((reply.body as Problem).retryAfter, header);
  return header;
}

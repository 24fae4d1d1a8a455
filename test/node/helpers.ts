/**
 * Shared plumbing of the Node contract suite (which is also the conformance kit).
 *
 * Every request goes through `raw()`, which checks the answer against `docs/contract/openapi.yaml`
 * (route + status → schema, content type, required headers): a mismatch fails the test with the
 * path and the schema errors. The server is the one `target.ts` resolves: an in-process mock
 * started per test file, or the server of `TFA_BASE_URL` (`npm run conformance`).
 */
import assert from 'node:assert/strict';
import { beforeEach } from 'node:test';
import { createGuardrails, generate } from 'otplib';
import type { MockConfig } from '../../mock-server/config.js';
import type { MockClock, OutboxMessage, PushRequest } from '../../mock-server/control-client.js';
import type { MockState } from '../../mock-server/store.js';
import type { Problem, Session, Transaction } from '../../src/internal/contract.js';
import { contractErrors } from './openapi.js';
import { connect, type Capabilities, type Fixtures, type Role, type Target, type UserFixture } from './target.js';

export type { Target } from './target.js';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}


/** A fixture user with its password resolved. */
export type User = UserFixture & { password: string };

/** The password of the demo users (fixture default). */
export const PASSWORD = 'demo1234';

export const SKIP_CONTROL = 'needs the mock control API (/__mock/*), which this server does not offer';
export const SKIP_IN_PROCESS = 'needs the mock running in this process (compares its whole state)';

export interface Holder {
  readonly target: Target;
  /** Server clock minus local clock (ms), as last observed. */
  offsetMs: number;
}

/**
 * Connects to the target for this test file; before every test the mock is reset (when its
 * control API is there) and, for a remote mock, `config` is applied.
 */
export async function useServer(config?: Partial<MockConfig>): Promise<Holder> {
  const target = await connect(config);
  const holder: Holder = { target, offsetMs: 0 };
  beforeEach(async () => {
    if (!target.caps.control) return;
    assert.equal((await raw(holder, 'POST', '/__mock/reset')).status, 200);
    if (config && !target.caps.inProcess) {
      assert.equal((await raw(holder, 'PUT', '/__mock/config', { body: config })).status, 200);
    }
    await syncClock(holder);
  });
  return holder;
}

async function syncClock(holder: Holder): Promise<void> {
  if (holder.target.backend) return;
  const reply = await raw(holder, 'GET', '/__mock/clock');
  holder.offsetMs = Date.parse((reply.body as MockClock).now) - Date.now();
}

export interface RawInit {
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
  csrf?: boolean;
  /** Skip the OpenAPI check (only for tests of the checker itself). */
  unchecked?: boolean;
}

/** One HTTP request; the answer is checked against the OpenAPI document. */
export async function raw(holder: Holder, method: string, path: string, init: RawInit = {}): Promise<Reply> {
  const { target } = holder;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.body !== undefined || init.rawBody !== undefined) headers['Content-Type'] = 'application/json';
  if (init.csrf ?? (method !== 'GET' && path.startsWith(target.apiBase))) headers['X-TFA-CSRF'] = '1';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  Object.assign(headers, init.headers);
  const response = await fetch(target.url + path, {
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
  const reply: Reply = { status: response.status, headers: response.headers, body };
  if (!init.unchecked) {
    const pathname = new URL(path, 'http://x').pathname;
    const errors = contractErrors({ method, pathname, status: reply.status, headers: reply.headers, body }, target.apiBase);
    if (errors.length) {
      assert.fail(`${method} ${pathname} → ${reply.status} does not match docs/contract/openapi.yaml:\n  - ${errors.join('\n  - ')}\n  body: ${text.slice(0, 500)}`);
    }
  }
  // The server's clock, as its answers tell it (without the control API this is all there is).
  const serverTime = (body as { serverTime?: unknown } | undefined)?.serverTime;
  if (!target.backend && !target.caps.control && typeof serverTime === 'string') {
    holder.offsetMs = Date.parse(serverTime) - Date.now();
  }
  return reply;
}

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small client bound to the target. */
export function client(holder: Holder) {
  const { target } = holder;
  const base = target.apiBase.replace(/\/+$/, '');
  const fixtures: Fixtures = target.fixtures;
  const resolve = (u: UserFixture): User => ({ ...u, password: u.password ?? fixtures.password });
  const users = Object.fromEntries(Object.entries(fixtures.users).map(([role, u]) => [role, resolve(u)])) as Record<Role, User>;
  const nameOf = (user: User | string) => (typeof user === 'string' ? user : user.username);
  const passwordOf = (user: User | string) => (typeof user === 'string' ? fixtures.password : user.password);

  const totpSessions = new Map<string, Session>();
  async function signInTotpFresh(user: User): Promise<Session> {
    for (let round = 0; round < 3; round++) {
      await api.awayFromStepBoundary();
      for (const steps of [0, 1]) {
        const tx = await api.password(user);
        assert.equal(tx.step.name, 'verify-totp');
        const reply = await api.post('/signin/code', { code: await api.totp(user.totpSecret, steps) }, tx.transactionToken);
        if (reply.status === 200) return (reply.body as Transaction).session!;
        assert.equal(reply.body?.code, 'code_already_used', JSON.stringify(reply.body));
        await api.del('/signin', tx.transactionToken);
      }
      await sleep(30_000 - (api.now() % 30_000) + 200);
    }
    throw new Error('could not sign the TOTP user in');
  }
  const call = (method: string, path: string, init?: RawInit) => raw(holder, method, path, init);
  const api = {
    target,
    caps: target.caps as Capabilities,
    limits: fixtures.limits,
    /** The demo users by role, named as in FLOWS.md (anna = email, bo = SMS, carl = TOTP, dorte = push, erik = push + SMS). */
    users: { anna: users.email, bo: users.sms, carl: users.totp, dorte: users.push, erik: users.pushSms },
    /** `false`, or why a test needs what this server lacks (for `it(name, { skip }, fn)`). */
    needs(...caps: (keyof Capabilities)[]): false | string {
      if (caps.includes('inProcess') && !target.caps.inProcess) return SKIP_IN_PROCESS;
      if (caps.includes('control') && !target.caps.control) return SKIP_CONTROL;
      return false;
    },
    call,
    apiPath: (path: string) => `${base}${path}`,
    get: (path: string, token?: string) => call('GET', `${base}${path}`, { token }),
    post: (path: string, body?: unknown, token?: string) => call('POST', `${base}${path}`, { body, token }),
    put: (path: string, body?: unknown, token?: string) => call('PUT', `${base}${path}`, { body, token }),
    del: (path: string, token?: string) => call('DELETE', `${base}${path}`, { token }),
    async password(user: User | string, password = passwordOf(user)): Promise<Transaction> {
      const reply = await api.post('/signin/password', { username: nameOf(user), password });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body as Transaction;
    },
    async identify(user: User | string): Promise<Transaction> {
      const reply = await api.post('/signin/identify', { username: nameOf(user) });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body as Transaction;
    },
    async outbox(): Promise<OutboxMessage[]> {
      return (await call('GET', '/__mock/outbox')).body as OutboxMessage[];
    },
    /** The newest message to `to` (email address or E.164 number). */
    async lastTo(to: string | undefined): Promise<OutboxMessage> {
      assert.ok(to, 'the fixtures name no address for this user');
      const items = (await api.outbox()).filter((m) => m.to === to);
      assert.ok(items.length > 0, `no message to ${to}`);
      return items[items.length - 1]!;
    },
    async pushes(): Promise<PushRequest[]> {
      return (await call('GET', '/__mock/push')).body as PushRequest[];
    },
    async approve(pushId: string, number?: number): Promise<Reply> {
      return call('POST', `/__mock/push/${pushId}/approve`, { body: number === undefined ? {} : { number } });
    },
    async advance(seconds: number): Promise<void> {
      const reply = await call('POST', '/__mock/clock', { body: { advanceSeconds: seconds } });
      assert.equal(reply.status, 200);
      if (!target.backend) holder.offsetMs = Date.parse((reply.body as MockClock).now) - Date.now();
    },
    /** The server's clock now (ms): exact in process, else as last observed. */
    now: (): number => target.backend?.now() ?? Date.now() + holder.offsetMs,
    /** The code an authenticator app with `secret` shows now (or `steps` periods away), on the server's clock. */
    async totp(secret: string | undefined, steps = 0): Promise<string> {
      assert.ok(secret, 'the fixtures name no TOTP secret');
      const epoch = Math.floor(api.now() / 1000) + steps * 30;
      return generate({ secret, epoch, guardrails });
    },
    /**
     * Waits while the server's clock is within `marginMs` of a TOTP step boundary, so a code
     * computed here is still of the same step when the server checks it.
     */
    async awayFromStepBoundary(marginMs = 1500): Promise<void> {
      const intoStep = api.now() % 30_000;
      if (intoStep > 30_000 - marginMs) await sleep(30_000 - intoStep + 200);
    },
    /** Full sign-in of a user whose primary method is email or SMS (reads the code from the outbox). */
    async signIn(user: User | string): Promise<Session> {
      const tx = await api.password(user);
      assert.equal(tx.step.name, 'verify-code');
      const target = (await api.outbox()).at(-1)!;
      const done = await api.post('/signin/code', { code: target.code }, tx.transactionToken);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      return (done.body as Transaction).session!;
    },
    /**
     * Signs the TOTP user in with a code of the next unused time step (works without the control
     * API; waits for the next step when the window is used up).
     */
    async signInTotp(user: User = users.totp): Promise<Session> {
      // Without reset between tests, time steps get used up: reuse a live session of this user.
      const cached = totpSessions.get(user.username);
      if (cached && !target.caps.control && (await api.get('/session', cached.token)).status === 200) return cached;
      const session = await signInTotpFresh(user);
      totpSessions.set(user.username, session);
      return session;
    },
    /** A session by whatever this server allows: an emailed code (control API) or the TOTP user. */
    async anySession(): Promise<Session> {
      return target.caps.control ? api.signIn(users.email) : api.signInTotp();
    },
    /**
     * The state a failed request must not change: the whole mock state in process; the outbox,
     * push list and pending enrollments through the control API; nothing otherwise.
     */
    async snapshot(): Promise<unknown> {
      if (target.backend) return target.backend.exportState();
      if (!target.caps.control) return undefined;
      const [outbox, pushes, enrollments] = await Promise.all(
        ['/__mock/outbox', '/__mock/push', '/__mock/enrollments'].map(async (p) => (await call('GET', p)).body),
      );
      return { outbox, pushes, enrollments };
    },
    /** The mock's whole state (in process only). */
    state(): MockState {
      assert.ok(target.backend, SKIP_IN_PROCESS);
      return target.backend.exportState();
    },
  };
  return api;
}

export type Api = ReturnType<typeof client>;

/** Runs `act` and asserts the observable state is exactly as before (see `snapshot()`). */
export async function unchanged(api: Api, act: () => Promise<void>): Promise<void> {
  const before = JSON.stringify(await api.snapshot());
  await act();
  assert.equal(JSON.stringify(await api.snapshot()), before, 'the state changed');
}

/** `assert.equal` when the fixtures know the expected value; nothing otherwise. */
export function equalIfKnown(actual: unknown, expected: unknown, message?: string): void {
  if (expected !== undefined) assert.equal(actual, expected, message);
}

/** Asserts an RFC 9457 problem with the contract's shape and `code`. */
export function assertProblem(reply: Reply, status: number, code: string): Problem {
  assert.equal(reply.status, status, `expected ${status} ${code}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  assert.equal(reply.headers.get('content-type')?.split(';')[0], 'application/problem+json');
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

/**
 * The one typed client of the mock control API (`/__mock/*`, answered by `routes/control.ts` and
 * described in `docs/contract/openapi.yaml`): what the mock "sent", the simulated phone (push
 * approve/deny, app set-ups, authenticator codes), the clock, reset and config.
 *
 * Used by the demo's simulated phone, the stories and the tests, in the page (MSW or an in-process
 * `createMockFetch()`) and from Node (an origin such as `http://127.0.0.1:8787`). Development and
 * tests only: a real backend has none of this, and the widget never imports it.
 *
 *   const mock = mockControl();                                    // the page's own origin
 *   const mock = mockControl({ fetch: createMockFetch(backend) }); // same JS context
 *   const mock = mockControl({ origin: harness.base });            // from Node
 *   const code = await mock.lastCode({ channel: 'sms' });
 */
import type { Enrollment, MethodProduct, PushStatus, Session, Step, Transaction } from '../src/internal/contract.js';
import type { MockConfig } from './config.js';
import type { EnrollmentRecord, OutboxItem } from './store.js';

/** An email or SMS the mock sent, as `GET /__mock/outbox` lists it (oldest first). */
export type OutboxMessage = OutboxItem;

/** A push request, as `GET /__mock/push` lists it. */
export interface PushRequest {
  id: string;
  username: string;
  methodId: string;
  /** The app's product: `pingid` or `entrust-soft-token`. */
  method: MethodProduct;
  /** `cancelled` when replaced ("Retry mobile", Change Device) or the transaction closed. */
  status: PushStatus | 'cancelled';
  /** The number the sign-in screen shows (number matching on). */
  number?: number;
  /** The numbers the app offers, the right one among them (number matching on). */
  choices?: number[];
  createdAt: string;
  expiresAt: string;
}

/** A pending app set-up (PingID, Entrust), as `GET /__mock/enrollments` lists it. */
export interface PendingEnrollment {
  id: string;
  username: string;
  product: EnrollmentRecord['product'];
  status: EnrollmentRecord['status'];
  qrUri: string;
  activationPassword?: string;
  createdAt: string;
  expiresAt: string;
}

/** The current code of an enrolled authenticator app, as `GET /__mock/authenticators` lists it. */
export interface AuthenticatorCode {
  username: string;
  methodId: string;
  product: MethodProduct;
  code: string;
  /** Seconds until the code changes. */
  validForSeconds: number;
}

/** The mock's clock, as `GET|POST /__mock/clock` answer it. */
export interface MockClock {
  /** ISO 8601 */
  now: string;
  /** How far `POST /__mock/clock` has moved it ahead of real time. */
  offsetSeconds: number;
}

/** What the client needs of `fetch` (the global one, `createMockFetch()`, a recording wrapper…). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface MockControlOptions {
  /** Defaults to the global `fetch` (looked up at each call, so MSW and test wrappers see it). */
  fetch?: FetchLike;
  /** Where the control API lives: `''` (default) for the page's own origin, else e.g. `http://127.0.0.1:8787`. */
  origin?: string;
}

export type ControlMethod = 'GET' | 'POST' | 'PUT';

/** A typed client of `/__mock/*`; every call throws when the mock does not answer with 2xx. */
export interface MockControl {
  /** Any control call: `path` relative to `/__mock/` (`'outbox'`, `'push/p-1/deny'`). */
  call<T = unknown>(method: ControlMethod, path: string, body?: unknown): Promise<T>;
  outbox(): Promise<OutboxMessage[]>;
  /** The code of the newest message with one (of `channel`, to `to`, when given). */
  lastCode(filter?: { channel?: 'email' | 'sms'; to?: string }): Promise<string>;
  /** Every code sent so far, oldest first. */
  codes(): Promise<string[]>;
  pushes(): Promise<PushRequest[]>;
  /** The pending push request of `username` (of anyone when omitted), if any. */
  pendingPush(username?: string): Promise<PushRequest | undefined>;
  /** Approves on the phone; with number matching on, `number` is the one picked. */
  approvePush(id: string, number?: number): Promise<PushRequest>;
  denyPush(id: string): Promise<PushRequest>;
  enrollments(): Promise<PendingEnrollment[]>;
  /** The phone app finished pairing: the method becomes active and primary. */
  completeEnrollment(id: string): Promise<Enrollment>;
  authenticators(): Promise<AuthenticatorCode[]>;
  /** The current code of `username`'s authenticator app at the mock's clock. */
  appCode(username: string): Promise<string>;
  clock(): Promise<MockClock>;
  advanceClock(seconds: number): Promise<MockClock>;
  /** Back to the demo users, empty outbox and push list, real time, initial config. */
  reset(): Promise<void>;
  config(): Promise<MockConfig>;
  updateConfig(patch: Partial<MockConfig>): Promise<MockConfig>;
}

export function mockControl(options: MockControlOptions = {}): MockControl {
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const root = `${(options.origin ?? '').replace(/\/+$/, '')}/__mock/`;
  const id = encodeURIComponent;

  async function call<T>(method: ControlMethod, path: string, body?: unknown): Promise<T> {
    const url = root + path.replace(/^\/+/, '');
    const response = await fetchFn(url, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const control: MockControl = {
    call,
    outbox: () => call('GET', 'outbox'),
    async lastCode(filter = {}) {
      const found = (await control.outbox())
        .filter((m) => m.code && (!filter.channel || m.channel === filter.channel) && (!filter.to || m.to === filter.to))
        .at(-1);
      if (!found?.code) throw new Error(`no ${filter.channel ?? ''} code${filter.to ? ` to ${filter.to}` : ''} in the outbox`);
      return found.code;
    },
    async codes() {
      return (await control.outbox()).map((m) => m.code).filter((c): c is string => !!c);
    },
    pushes: () => call('GET', 'push'),
    async pendingPush(username) {
      return (await control.pushes()).find((p) => p.status === 'pending' && (username === undefined || p.username === username));
    },
    approvePush: (pushId, number) => call('POST', `push/${id(pushId)}/approve`, number === undefined ? {} : { number }),
    denyPush: (pushId) => call('POST', `push/${id(pushId)}/deny`),
    enrollments: () => call('GET', 'enrollments'),
    completeEnrollment: (enrollmentId) => call('POST', `enrollments/${id(enrollmentId)}/complete`),
    authenticators: () => call('GET', 'authenticators'),
    async appCode(username) {
      const app = (await control.authenticators()).find((a) => a.username === username);
      if (!app) throw new Error(`no authenticator app for ${username}`);
      return app.code;
    },
    clock: () => call('GET', 'clock'),
    advanceClock: (seconds) => call('POST', 'clock', { advanceSeconds: seconds }),
    async reset() {
      await call('POST', 'reset');
    },
    config: () => call('GET', 'config'),
    updateConfig: (patch) => call('PUT', 'config', patch),
  };
  return control;
}

/** A finished sign-in of a demo user. */
export interface DemoSignIn {
  session: Session;
  /** The step the password answered with (the primary method's). */
  firstStep: Step;
}

/**
 * Signs a demo user in through the contract API (`<apiBase>/signin/*`, with the CSRF header) and
 * passes the second factor with the control API, as a person with the phone would: the emailed or
 * texted code from the outbox, the authenticator app's current code, or the push approved with
 * the number shown.
 */
export async function signInDemoUser(
  username: string,
  options: MockControlOptions & { apiBase?: string; password?: string } = {},
): Promise<DemoSignIn> {
  const control = mockControl(options);
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const apiBase = `${(options.origin ?? '').replace(/\/+$/, '')}${options.apiBase ?? '/api'}`;
  const api = async (method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<Transaction> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-TFA-CSRF'] = '1';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetchFn(`${apiBase}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${apiBase}${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Transaction;
  };

  let tx = await api('POST', '/signin/password', undefined, { username, password: options.password ?? 'demo1234' });
  const firstStep = tx.step;
  for (let i = 0; i < 4 && tx.step.name !== 'done'; i++) {
    const step = tx.step;
    if (step.name === 'verify-code') {
      const code = await control.lastCode({ channel: step.method.product === 'sms' ? 'sms' : 'email' });
      tx = await api('POST', '/signin/code', tx.transactionToken, { code });
    } else if (step.name === 'verify-totp') {
      tx = await api('POST', '/signin/code', tx.transactionToken, { code: await control.appCode(username) });
    } else if (step.name === 'push') {
      await control.approvePush(step.push.id, step.push.number);
      tx = await api('GET', '/signin', tx.transactionToken);
    } else {
      throw new Error(`signInDemoUser(${username}): cannot pass step ${step.name} here`);
    }
  }
  if (!tx.session) throw new Error(`signInDemoUser(${username}) did not finish: ${JSON.stringify(tx)}`);
  return { session: tx.session, firstStep };
}

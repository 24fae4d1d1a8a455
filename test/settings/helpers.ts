/**
 * Helpers of the settings tests: a signed-in session from the mock (behind MSW, or in this JS
 * context), the control API, and DOM queries by what a person sees or hears.
 */
import { oneEvent, waitUntil } from '@open-wc/testing';
import type { Method, MethodProduct, Session, Transaction } from '../../src/internal/contract.js';

/** The text a person reads in `el`, whitespace collapsed. */
export const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The accessible name of a button: its `aria-label`, else its text. */
export const nameOf = (el: Element): string => el.getAttribute('aria-label') ?? text(el);

/** The button in `root` whose accessible name is exactly `name`. */
export function button(root: ParentNode, name: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((b) => nameOf(b) === name);
}

/** Like {@link button} but fails the test with a clear message when missing. */
export function mustButton(root: ParentNode, name: string): HTMLButtonElement {
  const found = button(root, name);
  if (!found) {
    const names = [...root.querySelectorAll('button')].map(nameOf).join(' | ');
    throw new Error(`no button named "${name}" (buttons: ${names})`);
  }
  return found;
}

/** Names of the methods in a method list, in the order shown. */
export const listedNames = (root: ParentNode): string[] =>
  [...root.querySelectorAll('ol > li .tfa-method-name')].map((n) => text(n));

/** The polite live region's text. */
export const announcement = (root: ParentNode): string => text(root.querySelector('[role="status"][aria-live="polite"]'));

/** Waits until `find` gives something, and returns it. */
export async function found<T>(find: () => T | null | undefined | false | Promise<T | null | undefined | false>, message = 'not found', timeout = 8000): Promise<T> {
  let value: T | null | undefined | false;
  await waitUntil(async () => !!(value = await find()), message, { timeout });
  return value as T;
}

/** A method as the server would list it (for prop-driven tests). */
export function method(product: MethodProduct, index: number, total: number, id = `m-${product}`): Method {
  const kind = product === 'email' || product === 'sms' ? product : product.endsWith('authenticator') ? 'totp' : 'push';
  const removable = product !== 'email' && total > 1;
  return {
    id,
    kind,
    product,
    primary: index === 0,
    removable,
    ...(!removable && { notRemovableReason: product === 'email' ? 'email_not_removable' : 'last_method' }),
    ...(product === 'email' && { maskedTarget: 'a***@e******.dk' }),
    ...(product === 'sms' && { maskedTarget: '+45 •• •• •• 56' }),
    createdAt: '2024-01-17T10:00:00.000Z',
  } as Method;
}

export const methods = (...products: MethodProduct[]): Method[] => products.map((p, i) => method(p, i, products.length));

export const fakeSession = (token = 'session-token'): Session => ({
  token,
  expiresAt: '2099-01-01T00:00:00.000Z',
  authenticatedAt: new Date().toISOString(),
  user: { username: 'bo', displayName: 'Bo' },
});

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

/**
 * A `fetch` that answers from `answer(method, path, body)`: `[status, json]`. Records calls.
 */
export function fakeFetch(answer: (method: string, path: string, body: unknown) => [number, unknown] | Promise<[number, unknown]>) {
  const calls: Recorded[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), location.origin);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const rec = { method: init?.method ?? 'GET', path: url.pathname, body, headers: new Headers(init?.headers) };
    calls.push(rec);
    const [status, json] = await answer(rec.method, rec.path, body);
    if (status === 204) return new Response(null, { status });
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(json), { status, headers: { 'Content-Type': type } });
  }) as typeof fetch;
  return Object.assign(fn, { calls });
}

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}): [number, unknown] => [
  status,
  { type: 'about:blank', title: code, status, code, ...extra },
];

/* ---------- the mock backend (MSW worker or in-process fetch) ---------- */

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  code?: string;
  text: string;
  sentAt: string;
}

/** Calls the mock's control API (`/__mock/*`). */
export async function control<T>(path: string, init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown; fetchFn?: typeof fetch } = {}): Promise<T> {
  const fetchFn = init.fetchFn ?? fetch;
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const res = await fetchFn(path, {
    method,
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Calls the API (`/api/*`) like the widget does (CSRF header, bearer token). */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: { token?: string; body?: unknown; fetchFn?: typeof fetch } = {}): Promise<{ status: number; body: T }> {
  const fetchFn = opts.fetchFn ?? fetch;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-TFA-CSRF'] = '1';
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const res = await fetchFn(`/api${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  return { status: res.status, body: (res.status === 204 ? undefined : await res.json()) as T };
}

export async function lastCode(channel?: 'email' | 'sms', fetchFn?: typeof fetch): Promise<string> {
  const outbox = await control<OutboxMessage[]>('/__mock/outbox', { fetchFn });
  const message = outbox.filter((m) => m.code && (!channel || m.channel === channel)).at(-1);
  if (!message?.code) throw new Error(`no ${channel ?? ''} code in the outbox`);
  return message.code;
}

/** The current code of `username`'s authenticator app (the mock's clock). */
export async function appCode(username: string, fetchFn?: typeof fetch): Promise<string> {
  const apps = await control<{ username: string; code: string; product?: string }[]>('/__mock/authenticators', { fetchFn });
  const app = apps.find((a) => a.username === username);
  if (!app) throw new Error(`no authenticator app for ${username}`);
  return app.code;
}

/**
 * Signs `username` in through the API (password, then the primary method's code) and returns
 * the session. Email/SMS codes come from the outbox, app codes from `/__mock/authenticators`.
 */
export async function signIn(username: string, fetchFn?: typeof fetch): Promise<{ session: Session; firstStep: Transaction['step'] }> {
  let tx = (await api<Transaction>('POST', '/signin/password', { body: { username, password: 'demo1234' }, fetchFn })).body;
  const firstStep = tx.step;
  for (let i = 0; i < 4 && tx.step.name !== 'done'; i++) {
    if (tx.step.name === 'verify-code') {
      const code = await lastCode(tx.step.method.product === 'sms' ? 'sms' : 'email', fetchFn);
      tx = (await api<Transaction>('POST', '/signin/code', { token: tx.transactionToken, body: { code }, fetchFn })).body;
    } else if (tx.step.name === 'verify-totp') {
      const code = await appCode(username, fetchFn);
      tx = (await api<Transaction>('POST', '/signin/code', { token: tx.transactionToken, body: { code }, fetchFn })).body;
    } else if (tx.step.name === 'push') {
      const pushes = await control<{ id: string; username: string; status: string; number?: number }[]>('/__mock/push', { fetchFn });
      const push = pushes.find((p) => p.username === username && p.status === 'pending');
      if (!push) throw new Error(`signIn(${username}): no pending push`);
      await control(`/__mock/push/${push.id}/approve`, { body: push.number === undefined ? {} : { number: push.number }, fetchFn });
      tx = (await api<Transaction>('GET', '/signin', { token: tx.transactionToken, fetchFn })).body;
    } else {
      throw new Error(`signIn(${username}): cannot pass step ${tx.step.name} here`);
    }
  }
  if (!tx.session) throw new Error(`signIn(${username}) did not finish: ${JSON.stringify(tx)}`);
  return { session: tx.session, firstStep };
}

/** The methods the server lists for `session` now. */
export async function serverMethods(session: Session, fetchFn?: typeof fetch): Promise<Method[]> {
  const res = await api<{ methods: Method[] }>('GET', '/me/methods', { token: session.token, fetchFn });
  if (res.status !== 200) throw new Error(`GET /me/methods: ${res.status}`);
  return res.body.methods;
}

export const resetMock = (fetchFn?: typeof fetch) => control('/__mock/reset', { method: 'POST', body: {}, fetchFn });

/** The next `name` event on `target`, typed as the event map declares it. */
export async function nextEvent<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K): Promise<GlobalEventHandlersEventMap[K]> {
  return (await oneEvent(target, name)) as unknown as GlobalEventHandlersEventMap[K];
}

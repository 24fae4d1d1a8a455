/**
 * Helpers of the settings tests: the API as the widget calls it, methods and sessions for
 * prop-driven tests, a recording fake `fetch`, and DOM queries by accessible name. A signed-in
 * session comes from `signInDemoUser` (`mock-server/control-client.ts`).
 */
import { oneEvent, waitUntil } from '@open-wc/testing';
import type { Method, MethodProduct, Session } from '../../src/internal/contract.js';
import { text } from '../support/dom.js';

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

/* ---------- the mock backend's API (MSW worker or in-process fetch) ---------- */

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

/** The methods the server lists for `session` now. */
export async function serverMethods(session: Session, fetchFn?: typeof fetch): Promise<Method[]> {
  const res = await api<{ methods: Method[] }>('GET', '/me/methods', { token: session.token, fetchFn });
  if (res.status !== 200) throw new Error(`GET /me/methods: ${res.status}`);
  return res.body.methods;
}

/** The next `name` event on `target`, typed as the event map declares it. */
export async function nextEvent<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K): Promise<GlobalEventHandlersEventMap[K]> {
  return (await oneEvent(target, name)) as unknown as GlobalEventHandlersEventMap[K];
}

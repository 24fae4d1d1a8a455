/**
 * Story data from the real mock backend (`mock-server/`) in the story's own JS context: every
 * transaction, error and list a story shows is an answer of the mock, never a hand-written fixture.
 * Each call gets a fresh backend with the demo users (password `demo1234`), so stories do not
 * disturb each other (nor the MSW worker the preview runs for the Playground stories).
 */
import { createBackend } from '../../mock-server/backend.js';
import type { MockConfig } from '../../mock-server/config.js';
import { createMockFetch } from '../../mock-server/in-process.js';
import { currentTotp } from '../../mock-server/totp.js';
import { ApiClient } from '../../src/internal/api-client.js';
import type { Enrollment, Session, Transaction } from '../../src/internal/contract.js';
import { toStepError, type StepError } from '../../src/internal/step-error.js';

/** The mock's control API (`/__mock/*`) through `fetchImpl`: GET without a body, POST with one. */
export type Control = <T = unknown>(path: string, body?: unknown) => Promise<T>;

export function controlOf(fetchImpl: typeof fetch): Control {
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetchImpl(path, body === undefined
      ? {}
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
}

/** A fresh in-process mock: the `fetch` to give an element and its control API. */
export interface InProcessMock {
  fetchImpl: typeof fetch;
  api: ApiClient;
  control: Control;
}

export function inProcessMock(config: Partial<MockConfig> = {}): InProcessMock {
  const fetchImpl = createMockFetch(createBackend({ config }));
  return { fetchImpl, api: new ApiClient({ baseUrl: '/api', fetch: fetchImpl }), control: controlOf(fetchImpl) };
}

/** A `fetch` with no network at all: every request rejects as a browser's fetch does offline. */
export const offlineFetch: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

/** The error `ApiClient` gives for `path` when the network is down (`network_error`). */
export async function offlineError(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<StepError> {
  try {
    await new ApiClient({ baseUrl: '/api', fetch: offlineFetch }).request(method, path, { token, body });
  } catch (err) {
    return toStepError(err);
  }
  throw new Error(`${method} ${path} succeeded without a network`);
}

/** The newest code in the mock's outbox (email or SMS). */
export async function lastCode(control: Control): Promise<string> {
  const outbox = await control<{ code?: string }[]>('/__mock/outbox');
  const code = outbox.filter((m) => m.code).at(-1)?.code;
  if (!code) throw new Error('no code in the mock outbox');
  return code;
}

/** The current code of `username`'s authenticator app at the mock's clock. */
export async function appCode(control: Control, username: string): Promise<string> {
  const apps = await control<{ username: string; code: string }[]>('/__mock/authenticators');
  const app = apps.find((a) => a.username === username);
  if (!app) throw new Error(`no authenticator app for ${username}`);
  return app.code;
}

/** The pending push request of `username`, if any. */
export async function pendingPush(control: Control, username: string): Promise<{ id: string; numbers?: number[]; number?: number } | undefined> {
  const pushes = await control<{ id: string; username: string; status: string; numbers?: number[]; number?: number }[]>('/__mock/push');
  return pushes.find((p) => p.username === username && p.status === 'pending');
}

/* ---------- a signed-in person (the settings elements) ---------- */

/** A signed-in person on a fresh in-process mock backend: what the settings elements get. */
export interface SignedIn extends InProcessMock {
  session: Session;
}

/**
 * Signs `username` in (password `demo1234`, then the primary method: the code from the mock's
 * outbox or authenticator list, or an approved push) and lets `prepare` change the mock's data.
 */
export async function signedIn(
  username: string,
  prepare: (ctx: SignedIn) => Promise<unknown> = async () => {},
  config: Partial<MockConfig> = {},
): Promise<SignedIn> {
  const mock = inProcessMock(config);
  const { api, control } = mock;
  let tx = await api.request<Transaction>('POST', '/signin/password', { body: { username, password: 'demo1234' } });
  while (tx.step.name !== 'done') {
    const step = tx.step;
    if (step.name === 'verify-code') {
      tx = await api.request<Transaction>('POST', '/signin/code', { token: tx.transactionToken, body: { code: await lastCode(control) } });
    } else if (step.name === 'verify-totp') {
      tx = await api.request<Transaction>('POST', '/signin/code', { token: tx.transactionToken, body: { code: await appCode(control, username) } });
    } else if (step.name === 'push') {
      await control(`/__mock/push/${step.push.id}/approve`, step.push.number === undefined ? {} : { number: step.push.number });
      tx = await api.request<Transaction>('GET', '/signin', { token: tx.transactionToken });
    } else {
      throw new Error(`signedIn(${username}): cannot pass ${step.name}`);
    }
  }
  const ctx: SignedIn = { ...mock, session: tx.session! };
  await prepare(ctx);
  return ctx;
}

/** Adds `product` to the signed-in person's methods as a person would (wizard or app pairing). */
export async function addMethod(ctx: SignedIn, product: Enrollment['product']): Promise<void> {
  const token = ctx.session.token;
  const enrollment = await ctx.api.request<Enrollment>('POST', '/me/enrollments', { token, body: { product } });
  if (enrollment.secret) {
    const { code } = await currentTotp(enrollment.secret, Date.now());
    await ctx.api.request('POST', `/me/enrollments/${enrollment.id}/verify`, { token, body: { code } });
  } else {
    await ctx.control(`/__mock/enrollments/${enrollment.id}/complete`, {});
  }
}

/** The id of the signed-in person's method of `kind` (for `[data-method-id]` hooks). */
export async function methodId(ctx: SignedIn, kind: string): Promise<string> {
  const methods = await ctx.api.request<{ id: string; kind: string }[] | { methods: { id: string; kind: string }[] }>('GET', '/me/methods', { token: ctx.session.token });
  const list = Array.isArray(methods) ? methods : methods.methods;
  const found = list.find((m) => m.kind === kind);
  if (!found) throw new Error(`no ${kind} method`);
  return found.id;
}

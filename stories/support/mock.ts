/**
 * Story data from the real mock backend (`mock-server/`) in the story's own JS context: every
 * transaction, error and list a story shows is an answer of the mock, never a hand-written fixture.
 * Each call gets a fresh backend with the demo users (password `demo1234`), so stories do not
 * disturb each other (nor the MSW worker the preview runs for the Playground stories).
 */
import { createBackend } from '../../mock-server/backend.js';
import type { MockConfig } from '../../mock-server/config.js';
import { mockControl, signInDemoUser, type MockControl } from '../../mock-server/control-client.js';
import { createMockFetch } from '../../mock-server/in-process.js';
import { currentTotp } from '../../mock-server/totp.js';
import { ApiClient } from '../../src/internal/api-client.js';
import type { Enrollment, Session } from '../../src/internal/contract.js';
import { toStepError, type StepError } from '../../src/internal/step-error.js';

/** A fresh in-process mock: the `fetch` to give an element, a client of its API and its control API. */
export interface InProcessMock {
  fetchImpl: typeof fetch;
  api: ApiClient;
  control: MockControl;
}

export function inProcessMock(config: Partial<MockConfig> = {}): InProcessMock {
  const fetchImpl = createMockFetch(createBackend({ config }));
  return { fetchImpl, api: new ApiClient({ baseUrl: '/api', fetch: fetchImpl }), control: mockControl({ fetch: fetchImpl }) };
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

/* ---------- a signed-in person (the settings elements) ---------- */

/** A signed-in person on a fresh in-process mock backend: what the settings elements get. */
export interface SignedIn extends InProcessMock {
  session: Session;
}

/**
 * Signs `username` in (password `demo1234`, then the primary method: see `signInDemoUser`) and
 * lets `prepare` change the mock's data.
 */
export async function signedIn(
  username: string,
  prepare: (ctx: SignedIn) => Promise<unknown> = async () => {},
  config: Partial<MockConfig> = {},
): Promise<SignedIn> {
  const mock = inProcessMock(config);
  const { session } = await signInDemoUser(username, { fetch: mock.fetchImpl });
  const ctx: SignedIn = { ...mock, session };
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
    await ctx.control.completeEnrollment(enrollment.id);
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

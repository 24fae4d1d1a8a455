/**
 * Faults in front of the mock backend, at the network level: an MSW service worker whose first
 * handler records every `/api/*` request and, when a fault is armed for that route, answers it
 * instead of the backend (offline, hang, 5xx, 429, malformed or non-JSON bodies, a 200 that is
 * not a Transaction). Unarmed requests fall through to the real mock backend.
 *
 * `startMockWorker()` does not expose its MSW worker, so this file builds the same worker
 * (`createBackend` + `createHandlers`, as `mock-server/browser.ts` does) with the fault handler in
 * front. Nothing is persisted (no `tfa-mock-state`).
 */
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createBackend } from '../../mock-server/backend.js';
import { createHandlers } from '../../mock-server/msw-handlers.js';

export type FaultKind =
  | 'offline'
  | 'hang'
  | 'server-error'
  | 'bad-gateway-html'
  | 'rate-limited'
  | 'locked-out'
  | 'resend-too-soon'
  | 'malformed-json'
  | 'html-200'
  | 'not-a-transaction'
  | 'half-transaction';

interface Armed {
  key: string;
  kind: FaultKind;
  /** How many requests it answers before the fault clears. */
  times: number;
  /** Seconds for `Retry-After`. */
  retryAfter: number;
}

/** Every fault answers after this long, so a second click or Enter lands while the first call is busy. */
export const FAULT_LATENCY_MS = 400;
/** A hung request is held this long (far beyond the short `timeout-ms` the tests give the widget). */
export const HANG_MS = 4000;

const problem = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  HttpResponse.json(
    { type: 'about:blank', title: code, status, code, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );

async function answer(fault: Armed): Promise<Response> {
  if (fault.kind === 'hang') {
    await delay(HANG_MS);
    return HttpResponse.error();
  }
  await delay(FAULT_LATENCY_MS);
  const retry = { 'Retry-After': String(fault.retryAfter) };
  switch (fault.kind) {
    case 'offline':
      return HttpResponse.error();
    case 'server-error':
      return problem(500, 'server_error');
    case 'bad-gateway-html':
      return new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    case 'rate-limited':
      // A gateway's 429: no problem body, only the header.
      return new HttpResponse('Too Many Requests', { status: 429, headers: { 'Content-Type': 'text/plain', ...retry } });
    case 'locked-out':
      // The contract's 429 with the wait in the header only (the client must read it there).
      return problem(429, 'locked_out', {}, retry);
    case 'resend-too-soon':
      return problem(429, 'resend_too_soon', {}, retry);
    case 'malformed-json':
      return new HttpResponse('{"transactionToken":"t","step":{"name":"verify-co', { status: 200, headers: { 'Content-Type': 'application/json' } });
    case 'html-200':
      return new HttpResponse('<!doctype html><title>Wi-Fi login</title><p>Accept the terms to continue.', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      });
    case 'not-a-transaction':
      return HttpResponse.json({ ok: true, message: 'cached by a proxy' }, { status: 200 });
    case 'half-transaction':
      // Looks like a Transaction but lacks what its step needs (no method, no code challenge).
      return HttpResponse.json(
        { transactionToken: 'tx-broken', serverTime: new Date().toISOString(), step: { name: 'verify-code' }, alternatives: [], recoveryAvailable: false },
        { status: 200 },
      );
  }
}

export interface FaultyMock {
  /** `METHOD /path` (path without `/api`) of every API request the page made, in order. */
  readonly requests: string[];
  /** How many requests `METHOD /path` has had. */
  count(key: string): number;
  /** Answers the next `times` requests to `METHOD /path` with the fault. */
  arm(key: string, kind: FaultKind, options?: { times?: number; retryAfter?: number }): void;
  /** Clears every fault and the request log. */
  clear(): void;
  stop(): Promise<void>;
}

export async function startFaultyMock(): Promise<FaultyMock> {
  const requests: string[] = [];
  let armed: Armed[] = [];
  const backend = createBackend();
  const faults = http.all(
    ({ request }) => new URL(request.url).pathname.startsWith('/api/'),
    async ({ request }) => {
      const key = `${request.method} ${new URL(request.url).pathname.replace(/^\/api/, '')}`;
      requests.push(key);
      const fault = armed.find((f) => f.key === key && f.times > 0);
      if (!fault) return undefined; // on to the mock backend
      fault.times -= 1;
      return answer(fault);
    },
  );
  const worker = setupWorker(faults, ...createHandlers(backend));
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  return {
    requests,
    count: (key) => requests.filter((r) => r === key).length,
    arm: (key, kind, options = {}) => {
      armed.push({ key, kind, times: options.times ?? 1, retryAfter: options.retryAfter ?? 30 });
    },
    clear: () => {
      armed = [];
      requests.length = 0;
    },
    stop: async () => {
      await worker.stop();
    },
  };
}

import { expect } from '@open-wc/testing';
import { ApiClient, ApiError, DEFAULT_TIMEOUT_MS, parseRetryAfter } from '../../src/internal/api-client.js';
import type { Transaction } from '../../src/internal/contract.js';
import { isTransaction } from '../../src/internal/flow-controller.js';
import { InProcessMock } from '../support/in-process.js';

/** The client's promises under faults: one stable code per failure, never a hang, never a retry. */

type FetchFn = typeof fetch;

function client(fetchFn: FetchFn, timeoutMs?: number): { api: ApiClient; calls: RequestInit[] } {
  const calls: RequestInit[] = [];
  const api = new ApiClient({
    baseUrl: '/api',
    timeoutMs,
    fetch: (_input, init) => {
      calls.push(init ?? {});
      return fetchFn(_input, init);
    },
  });
  return { api, calls };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('the call succeeded');
}

const respond = (body: BodyInit | null, status: number, headers: Record<string, string> = {}): FetchFn => async () => new Response(body, { status, headers });
const problemBody = (status: number, code: string, extra: object = {}) => JSON.stringify({ type: 'about:blank', title: code, status, code, ...extra });

describe('ApiClient under faults', () => {
  describe('defaults', () => {
    it('gives up after 15 s by default; a missing, zero, negative or NaN timeout falls back to it', () => {
      expect(DEFAULT_TIMEOUT_MS).to.equal(15000);
      for (const timeoutMs of [undefined, 0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(new ApiClient({ baseUrl: '/api', timeoutMs }).timeoutMs).to.equal(15000);
      }
      expect(new ApiClient({ baseUrl: '/api', timeoutMs: 300 }).timeoutMs).to.equal(300);
    });
  });

  describe('offline', () => {
    it('a rejected fetch is network_error, tried once', async () => {
      const { api, calls } = client(() => Promise.reject(new TypeError('Failed to fetch')));
      const err = await failure(api.request('POST', '/signin/password', { body: { username: 'anna', password: 'x' } }));
      expect(err.code).to.equal('network_error');
      expect(err.status).to.equal(0);
      expect(calls).to.have.length(1);
    });
  });

  describe('timeouts', () => {
    it('gives up after timeoutMs even when fetch ignores the abort signal', async () => {
      const { api, calls } = client(() => new Promise<Response>(() => undefined), 150);
      const started = Date.now();
      const err = await failure(api.request('POST', '/signin/code', { body: { code: '123456' } }));
      expect(err.code).to.equal('timeout');
      expect(Date.now() - started).to.be.within(140, 1500);
      expect(calls[0].signal!.aborted, 'the request is aborted').to.equal(true);
    });

    it('gives up when the headers came but the body stalls', async () => {
      const stalled = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"transactionToken":')) });
      const { api } = client(respond(stalled, 200, { 'Content-Type': 'application/json' }), 150);
      const err = await failure(api.request('GET', '/signin'));
      expect(err.code).to.equal('timeout');
    });

    it('a gateway 504 or 408 without a problem body is a timeout too', async () => {
      expect((await failure(client(respond('Gateway Timeout', 504)).api.request('GET', '/signin'))).code).to.equal('timeout');
      expect((await failure(client(respond('', 408)).api.request('GET', '/signin'))).code).to.equal('timeout');
    });

    it('an answer within timeoutMs is not a timeout', async () => {
      const slow: FetchFn = () => new Promise((resolve) => setTimeout(() => resolve(new Response('{"ok":true}', { status: 200 })), 50));
      expect(await client(slow, 500).api.request('GET', '/signin')).to.deep.equal({ ok: true });
    });
  });

  describe('the caller gives up (the element left the page)', () => {
    it('rejects with the abort reason, not an ApiError, and aborts the request', async () => {
      const { api, calls } = client(() => new Promise<Response>(() => undefined), 5000);
      const outer = new AbortController();
      const pending = api.request('GET', '/signin', { signal: outer.signal });
      outer.abort();
      let caught: unknown;
      try {
        await pending;
      } catch (err) {
        caught = err;
      }
      expect(caught).to.be.instanceOf(DOMException);
      expect((caught as DOMException).name).to.equal('AbortError');
      expect(calls[0].signal!.aborted).to.equal(true);
    });

    it('does not call the server when already aborted', async () => {
      const { api, calls } = client(respond('{}', 200));
      const outer = new AbortController();
      outer.abort();
      let caught: unknown;
      await api.request('GET', '/signin', { signal: outer.signal }).catch((err) => (caught = err));
      expect(caught).to.be.instanceOf(DOMException);
      expect(calls).to.have.length(0);
    });
  });

  describe('server errors', () => {
    it('a 500 problem keeps its code', async () => {
      const err = await failure(client(respond(problemBody(500, 'server_error'), 500, { 'Content-Type': 'application/problem+json' })).api.request('GET', '/signin'));
      expect(err.code).to.equal('server_error');
      expect(err.status).to.equal(500);
    });

    it("a 502/503 HTML page is server_error, with the header's Retry-After", async () => {
      const err = await failure(client(respond('<h1>Service Unavailable</h1>', 503, { 'Retry-After': '120', 'Content-Type': 'text/html' })).api.request('GET', '/signin'));
      expect(err.code).to.equal('server_error');
      expect(err.retryAfter).to.equal(120);
      expect((await failure(client(respond('<h1>Bad Gateway</h1>', 502)).api.request('GET', '/signin'))).code).to.equal('server_error');
    });
  });

  describe('429 and Retry-After', () => {
    it('the body retryAfter wins over the header', async () => {
      const body = problemBody(429, 'resend_too_soon', { retryAfter: 12 });
      const err = await failure(client(respond(body, 429, { 'Retry-After': '99' })).api.request('POST', '/signin/resend'));
      expect(err.code).to.equal('resend_too_soon');
      expect(err.retryAfter).to.equal(12);
    });

    it('without one in the body, the header gives the seconds', async () => {
      const err = await failure(client(respond(problemBody(429, 'locked_out'), 429, { 'Retry-After': '42' })).api.request('POST', '/signin/password'));
      expect(err.code).to.equal('locked_out');
      expect(err.retryAfter).to.equal(42);
    });

    it("a gateway's 429 without a problem body is rate_limited with the header's seconds", async () => {
      const err = await failure(client(respond('Too Many Requests', 429, { 'Retry-After': '20' })).api.request('POST', '/signin/code'));
      expect(err.code).to.equal('rate_limited');
      expect(err.retryAfter).to.equal(20);
    });

    it('Retry-After as an HTTP date counts the seconds until then (rounded up)', async () => {
      const at = new Date(Date.now() + 30_500).toUTCString(); // second precision: 30 or 31 s
      const err = await failure(client(respond('', 429, { 'Retry-After': at })).api.request('POST', '/signin/code'));
      expect(err.retryAfter).to.be.within(29, 31);
    });

    it('parseRetryAfter: seconds, dates, and nonsense', () => {
      const now = Date.parse('2025-01-01T00:00:00Z');
      expect(parseRetryAfter('30', now)).to.equal(30);
      expect(parseRetryAfter(' 7 ', now)).to.equal(7);
      expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).to.equal(60);
      expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 'a past date: retry now-ish').to.equal(1);
      expect(parseRetryAfter('0', now)).to.equal(undefined);
      expect(parseRetryAfter('-5', now)).to.equal(undefined);
      expect(parseRetryAfter('soon', now)).to.equal(undefined);
      expect(parseRetryAfter(null, now)).to.equal(undefined);
    });
  });

  describe('answers that are not what the contract promises', () => {
    for (const [name, body, status] of [
      ['malformed JSON', '{"transactionToken":"t","step":{', 200],
      ['an HTML page', '<!doctype html><p>Accept the terms', 200],
      ['an empty 200', '', 200],
      ['JSON null', 'null', 200],
      ['a JSON number', '42', 200],
      ['a 401 HTML page', '<h1>Unauthorized</h1>', 401],
      ['a 400 JSON without code/status', '{"error":"bad"}', 400],
    ] as const) {
      it(`${name} (${status}) is bad_response`, async () => {
        const { api, calls } = client(respond(body, status));
        const err = await failure(api.request('POST', '/signin/code', { body: { code: '1' } }));
        expect(err.code).to.equal('bad_response');
        expect(calls).to.have.length(1);
      });
    }

    it('204 resolves with undefined', async () => {
      expect(await client(respond(null, 204)).api.request('DELETE', '/signin')).to.equal(undefined);
    });
  });
});

describe('isTransaction (what the flow controller accepts as a 200)', () => {
  it("accepts every step the mock backend answers: verify-code, verify-totp, push, recovery-confirm, done", async function () {
    this.timeout(10000);
    const mock = new InProcessMock();
    const seen = new Set<string>();
    const check = (tx: Transaction) => {
      expect(isTransaction(tx), JSON.stringify(tx)).to.equal(true);
      seen.add(tx.step.name);
    };
    check(await mock.signIn('anna'));
    check(await mock.call('POST', '/signin/code', { code: await mock.control.lastCode() }));
    check(await mock.signIn('carl'));
    check(await mock.signIn('dorte'));
    check(await mock.call('POST', '/signin/recovery'));
    expect([...seen].sort()).to.deep.equal(['done', 'push', 'recovery-confirm', 'verify-code', 'verify-totp']);
  });

  it('rejects answers the steps cannot render', async () => {
    const good = await new InProcessMock().signIn('anna');
    const without = (mutate: (tx: any) => void) => {
      const copy = structuredClone(good) as any;
      mutate(copy);
      return copy;
    };
    for (const [name, value] of [
      ['null', null],
      ['an array', [good]],
      ['{ok:true}', { ok: true }],
      ['no step', without((t) => delete t.step)],
      ['an unknown step', without((t) => (t.step.name = 'webauthn'))],
      ['no transaction token', without((t) => delete t.transactionToken)],
      ['no method', without((t) => delete t.step.method)],
      ['no code challenge', without((t) => delete t.step.code)],
      ['alternatives not a list', without((t) => (t.alternatives = 'sms'))],
      ['an alternative without id', without((t) => (t.alternatives = [{ kind: 'sms' }]))],
    ] as const) {
      expect(isTransaction(value), name).to.equal(false);
    }
  });
});

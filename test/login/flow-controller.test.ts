import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ApiClient } from '../../src/internal/api-client.js';
import type { Session, Step, Transaction } from '../../src/internal/contract.js';
import { FlowController, normalizeCode, type LoginFlow } from '../../src/internal/flow-controller.js';
import type { TfaLoginFailureEvent } from '../../src/events/login-failure-event.js';
import type { TfaStepChangeEvent } from '../../src/events/step-change-event.js';

/**
 * Unit tests of the flow rules that are about timing and ordering (polling, no overlap, no double
 * submit). The answers are scripted per request so each rule can be checked in isolation; the
 * end-to-end flows against the mock backend are in login.test.ts.
 */

interface Call { method: string; path: string; body?: unknown; auth?: string | null }
type Responder = (call: Call) => Promise<Response> | Response;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}
function problem(status: number, code: string, extra: object = {}): Response {
  return json(status, { type: 'about:blank', title: code, status, code, ...extra });
}

const email = { id: 'm-email', kind: 'email', product: 'email', maskedTarget: 'a***@e******.dk' } as const;
const ping = { id: 'm-ping', kind: 'push', product: 'pingid' } as const;

function tx(step: Step, extra: Partial<Transaction> = {}): Transaction {
  const now = Date.now();
  return {
    transactionToken: 'tx-1',
    expiresAt: new Date(now + 900_000).toISOString(),
    serverTime: new Date(now).toISOString(),
    step,
    alternatives: [],
    recoveryAvailable: false,
    ...extra,
  };
}
const codeStep = (): Step => ({
  name: 'verify-code',
  method: email,
  purpose: 'signin',
  code: { expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAvailableAt: new Date(Date.now() + 30_000).toISOString(), length: 6, attemptsLeft: 5 },
});
const pushStep = (status: 'pending' | 'approved' | 'denied' | 'expired' = 'pending', expiresInMs = 25_000): Step => ({
  name: 'push',
  method: ping,
  push: { id: 'p1', status, number: 42, expiresAt: new Date(Date.now() + expiresInMs).toISOString(), retriesLeft: 4 },
});
const session: Session = {
  token: 'session-1',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  authenticatedAt: new Date().toISOString(),
  user: { username: 'anna', displayName: 'Anna Andersen' },
};
const done = (): Transaction => tx({ name: 'done' }, { session });

class FlowHost extends LitElement {
  calls: Call[] = [];
  responder: Responder = () => problem(500, 'server_error');
  flowName: LoginFlow = 'password';
  readonly client = new ApiClient({
    baseUrl: '/api',
    fetch: async (input, init) => {
      const url = new URL(String(input), location.href);
      const headers = new Headers(init?.headers);
      const call: Call = {
        method: init?.method ?? 'GET',
        path: url.pathname.replace(/^\/api/, ''),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
        auth: headers.get('Authorization'),
      };
      this.calls.push(call);
      return this.responder(call);
    },
  });
  readonly flow = new FlowController(this, { client: () => this.client, flow: () => this.flowName });
}
customElements.define('x-flow-host', FlowHost);

async function host(): Promise<FlowHost> {
  return fixture<FlowHost>(html`<x-flow-host></x-flow-host>`);
}

describe('FlowController', () => {
  describe('defaults', () => {
    it('starts at the credentials view, not busy, no error', async () => {
      const h = await host();
      expect(h.flow.view).to.deep.equal({ name: 'credentials' });
      expect(h.flow.busy).to.equal(false);
      expect(h.flow.error).to.equal(null);
      expect(h.flow.step).to.equal('credentials');
    });
  });

  describe('normalizeCode', () => {
    it('removes spaces, non-breaking spaces and dashes of every kind', () => {
      expect(normalizeCode(' 123 456 ')).to.equal('123456');
      expect(normalizeCode('123-456')).to.equal('123456');
      expect(normalizeCode('12\u00a034\u201356\t')).to.equal('123456');
    });
    it('leaves other characters for the server to judge', () => {
      expect(normalizeCode('12a456')).to.equal('12a456');
    });
  });

  describe('credentials', () => {
    it('password flow posts /signin/password and shows the server step with the CSRF header', async () => {
      const h = await host();
      h.responder = () => json(200, tx(codeStep()));
      const steps: string[] = [];
      h.addEventListener('tfa-step-change', (e) => steps.push((e as TfaStepChangeEvent).step));
      await h.flow.submitCredentials(' anna ', 'demo1234');
      expect(h.calls).to.deep.equal([{ method: 'POST', path: '/signin/password', body: { username: 'anna', password: 'demo1234' }, auth: null }]);
      expect(h.flow.step).to.equal('verify-code');
      expect(steps).to.deep.equal(['verify-code']);
      expect(h.flow.username).to.equal('anna');
    });
    it('identifier-first posts /signin/identify with the username only', async () => {
      const h = await host();
      h.flowName = 'identifier-first';
      h.responder = () => json(200, tx(codeStep()));
      await h.flow.submitCredentials('anna');
      expect(h.calls[0]).to.deep.include({ path: '/signin/identify', body: { username: 'anna' } });
    });
    it('an error stays on the form and fires tfa-login-failure', async () => {
      const h = await host();
      h.responder = () => problem(401, 'invalid_credentials');
      const failures: string[] = [];
      h.addEventListener('tfa-login-failure', (e) => failures.push((e as TfaLoginFailureEvent).code));
      await h.flow.submitCredentials('anna', 'nope');
      expect(h.flow.step).to.equal('credentials');
      expect(h.flow.error).to.deep.include({ code: 'invalid_credentials' });
      expect(failures).to.deep.equal(['invalid_credentials']);
    });
  });

  describe('no double submit', () => {
    it('ignores every action while a call runs', async () => {
      const h = await host();
      let release!: () => void;
      h.responder = () => new Promise((resolve) => { release = () => resolve(json(200, tx(codeStep()))); });
      const first = h.flow.submitCredentials('anna', 'demo1234');
      expect(h.flow.busy).to.equal(true);
      await h.flow.submitCredentials('anna', 'demo1234');
      await h.flow.handle({ type: 'submit-code', code: '123456' });
      await aTimeout(10);
      expect(h.calls).to.have.length(1);
      release();
      await first;
      expect(h.flow.busy).to.equal(false);
    });
    it('does not call the server for a code before there is a transaction', async () => {
      const h = await host();
      await h.flow.submitCode('123456');
      await h.flow.resend();
      expect(h.calls).to.have.length(0);
    });
  });

  describe('codes', () => {
    it('strips spaces and dashes and sends the transaction token', async () => {
      const h = await host();
      h.responder = (c) => json(200, c.path === '/signin/code' ? done() : tx(codeStep()));
      await h.flow.submitCredentials('anna', 'demo1234');
      await h.flow.submitCode('12 34-56');
      expect(h.calls[1]).to.deep.equal({ method: 'POST', path: '/signin/code', body: { code: '123456' }, auth: 'Bearer tx-1' });
      expect(h.flow.view).to.deep.equal({ name: 'signed-in', session });
    });
    it('a successful resend sets the "code sent" notice', async () => {
      const h = await host();
      h.responder = () => json(200, tx(codeStep()));
      await h.flow.submitCredentials('anna', 'demo1234');
      await h.flow.resend();
      expect(h.calls[1].path).to.equal('/signin/resend');
      expect(h.flow.notice).to.equal('code-sent');
    });
    for (const code of ['too_many_attempts', 'transaction_expired', 'transaction_not_found']) {
      it(`${code} closes the sign-in: the ended view, and no more calls with the old token`, async () => {
        const h = await host();
        h.responder = (c) => (c.path === '/signin/code' ? problem(403, code) : json(200, tx(codeStep())));
        await h.flow.submitCredentials('anna', 'demo1234');
        await h.flow.submitCode('000000');
        expect(h.flow.view).to.deep.equal({ name: 'ended', error: { code, retryAfter: undefined, attemptsLeft: undefined } });
        expect(h.flow.error).to.equal(null);
        await h.flow.submitCode('111111');
        expect(h.calls).to.have.length(2);
      });
    }
    it('restart closes the transaction (best effort) and keeps the username', async () => {
      const h = await host();
      h.responder = (c) => (c.method === 'DELETE' ? problem(500, 'server_error') : json(200, tx(codeStep())));
      await h.flow.submitCredentials('anna', 'demo1234');
      await h.flow.restart();
      await aTimeout(10);
      expect(h.calls[1]).to.deep.include({ method: 'DELETE', path: '/signin', auth: 'Bearer tx-1' });
      expect(h.flow.view).to.deep.equal({ name: 'credentials' });
      expect(h.flow.username).to.equal('anna');
    });
  });

  describe('change device', () => {
    it('opens the picker locally and closes it again', async () => {
      const h = await host();
      h.responder = () => json(200, tx(codeStep(), { alternatives: [ping] }));
      await h.flow.submitCredentials('anna', 'demo1234');
      h.flow.changeDevice();
      expect(h.flow.step).to.equal('device-picker');
      h.flow.closePicker();
      expect(h.flow.step).to.equal('verify-code');
      expect(h.calls).to.have.length(1);
    });
    it('does not open without alternatives', async () => {
      const h = await host();
      h.responder = () => json(200, tx(codeStep()));
      await h.flow.submitCredentials('anna', 'demo1234');
      h.flow.changeDevice();
      expect(h.flow.step).to.equal('verify-code');
    });
    it('choose-method posts /signin/method', async () => {
      const h = await host();
      h.responder = (c) => json(200, c.path === '/signin/method' ? tx(pushStep('approved')) : tx(codeStep(), { alternatives: [ping] }));
      await h.flow.submitCredentials('anna', 'demo1234');
      h.flow.changeDevice();
      await h.flow.chooseMethod('m-ping');
      expect(h.calls[1]).to.deep.include({ path: '/signin/method', body: { methodId: 'm-ping' } });
      expect(h.flow.step).to.equal('push');
    });
  });

  describe('polling a pending push', () => {
    it('polls GET /signin every 2 s and signs in when approved', async () => {
      const h = await host();
      let polls = 0;
      h.responder = (c) => {
        if (c.method === 'GET') {
          polls += 1;
          return json(200, polls >= 2 ? done() : tx(pushStep()));
        }
        return json(200, tx(pushStep()));
      };
      const success = new Promise((resolve) => h.addEventListener('tfa-login-success', resolve, { once: true }));
      await h.flow.submitCredentials('dorte', 'demo1234');
      expect(h.flow.polling).to.equal(true);
      await aTimeout(1500);
      expect(polls).to.equal(0);
      await success;
      expect(polls).to.equal(2);
      expect(h.flow.step).to.equal('signed-in');
      expect(h.flow.polling).to.equal(false);
    }).timeout(8000);

    it('never overlaps polls: a slow answer delays the next one', async () => {
      const h = await host();
      let inFlight = 0;
      let maxInFlight = 0;
      let polls = 0;
      h.responder = async (c) => {
        if (c.method !== 'GET') return json(200, tx(pushStep('pending', 60_000)));
        polls += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await aTimeout(2500);
        inFlight -= 1;
        return json(200, tx(pushStep('pending', 60_000)));
      };
      await h.flow.submitCredentials('dorte', 'demo1234');
      await aTimeout(5200);
      expect(maxInFlight).to.equal(1);
      expect(polls).to.be.at.most(2);
      h.remove();
    }).timeout(10000);

    it('backs off after errors', async () => {
      const h = await host();
      const times: number[] = [];
      h.responder = (c) => {
        if (c.method !== 'GET') return json(200, tx(pushStep('pending', 60_000)));
        times.push(Date.now());
        return problem(503, 'server_error');
      };
      await h.flow.submitCredentials('dorte', 'demo1234');
      await waitUntil(() => times.length >= 2, 'two polls', { timeout: 8000 });
      expect(times[1] - times[0]).to.be.at.least(3500); // 4 s after the first failure, not 2 s
      h.remove();
    }).timeout(10000);

    it('polls once more when the push countdown reaches zero', async () => {
      const h = await host();
      const polls: number[] = [];
      const start = Date.now();
      h.responder = (c) => {
        if (c.method !== 'GET') return json(200, tx(pushStep('pending', 700)));
        polls.push(Date.now() - start);
        return json(200, tx(pushStep('expired', -1)));
      };
      const failures: string[] = [];
      h.addEventListener('tfa-login-failure', (e) => failures.push((e as TfaLoginFailureEvent).code));
      await h.flow.submitCredentials('dorte', 'demo1234');
      await waitUntil(() => polls.length === 1, 'the expiry poll', { timeout: 1900 });
      expect(polls[0]).to.be.below(1500);
      expect(failures).to.deep.equal(['push_expired']);
      await aTimeout(2200);
      expect(polls).to.have.length(1); // expired: polling stopped
    }).timeout(6000);

    it('stops when the step is not a pending push, and when the host leaves the page', async () => {
      const h = await host();
      h.responder = () => json(200, tx(pushStep('denied')));
      const failures: string[] = [];
      h.addEventListener('tfa-login-failure', (e) => failures.push((e as TfaLoginFailureEvent).code));
      await h.flow.submitCredentials('dorte', 'demo1234');
      expect(h.flow.polling).to.equal(false);
      expect(failures).to.deep.equal(['push_denied']);

      const h2 = await host();
      h2.responder = () => json(200, tx(pushStep('pending', 60_000)));
      await h2.flow.submitCredentials('dorte', 'demo1234');
      expect(h2.flow.polling).to.equal(true);
      h2.remove();
      expect(h2.flow.polling).to.equal(false);
      await aTimeout(2300);
      expect(h2.calls.filter((c) => c.method === 'GET')).to.have.length(0);
    }).timeout(6000);
  });

  describe('step-up', () => {
    it('posts /session/step-up with the session token and reports the refreshed session', async () => {
      const h = await host();
      h.responder = (c) => json(200, c.path === '/session/step-up' ? tx(codeStep()) : done());
      await h.flow.startStepUp('old-session');
      expect(h.calls[0]).to.deep.equal({ method: 'POST', path: '/session/step-up', body: undefined, auth: 'Bearer old-session' });
      expect(h.flow.step).to.equal('verify-code');
      const success = new Promise<Event>((resolve) => h.addEventListener('tfa-login-success', resolve, { once: true }));
      await h.flow.submitCode('123456');
      expect(((await success) as Event & { session: Session }).session).to.deep.equal(session);
    });
  });

  describe('logout', () => {
    it('deletes the session with its token, returns to the form and fires tfa-logout', async () => {
      const h = await host();
      h.responder = (c) => (c.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, c.path === '/signin/code' ? done() : tx(codeStep())));
      await h.flow.submitCredentials('anna', 'demo1234');
      await h.flow.submitCode('123456');
      const logout = new Promise((resolve) => h.addEventListener('tfa-logout', resolve, { once: true }));
      await h.flow.logout();
      await logout;
      expect(h.calls[2]).to.deep.include({ method: 'DELETE', path: '/session', auth: 'Bearer session-1' });
      expect(h.flow.view).to.deep.equal({ name: 'credentials' });
    });
  });

  describe('tokens', () => {
    it('keeps nothing in localStorage or sessionStorage', async () => {
      localStorage.clear();
      sessionStorage.clear();
      const h = await host();
      h.responder = (c) => json(200, c.path === '/signin/code' ? done() : tx(codeStep()));
      await h.flow.submitCredentials('anna', 'demo1234');
      await h.flow.submitCode('123456');
      expect(localStorage.length).to.equal(0);
      expect(sessionStorage.length).to.equal(0);
    });
  });
});

import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { STORAGE_KEY } from '../../mock-server/browser.js';
import type { TfaLoginElement } from '../../src/components/login/login.js';
import type { TfaLoginSuccessEvent } from '../../src/events/login-success-event.js';
import type { TfaLoginStep } from '../../src/events/step-change-event.js';
import { setLocale } from '../../src/internal/localize.js';
import '../../src/tfa-login.js';
import { button, byLabel } from '../support/dom.js';
import { useMockWorker } from '../support/mock-worker.js';

/**
 * Tokens live in memory only: a whole sign-in (wrong code, resend, right code, signed in, log out)
 * leaves nothing in localStorage, sessionStorage, IndexedDB, Cache Storage, script-readable
 * cookies, the URL or history state, and no token, code or password is readable there.
 * The mock runs with `persist: false`, so its own demo database (`tfa-mock-state`) is not written
 * either (the demo's `persist: true` is the one documented exception, see docs/security.md).
 */

interface Snapshot {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  indexedDB: string[];
  caches: string[];
  cookie: string;
  url: string;
  historyState: unknown;
}

function dump(storage: Storage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    out[key] = storage.getItem(key) ?? '';
  }
  return out;
}

async function snapshot(): Promise<Snapshot> {
  return {
    localStorage: dump(localStorage),
    sessionStorage: dump(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((d) => `${d.name}@${d.version}`),
    caches: await caches.keys(),
    cookie: document.cookie,
    url: location.href,
    historyState: history.state,
  };
}

/** Records every token the API hands the widget, from a copy of each answer. */
function tokenRecorder(tokens: Set<string>): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const copy = response.clone();
    void copy
      .json()
      .then((body: { transactionToken?: string; session?: { token?: string } }) => {
        for (const token of [body?.transactionToken, body?.session?.token]) if (token) tokens.add(token);
      })
      .catch(() => undefined);
    return response;
  };
}

async function shows(el: TfaLoginElement, step: TfaLoginStep): Promise<void> {
  await waitUntil(() => el.controller.step === step && !el.controller.busy, `step ${step}`, { timeout: 8000 });
  await el.updateComplete;
}

async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: value });
}

function expectNoSecrets(now: Snapshot, secrets: string[], when: string): void {
  const readable = JSON.stringify(now);
  for (const secret of secrets) expect(readable.includes(secret), `"${secret.slice(0, 6)}…" readable ${when}`).to.equal(false);
}

describe('what the sign-in leaves in the browser', function () {
  this.timeout(30000);

  const control = useMockWorker();

  beforeEach(async () => {
    await setLocale('en');
    document.documentElement.lang = 'en';
    // Other test files of this origin (the demo's) may have left their mock database here.
    localStorage.clear();
    sessionStorage.clear();
  });

  it('a whole password sign-in and log out: nothing stored, no token, code or password readable', async () => {
    await control.updateConfig({ resendCooldownSeconds: 0 });
    const before = await snapshot();
    const tokens = new Set<string>();
    const el = await fixture<TfaLoginElement>(html`<tfa-login .fetchImpl=${tokenRecorder(tokens)}></tfa-login>`);

    await typeInto(byLabel(el, 'Username'), 'anna');
    await typeInto(byLabel(el, 'Password'), 'demo1234');
    await sendKeys({ press: 'Enter' });
    await shows(el, 'verify-code');
    await typeInto(byLabel(el, 'One-time code'), (await control.lastCode()) === '000000' ? '111111' : '000000');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.controller.error?.code === 'invalid_code', 'wrong code refused', { timeout: 5000 });
    button(el, 'Resend Passcode').click();
    await waitUntil(() => el.controller.notice === 'code-sent', 'resent', { timeout: 5000 });
    const success = oneEvent(el, 'tfa-login-success');
    await typeInto(byLabel(el, 'One-time code'), await control.lastCode());
    await sendKeys({ press: 'Enter' });
    const { session } = (await success) as unknown as TfaLoginSuccessEvent;
    await shows(el, 'signed-in');

    tokens.add(session.token);
    expect(tokens.size, 'transaction and session tokens seen').to.be.at.least(2);
    const secrets = [...tokens, ...(await control.codes()), 'demo1234'];
    expect(secrets.length).to.be.at.least(5);

    const signedIn = await snapshot();
    expect(signedIn).to.deep.equal(before);
    expectNoSecrets(signedIn, secrets, 'while signed in');
    expect(localStorage.getItem(STORAGE_KEY), 'persist: false writes no mock database').to.equal(null);

    button(el, 'Log out').click();
    await shows(el, 'credentials');
    const after = await snapshot();
    expect(after).to.deep.equal(before);
    expectNoSecrets(after, secrets, 'after log out');
    // The widget has forgotten the session: nothing in it still carries the token.
    expect(JSON.stringify(el.controller.view)).not.to.contain(session.token);
  });

  it('identifier-first and the SMS step: nothing stored either', async () => {
    const before = await snapshot();
    const tokens = new Set<string>();
    const first = await fixture<TfaLoginElement>(html`<tfa-login flow="identifier-first" .fetchImpl=${tokenRecorder(tokens)}></tfa-login>`);
    await typeInto(byLabel(first, 'Username'), 'anna');
    await sendKeys({ press: 'Enter' });
    await shows(first, 'verify-code');
    await typeInto(byLabel(first, 'One-time code'), await control.lastCode());
    await sendKeys({ press: 'Enter' });
    await shows(first, 'signed-in');

    const sms = await fixture<TfaLoginElement>(html`<tfa-login .fetchImpl=${tokenRecorder(tokens)}></tfa-login>`);
    await typeInto(byLabel(sms, 'Username'), 'bo');
    await typeInto(byLabel(sms, 'Password'), 'demo1234');
    await sendKeys({ press: 'Enter' });
    await shows(sms, 'verify-code');
    await typeInto(byLabel(sms, 'One-time code'), await control.lastCode({ channel: 'sms' }));
    await sendKeys({ press: 'Enter' });
    await shows(sms, 'signed-in');

    const now = await snapshot();
    expect(now).to.deep.equal(before);
    expectNoSecrets(now, [...tokens, ...(await control.codes()), 'demo1234'], 'after two sign-ins');
  });

  it('the check can fail: a value written to storage is seen', async () => {
    const before = await snapshot();
    sessionStorage.setItem('probe', 'tx-secret-123');
    const now = await snapshot();
    expect(now).not.to.deep.equal(before);
    expect(JSON.stringify(now)).to.contain('tx-secret-123');
    sessionStorage.removeItem('probe');
  });
});

import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TfaLoginElement } from '../../src/components/login/login.js';
import { TfaActionEvent } from '../../src/events/action-event.js';
import type { TfaLoginFailureEvent } from '../../src/events/login-failure-event.js';
import type { TfaLoginSuccessEvent } from '../../src/events/login-success-event.js';
import type { TfaLoginStep, TfaStepChangeEvent } from '../../src/events/step-change-event.js';
import type { Session, Transaction } from '../../src/internal/contract.js';
import { setLocale } from '../../src/internal/localize.js';
import '../../src/tfa-login.js';
import { alertText, button, byLabel, queryButton, text } from '../support/dom.js';
import { useMockWorker } from '../support/mock-worker.js';

/** Flows 1–4 (and the guards around them) through <tfa-login>, against the mock behind MSW. */

async function login(flow: 'password' | 'identifier-first' = 'password', lang = 'en'): Promise<TfaLoginElement> {
  const el = await fixture<TfaLoginElement>(html`<tfa-login flow=${flow} lang=${lang}></tfa-login>`);
  await el.updateComplete;
  return el;
}

/** Waits until <tfa-login> shows `step` and no call is running, and its children have rendered. */
async function shows(el: TfaLoginElement, step: TfaLoginStep): Promise<void> {
  await waitUntil(() => el.controller.step === step && !el.controller.busy, `step ${step} (now ${el.controller.step})`, { timeout: 8000 });
  await el.updateComplete;
  const child = el.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('.tfa-login > div > *');
  await child?.updateComplete;
}

async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: value });
}

async function signIn(el: TfaLoginElement, username: string, password = 'demo1234'): Promise<void> {
  await typeInto(byLabel(el, 'Username'), username);
  await typeInto(byLabel(el, 'Password'), password);
  await sendKeys({ press: 'Enter' });
}

async function enterCode(el: TfaLoginElement, code: string): Promise<void> {
  await typeInto(byLabel(el, 'One-time code'), code);
  await sendKeys({ press: 'Enter' });
}

function failures(el: HTMLElement): string[] {
  const seen: string[] = [];
  el.addEventListener('tfa-login-failure', (e) => seen.push((e as TfaLoginFailureEvent).code));
  return seen;
}

describe('<tfa-login> sign-in flows against the mock backend', function () {
  this.timeout(20000);

  const control = useMockWorker();
  const outboxSize = async () => (await control.outbox()).length;

  beforeEach(async () => {
    await setLocale('en');
    document.documentElement.lang = 'en';
  });

  describe('accessibility', () => {
    it('is accessible at the form, the code step and signed in', async () => {
      const el = await login();
      await expect(el).to.be.accessible();
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      await expect(el).to.be.accessible();
      await enterCode(el, await control.lastCode());
      await shows(el, 'signed-in');
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('shows the password form, in the light DOM, with an empty live region', async () => {
      const el = await login();
      expect(el.apiBase).to.equal('/api');
      expect(el.flow).to.equal('password');
      expect(el.shadowRoot).to.equal(null);
      byLabel(el, 'Username');
      byLabel(el, 'Password');
      button(el, 'Log in');
      expect(text(el.querySelector('[part="status"]'))).to.equal('');
      expect(document.activeElement).not.to.equal(byLabel(el, 'Username')); // no focus stealing on load
    });
  });

  describe('flow 1: password, email code', () => {
    it('anna: password → the masked email → code → signed in; success carries a session', async () => {
      const el = await login();
      const steps: string[] = [];
      el.addEventListener('tfa-step-change', (e) => steps.push((e as TfaStepChangeEvent).step));
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      expect(text(el)).to.match(/We have sent a one-time code to a\S*\*\S*\./);
      const input = byLabel(el, 'One-time code');
      expect(document.activeElement).to.equal(input); // focus moved to the new step's field
      expect(text(el.querySelector('[part="status"]'))).to.match(/^Enter OTP\. The code was sent to /);

      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, await control.lastCode({ channel: 'email' }));
      const { session } = (await success) as unknown as TfaLoginSuccessEvent;
      expect(session.user.username).to.equal('anna');
      expect(session.token).to.be.a('string').and.not.equal('');
      await shows(el, 'signed-in');
      expect(text(el)).to.contain(`You are signed in as ${session.user.displayName}`);
      expect(steps).to.deep.equal(['verify-code', 'signed-in']);
      expect(localStorage.length + sessionStorage.length).to.equal(0);

      const res = await fetch('/api/session', { headers: { Authorization: `Bearer ${session.token}` } });
      expect(res.status).to.equal(200);
    });

    it('"Log out" ends the session on the server, fires tfa-logout and keeps the username', async () => {
      const el = await login();
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, await control.lastCode());
      const { session } = (await success) as unknown as TfaLoginSuccessEvent;
      await shows(el, 'signed-in');
      const logout = oneEvent(el, 'tfa-logout');
      button(el, 'Log out').click();
      await logout;
      await shows(el, 'credentials');
      expect(byLabel(el, 'Username').value).to.equal('anna');
      const res = await fetch('/api/session', { headers: { Authorization: `Bearer ${session.token}` } });
      expect(res.status).to.equal(401);
    });
  });

  describe('flow 2: identifier-first', () => {
    it('anna: username → Next → code → signed in', async () => {
      const el = await login('identifier-first');
      expect(el.querySelector('input[type="password"]')).to.equal(null);
      await typeInto(byLabel(el, 'Username'), 'anna');
      button(el, 'Next').click();
      await shows(el, 'verify-code');
      const success = oneEvent(el, 'tfa-login-success');
      const code = await control.lastCode();
      await enterCode(el, `${code.slice(0, 3)} ${code.slice(3)}`); // pasted with a space
      expect(((await success) as unknown as TfaLoginSuccessEvent).session.user.username).to.equal('anna');
    });

    it('an unknown username reads the same and gets no code', async () => {
      const el = await login('identifier-first');
      await typeInto(byLabel(el, 'Username'), 'nobody');
      await sendKeys({ press: 'Enter' });
      await shows(el, 'verify-code');
      expect(text(el.querySelector('h2'))).to.equal('Enter OTP');
      expect(await outboxSize()).to.equal(0);
    });
  });

  describe('flow 3: SMS code', () => {
    it('bo: the masked number → SMS code → signed in', async () => {
      const el = await login();
      await signIn(el, 'bo');
      await shows(el, 'verify-code');
      expect(text(el)).to.contain('by text message to');
      button(el, 'Change Device');
      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, await control.lastCode({ channel: 'sms' }));
      expect(((await success) as unknown as TfaLoginSuccessEvent).session.user.username).to.equal('bo');
    });

    it('Change Device opens the picker; choosing email sends an email code', async () => {
      const el = await login();
      await signIn(el, 'bo');
      await shows(el, 'verify-code');
      button(el, 'Change Device').click();
      await shows(el, 'device-picker');
      const picker = el.querySelector('tfa-device-picker') as HTMLElement & { methods: { id: string; kind: string }[] };
      expect(picker).to.exist;
      const email = picker.methods.find((m) => m.kind === 'email')!;
      expect(email).to.exist;
      picker.dispatchEvent(new TfaActionEvent({ type: 'choose-method', methodId: email.id }));
      await shows(el, 'verify-code');
      expect(text(el)).to.contain('We have sent a one-time code to');
      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, await control.lastCode({ channel: 'email' }));
      await success;
    });
  });

  describe('flow 4: authenticator app (TOTP)', () => {
    it('carl: the code from Google Authenticator at the mock clock → signed in', async () => {
      await control.advanceClock(90); // TOTP is checked against the mock's clock, not the browser's
      const el = await login();
      await signIn(el, 'carl');
      await shows(el, 'verify-totp');
      expect(text(el)).to.contain('Enter the 6-digit code from Google Authenticator.');
      button(el, 'Forgot your device?');
      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, await control.appCode('carl'));
      expect(((await success) as unknown as TfaLoginSuccessEvent).session.user.username).to.equal('carl');
    });

    it('the same TOTP code twice is refused (code_already_used)', async () => {
      const code = await control.appCode('carl');
      const first = await login();
      await signIn(first, 'carl');
      await shows(first, 'verify-totp');
      await enterCode(first, code);
      await shows(first, 'signed-in');
      const el = await login();
      await signIn(el, 'carl');
      await shows(el, 'verify-totp');
      await enterCode(el, code);
      await waitUntil(() => alertText(el) !== '', 'error shown');
      expect(alertText(el)).to.equal('That code has already been used. Wait for the next code in your app.');
    });
  });

  describe('push (polling)', () => {
    it('dorte: approving on the phone signs in without typing', async () => {
      const el = await login();
      await signIn(el, 'dorte');
      await shows(el, 'push');
      expect(el.querySelector('tfa-push-wait')).to.exist;
      const push = (await control.pendingPush())!;
      const success = oneEvent(el, 'tfa-login-success');
      await control.approvePush(push.id, push.number);
      expect(((await success) as unknown as TfaLoginSuccessEvent).session.user.username).to.equal('dorte');
    });
  });

  describe('wrong credentials', () => {
    it('an unknown user and a wrong password read exactly the same', async () => {
      const el = await login();
      const seen = failures(el);
      await signIn(el, 'anna', 'wrong-password');
      await waitUntil(() => alertText(el) !== '', 'error shown');
      const wrongPassword = alertText(el);
      const unknown = await login();
      await signIn(unknown, 'nobody-here', 'wrong-password');
      await waitUntil(() => alertText(unknown) !== '', 'error shown');
      expect(alertText(unknown)).to.equal(wrongPassword);
      expect(wrongPassword).to.equal('The username or password is not correct.');
      expect(seen).to.deep.equal(['invalid_credentials']);
    });

    it('keeps the username and the password after an error', async () => {
      const el = await login();
      await signIn(el, 'anna', 'wrong-password');
      await waitUntil(() => alertText(el) !== '', 'error shown');
      expect(byLabel(el, 'Username').value).to.equal('anna');
      expect(byLabel(el, 'Password').value).to.equal('wrong-password');
    });

    it('locked out after too many wrong passwords: says how long to wait', async () => {
      await control.updateConfig({ lockoutThreshold: 2 });
      const el = await login();
      for (let i = 0; i < 3; i++) {
        await signIn(el, 'anna', `wrong-${i}`);
        await waitUntil(() => !el.controller.busy && alertText(el) !== '', 'answer');
        await aTimeout(10);
      }
      await waitUntil(() => /Too many failed sign-ins\. Try again in \d+ (seconds|minutes)\./.test(alertText(el)), 'locked out');
    });
  });

  describe('code errors', () => {
    it('a wrong code says how many attempts are left and keeps the code', async () => {
      const el = await login();
      const seen = failures(el);
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      const right = await control.lastCode();
      const wrong = right === '000000' ? '111111' : '000000';
      await enterCode(el, wrong);
      await waitUntil(() => alertText(el) !== '', 'error shown');
      expect(alertText(el)).to.equal('That code is not correct. 4 attempts left.');
      expect(byLabel(el, 'One-time code').value).to.equal(wrong);
      expect(seen).to.deep.equal(['invalid_code']);
      // and the right code still works afterwards
      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, right);
      await success;
    });

    it('the sixth wrong code closes the sign-in: "Start again" keeps the username', async () => {
      const el = await login();
      const seen = failures(el);
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      const wrong = (await control.lastCode()) === '000000' ? '111111' : '000000';
      for (let i = 0; i < 6 && el.controller.step === 'verify-code'; i++) {
        await enterCode(el, wrong);
        await waitUntil(() => !el.controller.busy, 'answer');
        await el.updateComplete;
      }
      await shows(el, 'ended');
      expect(alertText(el)).to.equal('Too many wrong codes. Start again to sign in.');
      expect(seen.at(-1)).to.equal('too_many_attempts');
      expect(seen.filter((c) => c === 'invalid_code').length).to.be.at.least(4);
      expect(el.querySelector('input')).to.equal(null);
      await aTimeout(0);
      expect(document.activeElement?.textContent?.trim()).to.equal('Sign-in stopped');
      button(el, 'Start again').click();
      await shows(el, 'credentials');
      expect(byLabel(el, 'Username').value).to.equal('anna');
      expect(byLabel(el, 'Password').value).to.equal('');
    });

    it('an expired code (mock clock + 301 s) says so and a new code can be sent', async () => {
      const el = await login();
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      const code = await control.lastCode();
      await control.advanceClock(301);
      await enterCode(el, code);
      await waitUntil(() => alertText(el) !== '', 'error shown');
      expect(alertText(el)).to.equal('The code has expired. Send a new code.');
      const sent = await outboxSize();
      button(el, 'Resend Passcode').click();
      await waitUntil(() => text(el).includes('A new code has been sent.'), 'resent');
      expect(await outboxSize()).to.equal(sent + 1);
      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, await control.lastCode());
      await success;
    });
  });

  describe('resend', () => {
    it('counts down in the mock clock and ignores Resend while counting', async () => {
      await control.advanceClock(3600); // the mock runs an hour ahead: the countdown must not show 3630 s
      const el = await login();
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      expect(text(el)).to.match(/You can send a new code in (29|30) s/);
      const resend = button(el, 'Resend Passcode');
      expect(resend.getAttribute('aria-disabled')).to.equal('true');
      const sent = await outboxSize();
      resend.click();
      await aTimeout(100);
      expect(await outboxSize()).to.equal(sent);
    });

    it('after the cooldown (mock clock + 31 s) Resend sends a new code that works, the old one does not', async () => {
      const el = await login();
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      const old = await control.lastCode();
      await control.advanceClock(31);
      // the widget learns the server's time from its next answer: a resend is accepted by the server
      el.querySelector('tfa-otp-entry')!.dispatchEvent(new TfaActionEvent({ type: 'resend' }));
      await waitUntil(() => text(el).includes('A new code has been sent.'), 'resent');
      const fresh = await control.lastCode();
      expect(text(el)).to.match(/You can send a new code in (29|30) s/);
      if (fresh !== old) {
        await enterCode(el, old);
        await waitUntil(() => alertText(el) !== '', 'old code refused');
        expect(alertText(el)).to.match(/^That code is not correct\./);
      }
      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, fresh);
      await success;
    });

    it('resend too soon (server refuses) shows the seconds to wait', async () => {
      const el = await login();
      const seen = failures(el);
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      // e.g. a clock skew: the request reaches the server before the cooldown is over
      el.querySelector('tfa-otp-entry')!.dispatchEvent(new TfaActionEvent({ type: 'resend' }));
      await waitUntil(() => alertText(el) !== '', 'error shown');
      expect(alertText(el)).to.match(/^You can send a new code in (29|30) seconds\.$/);
      expect(seen).to.deep.equal(['resend_too_soon']);
    });
  });

  describe('step-up', () => {
    it('with stepUpToken: no credentials, the primary method, success with a fresh session', async () => {
      const first = await login();
      await signIn(first, 'anna');
      await shows(first, 'verify-code');
      const signedIn = oneEvent(first, 'tfa-login-success');
      await enterCode(first, await control.lastCode());
      const { session } = (await signedIn) as unknown as TfaLoginSuccessEvent;
      await control.advanceClock(60);

      const el = await fixture<TfaLoginElement>(html`<tfa-login .stepUpToken=${session.token}></tfa-login>`);
      await shows(el, 'verify-code');
      expect(el.querySelector('tfa-login-form')).to.equal(null);
      const success = oneEvent(el, 'tfa-login-success');
      await enterCode(el, await control.lastCode());
      const refreshed: Session = ((await success) as unknown as TfaLoginSuccessEvent).session;
      expect(Date.parse(refreshed.authenticatedAt)).to.be.greaterThan(Date.parse(session.authenticatedAt));
    });

    it('an unknown session token ends with a message; Start again leads to the sign-in form', async () => {
      const el = await fixture<TfaLoginElement>(html`<tfa-login .stepUpToken=${'not-a-session'}></tfa-login>`);
      await shows(el, 'ended');
      expect(alertText(el)).to.equal('Your session has ended. Sign in again.');
      button(el, 'Start again').click();
      await shows(el, 'credentials');
      byLabel(el, 'Password');
    });
  });

  describe('events', () => {
    it('tfa-login-success, -failure, -step-change and -logout bubble out of the element and are composed', async () => {
      const el = await login();
      const outside: string[] = [];
      const listener = (e: Event) => outside.push(`${e.type}:${e.composed}`);
      for (const type of ['tfa-login-success', 'tfa-login-failure', 'tfa-step-change', 'tfa-logout', 'tfa-action']) {
        document.addEventListener(type, listener);
      }
      try {
        await signIn(el, 'anna', 'wrong');
        await waitUntil(() => alertText(el) !== '', 'error');
        await signIn(el, 'anna');
        await shows(el, 'verify-code');
        await enterCode(el, await control.lastCode());
        await shows(el, 'signed-in');
        button(el, 'Log out').click();
        await shows(el, 'credentials');
        expect(outside).to.deep.equal([
          'tfa-login-failure:true',
          'tfa-step-change:true',
          'tfa-step-change:true',
          'tfa-login-success:true',
          'tfa-step-change:true',
          'tfa-logout:true',
        ]);
      } finally {
        for (const type of ['tfa-login-success', 'tfa-login-failure', 'tfa-step-change', 'tfa-logout', 'tfa-action']) {
          document.removeEventListener(type, listener);
        }
      }
    });
  });

  describe('language', () => {
    it('flow 1 in Danish', async () => {
      const el = await login('password', 'da');
      await waitUntil(() => queryButton(el, 'Log ind') !== undefined, 'Danish form');
      await typeInto(byLabel(el, 'Brugernavn'), 'anna');
      await typeInto(byLabel(el, 'Adgangskode'), 'demo1234');
      button(el, 'Log ind').click();
      await shows(el, 'verify-code');
      expect(text(el.querySelector('h2'))).to.equal('Indtast engangskode');
      expect(text(el)).to.contain('Vi har sendt en engangskode til');
      button(el, 'Send koden igen');
      const wrong = (await control.lastCode()) === '000000' ? '111111' : '000000';
      await typeInto(byLabel(el, 'Engangskode'), wrong);
      button(el, 'Log på').click();
      await waitUntil(() => alertText(el) !== '', 'error');
      expect(alertText(el)).to.equal('Koden er ikke korrekt. 4 forsøg tilbage.');
      const success = oneEvent(el, 'tfa-login-success');
      await typeInto(byLabel(el, 'Engangskode'), await control.lastCode());
      await sendKeys({ press: 'Enter' });
      await success;
      await shows(el, 'signed-in');
      expect(text(el)).to.contain('Du er logget ind som');
      button(el, 'Log ud');
    });

    it('switches language at run time from <html lang>', async () => {
      const el = await fixture<TfaLoginElement>(html`<tfa-login></tfa-login>`);
      button(el, 'Log in');
      document.documentElement.lang = 'da';
      await waitUntil(() => queryButton(el, 'Log ind') !== undefined, 'Danish');
      document.documentElement.lang = 'en';
      await waitUntil(() => queryButton(el, 'Log in') !== undefined, 'English again');
    });

    it('switches language at run time from its own lang', async () => {
      const el = await login();
      await signIn(el, 'anna');
      await shows(el, 'verify-code');
      el.lang = 'da';
      await waitUntil(() => queryButton(el, 'Log på') !== undefined, 'Danish');
      expect(byLabel(el, 'Engangskode')).to.exist;
    });
  });

  describe('network', () => {
    it('a backend that cannot be reached: its own message, nothing typed lost', async () => {
      const el = await fixture<TfaLoginElement>(html`<tfa-login api-base="/nowhere-api" .fetchImpl=${() => Promise.reject(new TypeError('offline'))}></tfa-login>`);
      await signIn(el, 'anna');
      await waitUntil(() => alertText(el) !== '', 'error');
      expect(alertText(el)).to.equal('No connection. Check your network and try again.');
      expect(byLabel(el, 'Username').value).to.equal('anna');
    });
  });
});

export type { Transaction };

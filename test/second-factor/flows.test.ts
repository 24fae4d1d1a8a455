/**
 * Flows 5 (push approval), 6 (Change Device) and 7 (Forgot your device?) through `<tfa-login>`,
 * against the mock backend running in MSW's service worker, as a person would walk them.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mockControl, type PushRequest } from '../../mock-server/control-client.js';
import '../../src/tfa-login.js';
import type { TfaPushWait } from '../../src/components/push-wait/push-wait.js';
import type { Session } from '../../src/internal/contract.js';
import { queryButton, text } from '../support/dom.js';
import { useMockWorker } from '../support/mock-worker.js';
import { describeEl } from './helpers.js';

type Login = HTMLElement & { updateComplete: Promise<boolean> };

/** The mock's control API on this page (the worker is started in the `describe` below). */
const control = mockControl();

async function mount(): Promise<Login> {
  return fixture<Login>(html`<tfa-login api-base="/api"></tfa-login>`);
}

/** Types into the field with the given autocomplete token, with the keyboard. */
async function typeInto(el: HTMLElement, autocomplete: string, value: string) {
  const input = await waitUntilFound(() => el.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`));
  input.focus();
  await sendKeys({ type: value });
}

/** Waits until `find` (sync or async) gives something, and returns it. */
async function waitUntilFound<T>(
  find: () => T | null | undefined | Promise<T | null | undefined>,
  message = 'not found',
  timeout = 6000,
): Promise<T> {
  let found: T | null | undefined;
  await waitUntil(async () => (found = await find()) != null, message, { timeout });
  return found!;
}

/** The pending push request of `username` that is not `notId`, once the mock has one. */
const nextPush = (username: string, notId?: string) =>
  waitUntilFound(async () => {
    const p = await control.pendingPush(username);
    return p && p.id !== notId ? p : null;
  }, `no new push for ${username}`);

/** Username + password + "Log in". */
async function logIn(el: HTMLElement, username: string) {
  await typeInto(el, 'username', username);
  await typeInto(el, 'current-password', 'demo1234');
  await sendKeys({ press: 'Enter' });
}

/** Presses Tab until the button named `name` has focus (keyboard only), then returns it. */
async function tabTo(name: string, max = 20): Promise<HTMLElement> {
  for (let i = 0; i < max; i++) {
    const active = document.activeElement as HTMLElement | null;
    if (active?.localName === 'button' && text(active) === name) return active;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached "${name}" (at ${document.activeElement?.outerHTML.slice(0, 80)})`);
}

const pushWait = (el: HTMLElement) => el.querySelector<TfaPushWait>('tfa-push-wait');

/** Waits until the push step shows `push` (by its number) and returns the element. */
async function waitForPushShown(el: HTMLElement, push: PushRequest): Promise<TfaPushWait> {
  return waitUntilFound(() => {
    const pw = pushWait(el);
    return pw?.step?.push.id === push.id && pw.querySelector('dd')?.textContent === String(push.number) ? pw : null;
  }, `push ${push.id} not shown`);
}

async function signedIn(success: Promise<Event>, username: string) {
  const event = (await success) as Event & { session: Session };
  expect(event.session.user.username).to.equal(username);
}

describe('second-factor flows through <tfa-login>', function () {
  this.timeout(30000);
  useMockWorker();

  describe('flow 5: push approval', () => {
    it('approve on the phone with the number shown: signed in without typing', async () => {
      const el = await mount();
      const success = oneEvent(el, 'tfa-login-success');
      await logIn(el, 'dorte');
      const push = await nextPush('dorte');
      const pw = await waitForPushShown(el, push);
      expect(text(pw)).to.contain('Open PingID and approve with your face, fingerprint or PIN.');
      expect(text(pw)).to.match(/2\d seconds left/);
      const shown = Number(pw.querySelector('dd')!.textContent);
      expect(shown).to.equal(push.number);
      await control.approvePush(push.id, shown);
      await signedIn(success, 'dorte');
      await waitUntil(() => !pushWait(el), 'the push step stayed');
    });

    it('denied on the phone: a clear message, then Retry mobile sends a new one that is approved', async () => {
      const el = await mount();
      const success = oneEvent(el, 'tfa-login-success');
      await logIn(el, 'dorte');
      const first = await nextPush('dorte');
      await waitForPushShown(el, first);
      await control.denyPush(first.id);
      const pw = pushWait(el)!;
      await waitUntil(() => text(pw).includes('The request was denied on your phone.'), 'no denial shown', { timeout: 6000 });
      const retry = queryButton(pw, 'Retry mobile')!;
      expect(retry.classList.contains('tfa-primary')).to.be.true;
      retry.click();
      const second = await nextPush('dorte', first.id);
      const shownAgain = await waitForPushShown(el, second);
      expect(text(shownAgain)).to.not.contain('denied');
      await control.approvePush(second.id, second.number);
      await signedIn(success, 'dorte');
    });

    it('expires after about 25 s: Retry mobile sends a new request', async () => {
      const el = await mount();
      await logIn(el, 'dorte');
      const first = await nextPush('dorte');
      await waitForPushShown(el, first);
      await control.advanceClock(26);
      const pw = pushWait(el)!;
      await waitUntil(() => text(pw).includes('The request to your phone has expired.'), 'no expiry shown', { timeout: 6000 });
      await waitUntil(() => pw.step?.push.status === 'expired', 'the server never said expired', { timeout: 6000 });
      queryButton(pw, 'Retry mobile')!.click();
      const second = await nextPush('dorte', first.id);
      const shown = await waitForPushShown(el, second);
      expect(text(shown)).to.match(/2\d seconds left/);
      expect(text(shown)).to.not.contain('expired');
    });

    it('the wrong number in the app counts as a denial', async () => {
      const el = await mount();
      const success = oneEvent(el, 'tfa-login-success');
      let signedInEvent = false;
      void success.then(() => (signedInEvent = true));
      await logIn(el, 'dorte');
      const push = await nextPush('dorte');
      await waitForPushShown(el, push);
      await control.approvePush(push.id, push.number === 99 ? 10 : push.number! + 1);
      const pw = pushWait(el)!;
      await waitUntil(() => text(pw).includes('The request was denied on your phone.'), 'no denial shown', { timeout: 6000 });
      expect(signedInEvent).to.be.false;
    });
  });

  describe('flow 6: Change Device', () => {
    it('bo: SMS, Change Device, Email, the email code, Sign On: signed in', async () => {
      const el = await mount();
      const success = oneEvent(el, 'tfa-login-success');
      await logIn(el, 'bo');
      const change = await waitUntilFound(() => queryButton(el, 'Change Device'));
      change.click();
      const picker = await waitUntilFound(() => el.querySelector('tfa-device-picker'));
      await waitUntil(() => document.activeElement?.closest('tfa-device-picker') === picker, 'focus not in the picker');
      expect(text(picker.querySelector('h2')!)).to.equal('Choose another method');
      const email = [...picker.querySelectorAll('button')].find((b) => text(b).startsWith('Email'))!;
      expect(describeEl(document.activeElement)).to.equal(describeEl(email));
      email.click();
      await waitUntil(async () => (await control.outbox()).some((m) => m.channel === 'email' && m.code), 'no email code sent');
      const code = await control.lastCode({ channel: 'email' });
      await waitUntil(() => !el.querySelector('tfa-device-picker'), 'the picker stayed open');
      await typeInto(el, 'one-time-code', code);
      queryButton(el, 'Sign On')!.click();
      await signedIn(success, 'bo');
    });

    it('Escape closes the picker and returns to the SMS step', async () => {
      const el = await mount();
      await logIn(el, 'bo');
      (await waitUntilFound(() => queryButton(el, 'Change Device'))).click();
      await waitUntilFound(() => el.querySelector('tfa-device-picker'));
      await waitUntil(() => !!document.activeElement?.closest('tfa-device-picker'), 'focus not in the picker');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !el.querySelector('tfa-device-picker'), 'Escape did not close the picker');
      expect(queryButton(el, 'Change Device')).to.exist;
    });

    it('anna has only email: no Change Device button', async () => {
      const el = await mount();
      await logIn(el, 'anna');
      await waitUntilFound(() => queryButton(el, 'Sign On'));
      expect(describeEl(queryButton(el, 'Change Device'))).to.equal('nothing');
    });
  });

  describe('flow 7: Forgot your device?', () => {
    it('dorte, with the keyboard alone: push, Forgot your device?, Next, the emailed code, Sign On', async () => {
      const el = await mount();
      const success = oneEvent(el, 'tfa-login-success');
      (document.activeElement as HTMLElement | null)?.blur();
      await tabToInput(await waitUntilFound(() => el.querySelector<HTMLInputElement>('input[autocomplete="username"]')));
      await sendKeys({ type: 'dorte' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'demo1234' });
      await sendKeys({ press: 'Enter' });
      await waitUntilFound(() => pushWait(el)?.querySelector('dd'));
      await tabTo('Forgot your device?');
      await sendKeys({ press: 'Enter' });
      const forgot = await waitUntilFound(() => el.querySelector('tfa-forgot-device'));
      const masked = (forgot as HTMLElement & { step?: { method: { maskedTarget?: string } } }).step!.method.maskedTarget!;
      expect(masked).to.be.a('string').and.not.contain('dorte@');
      expect(text(forgot)).to.contain(`We will send a one-time code to ${masked}. Check that you can read this email.`);
      await tabTo('Next');
      await sendKeys({ press: 'Enter' });
      await waitUntil(async () => (await control.outbox()).some((m) => m.channel === 'email' && m.code), 'no recovery code sent');
      const code = await control.lastCode({ channel: 'email' });
      const input = await waitUntilFound(() => el.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]'));
      await waitUntil(() => document.activeElement === input || !!document.activeElement?.closest('tfa-otp-entry'), 'focus not on the code step');
      if (document.activeElement !== input) await tabToInput(input);
      await sendKeys({ type: code });
      await sendKeys({ press: 'Enter' });
      await signedIn(success, 'dorte');
      const after = await control.outbox();
      expect(after.some((m) => m.channel === 'email' && !m.code && /recovery code/i.test(m.text))).to.be.true;
    });

    it('Cancel starts the sign-in again', async () => {
      const el = await mount();
      await logIn(el, 'dorte');
      (await waitUntilFound(() => queryButton(el, 'Forgot your device?'))).click();
      const forgot = await waitUntilFound(() => el.querySelector('tfa-forgot-device'));
      queryButton(forgot, 'Cancel')!.click();
      await waitUntilFound(() => el.querySelector('input[autocomplete="current-password"]'));
      expect(describeEl(el.querySelector('tfa-forgot-device'))).to.equal('nothing');
    });
  });
});

async function tabToInput(input: HTMLInputElement, max = 20) {
  for (let i = 0; i < max && document.activeElement !== input; i++) await sendKeys({ press: 'Tab' });
  expect(document.activeElement === input, `focus is on ${describeEl(document.activeElement)}`).to.be.true;
}

import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/otp-entry/define.js';
import type { TfaOtpEntryElement } from '../../src/components/otp-entry/otp-entry.js';
import type { TfaAction, TfaActionEvent } from '../../src/events/action-event.js';
import { setLocale } from '../../src/internal/localize.js';
import { alertText, button, byLabel, description, queryButton, text } from '../support/dom.js';
import { InProcessMock } from '../support/in-process.js';

async function entry(mock: InProcessMock, extra: Partial<TfaOtpEntryElement> = {}): Promise<TfaOtpEntryElement> {
  const el = await fixture<TfaOtpEntryElement>(html`<tfa-otp-entry
    .step=${mock.codeStep()}
    .offsetMs=${mock.offsetMs}
    .hasAlternatives=${(mock.tx?.alternatives.length ?? 0) > 0}
    .recoveryAvailable=${mock.tx?.recoveryAvailable ?? false}
  ></tfa-otp-entry>`);
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}
async function signedInAs(username: string): Promise<InProcessMock> {
  const mock = new InProcessMock();
  await mock.signIn(username);
  return mock;
}
function actions(el: HTMLElement): TfaAction[] {
  const seen: TfaAction[] = [];
  el.addEventListener('tfa-action', (e) => seen.push((e as TfaActionEvent).action));
  return seen;
}
function codeInput(el: HTMLElement): HTMLInputElement {
  return byLabel(el, 'One-time code');
}
function liveText(el: HTMLElement): string {
  return text(el.querySelector('.tfa-visually-hidden[role="status"]'));
}

describe('<tfa-otp-entry>', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  describe('accessibility', () => {
    for (const user of ['anna', 'bo', 'carl']) {
      it(`is accessible at ${user}'s step`, async () => {
        const el = await entry(await signedInAs(user));
        el.querySelector('details')?.setAttribute('open', '');
        await expect(el).to.be.accessible();
      });
    }
    it('is accessible with a wrong-code error, while busy, and once the sign-in is closed', async () => {
      const mock = await signedInAs('anna');
      const error = await mock.error('POST', '/signin/code', { code: '000000' });
      const el = await entry(mock, { error, busy: true });
      await expect(el).to.be.accessible();
      el.error = { code: 'too_many_attempts' };
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('shows "Enter OTP", one One-time code field for autofill, and "Sign On"', async () => {
      const el = await entry(await signedInAs('anna'));
      expect(el.shadowRoot).to.equal(null);
      expect(text(el.querySelector('h2'))).to.equal('Enter OTP');
      const input = codeInput(el);
      expect(input.autocomplete).to.equal('one-time-code');
      expect(input.inputMode).to.equal('numeric');
      expect(input.closest('form')).to.exist;
      expect(el.querySelectorAll('input')).to.have.length(1);
      expect(input.maxLength).to.equal(-1); // pasted "123 456" must fit
      expect(button(el, 'Sign On').type).to.equal('submit');
      expect(queryButton(el, 'Change Device')).to.equal(undefined);
      expect(queryButton(el, 'Forgot your device?')).to.equal(undefined);
      expect(alertText(el)).to.equal('');
    });
  });

  describe('where the code went', () => {
    it('email: the masked address', async () => {
      const mock = await signedInAs('anna');
      const el = await entry(mock);
      const masked = mock.codeStep().method.maskedTarget!;
      expect(masked).to.match(/\*/);
      expect(text(el)).to.contain(`We have sent a one-time code to ${masked}.`);
      expect(description(codeInput(el))).to.contain(masked);
    });
    it('SMS: the masked number', async () => {
      const mock = await signedInAs('bo');
      const el = await entry(mock);
      expect(mock.codeStep().method.kind).to.equal('sms');
      expect(text(el)).to.contain(`We have sent a one-time code by text message to ${mock.codeStep().method.maskedTarget}.`);
    });
    it('TOTP: the 6-digit code from Google Authenticator, no resend', async () => {
      const el = await entry(await signedInAs('carl'));
      expect(text(el)).to.contain('Enter the 6-digit code from Google Authenticator.');
      expect(queryButton(el, 'Resend Passcode')).to.equal(undefined);
      expect(el.querySelector('details')).to.equal(null);
    });
    it('recovery: recovery wording', async () => {
      const mock = await signedInAs('dorte');
      await mock.call('POST', '/signin/recovery');
      await mock.call('POST', '/signin/recovery/send');
      const el = await entry(mock);
      expect(text(el)).to.contain('We have sent a recovery code to');
      expect(text(el)).to.contain('sign in without your device');
    });
  });

  describe('submitting', () => {
    it('sends the typed code on Enter', async () => {
      const el = await entry(await signedInAs('anna'));
      codeInput(el).focus();
      await sendKeys({ type: '123456' });
      const event = oneEvent(el, 'tfa-action');
      await sendKeys({ press: 'Enter' });
      expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'submit-code', code: '123456' });
    });
    for (const pasted of ['123 456', '123-456', ' 12 34 56 ', '1-2-3 4-5-6']) {
      it(`accepts "${pasted}" and sends 123456`, async () => {
        const el = await entry(await signedInAs('anna'));
        const input = codeInput(el);
        input.focus();
        await sendKeys({ type: pasted });
        const event = oneEvent(el, 'tfa-action');
        button(el, 'Sign On').click();
        expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'submit-code', code: '123456' });
      });
    }
    it('accepts a real paste (clipboard event) with spaces', async () => {
      const el = await entry(await signedInAs('anna'));
      const input = codeInput(el);
      input.focus();
      const data = new DataTransfer();
      data.setData('text/plain', '654 321');
      // Browsers insert pasted text as an input event; emulate what the browser does.
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      document.execCommand('insertText', false, '654 321');
      const event = oneEvent(el, 'tfa-action');
      await sendKeys({ press: 'Enter' });
      expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'submit-code', code: '654321' });
    });
    it('asks for the code when the field is empty, without sending', async () => {
      const el = await entry(await signedInAs('anna'));
      const seen = actions(el);
      button(el, 'Sign On').click();
      await el.updateComplete;
      expect(seen).to.deep.equal([]);
      expect(description(codeInput(el))).to.contain('Enter the code.');
      expect(codeInput(el).getAttribute('aria-invalid')).to.equal('true');
    });
    it('says how many digits a code has when it is too short or not digits', async () => {
      const el = await entry(await signedInAs('anna'));
      const seen = actions(el);
      codeInput(el).focus();
      await sendKeys({ type: '12345' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(description(codeInput(el))).to.contain('The code has 6 digits.');
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ type: '1a3456' });
      await sendKeys({ press: 'Enter' });
      expect(seen).to.deep.equal([]);
    });
    it('ignores submits while busy', async () => {
      const el = await entry(await signedInAs('anna'), { busy: true });
      const seen = actions(el);
      codeInput(el).focus();
      await sendKeys({ type: '123456' });
      await sendKeys({ press: 'Enter' });
      await aTimeout(20);
      expect(seen).to.deep.equal([]);
      expect(button(el, 'Sign On').getAttribute('aria-disabled')).to.equal('true');
    });
  });

  describe('errors', () => {
    it('invalid_code: attempts left, linked and announced; the code stays, selected', async () => {
      const mock = await signedInAs('anna');
      const el = await entry(mock);
      const input = codeInput(el);
      input.focus();
      await sendKeys({ type: '000000' });
      el.error = await mock.error('POST', '/signin/code', { code: '000000' });
      await el.updateComplete;
      expect(alertText(el)).to.equal('That code is not correct. 4 attempts left.');
      expect(description(input)).to.contain('4 attempts left');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.value).to.equal('000000');
      expect(document.activeElement).to.equal(input);
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, 6]);
      await sendKeys({ type: '1' });
      expect(input.value).to.equal('1'); // typing replaces the selected code
    });
    it('code_expired offers a new code', async () => {
      const mock = await signedInAs('anna');
      await mock.control.advanceClock(301);
      const error = await mock.error('POST', '/signin/code', { code: await mock.control.lastCode() });
      expect(error.code).to.equal('code_expired');
      const el = await entry(mock, { error });
      expect(alertText(el)).to.equal('The code has expired. Send a new code.');
      expect(queryButton(el, 'Resend Passcode')).to.exist;
    });
    it('too_many_attempts: only "Start again", which asks to restart', async () => {
      const mock = await signedInAs('anna');
      let error = await mock.error('POST', '/signin/code', { code: '000000' });
      for (let i = 0; i < 6 && error.code === 'invalid_code'; i++) error = await mock.error('POST', '/signin/code', { code: '000000' });
      expect(error.code).to.equal('too_many_attempts');
      const el = await entry(mock, { error });
      expect(alertText(el)).to.equal('Too many wrong codes. Start again to sign in.');
      expect(el.querySelector('input')).to.equal(null);
      expect(queryButton(el, 'Sign On')).to.equal(undefined);
      const event = oneEvent(el, 'tfa-action');
      button(el, 'Start again').click();
      expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'restart' });
    });
    it('resend_too_soon says how many seconds to wait', async () => {
      const mock = await signedInAs('anna');
      const error = await mock.error('POST', '/signin/resend');
      expect(error.code).to.equal('resend_too_soon');
      const el = await entry(mock, { error });
      expect(alertText(el)).to.match(/^You can send a new code in (29|30) seconds\.$/);
    });
    it('code_already_used (TOTP replay) has its own message', async () => {
      const mock = await signedInAs('carl');
      const el = await entry(mock, { error: { code: 'code_already_used' } });
      expect(alertText(el)).to.equal('That code has already been used. Wait for the next code in your app.');
    });
  });

  describe('resend', () => {
    it('counts down from resendAvailableAt in the server clock; focusable but aria-disabled', async () => {
      const mock = new InProcessMock();
      await mock.control.advanceClock(600); // the mock's clock is 10 minutes ahead of the browser's
      await mock.signIn('anna');
      const el = await entry(mock);
      const resend = button(el, 'Resend Passcode');
      expect(resend.getAttribute('aria-disabled')).to.equal('true');
      expect(resend.disabled).to.equal(false);
      expect(text(el)).to.match(/You can send a new code in (29|30) s/);
      expect(description(resend)).to.match(/You can send a new code in (29|30) s/);
      const seen = actions(el);
      resend.focus();
      await sendKeys({ press: 'Enter' });
      await aTimeout(20);
      expect(seen).to.deep.equal([]);
    });
    it('tells screen readers once when the cooldown starts, not every second', async () => {
      const el = await entry(await signedInAs('anna'));
      await waitUntil(() => liveText(el) !== '', 'announced');
      const first = liveText(el);
      expect(first).to.match(/^You can send a new code in (29|30) seconds\.$/);
      const visible = text(el.querySelector('.tfa-otp-resend p'));
      await aTimeout(1100);
      expect(text(el.querySelector('.tfa-otp-resend p'))).not.to.equal(visible);
      expect(liveText(el)).to.equal(first);
    }).timeout(5000);
    it('becomes available when the mock clock has passed resendAvailableAt, says so once, and asks to resend', async () => {
      const mock = await signedInAs('anna');
      await mock.control.advanceClock(28);
      await mock.call('GET', '/signin'); // the answer carries the mock's new serverTime
      const el = await entry(mock);
      await waitUntil(() => liveText(el) === 'You can now send a new code.', 'available announced', { timeout: 4000 });
      const resend = button(el, 'Resend Passcode');
      expect(resend.getAttribute('aria-disabled')).to.equal('false');
      expect(text(el)).not.to.contain('You can send a new code in');
      const event = oneEvent(el, 'tfa-action');
      resend.focus();
      await sendKeys({ press: 'Enter' });
      expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'resend' });
    }).timeout(6000);
    it('after a resend: "A new code has been sent", visible and announced', async () => {
      const mock = await signedInAs('anna');
      await mock.control.advanceClock(31);
      await mock.call('POST', '/signin/resend');
      // Step and notice arrive in the same update, as <tfa-login> passes them.
      const el = await fixture<TfaOtpEntryElement>(
        html`<tfa-otp-entry .step=${mock.codeStep()} .offsetMs=${mock.offsetMs} .notice=${'code-sent'}></tfa-otp-entry>`,
      );
      expect(text(el)).to.contain('A new code has been sent.');
      await waitUntil(() => liveText(el).startsWith('A new code has been sent.'), 'announced');
    });
  });

  describe('help', () => {
    it('email: spam folder, Resend Passcode, the address, administrator and support', async () => {
      const mock = await signedInAs('anna');
      const el = await entry(mock);
      const details = el.querySelector('details')!;
      expect(text(details.querySelector('summary'))).to.equal("Didn't get the code?");
      const help = text(details);
      expect(help).to.contain('Check your spam folder');
      expect(help).to.contain('Resend Passcode');
      expect(help).to.contain(mock.codeStep().method.maskedTarget!);
      expect(help).to.contain('Ask your administrator to change your email address');
      expect(help).to.contain('Are you an administrator? Contact support.');
    });
    it('SMS with alternatives: use Change Device to switch to email', async () => {
      const el = await entry(await signedInAs('bo'));
      expect(text(el.querySelector('details'))).to.contain('Use Change Device to get the code by email instead.');
      expect(text(el.querySelector('details'))).not.to.contain('spam');
    });
    it('opens with the keyboard', async () => {
      const el = await entry(await signedInAs('anna'));
      const summary = el.querySelector('summary')!;
      summary.focus();
      await sendKeys({ press: 'Enter' });
      expect(el.querySelector('details')!.open).to.equal(true);
    });
  });

  describe('Change Device and Forgot your device?', () => {
    it('"Change Device" only with alternatives; it asks to change device', async () => {
      const el = await entry(await signedInAs('bo'));
      const event = oneEvent(el, 'tfa-action');
      button(el, 'Change Device').click();
      expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'change-device' });
      const anna = await entry(await signedInAs('anna'));
      expect(queryButton(anna, 'Change Device')).to.equal(undefined);
    });
    it('"Forgot your device?" only when recovery is offered (TOTP)', async () => {
      const mock = await signedInAs('carl');
      expect(mock.tx!.recoveryAvailable).to.equal(true);
      const el = await entry(mock);
      const event = oneEvent(el, 'tfa-action');
      button(el, 'Forgot your device?').click();
      expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'forgot-device' });
      const anna = await entry(await signedInAs('anna'));
      expect(queryButton(anna, 'Forgot your device?')).to.equal(undefined);
    });
    it('ignores them while busy', async () => {
      const el = await entry(await signedInAs('carl'), { busy: true });
      const seen = actions(el);
      button(el, 'Change Device').click();
      button(el, 'Forgot your device?').click();
      expect(seen).to.deep.equal([]);
    });
  });

  describe('WebOTP', () => {
    const w = window as unknown as Record<string, unknown>;
    let calls: { options: CredentialRequestOptions & { otp?: unknown } }[];
    let answer: (code: string) => void;
    beforeEach(() => {
      calls = [];
      w.OTPCredential = class {};
      (navigator.credentials as { get: unknown }).get = (options: CredentialRequestOptions) => {
        calls.push({ options });
        return new Promise((resolve, reject) => {
          answer = (code) => resolve({ code, type: 'otp' });
          options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      };
    });
    afterEach(() => {
      delete w.OTPCredential;
      delete (navigator.credentials as { get?: unknown }).get;
    });
    it('on an SMS step, fills and submits the code the browser reads from the SMS', async () => {
      const el = await entry(await signedInAs('bo'));
      expect(calls).to.have.length(1);
      expect((calls[0].options as { otp: unknown }).otp).to.deep.equal({ transport: ['sms'] });
      const event = oneEvent(el, 'tfa-action');
      answer('246810');
      expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'submit-code', code: '246810' });
      expect(codeInput(el).value).to.equal('246810');
    });
    it('is not used for email or app steps', async () => {
      await entry(await signedInAs('anna'));
      await entry(await signedInAs('carl'));
      expect(calls).to.have.length(0);
    });
    it('is aborted when the element leaves the page', async () => {
      const el = await entry(await signedInAs('bo'));
      const signal = calls[0].options.signal!;
      expect(signal.aborted).to.equal(false);
      el.remove();
      expect(signal.aborted).to.equal(true);
    });
    it('is aborted when the step changes to another method', async () => {
      const el = await entry(await signedInAs('bo'));
      const signal = calls[0].options.signal!;
      el.step = (await signedInAs('anna')).codeStep();
      await el.updateComplete;
      expect(signal.aborted).to.equal(true);
    });
    it('falls back silently when the browser refuses', async () => {
      (navigator.credentials as { get: unknown }).get = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
      const el = await entry(await signedInAs('bo'));
      await aTimeout(20);
      expect(alertText(el)).to.equal('');
      codeInput(el);
    });
  });

  describe('language', () => {
    it('Danish: the glossary words', async () => {
      await setLocale('da');
      const el = await entry(await signedInAs('bo'));
      expect(text(el.querySelector('h2'))).to.equal('Indtast engangskode');
      byLabel(el, 'Engangskode');
      button(el, 'Log på');
      button(el, 'Send koden igen');
      button(el, 'Skift enhed');
      const carl = await entry(await signedInAs('carl'));
      button(carl, 'Glemt din enhed?');
      const anna = await entry(await signedInAs('anna'));
      expect(text(anna.querySelector('details'))).to.contain('Tjek din uønsket mail');
    });
    it('switches at run time', async () => {
      const el = await entry(await signedInAs('anna'));
      button(el, 'Sign On');
      await setLocale('da');
      await el.updateComplete;
      button(el, 'Log på');
    });
  });
});

/**
 * The guards of the enrollment elements and contact details, with a scripted backend: what the
 * person sees when the server refuses, when a code is incomplete, when an enrollment expires.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/add-method/define.js';
import '../../src/components/app-enroll/define.js';
import '../../src/components/contact-details/define.js';
import '../../src/components/totp-wizard/define.js';
import type { TfaAddMethod } from '../../src/components/add-method/add-method.js';
import type { TfaAppEnroll } from '../../src/components/app-enroll/app-enroll.js';
import type { TfaContactDetails } from '../../src/components/contact-details/contact-details.js';
import type { TfaTotpWizard } from '../../src/components/totp-wizard/totp-wizard.js';
import type { Enrollment } from '../../src/internal/contract.js';
import { text } from '../support/dom.js';
import { fakeFetch, fakeSession, found, methods, mustButton, problem } from './helpers.js';

const totpEnrollment: Enrollment = {
  id: 'enr-1',
  product: 'google-authenticator',
  status: 'pending',
  expiresAt: '2099-01-01T00:00:00.000Z',
  qrUri: 'otpauth://totp/Demo:anna?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Demo',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};

describe('guards of the settings elements', () => {
  describe('<tfa-add-method>', () => {
    it('offers nothing it cannot add, and says so', async () => {
      const el = await fixture<TfaAddMethod>(html`<tfa-add-method
        .session=${fakeSession()}
        .methods=${methods('google-authenticator', 'microsoft-authenticator', 'pingid', 'entrust-soft-token', 'sms', 'email')}
      ></tfa-add-method>`);
      expect(el.querySelectorAll('input[type="radio"]')).to.have.length(0);
      expect(text(el)).to.contain('You have added every app we offer.');
      expect(text(el)).not.to.contain('Contact details');
      await expect(el).to.be.accessible();
    });
  });

  describe('<tfa-totp-wizard>', () => {
    async function atCodeStep(answer: Parameters<typeof fakeFetch>[0]) {
      const fetchImpl = fakeFetch(answer);
      const el = await fixture<TfaTotpWizard>(html`<tfa-totp-wizard .session=${fakeSession()} .fetchImpl=${fetchImpl} step="code"></tfa-totp-wizard>`);
      await found(() => el.enrollment, 'enrollment not started');
      await el.updateComplete;
      return { el, fetchImpl, input: el.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')! };
    }
    const startsThen = (verify: [number, unknown]) => (method: string, path: string): [number, unknown] => {
      if (method === 'POST' && path === '/api/me/enrollments') return [201, totpEnrollment];
      if (method === 'POST' && path.endsWith('/verify')) return verify;
      if (method === 'DELETE') return [204, undefined];
      return problem(404, 'not_found');
    };

    it('asks for all 6 digits before sending anything', async () => {
      const { el, fetchImpl, input } = await atCodeStep(startsThen([200, {}]));
      input.focus();
      await sendKeys({ type: '123' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(text(el.querySelector(`#${input.getAttribute('aria-describedby')!.split(' ')[1]}`))).to.equal('Enter the 6-digit code shown in the app.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(document.activeElement).to.equal(input);
      expect(fetchImpl.calls.filter((c) => c.path.endsWith('/verify'))).to.have.length(0);
    });

    it('an expired enrollment offers "Start again", which starts a new one', async () => {
      const { el, fetchImpl, input } = await atCodeStep(startsThen(problem(404, 'enrollment_not_found')));
      input.focus();
      await sendKeys({ type: '123456' });
      await sendKeys({ press: 'Enter' });
      await found(() => text(el).includes('This setup is no longer active. Start again.'));
      mustButton(el, 'Start again').click();
      await found(() => fetchImpl.calls.filter((c) => c.method === 'POST' && c.path === '/api/me/enrollments').length === 2);
      await found(() => el.step === 'scan');
    });

    it('says when the server refuses to start (method already there)', async () => {
      const fetchImpl = fakeFetch(() => problem(409, 'method_exists'));
      const el = await fixture<TfaTotpWizard>(html`<tfa-totp-wizard .session=${fakeSession()} .fetchImpl=${fetchImpl}></tfa-totp-wizard>`);
      mustButton(el, 'Next').click();
      await found(() => text(el.querySelector('[role="alert"]')) === 'You already have this method.');
      expect(el.step).to.equal('intro');
    });

    it('deletes the pending enrollment when it leaves the page unfinished', async () => {
      const { el, fetchImpl } = await atCodeStep(startsThen([200, {}]));
      el.remove();
      await found(() => fetchImpl.calls.some((c) => c.method === 'DELETE' && c.path === '/api/me/enrollments/enr-1'));
    });
  });

  describe('<tfa-app-enroll>', () => {
    const pingEnrollment: Enrollment = { id: 'enr-p', product: 'pingid', status: 'pending', expiresAt: '2099-01-01T00:00:00.000Z', qrUri: 'pingid://pair?enrollment=enr-p' };

    it('says when the enrollment expired and offers "Start again"', async () => {
      const fetchImpl = fakeFetch((method) => (method === 'POST' ? [201, pingEnrollment] : [200, { ...pingEnrollment, status: 'expired' }]));
      const el = await fixture<TfaAppEnroll>(html`<tfa-app-enroll .session=${fakeSession()} .fetchImpl=${fetchImpl} poll-interval="50"></tfa-app-enroll>`);
      await found(() => el.step === 'failed');
      expect(text(el.querySelector('[role="alert"]'))).to.equal('This setup is no longer active. Start again.');
      expect(mustButton(el, 'Start again')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('keeps waiting through a network hiccup, and stops polling when it leaves the page', async () => {
      let fail = true;
      const fetchImpl = fakeFetch((method) => {
        if (method === 'POST') return [201, pingEnrollment];
        if (method === 'DELETE') return [204, undefined];
        if (fail) {
          fail = false;
          return problem(503, 'server_error');
        }
        return [200, pingEnrollment];
      });
      const el = await fixture<TfaAppEnroll>(html`<tfa-app-enroll .session=${fakeSession()} .fetchImpl=${fetchImpl} poll-interval="50"></tfa-app-enroll>`);
      await found(() => fetchImpl.calls.filter((c) => c.method === 'GET').length >= 3);
      expect(el.step).to.equal('scan');
      el.remove();
      await aTimeout(20);
      const polls = fetchImpl.calls.filter((c) => c.method === 'GET').length;
      await aTimeout(300);
      expect(fetchImpl.calls.filter((c) => c.method === 'GET').length).to.equal(polls);
      expect(fetchImpl.calls.some((c) => c.method === 'DELETE' && c.path === '/api/me/enrollments/enr-p')).to.equal(true);
    });
  });

  describe('<tfa-contact-details>', () => {
    const contact = { email: 'bo@example.dk', mobile: '+45 20 12 34 56', maskedMobile: '+45 •• •• •• 56' };

    async function mount(answer: Parameters<typeof fakeFetch>[0]) {
      const fetchImpl = fakeFetch(answer);
      const el = await fixture<TfaContactDetails>(html`<tfa-contact-details .session=${fakeSession()} .fetchImpl=${fetchImpl}></tfa-contact-details>`);
      await found(() => el.querySelector('[data-mobile]'));
      return { el, fetchImpl };
    }

    it('shows the server refusing the number at the field', async () => {
      const { el } = await mount((method) => (method === 'GET' ? [200, contact] : problem(400, 'invalid_phone')));
      mustButton(el, 'Change mobile number').click();
      await found(() => document.activeElement?.getAttribute('type') === 'tel');
      await sendKeys({ type: '+45 20 12 34 56' });
      await sendKeys({ press: 'Enter' });
      const input = el.querySelector('input[type="tel"]')!;
      await found(() => input.getAttribute('aria-invalid') === 'true');
      expect(text(el)).to.contain('Enter a valid mobile number');
      expect((input as HTMLInputElement).value).to.equal('+45 20 12 34 56');
    });

    it('after too many wrong codes, goes back to the number (kept) to send a new code', async () => {
      const { el } = await mount((method, path) => {
        if (method === 'GET') return [200, contact];
        if (path.endsWith('/verify')) return problem(403, 'too_many_attempts');
        return [200, { maskedTarget: '+45 •• •• •• 31', code: { expiresAt: '2099-01-01T00:00:00Z', resendAvailableAt: '2000-01-01T00:00:00Z', length: 6, attemptsLeft: 5 } }];
      });
      mustButton(el, 'Change mobile number').click();
      await found(() => document.activeElement?.getAttribute('type') === 'tel');
      await sendKeys({ type: '+4531313131' });
      await sendKeys({ press: 'Enter' });
      await found(() => document.activeElement?.getAttribute('autocomplete') === 'one-time-code');
      expect(text(el)).to.contain('+45 •• •• •• 31');
      await expect(el).to.be.accessible();
      await sendKeys({ type: '123456' });
      await sendKeys({ press: 'Enter' });
      await found(() => el.mode === 'edit');
      expect(text(el)).to.contain('Too many wrong codes. Send a new code to your new number.');
      expect(el.querySelector<HTMLInputElement>('input[type="tel"]')!.value).to.equal('+4531313131');
    });

    describe('offline', () => {
      const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
      const alerts = (root: ParentNode) => [...root.querySelectorAll('[role="alert"]')].map(text).filter(Boolean);

      it('on its own, announces "No connection"', async () => {
        const el = await fixture<TfaContactDetails>(html`<tfa-contact-details .session=${fakeSession()} .fetchImpl=${offline}></tfa-contact-details>`);
        await found(() => alerts(el).length > 0, 'nothing announced');
        expect(alerts(el)).to.deep.equal(['No connection. Check your network and try again.']);
      });

      it('with quiet-offline, shows "No connection" without announcing it', async () => {
        const el = await fixture<TfaContactDetails>(html`<tfa-contact-details quiet-offline .session=${fakeSession()} .fetchImpl=${offline}></tfa-contact-details>`);
        await found(() => text(el).includes('No connection. Check your network and try again.'), 'not shown');
        expect(alerts(el)).to.deep.equal([]);
        await expect(el).to.be.accessible();
      });
    });
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/forgot-device/define.js';
import type { TfaForgotDevice } from '../../src/components/forgot-device/forgot-device.js';
import { setLocale } from '../../src/internal/localize.js';
import { queryButton, text } from '../support/dom.js';
import { actions, describeEl, nextAction } from './helpers.js';
import { InProcessMock, type RecoveryStep } from '../support/in-process.js';

const button = (el: HTMLElement, name: string) => queryButton(el, name)!;

/** dorte: password, push, then "Forgot your device?" on the mock. */
async function recoveryStep(): Promise<RecoveryStep> {
  const s = new InProcessMock();
  await s.signIn('dorte');
  await s.call('POST', '/signin/recovery');
  return s.recoveryStep();
}

async function render(opts: { busy?: boolean } = {}) {
  const step = await recoveryStep();
  const el = await fixture<TfaForgotDevice>(html`<tfa-forgot-device .step=${step} .busy=${opts.busy ?? false}></tfa-forgot-device>`);
  return { el, step };
}

describe('<tfa-forgot-device>', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  describe('accessibility', () => {
    it('is accessible', async () => {
      await expect((await render()).el).to.be.accessible();
    });

    it('is accessible while sending and with an error', async () => {
      const { el } = await render({ busy: true });
      el.error = { code: 'resend_too_soon', retryAfter: 20 };
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('focuses its heading when it appears', async () => {
      const { el } = await render();
      expect(describeEl(document.activeElement)).to.equal(describeEl(el.querySelector('h2')));
      expect(text(el.querySelector('h2')!)).to.equal('Forgot your device?');
    });
  });

  describe('defaults', () => {
    it('without a step still names the email as where the code goes', async () => {
      const el = await fixture<TfaForgotDevice>(html`<tfa-forgot-device></tfa-forgot-device>`);
      expect(el.busy).to.be.false;
      expect(el.error).to.equal(null);
      expect(text(el)).to.contain('We will send a one-time code to your email address. Check that you can read this email.');
    });
  });

  describe('confirming the address', () => {
    it('shows the masked email the mock will send to, in a form with Next and Cancel', async () => {
      const { el, step } = await render();
      expect(step.method.kind).to.equal('email');
      expect(step.method.maskedTarget).to.be.a('string').and.not.contain('dorte@');
      expect(text(el)).to.contain(
        `We will send a one-time code to ${step.method.maskedTarget}. Check that you can read this email.`,
      );
      const next = button(el, 'Next');
      expect(next.type).to.equal('submit');
      expect(next.form === el.querySelector('form'), 'Next submits the form').to.be.true;
      expect(next.classList.contains('tfa-primary')).to.be.true;
      expect(button(el, 'Cancel').type).to.equal('button');
    });
  });

  describe('actions', () => {
    it('Next fires send-recovery; Cancel fires restart', async () => {
      const { el } = await render();
      const seen = actions(el);
      button(el, 'Next').click();
      button(el, 'Cancel').click();
      expect(seen).to.deep.equal([{ type: 'send-recovery' }, { type: 'restart' }]);
    });

    it('works with the keyboard alone', async () => {
      const { el } = await render();
      await sendKeys({ press: 'Tab' });
      expect(describeEl(document.activeElement)).to.equal(describeEl(button(el, 'Next')));
      let event = nextAction(el);
      await sendKeys({ press: 'Enter' });
      expect(await event).to.deep.equal({ type: 'send-recovery' });
      await sendKeys({ press: 'Tab' });
      expect(describeEl(document.activeElement)).to.equal(describeEl(button(el, 'Cancel')));
      event = nextAction(el);
      await sendKeys({ press: 'Space' });
      expect(await event).to.deep.equal({ type: 'restart' });
    });

    it('fires nothing while busy and says the code is being sent', async () => {
      const { el } = await render({ busy: true });
      const seen = actions(el);
      button(el, 'Next').click();
      button(el, 'Cancel').click();
      el.querySelector('form')!.requestSubmit();
      expect(seen).to.deep.equal([]);
      expect(button(el, 'Next').getAttribute('aria-disabled')).to.equal('true');
      expect(text(el.querySelector('[role="status"]')!)).to.equal('Sending the code…');
      el.busy = false;
      await el.updateComplete;
      expect(text(el.querySelector('[role="status"]')!)).to.equal('');
      button(el, 'Next').click();
      expect(seen).to.deep.equal([{ type: 'send-recovery' }]);
    });
  });

  describe('errors', () => {
    it('shows the message, announced and linked to Next', async () => {
      const { el } = await render();
      const alert = el.querySelector('[role="alert"]')!;
      expect(text(alert)).to.equal('');
      el.error = { code: 'resend_too_soon', retryAfter: 20 };
      await el.updateComplete;
      expect(text(alert)).to.equal('You can send a new code in 20 seconds.');
      expect(button(el, 'Next').getAttribute('aria-describedby')).to.contain(alert.id);
    });
  });

  describe('Danish', () => {
    it('renders in Danish with the glossary words', async () => {
      const step = await recoveryStep();
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="da"><tfa-forgot-device .step=${step}></tfa-forgot-device></div>`);
      const el = wrapper.querySelector('tfa-forgot-device')!;
      await waitUntil(() => text(el.querySelector('h2')!) === 'Glemt din enhed?', 'not Danish');
      expect(text(el)).to.contain(`Vi sender en engangskode til ${step.method.maskedTarget}. Tjek, at du kan læse denne e-mail.`);
      expect(button(el, 'Næste')).to.exist;
      expect(button(el, 'Annuller')).to.exist;
      await expect(el).to.be.accessible();
    });
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/device-picker/define.js';
import type { TfaDevicePicker } from '../../src/components/device-picker/device-picker.js';
import type { MethodSummary } from '../../src/internal/contract.js';
import { setLocale } from '../../src/internal/localize.js';
import { text } from '../support/dom.js';
import { actions, describeEl, nextAction } from './helpers.js';
import { InProcessMock } from '../support/in-process.js';

const options = (el: HTMLElement) => [...el.querySelectorAll<HTMLButtonElement>('ul button')];
const cancel = (el: HTMLElement) => [...el.querySelectorAll('button')].find((b) => text(b) === 'Cancel')!;

/** The alternatives and current method the mock gives a user at sign-in. */
async function methodsOf(username: string): Promise<{ methods: MethodSummary[]; current: MethodSummary }> {
  const s = new InProcessMock();
  const tx = await s.signIn(username);
  if (tx.step.name === 'done' || !('method' in tx.step)) throw new Error('no method');
  return { methods: tx.alternatives, current: tx.step.method };
}

async function render(username: string, opts: { busy?: boolean } = {}) {
  const { methods, current } = await methodsOf(username);
  const el = await fixture<TfaDevicePicker>(html`<tfa-device-picker
    .methods=${methods} .current=${current} .busy=${opts.busy ?? false}
  ></tfa-device-picker>`);
  return { el, methods, current };
}

describe('<tfa-device-picker>', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  describe('accessibility', () => {
    it('is accessible for bo and for erik', async () => {
      await expect((await render('bo')).el).to.be.accessible();
      await expect((await render('erik')).el).to.be.accessible();
    });

    it('is accessible with an error', async () => {
      const { el } = await render('erik');
      el.error = { code: 'server_error' };
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('is a dialog named by its heading, and focuses the first option when it opens', async () => {
      const { el } = await render('erik');
      const dialog = el.querySelector('[role="dialog"]')!;
      const heading = el.querySelector('h2')!;
      expect(text(heading)).to.equal('Choose another method');
      expect(dialog.getAttribute('aria-labelledby')).to.equal(heading.id);
      expect(describeEl(document.activeElement)).to.equal(describeEl(options(el)[0]));
    });
  });

  describe('defaults', () => {
    it('without methods says there are none and focuses Cancel', async () => {
      const el = await fixture<TfaDevicePicker>(html`<tfa-device-picker></tfa-device-picker>`);
      expect(el.methods).to.deep.equal([]);
      expect(el.current).to.equal(undefined);
      expect(el.busy).to.be.false;
      expect(el.error).to.equal(null);
      expect(options(el).length).to.equal(0);
      expect(text(el)).to.contain('You have no other methods.');
      expect(describeEl(document.activeElement)).to.equal(describeEl(cancel(el)));
    });
  });

  describe('options', () => {
    it('lists bo’s email by name and masked address, and names the method in use', async () => {
      const { el, methods, current } = await render('bo');
      expect(current.kind).to.equal('sms');
      expect(methods.map((m) => m.kind)).to.deep.equal(['email']);
      const [email] = options(el);
      expect(options(el).length).to.equal(1);
      expect(text(email)).to.contain('Email');
      expect(text(email)).to.contain(methods[0].maskedTarget!);
      expect(text(email)).to.not.contain('bo@');
      expect(text(el)).to.contain(`You are using Text message (SMS), ${current.maskedTarget}.`);
    });

    it('lists erik’s SMS and email, never a full number or address', async () => {
      const { el, methods } = await render('erik');
      expect(options(el).map((b) => b.querySelector('.tfa-picker-name')!.textContent)).to.deep.equal(
        methods.map((m) => (m.kind === 'sms' ? 'Text message (SMS)' : 'Email')),
      );
      expect(text(el)).to.not.contain('31 23 45 67');
      expect(text(el)).to.not.contain('@example.dk');
      expect(text(el)).to.contain('You are using Entrust Soft Token.');
    });

    it('does not offer the method in use', async () => {
      const { methods, current } = await methodsOf('erik');
      const el = await fixture<TfaDevicePicker>(html`<tfa-device-picker
        .methods=${[current, ...methods]} .current=${current}
      ></tfa-device-picker>`);
      expect(options(el).length).to.equal(methods.length);
      expect(options(el).map((b) => b.dataset.methodId)).to.not.include(current.id);
    });
  });

  describe('choosing', () => {
    it('fires choose-method with the method id on click', async () => {
      const { el, methods } = await render('erik');
      const seen = actions(el);
      options(el)[1].click();
      expect(seen).to.deep.equal([{ type: 'choose-method', methodId: methods[1].id }]);
    });

    it('is operable with the keyboard: arrows move, Enter chooses', async () => {
      const { el, methods } = await render('erik');
      await sendKeys({ press: 'ArrowDown' });
      expect(describeEl(document.activeElement)).to.equal(describeEl(options(el)[1]));
      await sendKeys({ press: 'ArrowDown' });
      expect(describeEl(document.activeElement)).to.equal(describeEl(options(el)[0]));
      await sendKeys({ press: 'End' });
      expect(describeEl(document.activeElement)).to.equal(describeEl(options(el)[1]));
      await sendKeys({ press: 'ArrowUp' });
      expect(describeEl(document.activeElement)).to.equal(describeEl(options(el)[0]));
      const event = nextAction(el);
      await sendKeys({ press: 'Enter' });
      expect(await event).to.deep.equal({ type: 'choose-method', methodId: methods[0].id });
    });

    it('fires nothing while busy', async () => {
      const { el } = await render('erik', { busy: true });
      const seen = actions(el);
      for (const b of options(el)) {
        expect(b.getAttribute('aria-disabled')).to.equal('true');
        b.click();
      }
      await sendKeys({ press: 'Enter' });
      expect(seen).to.deep.equal([]);
    });
  });

  describe('closing', () => {
    it('closes on Escape', async () => {
      const { el } = await render('bo');
      const seen = actions(el);
      await sendKeys({ press: 'Escape' });
      expect(seen).to.deep.equal([{ type: 'close-picker' }]);
    });

    it('closes with Cancel, by click and by keyboard', async () => {
      const { el } = await render('bo');
      const seen = actions(el);
      cancel(el).click();
      await sendKeys({ press: 'Tab' });
      expect(describeEl(document.activeElement)).to.equal(describeEl(cancel(el)));
      await sendKeys({ press: 'Space' });
      expect(seen).to.deep.equal([{ type: 'close-picker' }, { type: 'close-picker' }]);
    });

    it('other keys do not close it', async () => {
      const { el } = await render('bo');
      const seen = actions(el);
      await sendKeys({ press: 'a' });
      await sendKeys({ press: 'ArrowLeft' });
      expect(seen).to.deep.equal([]);
    });
  });

  describe('errors', () => {
    it('shows the message, announced and linked to the options', async () => {
      const { el } = await render('erik');
      const alert = el.querySelector('[role="alert"]')!;
      expect(text(alert)).to.equal('');
      expect(options(el)[0].hasAttribute('aria-describedby')).to.be.false;
      el.error = { code: 'network_error' };
      await el.updateComplete;
      expect(text(alert)).to.equal('No connection. Check your network and try again.');
      expect(options(el)[0].getAttribute('aria-describedby')).to.equal(alert.id);
    });
  });

  describe('Danish', () => {
    it('renders in Danish', async () => {
      const { methods, current } = await methodsOf('bo');
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="da"><tfa-device-picker
        .methods=${methods} .current=${current}
      ></tfa-device-picker></div>`);
      const el = wrapper.querySelector('tfa-device-picker')!;
      await waitUntil(() => text(el.querySelector('h2')!) === 'Vælg en anden metode', 'not Danish');
      expect(text(el)).to.contain(`Du bruger Sms, ${current.maskedTarget} nu.`);
      expect(text(options(el)[0])).to.contain('E-mail');
      expect(text(options(el)[0])).to.contain('Få en engangskode på e-mail.');
      expect([...el.querySelectorAll('button')].map(text)).to.include('Annuller');
      await expect(el).to.be.accessible();
    });
  });
});

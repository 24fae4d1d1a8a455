/**
 * Flows 9-11 through `<tfa-settings>` against the mock backend in MSW's service worker: reorder
 * (keyboard, persisted), remove and refusals, step-up ("Confirm it's you"), change mobile number.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { signInDemoUser } from '../../mock-server/control-client.js';
import '../../src/tfa-settings.js';
import '../../src/tfa-login.js';
import type { TfaSettings } from '../../src/components/settings/settings.js';
import type { Session } from '../../src/internal/contract.js';
import { text } from '../support/dom.js';
import { useMockWorker } from '../support/mock-worker.js';
import { announcement, api, button, found, listedNames, mustButton, nextEvent, serverMethods } from './helpers.js';

async function mount(session: Session): Promise<TfaSettings> {
  const el = await fixture<TfaSettings>(html`<tfa-settings api-base="/api" .session=${session}></tfa-settings>`);
  await found(() => el.querySelectorAll('tfa-method-list li').length > 0, 'methods never loaded');
  return el;
}

async function edit(el: TfaSettings): Promise<void> {
  mustButton(el, 'Edit').click();
  await el.updateComplete;
  await el.querySelector('tfa-method-list')!.updateComplete;
}

const list = (el: TfaSettings) => el.querySelector('tfa-method-list')!;

describe('<tfa-settings> with the mock backend', () => {
  const control = useMockWorker();

  describe('accessibility', () => {
    it('is accessible when viewing and when editing', async () => {
      const { session } = await signInDemoUser('bo');
      const el = await mount(session);
      await found(() => el.querySelector('tfa-contact-details dl'));
      await expect(el).to.be.accessible();
      await edit(el);
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('shows the headings, the recommendation and the contact details', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      expect([...el.querySelectorAll('h2, h3, h4')].map((h) => `${h.localName} ${text(h)}`)).to.include.members([
        'h2 Personal settings', 'h3 Two-factor login', 'h4 My authentication methods', 'h3 Contact details',
      ]);
      expect(text(el)).to.contain('We recommend that you always have more than one');
      expect(listedNames(el)).to.deep.equal(['Email']);
      await found(() => el.querySelector('[data-email]'));
      expect(text(el.querySelector('[data-email]'))).to.equal('anna@example.dk');
      expect(text(el)).to.contain('Ask your administrator to change it.');
      expect(button(el, 'Add new authentication method')).to.equal(undefined);
      expect(el.querySelector('tfa-add-method')).to.equal(null);
    });

    it('"Edit" reveals the controls and "Add new authentication method"', async () => {
      const { session } = await signInDemoUser('bo');
      const el = await mount(session);
      const toggle = mustButton(el, 'Edit');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      await edit(el);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(text(toggle)).to.equal('Done');
      expect(button(el, 'Move up: Email')).to.exist;
      expect(text(el.querySelector('tfa-add-method h4'))).to.equal('Add new authentication method');
    });
  });

  describe('reordering (flow 9)', () => {
    it('with the keyboard alone: Email becomes primary on the server and at the next sign-in', async () => {
      const { session } = await signInDemoUser('bo');
      const el = await mount(session);
      await edit(el);
      mustButton(el, 'Move up: Email').focus();
      const changed = nextEvent(el, 'tfa-methods-change');
      await sendKeys({ press: 'Enter' });
      const event = await changed;
      expect(event.methods[0].product).to.equal('email');
      expect(listedNames(el)).to.deep.equal(['Email', 'Text message (SMS)']);
      expect(document.activeElement?.getAttribute('aria-label')).to.equal('Move up: Email');
      await found(() => announcement(list(el)) === 'Email moved to position 1 of 2. Email is now your primary method.');
      expect((await serverMethods(session)).map((m) => m.product)).to.deep.equal(['email', 'sms']);
      const { firstStep } = await signInDemoUser('bo');
      expect(firstStep.name === 'verify-code' && firstStep.method.product).to.equal('email');
    });
  });

  describe('removing (flow 10)', () => {
    it('removes PingID after confirmation; the server lists only email', async () => {
      const { session } = await signInDemoUser('dorte');
      const el = await mount(session);
      await edit(el);
      mustButton(el, 'Remove PingID').click();
      await list(el).updateComplete;
      const confirm = list(el).querySelector('[role="group"]')!;
      expect(text(confirm)).to.contain('Remove PingID?');
      const changed = nextEvent(el, 'tfa-methods-change');
      mustButton(confirm, 'Remove PingID').click();
      await changed;
      expect(listedNames(el)).to.deep.equal(['Email']);
      expect((await serverMethods(session)).map((m) => m.product)).to.deep.equal(['email']);
      const outbox = await control.outbox();
      expect(outbox.at(-1)!.text).to.match(/PingID/);
    });

    it('refuses email (and the last method) with the reason, no button', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      await edit(el);
      expect(button(el, 'Remove Email')).to.equal(undefined);
      expect(text(list(el).querySelector('li'))).to.match(/cannot be removed/);
    });
  });

  describe('step-up (second factor older than 10 minutes)', () => {
    it('asks "Confirm it\'s you" inline, then saves the change', async () => {
      const { session } = await signInDemoUser('bo');
      const el = await mount(session);
      await control.advanceClock(601);
      await edit(el);
      const renewed = nextEvent(el, 'tfa-session-change');
      mustButton(el, 'Move up: Email').click();
      const panel = await found(() => list(el).querySelector('.tfa-step-up'), 'no step-up panel');
      expect(text(panel.querySelector('h5'))).to.equal("Confirm it's you");
      await found(() => document.activeElement === panel.querySelector('h5') || panel.contains(document.activeElement));
      const input = await found(() => panel.querySelector<HTMLInputElement>('tfa-login input[autocomplete="one-time-code"]'), 'no code field in tfa-login');
      // The order shown stays the new one while the person confirms.
      expect(listedNames(el)).to.deep.equal(['Email', 'Text message (SMS)']);
      const code = await found(async () => {
        const outbox = await control.outbox();
        return outbox.filter((m) => m.channel === 'sms' && m.code).length >= 2 && (await control.lastCode({ channel: 'sms' }));
      }, 'no step-up code sent');
      input.focus();
      await sendKeys({ type: code });
      await sendKeys({ press: 'Enter' });
      const event = await renewed;
      expect(Date.parse(event.session.authenticatedAt)).to.be.greaterThan(Date.parse(session.authenticatedAt));
      await found(() => !list(el).querySelector('.tfa-step-up'), 'step-up panel stayed');
      await found(async () => (await serverMethods(event.session))[0].product === 'email', 'order not saved');
      expect(el.session!.authenticatedAt).to.equal(event.session.authenticatedAt);
    });

    it('cancel restores the old order and changes nothing', async () => {
      const { session } = await signInDemoUser('bo');
      const el = await mount(session);
      await control.advanceClock(601);
      await edit(el);
      mustButton(el, 'Move up: Email').click();
      const panel = await found(() => list(el).querySelector('.tfa-step-up'));
      mustButton(panel, 'Cancel the change').click();
      await found(() => !list(el).querySelector('.tfa-step-up'));
      expect(listedNames(el)).to.deep.equal(['Text message (SMS)', 'Email']);
      await found(() => announcement(list(el)) === 'The order was not changed.');
      const res = await api<{ methods: { product: string }[] }>('GET', '/me/methods', { token: session.token });
      expect(res.body.methods.map((m) => m.product)).to.deep.equal(['sms', 'email']);
    });
  });

  describe('changing the mobile number (flow 11)', () => {
    it('sends a code to the new number and changes it only after the code', async () => {
      const { session } = await signInDemoUser('bo');
      const el = await mount(session);
      const contact = el.querySelector('tfa-contact-details')!;
      await found(() => contact.querySelector('[data-mobile]'));
      expect(text(contact.querySelector('[data-mobile]'))).to.contain('20 12 34 56');
      mustButton(contact, 'Change mobile number').click();
      const input = await found(() => contact.querySelector<HTMLInputElement>('input[type="tel"]'));
      expect(input.getAttribute('autocomplete')).to.equal('tel');
      expect(document.activeElement).to.equal(input);
      expect(contact.querySelector(`label[for="${input.id}"]`)).to.exist;

      // Not a number: said at the field, nothing sent.
      await sendKeys({ type: '12' });
      await sendKeys({ press: 'Enter' });
      await found(() => input.getAttribute('aria-invalid') === 'true');
      expect(text(contact.querySelector(`#${input.getAttribute('aria-describedby')!.split(' ')[1]}`))).to.contain('Enter a valid mobile number');
      input.select();
      await sendKeys({ type: '+45 31 31 31 31' });
      await sendKeys({ press: 'Enter' });
      const code = await found(() => contact.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]'), 'no code step');
      expect(text(contact)).to.contain('We sent a code by text message to');
      expect(document.activeElement).to.equal(code);
      const outbox = await control.outbox();
      const sms = outbox.at(-1)!;
      expect(sms.channel).to.equal('sms');
      expect(sms.to.replace(/\D/g, '')).to.contain('4531313131');
      // Still the old number before the code.
      expect((await api<{ mobile: string }>('GET', '/me/contact', { token: session.token })).body.mobile).to.contain('20 12 34 56');

      // A wrong code: a clear message, nothing changes.
      const wrong = sms.code === '000000' ? '111111' : '000000';
      await sendKeys({ type: wrong });
      await sendKeys({ press: 'Enter' });
      await found(() => code.getAttribute('aria-invalid') === 'true');
      expect(text(contact)).to.contain('That code is not correct.');

      code.select();
      await sendKeys({ type: `${sms.code!.slice(0, 3)} ${sms.code!.slice(3)}` });
      const changed = nextEvent(el, 'tfa-contact-change');
      await sendKeys({ press: 'Enter' });
      await changed;
      await found(() => contact.querySelector('[data-mobile]'));
      expect(text(contact.querySelector('[data-mobile]'))).to.contain('31 31 31 31');
      expect(text(contact)).to.contain('Your mobile number has been changed.');
      expect((await api<{ mobile: string }>('GET', '/me/contact', { token: session.token })).body.mobile).to.contain('31 31 31 31');
      // The SMS method now names the new number.
      await found(() => text(list(el).querySelector('li')).includes('31'), 'SMS method not updated');
    });

    it('Cancel leaves the number as it was', async () => {
      const { session } = await signInDemoUser('bo');
      const el = await mount(session);
      const contact = el.querySelector('tfa-contact-details')!;
      await found(() => contact.querySelector('[data-mobile]'));
      mustButton(contact, 'Change mobile number').click();
      await found(() => contact.querySelector('input[type="tel"]'));
      await sendKeys({ type: '+4540404040' });
      mustButton(contact, 'Cancel').click();
      await aTimeout(0);
      await found(() => contact.querySelector('[data-mobile]'));
      expect(document.activeElement).to.equal(button(contact, 'Change mobile number'));
      const outbox = await control.outbox();
      expect(outbox.some((m) => m.to.includes('40404040') || m.to.includes('40 40 40 40'))).to.equal(false);
    });
  });

  describe('offline', () => {
    const NO_CONNECTION = 'No connection. Check your network and try again.';
    const alerts = (root: ParentNode) => [...root.querySelectorAll('[role="alert"]')].map(text).filter(Boolean);

    it('says "No connection" in both sections but announces it once; "Try again" loads both', async () => {
      const { session } = await signInDemoUser('bo');
      let online = false;
      const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) =>
        online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
      const el = await fixture<TfaSettings>(html`<tfa-settings api-base="/api" .fetchImpl=${fetchImpl} .session=${session}></tfa-settings>`);
      const contact = el.querySelector('tfa-contact-details')!;
      await found(() => text(contact).includes(NO_CONNECTION), 'contact details never said it');
      await found(() => alerts(el).length > 0, 'nothing announced');
      expect(alerts(el)).to.deep.equal([NO_CONNECTION]);
      await expect(el).to.be.accessible();
      online = true;
      mustButton(el, 'Try again').click();
      await found(() => el.querySelectorAll('tfa-method-list li').length > 0, 'methods never loaded');
      await found(() => contact.querySelector('[data-mobile]'), 'contact details never loaded');
      expect(alerts(el)).to.deep.equal([]);
    });

    it('announces "No connection" when only the contact details could not be loaded', async () => {
      const { session } = await signInDemoUser('bo');
      const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) =>
        String(input).endsWith('/me/contact') ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)) as typeof fetch;
      const el = await fixture<TfaSettings>(html`<tfa-settings api-base="/api" .fetchImpl=${fetchImpl} .session=${session}></tfa-settings>`);
      await found(() => el.querySelectorAll('tfa-method-list li').length > 0, 'methods never loaded');
      await found(() => alerts(el).length > 0, 'the lost connection of the contact section was not announced');
      expect(alerts(el)).to.deep.equal([NO_CONNECTION]);
      expect(el.querySelector('tfa-contact-details [role="alert"]')?.textContent?.trim()).to.equal(NO_CONNECTION);
    });
  });

  describe('in Danish', () => {
    afterEach(async () => {
      document.documentElement.lang = 'en';
      await aTimeout(50);
    });

    it('uses the glossary words of the help pages', async () => {
      document.documentElement.lang = 'da';
      const { session } = await signInDemoUser('bo');
      const el = await mount(session);
      await found(() => text(el.querySelector('h2')) === 'Personlige indstillinger', 'not Danish');
      const headings = [...el.querySelectorAll('h3, h4')].map((h) => text(h));
      expect(headings).to.include.members(['To-faktor login', 'Mine godkendelsesmetoder', 'Kontaktoplysninger']);
      mustButton(el, 'Rediger').click();
      await found(() => el.querySelector('tfa-add-method h4'));
      expect(text(el.querySelector('tfa-add-method h4'))).to.equal('Tilføj ny godkendelsesmetode');
      expect(text(el)).to.contain('Primær metode');
      expect(button(el, 'Flyt op: E-mail')).to.exist;
      expect(text(el)).to.contain('Vi anbefaler, at du altid har mere end én godkendelsesmetode.');
      await expect(el).to.be.accessible();
    });
  });
});

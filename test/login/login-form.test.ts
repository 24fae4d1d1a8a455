import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/login-form/define.js';
import type { TfaLoginFormElement } from '../../src/components/login-form/login-form.js';
import { TfaActionEvent } from '../../src/events/action-event.js';
import { setLocale } from '../../src/internal/localize.js';

function byLabel(el: HTMLElement, text: string): HTMLInputElement {
  const label = [...el.querySelectorAll('label')].find((l) => l.textContent!.trim() === text);
  expect(label, `label "${text}"`).to.exist;
  return el.querySelector<HTMLInputElement>(`#${label!.htmlFor}`)!;
}
function button(el: HTMLElement, text: string): HTMLButtonElement {
  const found = [...el.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  expect(found, `button "${text}"`).to.exist;
  return found!;
}
function described(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ');
}
/** Collects every tfa-action fired during `ms` milliseconds. */
function collectActions(el: HTMLElement): TfaActionEvent[] {
  const seen: TfaActionEvent[] = [];
  el.addEventListener('tfa-action', (e) => seen.push(e as TfaActionEvent));
  return seen;
}

describe('<tfa-login-form>', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  describe('accessibility', () => {
    it('is accessible in the password flow', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form></tfa-login-form>`);
      await expect(el).to.be.accessible();
    });
    it('is accessible in the identifier-first flow', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form flow="identifier-first"></tfa-login-form>`);
      await expect(el).to.be.accessible();
    });
    it('is accessible with an error and while busy', async () => {
      const el = await fixture<TfaLoginFormElement>(
        html`<tfa-login-form busy .error=${{ code: 'invalid_credentials' }} username="anna"></tfa-login-form>`,
      );
      await expect(el).to.be.accessible();
    });
    it('is accessible with the required-field messages', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form></tfa-login-form>`);
      button(el, 'Log in').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('renders a form with Username, Password and "Log in" in the light DOM', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form></tfa-login-form>`);
      expect(el.shadowRoot).to.equal(null);
      expect(el.querySelector('.tfa form')).to.exist;
      expect(el.querySelector('h2')!.textContent!.trim()).to.equal('Log in');
      const user = byLabel(el, 'Username');
      const pass = byLabel(el, 'Password');
      expect(user.autocomplete).to.equal('username');
      expect(pass.autocomplete).to.equal('current-password');
      expect(pass.type).to.equal('password');
      expect(button(el, 'Log in').type).to.equal('submit');
      expect(el.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('');
    });
    it('identifier-first asks for the username only, with "Next"', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form flow="identifier-first"></tfa-login-form>`);
      byLabel(el, 'Username');
      expect(el.querySelector('input[type="password"]')).to.equal(null);
      button(el, 'Next');
      expect([...el.querySelectorAll('button')].some((b) => b.textContent!.trim() === 'Log in')).to.equal(false);
    });
    it('uses ids unique per instance (light DOM)', async () => {
      const wrap = await fixture(html`<div><tfa-login-form></tfa-login-form><tfa-login-form></tfa-login-form></div>`);
      const ids = [...wrap.querySelectorAll('[id]')].map((n) => n.id);
      expect(new Set(ids).size).to.equal(ids.length);
    });
  });

  describe('submitting', () => {
    it('sends the typed username and password when Enter is pressed', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form></tfa-login-form>`);
      byLabel(el, 'Username').focus();
      await sendKeys({ type: 'anna' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'demo1234' });
      const event = oneEvent(el, 'tfa-action');
      await sendKeys({ press: 'Enter' });
      const { action } = (await event) as unknown as TfaActionEvent;
      expect(action).to.deep.equal({ type: 'submit-credentials', username: 'anna', password: 'demo1234' });
    });
    it('identifier-first sends the username only', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form flow="identifier-first"></tfa-login-form>`);
      byLabel(el, 'Username').focus();
      await sendKeys({ type: '  anna ' });
      const event = oneEvent(el, 'tfa-action');
      await sendKeys({ press: 'Enter' });
      expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'submit-credentials', username: 'anna' });
    });
    it('ignores submits while busy', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form busy username="anna"></tfa-login-form>`);
      const seen = collectActions(el);
      byLabel(el, 'Password').focus();
      await sendKeys({ type: 'demo1234' });
      await sendKeys({ press: 'Enter' });
      button(el, 'Log in').click();
      await aTimeout(50);
      expect(seen).to.have.length(0);
      expect(button(el, 'Log in').getAttribute('aria-disabled')).to.equal('true');
      expect(el.textContent).to.contain('Checking…');
    });
  });

  describe('required fields', () => {
    it('says which field is empty, links the message and focuses it, without sending', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form></tfa-login-form>`);
      const seen = collectActions(el);
      button(el, 'Log in').click();
      await el.updateComplete;
      await aTimeout(0);
      const user = byLabel(el, 'Username');
      expect(seen).to.have.length(0);
      expect(user.getAttribute('aria-invalid')).to.equal('true');
      expect(described(user)).to.contain('Enter your username.');
      expect(described(byLabel(el, 'Password'))).to.contain('Enter your password.');
      expect(document.activeElement).to.equal(user);
    });
    it('asks only for the password when the username is filled', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form username="anna"></tfa-login-form>`);
      const seen = collectActions(el);
      button(el, 'Log in').click();
      await el.updateComplete;
      await aTimeout(0);
      expect(seen).to.have.length(0);
      expect(el.textContent).not.to.contain('Enter your username.');
      expect(el.textContent).to.contain('Enter your password.');
      expect(document.activeElement).to.equal(byLabel(el, 'Password'));
    });
    it('a username of spaces only is empty', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form flow="identifier-first"></tfa-login-form>`);
      const seen = collectActions(el);
      byLabel(el, 'Username').focus();
      await sendKeys({ type: '   ' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(seen).to.have.length(0);
      expect(el.textContent).to.contain('Enter your username.');
    });
    it('clears the message once the field is filled', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form flow="identifier-first"></tfa-login-form>`);
      button(el, 'Next').click();
      await el.updateComplete;
      byLabel(el, 'Username').focus();
      await sendKeys({ type: 'a' });
      await el.updateComplete;
      expect(el.textContent).not.to.contain('Enter your username.');
      expect(byLabel(el, 'Username').getAttribute('aria-invalid')).to.equal('false');
    });
  });

  describe('server errors', () => {
    it('invalid_credentials: one message, linked to both fields, announced; typed values kept', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form></tfa-login-form>`);
      byLabel(el, 'Username').focus();
      await sendKeys({ type: 'anna' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'wrong' });
      el.error = { code: 'invalid_credentials' };
      await el.updateComplete;
      const alert = el.querySelector('[role="alert"]')!;
      expect(alert.textContent!.trim()).to.equal('The username or password is not correct.');
      const user = byLabel(el, 'Username');
      const pass = byLabel(el, 'Password');
      expect(described(user)).to.contain('The username or password is not correct.');
      expect(described(pass)).to.contain('The username or password is not correct.');
      expect(user.getAttribute('aria-invalid')).to.equal('true');
      expect(user.value).to.equal('anna');
      expect(pass.value).to.equal('wrong');
    });
    it('locked_out shows how long to wait', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form .error=${{ code: 'locked_out', retryAfter: 840 }}></tfa-login-form>`);
      expect(el.querySelector('[role="alert"]')!.textContent).to.contain('Try again in 14 minutes');
      el.error = { code: 'locked_out', retryAfter: 45 };
      await el.updateComplete;
      expect(el.querySelector('[role="alert"]')!.textContent).to.contain('Try again in 45 seconds');
    });
    it('network_error has its own message', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form .error=${{ code: 'network_error' }}></tfa-login-form>`);
      expect(el.querySelector('[role="alert"]')!.textContent).to.contain('No connection');
      expect(byLabel(el, 'Username').getAttribute('aria-invalid')).to.equal('false');
    });
  });

  describe('language', () => {
    it('renders in Danish with the glossary words', async () => {
      await setLocale('da');
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form></tfa-login-form>`);
      byLabel(el, 'Brugernavn');
      byLabel(el, 'Adgangskode');
      button(el, 'Log ind');
      el.flow = 'identifier-first';
      await el.updateComplete;
      button(el, 'Næste');
    });
    it('re-renders when the language changes at run time', async () => {
      const el = await fixture<TfaLoginFormElement>(html`<tfa-login-form></tfa-login-form>`);
      button(el, 'Log in');
      await setLocale('da');
      await el.updateComplete;
      button(el, 'Log ind');
    });
  });
});

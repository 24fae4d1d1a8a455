import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/signed-in/define.js';
import type { TfaSignedInElement } from '../../src/components/signed-in/signed-in.js';
import type { TfaActionEvent } from '../../src/events/action-event.js';
import { setLocale } from '../../src/internal/localize.js';
import { button, text } from '../support/dom.js';

describe('<tfa-signed-in>', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('is accessible', async () => {
    const el = await fixture<TfaSignedInElement>(html`<tfa-signed-in display-name="Anna Andersen"></tfa-signed-in>`);
    await expect(el).to.be.accessible();
  });

  it('says who is signed in and offers "Log out"', async () => {
    const el = await fixture<TfaSignedInElement>(html`<tfa-signed-in display-name="Anna Andersen"></tfa-signed-in>`);
    expect(text(el.querySelector('h2'))).to.equal('You are signed in as Anna Andersen');
    button(el, 'Log out');
  });

  it('"Log out" with the keyboard asks to log out', async () => {
    const el = await fixture<TfaSignedInElement>(html`<tfa-signed-in display-name="Anna"></tfa-signed-in>`);
    button(el, 'Log out').focus();
    const event = oneEvent(el, 'tfa-action');
    await sendKeys({ press: 'Enter' });
    expect(((await event) as unknown as TfaActionEvent).action).to.deep.equal({ type: 'logout' });
  });

  it('ignores "Log out" while busy', async () => {
    const el = await fixture<TfaSignedInElement>(html`<tfa-signed-in display-name="Anna" busy></tfa-signed-in>`);
    let count = 0;
    el.addEventListener('tfa-action', () => count++);
    button(el, 'Log out').click();
    await aTimeout(10);
    expect(count).to.equal(0);
  });

  it('speaks Danish', async () => {
    await setLocale('da');
    const el = await fixture<TfaSignedInElement>(html`<tfa-signed-in display-name="Anna"></tfa-signed-in>`);
    expect(text(el.querySelector('h2'))).to.equal('Du er logget ind som Anna');
    button(el, 'Log ud');
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setLocale } from '../../src/internal/localize.js';
import { TfaLoginSuccessEvent } from '../../src/events/login-success-event.js';
import { TfaSessionChangeEvent } from '../../src/components/settings/session-change-event.js';
import { signIn } from '../../src/demo/demo-script.js';
import { DemoResetEvent } from '../../src/demo/phone-panel.js';
import '../../src/demo/portal.js';
import type { DemoPortal } from '../../src/demo/portal.js';
import { text } from '../support/dom.js';
import { useMockWorker } from '../support/mock-worker.js';
import { button, buttons } from './helpers.js';

function heading(el: HTMLElement): string {
  return text(el.querySelector('h1'));
}

async function portal(attrs: { flow?: 'password' | 'identifier-first'; syncUrl?: boolean } = {}): Promise<DemoPortal> {
  const el = await fixture<DemoPortal>(html`<demo-portal
    api-base="/api"
    flow=${attrs.flow ?? 'password'}
    ?sync-url=${attrs.syncUrl ?? false}
  ></demo-portal>`);
  await el.updateComplete;
  return el;
}

async function signedIn(el: DemoPortal) {
  const session = await signIn('anna');
  el.querySelector('tfa-login')!.dispatchEvent(new TfaLoginSuccessEvent(session));
  await waitUntil(() => el.querySelector('tfa-settings') !== null, 'settings are shown', { timeout: 8000 });
  return session;
}

describe('<demo-portal> (demo page)', () => {
  const startUrl = location.href;
  useMockWorker();

  beforeEach(async () => {
    document.documentElement.lang = 'en';
    await setLocale('en');
  });
  afterEach(async () => {
    history.replaceState(history.state, '', startUrl);
    document.documentElement.lang = 'en';
    await setLocale('en');
  });

  it('is accessible', async () => {
    const el = await portal();
    await expect(el).to.be.accessible();
  });

  describe('defaults', () => {
    it('has a banner, a main region and a footer around the widget', async () => {
      const el = await portal();
      expect(el.querySelector('header')).to.exist;
      expect(el.querySelector('main tfa-login')).to.exist;
      expect(el.querySelector('footer')).to.exist;
    });

    it('hosts <tfa-login> with the api base and the password flow, and the simulated phone', async () => {
      const el = await portal();
      const login = el.querySelector('tfa-login')!;
      expect(login.getAttribute('api-base')).to.equal('/api');
      expect(login.getAttribute('flow')).to.equal('password');
      expect(heading(el)).to.equal('Log in to Selvbetjening');
      expect(el.querySelector('demo-phone')).to.exist;
    });

    it('lists the demo users with the shared password', async () => {
      const el = await portal();
      const rows = [...el.querySelectorAll('.portal-users tbody tr')].map((r) => text(r.querySelector('th')));
      expect(rows).to.deep.equal(['anna', 'bo', 'carl', 'dorte', 'erik']);
      expect(text(el.querySelector('.portal-users'))).to.contain('demo1234');
    });

    it('starts in English with "English" pressed', async () => {
      const el = await portal();
      expect(button(el, 'English').getAttribute('aria-pressed')).to.equal('true');
      expect(button(el, 'Dansk').getAttribute('aria-pressed')).to.equal('false');
      expect(text(el.querySelector('#portal-lang-label'))).to.equal('Language');
    });
  });

  describe('identifier-first', () => {
    it('shows the "Log on" portal and asks the widget for the username-first flow', async () => {
      const el = await portal({ flow: 'identifier-first' });
      expect(heading(el)).to.equal('Log on');
      expect(el.querySelector('tfa-login')!.getAttribute('flow')).to.equal('identifier-first');
    });
  });

  describe('language switch', () => {
    it('switches page and widget to Danish at run time and back', async () => {
      const el = await portal();
      button(el, 'Dansk').click();
      await waitUntil(() => heading(el) === 'Log ind på Selvbetjening', 'the heading is Danish');
      expect(document.documentElement.lang).to.equal('da');
      expect(button(el, 'Dansk').getAttribute('aria-pressed')).to.equal('true');
      expect(text(el.querySelector('#portal-lang-label'))).to.equal('Sprog');
      expect(text(el.querySelector('.portal-users h2'))).to.equal('Demobrugere');
      await waitUntil(() => /Brugernavn/.test(text(el.querySelector('tfa-login'))), 'the widget is Danish');

      button(el, 'English').click();
      await waitUntil(() => heading(el) === 'Log in to Selvbetjening', 'the heading is English again');
      expect(document.documentElement.lang).to.equal('en');
    });

    it('keeps ?lang= in the address when it syncs the URL, and keeps other parameters', async () => {
      const el = await portal({ syncUrl: true });
      const before = new URL(location.href).searchParams;
      button(el, 'Dansk').click();
      await el.updateComplete;
      const after = new URL(location.href).searchParams;
      expect(after.get('lang')).to.equal('da');
      for (const [key, value] of before) if (key !== 'lang') expect(after.get(key)).to.equal(value);
    });

    it('leaves the address alone without sync-url', async () => {
      const el = await portal();
      const href = location.href;
      button(el, 'Dansk').click();
      await el.updateComplete;
      expect(location.href).to.equal(href);
    });
  });

  describe('after sign-in', () => {
    it('shows Personal settings and "Log out" instead of the sign-in', async () => {
      const el = await portal();
      const session = await signedIn(el);
      expect(heading(el)).to.equal(`Welcome, ${session.user.displayName}`);
      expect(el.querySelector('tfa-login')).to.equal(null);
      await waitUntil(() => [...el.querySelectorAll('tfa-settings h2')].some((h) => text(h) === 'Personal settings'), 'the settings heading', { timeout: 5000 });
      expect(buttons(el, 'Log out')).to.have.length(1);
      expect(document.activeElement).to.equal(el.querySelector('h1'));
    });

    it('hands a session renewed by a step-up back to the settings', async () => {
      const el = await portal();
      const session = await signedIn(el);
      const renewed = { ...session, authenticatedAt: new Date().toISOString() };
      el.querySelector('tfa-settings')!.dispatchEvent(new TfaSessionChangeEvent(renewed));
      await el.updateComplete;
      expect(el.querySelector('tfa-settings')!.session).to.equal(renewed);
    });

    it('ignores a success event without a session', async () => {
      const el = await portal();
      el.querySelector('tfa-login')!.dispatchEvent(new Event('tfa-login-success', { bubbles: true, composed: true }));
      await el.updateComplete;
      expect(heading(el)).to.equal('Log in to Selvbetjening');
    });

    it('"Log out" ends the session on the server and returns to the sign-in', async () => {
      const el = await portal();
      const session = await signedIn(el);
      button(el, 'Log out').click();
      await waitUntil(() => el.querySelector('tfa-login') !== null, 'back to sign-in');
      expect(text(el.querySelector('.portal-notice'))).to.equal('You are logged out.');
      const check = await fetch('/api/session', { headers: { Authorization: `Bearer ${session.token}` } });
      expect(check.status).to.equal(401);
    });

    it('returns to the sign-in when the demo data is reset', async () => {
      const el = await portal();
      await signedIn(el);
      el.querySelector('demo-phone')!.dispatchEvent(new DemoResetEvent());
      await waitUntil(() => el.querySelector('tfa-login') !== null, 'back to sign-in');
      expect(text(el.querySelector('.portal-notice'))).to.equal('Demo data was reset, so you were logged out.');
    });
  });
});

import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Transaction } from '../../src/internal/contract.js';
import { setLocale } from '../../src/internal/localize.js';
import { startAppSetup, startPasswordSignIn } from '../../src/demo/demo-script.js';
import '../../src/demo/phone-panel.js';
import type { DemoPhone } from '../../src/demo/phone-panel.js';
import { text } from '../support/dom.js';
import { useMockWorker } from '../support/mock-worker.js';
import { button, buttons, section } from './helpers.js';

/** A phone that does not poll by itself: each test calls `refresh()` when the mock changed. */
async function phone(): Promise<DemoPhone> {
  const el = await fixture<DemoPhone>(html`<demo-phone poll-interval="0"></demo-phone>`);
  await el.refresh();
  await el.updateComplete;
  return el;
}

async function refreshed(el: DemoPhone): Promise<ShadowRoot> {
  await el.refresh();
  await el.updateComplete;
  return el.shadowRoot!;
}

describe('<demo-phone> (simulated phone)', () => {
  const control = useMockWorker();

  beforeEach(async () => {
    await setLocale('en');
  });

  it('is accessible with messages, a push request and an app setup on it', async () => {
    await startPasswordSignIn('anna');
    await startPasswordSignIn('dorte');
    await startAppSetup('bo', 'entrust-soft-token');
    const el = await phone();
    expect(buttons(el.shadowRoot!, /^Approve with \d+$/)).to.have.length.greaterThan(0);
    expect(buttons(el.shadowRoot!, 'Complete setup')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  describe('defaults', () => {
    it('is a complementary landmark named "Simulated phone" with a heading', async () => {
      const el = await phone();
      const aside = el.shadowRoot!.querySelector('aside')!;
      expect(aside.getAttribute('aria-label')).to.equal('Simulated phone');
      expect(text(aside.querySelector('h2'))).to.equal('Simulated phone');
    });

    it('shows that nothing was sent and nothing waits', async () => {
      const root = (await phone()).shadowRoot!;
      expect(text(section(root, 'Messages'))).to.contain('No messages yet.');
      expect(text(section(root, 'Push requests'))).to.contain('No requests waiting.');
      expect(text(section(root, 'App setups'))).to.contain('No app setups waiting.');
    });

    it("shows carl's Google Authenticator with a 6-digit code and the seconds left", async () => {
      const apps = section((await phone()).shadowRoot!, 'Authenticator apps');
      const item = [...apps.querySelectorAll('li')].find((li) => text(li).includes('carl'));
      expect(item, 'an entry for carl').to.exist;
      expect(text(item)).to.contain('Google Authenticator');
      expect(text(item!.querySelector('.code'))).to.match(/^\d{6}$/);
      expect(text(item)).to.match(/changes in ([1-9]|[12]\d|30) s/);
    });

    it('speaks Danish when the page does', async () => {
      const el = await phone();
      await setLocale('da');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('aside')!.getAttribute('aria-label')).to.equal('Simuleret telefon');
      expect(text(section(el.shadowRoot!, 'Beskeder'))).to.contain('Ingen beskeder endnu.');
      expect(buttons(el.shadowRoot!, 'Nulstil demodata')).to.have.length(1);
    });
  });

  describe('messages', () => {
    it('lists the code the mock emailed, with the address it went to', async () => {
      const el = await phone();
      await startPasswordSignIn('anna');
      const [sent] = await control.outbox();
      expect(sent.code, 'the mock sent a code').to.match(/^\d{6}$/);
      const messages = section(await refreshed(el), 'Messages');
      const items = messages.querySelectorAll('li');
      expect(items).to.have.length(1);
      expect(text(items[0])).to.contain(`Email to ${sent.to}`);
      expect(text(items[0].querySelector('.code'))).to.equal(sent.code);
      expect(button(items[0], `Copy code ${sent.code}`)).to.exist;
    });

    it('lists the newest message first', async () => {
      const el = await phone();
      await startPasswordSignIn('anna');
      await startPasswordSignIn('bo');
      const items = section(await refreshed(el), 'Messages').querySelectorAll('li');
      expect(items).to.have.length(2);
      expect(text(items[0])).to.match(/^Text message to /);
      expect(text(items[1])).to.match(/^Email to /);
    });

    it('announces a new message in a polite live region, but not the ones already there', async () => {
      await startPasswordSignIn('anna');
      const el = await phone();
      const live = el.shadowRoot!.querySelector('[role="status"]')!;
      expect(live.getAttribute('aria-live')).to.equal('polite');
      expect(text(live)).to.equal('');
      await startPasswordSignIn('bo');
      await refreshed(el);
      const sms = (await control.outbox()).find((m) => m.channel === 'sms')!;
      expect(text(live)).to.equal(`New text message to ${sms.to}: code ${sms.code}.`);
    });

    it('copies the code with "Copy code"', async () => {
      await startPasswordSignIn('anna');
      const el = await phone();
      const [sent] = await control.outbox();
      let copied: string | undefined;
      const clipboard = navigator.clipboard as Clipboard & { writeText: (t: string) => Promise<void> };
      const original = Object.getOwnPropertyDescriptor(clipboard, 'writeText');
      clipboard.writeText = async (t: string) => { copied = t; };
      try {
        button(el.shadowRoot!, /^Copy code/).click();
        await waitUntil(() => copied !== undefined);
        await el.updateComplete;
      } finally {
        if (original) Object.defineProperty(clipboard, 'writeText', original);
        else delete (clipboard as { writeText?: unknown }).writeText;
      }
      expect(copied).to.equal(sent.code);
      expect(text(el.shadowRoot!.querySelector('.status'))).to.equal(`Code ${sent.code} copied.`);
    });

    it('says so when the code cannot be copied', async () => {
      await startPasswordSignIn('anna');
      const el = await phone();
      const clipboard = navigator.clipboard as Clipboard & { writeText: (t: string) => Promise<void> };
      clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
      try {
        button(el.shadowRoot!, /^Copy code/).click();
        await waitUntil(() => text(el.shadowRoot!.querySelector('.status')) !== '');
      } finally {
        delete (clipboard as { writeText?: unknown }).writeText;
      }
      expect(text(el.shadowRoot!.querySelector('.status'))).to.equal('Could not copy. Select the code and copy it yourself.');
    });
  });

  describe('push requests', () => {
    async function pushFor(username: string): Promise<{ tx: Transaction; el: DemoPhone; item: HTMLElement }> {
      const tx = await startPasswordSignIn(username);
      expect(tx.step.name).to.equal('push');
      const el = await phone();
      const item = section(el.shadowRoot!, 'Push requests').querySelector('li')!;
      expect(item, 'a pending request').to.exist;
      return { tx, el, item };
    }

    it('offers "Approve with" the number the sign-in screen shows, among others, and "Deny"', async () => {
      const { tx, item } = await pushFor('dorte');
      const shown = tx.step.name === 'push' ? tx.step.push.number : undefined;
      expect(shown, 'number matching is on').to.be.a('number');
      expect(text(item)).to.contain('PingID: sign-in request for dorte');
      const approve = buttons(item, /^Approve with \d+$/).map((b) => Number(text(b).replace('Approve with ', '')));
      expect(approve.length).to.be.greaterThan(1);
      expect(approve).to.include(shown);
      expect(buttons(item, 'Deny')).to.have.length(1);
    });

    it('approves the request with the right number', async () => {
      const { tx, el, item } = await pushFor('dorte');
      const shown = tx.step.name === 'push' ? tx.step.push.number : undefined;
      button(item, `Approve with ${shown}`).click();
      await waitUntil(async () => (await control.pushes())[0]?.status === 'approved', 'the mock marks it approved');
      await refreshed(el);
      expect(text(section(el.shadowRoot!, 'Push requests'))).to.contain('No requests waiting.');
      expect(text(el.shadowRoot!.querySelector('.status'))).to.equal(`Request approved with ${shown}.`);
    });

    it('a wrong number does not approve the request', async () => {
      const { tx, item } = await pushFor('dorte');
      const shown = tx.step.name === 'push' ? tx.step.push.number : undefined;
      const wrong = buttons(item, /^Approve with \d+$/).find((b) => text(b) !== `Approve with ${shown}`)!;
      wrong.click();
      await waitUntil(async () => (await control.pushes())[0]?.status !== 'pending', 'the mock decides');
      expect((await control.pushes())[0].status).to.equal('denied');
    });

    it('denies the request with "Deny"', async () => {
      const { el, item } = await pushFor('erik');
      expect(text(item)).to.contain('Entrust Soft Token: sign-in request for erik');
      button(item, 'Deny').click();
      await waitUntil(async () => (await control.pushes())[0]?.status === 'denied', 'the mock marks it denied');
      await refreshed(el);
      expect(text(section(el.shadowRoot!, 'Push requests'))).to.contain('No requests waiting.');
    });

    it('drops a request once it expired ("Advance clock 30 s")', async () => {
      const { el } = await pushFor('dorte');
      button(el.shadowRoot!, 'Advance clock 30 s').click();
      await waitUntil(async () => (await control.pushes())[0]?.status === 'expired', 'the mock expires it');
      await refreshed(el);
      expect(text(section(el.shadowRoot!, 'Push requests'))).to.contain('No requests waiting.');
    });
  });

  describe('app setups', () => {
    it('shows the Entrust activation password and completes the setup', async () => {
      const enrollment = await startAppSetup('anna', 'entrust-soft-token');
      const el = await phone();
      const item = section(el.shadowRoot!, 'App setups').querySelector('li')!;
      expect(text(item)).to.contain('Entrust Soft Token setup');
      expect(enrollment.activationPassword, 'Entrust has an activation password').to.be.a('string');
      expect(text(item)).to.contain(`Activation password: ${enrollment.activationPassword}`);
      button(item, 'Complete setup').click();
      await waitUntil(
        async () => !(await control.enrollments()).some((e) => e.id === enrollment.id),
        'the mock completes it',
      );
      await refreshed(el);
      expect(text(section(el.shadowRoot!, 'App setups'))).to.contain('No app setups waiting.');
    });
  });

  describe('demo controls', () => {
    it('"Reset demo data" empties the phone and tells the page', async () => {
      await startPasswordSignIn('anna');
      const el = await phone();
      expect(section(el.shadowRoot!, 'Messages').querySelectorAll('li')).to.have.length(1);
      const reset = oneEvent(el, 'demo-reset');
      button(el.shadowRoot!, 'Reset demo data').click();
      const event = await reset;
      expect(event.bubbles && event.composed).to.equal(true);
      await waitUntil(() => text(section(el.shadowRoot!, 'Messages')).includes('No messages yet.'));
      expect(await control.outbox()).to.have.length(0);
    });

    it('"Advance clock 5 min" makes an emailed code expire', async () => {
      const tx = await startPasswordSignIn('anna');
      const [sent] = await control.outbox();
      const el = await phone();
      button(el.shadowRoot!, 'Advance clock 5 min').click();
      await waitUntil(() => text(el.shadowRoot!.querySelector('.status')).includes('5 minutes'));
      const response = await fetch('/api/signin/code', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-TFA-CSRF': '1', Authorization: `Bearer ${tx.transactionToken}` },
        body: JSON.stringify({ code: sent.code }),
      });
      expect(response.status).to.equal(410);
      expect((await response.json()).code).to.equal('code_expired');
    });
  });

  describe('when the mock does not answer', () => {
    it('says so in an alert', async () => {
      const el = await phone();
      const realFetch = window.fetch;
      window.fetch = () => Promise.reject(new TypeError('offline'));
      try {
        await refreshed(el);
      } finally {
        window.fetch = realFetch;
      }
      expect(text(el.shadowRoot!.querySelector('[role="alert"]'))).to.equal('The mock backend is not answering.');
      await refreshed(el);
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    });
  });

  describe('polling', () => {
    it('picks up a new message by itself', async () => {
      const el = await fixture<DemoPhone>(html`<demo-phone poll-interval="100"></demo-phone>`);
      await aTimeout(150);
      await startPasswordSignIn('anna');
      await waitUntil(() => section(el.shadowRoot!, 'Messages').querySelectorAll('li').length === 1, 'the message appears');
    });
  });
});

import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/push-wait/define.js';
import type { TfaPushWait } from '../../src/components/push-wait/push-wait.js';
import { TfaActionEvent } from '../../src/events/action-event.js';
import { setLocale } from '../../src/internal/localize.js';
import { queryButton, text } from '../support/dom.js';
import { actions, describeEl, nextAction } from './helpers.js';
import { InProcessMock } from '../support/in-process.js';

/** Renders `<tfa-push-wait>` for the mock's current push step. */
async function render(s: InProcessMock, opts: { hasAlternatives?: boolean; recoveryAvailable?: boolean; busy?: boolean } = {}) {
  return fixture<TfaPushWait>(html`<tfa-push-wait
    .step=${s.pushStep()}
    .offsetMs=${s.offsetMs}
    .hasAlternatives=${opts.hasAlternatives ?? s.tx!.alternatives.length > 0}
    .recoveryAvailable=${opts.recoveryAvailable ?? s.tx!.recoveryAvailable}
    .busy=${opts.busy ?? false}
  ></tfa-push-wait>`);
}

/** Gives the element the latest transaction, as `<tfa-login>` does after each poll. */
async function update(el: TfaPushWait, s: InProcessMock) {
  el.step = s.pushStep();
  el.offsetMs = s.offsetMs;
  await el.updateComplete;
}

const button = queryButton;
const live = (el: HTMLElement) => el.querySelector<HTMLElement>('[role="status"]')!;
const timer = (el: HTMLElement) => el.querySelector<HTMLElement>('[part~="timer"]');

async function dorte(config = {}) {
  const s = new InProcessMock(config);
  await s.signIn('dorte');
  return s;
}

describe('<tfa-push-wait>', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  describe('accessibility', () => {
    it('is accessible while waiting', async () => {
      const el = await render(await dorte());
      await expect(el).to.be.accessible();
    });

    it('is accessible when denied, with an error, and with no retries left', async () => {
      const s = await dorte({ maxPushesPerTransaction: 1 });
      const [push] = await s.control.pushes();
      await s.control.denyPush(push.id);
      await s.poll();
      const el = await render(s);
      el.error = { code: 'too_many_pushes' };
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('is accessible when expired', async () => {
      const s = await dorte();
      await s.control.advanceClock(26);
      await s.poll();
      const el = await render(s);
      await expect(el).to.be.accessible();
    });

    it('moves focus to its heading when it appears', async () => {
      const el = await render(await dorte());
      expect(describeEl(document.activeElement)).to.equal(describeEl(el.querySelector('h2')));
      expect(text(el.querySelector('h2')!)).to.equal('Approve on your phone');
    });
  });

  describe('defaults', () => {
    it('renders a heading and no buttons without a step', async () => {
      const el = await fixture<TfaPushWait>(html`<tfa-push-wait></tfa-push-wait>`);
      expect(el.querySelector('.tfa h2')).to.exist;
      expect(el.querySelectorAll('button').length).to.equal(0);
      expect(el.hasAlternatives).to.be.false;
      expect(el.recoveryAvailable).to.be.false;
      expect(el.busy).to.be.false;
      expect(el.error).to.equal(null);
    });
  });

  describe('waiting for approval', () => {
    it('names the app and shows the number the mock expects, labelled', async () => {
      const s = await dorte();
      const el = await render(s);
      const [push] = await s.control.pushes();
      expect(push.number).to.be.a('number');
      expect(text(el)).to.contain(
        'We sent a notification to your phone. Open PingID and approve with your face, fingerprint or PIN.',
      );
      const dl = el.querySelector('dl')!;
      expect(text(dl.querySelector('dt')!)).to.equal('Pick this number in the app');
      expect(text(dl.querySelector('dd')!)).to.equal(String(push.number));
    });

    it('names Entrust Identity for an Entrust Soft Token push', async () => {
      const s = new InProcessMock();
      await s.signIn('erik');
      const el = await render(s);
      expect(text(el)).to.contain('Open Entrust Identity and approve');
    });

    it('offers Retry mobile while pending, as a secondary button', async () => {
      const el = await render(await dorte());
      const retry = button(el, 'Retry mobile')!;
      expect(retry).to.exist;
      expect(retry.classList.contains('tfa-primary')).to.be.false;
    });
  });

  describe('countdown', () => {
    it('shows the time left in the server clock and counts down every second', async () => {
      const s = await dorte();
      const el = await render(s);
      expect(text(timer(el)!)).to.match(/^2[45] seconds left$/);
      await s.control.advanceClock(15); // the mock's clock is now ahead of the browser's
      await s.poll();
      await update(el, s);
      expect(text(timer(el)!)).to.match(/^(9|10) seconds left$/);
      const before = text(timer(el)!);
      await aTimeout(1100);
      expect(text(timer(el)!)).to.not.equal(before);
    });

    it('reads as expired when the countdown reaches zero, with Retry mobile as the primary action', async () => {
      const s = await dorte();
      await s.control.advanceClock(23);
      await s.poll();
      const el = await render(s);
      expect(text(el)).to.not.contain('The request to your phone has expired.');
      await waitUntil(() => text(el).includes('The request to your phone has expired.'), 'never expired', { timeout: 4000 });
      expect(describeEl(timer(el))).to.equal('nothing');
      expect(describeEl(el.querySelector('dl'))).to.equal('nothing');
      expect(button(el, 'Retry mobile')!.classList.contains('tfa-primary')).to.be.true;
    });

    it('shows the server’s expired status', async () => {
      const s = await dorte();
      await s.control.advanceClock(26);
      await s.poll();
      expect(s.pushStep().push.status).to.equal('expired');
      const el = await render(s);
      expect(text(el)).to.contain('The request to your phone has expired.');
      expect(text(el)).to.contain('Select Retry mobile to send a new notification to your phone.');
    });
  });

  describe('denied', () => {
    it('says so clearly and offers a way on', async () => {
      const s = await dorte();
      const [push] = await s.control.pushes();
      await s.control.denyPush(push.id);
      await s.poll();
      const el = await render(s);
      expect(text(el)).to.contain('The request was denied on your phone.');
      expect(describeEl(el.querySelector('dl'))).to.equal('nothing');
      expect(button(el, 'Retry mobile')!.classList.contains('tfa-primary')).to.be.true;
      expect(button(el, 'Forgot your device?')).to.exist;
    });
  });

  describe('live region', () => {
    it('announces the request once when sent, and not every second', async () => {
      const s = await dorte();
      const el = await render(s);
      const [push] = await s.control.pushes();
      await waitUntil(() => text(live(el)) !== '', 'nothing announced');
      expect(text(live(el))).to.equal(`A notification was sent to your phone. Pick ${push.number} in the app.`);
      let changes = 0;
      const observer = new MutationObserver(() => changes++);
      observer.observe(live(el), { childList: true, characterData: true, subtree: true });
      const shown = text(timer(el)!);
      await aTimeout(2200);
      observer.disconnect();
      expect(text(timer(el)!)).to.not.equal(shown); // the visual countdown moved on
      expect(changes).to.equal(0); // the live region did not
      // A poll answering the same push does not repeat it either.
      await s.poll();
      await update(el, s);
      expect(text(live(el))).to.equal(`A notification was sent to your phone. Pick ${push.number} in the app.`);
    });

    it('announces 10 seconds left once, then the expiry', async () => {
      const s = await dorte();
      const el = await render(s);
      await waitUntil(() => text(live(el)) !== '');
      await s.control.advanceClock(14); // 11 s left
      await s.poll();
      await update(el, s);
      expect(text(live(el))).to.contain('A notification was sent');
      await waitUntil(() => text(live(el)).includes('seconds left to approve'), 'no reminder', { timeout: 3000 });
      expect(text(live(el))).to.match(/^(10|9) seconds left to approve on your phone\.$/);
      const reminder = text(live(el));
      await aTimeout(1100);
      expect(text(live(el))).to.equal(reminder);
      await s.control.advanceClock(11);
      await s.poll();
      await update(el, s);
      expect(text(live(el))).to.equal('The request to your phone has expired.');
    });

    it('announces a denial and an approval', async () => {
      const s = await dorte();
      const el = await render(s);
      const [push] = await s.control.pushes();
      await s.control.denyPush(push.id);
      await s.poll();
      await update(el, s);
      expect(text(live(el))).to.equal('The request was denied on your phone.');

      const s2 = await dorte();
      const el2 = await render(s2);
      const [push2] = await s2.control.pushes();
      el2.step = { ...s2.pushStep(), push: { ...s2.pushStep().push, status: 'approved' } };
      await el2.updateComplete;
      await waitUntil(() => text(live(el2)) !== '');
      expect(text(live(el2))).to.equal('Approved on your phone. Signing you in.');
      expect(el2.querySelectorAll('button').length).to.equal(0);
      expect(push2.id).to.equal(s2.pushStep().push.id);
    });

    it('announces a new request after Retry mobile', async () => {
      const s = await dorte();
      const el = await render(s);
      await waitUntil(() => text(live(el)) !== '');
      const firstId = s.pushStep().push.id;
      await s.call('POST', '/signin/push/retry');
      const second = s.pushStep().push;
      expect(second.id).to.not.equal(firstId);
      await update(el, s);
      // (When the new number happens to equal the old one, the region is emptied for one render
      // and written again, so it is still announced.)
      const expected = `A notification was sent to your phone. Pick ${second.number} in the app.`;
      await waitUntil(() => text(live(el)) === expected, `live region: "${text(live(el))}"`);
      expect(text(el.querySelector('dd')!)).to.equal(String(second.number));
    });
  });

  describe('live region with a repeated text', () => {
    it('empties the region for one render and writes it again, so it is announced anew', async () => {
      const s = await dorte();
      const el = await render(s);
      await waitUntil(() => text(live(el)) !== '');
      const said = text(live(el));
      const seen: string[] = [];
      const observer = new MutationObserver(() => seen.push(text(live(el))));
      observer.observe(live(el), { childList: true, characterData: true, subtree: true });
      const step = s.pushStep();
      el.step = { ...step, push: { ...step.push, id: `${step.push.id}-again` } }; // same number
      await waitUntil(() => seen.length >= 2, 'not rewritten');
      observer.disconnect();
      expect(seen[0]).to.equal('');
      expect(seen.at(-1)).to.equal(said);
    });
  });

  describe('actions', () => {
    it('fires retry-push, change-device and forgot-device on click', async () => {
      const s = new InProcessMock();
      await s.signIn('erik');
      const el = await render(s);
      const seen = actions(el);
      button(el, 'Retry mobile')!.click();
      button(el, 'Change Device')!.click();
      button(el, 'Forgot your device?')!.click();
      expect(seen.map((a) => a.type)).to.deep.equal(['retry-push', 'change-device', 'forgot-device']);
    });

    it('fires the actions from the keyboard', async () => {
      const s = new InProcessMock();
      await s.signIn('erik');
      const el = await render(s);
      // Focus starts on the heading; Tab reaches Retry mobile first.
      await sendKeys({ press: 'Tab' });
      expect(describeEl(document.activeElement)).to.equal(describeEl(button(el, 'Retry mobile')));
      let event = nextAction(el);
      await sendKeys({ press: 'Enter' });
      expect((await event).type).to.equal('retry-push');
      await sendKeys({ press: 'Tab' });
      event = nextAction(el);
      await sendKeys({ press: 'Space' });
      expect((await event).type).to.equal('change-device');
      await sendKeys({ press: 'Tab' });
      event = nextAction(el);
      await sendKeys({ press: 'Enter' });
      expect((await event).type).to.equal('forgot-device');
    });

    it('the event bubbles out of the element and crosses shadow roots', async () => {
      const el = await render(await dorte());
      const event = oneEvent(document, 'tfa-action');
      button(el, 'Retry mobile')!.click();
      const e = await event;
      expect(e instanceof TfaActionEvent).to.be.true;
      expect(e.bubbles && e.composed).to.be.true;
    });

    it('fires nothing while busy, and keeps the buttons focusable', async () => {
      const el = await render(await dorte(), { busy: true, hasAlternatives: true, recoveryAvailable: true });
      const seen = actions(el);
      for (const b of el.querySelectorAll('button')) {
        expect(b.getAttribute('aria-disabled')).to.equal('true');
        expect(b.disabled).to.be.false;
        b.click();
      }
      expect(el.querySelectorAll('button').length).to.equal(3);
      expect(seen).to.deep.equal([]);
      el.busy = false;
      await el.updateComplete;
      button(el, 'Retry mobile')!.click();
      expect(seen.map((a) => a.type)).to.deep.equal(['retry-push']);
    });
  });

  describe('which buttons are offered', () => {
    it('hides Change Device without alternatives and Forgot your device? without recovery', async () => {
      const el = await render(await dorte(), { hasAlternatives: false, recoveryAvailable: false });
      expect(describeEl(button(el, 'Change Device'))).to.equal('nothing');
      expect(describeEl(button(el, 'Forgot your device?'))).to.equal('nothing');
      expect(button(el, 'Retry mobile')).to.exist;
    });

    it('shows Change Device and Forgot your device? when allowed', async () => {
      const el = await render(await dorte(), { hasAlternatives: true, recoveryAvailable: true });
      expect(button(el, 'Change Device')).to.exist;
      expect(button(el, 'Forgot your device?')).to.exist;
    });

    it('offers no retry when no retries are left, says so and points to the other ways', async () => {
      const s = await dorte({ maxPushesPerTransaction: 1 });
      expect(s.pushStep().push.retriesLeft).to.equal(0);
      const el = await render(s, { hasAlternatives: true, recoveryAvailable: true });
      expect(describeEl(button(el, 'Retry mobile'))).to.equal('nothing');
      expect(text(el)).to.contain('No more notifications can be sent to your phone in this sign-in.');
      expect(text(el)).to.contain('Use Change Device or Forgot your device? to sign in another way.');
      el.hasAlternatives = false;
      await el.updateComplete;
      expect(text(el)).to.contain('Use Forgot your device? to get a code by email instead.');
      expect(text(el)).to.not.contain('Change Device');
    });

    it('says nothing about retries while some are left', async () => {
      const el = await render(await dorte());
      expect(describeEl(el.querySelector('[data-no-retries]'))).to.equal('nothing');
    });
  });

  describe('errors', () => {
    it('shows the message for the error code, announced and linked to Retry mobile', async () => {
      const el = await render(await dorte());
      const alert = el.querySelector('[role="alert"]')!;
      expect(text(alert)).to.equal('');
      el.error = { code: 'too_many_pushes' };
      await el.updateComplete;
      expect(text(alert)).to.equal('Too many requests to your phone. Choose another method or start again.');
      expect(button(el, 'Retry mobile')!.getAttribute('aria-describedby')).to.equal(alert.id);
      el.error = null;
      await el.updateComplete;
      expect(text(alert)).to.equal('');
      expect(button(el, 'Retry mobile')!.hasAttribute('aria-describedby')).to.be.false;
    });
  });

  describe('Danish', () => {
    it('renders the glossary words in Danish', async () => {
      const s = await dorte();
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="da"><tfa-push-wait
        .step=${s.pushStep()} .offsetMs=${s.offsetMs} has-alternatives recovery-available
      ></tfa-push-wait></div>`);
      const el = wrapper.querySelector('tfa-push-wait')!;
      await waitUntil(() => text(el.querySelector('h2')!) === 'Godkend på din telefon', 'not Danish');
      expect(text(el)).to.contain('Åbn PingID, og godkend med ansigtsgenkendelse, fingeraftryk eller pinkode.');
      expect(text(el.querySelector('dt')!)).to.equal('Vælg dette tal i appen');
      expect(text(timer(el)!)).to.match(/sekunder tilbage$/);
      expect(button(el, 'Prøv mobilen igen')).to.exist;
      expect(button(el, 'Skift enhed')).to.exist;
      expect(button(el, 'Glemt din enhed?')).to.exist;
      await expect(el).to.be.accessible();
    });
  });
});

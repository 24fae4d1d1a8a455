import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TfaLoginElement } from '../../src/components/login/login.js';
import type { TfaLoginFailureEvent } from '../../src/events/login-failure-event.js';
import type { TfaLoginStep } from '../../src/events/step-change-event.js';
import { setLocale } from '../../src/internal/localize.js';
import '../../src/tfa-login.js';
import { mockControl } from '../../mock-server/control-client.js';
import { alertText, button, byLabel, queryButton, text } from '../support/dom.js';
import { HANG_MS, startFaultyMock, type FaultKind, type FaultyMock } from './harness.js';

/**
 * <tfa-login> under faults, against the real mock backend behind MSW with faults armed in front.
 * For every fault and every step where it can happen (password submit, code submit, resend):
 * a clear message, what was typed stays, one request however often the person clicks or presses
 * Enter while busy, and a retry that works once the fault clears.
 */

const TIMEOUT_MS = 1000;

let mock: FaultyMock;
/** The mock's control API (`/__mock/*` is answered by the faulty worker's backend, never faulted). */
const control = mockControl();
const outboxSize = async () => (await control.outbox()).length;

async function login(lang = 'en'): Promise<TfaLoginElement> {
  const el = await fixture<TfaLoginElement>(html`<tfa-login lang=${lang}></tfa-login>`);
  await el.updateComplete;
  return el;
}

async function settled(el: TfaLoginElement): Promise<void> {
  await waitUntil(() => !el.controller.busy, 'the call to finish', { timeout: HANG_MS + 2000 });
  await el.updateComplete;
  const child = el.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('.tfa-login > div > *');
  await child?.updateComplete;
}

async function shows(el: TfaLoginElement, step: TfaLoginStep): Promise<void> {
  await waitUntil(() => el.controller.step === step && !el.controller.busy, `step ${step} (now ${el.controller.step})`, { timeout: 8000 });
  await settled(el);
}

async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: value });
}

/** Clicks `name` twice at once, then presses Enter in `field` (or on the button): all while the first call runs. */
async function hammer(el: TfaLoginElement, name: string, field?: HTMLInputElement): Promise<void> {
  const target = button(el, name);
  target.click();
  target.click();
  await el.updateComplete;
  expect(el.controller.busy, 'busy after the first click').to.equal(true);
  (field ?? button(el, name)).focus();
  await sendKeys({ press: 'Enter' });
}

function failures(el: HTMLElement): string[] {
  const seen: string[] = [];
  el.addEventListener('tfa-login-failure', (e) => seen.push((e as TfaLoginFailureEvent).code));
  return seen;
}

/** Signs anna in up to the code step (fault-free). */
async function toCodeStep(el: TfaLoginElement): Promise<void> {
  await typeInto(byLabel(el, 'Username'), 'anna');
  await typeInto(byLabel(el, 'Password'), 'demo1234');
  await sendKeys({ press: 'Enter' });
  await shows(el, 'verify-code');
}

interface StepCase {
  name: string;
  route: string;
  /** Brings the widget to the point where the action is one click away; types something. */
  prepare(el: TfaLoginElement): Promise<void>;
  /** Presses the action's button (twice) and Enter while busy. */
  act(el: TfaLoginElement): Promise<void>;
  /** What the person typed is still there. */
  kept(el: TfaLoginElement): void;
  /** The action succeeds once the fault has cleared. */
  retry(el: TfaLoginElement): Promise<void>;
}

const steps: StepCase[] = [
  {
    name: 'password submit',
    route: 'POST /signin/password',
    async prepare(el) {
      await typeInto(byLabel(el, 'Username'), 'anna');
      await typeInto(byLabel(el, 'Password'), 'demo1234');
    },
    act: (el) => hammer(el, 'Log in', byLabel(el, 'Password')),
    kept(el) {
      expect(byLabel(el, 'Username').value).to.equal('anna');
      expect(byLabel(el, 'Password').value).to.equal('demo1234');
    },
    async retry(el) {
      button(el, 'Log in').click();
      await shows(el, 'verify-code');
      expect(text(el.querySelector('h2'))).to.equal('Enter OTP');
    },
  },
  {
    name: 'code submit',
    route: 'POST /signin/code',
    async prepare(el) {
      await toCodeStep(el);
      await typeInto(byLabel(el, 'One-time code'), await control.lastCode());
    },
    act: (el) => hammer(el, 'Sign On', byLabel(el, 'One-time code')),
    kept(el) {
      expect(byLabel(el, 'One-time code').value).to.match(/^\d{6}$/);
    },
    async retry(el) {
      expect(byLabel(el, 'One-time code').value).to.equal(await control.lastCode());
      button(el, 'Sign On').click();
      await shows(el, 'signed-in');
      expect(text(el)).to.contain('You are signed in as');
    },
  },
  {
    name: 'resend',
    route: 'POST /signin/resend',
    async prepare(el) {
      await control.updateConfig({ resendCooldownSeconds: 0 });
      await toCodeStep(el);
      await typeInto(byLabel(el, 'One-time code'), '12');
    },
    act: (el) => hammer(el, 'Resend Passcode'),
    kept(el) {
      expect(byLabel(el, 'One-time code').value).to.equal('12');
    },
    async retry(el) {
      const before = await outboxSize();
      button(el, 'Resend Passcode').click();
      await waitUntil(() => text(el).includes('A new code has been sent.'), 'code sent notice');
      expect(await outboxSize()).to.equal(before + 1);
      expect(alertText(el)).to.equal('');
      expect(byLabel(el, 'One-time code').value).to.equal('12');
    },
  },
];

interface FaultCase {
  name: string;
  kind: FaultKind;
  code: string;
  message: string;
}

const faults: FaultCase[] = [
  { name: 'offline (fetch rejects)', kind: 'offline', code: 'network_error', message: 'No connection. Check your network and try again.' },
  { name: 'a hung request (timeout)', kind: 'hang', code: 'timeout', message: 'The server took too long to answer. Try again.' },
  { name: '500 with a problem body', kind: 'server-error', code: 'server_error', message: 'Something went wrong on our side. Try again in a moment.' },
  { name: "502 with a proxy's HTML page", kind: 'bad-gateway-html', code: 'server_error', message: 'Something went wrong on our side. Try again in a moment.' },
  { name: 'a 200 with malformed JSON', kind: 'malformed-json', code: 'bad_response', message: 'The server sent an answer we could not read. Try again.' },
  { name: 'a 200 with an HTML page (captive portal)', kind: 'html-200', code: 'bad_response', message: 'The server sent an answer we could not read. Try again.' },
  { name: 'a 200 that is not a Transaction', kind: 'not-a-transaction', code: 'bad_response', message: 'The server sent an answer we could not read. Try again.' },
  { name: 'a 200 Transaction without its step details', kind: 'half-transaction', code: 'bad_response', message: 'The server sent an answer we could not read. Try again.' },
];

describe('<tfa-login> under faults', function () {
  this.timeout(30000);

  before(async () => {
    mock = await startFaultyMock();
  });
  after(async () => {
    await mock.stop();
  });
  beforeEach(async () => {
    await control.reset();
    mock.clear();
    await setLocale('en');
    document.documentElement.lang = 'en';
  });

  describe('accessibility', () => {
    it('is accessible with a fault message on the form and on the code step', async () => {
      const el = await login();
      mock.arm('POST /signin/password', 'offline');
      await typeInto(byLabel(el, 'Username'), 'anna');
      await typeInto(byLabel(el, 'Password'), 'demo1234');
      button(el, 'Log in').click();
      await settled(el);
      expect(alertText(el)).to.not.equal('');
      await expect(el).to.be.accessible();
      button(el, 'Log in').click();
      await shows(el, 'verify-code');
      mock.arm('POST /signin/code', 'server-error');
      await typeInto(byLabel(el, 'One-time code'), '123456');
      button(el, 'Sign On').click();
      await settled(el);
      expect(alertText(el)).to.not.equal('');
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('gives up after 15 s unless timeout-ms says otherwise', async () => {
      const el = await login();
      expect(el.timeoutMs).to.equal(15000);
      const short = await fixture<TfaLoginElement>(html`<tfa-login timeout-ms="500"></tfa-login>`);
      expect(short.timeoutMs).to.equal(500);
    });
  });

  for (const step of steps) {
    describe(`at ${step.name}`, () => {
      for (const fault of faults) {
        it(`${fault.name}: "${fault.message}", input kept, one request, retry works`, async () => {
          const el = await login();
          if (fault.kind === 'hang') el.timeoutMs = TIMEOUT_MS;
          const seen = failures(el);
          await step.prepare(el);
          const shownBefore = el.controller.step;
          mock.arm(step.route, fault.kind);
          const started = Date.now();
          await step.act(el);
          await settled(el);
          const took = Date.now() - started;

          expect(mock.count(step.route), 'requests while busy').to.equal(1);
          expect(seen).to.deep.equal([fault.code]);
          expect(alertText(el)).to.equal(fault.message);
          expect(el.controller.step, 'still at the same step').to.equal(shownBefore);
          step.kept(el);
          if (fault.kind === 'hang') {
            expect(took, 'gave up after timeout-ms').to.be.within(TIMEOUT_MS - 50, HANG_MS - 500);
          }

          await step.retry(el);
          expect(mock.count(step.route), 'one more request for the retry').to.equal(2);
        });
      }
    });
  }

  describe('429 with Retry-After', () => {
    it('at password submit: locked out, the seconds from the header, input kept, one request', async () => {
      const el = await login();
      const seen = failures(el);
      await steps[0].prepare(el);
      mock.arm('POST /signin/password', 'locked-out', { retryAfter: 42 });
      await steps[0].act(el);
      await settled(el);
      expect(mock.count('POST /signin/password')).to.equal(1);
      expect(seen).to.deep.equal(['locked_out']);
      expect(alertText(el)).to.equal('Too many failed sign-ins. Try again in 42 seconds.');
      steps[0].kept(el);
      await steps[0].retry(el);
    });

    it('at resend: the seconds from the header, counted down on the Resend button', async () => {
      const el = await login();
      const seen = failures(el);
      await steps[2].prepare(el);
      mock.arm('POST /signin/resend', 'resend-too-soon', { retryAfter: 17 });
      await steps[2].act(el);
      await settled(el);
      expect(mock.count('POST /signin/resend')).to.equal(1);
      expect(seen).to.deep.equal(['resend_too_soon']);
      expect(alertText(el)).to.equal('You can send a new code in 17 seconds.');
      expect(text(el)).to.match(/You can send a new code in 1[67] s/);
      expect(button(el, 'Resend Passcode').getAttribute('aria-disabled')).to.equal('true');
      steps[2].kept(el);
      // While the countdown runs, Resend sends nothing.
      button(el, 'Resend Passcode').click();
      await settled(el);
      expect(mock.count('POST /signin/resend')).to.equal(1);
    });

    it("at code submit: a gateway's 429 without a problem body reports the header's seconds, input kept, retry works", async () => {
      const el = await login();
      const seen = failures(el);
      await steps[1].prepare(el);
      mock.arm('POST /signin/code', 'rate-limited', { retryAfter: 20 });
      await steps[1].act(el);
      await settled(el);
      expect(mock.count('POST /signin/code')).to.equal(1);
      expect(seen).to.deep.equal(['rate_limited']);
      expect(el.controller.error).to.deep.include({ code: 'rate_limited', retryAfter: 20 });
      expect(alertText(el)).to.equal('Too many requests. Try again in 20 seconds.');
      steps[1].kept(el);
      await steps[1].retry(el);
    });
  });

  describe('the sign-in expires mid-flow', () => {
    for (const [name, expire, code] of [
      ['forgotten by the server (transaction_not_found)', () => control.reset(), 'transaction_not_found'],
      ['past its lifetime (transaction_expired)', () => control.advanceClock(901), 'transaction_expired'],
    ] as const) {
      for (const step of [steps[1], steps[2]]) {
        it(`${name} at ${step.name}: "Start again" keeps the username and signs in`, async () => {
          const el = await login();
          const seen = failures(el);
          await step.prepare(el);
          await expire();
          await step.act(el);
          await shows(el, 'ended');
          expect(mock.count(step.route)).to.equal(1);
          expect(seen).to.deep.equal([code]);
          expect(alertText(el)).to.equal('Your sign-in has timed out. Start again.');
          expect(queryButton(el, 'Sign On')).to.equal(undefined);

          button(el, 'Start again').click();
          await shows(el, 'credentials');
          expect(byLabel(el, 'Username').value).to.equal('anna');
          expect(document.activeElement).to.equal(byLabel(el, 'Password'));
          await typeInto(byLabel(el, 'Password'), 'demo1234');
          await sendKeys({ press: 'Enter' });
          await shows(el, 'verify-code');
          await typeInto(byLabel(el, 'One-time code'), await control.lastCode());
          await sendKeys({ press: 'Enter' });
          await shows(el, 'signed-in');
        });
      }
    }
  });

  describe('in Danish', () => {
    it('offline at password submit: Danish message, input kept, retry works', async () => {
      const el = await login('da');
      await waitUntil(() => queryButton(el, 'Log ind') !== undefined, 'Danish form');
      await typeInto(byLabel(el, 'Brugernavn'), 'anna');
      await typeInto(byLabel(el, 'Adgangskode'), 'demo1234');
      mock.arm('POST /signin/password', 'offline');
      await hammer(el, 'Log ind', byLabel(el, 'Adgangskode'));
      await settled(el);
      expect(mock.count('POST /signin/password')).to.equal(1);
      expect(alertText(el)).to.equal('Ingen forbindelse. Tjek dit netværk, og prøv igen.');
      expect(byLabel(el, 'Brugernavn').value).to.equal('anna');
      expect(byLabel(el, 'Adgangskode').value).to.equal('demo1234');
      button(el, 'Log ind').click();
      await shows(el, 'verify-code');
      expect(text(el.querySelector('h2'))).to.equal('Indtast engangskode');
    });

    it('a timeout at code submit, then the sign-in expired: Danish messages and "Start forfra"', async () => {
      const el = await login('da');
      el.timeoutMs = TIMEOUT_MS;
      await waitUntil(() => queryButton(el, 'Log ind') !== undefined, 'Danish form');
      await typeInto(byLabel(el, 'Brugernavn'), 'anna');
      await typeInto(byLabel(el, 'Adgangskode'), 'demo1234');
      await sendKeys({ press: 'Enter' });
      await shows(el, 'verify-code');
      await typeInto(byLabel(el, 'Engangskode'), await control.lastCode());
      mock.arm('POST /signin/code', 'hang');
      await hammer(el, 'Log på', byLabel(el, 'Engangskode'));
      await settled(el);
      expect(alertText(el)).to.equal('Serveren svarede ikke i tide. Prøv igen.');
      await control.advanceClock(901);
      button(el, 'Log på').click();
      await shows(el, 'ended');
      expect(alertText(el)).to.equal('Dit login er udløbet. Start forfra.');
      button(el, 'Start forfra');
      expect(mock.count('POST /signin/code')).to.equal(2);
    });
  });
});

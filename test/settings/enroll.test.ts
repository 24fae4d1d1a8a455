/**
 * Flow 8 (add a method) against the mock backend in MSW's service worker: the TOTP wizard end to
 * end (QR, key, wrong code, cancel, success, next sign-in), PingID and Entrust Soft Token.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { generate } from 'otplib';
import QRCode from 'qrcode';
import { signInDemoUser } from '../../mock-server/control-client.js';
import '../../src/tfa-settings.js';
import type { TfaAddMethod } from '../../src/components/add-method/add-method.js';
import type { TfaAppEnroll } from '../../src/components/app-enroll/app-enroll.js';
import type { TfaSettings } from '../../src/components/settings/settings.js';
import { QUIET_ZONE } from '../../src/components/totp-wizard/qr.js';
import type { TfaTotpWizard } from '../../src/components/totp-wizard/totp-wizard.js';
import type { Enrollment, Session, Transaction } from '../../src/internal/contract.js';
import { text } from '../support/dom.js';
import { useMockWorker } from '../support/mock-worker.js';
import { api, button, found, listedNames, mustButton, nextEvent, serverMethods } from './helpers.js';

async function mount(session: Session): Promise<TfaSettings> {
  const el = await fixture<TfaSettings>(html`<tfa-settings api-base="/api" .session=${session}></tfa-settings>`);
  await found(() => el.querySelectorAll('tfa-method-list li').length > 0, 'methods never loaded');
  mustButton(el, 'Edit').click();
  await found(() => el.querySelector('tfa-add-method form'));
  return el;
}

/** Chooses `label` under "Add new authentication method" and presses OK. */
async function choose(el: TfaSettings, label: string): Promise<void> {
  const add = el.querySelector<TfaAddMethod>('tfa-add-method')!;
  const radio = [...add.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
    (r) => text(add.querySelector(`label[for="${r.id}"]`)) === label,
  );
  if (!radio) throw new Error(`no choice "${label}"`);
  radio.click();
  mustButton(add, 'OK').click();
}

/** The dark modules of the rendered QR code, read back from the SVG path. */
function renderedModules(svg: SVGElement): Set<string> {
  const d = svg.querySelector('path')!.getAttribute('d')!;
  return new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[1]) - QUIET_ZONE},${Number(m[2]) - QUIET_ZONE}`));
}

function expectedModules(uri: string): { set: Set<string>; size: number } {
  const { modules } = QRCode.create(uri, { errorCorrectionLevel: 'M' });
  const set = new Set<string>();
  for (let y = 0; y < modules.size; y++) for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) set.add(`${x},${y}`);
  return { set, size: modules.size };
}

describe('adding a method with the mock backend', function () {
  // Push apps are polled every 2 s: give the whole walk-through room.
  this.timeout(20000);

  const control = useMockWorker();

  describe('the chooser', () => {
    it('is accessible and offers only the apps the person lacks', async () => {
      const { session } = await signInDemoUser('carl');
      const el = await mount(session);
      const add = el.querySelector('tfa-add-method')!;
      const labels = [...add.querySelectorAll('label')].map((l) => text(l));
      expect(labels).to.deep.equal(['Microsoft Authenticator', 'PingID', 'Entrust Soft Token']);
      expect(text(add.querySelector('legend'))).to.equal('Choose a method');
      expect(text(add)).to.contain('add your mobile number under Contact details');
      await expect(add).to.be.accessible();
    });

    it('OK without a choice says what to do', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      const add = el.querySelector('tfa-add-method')!;
      mustButton(add, 'OK').click();
      await found(() => text(add.querySelector('[role="alert"]')));
      expect(text(add.querySelector('[role="alert"]'))).to.equal('Choose the method you want to add.');
      expect(document.activeElement?.getAttribute('type')).to.equal('radio');
      expect(add.querySelector('tfa-totp-wizard, tfa-app-enroll')).to.equal(null);
    });
  });

  describe('Google Authenticator (TOTP wizard)', () => {
    it('OK → QR and key that match the enrollment → wrong code → right code → primary, asked at the next sign-in', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      await choose(el, 'Google Authenticator');
      const wizard = await found(() => el.querySelector<TfaTotpWizard>('tfa-totp-wizard'));
      await wizard.updateComplete;

      // Step 1, right after OK (as on the help page): the QR code and the key, focus on the heading.
      const svg = await found(() => wizard.querySelector<SVGElement>('svg.tfa-qr'), 'no QR code');
      expect(text(wizard.querySelector('h4'))).to.equal('Scan the QR code');
      await found(() => document.activeElement === wizard.querySelector('h4'), 'focus not on the heading');
      expect(text(wizard.querySelector('.tfa-steps li'))).to.equal(
        'Install Google Authenticator on your phone. Get it where you normally get your apps (App Store or Google Play).',
      );
      expect(text(wizard)).to.contain('Tap “Add a code” and choose “Scan a QR code”.');
      expect(svg.getAttribute('role')).to.equal('img');
      expect(svg.getAttribute('aria-label')).to.equal('QR code for adding your account to Google Authenticator');
      const enrollment = wizard.enrollment!;
      const server = (await api<Enrollment>('GET', `/me/enrollments/${enrollment.id}`, { token: session.token })).body;
      expect(server.status).to.equal('pending');
      expect(server.qrUri).to.equal(enrollment.qrUri);
      expect(server.qrUri).to.match(/^otpauth:\/\/totp\//);
      const expected = expectedModules(server.qrUri);
      expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${expected.size + 2 * QUIET_ZONE} ${expected.size + 2 * QUIET_ZONE}`);
      expect([...renderedModules(svg)].sort()).to.deep.equal([...expected.set].sort());
      expect(svg.querySelector('rect')!.getAttribute('fill')).to.equal('#ffffff');
      const secret = new URL(server.qrUri).searchParams.get('secret')!;
      expect(text(wizard)).to.contain("Can't scan? Enter this key");
      const shownKey = text(wizard.querySelector('.tfa-key'));
      expect(shownKey).to.match(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/);
      expect(shownKey.replace(/ /g, '')).to.equal(secret);
      await expect(wizard).to.be.accessible();
      mustButton(wizard, 'Next').click();

      // Step 2: the code.
      const input = await found(() => wizard.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]'));
      await found(() => document.activeElement === input, 'focus not on the code field');
      expect(input.getAttribute('inputmode')).to.equal('numeric');
      expect(text(wizard.querySelector(`label[for="${input.id}"]`))).to.equal('6-digit code from Google Authenticator');
      const right = await generate({ secret });
      const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
      await sendKeys({ type: wrong });
      mustButton(wizard, 'Add authentication method').click();
      await found(() => input.getAttribute('aria-invalid') === 'true', 'wrong code accepted?');
      expect(text(wizard)).to.contain('That code is not correct.');
      expect(el.querySelector('tfa-totp-wizard')).to.equal(wizard);
      expect((await serverMethods(session)).map((m) => m.product)).to.deep.equal(['email']);
      await expect(wizard).to.be.accessible();

      // The right code, pasted with a space.
      input.select();
      await sendKeys({ type: `${right.slice(0, 3)} ${right.slice(3)}` });
      expect(input.value).to.equal(right);
      const added = nextEvent(el, 'tfa-methods-change');
      await sendKeys({ press: 'Enter' });
      const event = await added;
      expect(event.reason).to.equal('add');
      await found(() => text(wizard.querySelector('h4')) === 'Google Authenticator has been added');
      expect(listedNames(el)[0]).to.equal('Google Authenticator');
      expect(text(el.querySelector('tfa-method-list li'))).to.contain('Primary method');
      await expect(wizard).to.be.accessible();
      mustButton(wizard, 'OK').click();
      await found(() => !el.querySelector('tfa-totp-wizard'));
      expect(document.activeElement).to.equal(el.querySelector('tfa-add-method h4'));
      // Google Authenticator is no longer offered.
      expect([...el.querySelectorAll('tfa-add-method label')].map((l) => text(l))).not.to.include('Google Authenticator');

      const next = await api<Transaction>('POST', '/signin/password', { body: { username: 'anna', password: 'demo1234' } });
      expect(next.body.step.name).to.equal('verify-totp');
      expect(next.body.step.name === 'verify-totp' && next.body.step.method.product).to.equal('google-authenticator');
    });

    it('Cancel deletes the pending enrollment and leaves the list unchanged', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      await choose(el, 'Google Authenticator');
      const wizard = await found(() => el.querySelector<TfaTotpWizard>('tfa-totp-wizard'));
      await wizard.updateComplete;
      mustButton(wizard, 'Next').click();
      await found(() => wizard.enrollment);
      const id = wizard.enrollment!.id;
      const closed = nextEvent(el, 'tfa-enrollment-close');
      mustButton(wizard, 'Cancel').click();
      expect((await closed).reason).to.equal('cancel');
      await found(() => !el.querySelector('tfa-totp-wizard'));
      const gone = await api<{ code: string }>('GET', `/me/enrollments/${id}`, { token: session.token });
      expect(gone.status).to.equal(404);
      expect(gone.body.code).to.equal('enrollment_not_found');
      expect((await serverMethods(session)).map((m) => m.product)).to.deep.equal(['email']);
      expect(listedNames(el)).to.deep.equal(['Email']);
    });

    it('Microsoft Authenticator shows its own instructions', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      await choose(el, 'Microsoft Authenticator');
      const wizard = await found(() => el.querySelector<TfaTotpWizard>('tfa-totp-wizard'));
      await wizard.updateComplete;
      await found(() => wizard.querySelector('svg.tfa-qr'));
      expect(text(wizard)).to.contain('Tap “Add account” and choose “Work or school account”.');
      expect(text(wizard)).to.contain('Tap “Scan QR code” and scan the QR code below.');
    });

    it('copies the key and says "Copied"', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      await choose(el, 'Google Authenticator');
      const wizard = await found(() => el.querySelector<TfaTotpWizard>('tfa-totp-wizard'));
      await wizard.updateComplete;
      await found(() => wizard.querySelector('.tfa-key'));
      let copied = '';
      const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void (copied = t) } });
      try {
        mustButton(wizard, 'Copy').click();
        await found(() => text(wizard.querySelector('[role="status"]')) === 'Copied');
        expect(copied).to.equal(wizard.enrollment!.secret);
      } finally {
        delete (navigator as unknown as Record<string, unknown>).clipboard;
        if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
      }
    });
  });

  describe('PingID', () => {
    it('shows the QR code, waits for the app, then says it is ready; PingID is primary', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      await choose(el, 'PingID');
      const enroll = await found(() => el.querySelector<TfaAppEnroll>('tfa-app-enroll'));
      const svg = await found(() => enroll.querySelector<SVGElement>('svg.tfa-qr'));
      expect(text(enroll)).to.contain('tap + (plus) next to “My organizations”');
      expect(text(enroll.querySelector('[role="status"]'))).to.contain('Waiting for PingID to register');
      const expected = expectedModules(enroll.enrollment!.qrUri);
      expect([...renderedModules(svg)].sort()).to.deep.equal([...expected.set].sort());
      await expect(enroll).to.be.accessible();
      const pending = await control.enrollments();
      expect(pending.map((p) => p.id)).to.deep.equal([enroll.enrollment!.id]);
      // Not done before the app registers.
      await aTimeout(2500);
      expect(enroll.step).to.equal('scan');
      const added = nextEvent(el, 'tfa-methods-change');
      await control.completeEnrollment(enroll.enrollment!.id);
      await added;
      await found(() => text(enroll.querySelector('h4')) === 'PingID is ready', 'the page did not notice', 6000);
      expect(listedNames(el)[0]).to.equal('PingID');
      await expect(enroll).to.be.accessible();
      mustButton(enroll, 'OK').click();
      await found(() => !el.querySelector('tfa-app-enroll'));
      expect((await serverMethods(session)).map((m) => m.product)).to.deep.equal(['pingid', 'email']);
    });

    it('Cancel deletes the pending enrollment; leaving the page stops polling and deletes it too', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      await choose(el, 'PingID');
      let enroll = await found(() => el.querySelector<TfaAppEnroll>('tfa-app-enroll'));
      await found(() => enroll.enrollment);
      mustButton(enroll, 'Cancel').click();
      await found(() => !el.querySelector('tfa-app-enroll'));
      expect(await control.enrollments()).to.deep.equal([]);

      await choose(el, 'PingID');
      enroll = await found(() => el.querySelector<TfaAppEnroll>('tfa-app-enroll'));
      await found(() => enroll.enrollment);
      mustButton(el, 'Done').click(); // leave edit mode: the wizard leaves the page
      await found(() => !el.querySelector('tfa-app-enroll'));
      await found(async () => (await control.enrollments()).length === 0, 'enrollment left behind');
      expect(listedNames(el)).to.deep.equal(['Email']);
    });
  });

  describe('Entrust Soft Token', () => {
    it('shows the activation password in large text, then "OK" after the app registered', async () => {
      const { session } = await signInDemoUser('anna');
      const el = await mount(session);
      await choose(el, 'Entrust Soft Token');
      const enroll = await found(() => el.querySelector<TfaAppEnroll>('tfa-app-enroll'));
      await found(() => enroll.querySelector('svg.tfa-qr'));
      const server = (await api<Enrollment>('GET', `/me/enrollments/${enroll.enrollment!.id}`, { token: session.token })).body;
      expect(server.activationPassword).to.be.a('string');
      expect(text(enroll.querySelector('dt'))).to.equal('Activation password');
      expect(text(enroll.querySelector('[data-activation-password]')).replace(/\s/g, '')).to.equal(server.activationPassword);
      expect(parseFloat(getComputedStyle(enroll.querySelector('[data-activation-password]')!).fontSize)).to.be.greaterThan(24);
      expect(text(enroll)).to.contain('tap “Add identity” and choose “QR code”');
      await expect(enroll).to.be.accessible();
      await control.completeEnrollment(server.id);
      await found(() => button(enroll, 'OK'), 'no OK', 6000);
      expect(text(enroll.querySelector('h4'))).to.equal('Entrust Soft Token is ready');
      mustButton(enroll, 'OK').click();
      await found(() => listedNames(el)[0] === 'Entrust Soft Token');
    });
  });
});

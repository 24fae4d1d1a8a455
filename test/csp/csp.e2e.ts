/**
 * The sign-in widget under a strict CSP with Trusted Types, end to end in Chromium:
 *
 *   node --import tsx --test test/csp/csp.e2e.ts
 *
 * (named `.e2e.ts`, not `.test.ts`, so the browser test runner does not pick it up).
 * Every flow must finish with ZERO `securitypolicyviolation` events, no CSP/Trusted Types console
 * message and no page error. A control case proves the recorder sees a violation when there is one.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { mockControl, type MockControl } from '../../mock-server/control-client.js';
import { collectTokens, readStorage, startHarness, STRICT_CSP, type Harness, type StorageSnapshot, type Watched } from './harness.js';

let harness: Harness;
let control: MockControl;

async function clean(watched: Watched): Promise<void> {
  assert.deepEqual(await watched.violations(), [], 'securitypolicyviolation events');
  assert.deepEqual(watched.problems, [], 'CSP console messages and page errors');
}

const EMPTY: StorageSnapshot = { localStorage: {}, sessionStorage: {}, indexedDB: [], cookie: '', caches: [] };

/** Nothing stored, and none of the secrets anywhere the page's scripts can read. */
function assertNothingStored(snapshot: StorageSnapshot, secrets: string[], when: string): void {
  assert.deepEqual(snapshot, EMPTY, `storage ${when}`);
  const everything = JSON.stringify(snapshot);
  for (const secret of secrets) assert.ok(!everything.includes(secret), `a secret is readable ${when}`);
}

async function signInWithPassword(page: Page, username: string, labels = { username: 'Username', password: 'Password', submit: 'Log in' }) {
  await page.getByLabel(labels.username, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill('demo1234');
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

async function enterCode(page: Page, code: string, labels = { code: 'One-time code', submit: 'Sign On' }) {
  await page.getByLabel(labels.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

describe('strict CSP and Trusted Types', { timeout: 180_000 }, () => {
  before(async () => {
    harness = await startHarness();
    control = mockControl({ origin: harness.base });
    console.log(`# CSP used: ${harness.csp}`);
  });
  after(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    await control.reset();
  });

  it('the page is served with the strict policy as a header', async () => {
    const res = await fetch(`${harness.base}/test/csp/page.html`);
    assert.equal(res.headers.get('content-security-policy'), harness.csp);
    const html = await res.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
    assert.doesNotMatch(html, /\sstyle=/, 'no style attribute');
  });

  it('password flow (anna): email code, signed in, Danish, log out: no violation, nothing stored', async () => {
    const watched = await harness.open();
    const { page } = watched;
    const seen = collectTokens(page);
    try {
      await signInWithPassword(page, 'anna');
      await page.getByRole('heading', { name: 'Enter OTP' }).waitFor();
      await enterCode(page, await control.lastCode({ channel: 'email' }));
      await page.getByRole('heading', { name: /^You are signed in as / }).waitFor();
      await seen.settle();
      assert.ok(seen.tokens.size >= 2, 'saw the transaction and session tokens');
      const secrets = () => [...seen.tokens, 'demo1234'];
      assertNothingStored(await readStorage(page), [...secrets(), ...(await control.codes())], 'while signed in');

      await page.getByRole('button', { name: 'Dansk' }).click();
      await page.getByRole('heading', { name: /^Du er logget ind som / }).waitFor();
      await page.getByRole('button', { name: 'Log ud', exact: true }).click();
      await page.getByRole('button', { name: 'Log ind', exact: true }).waitFor();
      assert.equal(await page.getByLabel('Brugernavn', { exact: true }).inputValue(), 'anna');
      assertNothingStored(await readStorage(page), [...secrets(), ...(await control.codes())], 'after log out');

      // Once more in Danish, start to finish.
      await signInWithPassword(page, 'anna', { username: 'Brugernavn', password: 'Adgangskode', submit: 'Log ind' });
      await page.getByRole('heading', { name: 'Indtast engangskode' }).waitFor();
      await enterCode(page, await control.lastCode({ channel: 'email' }), { code: 'Engangskode', submit: 'Log på' });
      await page.getByRole('heading', { name: /^Du er logget ind som / }).waitFor();
      await clean(watched);
    } finally {
      await watched.close();
    }
  });

  it('identifier-first (anna): username, Next, email code, signed in: no violation', async () => {
    const watched = await harness.open('?flow=identifier-first');
    const { page } = watched;
    try {
      assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0);
      await page.getByLabel('Username', { exact: true }).fill('anna');
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByRole('heading', { name: 'Enter OTP' }).waitFor();
      await enterCode(page, await control.lastCode({ channel: 'email' }));
      await page.getByRole('heading', { name: /^You are signed in as / }).waitFor();
      await clean(watched);
    } finally {
      await watched.close();
    }
  });

  it('SMS step (bo), in Danish from the start: text-message code, signed in: no violation', async () => {
    const watched = await harness.open('?lang=da');
    const { page } = watched;
    try {
      await signInWithPassword(page, 'bo', { username: 'Brugernavn', password: 'Adgangskode', submit: 'Log ind' });
      await page.getByRole('heading', { name: 'Indtast engangskode' }).waitFor();
      await page.getByText(/sms/i).first().waitFor();
      await enterCode(page, await control.lastCode({ channel: 'sms' }), { code: 'Engangskode', submit: 'Log på' });
      await page.getByRole('heading', { name: /^Du er logget ind som / }).waitFor();
      await clean(watched);
    } finally {
      await watched.close();
    }
  });

  it('error, countdown, help disclosure and Change Device render: no violation', async () => {
    const watched = await harness.open();
    const { page } = watched;
    try {
      await signInWithPassword(page, 'bo');
      await page.getByRole('heading', { name: 'Enter OTP' }).waitFor();
      await page.getByText(/You can send a new code in \d+ s/).first().waitFor(); // the resend countdown
      const right = await control.lastCode({ channel: 'sms' });
      await enterCode(page, right === '000000' ? '111111' : '000000');
      await page.getByRole('alert').filter({ hasText: /That code is not correct/ }).waitFor();
      await page.getByText("Didn't get the code?").click(); // <details> disclosure
      await page.getByText('Use Resend Passcode to get a new code.', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Change Device', exact: true }).click();
      await page.getByText('Get a one-time code by email.').waitFor(); // the method picker
      await clean(watched);
    } finally {
      await watched.close();
    }
  });

  it('push step (dorte): number shown, approved on the phone, signed in: no violation', async () => {
    const watched = await harness.open();
    const { page } = watched;
    try {
      await signInWithPassword(page, 'dorte');
      await page.getByRole('heading', { name: 'Approve on your phone' }).waitFor();
      const pending = await control.pendingPush();
      assert.ok(pending, 'a pending push');
      await page.getByText(/\d+ seconds left/).first().waitFor();
      assert.equal((await control.approvePush(pending.id, pending.number)).status, 'approved');
      await page.getByRole('heading', { name: /^You are signed in as / }).waitFor({ timeout: 10_000 });
      await clean(watched);
    } finally {
      await watched.close();
    }
  });

  it('the Trusted Types list is minimal: without lit-html the widget is refused', async () => {
    harness.setCsp(STRICT_CSP.replace('trusted-types lit-html', "trusted-types 'none'"));
    const watched = await harness.open();
    try {
      await watched.page.waitForLoadState('load');
      await watched.page.waitForTimeout(500);
      const seen = await watched.violations();
      assert.ok(seen.some((v) => v.directive === 'trusted-types' && v.sample === 'lit-html'), JSON.stringify(seen));
      assert.equal(await watched.page.getByRole('button', { name: 'Log in', exact: true }).count(), 0);
    } finally {
      harness.setCsp(STRICT_CSP);
      await watched.close();
    }
  });

  it('control: the recorder does see a Trusted Types violation (so zero above means zero)', async () => {
    const watched = await harness.open();
    try {
      const blocked = await watched.page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<b>raw</b>');
          return false;
        } catch {
          return true;
        }
      });
      assert.equal(blocked, true, 'a raw HTML string is refused');
      const seen = await watched.violations();
      assert.ok(seen.some((v) => v.directive === 'require-trusted-types-for'), JSON.stringify(seen));
    } finally {
      await watched.close();
    }
  });
});

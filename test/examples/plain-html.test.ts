/**
 * examples/plain-html: a page that loads the package's self-contained bundle
 * (dist/cdn/tfa-login.js) from a <script type="module"> tag, under the strict CSP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { contentSecurityPolicy, startExampleServer, type ExampleServer } from '../../examples/server.js';
import { assertPackageBuilt, launch, openPage, repo, signInAnnaAndSwitchLanguage } from './helpers.js';

describe('examples/plain-html', () => {
  let server: ExampleServer;
  let browser: Browser;

  before(async () => {
    assertPackageBuilt();
    server = await startExampleServer({ root: `${repo}examples/plain-html`, csp: contentSecurityPolicy() });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs anna in, the page shows the welcome from tfa-login-success, and the language switches', async () => {
    const { page, problems } = await openPage(browser, `${server.url}/`);
    await signInAnnaAndSwitchLanguage(page, server.url);
    assert.deepEqual(await problems(), []);
  });

  it('loads only the bundle from dist/cdn (no bare imports left for the browser to resolve)', async () => {
    const { page, problems } = await openPage(browser, `${server.url}/`);
    await page.getByRole('heading', { name: 'Log in', exact: true }).waitFor();
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    assert.ok(scripts.includes('/vendor/tfa-login-widget/tfa-login.js'), scripts.join(', '));
    assert.ok(scripts.every((p) => p === '/app.js' || p.startsWith('/vendor/tfa-login-widget/')), scripts.join(', '));
    assert.ok(!scripts.some((p) => /mockServiceWorker|msw|otplib|qrcode|browser-/.test(p)), scripts.join(', '));
    assert.deepEqual(await problems(), []);
  });

  it('inherits the page font and takes the theme from --tfa-* tokens and [part] hooks', async () => {
    const { page } = await openPage(browser, `${server.url}/`);
    const submit = page.getByRole('button', { name: 'Log in', exact: true });
    await submit.waitFor();
    const style = await submit.evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: s.fontFamily, bg: s.backgroundColor, transform: s.textTransform, bodyFont: getComputedStyle(document.body).fontFamily };
    });
    assert.equal(style.font, style.bodyFont, 'the widget inherits the portal font');
    assert.match(style.font, /Georgia/);
    assert.equal(style.bg, 'rgb(0, 89, 79)', '--tfa-color-accent from themes/customer.css');
    assert.equal(style.transform, 'uppercase', "[part~='submit'] rule from themes/customer.css");
  });

  it('respects forced colours and reduced motion', async () => {
    const { page } = await openPage(browser, `${server.url}/`);
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    const submit = page.getByRole('button', { name: 'Log in', exact: true });
    await submit.waitFor();
    const result = await submit.evaluate((el) => {
      const all = [...el.closest('.tfa')!.querySelectorAll('*')];
      return {
        borderWidth: getComputedStyle(el).borderTopWidth,
        animated: all.filter((n) => getComputedStyle(n).animationName !== 'none').length,
      };
    });
    assert.equal(result.borderWidth, '2px', 'primary buttons keep a visible border in forced colours');
    assert.equal(result.animated, 0, 'nothing animates with prefers-reduced-motion');
  });

  it("tolerates two copies of the widget on one page (trusted-types needs 'allow-duplicates' then)", async () => {
    const twice = await startExampleServer({
      root: `${repo}test/examples/fixtures/double-load`,
      csp: contentSecurityPolicy(["'allow-duplicates'"]),
      mounts: [['/second-copy/', `${repo}dist/cdn`]],
    });
    try {
      const { page, problems } = await openPage(browser, `${twice.url}/`);
      await page.getByLabel('Username', { exact: true }).fill('anna');
      await page.getByLabel('Password', { exact: true }).fill('demo1234');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.getByRole('heading', { name: 'Enter OTP' }).waitFor();
      assert.deepEqual(await problems(), []);
    } finally {
      await twice.close();
    }
  });
});

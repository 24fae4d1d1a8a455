/**
 * examples/react (React 19) and examples/vue (Vue 3), each built with `vite build`, importing the
 * package through its `exports` (`tfa-login-widget/login` → dist/), served under the strict CSP
 * with the mock backend behind /api.
 * - React 19 sets `lang` as a property and listens through `ontfa-login-success`.
 * - Vue binds `:lang` and `@tfa-login-success` (isCustomElement for tfa-*); Vue's own Trusted Types
 *   policy is named `vue`, so its CSP allows it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { contentSecurityPolicy, startExampleServer, type ExampleServer } from '../../examples/server.js';
import { assertPackageBuilt, buildExample, launch, openPage, signInAnnaAndSwitchLanguage } from './helpers.js';

const FRAMEWORKS: { name: 'react' | 'vue'; trustedTypesPolicies: string[] }[] = [
  { name: 'react', trustedTypesPolicies: [] },
  { name: 'vue', trustedTypesPolicies: ['vue'] },
];

for (const { name, trustedTypesPolicies } of FRAMEWORKS) {
  describe(`examples/${name}`, () => {
    let server: ExampleServer;
    let browser: Browser;
    let root: string;

    before(async () => {
      assertPackageBuilt();
      root = await buildExample(name);
      server = await startExampleServer({ root, csp: contentSecurityPolicy(trustedTypesPolicies) });
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('signs anna in; the app renders the welcome from tfa-login-success; the language switches', async () => {
      const { page, problems } = await openPage(browser, `${server.url}/`);
      await signInAnnaAndSwitchLanguage(page, server.url);
      assert.deepEqual(await problems(), []);
    });

    it('bundles the widget from the package without mock, msw, otplib or qrcode', () => {
      const js = readdirSync(`${root}/assets`).filter((f) => f.endsWith('.js')).map((f) => readFileSync(`${root}/assets/${f}`, 'utf8')).join('\n');
      assert.match(js, /tfa-login-form/, 'the sign-in elements are in the app bundle');
      assert.doesNotMatch(js, /mockServiceWorker|\[MSW\]|otplib|No input text|tfa-settings/);
    });
  });
}

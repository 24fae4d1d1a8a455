/**
 * Shared by the example tests (node:test + playwright-core + Debian's Chromium): start an example,
 * sign anna in with the code from the mock's outbox, switch language, watch for CSP violations.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mockControl } from '../../mock-server/control-client.js';

export const repo = fileURLToPath(new URL('../../', import.meta.url));

export const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function assertPackageBuilt(): void {
  assert.ok(existsSync(`${repo}dist/index.js`) && existsSync(`${repo}dist/cdn/tfa-login.js`),
    'dist/ is missing: run `npm run build:package` (npm run test:examples does)');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS, headless: true });
}

export interface Watched {
  page: Page;
  /** CSP violations, uncaught errors and console errors seen so far. */
  problems(): Promise<string[]>;
}

export async function openPage(browser: Browser, url: string): Promise<Watched> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  return {
    page,
    problems: async () => [...errors, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).map((v) => `csp: ${v}`)],
  };
}

/**
 * The integrator's acceptance path, in Danish then English:
 * Dansk → "Log ind" form → anna / demo1234 → "Indtast engangskode" → code from the outbox →
 * "Log på" → the portal (framework) renders "Velkommen, Anna Andersen" and the widget "Du er logget ind som …" →
 * English → "Welcome, Anna Andersen" and the widget's own signed-in state in English. The Danish
 * texts come from dist/'s locale modules, found through the package build's short message ids.
 */
export async function signInAnnaAndSwitchLanguage(page: Page, baseUrl: string): Promise<void> {
  await page.getByRole('heading', { name: 'Log in', exact: true }).waitFor();
  await assertAccessible(page, 'the form');
  await page.getByRole('button', { name: 'Dansk' }).click();
  await page.getByRole('heading', { name: 'Log ind', exact: true }).waitFor();

  await page.getByLabel('Brugernavn', { exact: true }).fill('anna');
  await page.getByLabel('Adgangskode', { exact: true }).fill('demo1234');
  await page.getByRole('button', { name: 'Log ind', exact: true }).click();

  await page.getByRole('heading', { name: 'Indtast engangskode' }).waitFor();
  // a translated html`…` message with a binding (the masked address) in it
  await page.getByText(/^Vi har sendt en engangskode til a\*{3}@e\*{5}\.dk\.$/).waitFor();
  await assertAccessible(page, 'the code step, Danish');
  const code = await mockControl({ origin: baseUrl }).lastCode({ channel: 'email', to: 'anna@example.dk' });
  await page.getByLabel('Engangskode', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Log på', exact: true }).click();

  await page.getByText('Velkommen, Anna Andersen', { exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Du er logget ind som Anna Andersen', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Log ud', exact: true }).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('Welcome, Anna Andersen', { exact: true }).waitFor();
  await page.getByRole('heading', { name: 'You are signed in as Anna Andersen', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Log out', exact: true }).waitFor();
  assert.equal(await page.getByText('Velkommen, Anna Andersen').count(), 0, 'the portal text follows the language');
  await assertAccessible(page, 'signed in, English');
}

const axeSource = readFileSync(`${repo}node_modules/axe-core/axe.min.js`, 'utf8');

/** Runs axe-core on the whole page (the portal around the widget included): no violations. */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  await page.evaluate(axeSource); // through the DevTools protocol: not a script the page's CSP sees
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
  assert.deepEqual(violations, [], `axe on ${where}`);
}

/** `vite build` of examples/<name> (its own vite.config.ts), as the integrator's CI would. */
export async function buildExample(name: 'react' | 'vue'): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: `${repo}examples/${name}/vite.config.ts`, logLevel: 'warn' });
  return `${repo}examples/${name}/dist`;
}

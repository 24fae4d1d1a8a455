// Component and flow tests in Debian's Chromium (or CHROME_PATH), see README "Tests".
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const args = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/** qrcode is CommonJS: answer its import with one esbuild-bundled ESM module. */
function qrcodeAsEsm() {
  let cached;
  return {
    name: 'qrcode-as-esm',
    async serve(context) {
      if (!/\/node_modules\/qrcode\/lib\/browser\.js$/.test(context.path)) return undefined;
      cached ??= (await build({
        entryPoints: ['qrcode'], bundle: true, format: 'esm', write: false, platform: 'browser', logLevel: 'silent',
      })).outputFiles[0].text;
      return { body: cached, type: 'js' };
    },
  };
}

/** MSW's worker must be served from `/` so its scope covers the test page. */
function mswWorkerAtRoot() {
  return {
    name: 'msw-worker-at-root',
    async serve(context) {
      if (context.path !== '/mockServiceWorker.js') return undefined;
      return { body: await readFile('public/mockServiceWorker.js', 'utf8'), type: 'js' };
    },
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/node/**', '!test/examples/**', '!test/csp/**', '!test/fuzz/**', '!test/conformance/**'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 240000,
  testFramework: { config: { timeout: 10000 } },
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, args, headless: true } })],
  plugins: [qrcodeAsEsm(), mswWorkerAtRoot(), esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
};

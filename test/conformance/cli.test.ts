/**
 * The conformance kit's CLI, run as a child process the way a backend team runs it
 * (`node scripts/conformance.mjs --base-url URL`), against the Node mock server on an ephemeral port.
 *
 * 1. The whole kit passes against the mock with 0 failures.
 * 2. Against a server without the control API (a proxy that hides `/__mock/*`), the tests that
 *    need it are skipped and listed, and the run still passes.
 * 3. Usage errors and a URL without the contract API exit with 2.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../../mock-server/node-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(args: string[], timeoutMs = 170_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    for (const key of ['TFA_BASE_URL', 'TFA_API_BASE', 'TFA_FIXTURES', 'TFA_FIXTURES_JSON']) delete env[key];
    const child = spawn(process.execPath, ['scripts/conformance.mjs', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the CLI did not finish in ${timeoutMs} ms:\n${out.slice(-3000)}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** `conformance: N tests, P passed, F failed, S skipped …` → numbers. */
function summary(out: string) {
  const m = /conformance: (\d+) tests, (\d+) passed, (\d+) failed, (\d+) skipped \(tests or suites\), (\d+) cancelled/.exec(out);
  assert.ok(m, `no summary line in:\n${out.slice(-3000)}`);
  const [tests, passed, failed, skipped, cancelled] = m.slice(1).map(Number) as [number, number, number, number, number];
  return { tests, passed, failed, skipped, cancelled };
}

describe('conformance CLI', () => {
  let server: RunningServer;
  /** Serves the API of `server` but not its control API, like a real backend. */
  let proxy: Server;
  let proxyUrl: string;

  before(async () => {
    server = await startServer({ port: 0, log: false });
    proxy = createServer(async (req, res) => {
      if (req.url?.startsWith('/__mock')) {
        res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>');
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const upstream = await fetch(server.url + req.url, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
      });
      res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  after(async () => {
    proxy.closeAllConnections();
    await new Promise<void>((r) => proxy.close(() => r()));
    await server.close();
  });

  it('passes the whole kit against the Node mock server with 0 failures', async () => {
    const { code, out } = await cli(['--base-url', server.url, '--reporter', 'dot']);
    const totals = summary(out);
    assert.equal(code, 0, out.slice(-3000));
    assert.match(out, /mock control API \(\/__mock\/\*\) found/);
    assert.equal(totals.failed, 0);
    assert.equal(totals.cancelled, 0);
    assert.ok(totals.tests >= 120, `only ${totals.tests} tests ran`);
    assert.equal(totals.passed, totals.tests);
    console.log(`conformance CLI: ${totals.tests} tests passed against ${server.url}`);
  });

  it('skips and lists what needs the control API when the server has none, and still passes', async () => {
    server.backend.reset(); // a known state, as a real backend's test environment would have
    const { code, out } = await cli([
      '--base-url', proxyUrl, '--file', 'hostile.test.ts', '--file', 'codes.test.ts', '--grep', 'CSRF|resend|unknown routes',
      '--user', 'email=anna', '--password', 'demo1234', '--reporter', 'dot',
    ]);
    const totals = summary(out);
    assert.equal(code, 0, out.slice(-3000));
    assert.match(out, /mock control API \(\/__mock\/\*\) NOT found/);
    assert.match(out, /× needs the mock control API/);
    assert.ok(totals.skipped >= 3, `skipped ${totals.skipped}`);
    assert.ok(totals.passed >= 5, `passed ${totals.passed}`);
    assert.equal(totals.failed, 0);
  });

  it('exits with 2 on a usage error or a URL without the contract API', async () => {
    const bad = await cli(['--base-url', 'not a url']);
    assert.equal(bad.code, 2);
    assert.match(bad.out, /--base-url is not a URL/);
    const unknown = await cli(['--frobnicate']);
    assert.equal(unknown.code, 2);
    const nothing = await cli(['--base-url', proxyUrl, '--api-base', '/nothing-here']);
    assert.equal(nothing.code, 2);
    assert.match(nothing.out, /should answer 401 application\/problem\+json/);
  });
});

#!/usr/bin/env node
/**
 * The contract's conformance kit: runs the Node contract suite (`test/node/*.test.ts`) against any
 * server that implements `docs/contract/openapi.yaml`, or against the mock when no URL is given.
 *
 *   npm run conformance -- --base-url http://127.0.0.1:8787
 *   npm run conformance -- --base-url https://auth.example.dk --api-base /tfa/v1 --fixtures my-users.json
 *
 * See docs/conformance.md. Exit code 0 when no test failed (skipped tests do not fail the run),
 * 1 when a test failed, 2 for a usage error or a server that does not answer like the contract.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROLES = ['email', 'sms', 'totp', 'push', 'pushSms'];

const HELP = `Usage: npm run conformance -- [options]

Runs the contract suite (test/node/*.test.ts) against a server implementing docs/contract/openapi.yaml.

  --base-url URL       origin of the server (e.g. http://127.0.0.1:8787); without it each test file
                       starts the mock in process
  --api-base PATH      path of the API on that origin (default /api)
  --fixtures FILE      JSON with the users and limits of that server (see docs/conformance.md)
  --password PW        password of every fixture user (overrides the fixtures' "password")
  --user ROLE=NAME     username for a role (${ROLES.join(', ')}); repeatable
  --totp-secret S      base32 secret of the TOTP user's authenticator app
  --grep PATTERN       run only tests whose name matches PATTERN
  --file FILE          run only this test file of test/node (repeatable)
  --concurrency N      test files in parallel (default: 1 with --base-url, 2 without)
  --reporter NAME      node:test reporter for the progress output (default spec)
  --help               this text

Tests that need the mock's control API (/__mock/*) are skipped, and listed, when the server lacks it.
Exit code: 0 no failures, 1 failures, 2 usage error or no contract API at the URL.`;

function fail(message) {
  console.error(`conformance: ${message}`);
  process.exit(2);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      'api-base': { type: 'string', default: '/api' },
      fixtures: { type: 'string' },
      password: { type: 'string' },
      user: { type: 'string', multiple: true, default: [] },
      'totp-secret': { type: 'string' },
      grep: { type: 'string' },
      file: { type: 'string', multiple: true, default: [] },
      concurrency: { type: 'string' },
      reporter: { type: 'string', default: 'spec' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }));
} catch (error) {
  fail(`${error.message}\n\n${HELP}`);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const env = { ...process.env };
// Started from inside a node:test run (the CLI's own test), the child must still run its files.
delete env.NODE_TEST_CONTEXT;
delete env.TFA_BASE_URL;
delete env.TFA_FIXTURES;
delete env.TFA_FIXTURES_JSON;
env.TFA_API_BASE = args['api-base'].startsWith('/') ? args['api-base'].replace(/\/+$/, '') || '/' : fail('--api-base must start with /');

const baseUrl = args['base-url']?.replace(/\/+$/, '');
if (baseUrl !== undefined) {
  let parsed;
  try {
    parsed = new URL(baseUrl);
  } catch {
    fail(`--base-url is not a URL: ${baseUrl}`);
  }
  if (!/^https?:$/.test(parsed.protocol) || (parsed.pathname !== '/' && parsed.pathname !== '')) {
    fail('--base-url is an http(s) origin without a path (the path goes in --api-base)');
  }
  env.TFA_BASE_URL = parsed.origin;
}

if (args.fixtures) {
  const file = resolve(args.fixtures);
  try {
    JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read the fixtures ${file}: ${error.message}`);
  }
  env.TFA_FIXTURES = file;
}
const overrides = {};
if (args.password) overrides.password = args.password;
for (const pair of args.user) {
  const [role, name] = pair.split('=');
  if (!ROLES.includes(role) || !name) fail(`--user takes ROLE=NAME with ROLE one of ${ROLES.join(', ')}`);
  ((overrides.users ??= {})[role] ??= {}).username = name;
}
if (args['totp-secret']) (((overrides.users ??= {}).totp ??= {}).totpSecret = args['totp-secret']);
if (Object.keys(overrides).length) env.TFA_FIXTURES_JSON = JSON.stringify(overrides);

/** Before the suite: is there a contract API at all, and a control API? */
async function preflight() {
  if (!env.TFA_BASE_URL) {
    console.log('conformance: no --base-url: each test file starts the mock (startServer({ port: 0 })) in process');
    return;
  }
  const api = `${env.TFA_BASE_URL}${env.TFA_API_BASE}`;
  let reply;
  try {
    reply = await fetch(`${api}/signin`, { headers: { Accept: 'application/json' } });
  } catch (error) {
    fail(`no answer from ${api}/signin: ${error.cause?.message ?? error.message}`);
  }
  const type = reply.headers.get('content-type') ?? '';
  if (reply.status !== 401 || !type.startsWith('application/problem+json')) {
    fail(`${api}/signin without a token should answer 401 application/problem+json, got ${reply.status} ${type}`);
  }
  let control = false;
  try {
    const config = await fetch(`${env.TFA_BASE_URL}/__mock/config`);
    control = config.status === 200 && typeof (await config.json()).codeLength === 'number';
  } catch {
    /* no control API */
  }
  console.log(`conformance: ${api}: contract API found; mock control API (/__mock/*) ${control ? 'found' : 'NOT found: tests that need it are skipped'}`);
}

const all = readdirSync(join(root, 'test/node')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join('test/node', f));
const files = args.file.length ? args.file.map((f) => join('test/node', f.replace(/^.*[\\/]/, ''))) : all;
for (const f of files) if (!all.includes(f)) fail(`no such test file: ${f} (one of ${all.join(', ')})`);
const concurrency = args.concurrency ?? (env.TFA_BASE_URL ? '1' : '2');
if (env.TFA_BASE_URL && concurrency !== '1') {
  console.warn('conformance: tests against one server reset it between tests; running files one at a time');
}

await preflight();
const out = mkdtempSync(join(tmpdir(), 'tfa-conformance-'));
const tap = join(out, 'result.tap');
const nodeArgs = [
  '--import', 'tsx', '--test',
  `--test-concurrency=${env.TFA_BASE_URL ? 1 : Number(concurrency) || 1}`,
  '--test-timeout=180000',
  `--test-reporter=${args.reporter}`, '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...(args.grep ? [`--test-name-pattern=${args.grep}`] : []),
  ...files,
];
const started = Date.now();
const code = await new Promise((done) => {
  const child = spawn(process.execPath, nodeArgs, { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (status, signal) => done(status ?? (signal ? 1 : 0)));
});

let text = '';
try {
  text = readFileSync(tap, 'utf8');
} catch {
  /* the run died before writing */
}
rmSync(out, { recursive: true, force: true });
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
const totals = { tests: count('tests'), pass: count('pass'), fail: count('fail'), cancelled: count('cancelled') };

// Skipped tests grouped by reason, so a backend team sees what was not checked and why.
const reasons = new Map();
let unselected = 0;
for (const m of text.matchAll(/^\s*ok \d+ - (.*?) # SKIP ?(.*)$/gm)) {
  const reason = m[2] || 'skipped';
  if (reason === 'test name does not match pattern') {
    unselected += 1; // left out by --grep: not a gap in what the server was checked for
    continue;
  }
  reasons.set(reason, [...(reasons.get(reason) ?? []), m[1]]);
}
if (reasons.size) {
  console.log('\nconformance: skipped');
  for (const [reason, names] of reasons) console.log(`  ${names.length} × ${reason}\n${names.map((n) => `      - ${n}`).join('\n')}`);
}
const skipped = [...reasons.values()].reduce((n, names) => n + names.length, 0);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nconformance: ${totals.tests - unselected} tests, ${totals.pass} passed, ${totals.fail} failed, ${skipped} skipped (tests or suites), ${totals.cancelled} cancelled in ${seconds} s` +
  (unselected ? ` (${unselected} not selected by --grep)` : '') +
  ` against ${env.TFA_BASE_URL ? `${env.TFA_BASE_URL}${env.TFA_API_BASE}` : 'the in-process mock'}`);
const failed = code !== 0 || !(totals.fail === 0 && totals.cancelled === 0 && totals.tests > 0);
process.exit(failed ? 1 : 0);

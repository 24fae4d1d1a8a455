/** Codes by email and SMS: lifetime, single use, resend, attempts, WebOTP, identifier-first. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Transaction } from '../../src/internal/contract.js';
import { assertProblem, assertRetryAfter, client, equalIfKnown, useServer } from './helpers.js';

const api = client(await useServer());
const { anna, bo, erik } = api.users;
const { limits } = api;
const CONTROL = { skip: api.needs('control') };
const MAX = limits.maxWrongCodes;
const COOLDOWN = limits.resendCooldownSeconds;
const LIFETIME = limits.codeLifetimeSeconds;

type CodeStep = Extract<Transaction['step'], { name: 'verify-code' }>;
function codeStep(tx: Transaction): CodeStep {
  assert.equal(tx.step.name, 'verify-code');
  return tx.step as CodeStep;
}

/** A code of the right length that is not `code` (without the control API: a fixed guess). */
const other = (code: string | undefined) => code === undefined
  ? '0'.repeat(limits.codeLength)
  : String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

/** The code sent to `to`, when the control API can tell. */
async function sentTo(to: string | undefined): Promise<string | undefined> {
  return api.caps.control ? (await api.lastTo(to)).code : undefined;
}

describe('email and SMS codes', () => {
  it('are random digits of the configured length, different each time', CONTROL, async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await api.password(anna);
      codes.add((await api.lastTo(anna.email)).code!);
    }
    for (const code of codes) assert.match(code, new RegExp(`^\\d{${limits.codeLength}}$`));
    assert.ok(codes.size >= 4, 'codes repeat too often');
  });

  it('expire after their lifetime on the mock clock', CONTROL, async () => {
    const tx = await api.password(anna);
    const { code } = await api.lastTo(anna.email);
    await api.advance(LIFETIME);
    assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 410, 'code_expired');
  });

  it('still work just before they expire', CONTROL, async () => {
    const tx = await api.password(anna);
    const { code } = await api.lastTo(anna.email);
    await api.advance(LIFETIME - 1);
    assert.equal((await api.post('/signin/code', { code }, tx.transactionToken)).status, 200);
  });

  it('are single use: an accepted code does not pass a second time', CONTROL, async () => {
    // erik: the identifying email code passes, the transaction moves on to the push step.
    const tx = await api.identify(erik);
    const { code } = await api.lastTo(erik.email);
    assert.equal((await api.post('/signin/code', { code }, tx.transactionToken)).status, 200);
    assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 409, 'wrong_step');
    // anna: the transaction is consumed by the sign-in.
    const first = await api.password(anna);
    const annaCode = (await api.lastTo(anna.email)).code;
    assert.equal((await api.post('/signin/code', { code: annaCode }, first.transactionToken)).status, 200);
    assertProblem(await api.post('/signin/code', { code: annaCode }, first.transactionToken), 401, 'transaction_not_found');
  });

  it('are bound to their transaction', CONTROL, async () => {
    const first = await api.password(anna);
    const firstCode = (await api.lastTo(anna.email)).code!;
    const second = await api.password(bo);
    const boCode = (await api.lastTo(bo.mobile)).code!;
    if (boCode !== firstCode) {
      assertProblem(await api.post('/signin/code', { code: boCode }, first.transactionToken), 400, 'invalid_code');
    }
    assert.equal((await api.post('/signin/code', { code: boCode }, second.transactionToken)).status, 200);
  });

  it('accept spaces and dashes ("123 456", "123-456")', CONTROL, async () => {
    for (const format of [(c: string) => `${c.slice(0, 3)} ${c.slice(3)}`, (c: string) => `${c.slice(0, 3)}-${c.slice(3)}`, (c: string) => ` ${c} `]) {
      const tx = await api.password(anna);
      const { code } = await api.lastTo(anna.email);
      const reply = await api.post('/signin/code', { code: format(code!) }, tx.transactionToken);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    }
  });

  it('refuse letters as a malformed request without counting an attempt', async () => {
    const tx = await api.password(anna);
    assertProblem(await api.post('/signin/code', { code: '12a456' }, tx.transactionToken), 400, 'invalid_request');
    const now = (await api.get('/signin', tx.transactionToken)).body as Transaction;
    assert.equal(codeStep(now).code.attemptsLeft, MAX);
  });
});

describe('wrong codes', () => {
  it('answer invalid_code with attemptsLeft, then too_many_attempts and close the transaction', async () => {
    const tx = await api.password(anna);
    const code = await sentTo(anna.email);
    for (let left = MAX - 1; left >= 1; left--) {
      const reply = await api.post('/signin/code', { code: other(code) }, tx.transactionToken);
      assert.equal(assertProblem(reply, 400, 'invalid_code').attemptsLeft, left);
    }
    assertProblem(await api.post('/signin/code', { code: other(code) }, tx.transactionToken), 403, 'too_many_attempts');
    // Closed: even the right code is refused now.
    assertProblem(await api.post('/signin/code', { code: code ?? '123456' }, tx.transactionToken), 401, 'transaction_not_found');
  });

  it('are shown in the step after a wrong code', async () => {
    const tx = await api.password(anna);
    await api.post('/signin/code', { code: other(await sentTo(anna.email)) }, tx.transactionToken);
    const now = (await api.get('/signin', tx.transactionToken)).body as Transaction;
    assert.equal(codeStep(now).code.attemptsLeft, MAX - 1);
  });

  it('are not forgiven by a resend', CONTROL, async () => {
    const tx = await api.password(anna);
    let { code } = await api.lastTo(anna.email);
    for (let i = 0; i < MAX - 1; i++) await api.post('/signin/code', { code: other(code) }, tx.transactionToken);
    await api.advance(COOLDOWN);
    const resent = await api.post('/signin/resend', undefined, tx.transactionToken);
    assert.equal(codeStep(resent.body as Transaction).code.attemptsLeft, 1);
    ({ code } = await api.lastTo(anna.email));
    assertProblem(await api.post('/signin/code', { code: other(code) }, tx.transactionToken), 403, 'too_many_attempts');
  });

  it('do not count an expired code', CONTROL, async () => {
    const tx = await api.password(anna);
    const { code } = await api.lastTo(anna.email);
    await api.advance(LIFETIME + 1);
    assertProblem(await api.post('/signin/code', { code: other(code) }, tx.transactionToken), 410, 'code_expired');
    const now = await api.get('/signin', tx.transactionToken);
    assert.equal(codeStep(now.body as Transaction).code.attemptsLeft, MAX);
  });
});

describe('resend', () => {
  it('is refused within the cooldown with 429, Retry-After and retryAfter', async () => {
    const tx = await api.password(anna);
    const early = await api.post('/signin/resend', undefined, tx.transactionToken);
    assertProblem(early, 429, 'resend_too_soon');
    assertRetryAfter(early, COOLDOWN - 2, COOLDOWN);
    if (api.caps.control) assert.equal((await api.outbox()).length, 1, 'nothing more was sent');
  });

  it('counts the cooldown down on the server\'s clock', CONTROL, async () => {
    const tx = await api.password(anna);
    await api.advance(COOLDOWN - 10);
    assertRetryAfter(await api.post('/signin/resend', undefined, tx.transactionToken), 9, 10);
    assert.equal((await api.outbox()).length, 1, 'nothing more was sent');
  });

  it('replaces the code after the cooldown: the old one stops working', CONTROL, async () => {
    const tx = await api.password(anna);
    const old = (await api.lastTo(anna.email)).code!;
    await api.advance(COOLDOWN);
    const resent = await api.post('/signin/resend', undefined, tx.transactionToken);
    assert.equal(resent.status, 200);
    const step = codeStep(resent.body as Transaction);
    assert.equal(Date.parse(step.code.resendAvailableAt) - Date.parse((resent.body as Transaction).serverTime), COOLDOWN * 1000);
    const fresh = (await api.lastTo(anna.email)).code!;
    assert.equal((await api.outbox()).length, 2);
    if (old !== fresh) assertProblem(await api.post('/signin/code', { code: old }, tx.transactionToken), 400, 'invalid_code');
    assert.equal((await api.post('/signin/code', { code: fresh }, tx.transactionToken)).status, 200);
  });

  it('is refused at a step without a code', async () => {
    const tx = await api.password(api.users.carl);
    assertProblem(await api.post('/signin/resend', undefined, tx.transactionToken), 409, 'wrong_step');
  });
});

describe('SMS', () => {
  it('goes to bo\'s mobile with the WebOTP line of the page\'s origin', CONTROL, async () => {
    const tx = await api.call('POST', api.apiPath('/signin/password'), {
      body: { username: bo.username, password: bo.password },
      headers: { Origin: 'https://portal.example.dk' },
    });
    const step = codeStep(tx.body as Transaction);
    assert.equal(step.method.kind, 'sms');
    equalIfKnown(step.method.maskedTarget, bo.maskedMobile);
    const sms = await api.lastTo(bo.mobile);
    assert.equal(sms.channel, 'sms');
    assert.ok(sms.text.endsWith(`\n@portal.example.dk #${sms.code}`), sms.text);
    assert.match(sms.text, /Din kode|Din engangskode/);
  });

  it('offers email as the alternative (Change Device)', async () => {
    const tx = await api.password(bo);
    assert.deepEqual(tx.alternatives.map((m) => m.kind), ['email']);
    const switched = await api.post('/signin/method', { methodId: tx.alternatives[0]!.id }, tx.transactionToken);
    assert.equal(switched.status, 200);
    const step = codeStep(switched.body as Transaction);
    assert.equal(step.method.kind, 'email');
    assert.deepEqual((switched.body as Transaction).alternatives.map((m) => m.kind), ['sms']);
    if (!api.caps.control) return;
    const mail = await api.lastTo(bo.email);
    assert.equal((await api.post('/signin/code', { code: mail.code }, tx.transactionToken)).status, 200);
  });

  it('cannot be re-sent by switching back and forth within the cooldown', async () => {
    const tx = await api.password(bo);
    const sms = tx.step.name === 'verify-code' ? tx.step.method.id : '';
    await api.post('/signin/method', { methodId: tx.alternatives[0]!.id }, tx.transactionToken);
    const back = await api.post('/signin/method', { methodId: sms }, tx.transactionToken);
    assertProblem(back, 429, 'resend_too_soon');
    if (api.caps.control) assert.equal((await api.outbox()).filter((m) => m.channel === 'sms').length, 1);
  });
});

describe('identifier-first (flow 2)', () => {
  /** `m_3f9a…` → `m_hhhh…`: ids of the same kind look alike. */
  const shape = (id: string) => id.replace(/[0-9a-f]/g, 'h');

  it('sends anna an email code and signs her in with it', CONTROL, async () => {
    const tx = await api.identify(anna);
    const step = codeStep(tx);
    equalIfKnown(step.method.maskedTarget, anna.maskedEmail);
    assert.deepEqual(tx.alternatives, []);
    assert.equal(tx.recoveryAvailable, false);
    const mail = await api.lastTo(anna.email);
    const done = await api.post('/signin/code', { code: `${mail.code!.slice(0, 3)} ${mail.code!.slice(3)}` }, tx.transactionToken);
    assert.equal((done.body as Transaction).step.name, 'done');
  });

  it('answers an unknown username with the same shape, and sends nothing', async () => {
    const known = await api.identify(anna);
    const unknown = await api.identify(`nobody-${randomUUID()}`);
    assert.equal(JSON.stringify(Object.keys(unknown)), JSON.stringify(Object.keys(known)));
    const k = codeStep(known);
    const u = codeStep(unknown);
    assert.deepEqual(Object.keys(u), Object.keys(k));
    assert.deepEqual(Object.keys(u.method).sort(), Object.keys(k.method).sort());
    assert.deepEqual(Object.keys(u.code).sort(), Object.keys(k.code).sort());
    assert.equal(u.method.kind, 'email');
    assert.match(u.method.maskedTarget!, /^[^@\s]+@[^@\s]+$/);
    if (anna.maskedEmail === 'a***@e*****.dk') assert.match(u.method.maskedTarget!, /^[a-z]\*\*\*@[a-z]\*\*\*\*\*\.[a-z]+$/);
    assert.equal(shape(u.method.id), shape(k.method.id));
    assert.equal(u.code.attemptsLeft, k.code.attemptsLeft);
    assert.deepEqual(unknown.alternatives, []);
    assert.equal(unknown.recoveryAvailable, false);
    if (api.caps.control) assert.equal((await api.outbox()).length, 1, 'only anna got a code');
  });

  it('gives an unknown username the same fake address every time', async () => {
    const name = `nobody-${randomUUID()}`;
    const a = codeStep(await api.identify(name)).method;
    const b = codeStep(await api.identify(name.toUpperCase())).method;
    const c = codeStep(await api.identify(`someone-${randomUUID()}`)).method;
    assert.deepEqual(a, b);
    assert.notEqual(a.id, c.id);
  });

  it('lets an unknown username guess codes only like a known one (attempts, then closed)', async () => {
    const tx = await api.identify(`nobody-${randomUUID()}`);
    for (let left = MAX - 1; left >= 1; left--) {
      assert.equal(assertProblem(await api.post('/signin/code', { code: '123456' }, tx.transactionToken), 400, 'invalid_code').attemptsLeft, left);
    }
    assertProblem(await api.post('/signin/code', { code: '123456' }, tx.transactionToken), 403, 'too_many_attempts');
  });

  it('throttles resends for unknown usernames like for known ones', async () => {
    const tx = await api.identify(`nobody-${randomUUID()}`);
    const early = await api.post('/signin/resend', undefined, tx.transactionToken);
    assertProblem(early, 429, 'resend_too_soon');
    assertRetryAfter(early, COOLDOWN - 2, COOLDOWN);
    if (!api.caps.control) return;
    await api.advance(COOLDOWN);
    assert.equal((await api.post('/signin/resend', undefined, tx.transactionToken)).status, 200);
    assert.deepEqual(await api.outbox(), []);
  });

  it('challenges erik\'s push after the email code, without email as a second factor', CONTROL, async () => {
    const tx = await api.identify(erik);
    const mail = await api.lastTo(erik.email);
    const next = (await api.post('/signin/code', { code: mail.code }, tx.transactionToken)).body as Transaction;
    assert.equal(next.step.name, 'push');
    if (next.step.name !== 'push') return;
    equalIfKnown(next.step.method.product, erik.product);
    assert.deepEqual(next.alternatives.map((m) => m.kind), ['sms']);
    assert.equal(next.recoveryAvailable, true);
  });

  it('challenges bo\'s SMS after the email code', CONTROL, async () => {
    const tx = await api.identify(bo);
    const mail = await api.lastTo(bo.email);
    const next = (await api.post('/signin/code', { code: mail.code }, tx.transactionToken)).body as Transaction;
    assert.equal(codeStep(next).method.kind, 'sms');
    assert.deepEqual(next.alternatives, []);
  });
});

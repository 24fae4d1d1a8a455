/** Codes by email and SMS: lifetime, single use, resend, attempts, WebOTP, identifier-first. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Transaction } from '../../src/internal/contract.js';
import { assertProblem, assertRetryAfter, client, useServer } from './helpers.js';

const holder = useServer();
const api = client(holder);

type CodeStep = Extract<Transaction['step'], { name: 'verify-code' }>;
function codeStep(tx: Transaction): CodeStep {
  assert.equal(tx.step.name, 'verify-code');
  return tx.step as CodeStep;
}

/** A 6-digit code that is not `code`. */
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('email and SMS codes', () => {
  it('are 6 random digits, different each time', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await api.password('anna');
      codes.add((await api.lastTo('anna@example.dk')).code!);
    }
    for (const code of codes) assert.match(code, /^\d{6}$/);
    assert.ok(codes.size >= 4, 'codes repeat too often');
  });

  it('expire after 5 minutes on the mock clock', async () => {
    const tx = await api.password('anna');
    const { code } = await api.lastTo('anna@example.dk');
    await api.advance(300);
    assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 410, 'code_expired');
  });

  it('still work just before they expire', async () => {
    const tx = await api.password('anna');
    const { code } = await api.lastTo('anna@example.dk');
    await api.advance(299);
    assert.equal((await api.post('/signin/code', { code }, tx.transactionToken)).status, 200);
  });

  it('are single use: an accepted code does not pass a second time', async () => {
    // erik: the identifying email code passes, the transaction moves on to the push step.
    const tx = await api.identify('erik');
    const { code } = await api.lastTo('erik@example.dk');
    assert.equal((await api.post('/signin/code', { code }, tx.transactionToken)).status, 200);
    assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 409, 'wrong_step');
    // anna: the transaction is consumed by the sign-in.
    const anna = await api.password('anna');
    const annaCode = (await api.lastTo('anna@example.dk')).code;
    assert.equal((await api.post('/signin/code', { code: annaCode }, anna.transactionToken)).status, 200);
    assertProblem(await api.post('/signin/code', { code: annaCode }, anna.transactionToken), 401, 'transaction_not_found');
  });

  it('are bound to their transaction', async () => {
    const first = await api.password('anna');
    const firstCode = (await api.lastTo('anna@example.dk')).code!;
    const second = await api.password('bo');
    const boCode = (await api.lastTo('+4520123456')).code!;
    if (boCode !== firstCode) {
      assertProblem(await api.post('/signin/code', { code: boCode }, first.transactionToken), 400, 'invalid_code');
    }
    assert.equal((await api.post('/signin/code', { code: boCode }, second.transactionToken)).status, 200);
  });

  it('accept spaces and dashes ("123 456", "123-456")', async () => {
    for (const format of [(c: string) => `${c.slice(0, 3)} ${c.slice(3)}`, (c: string) => `${c.slice(0, 3)}-${c.slice(3)}`, (c: string) => ` ${c} `]) {
      const tx = await api.password('anna');
      const { code } = await api.lastTo('anna@example.dk');
      const reply = await api.post('/signin/code', { code: format(code!) }, tx.transactionToken);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    }
  });

  it('refuse letters as a malformed request without counting an attempt', async () => {
    const tx = await api.password('anna');
    assertProblem(await api.post('/signin/code', { code: '12a456' }, tx.transactionToken), 400, 'invalid_request');
    const now = (await api.get('/signin', tx.transactionToken)).body as Transaction;
    assert.equal(codeStep(now).code.attemptsLeft, 5);
  });
});

describe('wrong codes', () => {
  it('answer invalid_code with attemptsLeft, then too_many_attempts and close the transaction', async () => {
    const tx = await api.password('anna');
    const { code } = await api.lastTo('anna@example.dk');
    for (let left = 4; left >= 1; left--) {
      const reply = await api.post('/signin/code', { code: other(code!) }, tx.transactionToken);
      assert.equal(assertProblem(reply, 400, 'invalid_code').attemptsLeft, left);
    }
    assertProblem(await api.post('/signin/code', { code: other(code!) }, tx.transactionToken), 403, 'too_many_attempts');
    // Closed: even the right code is refused now.
    assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 401, 'transaction_not_found');
  });

  it('are shown in the step after a wrong code', async () => {
    const tx = await api.password('anna');
    const { code } = await api.lastTo('anna@example.dk');
    await api.post('/signin/code', { code: other(code!) }, tx.transactionToken);
    const now = (await api.get('/signin', tx.transactionToken)).body as Transaction;
    assert.equal(codeStep(now).code.attemptsLeft, 4);
  });

  it('are not forgiven by a resend', async () => {
    const tx = await api.password('anna');
    let { code } = await api.lastTo('anna@example.dk');
    for (let i = 0; i < 4; i++) await api.post('/signin/code', { code: other(code!) }, tx.transactionToken);
    await api.advance(30);
    const resent = await api.post('/signin/resend', undefined, tx.transactionToken);
    assert.equal(codeStep(resent.body as Transaction).code.attemptsLeft, 1);
    ({ code } = await api.lastTo('anna@example.dk'));
    assertProblem(await api.post('/signin/code', { code: other(code!) }, tx.transactionToken), 403, 'too_many_attempts');
  });

  it('do not count an expired code', async () => {
    const tx = await api.password('anna');
    const { code } = await api.lastTo('anna@example.dk');
    await api.advance(301);
    assertProblem(await api.post('/signin/code', { code: other(code!) }, tx.transactionToken), 410, 'code_expired');
    await api.advance(0);
    const now = await api.get('/signin', tx.transactionToken);
    assert.equal(codeStep(now.body as Transaction).code.attemptsLeft, 5);
  });
});

describe('resend', () => {
  it('is refused within 30 s with 429, Retry-After and retryAfter', async () => {
    const tx = await api.password('anna');
    const early = await api.post('/signin/resend', undefined, tx.transactionToken);
    assertProblem(early, 429, 'resend_too_soon');
    assertRetryAfter(early, 29, 30);
    await api.advance(20);
    assertRetryAfter(await api.post('/signin/resend', undefined, tx.transactionToken), 9, 10);
    assert.equal((await api.outbox()).length, 1, 'nothing more was sent');
  });

  it('replaces the code after the cooldown: the old one stops working', async () => {
    const tx = await api.password('anna');
    const old = (await api.lastTo('anna@example.dk')).code!;
    await api.advance(30);
    const resent = await api.post('/signin/resend', undefined, tx.transactionToken);
    assert.equal(resent.status, 200);
    const step = codeStep(resent.body as Transaction);
    assert.equal(Date.parse(step.code.resendAvailableAt) - Date.parse((resent.body as Transaction).serverTime), 30_000);
    const fresh = (await api.lastTo('anna@example.dk')).code!;
    assert.equal((await api.outbox()).length, 2);
    if (old !== fresh) assertProblem(await api.post('/signin/code', { code: old }, tx.transactionToken), 400, 'invalid_code');
    assert.equal((await api.post('/signin/code', { code: fresh }, tx.transactionToken)).status, 200);
  });

  it('is refused at a step without a code', async () => {
    const tx = await api.password('carl');
    assertProblem(await api.post('/signin/resend', undefined, tx.transactionToken), 409, 'wrong_step');
  });
});

describe('SMS', () => {
  it('goes to bo\'s mobile with the WebOTP line of the page\'s origin', async () => {
    const tx = await api.call('POST', '/api/signin/password', {
      body: { username: 'bo', password: 'demo1234' },
      headers: { Origin: 'https://portal.example.dk' },
    });
    const step = codeStep(tx.body as Transaction);
    assert.equal(step.method.kind, 'sms');
    assert.equal(step.method.maskedTarget, '+45 •• •• •• 56');
    const sms = await api.lastTo('+4520123456');
    assert.equal(sms.channel, 'sms');
    assert.ok(sms.text.endsWith(`\n@portal.example.dk #${sms.code}`), sms.text);
    assert.match(sms.text, /Din kode|Din engangskode/);
  });

  it('offers email as the alternative (Change Device)', async () => {
    const tx = await api.password('bo');
    assert.deepEqual(tx.alternatives.map((m) => m.kind), ['email']);
    const switched = await api.post('/signin/method', { methodId: tx.alternatives[0]!.id }, tx.transactionToken);
    assert.equal(switched.status, 200);
    const step = codeStep(switched.body as Transaction);
    assert.equal(step.method.kind, 'email');
    assert.deepEqual((switched.body as Transaction).alternatives.map((m) => m.kind), ['sms']);
    const mail = await api.lastTo('bo@example.dk');
    assert.equal((await api.post('/signin/code', { code: mail.code }, tx.transactionToken)).status, 200);
  });

  it('cannot be re-sent by switching back and forth within the cooldown', async () => {
    const tx = await api.password('bo');
    const sms = tx.step.name === 'verify-code' ? tx.step.method.id : '';
    await api.post('/signin/method', { methodId: tx.alternatives[0]!.id }, tx.transactionToken);
    const back = await api.post('/signin/method', { methodId: sms }, tx.transactionToken);
    assertProblem(back, 429, 'resend_too_soon');
    assert.equal((await api.outbox()).filter((m) => m.channel === 'sms').length, 1);
  });
});

describe('identifier-first (flow 2)', () => {
  it('sends anna an email code and signs her in with it', async () => {
    const tx = await api.identify('anna');
    const step = codeStep(tx);
    assert.equal(step.method.maskedTarget, 'a***@e*****.dk');
    assert.deepEqual(tx.alternatives, []);
    assert.equal(tx.recoveryAvailable, false);
    const mail = await api.lastTo('anna@example.dk');
    const done = await api.post('/signin/code', { code: `${mail.code!.slice(0, 3)} ${mail.code!.slice(3)}` }, tx.transactionToken);
    assert.equal((done.body as Transaction).step.name, 'done');
  });

  it('answers an unknown username with the same shape, and sends nothing', async () => {
    const known = await api.identify('anna');
    const unknown = await api.identify('nobody-here');
    assert.equal(JSON.stringify(Object.keys(unknown)), JSON.stringify(Object.keys(known)));
    const k = codeStep(known);
    const u = codeStep(unknown);
    assert.deepEqual(Object.keys(u), Object.keys(k));
    assert.deepEqual(Object.keys(u.method).sort(), Object.keys(k.method).sort());
    assert.deepEqual(Object.keys(u.code).sort(), Object.keys(k.code).sort());
    assert.match(u.method.maskedTarget!, /^[a-z]\*\*\*@[a-z]\*\*\*\*\*\.[a-z]+$/);
    assert.match(u.method.id, /^m_[0-9a-f]{16}$/);
    assert.match(k.method.id, /^m_[0-9a-f]{16}$/);
    assert.equal(u.code.attemptsLeft, k.code.attemptsLeft);
    assert.deepEqual(unknown.alternatives, []);
    assert.equal((await api.outbox()).length, 1, 'only anna got a code');
  });

  it('gives an unknown username the same fake address every time', async () => {
    const a = codeStep(await api.identify('nobody-here')).method;
    const b = codeStep(await api.identify('NOBODY-HERE')).method;
    const c = codeStep(await api.identify('someone-else')).method;
    assert.deepEqual(a, b);
    assert.notEqual(a.id, c.id);
  });

  it('lets an unknown username guess codes only like a known one (attempts, then closed)', async () => {
    const tx = await api.identify('nobody-here');
    for (let left = 4; left >= 1; left--) {
      assert.equal(assertProblem(await api.post('/signin/code', { code: '123456' }, tx.transactionToken), 400, 'invalid_code').attemptsLeft, left);
    }
    assertProblem(await api.post('/signin/code', { code: '123456' }, tx.transactionToken), 403, 'too_many_attempts');
  });

  it('throttles resends for unknown usernames like for known ones', async () => {
    const tx = await api.identify('nobody-here');
    assertProblem(await api.post('/signin/resend', undefined, tx.transactionToken), 429, 'resend_too_soon');
    await api.advance(30);
    assert.equal((await api.post('/signin/resend', undefined, tx.transactionToken)).status, 200);
    assert.deepEqual(await api.outbox(), []);
  });

  it('challenges erik\'s Entrust push after the email code, without email as a second factor', async () => {
    const tx = await api.identify('erik');
    const mail = await api.lastTo('erik@example.dk');
    const next = (await api.post('/signin/code', { code: mail.code }, tx.transactionToken)).body as Transaction;
    assert.equal(next.step.name, 'push');
    if (next.step.name !== 'push') return;
    assert.equal(next.step.method.product, 'entrust-soft-token');
    assert.deepEqual(next.alternatives.map((m) => m.kind), ['sms']);
    assert.equal(next.recoveryAvailable, true);
  });

  it('challenges bo\'s SMS after the email code', async () => {
    const tx = await api.identify('bo');
    const mail = await api.lastTo('bo@example.dk');
    const next = (await api.post('/signin/code', { code: mail.code }, tx.transactionToken)).body as Transaction;
    assert.equal(codeStep(next).method.kind, 'sms');
    assert.deepEqual(next.alternatives, []);
  });
});

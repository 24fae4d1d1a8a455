/** Password sign-in, enumeration safety, lockout, sessions (flow 1 walked over real HTTP). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Session, Transaction } from '../../src/internal/contract.js';
import { assertProblem, assertRetryAfter, client, PASSWORD, useServer } from './helpers.js';

const holder = useServer();
const api = client(holder);

describe('flow 1: password + emailed code, walked like curl', () => {
  it('signs anna in and gives a new session token that reads the session', async () => {
    const start = await api.post('/signin/password', { username: 'anna', password: PASSWORD });
    assert.equal(start.status, 200);
    const tx = start.body as Transaction;
    assert.equal(tx.step.name, 'verify-code');
    if (tx.step.name !== 'verify-code') return;
    assert.deepEqual(tx.step.method.kind, 'email');
    assert.equal(tx.step.method.maskedTarget, 'a***@e*****.dk');
    assert.equal(tx.step.purpose, 'signin');
    assert.equal(tx.step.code.length, 6);
    assert.equal(tx.step.code.attemptsLeft, 5);
    assert.deepEqual(tx.alternatives, []);
    assert.equal(tx.recoveryAvailable, false);
    assert.ok(Math.abs(Date.parse(tx.serverTime) - api.now()) < 2000);
    assert.equal(Date.parse(tx.step.code.expiresAt) - Date.parse(tx.serverTime), 300_000);
    assert.equal(Date.parse(tx.step.code.resendAvailableAt) - Date.parse(tx.serverTime), 30_000);
    assert.equal(Date.parse(tx.expiresAt) - Date.parse(tx.serverTime), 15 * 60_000);

    const mail = await api.lastTo('anna@example.dk');
    assert.equal(mail.channel, 'email');
    assert.match(mail.code!, /^\d{6}$/);
    assert.ok(mail.text.includes(mail.code!), 'the email text carries the code');
    assert.match(mail.text, /Your sign-in code/);
    assert.match(mail.text, /Din engangskode/);

    const current = await api.get('/signin', tx.transactionToken);
    assert.equal(current.status, 200);
    assert.equal((current.body as Transaction).step.name, 'verify-code');

    const done = await api.post('/signin/code', { code: mail.code }, tx.transactionToken);
    assert.equal(done.status, 200);
    const finished = done.body as Transaction;
    assert.equal(finished.step.name, 'done');
    const session = finished.session!;
    assert.equal(session.user.username, 'anna');
    assert.equal(session.user.displayName, 'Anna Andersen');
    assert.notEqual(session.token, tx.transactionToken);
    assert.ok(session.token.length >= 40);
    assert.equal(Date.parse(session.expiresAt) - Date.parse(session.authenticatedAt), 8 * 3600_000);

    const read = await api.get('/session', session.token);
    assert.equal(read.status, 200);
    assert.equal((read.body as Session).user.username, 'anna');
  });

  it('consumes the transaction once done', async () => {
    const session = await api.signIn('anna');
    assert.ok(session.token);
    const tx = await api.password('anna');
    const mail = await api.lastTo('anna@example.dk');
    await api.post('/signin/code', { code: mail.code }, tx.transactionToken);
    assertProblem(await api.get('/signin', tx.transactionToken), 401, 'transaction_not_found');
    assertProblem(await api.post('/signin/code', { code: mail.code }, tx.transactionToken), 401, 'transaction_not_found');
  });

  it('refuses the transaction token at /session and /me', async () => {
    const tx = await api.password('anna');
    assertProblem(await api.get('/session', tx.transactionToken), 401, 'unauthenticated');
    assertProblem(await api.get('/me/methods', tx.transactionToken), 401, 'unauthenticated');
    assertProblem(await api.get('/me/contact', tx.transactionToken), 401, 'unauthenticated');
  });

  it('refuses a session token at /signin', async () => {
    const session = await api.signIn('anna');
    assertProblem(await api.get('/signin', session.token), 401, 'transaction_not_found');
  });

  it('signs out with DELETE /session', async () => {
    const session = await api.signIn('anna');
    const out = await api.del('/session', session.token);
    assert.equal(out.status, 204);
    assertProblem(await api.get('/session', session.token), 401, 'unauthenticated');
  });

  it('expires the session after its lifetime', async () => {
    const session = await api.signIn('anna');
    await api.advance(8 * 3600 + 1);
    assertProblem(await api.get('/session', session.token), 401, 'unauthenticated');
  });

  it('closes a transaction with DELETE /signin', async () => {
    const tx = await api.password('anna');
    assert.equal((await api.del('/signin', tx.transactionToken)).status, 204);
    assertProblem(await api.get('/signin', tx.transactionToken), 401, 'transaction_not_found');
  });

  it('expires the transaction after 15 minutes', async () => {
    const tx = await api.password('anna');
    await api.advance(15 * 60);
    assertProblem(await api.get('/signin', tx.transactionToken), 401, 'transaction_expired');
  });

  it('challenges each user\'s primary method', async () => {
    const steps: Record<string, string> = {};
    for (const username of ['anna', 'bo', 'carl', 'dorte', 'erik']) {
      steps[username] = (await api.password(username)).step.name;
    }
    assert.deepEqual(steps, { anna: 'verify-code', bo: 'verify-code', carl: 'verify-totp', dorte: 'push', erik: 'push' });
  });

  it('accepts the username in any letter case', async () => {
    const tx = await api.password('ANNA');
    assert.equal(tx.step.name, 'verify-code');
  });
});

describe('enumeration safety', () => {
  it('answers an unknown user and a wrong password with the same status and body', async () => {
    const unknown = await api.post('/signin/password', { username: 'nobody', password: PASSWORD });
    const wrong = await api.post('/signin/password', { username: 'anna', password: 'not-it' });
    assertProblem(unknown, 401, 'invalid_credentials');
    assertProblem(wrong, 401, 'invalid_credentials');
    assert.deepEqual(unknown.body, wrong.body);
    assert.deepEqual([...unknown.headers.keys()].filter((k) => k !== 'date'), [...wrong.headers.keys()].filter((k) => k !== 'date'));
  });

  it('takes roughly the same time for both (the candidate is hashed either way)', async () => {
    const time = async (username: string) => {
      const started = performance.now();
      await api.post('/signin/password', { username, password: 'not-it' });
      return performance.now() - started;
    };
    await time('anna'); // warm up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time('bo'));
      unknown.push(await time(`ghost${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    assert.ok(ratio > 0.33 && ratio < 3, `unknown/known time ratio ${ratio.toFixed(2)}`);
  });

  it('sends nothing on a wrong password', async () => {
    await api.post('/signin/password', { username: 'anna', password: 'not-it' });
    assert.deepEqual(await api.outbox(), []);
  });
});

describe('lockout', () => {
  async function fail(username: string, times: number) {
    for (let i = 0; i < times; i++) {
      assertProblem(await api.post('/signin/password', { username, password: `wrong-${i}` }), 401, 'invalid_credentials');
    }
  }

  it('locks a username after 10 failures in 15 minutes, even with the right password', async () => {
    await fail('anna', 10);
    const locked = await api.post('/signin/password', { username: 'anna', password: PASSWORD });
    assertProblem(locked, 429, 'locked_out');
    assertRetryAfter(locked, 15 * 60 - 5, 15 * 60);
  });

  it('locks unknown usernames the same way', async () => {
    await fail('ghost', 10);
    const locked = await api.post('/signin/password', { username: 'ghost', password: PASSWORD });
    assertProblem(locked, 429, 'locked_out');
    assertRetryAfter(locked, 15 * 60 - 5, 15 * 60);
  });

  it('locks identifier-first sign-in of a locked username too', async () => {
    await fail('anna', 10);
    assertProblem(await api.post('/signin/identify', { username: 'anna' }), 429, 'locked_out');
  });

  it('does not lock after 9 failures, and a success clears the count', async () => {
    await fail('anna', 9);
    await api.password('anna');
    await fail('anna', 9);
    await api.password('anna');
  });

  it('lets the username in again when the window has passed', async () => {
    await fail('anna', 10);
    await api.advance(15 * 60 + 1);
    await api.password('anna');
  });

  it('locks one username without touching another', async () => {
    await fail('anna', 10);
    await api.password('bo');
  });
});

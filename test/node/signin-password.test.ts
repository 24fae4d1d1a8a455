/** Password sign-in, enumeration safety, lockout, sessions (flow 1 walked over real HTTP). */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Session, Transaction } from '../../src/internal/contract.js';
import { assertProblem, assertRetryAfter, client, equalIfKnown, useServer } from './helpers.js';

const api = client(await useServer());
const { anna, bo, carl, dorte, erik } = api.users;
const { limits } = api;
const CONTROL = { skip: api.needs('control') };
/** A username no server knows. */
const ghost = () => `ghost-${randomUUID()}`;

describe('flow 1: password + emailed code, walked like curl', () => {
  it('signs anna in and gives a new session token that reads the session', CONTROL, async () => {
    const start = await api.post('/signin/password', { username: anna.username, password: anna.password });
    assert.equal(start.status, 200);
    const tx = start.body as Transaction;
    assert.equal(tx.step.name, 'verify-code');
    if (tx.step.name !== 'verify-code') return;
    assert.deepEqual(tx.step.method.kind, 'email');
    equalIfKnown(tx.step.method.maskedTarget, anna.maskedEmail);
    assert.equal(tx.step.purpose, 'signin');
    assert.equal(tx.step.code.length, limits.codeLength);
    assert.equal(tx.step.code.attemptsLeft, limits.maxWrongCodes);
    assert.deepEqual(tx.alternatives, []);
    assert.equal(tx.recoveryAvailable, false);
    assert.ok(Math.abs(Date.parse(tx.serverTime) - api.now()) < 2000);
    assert.equal(Date.parse(tx.step.code.expiresAt) - Date.parse(tx.serverTime), limits.codeLifetimeSeconds * 1000);
    assert.equal(Date.parse(tx.step.code.resendAvailableAt) - Date.parse(tx.serverTime), limits.resendCooldownSeconds * 1000);
    assert.equal(Date.parse(tx.expiresAt) - Date.parse(tx.serverTime), limits.transactionLifetimeSeconds * 1000);

    const mail = await api.lastTo(anna.email);
    assert.equal(mail.channel, 'email');
    assert.match(mail.code!, new RegExp(`^\\d{${limits.codeLength}}$`));
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
    assert.equal(session.user.username, anna.username);
    equalIfKnown(session.user.displayName, anna.displayName);
    assert.notEqual(session.token, tx.transactionToken);
    assert.ok(session.token.length >= 40);
    assert.equal(Date.parse(session.expiresAt) - Date.parse(session.authenticatedAt), limits.sessionLifetimeSeconds * 1000);

    const read = await api.get('/session', session.token);
    assert.equal(read.status, 200);
    assert.equal((read.body as Session).user.username, anna.username);
  });

  it('consumes the transaction once done', CONTROL, async () => {
    const tx = await api.password(anna);
    const mail = await api.lastTo(anna.email);
    await api.post('/signin/code', { code: mail.code }, tx.transactionToken);
    assertProblem(await api.get('/signin', tx.transactionToken), 401, 'transaction_not_found');
    assertProblem(await api.post('/signin/code', { code: mail.code }, tx.transactionToken), 401, 'transaction_not_found');
  });

  it('gives a new session token after the second factor (TOTP, no control API needed)', async () => {
    const session = await api.signInTotp();
    assert.equal(session.user.username, carl.username);
    assert.ok(session.token.length >= 40);
    assert.equal(((await api.get('/session', session.token)).body as Session).user.username, carl.username);
  });

  it('refuses the transaction token at /session and /me', async () => {
    const tx = await api.password(anna);
    assertProblem(await api.get('/session', tx.transactionToken), 401, 'unauthenticated');
    assertProblem(await api.get('/me/methods', tx.transactionToken), 401, 'unauthenticated');
    assertProblem(await api.get('/me/contact', tx.transactionToken), 401, 'unauthenticated');
    assertProblem(await api.post('/session/step-up', undefined, tx.transactionToken), 401, 'unauthenticated');
    assertProblem(await api.put('/me/methods/order', { methodIds: [] }, tx.transactionToken), 401, 'unauthenticated');
  });

  it('refuses a session token at /signin', async () => {
    const session = await api.anySession();
    assertProblem(await api.get('/signin', session.token), 401, 'transaction_not_found');
    assertProblem(await api.post('/signin/code', { code: '123456' }, session.token), 401, 'transaction_not_found');
  });

  it('signs out with DELETE /session', async () => {
    const session = await api.anySession();
    const out = await api.del('/session', session.token);
    assert.equal(out.status, 204);
    assertProblem(await api.get('/session', session.token), 401, 'unauthenticated');
  });

  it('expires the session after its lifetime', CONTROL, async () => {
    const session = await api.signIn(anna);
    await api.advance(limits.sessionLifetimeSeconds + 1);
    assertProblem(await api.get('/session', session.token), 401, 'unauthenticated');
  });

  it('closes a transaction with DELETE /signin', async () => {
    const tx = await api.password(anna);
    assert.equal((await api.del('/signin', tx.transactionToken)).status, 204);
    assertProblem(await api.get('/signin', tx.transactionToken), 401, 'transaction_not_found');
  });

  it('expires the transaction after its lifetime', CONTROL, async () => {
    const tx = await api.password(anna);
    await api.advance(limits.transactionLifetimeSeconds);
    assertProblem(await api.get('/signin', tx.transactionToken), 401, 'transaction_expired');
  });

  it('challenges each user\'s primary method', async () => {
    const steps: Record<string, string> = {};
    for (const user of [anna, bo, carl, dorte, erik]) {
      const tx = await api.password(user);
      steps[user.username] = tx.step.name;
      await api.del('/signin', tx.transactionToken);
    }
    assert.deepEqual(steps, {
      [anna.username]: 'verify-code', [bo.username]: 'verify-code', [carl.username]: 'verify-totp',
      [dorte.username]: 'push', [erik.username]: 'push',
    });
  });

  it('accepts the username in any letter case', async () => {
    const tx = await api.password(anna.username.toUpperCase(), anna.password);
    assert.equal(tx.step.name, 'verify-code');
  });
});

describe('enumeration safety', () => {
  it('answers an unknown user and a wrong password with the same status and body', async () => {
    const unknown = await api.post('/signin/password', { username: ghost(), password: anna.password });
    const wrong = await api.post('/signin/password', { username: anna.username, password: 'not-it' });
    assertProblem(unknown, 401, 'invalid_credentials');
    assertProblem(wrong, 401, 'invalid_credentials');
    assert.deepEqual(unknown.body, wrong.body);
    assert.deepEqual([...unknown.headers.keys()].filter((k) => k !== 'date'), [...wrong.headers.keys()].filter((k) => k !== 'date'));
    await api.password(anna); // a success clears the failure count
  });

  it('takes roughly the same time for both (the candidate is hashed either way)', async () => {
    const time = async (username: string) => {
      const started = performance.now();
      await api.post('/signin/password', { username, password: 'not-it' });
      return performance.now() - started;
    };
    await time(anna.username); // warm up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time(bo.username));
      unknown.push(await time(ghost()));
    }
    await api.password(bo);
    await api.password(anna);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    assert.ok(ratio > 0.33 && ratio < 3, `unknown/known time ratio ${ratio.toFixed(2)}`);
  });

  it('sends nothing on a wrong password', CONTROL, async () => {
    await api.post('/signin/password', { username: anna.username, password: 'not-it' });
    assert.deepEqual(await api.outbox(), []);
  });
});

describe('lockout', () => {
  const threshold = limits.lockoutThreshold;
  const windowSeconds = limits.lockoutWindowSeconds;
  async function fail(username: string, times: number) {
    for (let i = 0; i < times; i++) {
      assertProblem(await api.post('/signin/password', { username, password: `wrong-${i}` }), 401, 'invalid_credentials');
    }
  }

  it('locks a username after the threshold of failures, even with the right password', CONTROL, async () => {
    await fail(anna.username, threshold);
    const locked = await api.post('/signin/password', { username: anna.username, password: anna.password });
    assertProblem(locked, 429, 'locked_out');
    assertRetryAfter(locked, windowSeconds - 5, windowSeconds);
  });

  it('locks unknown usernames the same way', async () => {
    const name = ghost();
    await fail(name, threshold);
    const locked = await api.post('/signin/password', { username: name, password: anna.password });
    assertProblem(locked, 429, 'locked_out');
    assertRetryAfter(locked, windowSeconds - 5, windowSeconds);
  });

  it('locks identifier-first sign-in of a locked username too', async () => {
    const name = ghost();
    await fail(name, threshold);
    assertProblem(await api.post('/signin/identify', { username: name }), 429, 'locked_out');
  });

  it('does not lock one failure before the threshold, and a success clears the count', async () => {
    await api.password(anna);
    await fail(anna.username, threshold - 1);
    await api.password(anna);
    await fail(anna.username, threshold - 1);
    await api.password(anna);
  });

  it('lets the username in again when the window has passed', CONTROL, async () => {
    await fail(anna.username, threshold);
    await api.advance(windowSeconds + 1);
    await api.password(anna);
  });

  it('locks one username without touching another', CONTROL, async () => {
    await fail(anna.username, threshold);
    await api.password(bo);
  });
});

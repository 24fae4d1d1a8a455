/** Authenticator apps, push approval, Change Device and recovery over real HTTP. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { Transaction } from '../../src/internal/contract.js';
import { assertProblem, assertRetryAfter, client, equalIfKnown, useServer } from './helpers.js';

const api = client(await useServer());
const { anna, carl, dorte, erik } = api.users;
const { limits } = api;
const CONTROL = { skip: api.needs('control') };
const MAX = limits.maxWrongCodes;

/** The code carl's app shows on the server's clock, `steps` periods away. */
const totpAt = (steps: number) => api.totp(carl.totpSecret, steps);

type PushStep = Extract<Transaction['step'], { name: 'push' }>;
function pushStep(tx: Transaction): PushStep {
  assert.equal(tx.step.name, 'push', JSON.stringify(tx.step));
  return tx.step as PushStep;
}

describe('authenticator app (TOTP, flow 4)', () => {
  it('shows carl the app step, with email as the alternative and recovery offered', async () => {
    const tx = await api.password(carl);
    assert.equal(tx.step.name, 'verify-totp');
    if (tx.step.name !== 'verify-totp') return;
    equalIfKnown(tx.step.method.product, carl.product);
    assert.equal(tx.step.method.kind, 'totp');
    assert.equal(tx.step.method.maskedTarget, undefined);
    assert.equal(tx.step.attemptsLeft, MAX);
    assert.equal(tx.recoveryAvailable, true);
    assert.deepEqual(tx.alternatives.map((m) => m.kind), ['email']);
  });

  it('signs carl in with the current code', CONTROL, async () => {
    await api.awayFromStepBoundary();
    const tx = await api.password(carl);
    const done = await api.post('/signin/code', { code: await totpAt(0) }, tx.transactionToken);
    assert.equal((done.body as Transaction).step.name, 'done');
  });

  it('accepts a code from oathtool', { skip: api.needs('control') || (!hasOathtool() && 'oathtool not installed') }, async () => {
    await api.awayFromStepBoundary();
    const tx = await api.password(carl);
    const code = execFileSync('oathtool', ['--totp', '-b', carl.totpSecret!, `--now=@${Math.floor(api.now() / 1000)}`]).toString().trim();
    const done = await api.post('/signin/code', { code }, tx.transactionToken);
    assert.equal(done.status, 200, JSON.stringify(done.body));
  });

  for (const steps of [-1, 1]) {
    it(`accepts the code one step ${steps < 0 ? 'behind' : 'ahead'}`, CONTROL, async () => {
      await api.awayFromStepBoundary();
      const tx = await api.password(carl);
      const done = await api.post('/signin/code', { code: await totpAt(steps) }, tx.transactionToken);
      assert.equal(done.status, 200, JSON.stringify(done.body));
    });
  }

  for (const steps of [-2, 2]) {
    it(`refuses the code two steps ${steps < 0 ? 'behind' : 'ahead'}`, async () => {
      await api.awayFromStepBoundary();
      const tx = await api.password(carl);
      const code = await totpAt(steps);
      // Skip the rare case where that code equals one inside the window.
      const inside = await Promise.all([-1, 0, 1].map(totpAt));
      if (inside.includes(code)) return;
      assert.equal(assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 400, 'invalid_code').attemptsLeft, MAX - 1);
    });
  }

  it('follows the mock clock', CONTROL, async () => {
    const code = await totpAt(0);
    await api.advance(120);
    const tx = await api.password(carl);
    if ((await Promise.all([-1, 0, 1].map(totpAt))).includes(code)) return;
    assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 400, 'invalid_code');
  });

  it('never accepts the same time step twice (replay)', CONTROL, async () => {
    await api.awayFromStepBoundary(3000);
    const code = await totpAt(0);
    const first = await api.password(carl);
    assert.equal((await api.post('/signin/code', { code }, first.transactionToken)).status, 200);
    const second = await api.password(carl);
    assertProblem(await api.post('/signin/code', { code }, second.transactionToken), 409, 'code_already_used');
    // An earlier step is refused too once a later one was accepted.
    assertProblem(await api.post('/signin/code', { code: await totpAt(-1) }, second.transactionToken), 409, 'code_already_used');
    // The next step works.
    assert.equal((await api.post('/signin/code', { code: await totpAt(1) }, second.transactionToken)).status, 200);
  });

  it('closes the transaction after the last wrong code', async () => {
    await api.awayFromStepBoundary();
    const tx = await api.password(carl);
    const inside = await Promise.all([-1, 0, 1].map(totpAt));
    const wrong = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777', '888888', '999999']
      .filter((c) => !inside.includes(c));
    for (let i = 0; i < MAX - 1; i++) assertProblem(await api.post('/signin/code', { code: wrong[i % wrong.length] }, tx.transactionToken), 400, 'invalid_code');
    assertProblem(await api.post('/signin/code', { code: wrong[0] }, tx.transactionToken), 403, 'too_many_attempts');
    assertProblem(await api.post('/signin/code', { code: await totpAt(0) }, tx.transactionToken), 401, 'transaction_not_found');
  });

  it('shows current codes in the control API at the mock clock', CONTROL, async () => {
    await api.awayFromStepBoundary();
    const list = (await api.call('GET', '/__mock/authenticators')).body as { username: string; product: string; code: string; validForSeconds: number }[];
    const app = list.find((a) => a.username === carl.username)!;
    equalIfKnown(app.product, carl.product);
    assert.equal(app.code, await totpAt(0));
    assert.ok(app.validForSeconds >= 1 && app.validForSeconds <= 30);
  });
});

describe('push (flow 5)', () => {
  it('shows dorte a pending push with a number to match', async () => {
    const tx = await api.password(dorte);
    const step = pushStep(tx);
    equalIfKnown(step.method.product, dorte.product);
    assert.equal(step.push.status, 'pending');
    assert.equal(step.push.retriesLeft, limits.maxPushesPerTransaction - 1);
    if (limits.numberMatching) assert.ok(step.push.number! >= 10 && step.push.number! <= 99);
    assert.equal(Date.parse(step.push.expiresAt) - Date.parse(tx.serverTime), limits.pushLifetimeSeconds * 1000);
    assert.equal(tx.recoveryAvailable, true);
    assert.ok(!('choices' in step.push), 'choices are for the phone only');
    assert.equal(pushStep((await api.get('/signin', tx.transactionToken)).body).push.status, 'pending');
    await api.del('/signin', tx.transactionToken);
  });

  it('signs dorte in once approved with the right number', CONTROL, async () => {
    const tx = await api.password(dorte);
    const step = pushStep(tx);
    const [item] = await api.pushes();
    assert.equal(item!.id, step.push.id);
    assert.equal(item!.username, dorte.username);
    assert.equal(item!.choices!.length, 3);
    assert.ok(item!.choices!.includes(step.push.number!));
    assert.equal(new Set(item!.choices).size, 3);

    assert.equal((await api.approve(step.push.id, step.push.number)).status, 200);
    const done = (await api.get('/signin', tx.transactionToken)).body as Transaction;
    assert.equal(done.step.name, 'done');
    assert.equal(done.session!.user.username, dorte.username);
    assert.notEqual(done.session!.token, tx.transactionToken);
    assertProblem(await api.get('/signin', tx.transactionToken), 401, 'transaction_not_found');
  });

  it('counts a wrong number as a denial', CONTROL, async () => {
    const tx = await api.password(dorte);
    const { push } = pushStep(tx);
    const wrong = push.number === 99 ? 98 : push.number! + 1;
    assert.equal(((await api.approve(push.id, wrong)).body as { status: string }).status, 'denied');
    const now = (await api.get('/signin', tx.transactionToken)).body as Transaction;
    assert.equal(pushStep(now).push.status, 'denied');
  });

  it('needs the number when number matching is on', CONTROL, async () => {
    const tx = await api.password(dorte);
    assertProblem(await api.approve(pushStep(tx).push.id), 400, 'invalid_request');
  });

  it('reads denied after a deny on the phone', CONTROL, async () => {
    const tx = await api.password(dorte);
    const { push } = pushStep(tx);
    assert.equal((await api.call('POST', `/__mock/push/${push.id}/deny`)).status, 200);
    assert.equal(pushStep((await api.get('/signin', tx.transactionToken)).body).push.status, 'denied');
    assertProblem(await api.approve(push.id, push.number), 409, 'wrong_step');
  });

  it('expires after its lifetime on the mock clock and cannot be approved then', CONTROL, async () => {
    const tx = await api.password(dorte);
    const { push } = pushStep(tx);
    await api.advance(limits.pushLifetimeSeconds - 1);
    assert.equal(pushStep((await api.get('/signin', tx.transactionToken)).body).push.status, 'pending');
    await api.advance(1);
    assert.equal(pushStep((await api.get('/signin', tx.transactionToken)).body).push.status, 'expired');
    assertProblem(await api.approve(push.id, push.number), 409, 'push_expired');
  });

  it('retries with a new request and cancels the old one (Retry mobile)', async () => {
    const tx = await api.password(dorte);
    const old = pushStep(tx).push;
    const retried = await api.post('/signin/push/retry', undefined, tx.transactionToken);
    const fresh = pushStep(retried.body).push;
    assert.notEqual(fresh.id, old.id);
    assert.equal(fresh.retriesLeft, limits.maxPushesPerTransaction - 2);
    if (!api.caps.control) return;
    assertProblem(await api.approve(old.id, old.number), 409, 'wrong_step');
    await api.approve(fresh.id, fresh.number);
    assert.equal(((await api.get('/signin', tx.transactionToken)).body as Transaction).step.name, 'done');
  });

  it('allows the limit of pushes per transaction, then 429 too_many_pushes', async () => {
    const tx = await api.password(dorte);
    for (let i = 1; i < limits.maxPushesPerTransaction; i++) {
      assert.equal((await api.post('/signin/push/retry', undefined, tx.transactionToken)).status, 200);
    }
    const refused = await api.post('/signin/push/retry', undefined, tx.transactionToken);
    assertProblem(refused, 429, 'too_many_pushes');
    assertRetryAfter(refused, 1, limits.transactionLifetimeSeconds);
    if (api.caps.control) assert.equal((await api.pushes()).length, limits.maxPushesPerTransaction);
  });

  it('refuses retry and code at a step without a push', async () => {
    const first = await api.password(anna);
    assertProblem(await api.post('/signin/push/retry', undefined, first.transactionToken), 409, 'wrong_step');
    const second = await api.password(dorte);
    assertProblem(await api.post('/signin/code', { code: '123456' }, second.transactionToken), 409, 'wrong_step');
  });
});

describe('Change Device (flow 6)', () => {
  it('switches erik from push to SMS and cancels the push', async () => {
    const tx = await api.password(erik);
    const { push } = pushStep(tx);
    assert.deepEqual(tx.alternatives.map((m) => m.kind), ['sms', 'email']);
    const sms = tx.alternatives.find((m) => m.kind === 'sms')!;
    const switched = (await api.post('/signin/method', { methodId: sms.id }, tx.transactionToken)).body as Transaction;
    assert.equal(switched.step.name, 'verify-code');
    assert.deepEqual(switched.alternatives.map((m) => m.kind), ['push', 'email']);
    if (!api.caps.control) return;
    assert.equal((await api.pushes()).find((p) => p.id === push.id)!.status, 'cancelled');
    const code = (await api.lastTo(erik.mobile)).code;
    assert.equal(((await api.post('/signin/code', { code }, tx.transactionToken)).body as Transaction).step.name, 'done');
  });

  it('refuses an unknown method id, and the current one', async () => {
    const tx = await api.password(erik);
    assertProblem(await api.post('/signin/method', { methodId: 'm_0000000000000000' }, tx.transactionToken), 404, 'not_found');
    assertProblem(await api.post('/signin/method', { methodId: pushStep(tx).method.id }, tx.transactionToken), 404, 'not_found');
  });

  it('offers nothing to a user with one method', async () => {
    const tx = await api.password(anna);
    assert.deepEqual(tx.alternatives, []);
  });

  it('counts pushes made by switching back to push', async () => {
    const tx = await api.password(erik);
    const sms = tx.alternatives.find((m) => m.kind === 'sms')!;
    const pushMethod = pushStep(tx).method.id;
    await api.post('/signin/method', { methodId: sms.id }, tx.transactionToken);
    const back = (await api.post('/signin/method', { methodId: pushMethod }, tx.transactionToken)).body as Transaction;
    assert.equal(pushStep(back).push.retriesLeft, limits.maxPushesPerTransaction - 2);
  });
});

describe('recovery: Forgot your device? (flow 7)', () => {
  it('signs dorte in with an email code and notifies her', CONTROL, async () => {
    const tx = await api.password(dorte);
    const { push } = pushStep(tx);
    const confirm = (await api.post('/signin/recovery', undefined, tx.transactionToken)).body as Transaction;
    assert.equal(confirm.step.name, 'recovery-confirm');
    if (confirm.step.name !== 'recovery-confirm') return;
    equalIfKnown(confirm.step.method.maskedTarget, dorte.maskedEmail);
    assert.equal((await api.pushes()).find((p) => p.id === push.id)!.status, 'cancelled');
    assert.deepEqual(await api.outbox(), [], 'nothing sent before "Next"');

    const sent = (await api.post('/signin/recovery/send', undefined, tx.transactionToken)).body as Transaction;
    assert.equal(sent.step.name, 'verify-code');
    if (sent.step.name !== 'verify-code') return;
    assert.equal(sent.step.purpose, 'recovery');
    assert.equal(sent.recoveryAvailable, false);
    const mail = await api.lastTo(dorte.email);
    assert.match(mail.text, /recovery code/);

    assertProblem(await api.post('/signin/resend', undefined, tx.transactionToken), 429, 'resend_too_soon');
    const done = (await api.post('/signin/code', { code: mail.code }, tx.transactionToken)).body as Transaction;
    assert.equal(done.step.name, 'done');
    const notice = await api.lastTo(dorte.email);
    assert.equal(notice.code, undefined);
    assert.match(notice.text, /signed in with a recovery code/);
  });

  it('shows the email to confirm, and sends the code only on "Next"', async () => {
    const tx = await api.password(dorte);
    const confirm = (await api.post('/signin/recovery', undefined, tx.transactionToken)).body as Transaction;
    assert.equal(confirm.step.name, 'recovery-confirm');
    assert.equal(confirm.recoveryAvailable, false);
    const sent = (await api.post('/signin/recovery/send', undefined, tx.transactionToken)).body as Transaction;
    assert.equal(sent.step.name === 'verify-code' && sent.step.purpose, 'recovery');
  });

  it('is offered at the app step too (carl)', async () => {
    const tx = await api.password(carl);
    assert.equal((await api.post('/signin/recovery', undefined, tx.transactionToken)).status, 200);
  });

  it('is refused before the first factor passed (identifier-first code step)', async () => {
    const tx = await api.identify(erik);
    assert.equal(tx.recoveryAvailable, false);
    assertProblem(await api.post('/signin/recovery', undefined, tx.transactionToken), 409, 'wrong_step');
    assertProblem(await api.post('/signin/recovery/send', undefined, tx.transactionToken), 409, 'wrong_step');
  });

  it('is refused at an email step and without the confirm step', async () => {
    const tx = await api.password(anna);
    assertProblem(await api.post('/signin/recovery', undefined, tx.transactionToken), 409, 'wrong_step');
    const push = await api.password(dorte);
    assertProblem(await api.post('/signin/recovery/send', undefined, push.transactionToken), 409, 'wrong_step');
  });

  it('counts wrong recovery codes like any code', async () => {
    const tx = await api.password(dorte);
    await api.post('/signin/recovery', undefined, tx.transactionToken);
    await api.post('/signin/recovery/send', undefined, tx.transactionToken);
    const code = api.caps.control ? (await api.lastTo(dorte.email)).code : undefined;
    const wrong = code === '000000' ? '000001' : '000000';
    assert.equal(assertProblem(await api.post('/signin/code', { code: wrong }, tx.transactionToken), 400, 'invalid_code').attemptsLeft, MAX - 1);
  });
});

function hasOathtool(): boolean {
  try {
    execFileSync('oathtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Settings: sessions with step-up, reorder, remove, enrollments, contact details. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGuardrails, generate } from 'otplib';
import type { ContactDetails, Enrollment, MethodList, PendingMobileChange, Transaction } from '../../src/internal/contract.js';
import { createBackend } from '../../mock-server/backend.js';
import { createMockFetch } from '../../mock-server/in-process.js';
import { assertProblem, assertRetryAfter, client, equalIfKnown, useServer } from './helpers.js';

const api = client(await useServer());
const { anna, bo, carl, dorte } = api.users;
const { limits } = api;
const CONTROL = { skip: api.needs('control') };
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const totp = (secret: string | undefined, steps = 0) => api.totp(secret, steps);

async function methodsOf(token: string) {
  const reply = await api.get('/me/methods', token);
  assert.equal(reply.status, 200);
  return (reply.body as MethodList).methods;
}

/** carl's session, signed in with his app's code. */
async function signInCarl(): Promise<string> {
  return (await api.signInTotp(carl)).token;
}

describe('method list', () => {
  it('lists bo\'s methods primary first with removability', CONTROL, async () => {
    const { token } = await api.signIn(bo);
    const methods = await methodsOf(token);
    assert.deepEqual(methods.map((m) => [m.product, m.primary, m.removable, m.notRemovableReason]), [
      ['sms', true, true, undefined],
      ['email', false, false, 'email_not_removable'],
    ]);
    equalIfKnown(methods[0]!.maskedTarget, bo.maskedMobile);
    assert.ok(!JSON.stringify(methods).includes('secret'));
  });

  it('lists carl\'s app first and never shows a TOTP secret', async () => {
    const body = JSON.stringify(await methodsOf(await signInCarl()));
    const methods = JSON.parse(body) as MethodList['methods'];
    assert.deepEqual(methods.map((m) => [m.kind, m.primary]), [['totp', true], ['email', false]]);
    assert.ok(!body.includes(carl.totpSecret!));
    assert.ok(!body.includes('secret'));
  });
});

describe('step-up window', () => {
  it('answers step_up_required after the window, and step-up refreshes the same session', CONTROL, async () => {
    const session = await api.signIn(bo);
    const methods = await methodsOf(session.token);
    await api.advance(limits.stepUpWindowSeconds + 1);
    const ids = methods.map((m) => m.id).reverse();
    assertProblem(await api.put('/me/methods/order', { methodIds: ids }, session.token), 403, 'step_up_required');
    assertProblem(await api.post('/me/enrollments', { product: 'pingid' }, session.token), 403, 'step_up_required');
    assertProblem(await api.post('/me/contact/mobile', { mobile: '+45 40 11 22 33' }, session.token), 403, 'step_up_required');
    assertProblem(await api.del(`/me/methods/${methods[0]!.id}`, session.token), 403, 'step_up_required');
    assert.equal((await api.get('/me/methods', session.token)).status, 200, 'reading needs no step-up');

    const tx = (await api.post('/session/step-up', undefined, session.token)).body as Transaction;
    assert.equal(tx.step.name, 'verify-code');
    assert.notEqual(tx.transactionToken, session.token);
    const sms = await api.lastTo(bo.mobile);
    const done = (await api.post('/signin/code', { code: sms.code }, tx.transactionToken)).body as Transaction;
    assert.equal(done.step.name, 'done');
    assert.equal(done.session!.token, session.token, 'the same session');
    assert.ok(Date.parse(done.session!.authenticatedAt) > Date.parse(session.authenticatedAt));
    assert.equal((await api.put('/me/methods/order', { methodIds: ids }, session.token)).status, 200);
  });

  it('allows changes within the window', CONTROL, async () => {
    const session = await api.signIn(bo);
    await api.advance(limits.stepUpWindowSeconds - 1);
    const ids = (await methodsOf(session.token)).map((m) => m.id).reverse();
    assert.equal((await api.put('/me/methods/order', { methodIds: ids }, session.token)).status, 200);
  });

  it('needs a session for step-up', async () => {
    const tx = await api.password(bo);
    assertProblem(await api.post('/session/step-up', undefined, tx.transactionToken), 401, 'unauthenticated');
  });

  it('challenges the primary method at step-up, with a transaction token that is not a session', async () => {
    const token = await signInCarl();
    const tx = (await api.post('/session/step-up', undefined, token)).body as Transaction;
    assert.equal(tx.step.name, 'verify-totp');
    assertProblem(await api.get('/me/methods', tx.transactionToken), 401, 'unauthenticated');
    assertProblem(await api.get('/signin', token), 401, 'transaction_not_found');
    await api.del('/signin', tx.transactionToken);
  });
});

describe('reorder (flow 9)', () => {
  it('makes the first id primary, notifies by email, and sign-in follows the order', CONTROL, async () => {
    const session = await api.signIn(bo);
    const ids = (await methodsOf(session.token)).map((m) => m.id).reverse();
    const reply = await api.put('/me/methods/order', { methodIds: ids }, session.token);
    assert.deepEqual((reply.body as MethodList).methods.map((m) => [m.product, m.primary]), [['email', true], ['sms', false]]);
    assert.match((await api.lastTo(bo.email)).text, /order of your authentication methods/);
    const tx = await api.password(bo);
    assert.equal(tx.step.name === 'verify-code' && tx.step.method.kind, 'email');
  });

  for (const [name, make] of [
    ['a missing id', (ids: string[]) => ids.slice(1)],
    ['a duplicate id', (ids: string[]) => [ids[0]!, ids[0]!]],
    ['an unknown id', (ids: string[]) => [ids[0]!, 'm_0000000000000000']],
  ] as const) {
    it(`refuses ${name} and keeps the order`, async () => {
      const token = await signInCarl();
      const ids = (await methodsOf(token)).map((m) => m.id);
      assertProblem(await api.put('/me/methods/order', { methodIds: make(ids) }, token), 400, 'invalid_request');
      assert.deepEqual((await methodsOf(token)).map((m) => m.id), ids);
    });
  }
});

describe('remove (flow 10)', () => {
  it('removes PingID, notifies, and dorte then signs in by email', CONTROL, async () => {
    const session = await signInDorte();
    const methods = await methodsOf(session);
    const push = methods.find((m) => m.kind === 'push')!;
    const reply = await api.del(`/me/methods/${push.id}`, session);
    assert.equal(reply.status, 200);
    assert.deepEqual((reply.body as MethodList).methods.map((m) => [m.product, m.primary, m.removable]), [['email', true, false]]);
    assert.match((await api.lastTo(dorte.email)).text, /removed/);
    assert.equal((await api.password(dorte)).step.name, 'verify-code');
  });

  it('refuses to remove email', async () => {
    const token = await signInCarl();
    const email = (await methodsOf(token)).find((m) => m.kind === 'email')!;
    assertProblem(await api.del(`/me/methods/${email.id}`, token), 409, 'email_not_removable');
  });

  it('refuses to remove the last method (a prepared state: carl with only his app)', async () => {
    const state = createBackend().exportState();
    const seeded = state.users.find((u) => u.username === 'carl')!;
    seeded.methods = seeded.methods.filter((m) => m.kind !== 'email');
    const backend = createBackend({ state });
    const mockFetch = createMockFetch(backend);
    const headers = { 'Content-Type': 'application/json', 'X-TFA-CSRF': '1' };
    const tx = await (await mockFetch('/api/signin/password', { method: 'POST', headers, body: JSON.stringify({ username: 'carl', password: 'demo1234' }) })).json() as Transaction;
    const epoch = Math.floor(backend.now() / 1000);
    const code = await generate({ secret: 'JBSWY3DPEHPK3PXP', epoch, guardrails });
    const done = await (await mockFetch('/api/signin/code', { method: 'POST', headers: { ...headers, Authorization: `Bearer ${tx.transactionToken}` }, body: JSON.stringify({ code }) })).json() as Transaction;
    const auth = { ...headers, Authorization: `Bearer ${done.session!.token}` };
    const list = await (await mockFetch('/api/me/methods', { headers: auth })).json() as MethodList;
    assert.deepEqual(list.methods.map((m) => [m.removable, m.notRemovableReason]), [[false, 'last_method']]);
    const reply = await mockFetch(`/api/me/methods/${list.methods[0]!.id}`, { method: 'DELETE', headers: auth });
    assert.equal(reply.status, 409);
    assert.equal((await reply.json()).code, 'last_method');
  });

  it('answers an unknown method id with 404', async () => {
    const token = await signInCarl();
    assertProblem(await api.del('/me/methods/m_0000000000000000', token), 404, 'not_found');
  });
});

describe('enrollment: authenticator app (flow 8)', () => {
  it('adds Microsoft Authenticator for anna only after a valid code, as primary', CONTROL, async () => {
    const session = await api.signIn(anna);
    const started = await api.post('/me/enrollments', { product: 'microsoft-authenticator' }, session.token);
    assert.equal(started.status, 201);
    const enrollment = started.body as Enrollment;
    assert.equal(enrollment.status, 'pending');
    assert.match(enrollment.secret!, /^[A-Z2-7]{32}$/);
    assert.equal(
      enrollment.qrUri,
      `otpauth://totp/Selvbetjening%20Demo:${anna.username}?secret=${enrollment.secret}&issuer=Selvbetjening%20Demo&algorithm=SHA1&digits=6&period=30`,
    );

    // Pending: sign-in still challenges email; the list is unchanged.
    assert.equal((await api.password(anna)).step.name, 'verify-code');
    assert.equal((await methodsOf(session.token)).length, 1);

    await api.awayFromStepBoundary(3000);
    const code = await totp(enrollment.secret!);
    const wrong = code === '000000' ? '000001' : '000000';
    assert.equal(assertProblem(await api.post(`/me/enrollments/${enrollment.id}/verify`, { code: wrong }, session.token), 400, 'invalid_code').attemptsLeft, limits.maxWrongCodes - 1);
    const verified = await api.post(`/me/enrollments/${enrollment.id}/verify`, { code }, session.token);
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    const active = verified.body as Enrollment;
    assert.equal(active.status, 'active');
    assert.equal(active.method!.product, 'microsoft-authenticator');
    assert.equal(active.method!.primary, true);
    assert.deepEqual((await methodsOf(session.token)).map((m) => m.product), ['microsoft-authenticator', 'email']);
    assert.match((await api.lastTo(anna.email)).text, /Microsoft Authenticator/);

    // The next sign-in asks for the app, and the code used to enroll cannot be replayed.
    const tx = await api.password(anna);
    assert.equal(tx.step.name, 'verify-totp');
    assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 409, 'code_already_used');
    assert.equal((await api.post('/signin/code', { code: await totp(enrollment.secret!, 1) }, tx.transactionToken)).status, 200);
  });

  it('refuses a second method of the same product', async () => {
    const token = await signInCarl();
    assertProblem(await api.post('/me/enrollments', { product: carl.product ?? 'google-authenticator' }, token), 409, 'method_exists');
  });

  it('refuses unknown products and email/sms', async () => {
    const token = await signInCarl();
    for (const product of ['email', 'sms', 'yubikey']) {
      assertProblem(await api.post('/me/enrollments', { product }, token), 400, 'invalid_request');
    }
  });

  it('cancels with DELETE and leaves nothing behind', CONTROL, async () => {
    const session = await api.signIn(anna);
    const enrollment = (await api.post('/me/enrollments', { product: 'google-authenticator' }, session.token)).body as Enrollment;
    assert.equal((await api.del(`/me/enrollments/${enrollment.id}`, session.token)).status, 204);
    assertProblem(await api.get(`/me/enrollments/${enrollment.id}`, session.token), 404, 'enrollment_not_found');
    assertProblem(await api.post(`/me/enrollments/${enrollment.id}/verify`, { code: await totp(enrollment.secret!) }, session.token), 404, 'enrollment_not_found');
    assert.equal((await methodsOf(session.token)).length, 1);
    if (api.caps.inProcess) assert.equal(api.state().enrollments.length, 0);
  });

  it('hides one user\'s enrollment from another', CONTROL, async () => {
    const first = await api.signIn(anna);
    const enrollment = (await api.post('/me/enrollments', { product: 'google-authenticator' }, first.token)).body as Enrollment;
    const second = await api.signIn(bo);
    assertProblem(await api.get(`/me/enrollments/${enrollment.id}`, second.token), 404, 'enrollment_not_found');
  });

  it('expires an unfinished enrollment', CONTROL, async () => {
    const session = await api.signIn(anna);
    const enrollment = (await api.post('/me/enrollments', { product: 'google-authenticator' }, session.token)).body as Enrollment;
    await api.advance(limits.enrollmentLifetimeSeconds + 1);
    assert.equal(((await api.get(`/me/enrollments/${enrollment.id}`, session.token)).body as Enrollment).status, 'expired');
  });
});

async function signInDorte(): Promise<string> {
  const tx = await api.password(dorte);
  const { push } = tx.step as Extract<Transaction['step'], { name: 'push' }>;
  await api.approve(push.id, push.number);
  return ((await api.get('/signin', tx.transactionToken)).body as Transaction).session!.token;
}

describe('enrollment: push apps (flow 8, 10)', () => {
  it('re-adds PingID after removal once the app completes, as primary', CONTROL, async () => {
    const session = await signInDorte();
    const pingid = (await methodsOf(session)).find((m) => m.product === 'pingid')!;
    await api.del(`/me/methods/${pingid.id}`, session);
    const enrollment = (await api.post('/me/enrollments', { product: 'pingid' }, session)).body as Enrollment;
    assert.match(enrollment.qrUri, /^pingid:\/\/pair\?/);
    assert.equal(enrollment.secret, undefined);
    assert.equal(enrollment.activationPassword, undefined);
    assertProblem(await api.post(`/me/enrollments/${enrollment.id}/verify`, { code: '123456' }, session), 409, 'enrollment_pending');

    const pending = (await api.call('GET', '/__mock/enrollments')).body as { id: string; username: string }[];
    assert.deepEqual(pending.map((e) => [e.id, e.username]), [[enrollment.id, dorte.username]]);
    assert.equal(((await api.get(`/me/enrollments/${enrollment.id}`, session)).body as Enrollment).status, 'pending');
    assert.equal((await api.password(dorte)).step.name, 'verify-code', 'pending is not usable');

    assert.equal((await api.call('POST', `/__mock/enrollments/${enrollment.id}/complete`)).status, 200);
    const polled = (await api.get(`/me/enrollments/${enrollment.id}`, session)).body as Enrollment;
    assert.equal(polled.status, 'active');
    assert.equal(polled.method!.primary, true);
    assert.equal((await api.password(dorte)).step.name, 'push');
    assertProblem(await api.call('POST', `/__mock/enrollments/${enrollment.id}/complete`), 409, 'wrong_step');
  });

  it('gives Entrust Soft Token an activation password', CONTROL, async () => {
    const session = await api.signIn(anna);
    const enrollment = (await api.post('/me/enrollments', { product: 'entrust-soft-token' }, session.token)).body as Enrollment;
    assert.match(enrollment.qrUri, /^entrust:\/\/activate\?/);
    assert.ok(enrollment.activationPassword!.length >= 10);
    const listed = (await api.call('GET', '/__mock/enrollments')).body as { activationPassword: string }[];
    assert.equal(listed[0]!.activationPassword, enrollment.activationPassword);
    await api.call('POST', `/__mock/enrollments/${enrollment.id}/complete`);
    assert.deepEqual((await methodsOf(session.token)).map((m) => m.product), ['entrust-soft-token', 'email']);
  });

  it('does not let the control API complete a TOTP enrollment', CONTROL, async () => {
    const session = await api.signIn(anna);
    const enrollment = (await api.post('/me/enrollments', { product: 'google-authenticator' }, session.token)).body as Enrollment;
    assertProblem(await api.call('POST', `/__mock/enrollments/${enrollment.id}/complete`), 409, 'wrong_step');
  });
});

describe('contact details (flow 11)', () => {
  it('changes bo\'s mobile only after the code sent to the new number, keeping his SMS method in place', CONTROL, async () => {
    const session = await api.signIn(bo);
    const before = (await api.get('/me/contact', session.token)).body as ContactDetails;
    assert.deepEqual(before, { email: bo.email, mobile: '+45 20 12 34 56', maskedMobile: bo.maskedMobile });
    const methodsBefore = await methodsOf(session.token);

    const pending = (await api.post('/me/contact/mobile', { mobile: '+45 40 11 22 33' }, session.token)).body as PendingMobileChange;
    assert.equal(pending.maskedTarget, '+45 •• •• •• 33');
    assert.equal(pending.code.attemptsLeft, limits.maxWrongCodes);
    const sms = await api.lastTo('+4540112233');
    assert.ok(sms.text.endsWith(`#${sms.code}`));
    assert.deepEqual((await api.get('/me/contact', session.token)).body, before, 'not changed yet');

    const early = await api.post('/me/contact/mobile', { mobile: '+45 40 11 22 33' }, session.token);
    assertProblem(early, 429, 'resend_too_soon');
    assertRetryAfter(early, limits.resendCooldownSeconds - 1, limits.resendCooldownSeconds);

    const wrong = sms.code === '000000' ? '000001' : '000000';
    assertProblem(await api.post('/me/contact/mobile/verify', { code: wrong }, session.token), 400, 'invalid_code');
    const changed = await api.post('/me/contact/mobile/verify', { code: sms.code }, session.token);
    assert.equal(changed.status, 200);
    assert.equal((changed.body as ContactDetails).mobile, '+45 40 11 22 33');
    assert.match((await api.lastTo(bo.email)).text, /mobile number/);

    // Same methods in the same order (same ids); only the SMS number changed.
    const methodsAfter = await methodsOf(session.token);
    assert.deepEqual(methodsAfter.map((m) => [m.id, m.product, m.primary]), methodsBefore.map((m) => [m.id, m.product, m.primary]));
    assert.equal(methodsAfter.find((m) => m.kind === 'sms')!.maskedTarget, '+45 •• •• •• 33');

    const tx = await api.password(bo);
    assert.equal(tx.step.name === 'verify-code' && tx.step.method.maskedTarget, '+45 •• •• •• 33');
    assert.equal((await api.lastTo('+4540112233')).channel, 'sms');
  });

  it('gives anna (no SMS method) an SMS method as primary once her new number is verified', CONTROL, async () => {
    const session = await api.signIn(anna);
    assert.deepEqual((await api.get('/me/contact', session.token)).body, { email: anna.email });
    await api.post('/me/contact/mobile', { mobile: '20 98 76 54' }, session.token);
    assert.deepEqual((await methodsOf(session.token)).map((m) => m.kind), ['email'], 'nothing before the code');
    const sms = await api.lastTo('+4520987654');
    const mailsBefore = (await api.outbox()).filter((m) => m.to === anna.email).length;

    const changed = await api.post('/me/contact/mobile/verify', { code: sms.code }, session.token);
    assert.deepEqual(changed.body, { email: anna.email, mobile: '+45 20 98 76 54', maskedMobile: '+45 •• •• •• 54' });
    const methods = await methodsOf(session.token);
    assert.deepEqual(methods.map((m) => [m.kind, m.product, m.primary, m.removable, m.maskedTarget]), [
      ['sms', 'sms', true, true, '+45 •• •• •• 54'],
      ['email', 'email', false, false, anna.maskedEmail],
    ]);
    const notices = (await api.outbox()).filter((m) => m.to === anna.email).slice(mailsBefore);
    assert.ok(notices.some((m) => /new authentication method was added.*Text message \(SMS\)/s.test(m.text)), 'method-added notice');
    assert.ok(notices.every((m) => m.code === undefined));

    // Her next sign-in sends the code by SMS, with email as the alternative.
    const tx = await api.password(anna);
    assert.equal(tx.step.name === 'verify-code' && tx.step.method.kind, 'sms');
    assert.deepEqual(tx.alternatives.map((m) => m.kind), ['email']);
    assert.equal((await api.lastTo('+4520987654')).channel, 'sms');
  });

  it('gives the SMS method back when the same number is verified after the method was removed', CONTROL, async () => {
    const session = await api.signIn(bo);
    const sms = (await methodsOf(session.token)).find((m) => m.kind === 'sms')!;
    await api.del(`/me/methods/${sms.id}`, session.token);
    assert.equal((await api.post('/me/contact/mobile', { mobile: '+45 20 12 34 56' }, session.token)).status, 200);
    const { code } = await api.lastTo(bo.mobile);
    assert.equal((await api.post('/me/contact/mobile/verify', { code }, session.token)).status, 200);
    assert.deepEqual((await methodsOf(session.token)).map((m) => [m.kind, m.primary]), [['sms', true], ['email', false]]);
  });

  it('refuses invalid numbers', async () => {
    const token = api.caps.control ? (await api.signIn(bo)).token : await signInCarl();
    const numbers = ['12', 'call me', '+45 1234'];
    if (api.caps.control) numbers.push('+45 20 12 34 56'); // bo's own number, while his SMS method has it
    for (const mobile of numbers) {
      assertProblem(await api.post('/me/contact/mobile', { mobile }, token), 400, 'invalid_phone');
    }
  });

  it('expires the code and refuses verify without a pending change', CONTROL, async () => {
    const session = await api.signIn(bo);
    assertProblem(await api.post('/me/contact/mobile/verify', { code: '123456' }, session.token), 409, 'wrong_step');
    await api.post('/me/contact/mobile', { mobile: '40112233' }, session.token);
    const { code } = await api.lastTo('+4540112233');
    await api.advance(limits.codeLifetimeSeconds);
    assertProblem(await api.post('/me/contact/mobile/verify', { code }, session.token), 410, 'code_expired');
  });

  it('drops the pending change after the last wrong code', CONTROL, async () => {
    const session = await api.signIn(bo);
    await api.post('/me/contact/mobile', { mobile: '40112233' }, session.token);
    const { code } = await api.lastTo('+4540112233');
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < limits.maxWrongCodes - 1; i++) assertProblem(await api.post('/me/contact/mobile/verify', { code: wrong }, session.token), 400, 'invalid_code');
    assertProblem(await api.post('/me/contact/mobile/verify', { code: wrong }, session.token), 403, 'too_many_attempts');
    assertProblem(await api.post('/me/contact/mobile/verify', { code }, session.token), 409, 'wrong_step');
  });
});

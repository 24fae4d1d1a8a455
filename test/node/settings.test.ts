/** Settings: sessions with step-up, reorder, remove, enrollments, contact details. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGuardrails, generate } from 'otplib';
import type { ContactDetails, Enrollment, MethodList, PendingMobileChange, Transaction } from '../../src/internal/contract.js';
import { createBackend } from '../../mock-server/backend.js';
import { createMockFetch } from '../../mock-server/in-process.js';
import { assertProblem, assertRetryAfter, client, useServer } from './helpers.js';

const holder = useServer();
const api = client(holder);
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

async function totp(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(api.now() / 1000) + steps * 30, guardrails });
}

async function methodsOf(token: string) {
  const reply = await api.get('/me/methods', token);
  assert.equal(reply.status, 200);
  return (reply.body as MethodList).methods;
}

describe('method list', () => {
  it('lists bo\'s methods primary first with removability', async () => {
    const { token } = await api.signIn('bo');
    const methods = await methodsOf(token);
    assert.deepEqual(methods.map((m) => [m.product, m.primary, m.removable, m.notRemovableReason]), [
      ['sms', true, true, undefined],
      ['email', false, false, 'email_not_removable'],
    ]);
    assert.equal(methods[0]!.maskedTarget, '+45 •• •• •• 56');
    assert.ok(!JSON.stringify(methods).includes('secret'));
  });

  it('never shows a TOTP secret', async () => {
    const tx = await api.password('carl');
    const done = (await api.post('/signin/code', { code: await totp('JBSWY3DPEHPK3PXP') }, tx.transactionToken)).body as Transaction;
    const body = JSON.stringify(await methodsOf(done.session!.token));
    assert.ok(!body.includes('JBSWY3DPEHPK3PXP'));
  });
});

describe('step-up window', () => {
  it('answers step_up_required after 10 minutes, and step-up refreshes the same session', async () => {
    const session = await api.signIn('bo');
    const methods = await methodsOf(session.token);
    await api.advance(601);
    const ids = methods.map((m) => m.id).reverse();
    assertProblem(await api.put('/me/methods/order', { methodIds: ids }, session.token), 403, 'step_up_required');
    assert.equal((await api.get('/me/methods', session.token)).status, 200, 'reading needs no step-up');

    const tx = (await api.post('/session/step-up', undefined, session.token)).body as Transaction;
    assert.equal(tx.step.name, 'verify-code');
    assert.notEqual(tx.transactionToken, session.token);
    const sms = await api.lastTo('+4520123456');
    const done = (await api.post('/signin/code', { code: sms.code }, tx.transactionToken)).body as Transaction;
    assert.equal(done.step.name, 'done');
    assert.equal(done.session!.token, session.token, 'the same session');
    assert.ok(Date.parse(done.session!.authenticatedAt) > Date.parse(session.authenticatedAt));
    assert.equal((await api.put('/me/methods/order', { methodIds: ids }, session.token)).status, 200);
  });

  it('allows changes within the window', async () => {
    const session = await api.signIn('bo');
    await api.advance(599);
    const ids = (await methodsOf(session.token)).map((m) => m.id).reverse();
    assert.equal((await api.put('/me/methods/order', { methodIds: ids }, session.token)).status, 200);
  });

  it('needs a session for step-up', async () => {
    const tx = await api.password('bo');
    assertProblem(await api.post('/session/step-up', undefined, tx.transactionToken), 401, 'unauthenticated');
  });
});

describe('reorder (flow 9)', () => {
  it('makes the first id primary, notifies by email, and sign-in follows the order', async () => {
    const session = await api.signIn('bo');
    const ids = (await methodsOf(session.token)).map((m) => m.id).reverse();
    const reply = await api.put('/me/methods/order', { methodIds: ids }, session.token);
    assert.deepEqual((reply.body as MethodList).methods.map((m) => [m.product, m.primary]), [['email', true], ['sms', false]]);
    assert.match((await api.lastTo('bo@example.dk')).text, /order of your authentication methods/);
    const tx = await api.password('bo');
    assert.equal(tx.step.name === 'verify-code' && tx.step.method.kind, 'email');
  });

  for (const [name, make] of [
    ['a missing id', (ids: string[]) => ids.slice(1)],
    ['a duplicate id', (ids: string[]) => [ids[0]!, ids[0]!]],
    ['an unknown id', (ids: string[]) => [ids[0]!, 'm_0000000000000000']],
  ] as const) {
    it(`refuses ${name} and keeps the order`, async () => {
      const session = await api.signIn('bo');
      const ids = (await methodsOf(session.token)).map((m) => m.id);
      assertProblem(await api.put('/me/methods/order', { methodIds: make(ids) }, session.token), 400, 'invalid_request');
      assert.deepEqual((await methodsOf(session.token)).map((m) => m.id), ids);
    });
  }
});

describe('remove (flow 10)', () => {
  it('removes PingID, notifies, and dorte then signs in by email', async () => {
    const session = await signInDorte();
    const methods = await methodsOf(session);
    const pingid = methods.find((m) => m.product === 'pingid')!;
    const reply = await api.del(`/me/methods/${pingid.id}`, session);
    assert.equal(reply.status, 200);
    assert.deepEqual((reply.body as MethodList).methods.map((m) => [m.product, m.primary, m.removable]), [['email', true, false]]);
    assert.match((await api.lastTo('dorte@example.dk')).text, /removed/);
    assert.equal((await api.password('dorte')).step.name, 'verify-code');
  });

  it('refuses to remove email', async () => {
    const session = await api.signIn('bo');
    const email = (await methodsOf(session.token)).find((m) => m.kind === 'email')!;
    assertProblem(await api.del(`/me/methods/${email.id}`, session.token), 409, 'email_not_removable');
  });

  it('refuses to remove the last method (a prepared state: carl with only his app)', async () => {
    const state = api.state();
    const carl = state.users.find((u) => u.username === 'carl')!;
    carl.methods = carl.methods.filter((m) => m.kind !== 'email');
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
    const session = await api.signIn('bo');
    assertProblem(await api.del('/me/methods/m_0000000000000000', session.token), 404, 'not_found');
  });
});

describe('enrollment: authenticator app (flow 8)', () => {
  it('adds Microsoft Authenticator for anna only after a valid code, as primary', async () => {
    const session = await api.signIn('anna');
    const started = await api.post('/me/enrollments', { product: 'microsoft-authenticator' }, session.token);
    assert.equal(started.status, 201);
    const enrollment = started.body as Enrollment;
    assert.equal(enrollment.status, 'pending');
    assert.match(enrollment.secret!, /^[A-Z2-7]{32}$/);
    assert.equal(
      enrollment.qrUri,
      `otpauth://totp/Selvbetjening%20Demo:anna?secret=${enrollment.secret}&issuer=Selvbetjening%20Demo&algorithm=SHA1&digits=6&period=30`,
    );

    // Pending: sign-in still challenges email; the list is unchanged.
    assert.equal((await api.password('anna')).step.name, 'verify-code');
    assert.equal((await methodsOf(session.token)).length, 1);

    const code = await totp(enrollment.secret!);
    const wrong = code === '000000' ? '000001' : '000000';
    assert.equal(assertProblem(await api.post(`/me/enrollments/${enrollment.id}/verify`, { code: wrong }, session.token), 400, 'invalid_code').attemptsLeft, 4);
    const verified = await api.post(`/me/enrollments/${enrollment.id}/verify`, { code }, session.token);
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    const active = verified.body as Enrollment;
    assert.equal(active.status, 'active');
    assert.equal(active.method!.product, 'microsoft-authenticator');
    assert.equal(active.method!.primary, true);
    assert.deepEqual((await methodsOf(session.token)).map((m) => m.product), ['microsoft-authenticator', 'email']);
    assert.match((await api.lastTo('anna@example.dk')).text, /Microsoft Authenticator/);

    // The next sign-in asks for the app, and the code used to enroll cannot be replayed.
    const tx = await api.password('anna');
    assert.equal(tx.step.name, 'verify-totp');
    assertProblem(await api.post('/signin/code', { code }, tx.transactionToken), 409, 'code_already_used');
    assert.equal((await api.post('/signin/code', { code: await totp(enrollment.secret!, 1) }, tx.transactionToken)).status, 200);
  });

  it('refuses a second method of the same product', async () => {
    const tx = await api.password('carl');
    const done = (await api.post('/signin/code', { code: await totp('JBSWY3DPEHPK3PXP') }, tx.transactionToken)).body as Transaction;
    assertProblem(await api.post('/me/enrollments', { product: 'google-authenticator' }, done.session!.token), 409, 'method_exists');
  });

  it('refuses unknown products and email/sms', async () => {
    const session = await api.signIn('anna');
    for (const product of ['email', 'sms', 'yubikey']) {
      assertProblem(await api.post('/me/enrollments', { product }, session.token), 400, 'invalid_request');
    }
  });

  it('cancels with DELETE and leaves nothing behind', async () => {
    const session = await api.signIn('anna');
    const enrollment = (await api.post('/me/enrollments', { product: 'google-authenticator' }, session.token)).body as Enrollment;
    assert.equal((await api.del(`/me/enrollments/${enrollment.id}`, session.token)).status, 204);
    assertProblem(await api.get(`/me/enrollments/${enrollment.id}`, session.token), 404, 'enrollment_not_found');
    assertProblem(await api.post(`/me/enrollments/${enrollment.id}/verify`, { code: await totp(enrollment.secret!) }, session.token), 404, 'enrollment_not_found');
    assert.equal((await methodsOf(session.token)).length, 1);
    assert.equal(api.state().enrollments.length, 0);
  });

  it('hides one user\'s enrollment from another', async () => {
    const anna = await api.signIn('anna');
    const enrollment = (await api.post('/me/enrollments', { product: 'google-authenticator' }, anna.token)).body as Enrollment;
    const bo = await api.signIn('bo');
    assertProblem(await api.get(`/me/enrollments/${enrollment.id}`, bo.token), 404, 'enrollment_not_found');
  });

  it('expires an unfinished enrollment', async () => {
    const session = await api.signIn('anna');
    const enrollment = (await api.post('/me/enrollments', { product: 'google-authenticator' }, session.token)).body as Enrollment;
    await api.advance(601);
    assert.equal(((await api.get(`/me/enrollments/${enrollment.id}`, session.token)).body as Enrollment).status, 'expired');
  });
});

async function signInDorte(): Promise<string> {
  const tx = await api.password('dorte');
  const { push } = tx.step as Extract<Transaction['step'], { name: 'push' }>;
  await api.call('POST', `/__mock/push/${push.id}/approve`, { body: { number: push.number } });
  return ((await api.get('/signin', tx.transactionToken)).body as Transaction).session!.token;
}

describe('enrollment: push apps (flow 8, 10)', () => {
  it('re-adds PingID after removal once the app completes, as primary', async () => {
    const session = await signInDorte();
    const pingid = (await methodsOf(session)).find((m) => m.product === 'pingid')!;
    await api.del(`/me/methods/${pingid.id}`, session);
    const enrollment = (await api.post('/me/enrollments', { product: 'pingid' }, session)).body as Enrollment;
    assert.match(enrollment.qrUri, /^pingid:\/\/pair\?/);
    assert.equal(enrollment.secret, undefined);
    assert.equal(enrollment.activationPassword, undefined);
    assertProblem(await api.post(`/me/enrollments/${enrollment.id}/verify`, { code: '123456' }, session), 409, 'enrollment_pending');

    const pending = (await api.call('GET', '/__mock/enrollments')).body as { id: string; username: string }[];
    assert.deepEqual(pending.map((e) => [e.id, e.username]), [[enrollment.id, 'dorte']]);
    assert.equal(((await api.get(`/me/enrollments/${enrollment.id}`, session)).body as Enrollment).status, 'pending');
    assert.equal((await api.password('dorte')).step.name, 'verify-code', 'pending is not usable');

    assert.equal((await api.call('POST', `/__mock/enrollments/${enrollment.id}/complete`)).status, 200);
    const polled = (await api.get(`/me/enrollments/${enrollment.id}`, session)).body as Enrollment;
    assert.equal(polled.status, 'active');
    assert.equal(polled.method!.primary, true);
    assert.equal((await api.password('dorte')).step.name, 'push');
    assertProblem(await api.call('POST', `/__mock/enrollments/${enrollment.id}/complete`), 409, 'wrong_step');
  });

  it('gives Entrust Soft Token an activation password', async () => {
    const session = await api.signIn('anna');
    const enrollment = (await api.post('/me/enrollments', { product: 'entrust-soft-token' }, session.token)).body as Enrollment;
    assert.match(enrollment.qrUri, /^entrust:\/\/activate\?/);
    assert.ok(enrollment.activationPassword!.length >= 10);
    const listed = (await api.call('GET', '/__mock/enrollments')).body as { activationPassword: string }[];
    assert.equal(listed[0]!.activationPassword, enrollment.activationPassword);
    await api.call('POST', `/__mock/enrollments/${enrollment.id}/complete`);
    assert.deepEqual((await methodsOf(session.token)).map((m) => m.product), ['entrust-soft-token', 'email']);
  });

  it('does not let the control API complete a TOTP enrollment', async () => {
    const session = await api.signIn('anna');
    const enrollment = (await api.post('/me/enrollments', { product: 'google-authenticator' }, session.token)).body as Enrollment;
    assertProblem(await api.call('POST', `/__mock/enrollments/${enrollment.id}/complete`), 409, 'wrong_step');
  });
});

describe('contact details (flow 11)', () => {
  it('changes bo\'s mobile only after the code sent to the new number', async () => {
    const session = await api.signIn('bo');
    const before = (await api.get('/me/contact', session.token)).body as ContactDetails;
    assert.deepEqual(before, { email: 'bo@example.dk', mobile: '+45 20 12 34 56', maskedMobile: '+45 •• •• •• 56' });

    const pending = (await api.post('/me/contact/mobile', { mobile: '+45 40 11 22 33' }, session.token)).body as PendingMobileChange;
    assert.equal(pending.maskedTarget, '+45 •• •• •• 33');
    assert.equal(pending.code.attemptsLeft, 5);
    const sms = await api.lastTo('+4540112233');
    assert.ok(sms.text.endsWith(`#${sms.code}`));
    assert.deepEqual((await api.get('/me/contact', session.token)).body, before, 'not changed yet');

    const early = await api.post('/me/contact/mobile', { mobile: '+45 40 11 22 33' }, session.token);
    assertProblem(early, 429, 'resend_too_soon');
    assertRetryAfter(early, 29, 30);

    const wrong = sms.code === '000000' ? '000001' : '000000';
    assertProblem(await api.post('/me/contact/mobile/verify', { code: wrong }, session.token), 400, 'invalid_code');
    const changed = await api.post('/me/contact/mobile/verify', { code: sms.code }, session.token);
    assert.equal(changed.status, 200);
    assert.equal((changed.body as ContactDetails).mobile, '+45 40 11 22 33');
    assert.match((await api.lastTo('bo@example.dk')).text, /mobile number/);

    const tx = await api.password('bo');
    assert.equal(tx.step.name === 'verify-code' && tx.step.method.maskedTarget, '+45 •• •• •• 33');
    assert.equal((await api.lastTo('+4540112233')).channel, 'sms');
  });

  it('refuses invalid numbers', async () => {
    const session = await api.signIn('bo');
    for (const mobile of ['12', 'call me', '+45 1234', '+45 20 12 34 56']) {
      assertProblem(await api.post('/me/contact/mobile', { mobile }, session.token), 400, 'invalid_phone');
    }
  });

  it('expires the code and refuses verify without a pending change', async () => {
    const session = await api.signIn('bo');
    assertProblem(await api.post('/me/contact/mobile/verify', { code: '123456' }, session.token), 409, 'wrong_step');
    await api.post('/me/contact/mobile', { mobile: '40112233' }, session.token);
    const { code } = await api.lastTo('+4540112233');
    await api.advance(300);
    assertProblem(await api.post('/me/contact/mobile/verify', { code }, session.token), 410, 'code_expired');
  });

  it('drops the pending change after 5 wrong codes', async () => {
    const session = await api.signIn('bo');
    await api.post('/me/contact/mobile', { mobile: '40112233' }, session.token);
    const { code } = await api.lastTo('+4540112233');
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) assertProblem(await api.post('/me/contact/mobile/verify', { code: wrong }, session.token), 400, 'invalid_code');
    assertProblem(await api.post('/me/contact/mobile/verify', { code: wrong }, session.token), 403, 'too_many_attempts');
    assertProblem(await api.post('/me/contact/mobile/verify', { code }, session.token), 409, 'wrong_step');
  });
});

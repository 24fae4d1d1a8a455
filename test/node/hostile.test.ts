/** Hostile and malformed input: always a 4xx problem, never a 5xx, never a change of state. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertProblem, client, PASSWORD, useServer } from './helpers.js';

const holder = useServer();
const api = client(holder);

/** Runs `act` and asserts the mock's state is exactly as before. */
async function unchanged(act: () => Promise<void>): Promise<void> {
  const before = JSON.stringify(api.state());
  await act();
  assert.equal(JSON.stringify(api.state()), before, 'the state changed');
}

describe('CSRF', () => {
  it('refuses POST, PUT and DELETE under /api without X-TFA-CSRF: 1', async () => {
    await unchanged(async () => {
      for (const [method, path] of [['POST', '/api/signin/password'], ['PUT', '/api/me/methods/order'], ['DELETE', '/api/session']] as const) {
        const reply = await api.call(method, path, { body: { username: 'anna', password: PASSWORD }, csrf: false });
        assertProblem(reply, 403, 'csrf_failed');
      }
      const wrongValue = await api.call('POST', '/api/signin/password', {
        body: { username: 'anna', password: PASSWORD }, csrf: false, headers: { 'X-TFA-CSRF': '0' },
      });
      assertProblem(wrongValue, 403, 'csrf_failed');
    });
    assert.deepEqual(await api.outbox(), []);
  });

  it('does not ask GET for it, nor the control API', async () => {
    assert.equal((await api.call('GET', '/__mock/outbox', { csrf: false })).status, 200);
    assert.equal((await api.call('POST', '/__mock/clock', { body: { advanceSeconds: 0 }, csrf: false })).status, 200);
  });
});

describe('malformed bodies', () => {
  const cases: [string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, string][] = [
    ['malformed JSON', { rawBody: '{"username": "anna",' }, 400, 'invalid_request'],
    ['a JSON array', { body: [] }, 400, 'invalid_request'],
    ['a JSON string', { body: 'anna' }, 400, 'invalid_request'],
    ['null', { rawBody: 'null' }, 400, 'invalid_request'],
    ['no body', {}, 400, 'invalid_request'],
    ['a missing field', { body: { username: 'anna' } }, 400, 'invalid_request'],
    ['a number for a string', { body: { username: 42, password: PASSWORD } }, 400, 'invalid_request'],
    ['an object for a string', { body: { username: { $ne: '' }, password: PASSWORD } }, 400, 'invalid_request'],
    ['an extra field', { body: { username: 'anna', password: PASSWORD, admin: true } }, 400, 'invalid_request'],
    ['an empty username', { body: { username: '', password: PASSWORD } }, 400, 'invalid_request'],
    ['a 257-character username', { body: { username: 'a'.repeat(257), password: PASSWORD } }, 400, 'invalid_request'],
    ['text/plain', { rawBody: JSON.stringify({ username: 'anna', password: PASSWORD }), headers: { 'Content-Type': 'text/plain' } }, 415, 'unsupported_media_type'],
    ['form data', { rawBody: 'username=anna&password=demo1234', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
    ['a body over 16 kB', { body: { username: 'anna', password: 'x'.repeat(17 * 1024) } }, 413, 'payload_too_large'],
  ];
  for (const [name, init, status, code] of cases) {
    it(`answers ${name} with ${status} ${code} and changes nothing`, async () => {
      await unchanged(async () => {
        assertProblem(await api.call('POST', '/api/signin/password', init), status, code);
      });
    });
  }

  it('lists the field problems', async () => {
    const reply = await api.post('/signin/password', { username: 7, extra: 1 });
    const problem = assertProblem(reply, 400, 'invalid_request');
    assert.deepEqual(problem.errors!.map((e) => e.field).sort(), ['extra', 'password', 'username']);
  });

  it('refuses a body on a route that takes none', async () => {
    const tx = await api.password('anna');
    await api.advance(30);
    await unchanged(async () => {
      assertProblem(await api.post('/signin/resend', { force: true }, tx.transactionToken), 400, 'invalid_request');
    });
  });

  it('refuses a code that is not a string, or too long', async () => {
    const tx = await api.password('anna');
    await unchanged(async () => {
      assertProblem(await api.post('/signin/code', { code: 123456 }, tx.transactionToken), 400, 'invalid_request');
      assertProblem(await api.post('/signin/code', { code: '1'.repeat(33) }, tx.transactionToken), 400, 'invalid_request');
      assertProblem(await api.post('/signin/code', { code: '' }, tx.transactionToken), 400, 'invalid_request');
    });
  });

  it('survives a 1 MB body over the wire (413, the server keeps serving)', async () => {
    const reply = await api.call('POST', '/api/signin/password', { rawBody: `{"username":"${'a'.repeat(1024 * 1024)}"}` }).catch(() => undefined);
    if (reply) assertProblem(reply, 413, 'payload_too_large');
    assert.equal((await api.call('GET', '/__mock/outbox')).status, 200);
  });
});

describe('unknown routes, methods, tokens and ids', () => {
  it('answers an unknown route with 404 not_found', async () => {
    assertProblem(await api.call('GET', '/api/nothing-here'), 404, 'not_found');
    assertProblem(await api.call('GET', '/__mock/nothing-here'), 404, 'not_found');
    assertProblem(await api.call('GET', '/api/me/enrollments/..%2F..%2Fetc'), 404, 'not_found');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const reply = await api.call('PUT', '/api/signin/password', { body: {} });
    assertProblem(reply, 405, 'method_not_allowed');
    assert.equal(reply.headers.get('allow'), 'POST');
  });

  it('answers a missing, malformed or unknown transaction token with 401', async () => {
    assertProblem(await api.get('/signin'), 401, 'transaction_not_found');
    assertProblem(await api.call('GET', '/api/signin', { headers: { Authorization: 'Basic abc' } }), 401, 'transaction_not_found');
    assertProblem(await api.get('/signin', 'x'.repeat(43)), 401, 'transaction_not_found');
  });

  it('answers unknown push and enrollment ids in the control API with 404', async () => {
    assertProblem(await api.call('POST', '/__mock/push/push_0000/approve', { body: { number: 10 } }), 404, 'not_found');
    assertProblem(await api.call('POST', '/__mock/enrollments/enr_0000/complete'), 404, 'enrollment_not_found');
  });
});

describe('out-of-order calls', () => {
  it('answers 409 wrong_step and changes nothing', async () => {
    const tx = await api.password('anna');
    await unchanged(async () => {
      assertProblem(await api.post('/signin/push/retry', undefined, tx.transactionToken), 409, 'wrong_step');
      assertProblem(await api.post('/signin/recovery', undefined, tx.transactionToken), 409, 'wrong_step');
      assertProblem(await api.post('/signin/recovery/send', undefined, tx.transactionToken), 409, 'wrong_step');
    });
  });
});

describe('the server itself', () => {
  it('answers CORS preflights and reflects the Origin', async () => {
    const reply = await api.call('OPTIONS', '/api/signin/password', {
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-tfa-csrf, content-type' },
      csrf: false,
    });
    assert.equal(reply.status, 204);
    assert.equal(reply.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(reply.headers.get('access-control-allow-headers')!, /X-TFA-CSRF/);
    assert.match(reply.headers.get('access-control-allow-headers')!, /Authorization/);
    const real = await api.call('POST', '/api/signin/password', { body: { username: 'x', password: 'y' }, headers: { Origin: 'http://localhost:5173' } });
    assert.equal(real.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(real.headers.get('access-control-expose-headers')!, /Retry-After/);
  });

  it('answers paths outside the API with 404 problem', async () => {
    assertProblem(await api.call('GET', '/'), 404, 'not_found');
  });
});

/** Hostile and malformed input: always a 4xx problem, never a 5xx, never a change of state. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertProblem, client, unchanged, useServer } from './helpers.js';

const api = client(await useServer());
const { anna } = api.users;
const CONTROL = { skip: api.needs('control') };
const credentials = { username: anna.username, password: anna.password };
const P = api.apiPath;

describe('CSRF', () => {
  it('refuses POST, PUT and DELETE under the API without X-TFA-CSRF: 1', async () => {
    await unchanged(api, async () => {
      for (const [method, path] of [['POST', '/signin/password'], ['PUT', '/me/methods/order'], ['DELETE', '/session'], ['DELETE', '/signin'], ['POST', '/signin/code']] as const) {
        const reply = await api.call(method, P(path), { body: credentials, csrf: false });
        assertProblem(reply, 403, 'csrf_failed');
      }
      const wrongValue = await api.call('POST', P('/signin/password'), {
        body: credentials, csrf: false, headers: { 'X-TFA-CSRF': '0' },
      });
      assertProblem(wrongValue, 403, 'csrf_failed');
    });
    if (api.caps.control) assert.deepEqual(await api.outbox(), []);
  });

  it('refuses a state change with a valid transaction token but no CSRF header', async () => {
    const tx = await api.password(anna);
    await unchanged(api, async () => {
      assertProblem(await api.call('DELETE', P('/signin'), { token: tx.transactionToken, csrf: false }), 403, 'csrf_failed');
    });
    assert.equal((await api.get('/signin', tx.transactionToken)).status, 200, 'the transaction is still open');
  });

  it('does not ask GET for it', async () => {
    const tx = await api.password(anna);
    assert.equal((await api.call('GET', P('/signin'), { token: tx.transactionToken, csrf: false })).status, 200);
  });

  it('does not ask the control API for it', CONTROL, async () => {
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
    ['a missing field', { body: { username: anna.username } }, 400, 'invalid_request'],
    ['a number for a string', { body: { username: 42, password: anna.password } }, 400, 'invalid_request'],
    ['an object for a string', { body: { username: { $ne: '' }, password: anna.password } }, 400, 'invalid_request'],
    ['an extra field', { body: { ...credentials, admin: true } }, 400, 'invalid_request'],
    ['a __proto__ field', { rawBody: `{"username":"${anna.username}","password":"x","__proto__":{"admin":true}}` }, 400, 'invalid_request'],
    ['an empty username', { body: { username: '', password: anna.password } }, 400, 'invalid_request'],
    ['a 257-character username', { body: { username: 'a'.repeat(257), password: anna.password } }, 400, 'invalid_request'],
    ['text/plain', { rawBody: JSON.stringify(credentials), headers: { 'Content-Type': 'text/plain' } }, 415, 'unsupported_media_type'],
    ['form data', { rawBody: `username=${anna.username}&password=x`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
    ['a body over 16 kB', { body: { username: anna.username, password: 'x'.repeat(17 * 1024) } }, 413, 'payload_too_large'],
  ];
  for (const [name, init, status, code] of cases) {
    it(`answers ${name} with ${status} ${code} and changes nothing`, async () => {
      await unchanged(api, async () => {
        assertProblem(await api.call('POST', P('/signin/password'), init), status, code);
      });
    });
  }

  it('lists the field problems', async () => {
    const reply = await api.post('/signin/password', { username: 7, extra: 1 });
    const problem = assertProblem(reply, 400, 'invalid_request');
    assert.deepEqual(problem.errors!.map((e) => e.field).sort(), ['extra', 'password', 'username']);
  });

  it('refuses a body on a route that takes none', async () => {
    const tx = await api.password(anna);
    await unchanged(api, async () => {
      assertProblem(await api.post('/signin/resend', { force: true }, tx.transactionToken), 400, 'invalid_request');
    });
  });

  it('refuses a code that is not a string, or too long', async () => {
    const tx = await api.password(anna);
    await unchanged(api, async () => {
      assertProblem(await api.post('/signin/code', { code: 123456 }, tx.transactionToken), 400, 'invalid_request');
      assertProblem(await api.post('/signin/code', { code: '1'.repeat(33) }, tx.transactionToken), 400, 'invalid_request');
      assertProblem(await api.post('/signin/code', { code: '' }, tx.transactionToken), 400, 'invalid_request');
    });
  });

  it('answers a 1 MB body over the wire with 413 and keeps serving', async () => {
    const reply = await api.call('POST', P('/signin/password'), { rawBody: `{"username":"${'a'.repeat(1024 * 1024)}"}` });
    assertProblem(reply, 413, 'payload_too_large');
    assert.equal((await api.password(anna)).step.name, 'verify-code');
  });
});

describe('unknown routes, methods, tokens and ids', () => {
  it('answers an unknown route under the API with 404 not_found', async () => {
    assertProblem(await api.call('GET', P('/nothing-here')), 404, 'not_found');
    assertProblem(await api.call('GET', P('/me/enrollments/..%2F..%2Fetc')), 404, 'not_found');
  });

  it('answers an unknown control route with 404 not_found', CONTROL, async () => {
    assertProblem(await api.call('GET', '/__mock/nothing-here'), 404, 'not_found');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const reply = await api.call('PUT', P('/signin/password'), { body: {} });
    assertProblem(reply, 405, 'method_not_allowed');
    assert.equal(reply.headers.get('allow'), 'POST');
  });

  it('answers a missing, malformed or unknown transaction token with 401', async () => {
    assertProblem(await api.get('/signin'), 401, 'transaction_not_found');
    assertProblem(await api.call('GET', P('/signin'), { headers: { Authorization: 'Basic abc' } }), 401, 'transaction_not_found');
    assertProblem(await api.get('/signin', 'x'.repeat(43)), 401, 'transaction_not_found');
  });

  it('answers a missing or unknown session token with 401 unauthenticated', async () => {
    assertProblem(await api.get('/session'), 401, 'unauthenticated');
    assertProblem(await api.get('/me/methods', 'x'.repeat(43)), 401, 'unauthenticated');
    assertProblem(await api.del('/me/methods/m_0000000000000000', 'x'.repeat(43)), 401, 'unauthenticated');
  });

  it('answers unknown push and enrollment ids in the control API with 404', CONTROL, async () => {
    assertProblem(await api.call('POST', '/__mock/push/push_0000/approve', { body: { number: 10 } }), 404, 'not_found');
    assertProblem(await api.call('POST', '/__mock/enrollments/enr_0000/complete'), 404, 'enrollment_not_found');
  });
});

describe('out-of-order calls', () => {
  it('answers 409 wrong_step and changes nothing', async () => {
    const tx = await api.password(anna);
    await unchanged(api, async () => {
      assertProblem(await api.post('/signin/push/retry', undefined, tx.transactionToken), 409, 'wrong_step');
      assertProblem(await api.post('/signin/recovery', undefined, tx.transactionToken), 409, 'wrong_step');
      assertProblem(await api.post('/signin/recovery/send', undefined, tx.transactionToken), 409, 'wrong_step');
    });
  });
});

describe('the mock server itself', () => {
  it('answers CORS preflights and reflects the Origin', CONTROL, async () => {
    const reply = await api.call('OPTIONS', P('/signin/password'), {
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-tfa-csrf, content-type' },
      csrf: false,
    });
    assert.equal(reply.status, 204);
    assert.equal(reply.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(reply.headers.get('access-control-allow-headers')!, /X-TFA-CSRF/);
    assert.match(reply.headers.get('access-control-allow-headers')!, /Authorization/);
    const real = await api.call('POST', P('/signin/password'), { body: { username: 'x', password: 'y' }, headers: { Origin: 'http://localhost:5173' } });
    assert.equal(real.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(real.headers.get('access-control-expose-headers')!, /Retry-After/);
  });

  it('answers paths outside the API with 404 problem', CONTROL, async () => {
    assertProblem(await api.call('GET', '/'), 404, 'not_found');
  });

  for (const username of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`treats the username "${username}" as any unknown name`, async () => {
      assertProblem(await api.post('/signin/password', { username, password: 'x' }), 401, 'invalid_credentials');
      assert.equal((await api.identify(username)).step.name, 'verify-code');
    });
  }

  for (const method of ['PATCH', 'HEAD', 'PROPFIND']) {
    it(`answers ${method} with a 4xx, never a 5xx`, async () => {
      const reply = await api.call(method, P('/signin'), { unchecked: method === 'HEAD' });
      assert.ok(reply.status >= 400 && reply.status < 500, `${method} → ${reply.status}`);
    });
  }
});

/** The mock control API, config, clock, reset, and the backend's state handling. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBackend, type MockState } from '../../mock-server/backend.js';
import { DEFAULT_CONFIG } from '../../mock-server/config.js';
import { createMockFetch } from '../../mock-server/in-process.js';
import type { Transaction } from '../../src/internal/contract.js';
import { assertProblem, client, useServer } from './helpers.js';

const api = client(await useServer());
const { anna, dorte } = api.users;
const CONTROL = { skip: api.needs('control') };
/** These exercise the mock's JavaScript interface, so they run only beside the in-process mock. */
const LOCAL = { skip: api.needs('inProcess') };

describe('config', CONTROL, () => {
  it('answers the defaults of BACKEND-RULES.md', async () => {
    const config = (await api.call('GET', '/__mock/config')).body;
    assert.deepEqual(config, {
      apiBase: '/api', codeLength: 6, codeLifetimeSeconds: 300, resendCooldownSeconds: 30, maxWrongCodes: 5,
      pushLifetimeSeconds: 25, maxPushesPerTransaction: 5, numberMatching: true, lockoutThreshold: 10,
      lockoutWindowSeconds: 900, totpWindowSteps: 1, stepUpWindowSeconds: 600, transactionLifetimeSeconds: 900,
      sessionLifetimeSeconds: 28800, enrollmentLifetimeSeconds: 600, maxBodyBytes: 16384, latencyMs: 0,
    });
    assert.deepEqual(config, DEFAULT_CONFIG);
  });

  it('changes limits at run time, and reset restores them', async () => {
    const reply = await api.call('PUT', '/__mock/config', { body: { pushLifetimeSeconds: 5, numberMatching: false, codeLength: 8 } });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.pushLifetimeSeconds, 5);
    const tx = await api.password(dorte);
    assert.equal(tx.step.name, 'push');
    if (tx.step.name !== 'push') return;
    assert.equal(tx.step.push.number, undefined);
    assert.equal(Date.parse(tx.step.push.expiresAt) - Date.parse(tx.serverTime), 5000);
    assert.equal((await api.call('POST', `/__mock/push/${tx.step.push.id}/approve`, { body: {} })).status, 200);
    await api.password(anna);
    assert.match((await api.lastTo(anna.email)).code!, /^\d{8}$/);
    await api.call('POST', '/__mock/reset');
    assert.equal((await api.call('GET', '/__mock/config')).body.pushLifetimeSeconds, 25);
  });

  it('refuses unknown settings, bad values and apiBase', async () => {
    for (const body of [{ nope: 1 }, { codeLength: 3 }, { codeLifetimeSeconds: 601 }, { numberMatching: 'yes' }, { apiBase: '/v2' }, [1]]) {
      assertProblem(await api.call('PUT', '/__mock/config', { body }), 400, 'invalid_request');
    }
    assert.deepEqual((await api.call('GET', '/__mock/config')).body, DEFAULT_CONFIG);
  });
});

describe('clock and reset', CONTROL, () => {
  it('moves the mock clock forward and reset brings it back', async () => {
    const before = Date.parse((await api.call('GET', '/__mock/clock')).body.now);
    const moved = await api.call('POST', '/__mock/clock', { body: { advanceSeconds: 3600 } });
    assert.equal(moved.body.offsetSeconds, 3600);
    assert.ok(Date.parse(moved.body.now) - before >= 3600_000);
    const tx = await api.password(anna);
    assert.ok(Date.parse(tx.serverTime) - Date.now() > 3590_000, 'serverTime is on the mock clock');
    await api.call('POST', '/__mock/reset');
    const clock = (await api.call('GET', '/__mock/clock')).body;
    assert.equal(clock.offsetSeconds, 0);
    assert.ok(Math.abs(Date.parse(clock.now) - Date.now()) < 1000);
    assert.deepEqual(await api.outbox(), []);
  });

  it('refuses to move the clock backwards or by nonsense', async () => {
    for (const body of [{ advanceSeconds: -5 }, { advanceSeconds: 'soon' }, {}]) {
      assertProblem(await api.call('POST', '/__mock/clock', { body }), 400, 'invalid_request');
    }
  });

  it('resets users, sessions and pushes', async () => {
    const session = await api.signIn(api.users.bo);
    await api.password(dorte);
    await api.call('POST', '/__mock/reset');
    assertProblem(await api.get('/session', session.token), 401, 'unauthenticated');
    assert.deepEqual(await api.pushes(), []);
  });
});

describe('backend state (in process)', LOCAL, () => {
  const headers = { 'Content-Type': 'application/json', 'X-TFA-CSRF': '1' };

  it('reports every change through onChange and restores from exportState()', async () => {
    const states: MockState[] = [];
    const first = createBackend({ onChange: (s) => states.push(s) });
    const fetch1 = createMockFetch(first);
    const tx = (await (await fetch1('/api/signin/password', { method: 'POST', headers, body: JSON.stringify({ username: 'anna', password: 'demo1234' }) })).json()) as Transaction;
    assert.equal(states.length, 1);
    await fetch1('/__mock/outbox');
    assert.equal(states.length, 1, 'reads do not report');

    const second = createBackend({ state: states.at(-1) });
    const fetch2 = createMockFetch(second);
    const [mail] = (await (await fetch2('/__mock/outbox')).json()) as { code: string }[];
    const done = await fetch2('/api/signin/code', { method: 'POST', headers: { ...headers, Authorization: `Bearer ${tx.transactionToken}` }, body: JSON.stringify({ code: mail!.code }) });
    assert.equal(((await done.json()) as Transaction).step.name, 'done');
  });

  it('starts from the seed when the given state is not valid', async () => {
    const backend = createBackend({ state: { version: 99 } });
    assert.deepEqual(backend.exportState().users.map((u) => u.username), ['anna', 'bo', 'carl', 'dorte', 'erik']);
  });

  it('answers undefined for URLs it does not serve, and serves a custom apiBase', async () => {
    const backend = createBackend({ config: { apiBase: '/auth/v1' } });
    assert.equal(await backend.handle(new Request('http://localhost/api/signin')), undefined);
    assert.equal(await backend.handle(new Request('http://localhost/other')), undefined);
    const reply = await backend.handle(new Request('http://localhost/auth/v1/signin'));
    assert.equal(reply!.status, 401);
  });

  it('applies latencyMs to API answers', async () => {
    const backend = createBackend({ config: { latencyMs: 150 } });
    const started = performance.now();
    await backend.handle(new Request('http://localhost/api/signin'));
    assert.ok(performance.now() - started >= 140);
  });

  it('refuses an invalid config in code', () => {
    assert.throws(() => createBackend({ config: { codeLength: 2 } }), /codeLength/);
  });
});

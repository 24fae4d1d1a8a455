/**
 * The OpenAPI check every request of the suite goes through (`raw()` in helpers.ts) catches
 * answers that break the contract: these feed it deliberately wrong answers.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { raw, type Holder } from './helpers.js';
import { contractErrors, schemaValidator } from './openapi.js';
import { DEFAULT_FIXTURES, LOCAL_ONLY } from './target.js';

const now = new Date().toISOString();
const transaction = {
  transactionToken: 'tok',
  expiresAt: now,
  serverTime: now,
  step: {
    name: 'verify-code',
    method: { id: 'm_1', kind: 'email', product: 'email', maskedTarget: 'a***@e*****.dk' },
    purpose: 'signin',
    code: { expiresAt: now, resendAvailableAt: now, length: 6, attemptsLeft: 5 },
  },
  alternatives: [],
  recoveryAvailable: false,
};
const problem = (status: number, code: string, extra: object = {}) => ({ type: `https://tfa.example/problems/${code}`, title: 't', status, code, ...extra });
const json = { 'content-type': 'application/json' };
const problemJson = { 'content-type': 'application/problem+json' };
const check = (method: string, pathname: string, status: number, headers: Record<string, string>, body: unknown) =>
  contractErrors({ method, pathname, status, headers: new Headers(headers), body }, '/api');

describe('the OpenAPI check', { skip: LOCAL_ONLY }, () => {
  it('passes answers that match the contract', () => {
    assert.deepEqual(check('POST', '/api/signin/password', 200, json, transaction), []);
    assert.deepEqual(check('GET', '/api/signin', 401, problemJson, problem(401, 'transaction_not_found')), []);
    assert.deepEqual(check('POST', '/api/signin/resend', 429, { ...problemJson, 'retry-after': '30' }, problem(429, 'resend_too_soon', { retryAfter: 30 })), []);
    assert.deepEqual(check('DELETE', '/api/me/enrollments/enr_1', 204, {}, undefined), []);
    assert.deepEqual(check('GET', '/api/nothing', 404, problemJson, problem(404, 'not_found')), []);
  });

  it('catches a Transaction without serverTime and with an unknown step', () => {
    const { serverTime: _drop, ...rest } = transaction;
    const errors = check('POST', '/api/signin/password', 200, json, { ...rest, step: { name: 'celebrate' } });
    assert.ok(errors.some((e) => e.includes("must have required property 'serverTime'")), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('/step')), errors.join('\n'));
  });

  it('catches wrong types deep inside (a number for a date, a string for attemptsLeft)', () => {
    const wrong = structuredClone(transaction) as any;
    wrong.step.code.attemptsLeft = 'five';
    wrong.expiresAt = 12;
    const errors = check('POST', '/api/signin/password', 200, json, wrong);
    assert.ok(errors.some((e) => e.includes('/expiresAt')), errors.join('\n'));
  });

  it('catches an unknown error code, a problem served as application/json and a status that disagrees', () => {
    assert.ok(check('GET', '/api/signin', 401, problemJson, problem(401, 'nope')).some((e) => e.includes('/code')));
    assert.ok(check('GET', '/api/signin', 401, json, problem(401, 'transaction_not_found')).some((e) => e.includes('content type')));
    assert.ok(check('GET', '/api/signin', 401, problemJson, problem(400, 'transaction_not_found')).some((e) => e.includes('differs')));
  });

  it('catches a status the operation does not declare, and any 5xx', () => {
    assert.ok(check('GET', '/api/signin', 418, problemJson, problem(418, 'invalid_request')).some((e) => e.includes('not declared')));
    assert.ok(check('GET', '/api/signin', 409, problemJson, problem(409, 'method_exists')).some((e) => e.includes('not declared')));
    assert.ok(check('GET', '/api/signin', 500, problemJson, problem(500, 'server_error')).some((e) => e.includes('5xx')));
  });

  it('catches a 429 without Retry-After, or with a different retryAfter', () => {
    assert.ok(check('POST', '/api/signin/resend', 429, problemJson, problem(429, 'resend_too_soon', { retryAfter: 3 })).some((e) => e.includes('Retry-After is missing')));
    assert.ok(check('POST', '/api/signin/resend', 429, { ...problemJson, 'retry-after': '4' }, problem(429, 'resend_too_soon', { retryAfter: 3 })).some((e) => e.includes('differs')));
  });

  it('catches a body on 204 and a leaked TOTP secret format', () => {
    assert.ok(check('DELETE', '/api/signin', 204, json, { ok: true }).length > 0);
    const enrollment = { id: 'e', product: 'google-authenticator', status: 'pending', expiresAt: now, qrUri: 'otpauth://x', secret: 'jbswy3dp' };
    assert.ok(check('GET', '/api/me/enrollments/e', 200, json, enrollment).some((e) => e.includes('/secret')));
  });

  it('validates named schemas too', () => {
    assert.equal(schemaValidator('Transaction')(transaction), true);
    assert.equal(schemaValidator('Problem')({ code: 'invalid_request' }), false);
  });

  describe('inside the shared HTTP helper', () => {
    // A server that breaks the contract on purpose: GET /api/signin answers a Transaction without a step.
    const server = createServer((req, res) => {
      if (req.url === '/api/signin') {
        const { step: _drop, ...broken } = transaction;
        res.writeHead(200, json).end(JSON.stringify(broken));
      } else {
        res.writeHead(500, problemJson).end(JSON.stringify(problem(500, 'server_error')));
      }
    });
    let holder: Holder;
    before(async () => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      holder = { target: { url, apiBase: '/api', caps: { control: false, inProcess: false }, fixtures: DEFAULT_FIXTURES }, offsetMs: 0 };
    });
    after(() => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }));

    it('fails the test with the path and the schema error', async () => {
      await assert.rejects(raw(holder, 'GET', '/api/signin'), (error: Error) => {
        assert.match(error.message, /GET \/api\/signin → 200 does not match docs\/contract\/openapi\.yaml/);
        assert.match(error.message, /must have required property 'step'/);
        return true;
      });
    });

    it('fails on a 5xx', async () => {
      await assert.rejects(raw(holder, 'GET', '/api/session'), /the contract never answers 5xx/);
    });
  });
});

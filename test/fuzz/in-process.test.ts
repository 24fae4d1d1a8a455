/**
 * Fuzz of every operation of the contract, in process (`backend.handle(new Request(...))`):
 * malformed and hostile requests with and without valid tokens, at wrong steps, with unknown ids,
 * and random sequences of calls. Every answer must match the OpenAPI document, every refusal is a
 * 4xx problem with a known code that changes no state (see `support.ts` for the exact rule), and
 * a valid sign-in still works afterwards. Seeded (`FUZZ_SEED`) for reproducible CI runs.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { MockBackend } from '../../mock-server/backend.js';
import {
  API, OPERATIONS, SEED, anyString, assertContract, assertNoStateChange, assertRefused, assertSignInWorks, authFor,
  buildWorld, count, counts, csrfHeader, encodePath, fromWorld, invalidBody, pathFor, readAnswer, toRequest, wellFormedBody,
  type FuzzRequest, type World,
} from './support.js';

const RUNS = { malformed: 3400, wellFormed: 2800, sequences: 220 };
let world: World;
let properties = 0;

async function send(backend: MockBackend, r: FuzzRequest) {
  count(r.operation);
  const response = await backend.handle(toRequest(r));
  assert.ok(response, `${r.method} ${r.path}: the backend did not answer`);
  return readAnswer(response);
}

/** A request for one of the contract's operations (api and control), with `body` from `bodies`. */
function requestFor(bodies: (operation: string) => fc.Arbitrary<FuzzRequest['body']>, only?: (o: (typeof OPERATIONS)[number]) => boolean) {
  const ops = OPERATIONS.filter(only ?? (() => true));
  return fc.constantFrom(...ops).chain((op) => fc.record({
    operation: fc.constant(op.key),
    method: fc.constant(op.method),
    path: pathFor(op.template, world.ids),
    auth: authFor(world),
    csrf: csrfHeader,
    body: bodies(op.key),
  }));
}

/** Requests no route serves: unknown paths and methods. */
const strayRequest = () => fc.record({
  operation: fc.constant('other'),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND'),
  path: fc.oneof(
    fc.constantFrom(`${API}`, `${API}/`, `${API}/signin/`, `${API}//signin`, `${API}/SIGNIN`, `${API}/me`, `${API}/me/methods/a/b`, '/__mock', '/__mock/', `${API}/signin/password/..`, `${API}/%2e%2e/__mock/reset`),
    anyString.map((s) => `${API}/${encodePath(s)}`),
  ),
  auth: authFor(world),
  csrf: csrfHeader,
  body: fc.constant({ label: 'none' }),
});

describe('fuzz (in process)', () => {
  before(async () => {
    world = await buildWorld();
    console.log(`fuzz: seed ${SEED} (set FUZZ_SEED to override)`);
  });

  it('refuses malformed bodies on every operation with a 4xx problem and changes nothing', async () => {
    // One backend for all runs: the state must never change, so it stays the world.
    const backend = fromWorld(world);
    const start = JSON.stringify(backend.exportState());
    properties += 1;
    await fc.assert(
      fc.asyncProperty(
        requestFor((op) => invalidBody(op, world.ids, backend.config.maxBodyBytes), (o) => o.method !== 'GET'),
        async (r) => {
          const before = backend.exportState();
          const answer = await send(backend, r);
          assertRefused({ ...r, label: r.body.label }, answer);
          assertNoStateChange(before, backend.exportState(), undefined, `${r.method} ${r.path} (${r.body.label})`);
        },
      ),
      { seed: SEED, numRuns: RUNS.malformed },
    );
    assert.equal(JSON.stringify(backend.exportState()), start);
    await assertSignInWorks(backend);
  });

  it('answers well-formed requests with any token, at any step, with any id: contract answers, refusals change nothing', async () => {
    properties += 1;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 9, arbitrary: requestFor((op) => wellFormedBody(op, world.ids), (o) => !o.control) }, { weight: 1, arbitrary: strayRequest() }),
        async (r) => {
          const backend = fromWorld(world);
          const before = backend.exportState();
          const answer = await send(backend, r);
          assertContract({ ...r, label: r.body.label }, answer);
          if (answer.status >= 400) {
            assertNoStateChange(before, backend.exportState(), (answer.body as { code?: string })?.code, `${r.method} ${r.path}`);
          }
        },
      ),
      { seed: SEED + 1, numRuns: RUNS.wellFormed },
    );
  });

  it('survives random sequences of valid and hostile calls, out of order, and still signs in', async () => {
    properties += 1;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(
          { weight: 6, arbitrary: requestFor((op) => wellFormedBody(op, world.ids), (o) => !o.control) },
          { weight: 3, arbitrary: requestFor((op) => invalidBody(op, world.ids, 16_384), (o) => !o.control && o.method !== 'GET') },
          { weight: 1, arbitrary: strayRequest() },
        ), { minLength: 3, maxLength: 20 }),
        fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
        async (requests, picks) => {
          const backend = fromWorld(world);
          // Tokens the sequence itself obtains are used by later calls (out-of-order flows).
          const harvested: string[] = [];
          for (const [i, r] of requests.entries()) {
            const request = harvested.length && picks[i]! % 3 === 0 ? { ...r, auth: `Bearer ${harvested[picks[i]! % harvested.length]}` } : r;
            const before = backend.exportState();
            const answer = await send(backend, request);
            assertContract({ ...request, label: request.body.label }, answer);
            if (answer.status >= 400) {
              assertNoStateChange(before, backend.exportState(), (answer.body as { code?: string })?.code, `${request.method} ${request.path}`);
            } else {
              const body = answer.body as { transactionToken?: string; session?: { token: string } } | undefined;
              if (body?.transactionToken) harvested.push(body.transactionToken);
              if (body?.session?.token) harvested.push(body.session.token);
            }
          }
          await assertSignInWorks(backend);
        },
      ),
      { seed: SEED + 2, numRuns: RUNS.sequences },
    );
  });

  it('reached every operation of the contract', () => {
    for (const op of OPERATIONS) {
      assert.ok((counts.byOperation.get(op.key) ?? 0) >= (op.method === 'GET' && op.control ? 0 : 20), `${op.key} was fuzzed ${counts.byOperation.get(op.key) ?? 0} times`);
    }
    console.log(`fuzz: ${counts.requests} requests, ${properties} properties (in process, seed ${SEED})`);
    // With test/fuzz/http.test.ts (≥ 2000 over HTTP) the suite sends well over 10,000 requests.
    assert.ok(counts.requests >= 8_000, `only ${counts.requests} requests`);
  });
});

/**
 * Shared pieces of the fuzz suite: the seed, a prepared "world" (users at every step, with their
 * tokens and ids), generators of hostile requests for every operation of the OpenAPI document,
 * and the checks every answer must pass.
 *
 * What "no change of state" means here (also in docs/conformance.md):
 * a request answered 4xx leaves `backend.exportState()` exactly as it was, with three exceptions
 * that are the rules themselves:
 *   - `401 invalid_credentials` may add one failure time for that username (`failures`);
 *   - `400 invalid_code` may add one to one wrong-code counter (`wrongCodes` of a transaction,
 *     a pending mobile change or an enrollment);
 *   - `403 too_many_attempts` may, in addition, close what the counter belonged to (the transaction,
 *     cancelling its push; the pending mobile change; the enrollment).
 * Nothing else may differ: not the outbox, the clock, sessions, methods, pushes or config.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createBackend, type MockBackend, type MockState } from '../../mock-server/backend.js';
import type { MockConfig } from '../../mock-server/config.js';
import { contractErrors, operations } from '../node/openapi.js';

export const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20_240_611;
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, got ${process.env.FUZZ_SEED}`);

export const ORIGIN = 'http://fuzz.test';
export const API = '/api';
/** Pushes must not expire while the fuzz runs (their expiry is a legitimate change on reads). */
export const WORLD_CONFIG: Partial<MockConfig> = { pushLifetimeSeconds: 600 };

/** Requests sent, by operation (`METHOD /template`, or `other`). */
export const counts = { requests: 0, byOperation: new Map<string, number>() };
export function count(operation: string): void {
  counts.requests += 1;
  counts.byOperation.set(operation, (counts.byOperation.get(operation) ?? 0) + 1);
}

export interface Answer { status: number; headers: Headers; body: unknown; text: string }

export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text === '' ? undefined : text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep the text */
  }
  return { status: response.status, headers: response.headers, body, text };
}

/* ------------------------------------------------------------------------------------------ */
/* The world: a state with a user at every step                                                */
/* ------------------------------------------------------------------------------------------ */

export interface World {
  state: MockState;
  /** Bearer tokens by name (transactions at each step, sessions). */
  tokens: Record<string, string>;
  /** Ids that exist in the world (methods, enrollments, pushes). */
  ids: string[];
}

async function call(backend: MockBackend, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = { 'X-TFA-CSRF': '1' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await backend.handle(new Request(ORIGIN + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  const answer = await readAnswer(response!);
  assert.ok(answer.status < 300, `world: ${method} ${path} → ${answer.status} ${answer.text}`);
  return answer.body;
}

async function lastCode(backend: MockBackend): Promise<string> {
  return backend.exportState().outbox.at(-1)!.code!;
}

async function session(backend: MockBackend, username: string): Promise<string> {
  const tx = await call(backend, 'POST', `${API}/signin/password`, { username, password: 'demo1234' });
  const done = await call(backend, 'POST', `${API}/signin/code`, { code: await lastCode(backend) }, tx.transactionToken);
  return done.session.token;
}

/** Builds the world once: transactions at every step, sessions, a pending mobile change and enrollments. */
export async function buildWorld(): Promise<World> {
  const backend = createBackend({ config: WORLD_CONFIG });
  const password = async (username: string) => (await call(backend, 'POST', `${API}/signin/password`, { username, password: 'demo1234' })).transactionToken as string;
  const tokens: Record<string, string> = {};
  tokens.annaCode = await password('anna');
  tokens.boSms = await password('bo');
  tokens.carlTotp = await password('carl');
  tokens.dortePush = await password('dorte');
  tokens.erikPush = await password('erik');
  tokens.dorteRecovery = await password('dorte');
  await call(backend, 'POST', `${API}/signin/recovery`, undefined, tokens.dorteRecovery);
  tokens.erikIdentify = (await call(backend, 'POST', `${API}/signin/identify`, { username: 'erik' })).transactionToken;
  tokens.ghostIdentify = (await call(backend, 'POST', `${API}/signin/identify`, { username: 'ghost' })).transactionToken;
  tokens.annaSession = await session(backend, 'anna');
  tokens.boSession = await session(backend, 'bo');
  await call(backend, 'POST', `${API}/me/contact/mobile`, { mobile: '+45 40 11 22 33' }, tokens.boSession);
  const totpEnrollment = await call(backend, 'POST', `${API}/me/enrollments`, { product: 'google-authenticator' }, tokens.annaSession);
  const pushEnrollment = await call(backend, 'POST', `${API}/me/enrollments`, { product: 'pingid' }, tokens.annaSession);
  tokens.annaStepUp = (await call(backend, 'POST', `${API}/session/step-up`, undefined, tokens.annaSession)).transactionToken;
  const state = backend.exportState();
  const ids = [
    ...state.users.flatMap((u) => u.methods.map((m) => m.id)),
    totpEnrollment.id, pushEnrollment.id,
    ...state.pushes.map((p) => p.id),
  ];
  return { state, tokens, ids };
}

/** A backend starting from the world (cheap: no hashing). */
export function fromWorld(world: World): MockBackend {
  return createBackend({ state: world.state, config: WORLD_CONFIG });
}

/* ------------------------------------------------------------------------------------------ */
/* Generators                                                                                  */
/* ------------------------------------------------------------------------------------------ */

export const OPERATIONS = operations().map((o) => ({
  key: `${o.method} ${o.template}`,
  method: o.method,
  template: o.template,
  control: o.template.startsWith('/__mock'),
  hasBody: Boolean(o.operation.requestBody),
}));

/** Strings people and attackers type: RTL marks, emoji, NUL, lone surrogates, look-alikes, injections. */
export const NASTY_STRINGS = [
  '', ' ', 'anna', 'ANNA', 'ghost', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype',
  '\u202Eanna', '\u200Banna', 'аnna' /* Cyrillic а */, 'İ', 'ß', '👩‍👩‍👧‍👦', '🏳️‍🌈'.repeat(20), '\u0000', 'a\u0000b',
  '\uD800', '\uDFFF', 'x\uDC00y', '\uFEFF{}', '${7*7}', '{{7*7}}', "' OR 1=1 --", '<script>alert(1)</script>',
  '../../etc/passwd', '%00', '\r\nX-Injected: 1', 'ｍ＿０', '123 456', '123-456', '١٢٣٤٥٦' /* Arabic-Indic digits */,
  '１２３４５６' /* full-width digits */, '+45 20 12 34 56', '0045 20123456', '+4520123456', 'x'.repeat(257), 'x'.repeat(5000),
];

export const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 200, maxLength: 2000 }) },
);

/** Any JSON value, including deep nesting. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e308, 0.5, [], {}, [[[[[[[[[[]]]]]]]]]], { __proto__: null }),
  anyString,
);

/** Fields the contract's request bodies have, with values that are the right type (maybe wrong content). */
export function wellFormedField(name: string, ids: string[]): fc.Arbitrary<unknown> {
  switch (name) {
    case 'username': return fc.oneof(fc.constantFrom('bo', 'carl', 'dorte', 'erik', 'ghost', 'BO', 'nobody'), anyString.filter((s) => s.length >= 1 && s.length <= 256));
    case 'password': return fc.oneof(fc.constant('demo1234'), fc.constant('wrong'), anyString.filter((s) => s.length >= 1 && s.length <= 1024));
    case 'code': return fc.oneof(fc.stringMatching(/^\d{6}$/), fc.constantFrom('000000', '123 456', '12-34-56', '1', '1234567890123456'), anyString.filter((s) => s.length >= 1 && s.length <= 32));
    case 'methodId': return fc.oneof(fc.constantFrom(...ids), fc.constant('m_0000000000000000'), anyString.filter((s) => s.length >= 1 && s.length <= 64));
    case 'methodIds': return fc.oneof(fc.shuffledSubarray(ids, { maxLength: Math.min(20, ids.length) }), fc.array(fc.constantFrom(...ids), { maxLength: 20 }));
    case 'product': return fc.constantFrom('google-authenticator', 'microsoft-authenticator', 'pingid', 'entrust-soft-token', 'email', 'sms', 'yubikey');
    case 'mobile': return fc.oneof(fc.constantFrom('+45 40 11 22 33', '20123456', '+4520123456', '+1 555 0100', '12', '+45 1234'), anyString.filter((s) => s.length >= 1 && s.length <= 32));
    case 'number': return fc.integer({ min: 0, max: 999 });
    case 'advanceSeconds': return fc.constant(0);
    default: return anyJson;
  }
}

/** Request body fields of each operation that takes a body (from the OpenAPI document). */
export const BODY_FIELDS: Record<string, string[]> = {
  'POST /signin/password': ['username', 'password'],
  'POST /signin/identify': ['username'],
  'POST /signin/code': ['code'],
  'POST /signin/method': ['methodId'],
  'PUT /me/methods/order': ['methodIds'],
  'POST /me/enrollments': ['product'],
  'POST /me/enrollments/{id}/verify': ['code'],
  'POST /me/contact/mobile': ['mobile'],
  'POST /me/contact/mobile/verify': ['code'],
  'POST /__mock/push/{id}/approve': ['number'],
  'POST /__mock/clock': ['advanceSeconds'],
  'PUT /__mock/config': ['codeLength'],
};

export interface BodySpec {
  /** Raw bytes or text of the body; undefined for none. */
  body?: string | Uint8Array;
  contentType?: string;
  label: string;
}

const CONTENT_TYPES_OK = ['application/json', 'application/json; charset=utf-8', 'Application/JSON'];
const CONTENT_TYPES_BAD = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json-patch+json', 'application/problem+json', 'json', '*/*'];

const MALFORMED_JSON = [
  '{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":undefined}', '// c\n{}', '{"a":1}{"b":2}', '\u0000', '[', ']', 'nul', 'tru',
  '{"a":"\\x41"}', '{"a":"\\ud800"', '{"code":"123456"', '\uFEFF{"a":1}', '0x10', '.5', '+1', "{\"a\":1}\u0000garbage",
];

/**
 * A body that no operation may accept: malformed JSON, invalid UTF-8, wrong content type,
 * a non-object, missing, extra or wrongly typed fields, or more than `maxBytes`.
 */
export function invalidBody(operationKey: string, ids: string[], maxBytes: number): fc.Arbitrary<BodySpec> {
  const fields = BODY_FIELDS[operationKey] ?? [];
  const json = (value: unknown, label: string): BodySpec => ({ body: JSON.stringify(value), contentType: 'application/json', label });
  const validObject = fc.record(Object.fromEntries(fields.map((f) => [f, wellFormedField(f, ids)]))) as fc.Arbitrary<Record<string, unknown>>;
  const variants: fc.Arbitrary<BodySpec>[] = [
    fc.constantFrom(...MALFORMED_JSON).map((text) => ({ body: text, contentType: 'application/json', label: 'malformed JSON' })),
    fc.constantFrom(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), new Uint8Array([0xc3, 0x28]), new Uint8Array([0xed, 0xa0, 0x80]))
      .map((bytes) => ({ body: bytes, contentType: 'application/json', label: 'invalid UTF-8' })),
    fc.tuple(fc.constantFrom(...CONTENT_TYPES_BAD), validObject).map(([type, value]) => ({ body: JSON.stringify(value), contentType: type, label: `content type ${type}` })),
    validObject.map((value) => ({ body: JSON.stringify(value), label: 'no content type' })),
    fc.oneof(fc.array(anyJson, { maxLength: 3 }), anyString, fc.integer(), fc.constant(null), fc.boolean())
      .map((value) => json(value, 'not an object')),
    fc.tuple(validObject, fc.constantFrom('admin', 'extra', '__proto__', 'constructor', 'isAdmin', 'role', 'x'.repeat(300)), anyJson)
      .map(([value, key, extra]) => ({ body: JSON.stringify(value).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(extra ?? null)}${Object.keys(value).length ? ',' : ''}`), contentType: 'application/json', label: `extra field ${key.slice(0, 20)}` })),
    fc.integer({ min: maxBytes + 1, max: maxBytes * 4 }).chain((size) => fc.constantFrom('a', 'é', '👩')
      .map((ch) => ({ body: JSON.stringify({ [fields[0] ?? 'x']: ch.repeat(Math.ceil(size / Buffer.byteLength(ch))) }), contentType: 'application/json', label: 'huge body' }))),
  ];
  if (fields.length) {
    variants.push(
      validObject.chain((value) => fc.constantFrom(...fields).map((drop) => {
        const { [drop]: _gone, ...rest } = value;
        return json(rest, `missing ${drop}`);
      })),
      fc.tuple(validObject, fc.constantFrom(...fields), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }), fc.array(fc.integer(), { maxLength: 2 }), fc.constant('x'.repeat(2000))))
        .filter(([, field, wrong]) => !(field === 'methodIds' && Array.isArray(wrong) && wrong.length === 0) && !(field === 'advanceSeconds' && wrong === 0))
        .map(([value, field, wrong]) => json({ ...value, [field]: field === 'number' && typeof wrong === 'number' ? wrong + 0.5 : wrong }, `wrong type for ${field}`)),
    );
  } else {
    // Operations without a body take none (or `{}`): any field is one too many.
    variants.push(fc.dictionary(anyString.filter((k) => k.length > 0), anyJson, { minKeys: 1, maxKeys: 3 }).map((value) => json(value, 'a body where none is taken')));
  }
  return fc.oneof(...variants).filter((b) => !(b.contentType && CONTENT_TYPES_OK.includes(b.contentType) && b.body === '{}'));
}

/** A well-formed body for the operation (the content may still be wrong: codes, ids, names). */
export function wellFormedBody(operationKey: string, ids: string[]): fc.Arbitrary<BodySpec> {
  const fields = BODY_FIELDS[operationKey];
  if (!fields) return fc.constantFrom<BodySpec>({ label: 'no body' }, { body: '{}', contentType: 'application/json', label: '{}' });
  return fc.record(Object.fromEntries(fields.map((f) => [f, wellFormedField(f, ids)])))
    .map((value) => ({ body: JSON.stringify(value), contentType: 'application/json; charset=utf-8', label: 'well-formed' }));
}

/** `encodeURIComponent`, with lone surrogates sent as their (invalid) UTF-8 bytes instead of throwing. */
export function encodePath(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80').replace(/[^%A-Za-z0-9_.~-]/g, (c) => encodeURIComponent(c));
  }
}

/** A path for the template: known ids, unknown ids, and ids no route takes. */
export function pathFor(template: string, ids: string[]): fc.Arbitrary<string> {
  const id = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.constantFrom('m_0000000000000000', 'enr_0000', 'push_0000', 'x', 'a'.repeat(64)) },
    { weight: 2, arbitrary: fc.constantFrom('..%2F..%2Fetc', '%00', '%E0%A4%A', 'a'.repeat(65), '%F0%9F%98%80', '%20', '__proto__', 'constructor', '.', '..') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodePath) },
  );
  const query = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('?x=1', '?token=abc', '?__proto__[a]=1', `?${'q'.repeat(3000)}=1`) });
  const base = template.startsWith('/__mock') ? '' : API;
  return fc.tuple(id, query).map(([value, q]) => `${base}${template.replace('{id}', value)}${q}`);
}

/** Authorization header values: each world token, junk, and none. */
export function authFor(world: World): fc.Arbitrary<string | undefined> {
  const tokens = Object.values(world.tokens);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...tokens).map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom('Bearer ', 'Bearer x', `Bearer ${'x'.repeat(43)}`, `Bearer ${'x'.repeat(600)}`, 'Basic YW5uYTpkZW1vMTIzNA==', `bearer ${tokens[0]}`, `Bearer  ${tokens[0]}`, `Bearer ${tokens[0]}x`, 'Bearer __proto__', 'Bearer constructor') },
  );
}

export const csrfHeader = fc.oneof({ weight: 8, arbitrary: fc.constant('1') }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('0', 'true', '1, 1', '') });

export interface FuzzRequest {
  operation: string;
  method: string;
  path: string;
  auth?: string;
  csrf?: string;
  body: BodySpec;
}

export function toRequest(r: FuzzRequest): Request {
  const headers = new Headers();
  if (r.auth !== undefined) headers.set('Authorization', r.auth);
  if (r.csrf !== undefined) headers.set('X-TFA-CSRF', r.csrf);
  if (r.body.contentType !== undefined) headers.set('Content-Type', r.body.contentType);
  const sendBody = r.body.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
  const body = r.body.body;
  return new Request(ORIGIN + r.path, {
    method: r.method,
    headers,
    body: sendBody && body !== undefined ? (typeof body === 'string' ? body : new Uint8Array(body)) : undefined,
  });
}

/* ------------------------------------------------------------------------------------------ */
/* Checks                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** The answer matches the contract (schema by route + status), and is never a 5xx. */
export function assertContract(r: { method: string; path: string; label?: string }, answer: Answer): void {
  const pathname = new URL(r.path, ORIGIN).pathname;
  const errors = contractErrors({ method: r.method, pathname, status: answer.status, headers: answer.headers, body: answer.body }, API);
  if (answer.status >= 500) errors.unshift(`5xx answer`);
  if (errors.length) {
    assert.fail(`${r.method} ${r.path.slice(0, 200)} (${r.label ?? ''}) → ${answer.status}:\n  - ${errors.join('\n  - ')}\n  body: ${answer.text.slice(0, 300)}`);
  }
}

/** A 4xx problem answer (application/problem+json with a known code, checked by `assertContract`). */
export function assertRefused(r: { method: string; path: string; label?: string }, answer: Answer): void {
  assertContract(r, answer);
  assert.ok(answer.status >= 400 && answer.status < 500, `${r.method} ${r.path.slice(0, 120)} (${r.label}) was accepted: ${answer.status} ${answer.text.slice(0, 200)}`);
}

type Json = any;

/** State without what the answer `code` may legitimately change (see the module comment). */
function normalise(state: MockState, code: string | undefined, keep?: MockState): Json {
  const s: Json = structuredClone(state);
  if (code === 'invalid_credentials') delete s.failures;
  if (code === 'invalid_code' || code === 'too_many_attempts') {
    for (const t of s.transactions) delete t.wrongCodes;
    for (const u of s.users) if (u.pendingMobile) delete u.pendingMobile.wrongCodes;
    for (const e of s.enrollments) delete e.wrongCodes;
  }
  if (code === 'too_many_attempts' && keep) {
    // What was closed is absent from `keep` (the state after): drop it here too.
    const open = new Set(keep.transactions.map((t) => t.token));
    const closed = new Set(s.transactions.filter((t: Json) => !open.has(t.token)).map((t: Json) => t.token));
    s.transactions = s.transactions.filter((t: Json) => open.has(t.token));
    for (const p of s.pushes) if (closed.has(p.transactionToken)) p.status = 'closed';
    const enrollments = new Set(keep.enrollments.map((e) => e.id));
    s.enrollments = s.enrollments.filter((e: Json) => enrollments.has(e.id));
    for (const u of s.users) if (!keep.users.find((k) => k.username === u.username)?.pendingMobile) delete u.pendingMobile;
  }
  return s;
}

/** Asserts that a 4xx answer with `code` changed nothing but what `code` allows. */
export function assertNoStateChange(before: MockState, after: MockState, code: string | undefined, what: string): void {
  const a = normalise(before, code, after);
  const b = normalise(after, code, after);
  if (code === 'too_many_attempts') {
    // Pushes of closed transactions may only have been cancelled.
    const closed = new Set(before.transactions.filter((t) => !after.transactions.some((x) => x.token === t.token)).map((t) => t.token));
    for (const p of b.pushes) if (closed.has(p.transactionToken)) p.status = 'closed';
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    assert.deepEqual(b, a, `${what}: the state changed although the request was refused (${code})`);
  }
  if (code === 'invalid_credentials') {
    const grown = Object.keys(after.failures).filter((k) => JSON.stringify(after.failures[k]) !== JSON.stringify(before.failures[k]));
    assert.ok(grown.length <= 1, `${what}: failures changed for ${grown.join(', ')}`);
  }
}

/** The server still works: anna signs in with password and emailed code. */
export async function assertSignInWorks(backend: MockBackend): Promise<void> {
  const headers = { 'Content-Type': 'application/json', 'X-TFA-CSRF': '1' };
  const send = async (path: string, body: unknown, token?: string) => {
    count('sign-in check');
    const response = await backend.handle(new Request(ORIGIN + API + path, {
      method: 'POST', headers: token ? { ...headers, Authorization: `Bearer ${token}` } : headers, body: JSON.stringify(body),
    }));
    return readAnswer(response!);
  };
  const tx = await send('/signin/password', { username: 'anna', password: 'demo1234' });
  assert.equal(tx.status, 200, `sign-in after the fuzz: ${tx.text}`);
  const code = backend.exportState().outbox.at(-1)!.code;
  const done = await send('/signin/code', { code }, (tx.body as Json).transactionToken);
  assert.equal(done.status, 200, `sign-in after the fuzz: ${done.text}`);
  assert.equal((done.body as Json).step.name, 'done');
}

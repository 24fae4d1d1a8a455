/** Request parsing and strict body validation, shared by every route. */
import { HttpProblem, invalidRequest } from './problems.js';

export type FieldSpec =
  | { type: 'string'; minLength?: number; maxLength: number; optional?: boolean }
  | { type: 'integer'; min: number; max: number; optional?: boolean }
  | { type: 'number'; min: number; max: number; optional?: boolean }
  | { type: 'string[]'; maxItems: number; maxLength: number };

/** Allowed fields of a JSON body; any other field is refused. */
export type BodySpec = Record<string, FieldSpec>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * Reads the body as text within `limit` bytes (413 beyond), checks the content type (415),
 * parses JSON (400). An empty body reads as `undefined`.
 */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  const declared = Number(request.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpProblem(413, 'payload_too_large', { detail: `At most ${limit} bytes.` });
  }
  const bytes = await readLimited(request, limit);
  if (bytes.length === 0) return undefined;
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpProblem(415, 'unsupported_media_type', { detail: 'Send the body as application/json.' });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidRequest('The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest('The body is not valid JSON.');
  }
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new HttpProblem(413, 'payload_too_large', { detail: `At most ${limit} bytes.` });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Checks `value` against `spec`: a JSON object with exactly the allowed fields and types.
 * With no spec, the body must be empty or `{}`.
 */
export function validateBody(value: unknown, spec: BodySpec | undefined): Record<string, unknown> {
  if (value === undefined) value = spec ? undefined : {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('The body must be a JSON object.');
  }
  const body = value as Record<string, unknown>;
  const errors: { field: string; message: string }[] = [];
  for (const key of Object.keys(body)) {
    // `Object.hasOwn`, not `in`: `__proto__`, `constructor`… are not fields of any spec.
    if (!spec || !Object.hasOwn(spec, key)) errors.push({ field: key, message: 'is not allowed' });
  }
  for (const [field, rule] of Object.entries(spec ?? {})) {
    const message = fieldError(body[field], rule);
    if (message) errors.push({ field, message });
  }
  if (errors.length) throw invalidRequest('Some fields are missing or not valid.', errors);
  return body;
}

function fieldError(value: unknown, rule: FieldSpec): string | undefined {
  if (value === undefined) return 'optional' in rule && rule.optional ? undefined : 'is required';
  switch (rule.type) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (value.length < (rule.minLength ?? 1)) return `must have at least ${rule.minLength ?? 1} characters`;
      if (value.length > rule.maxLength) return `must have at most ${rule.maxLength} characters`;
      return undefined;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (rule.type === 'integer' && !Number.isInteger(value)) return 'must be an integer';
      if (value < rule.min || value > rule.max) return `must be from ${rule.min} to ${rule.max}`;
      return undefined;
    case 'string[]':
      if (!Array.isArray(value)) return 'must be an array of strings';
      if (value.length > rule.maxItems) return `must have at most ${rule.maxItems} items`;
      if (value.some((v) => typeof v !== 'string' || v.length === 0 || v.length > rule.maxLength)) {
        return `must contain strings of 1 to ${rule.maxLength} characters`;
      }
      return undefined;
  }
}

/** The bearer token of the `Authorization` header, if well-formed. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(request.headers.get('Authorization') ?? '');
  return match?.[1];
}

/** "123 456" and "123-456" read as "123456"; anything but digits is refused. */
export function normaliseCode(raw: string): string {
  const code = raw.replace(/[\s-]/g, '');
  if (!/^\d{1,16}$/.test(code)) {
    throw invalidRequest('The code must consist of digits.', [{ field: 'code', message: 'must be digits' }]);
  }
  return code;
}

/**
 * Checks answers against `docs/contract/openapi.yaml` (OpenAPI 3.1 = JSON Schema 2020-12, ajv).
 *
 * Every response the Node suite (and so the conformance kit) receives goes through
 * `contractErrors()` in `helpers.ts`: the route is found by method + path template, the status must
 * be declared for that operation (or be one of the statuses every route may answer, see
 * "Every route may also answer" in `docs/contract/README.md`), the content type must be the
 * declared one, the body must match the declared schema, and declared required headers
 * (`Retry-After` on 429) must be present and valid.
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, any>;

const SPEC_URL = new URL('../../docs/contract/openapi.yaml', import.meta.url);
const doc = parse(readFileSync(SPEC_URL, 'utf8')) as Json;

/** Statuses any operation may answer with a `Problem` (README, "Every route may also answer"). */
const GENERIC_STATUSES = new Set([400, 401, 403, 404, 405, 413, 415]);
/** Out-of-order calls may answer `409 wrong_step` anywhere (README). */
const GENERIC_409_CODE = 'wrong_step';
const PROBLEM_TYPE = 'application/problem+json';

/** `#/components/schemas/X` → `contract#/$defs/X`, so the schemas form one JSON Schema document. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', 'contract#/$defs/')
        : rewriteRefs(value);
    }
    return out;
  }
  return node;
}

const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true });
addFormats(ajv);
// OpenAPI's own annotation keywords (not JSON Schema).
for (const keyword of ['example', 'xml', 'externalDocs']) ajv.addKeyword(keyword);
ajv.addSchema({ $id: 'contract', $defs: rewriteRefs(doc.components.schemas) as Json });

const compiled = new Map<string, ValidateFunction>();
function validatorFor(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as Json);
    compiled.set(key, validate);
  }
  return validate;
}

/** The validator of a named schema (`Transaction`, `Problem`, …). */
export function schemaValidator(name: string): ValidateFunction {
  return validatorFor({ $ref: `#/components/schemas/${name}` });
}

function deref(node: Json): Json {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const parts = (current.$ref as string).replace(/^#\//, '').split('/');
    current = parts.reduce<Json>((acc, part) => acc?.[part], doc);
  }
  return current;
}

interface PathEntry { template: string; pattern: RegExp; item: Json }
const PATHS: PathEntry[] = Object.entries(doc.paths as Json).map(([template, item]) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  item: item as Json,
}));

/** The operation's template (`/me/enrollments/{id}`) for a request path, relative to the API base or `/__mock`. */
export function findPath(pathname: string, apiBase: string): PathEntry | undefined {
  const base = apiBase.replace(/\/+$/, '');
  let relative: string;
  if (pathname === '/__mock' || pathname.startsWith('/__mock/')) relative = pathname;
  else if (pathname.startsWith(`${base}/`)) relative = pathname.slice(base.length);
  else return undefined;
  return PATHS.find((p) => p.pattern.test(relative));
}

function schemaErrors(validate: ValidateFunction, body: unknown): string[] {
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export interface Answer {
  method: string;
  /** Path of the request URL (no query). */
  pathname: string;
  status: number;
  headers: Headers;
  /** Parsed JSON body, the raw text when it is not JSON, `undefined` when empty. */
  body: unknown;
}

/**
 * What is wrong with `answer` according to the OpenAPI document (empty: it matches).
 * `apiBase` is the path the API is served under (`/api`).
 */
export function contractErrors(answer: Answer, apiBase: string): string[] {
  const { method, pathname, status, headers, body } = answer;
  if (method === 'OPTIONS') return []; // CORS preflights are the server's, not the contract's.
  const errors: string[] = [];
  if (status >= 500) errors.push(`status ${status}: the contract never answers 5xx`);
  const entry = findPath(pathname, apiBase);
  const operation = entry?.item[method.toLowerCase()] as Json | undefined;
  const declared = operation?.responses?.[String(status)] as Json | undefined;
  const contentType = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

  let response: Json;
  if (declared) {
    response = deref(declared);
  } else if (GENERIC_STATUSES.has(status) || status === 409 || status >= 500) {
    response = deref({ $ref: '#/components/responses/Problem' });
    if (status === 409 && (body as Json | undefined)?.code !== GENERIC_409_CODE) {
      errors.push(`status 409 with code ${(body as Json | undefined)?.code} is not declared for ${method} ${entry?.template ?? pathname}`);
    }
  } else {
    errors.push(`status ${status} is not declared for ${method} ${entry?.template ?? pathname}`);
    return errors;
  }

  const content = response.content as Json | undefined;
  if (!content) {
    if (body !== undefined && body !== '') errors.push(`status ${status} has no body in the contract, got ${JSON.stringify(body).slice(0, 200)}`);
  } else if (!(contentType in content)) {
    errors.push(`content type "${contentType}" is not ${Object.keys(content).join(' or ')}`);
  } else {
    const schema = content[contentType].schema as Json | undefined;
    if (schema) {
      for (const e of schemaErrors(validatorFor(schema), body)) errors.push(`body ${e}`);
    }
  }
  for (const [name, header] of Object.entries((response.headers ?? {}) as Json)) {
    const value = headers.get(name);
    if (value === null) {
      if ((header as Json).required) errors.push(`header ${name} is missing`);
      continue;
    }
    const schema = (header as Json).schema as Json | undefined;
    if (schema) {
      const parsed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
      for (const e of schemaErrors(validatorFor(schema), parsed)) errors.push(`header ${name} ${e}`);
    }
  }
  if (contentType === PROBLEM_TYPE && body && typeof body === 'object') {
    const problem = body as Json;
    if (problem.status !== status) errors.push(`problem status ${problem.status} differs from HTTP status ${status}`);
    if (status === 429 && problem.retryAfter !== Number(headers.get('retry-after'))) {
      errors.push(`429 retryAfter ${problem.retryAfter} differs from Retry-After ${headers.get('retry-after')}`);
    }
    if (JSON.stringify(problem).match(/\n\s+at |\.ts:\d+/)) errors.push('the problem carries a stack trace');
  }
  if (status >= 400 && contentType !== PROBLEM_TYPE) errors.push(`error answers are ${PROBLEM_TYPE}, got "${contentType}"`);
  return errors;
}

/** All `METHOD /template` operations of the document (control API included). */
export function operations(): { method: string; template: string; operation: Json }[] {
  return PATHS.flatMap(({ template, item }) =>
    ['get', 'post', 'put', 'delete'].filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), template, operation: item[m] as Json })));
}

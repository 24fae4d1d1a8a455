/** The OpenAPI document and the mock describe the same routes and error codes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { TITLES } from '../../mock-server/problems.js';
import { controlRoutes } from '../../mock-server/routes/control.js';
import { meRoutes } from '../../mock-server/routes/me.js';
import { sessionRoutes } from '../../mock-server/routes/session.js';
import { signinRoutes } from '../../mock-server/routes/signin.js';
import { LOCAL_ONLY } from './target.js';

const yaml = readFileSync(new URL('../../docs/contract/openapi.yaml', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../docs/contract/README.md', import.meta.url), 'utf8');

/** `METHOD /path` for every operation in the document (`{id}` written as `:id`). */
function documented(): string[] {
  const ops: string[] = [];
  let path = '';
  for (const line of yaml.split('\n')) {
    const p = /^ {2}(\/\S*):\s*$/.exec(line);
    if (p) path = p[1]!.replace(/\{(\w+)\}/g, ':$1');
    const m = /^ {4}(get|post|put|delete):\s*$/.exec(line);
    if (m && path) ops.push(`${m[1]!.toUpperCase()} ${path}`);
    if (/^\S/.test(line)) path = '';
  }
  return ops.sort();
}

describe('contract documents', { skip: LOCAL_ONLY }, () => {
  it('openapi.yaml lists exactly the routes the mock serves', () => {
    const api = [...signinRoutes, ...sessionRoutes, ...meRoutes].map((r) => `${r.method} ${r.path}`);
    const control = controlRoutes({ reset() {}, config: () => ({}) as never, updateConfig: () => ({}) as never })
      .map((r) => `${r.method} /__mock${r.path}`);
    assert.deepEqual(documented(), [...api, ...control].sort());
  });

  it('openapi.yaml lists every error code', () => {
    const start = yaml.indexOf('\n    ErrorCode:');
    const block = yaml.slice(start, yaml.indexOf('\n    Problem:', start));
    const codes = [...block.matchAll(/^ {8}- (\w+)$/gm)].map((m) => m[1]);
    assert.deepEqual(codes.sort(), Object.keys(TITLES).sort());
  });

  it('the README route table lists every API route', () => {
    for (const route of [...signinRoutes, ...sessionRoutes, ...meRoutes]) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      assert.ok(readme.includes(`\`${route.method} ${path}\``), `${route.method} ${path} missing from README.md`);
    }
  });
});

/**
 * Which server the Node suite talks to, and what it may assume about it.
 *
 * - Without `TFA_BASE_URL`, each test file starts the mock in its own process with
 *   `startServer({ port: 0 })` (the default of `npm run test:node`).
 * - With `TFA_BASE_URL` (an origin such as `http://127.0.0.1:8787`) and `TFA_API_BASE` (default
 *   `/api`), the same tests run against that server: this is the conformance kit
 *   (`npm run conformance -- --base-url URL`, see `docs/conformance.md`).
 *
 * Demo users and limits come from the defaults below (the mock's demo data), overridden by the JSON
 * file named in `TFA_FIXTURES` and then by the JSON in `TFA_FIXTURES_JSON` (what the CLI's
 * `--user`, `--password` and `--totp-secret` options produce).
 */
import { readFileSync } from 'node:fs';
import { after } from 'node:test';
import { DEFAULT_CONFIG } from '../../mock-server/config.js';
import type { MockBackend } from '../../mock-server/backend.js';
import type { MockConfig } from '../../mock-server/config.js';
import { startServer, type RunningServer } from '../../mock-server/node-server.js';

export interface UserFixture {
  username: string;
  /** Defaults to the fixtures' `password`. */
  password?: string;
  displayName?: string;
  /** The account's email address (where the control API's outbox shows its codes). */
  email?: string;
  /** How the server masks `email`, when the suite should check it. */
  maskedEmail?: string;
  /** E.164, for users with SMS. */
  mobile?: string;
  maskedMobile?: string;
  /** Product of the primary method. */
  product?: string;
  /** Base32 secret of the TOTP user's authenticator app. */
  totpSecret?: string;
}

/**
 * The roles the suite needs (primary method first):
 * - `email`: email only;            - `sms`: SMS, email;
 * - `totp`: authenticator app (TOTP, secret known), email;
 * - `push`: push app, email;        - `pushSms`: push app, SMS, email.
 */
export type Role = 'email' | 'sms' | 'totp' | 'push' | 'pushSms';

export interface Fixtures {
  password: string;
  users: Record<Role, UserFixture>;
  /** The server's limits; read from `/__mock/config` when the control API is there. */
  limits: Omit<MockConfig, 'apiBase' | 'latencyMs'>;
}

export const DEFAULT_FIXTURES: Fixtures = {
  password: 'demo1234',
  users: {
    email: { username: 'anna', displayName: 'Anna Andersen', email: 'anna@example.dk', maskedEmail: 'a***@e*****.dk', product: 'email' },
    sms: { username: 'bo', displayName: 'Bo Bertelsen', email: 'bo@example.dk', mobile: '+4520123456', maskedMobile: '+45 •• •• •• 56', product: 'sms' },
    totp: { username: 'carl', email: 'carl@example.dk', product: 'google-authenticator', totpSecret: 'JBSWY3DPEHPK3PXP' },
    push: { username: 'dorte', email: 'dorte@example.dk', maskedEmail: 'd***@e*****.dk', product: 'pingid' },
    pushSms: { username: 'erik', email: 'erik@example.dk', mobile: '+4531234567', product: 'entrust-soft-token' },
  },
  limits: (({ apiBase: _a, latencyMs: _l, ...rest }) => rest)(DEFAULT_CONFIG),
};

export interface Capabilities {
  /** The mock control API (`/__mock/*`: outbox, clock, push approval, reset) answers. */
  control: boolean;
  /** The server runs in this process: its whole state can be compared (`exportState()`). */
  inProcess: boolean;
}

export interface Target {
  /** Origin, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** Path of the API, e.g. `/api`. */
  apiBase: string;
  caps: Capabilities;
  fixtures: Fixtures;
  /** Only when the server runs in this process. */
  backend?: MockBackend;
  /** Only when this process started it. */
  server?: RunningServer;
}

function merge<T>(base: T, patch: unknown): T {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return (patch ?? base) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = value && typeof value === 'object' && !Array.isArray(value) ? merge(out[key] ?? {}, value) : value;
  }
  return out as T;
}

export function loadFixtures(env: NodeJS.ProcessEnv = process.env): Fixtures {
  let fixtures = DEFAULT_FIXTURES;
  if (env.TFA_FIXTURES) fixtures = merge(fixtures, JSON.parse(readFileSync(env.TFA_FIXTURES, 'utf8')));
  if (env.TFA_FIXTURES_JSON) fixtures = merge(fixtures, JSON.parse(env.TFA_FIXTURES_JSON));
  return fixtures;
}

/** True when `GET /__mock/config` answers JSON: the mock's control API is there. */
export async function hasControlApi(url: string): Promise<boolean> {
  try {
    const reply = await fetch(`${url}/__mock/config`, { headers: { Accept: 'application/json' } });
    if (reply.status !== 200) return false;
    const body = (await reply.json()) as Record<string, unknown>;
    return typeof body === 'object' && body !== null && typeof body.codeLength === 'number';
  } catch {
    return false;
  }
}

let current: Promise<Target> | undefined;

/**
 * The target of this test process (started once per file). An in-process server is closed after
 * the file's tests.
 */
export function connect(config?: Partial<MockConfig>): Promise<Target> {
  current ??= (async () => {
    const fixtures = loadFixtures();
    const baseUrl = process.env.TFA_BASE_URL?.replace(/\/+$/, '');
    let target: Target;
    if (baseUrl) {
      const apiBase = process.env.TFA_API_BASE ?? '/api';
      const control = await hasControlApi(baseUrl);
      target = { url: baseUrl, apiBase, caps: { control, inProcess: false }, fixtures };
    } else {
      const server = await startServer({ port: 0, log: false, config });
      after(() => server.close());
      target = { url: server.url, apiBase: server.backend.config.apiBase, caps: { control: true, inProcess: true }, fixtures, backend: server.backend, server };
    }
    if (target.caps.control) {
      // A server left changed by an earlier run starts clean, so its limits are the initial ones.
      if (!target.caps.inProcess) await fetch(`${target.url}/__mock/reset`, { method: 'POST' });
      const live = (await (await fetch(`${target.url}/__mock/config`)).json()) as MockConfig;
      const { apiBase: _a, latencyMs: _l, ...limits } = live;
      target.fixtures = { ...target.fixtures, limits: { ...target.fixtures.limits, ...limits } };
    }
    return target;
  })();
  return current;
}

/** Set when the suite runs against a server of `TFA_BASE_URL` (the conformance kit). */
export const REMOTE = Boolean(process.env.TFA_BASE_URL);
/** `skip` reason for tests of the mock's own source and documents, which say nothing about a remote server. */
export const LOCAL_ONLY: false | string = REMOTE && 'checks the mock\'s own source and documents, not the server under test';

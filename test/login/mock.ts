/**
 * Test helpers of the sign-in tests: real transactions from the mock backend (in the same JS
 * context, or behind MSW for the flow tests) and DOM queries by what a person sees.
 */
import { expect } from '@open-wc/testing';
import { createBackend } from '../../mock-server/backend.js';
import type { MockConfig } from '../../mock-server/config.js';
import { createMockFetch } from '../../mock-server/in-process.js';
import { ApiClient } from '../../src/internal/api-client.js';
import type { Step, Transaction } from '../../src/internal/contract.js';
import { toStepError, type StepError } from '../../src/internal/step-error.js';

export type CodeStep = Extract<Step, { name: 'verify-code' | 'verify-totp' }>;

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  code?: string;
  text: string;
  sentAt: string;
}

/** Calls the mock's control API (`/__mock/*`) through `fetchFn`. */
export async function control<T>(fetchFn: typeof fetch, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const res = await fetchFn(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

/** The code of the last email/SMS the mock sent. */
export async function lastCode(fetchFn: typeof fetch = fetch, channel?: 'email' | 'sms'): Promise<string> {
  const outbox = await control<OutboxMessage[]>(fetchFn, 'GET', '/__mock/outbox');
  const found = outbox.filter((m) => m.code && (!channel || m.channel === channel)).at(-1);
  if (!found?.code) throw new Error(`no ${channel ?? ''} code in the outbox`);
  return found.code;
}

export async function outboxSize(fetchFn: typeof fetch = fetch): Promise<number> {
  return (await control<OutboxMessage[]>(fetchFn, 'GET', '/__mock/outbox')).length;
}

/** The current code of `username`'s authenticator app at the mock's clock. */
export async function totpCode(username: string, fetchFn: typeof fetch = fetch): Promise<string> {
  const apps = await control<{ username: string; code: string }[]>(fetchFn, 'GET', '/__mock/authenticators');
  const app = apps.find((a) => a.username === username);
  if (!app) throw new Error(`no authenticator for ${username}`);
  return app.code;
}

export function advanceClock(seconds: number, fetchFn: typeof fetch = fetch): Promise<unknown> {
  return control(fetchFn, 'POST', '/__mock/clock', { advanceSeconds: seconds });
}

/** A mock backend in this JS context, for element tests that need real steps and errors. */
export class InProcessMock {
  readonly fetch: typeof fetch;
  readonly api: ApiClient;
  tx?: Transaction;

  constructor(config: Partial<MockConfig> = {}) {
    this.fetch = createMockFetch(createBackend({ config }));
    this.api = new ApiClient({ baseUrl: '/api', fetch: this.fetch });
  }

  get offsetMs(): number {
    return this.tx ? Date.parse(this.tx.serverTime) - Date.now() : 0;
  }

  get step(): CodeStep {
    const step = this.tx?.step;
    if (step?.name !== 'verify-code' && step?.name !== 'verify-totp') throw new Error(`not a code step: ${step?.name}`);
    return step;
  }

  async signIn(username: string, password = 'demo1234'): Promise<Transaction> {
    this.tx = await this.api.request<Transaction>('POST', '/signin/password', { body: { username, password } });
    return this.tx;
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Transaction> {
    this.tx = await this.api.request<Transaction>(method, path, { token: this.tx?.transactionToken, body });
    return this.tx;
  }

  /** The StepError the mock answers `path` with (fails the test when it succeeds). */
  async error(method: 'GET' | 'POST', path: string, body?: unknown, token = this.tx?.transactionToken): Promise<StepError> {
    try {
      await this.api.request(method, path, { token, body });
    } catch (err) {
      return toStepError(err);
    }
    throw new Error(`${method} ${path} succeeded`);
  }

  lastCode(channel?: 'email' | 'sms'): Promise<string> {
    return lastCode(this.fetch, channel);
  }

  advance(seconds: number): Promise<unknown> {
    return advanceClock(seconds, this.fetch);
  }
}

/* ---------- what a person sees ---------- */

export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function byLabel(root: ParentNode, label: string): HTMLInputElement {
  const found = [...root.querySelectorAll('label')].find((l) => text(l) === label);
  expect(found, `label "${label}"`).to.exist;
  const input = document.getElementById(found!.htmlFor) as HTMLInputElement | null;
  expect(input, `input for "${label}"`).to.exist;
  return input!;
}

export function queryButton(root: ParentNode, label: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((b) => text(b) === label);
}

export function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = queryButton(root, label);
  expect(found, `button "${label}"`).to.exist;
  return found!;
}

/** The texts an input's `aria-describedby` points to. */
export function description(input: Element): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => text(document.getElementById(id)))
    .join(' ');
}

export function alertText(root: ParentNode): string {
  return [...root.querySelectorAll('[role="alert"]')].map(text).join(' ').trim();
}

/**
 * Real sign-in transactions for the element tests, from the mock backend running in the same
 * JS context (`createMockFetch`): no hand-written fixtures, so the elements are tested against
 * exactly what the contract's mock answers.
 */
import { createBackend } from '../../mock-server/backend.js';
import type { MockConfig } from '../../mock-server/config.js';
import { createMockFetch } from '../../mock-server/in-process.js';
import { ApiClient } from '../../src/internal/api-client.js';
import type { Step, Transaction } from '../../src/internal/contract.js';

export type PushStep = Extract<Step, { name: 'push' }>;
export type RecoveryStep = Extract<Step, { name: 'recovery-confirm' }>;

export interface MockPush {
  id: string;
  username: string;
  status: string;
  number?: number;
  expiresAt: string;
}

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  code?: string;
  text: string;
  sentAt: string;
}

/** One in-process mock backend plus a client for its API and its control API. */
export class MockSession {
  readonly fetch: typeof fetch;
  readonly api: ApiClient;
  tx?: Transaction;

  constructor(config: Partial<MockConfig> = {}) {
    this.fetch = createMockFetch(createBackend({ config }));
    this.api = new ApiClient({ baseUrl: '/api', fetch: this.fetch });
  }

  /** `offsetMs` as `<tfa-login>` computes it for the last transaction answer. */
  get offsetMs(): number {
    return this.tx ? Date.parse(this.tx.serverTime) - Date.now() : 0;
  }

  async control<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const res = await this.fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
  }

  async signIn(username: string): Promise<Transaction> {
    return this.#keep(this.api.request<Transaction>('POST', '/signin/password', { body: { username, password: 'demo1234' } }));
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Transaction> {
    return this.#keep(this.api.request<Transaction>(method, path, { token: this.tx?.transactionToken, body }));
  }

  /** `GET /signin`, as `<tfa-login>` polls it. */
  poll(): Promise<Transaction> {
    return this.call('GET', '/signin');
  }

  pushStep(): PushStep {
    const step = this.tx?.step;
    if (step?.name !== 'push') throw new Error(`expected a push step, got ${step?.name}`);
    return step;
  }

  recoveryStep(): RecoveryStep {
    const step = this.tx?.step;
    if (step?.name !== 'recovery-confirm') throw new Error(`expected recovery-confirm, got ${step?.name}`);
    return step;
  }

  async pushes(): Promise<MockPush[]> {
    const answer = await this.control<MockPush[] | { push?: MockPush[]; requests?: MockPush[] }>('GET', '/__mock/push');
    return Array.isArray(answer) ? answer : (answer.push ?? answer.requests ?? []);
  }

  advance(seconds: number): Promise<unknown> {
    return this.control('POST', '/__mock/clock', { advanceSeconds: seconds });
  }

  async #keep(p: Promise<Transaction>): Promise<Transaction> {
    this.tx = await p;
    return this.tx;
  }
}

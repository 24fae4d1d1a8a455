/**
 * Real sign-in transactions for the element tests, from the mock backend running in the same JS
 * context (`createMockFetch`): no hand-written fixtures, so the elements are tested against
 * exactly what the contract's mock answers.
 */
import { createBackend } from '../../mock-server/backend.js';
import type { MockConfig } from '../../mock-server/config.js';
import { mockControl, type MockControl } from '../../mock-server/control-client.js';
import { createMockFetch } from '../../mock-server/in-process.js';
import { ApiClient } from '../../src/internal/api-client.js';
import type { Step, Transaction } from '../../src/internal/contract.js';
import { toStepError, type StepError } from '../../src/internal/step-error.js';

export type CodeStep = Extract<Step, { name: 'verify-code' | 'verify-totp' }>;
export type PushStep = Extract<Step, { name: 'push' }>;
export type RecoveryStep = Extract<Step, { name: 'recovery-confirm' }>;

/** One in-process mock backend, a client of its API (keeping the last transaction) and its control API. */
export class InProcessMock {
  readonly fetch: typeof fetch;
  readonly api: ApiClient;
  readonly control: MockControl;
  tx?: Transaction;

  constructor(config: Partial<MockConfig> = {}) {
    this.fetch = createMockFetch(createBackend({ config }));
    this.api = new ApiClient({ baseUrl: '/api', fetch: this.fetch });
    this.control = mockControl({ fetch: this.fetch });
  }

  /** `offsetMs` as `<tfa-login>` computes it for the last transaction answer. */
  get offsetMs(): number {
    return this.tx ? Date.parse(this.tx.serverTime) - Date.now() : 0;
  }

  async signIn(username: string, password = 'demo1234'): Promise<Transaction> {
    return this.call('POST', '/signin/password', { username, password });
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Transaction> {
    this.tx = await this.api.request<Transaction>(method, path, { token: this.tx?.transactionToken, body });
    return this.tx;
  }

  /** `GET /signin`, as `<tfa-login>` polls it. */
  poll(): Promise<Transaction> {
    return this.call('GET', '/signin');
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

  /** The last transaction's step, which must be a code step (email, SMS or app). */
  codeStep(): CodeStep {
    const step = this.tx?.step;
    if (step?.name !== 'verify-code' && step?.name !== 'verify-totp') throw new Error(`not a code step: ${step?.name}`);
    return step;
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
}

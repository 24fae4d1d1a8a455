import { expect } from '@open-wc/testing';
import type { Transaction } from '../../src/internal/contract.js';
import { useMockWorker } from '../support/mock-worker.js';

const JSON_CSRF = { 'Content-Type': 'application/json', 'X-TFA-CSRF': '1' };

async function post<T>(path: string, body?: unknown, token?: string): Promise<{ status: number; data: T }> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { ...JSON_CSRF, ...(token && { Authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, data: (await response.json()) as T };
}

describe('mock worker (MSW in the page)', () => {
  const control = useMockWorker();

  it('signs anna in with the emailed code through fetch', async () => {
    const start = await post<Transaction>('/api/signin/password', { username: 'anna', password: 'demo1234' });
    expect(start.status).to.equal(200);
    expect(start.data.step.name).to.equal('verify-code');

    const outbox = await control.outbox();
    expect(outbox).to.have.length(1);
    expect(outbox[0]!.to).to.equal('anna@example.dk');

    const done = await post<Transaction>('/api/signin/code', { code: outbox[0]!.code }, start.data.transactionToken);
    expect(done.status).to.equal(200);
    expect(done.data.step.name).to.equal('done');
    expect(done.data.session?.user.username).to.equal('anna');
    expect(done.data.session?.token).to.not.equal(start.data.transactionToken);
  });

  it('answers a wrong password with a problem', async () => {
    const response = await fetch('/api/signin/password', {
      method: 'POST',
      headers: JSON_CSRF,
      body: JSON.stringify({ username: 'anna', password: 'wrong' }),
    });
    expect(response.status).to.equal(401);
    expect(response.headers.get('Content-Type')).to.equal('application/problem+json');
    expect((await response.json()).code).to.equal('invalid_credentials');
  });

  it('lets requests it does not serve through to the network', async () => {
    const response = await fetch('/package.json');
    expect(response.status).to.equal(200);
    expect((await response.json()).name).to.equal('tfa-login-widget');
  });

  it('does not persist state in localStorage when persist is false', () => {
    expect(localStorage.getItem('tfa-mock-state')).to.equal(null);
  });
});

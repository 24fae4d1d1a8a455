/**
 * Small scripts that put the mock backend into a state through the public contract, for the demo's
 * stories and tests (the simulated phone then has something to show). Development only.
 */
import type { Enrollment, Session, Transaction } from '../internal/contract.js';
import { control, type OutboxMessage } from './mock-control.js';

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json', 'X-TFA-CSRF': '1' };

async function call<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: token ? { ...JSON_HEADERS, Authorization: `Bearer ${token}` } : JSON_HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Username + password (`demo1234`): the mock sends a code or a push, as the user's primary method says. */
export function startPasswordSignIn(username: string, apiBase = '/api'): Promise<Transaction> {
  return call<Transaction>('POST', `${apiBase}/signin/password`, { username, password: 'demo1234' });
}

/** The newest code the mock sent to anyone. */
export async function latestCode(): Promise<string> {
  const messages = await control<OutboxMessage[]>('GET', 'outbox');
  const code = [...messages].reverse().find((m) => m.code)?.code;
  if (!code) throw new Error('no code in the outbox');
  return code;
}

/** Signs an email/SMS-primary user all the way in and returns the session. */
export async function signIn(username: string, apiBase = '/api'): Promise<Session> {
  const tx = await startPasswordSignIn(username, apiBase);
  const done = await call<Transaction>('POST', `${apiBase}/signin/code`, { code: await latestCode() }, tx.transactionToken);
  if (!done.session) throw new Error(`sign-in of ${username} did not finish: ${done.step.name}`);
  return done.session;
}

/** Signs `username` in and starts setting up a phone app, leaving it pending for the phone. */
export async function startAppSetup(
  username: string,
  product: Enrollment['product'],
  apiBase = '/api',
): Promise<Enrollment> {
  const session = await signIn(username, apiBase);
  return call<Enrollment>('POST', `${apiBase}/me/enrollments`, { product }, session.token);
}

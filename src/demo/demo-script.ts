/**
 * Small scripts that put the mock backend into a state through the public contract, for the demo's
 * stories and tests (the simulated phone then has something to show). Development only.
 */
import { signInDemoUser } from '../../mock-server/control-client.js';
import type { Enrollment, Session, Transaction } from '../internal/contract.js';

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

/** Signs `username` all the way in (the second factor passed on the simulated phone) and returns the session. */
export async function signIn(username: string, apiBase = '/api'): Promise<Session> {
  return (await signInDemoUser(username, { apiBase })).session;
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

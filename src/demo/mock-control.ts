/**
 * The demo's view of the mock backend's control API (`/__mock/*`, see docs/contract/README.md).
 * Development and demo only: a real backend has none of this. The simulated phone reads what the
 * mock "sent" and acts as the phone apps would (approve a push, finish an app set-up).
 */

/** An email or SMS the mock sent, as `GET /__mock/outbox` lists it (oldest first). */
export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  code?: string;
  text: string;
  sentAt: string;
}

/** A push request, as `GET /__mock/push` lists it. */
export interface PushRequest {
  id: string;
  username: string;
  methodId: string;
  /** The app's product: `pingid` or `entrust-soft-token`. */
  method: string;
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'cancelled';
  /** The number the sign-in screen shows (number matching on). */
  number?: number;
  /** The numbers the app offers, the right one among them (number matching on). */
  choices?: number[];
  createdAt: string;
  expiresAt: string;
}

/** A pending app set-up (PingID, Entrust), as `GET /__mock/enrollments` lists it. */
export interface PendingEnrollment {
  id: string;
  username: string;
  product: string;
  status: string;
  activationPassword?: string;
  expiresAt: string;
}

/** The current code of an enrolled authenticator app, as `GET /__mock/authenticators` lists it. */
export interface AuthenticatorCode {
  username: string;
  methodId: string;
  product: string;
  code: string;
  /** Seconds until the code changes. */
  validForSeconds: number;
}

export interface PhoneSnapshot {
  messages: OutboxMessage[];
  pushes: PushRequest[];
  enrollments: PendingEnrollment[];
  authenticators: AuthenticatorCode[];
}

/**
 * The numbers the phone app offers for number matching, in ascending order (the mock shuffles
 * them; a stable order is easier to read). Empty when number matching is off.
 */
export function numberChoices(push: PushRequest): number[] {
  if (push.choices?.length) return [...push.choices].sort((a, b) => a - b);
  return typeof push.number === 'number' ? [push.number] : [];
}

/** Calls the control API on the page's origin. Throws when the mock does not answer with 2xx. */
export async function control<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/__mock/${path}`, {
    method,
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`${method} /__mock/${path}: ${response.status}`);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function list<T>(value: unknown): T[] {
  if (!Array.isArray(value)) throw new Error('the control API did not answer with a list');
  return value as T[];
}

/** Reads everything the phone shows in one go. */
export async function readPhone(): Promise<PhoneSnapshot> {
  const [outbox, pushes, enrollments, authenticators] = await Promise.all([
    control('GET', 'outbox'),
    control('GET', 'push'),
    control('GET', 'enrollments'),
    control('GET', 'authenticators'),
  ]);
  return {
    messages: list<OutboxMessage>(outbox),
    pushes: list<PushRequest>(pushes),
    enrollments: list<PendingEnrollment>(enrollments),
    authenticators: list<AuthenticatorCode>(authenticators),
  };
}

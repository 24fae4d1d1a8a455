/** What every route and helper works with during one request. */
import type { MockConfig } from './config.js';
import type { MockState, UserRecord } from './store.js';
import { HttpProblem } from './problems.js';

export interface Ctx {
  state: MockState;
  config: MockConfig;
  /** The mock clock's time when the request arrived (ms). */
  now: number;
  /** Host named in WebOTP lines (`@host #code`): the page's origin when known. */
  otpHost: string;
}

export function findUser(ctx: Ctx, username: string): UserRecord | undefined {
  const wanted = username.toLowerCase();
  return ctx.state.users.find((u) => u.username === wanted);
}

export function requireUser(ctx: Ctx, username: string): UserRecord {
  const user = findUser(ctx, username);
  // A session or transaction whose user vanished (e.g. state edited by hand) is simply invalid.
  if (!user) throw new HttpProblem(401, 'unauthenticated', { detail: 'The account no longer exists.' });
  return user;
}

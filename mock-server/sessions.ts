/** Sessions: a new random token after the second factor, for `/session` and `/me/*` only. */
import type { Session } from '../src/internal/contract.js';
import { iso } from './clock.js';
import { findUser, type Ctx } from './context.js';
import { randomToken } from './crypto.js';
import { HttpProblem } from './problems.js';
import type { SessionRecord, UserRecord } from './store.js';

export function createSession(ctx: Ctx, username: string): SessionRecord {
  const session: SessionRecord = {
    token: randomToken(),
    username,
    createdAt: ctx.now,
    expiresAt: ctx.now + ctx.config.sessionLifetimeSeconds * 1000,
    authenticatedAt: ctx.now,
  };
  ctx.state.sessions.push(session);
  return session;
}

const unauthenticated = () => new HttpProblem(401, 'unauthenticated', {
  detail: 'Send a valid session token (Authorization: Bearer ...).',
  headers: { 'WWW-Authenticate': 'Bearer realm="tfa"' },
});

/** The live session of `token` and its user; `401 unauthenticated` otherwise (transaction tokens included). */
export function requireSession(ctx: Ctx, token: string | undefined): { session: SessionRecord; user: UserRecord } {
  const session = token === undefined ? undefined : ctx.state.sessions.find((s) => s.token === token);
  if (!session || ctx.now >= session.expiresAt) throw unauthenticated();
  const user = findUser(ctx, session.username);
  if (!user) throw unauthenticated();
  return { session, user };
}

/** `403 step_up_required` when the second factor is older than the step-up window. */
export function requireRecentAuth(ctx: Ctx, session: SessionRecord): void {
  if (ctx.now - session.authenticatedAt > ctx.config.stepUpWindowSeconds * 1000) {
    throw new HttpProblem(403, 'step_up_required', {
      detail: 'Verify your second factor again (POST /session/step-up), then repeat the change.',
    });
  }
}

export function endSession(ctx: Ctx, session: SessionRecord): void {
  ctx.state.sessions = ctx.state.sessions.filter((s) => s !== session);
}

export function sessionView(session: SessionRecord, user: UserRecord): Session {
  return {
    token: session.token,
    expiresAt: iso(session.expiresAt),
    authenticatedAt: iso(session.authenticatedAt),
    user: { username: user.username, displayName: user.displayName },
  };
}

/** Password lockout per username (known or not): N failures within a sliding window. */
import { secondsUntil } from './clock.js';
import type { Ctx } from './context.js';
import { HttpProblem } from './problems.js';

/**
 * The key of a username in `state.failures`. Prefixed, so that names such as `__proto__` or
 * `constructor` are plain keys and never reach `Object.prototype`.
 */
export function failureKey(username: string): string {
  return `u:${username.toLowerCase()}`;
}

function recentFailures(ctx: Ctx, key: string): number[] {
  const since = ctx.now - ctx.config.lockoutWindowSeconds * 1000;
  const times = Object.hasOwn(ctx.state.failures, key) ? ctx.state.failures[key]! : [];
  return times.filter((t) => t > since).sort((a, b) => a - b);
}

/** Forgets failures that have left the window (so unknown names tried once do not pile up). */
export function pruneFailures(ctx: Pick<Ctx, 'state' | 'config' | 'now'>): void {
  const since = ctx.now - ctx.config.lockoutWindowSeconds * 1000;
  for (const [key, times] of Object.entries(ctx.state.failures)) {
    if (!Array.isArray(times) || times.every((t) => t <= since)) delete ctx.state.failures[key];
  }
}

/** `429 locked_out` with `Retry-After` while the username is locked. */
export function assertNotLockedOut(ctx: Ctx, username: string): void {
  const key = failureKey(username);
  const failures = recentFailures(ctx, key);
  if (failures.length < ctx.config.lockoutThreshold) return;
  // Locked until enough failures have left the window to fall below the threshold.
  const unlockAt = failures[failures.length - ctx.config.lockoutThreshold]! + ctx.config.lockoutWindowSeconds * 1000;
  const retryAfter = secondsUntil(unlockAt, ctx.now);
  throw new HttpProblem(429, 'locked_out', { detail: `Try again in ${retryAfter} seconds.`, retryAfter });
}

export function recordFailure(ctx: Ctx, username: string): void {
  const key = failureKey(username);
  ctx.state.failures[key] = [...recentFailures(ctx, key), ctx.now];
}

export function clearFailures(ctx: Ctx, username: string): void {
  delete ctx.state.failures[failureKey(username)];
}

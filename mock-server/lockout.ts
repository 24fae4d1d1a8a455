/** Password lockout per username (known or not): N failures within a sliding window. */
import { secondsUntil } from './clock.js';
import type { Ctx } from './context.js';
import { HttpProblem } from './problems.js';

function recentFailures(ctx: Ctx, key: string): number[] {
  const since = ctx.now - ctx.config.lockoutWindowSeconds * 1000;
  return (ctx.state.failures[key] ?? []).filter((t) => t > since).sort((a, b) => a - b);
}

/** `429 locked_out` with `Retry-After` while the username is locked. */
export function assertNotLockedOut(ctx: Ctx, username: string): void {
  const key = username.toLowerCase();
  const failures = recentFailures(ctx, key);
  if (failures.length < ctx.config.lockoutThreshold) return;
  // Locked until enough failures have left the window to fall below the threshold.
  const unlockAt = failures[failures.length - ctx.config.lockoutThreshold]! + ctx.config.lockoutWindowSeconds * 1000;
  const retryAfter = secondsUntil(unlockAt, ctx.now);
  throw new HttpProblem(429, 'locked_out', { detail: `Try again in ${retryAfter} seconds.`, retryAfter });
}

export function recordFailure(ctx: Ctx, username: string): void {
  const key = username.toLowerCase();
  ctx.state.failures[key] = [...recentFailures(ctx, key), ctx.now];
}

export function clearFailures(ctx: Ctx, username: string): void {
  delete ctx.state.failures[username.toLowerCase()];
}

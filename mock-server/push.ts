/**
 * Push requests (PingID, Entrust): pending until approved or denied in the app, or expired by the
 * mock clock. With number matching the sign-in screen shows `number`; the (simulated) app offers
 * `choices` and must send the right one back, else the request counts as denied.
 */
import type { PushChallenge } from '../src/internal/contract.js';
import { iso } from './clock.js';
import type { Ctx } from './context.js';
import { randomId, randomInt, shuffle } from './crypto.js';
import type { MethodRecord, PushRecord, TransactionRecord } from './store.js';

/** Two-digit numbers 10..99. */
function twoDigit(): number {
  return 10 + randomInt(90);
}

export function createPush(ctx: Ctx, tx: TransactionRecord, username: string, method: MethodRecord): PushRecord {
  const push: PushRecord = {
    id: randomId('push'),
    username,
    methodId: method.id,
    product: method.product,
    transactionToken: tx.token,
    status: 'pending',
    createdAt: ctx.now,
    expiresAt: ctx.now + ctx.config.pushLifetimeSeconds * 1000,
  };
  if (ctx.config.numberMatching) {
    const number = twoDigit();
    const choices = new Set([number]);
    while (choices.size < 3) choices.add(twoDigit());
    push.number = number;
    push.choices = shuffle([...choices]);
  }
  tx.pushCount += 1;
  ctx.state.pushes.push(push);
  return push;
}

export function findPush(ctx: Ctx, id: string): PushRecord | undefined {
  const push = ctx.state.pushes.find((p) => p.id === id);
  if (push) refreshPush(ctx, push);
  return push;
}

/** A pending push past its deadline reads `expired` (the server's clock is the truth). */
export function refreshPush(ctx: Ctx, push: PushRecord): void {
  if (push.status === 'pending' && ctx.now >= push.expiresAt) push.status = 'expired';
}

export function cancelPush(ctx: Ctx, id: string): void {
  const push = findPush(ctx, id);
  if (push && push.status === 'pending') push.status = 'cancelled';
}

export function pushChallenge(ctx: Ctx, push: PushRecord, tx: TransactionRecord): PushChallenge {
  refreshPush(ctx, push);
  return {
    id: push.id,
    // A cancelled push is never the current step's push; read it as expired to be safe.
    status: push.status === 'cancelled' ? 'expired' : push.status,
    ...(push.number !== undefined && { number: push.number }),
    expiresAt: iso(push.expiresAt),
    retriesLeft: Math.max(0, ctx.config.maxPushesPerTransaction - tx.pushCount),
  };
}

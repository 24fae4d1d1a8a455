/**
 * Codes sent by email or SMS: one set of rules for sign-in, recovery and mobile change.
 * Random digits from the crypto source, a lifetime, single use (the holder drops the record),
 * a resend replaces the code after a cooldown, and wrong codes count against the holder.
 */
import type { CodeChallenge } from '../src/internal/contract.js';
import { iso, secondsUntil } from './clock.js';
import type { Ctx } from './context.js';
import { constantTimeEqual, randomDigits } from './crypto.js';
import { normaliseCode } from './http.js';
import { codeText, deliver, type CodePurpose } from './outbox.js';
import { HttpProblem } from './problems.js';
import type { CodeRecord } from './store.js';

export interface CodeTarget {
  channel: 'email' | 'sms';
  to: string;
  purpose: CodePurpose;
  /** False for the fake target of an unknown username: the record looks the same, nothing is sent. */
  deliver: boolean;
}

/** Something that counts wrong codes (a transaction, a pending mobile change, an enrollment). */
export interface AttemptCounter { wrongCodes: number }

/** Sends a new code to `target` and returns its record. */
export function issueCode(ctx: Ctx, target: CodeTarget): CodeRecord {
  let code: string | null = null;
  if (target.deliver) {
    code = randomDigits(ctx.config.codeLength);
    deliver(ctx, target.channel, target.to, codeText(ctx, target.purpose, target.channel, code), code);
  }
  return {
    code,
    channel: target.channel,
    to: target.to,
    expiresAt: ctx.now + ctx.config.codeLifetimeSeconds * 1000,
    resendAvailableAt: ctx.now + ctx.config.resendCooldownSeconds * 1000,
  };
}

/** Throws `429 resend_too_soon` while the cooldown of `record` runs. */
export function assertResendAllowed(ctx: Ctx, record: Pick<CodeRecord, 'resendAvailableAt'>): void {
  if (ctx.now < record.resendAvailableAt) {
    const retryAfter = secondsUntil(record.resendAvailableAt, ctx.now);
    throw new HttpProblem(429, 'resend_too_soon', {
      detail: `A new code can be sent in ${retryAfter} seconds.`,
      retryAfter,
    });
  }
}

/**
 * Checks a typed code. Returns normally when it matches; otherwise throws `code_expired`,
 * `invalid_code` (with `attemptsLeft`) or `too_many_attempts` (after calling `onExhausted`, which
 * must close whatever the code belonged to). Wrong codes are counted on `counter`.
 */
export function checkCode(
  ctx: Ctx,
  record: CodeRecord,
  typed: string,
  counter: AttemptCounter,
  onExhausted: () => void,
): void {
  const code = normaliseCode(typed);
  if (ctx.now >= record.expiresAt) {
    throw new HttpProblem(410, 'code_expired', { detail: 'The code has expired. Ask for a new one.' });
  }
  if (record.code !== null && constantTimeEqual(code, record.code)) return;
  countWrongCode(ctx, counter, onExhausted);
}

/** Counts one wrong code and throws `invalid_code` or, at the limit, `too_many_attempts`. */
export function countWrongCode(ctx: Ctx, counter: AttemptCounter, onExhausted: () => void): never {
  counter.wrongCodes += 1;
  const attemptsLeft = Math.max(0, ctx.config.maxWrongCodes - counter.wrongCodes);
  if (attemptsLeft === 0) {
    onExhausted();
    throw new HttpProblem(403, 'too_many_attempts', { detail: 'Too many wrong codes. Start again.', keepChanges: true });
  }
  throw new HttpProblem(400, 'invalid_code', { detail: 'The code is not correct.', attemptsLeft, keepChanges: true });
}

export function attemptsLeft(ctx: Ctx, counter: AttemptCounter): number {
  return Math.max(0, ctx.config.maxWrongCodes - counter.wrongCodes);
}

export function codeChallenge(ctx: Ctx, record: CodeRecord, counter: AttemptCounter): CodeChallenge {
  return {
    expiresAt: iso(record.expiresAt),
    resendAvailableAt: iso(record.resendAvailableAt),
    length: ctx.config.codeLength,
    attemptsLeft: attemptsLeft(ctx, counter),
  };
}

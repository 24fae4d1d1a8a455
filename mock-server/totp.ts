/**
 * Authenticator apps (RFC 6238: SHA1, 6 digits, 30 s), checked at the mock clock with otplib.
 * A time step once accepted for a method is never accepted again.
 */
import { createGuardrails, generate, verify } from 'otplib';
import { base32, randomBytes } from './crypto.js';
import { HttpProblem } from './problems.js';
import type { MethodRecord } from './store.js';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = 'Selvbetjening Demo';

/** The demo secret of carl (`JBSWY3DPEHPK3PXP`, 80 bits) predates the 128-bit minimum of otplib. */
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/** 160 random bits as 32 base32 characters (no padding). */
export function newTotpSecret(): string {
  return base32(randomBytes(20));
}

export function otpauthUri(account: string, secret: string): string {
  const issuer = encodeURIComponent(TOTP_ISSUER);
  return `otpauth://totp/${issuer}:${encodeURIComponent(account)}?secret=${secret}&issuer=${issuer}` +
    `&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD}`;
}

/** The code an app shows at `nowMs`, and how long it stays on screen. */
export async function currentTotp(secret: string, nowMs: number): Promise<{ code: string; validForSeconds: number }> {
  const epoch = Math.floor(nowMs / 1000);
  const code = await generate({ secret, epoch, period: TOTP_PERIOD, digits: TOTP_DIGITS, algorithm: 'sha1', guardrails });
  return { code, validForSeconds: TOTP_PERIOD - (epoch % TOTP_PERIOD) };
}

/**
 * The time step `code` belongs to (current ±`windowSteps`), or undefined when it matches none.
 * Throws `409 code_already_used` when it matches a step at or before the last accepted one.
 */
export async function matchTotp(
  method: Pick<MethodRecord, 'secret' | 'lastTotpStep'>,
  code: string,
  nowMs: number,
  windowSteps: number,
): Promise<number | undefined> {
  if (!method.secret || code.length !== TOTP_DIGITS) return undefined;
  let result;
  try {
    result = await verify({
      secret: method.secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      epochTolerance: windowSteps * TOTP_PERIOD,
      period: TOTP_PERIOD,
      digits: TOTP_DIGITS,
      algorithm: 'sha1',
      guardrails,
    });
  } catch {
    return undefined;
  }
  if (!result.valid || !('timeStep' in result)) return undefined;
  if (method.lastTotpStep !== undefined && result.timeStep <= method.lastTotpStep) {
    throw new HttpProblem(409, 'code_already_used', { detail: 'This code has been used. Wait for the next code in the app.' });
  }
  return result.timeStep;
}

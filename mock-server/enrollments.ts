/**
 * Adding a method (settings): TOTP apps are active after a valid code from the app; push apps
 * (PingID, Entrust Soft Token) after the app registers (`/__mock/enrollments/{id}/complete`).
 * A new method becomes primary; one method per product; pending enrollments never sign anyone in.
 */
import type { Enrollment, Method } from '../src/internal/contract.js';
import { iso } from './clock.js';
import { findUser, type Ctx } from './context.js';
import { randomBytes, randomId, randomString, toHex } from './crypto.js';
import { methodList, productLabel } from './methods.js';
import { notify } from './outbox.js';
import { HttpProblem } from './problems.js';
import type { EnrollmentRecord, MethodRecord, UserRecord } from './store.js';
import { newTotpSecret, otpauthUri } from './totp.js';

export type AppProduct = EnrollmentRecord['product'];

export function enrollmentStatus(ctx: Ctx, e: EnrollmentRecord): EnrollmentRecord['status'] {
  if (e.status === 'pending' && ctx.now >= e.expiresAt) e.status = 'expired';
  return e.status;
}

const notFound = () => new HttpProblem(404, 'enrollment_not_found', { detail: 'No such enrollment.' });

/** The user's own enrollment `id` (someone else's reads as not found). */
export function requireEnrollment(ctx: Ctx, user: UserRecord, id: string): EnrollmentRecord {
  const e = ctx.state.enrollments.find((x) => x.id === id && x.username === user.username);
  if (!e) throw notFound();
  enrollmentStatus(ctx, e);
  return e;
}

/** Letters and digits without look-alikes (0/O, 1/l/I), for typing into a phone. */
const ACTIVATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function startEnrollment(ctx: Ctx, user: UserRecord, product: AppProduct): EnrollmentRecord {
  if (user.methods.some((m) => m.product === product)) {
    throw new HttpProblem(409, 'method_exists', { detail: `${productLabel(product)} is already one of your methods.` });
  }
  // One enrollment per product at a time: a new start replaces a pending one.
  ctx.state.enrollments = ctx.state.enrollments.filter(
    (e) => !(e.username === user.username && e.product === product && e.status === 'pending'),
  );
  const id = randomId('enr');
  const base = {
    id,
    username: user.username,
    product,
    status: 'pending' as const,
    createdAt: ctx.now,
    expiresAt: ctx.now + ctx.config.enrollmentLifetimeSeconds * 1000,
    wrongCodes: 0,
  };
  let record: EnrollmentRecord;
  if (product === 'google-authenticator' || product === 'microsoft-authenticator') {
    const secret = newTotpSecret();
    record = { ...base, secret, qrUri: otpauthUri(user.username, secret) };
  } else if (product === 'pingid') {
    const pairing = toHex(randomBytes(16));
    record = { ...base, qrUri: `pingid://pair?enrollment=${id}&code=${pairing}` };
  } else {
    const serial = randomString(16, '0123456789');
    const activationPassword = randomString(12, ACTIVATION_ALPHABET);
    record = { ...base, activationPassword, qrUri: `entrust://activate?serial=${serial}&enrollment=${id}` };
  }
  ctx.state.enrollments.push(record);
  return record;
}

/** Makes the enrollment's method real, first in the list (primary), and tells the user. */
export function activate(ctx: Ctx, user: UserRecord, e: EnrollmentRecord, extra: Partial<MethodRecord> = {}): MethodRecord {
  if (user.methods.some((m) => m.product === e.product)) {
    throw new HttpProblem(409, 'method_exists', { detail: `${productLabel(e.product)} is already one of your methods.` });
  }
  const method: MethodRecord = {
    id: randomId('m'),
    kind: e.secret ? 'totp' : 'push',
    product: e.product,
    createdAt: ctx.now,
    ...(e.secret && { secret: e.secret }),
    ...extra,
  };
  user.methods.unshift(method);
  e.status = 'active';
  e.methodId = method.id;
  notify(ctx, user.email, 'method-added', productLabel(e.product));
  return method;
}

/** The phone app finished pairing (control API). */
export function completeEnrollment(ctx: Ctx, id: string): Enrollment {
  const e = ctx.state.enrollments.find((x) => x.id === id);
  if (!e) throw notFound();
  const status = enrollmentStatus(ctx, e);
  const user = findUser(ctx, e.username);
  if (!user) throw notFound();
  if (status !== 'pending') {
    throw new HttpProblem(409, 'wrong_step', { detail: `The enrollment is ${status}.` });
  }
  if (e.secret) {
    throw new HttpProblem(409, 'wrong_step', { detail: 'Authenticator apps finish with a code from the app (verify).' });
  }
  activate(ctx, user, e);
  return enrollmentView(ctx, user, e);
}

export function enrollmentView(ctx: Ctx, user: UserRecord, e: EnrollmentRecord): Enrollment {
  const status = enrollmentStatus(ctx, e);
  let method: Method | undefined;
  if (status === 'active') method = methodList(user).find((m) => m.id === e.methodId);
  return {
    id: e.id,
    product: e.product,
    status,
    expiresAt: iso(e.expiresAt),
    qrUri: e.qrUri,
    ...(e.secret && { secret: e.secret }),
    ...(e.activationPassword && { activationPassword: e.activationPassword }),
    ...(method && { method }),
  };
}

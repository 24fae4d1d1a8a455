/**
 * Sign-in transactions: which step comes next, what each step looks like on the wire, and how a
 * transaction ends. Routes in `routes/signin.ts` call these; they never build a step themselves.
 */
import type { MethodSummary, Step, Transaction } from '../src/internal/contract.js';
import { iso, secondsUntil } from './clock.js';
import { findUser, type Ctx } from './context.js';
import { randomToken } from './crypto.js';
import { assertResendAllowed, attemptsLeft, codeChallenge, issueCode, type CodeTarget } from './codes.js';
import { maskEmail, maskPhone } from './masking.js';
import { HttpProblem } from './problems.js';
import { cancelPush, createPush, findPush, pushChallenge } from './push.js';
import { createSession, requireSession, sessionView } from './sessions.js';
import type { CodeRecord, MethodRecord, StepRecord, TransactionRecord, UserRecord } from './store.js';

export function methodSummary(method: MethodRecord): MethodSummary {
  const maskedTarget =
    method.kind === 'email' ? maskEmail(method.target!) : method.kind === 'sms' ? maskPhone(method.target!) : undefined;
  return { id: method.id, kind: method.kind, product: method.product, ...(maskedTarget && { maskedTarget }) };
}

export function emailMethod(user: UserRecord): MethodRecord | undefined {
  return user.methods.find((m) => m.kind === 'email');
}

/** A new transaction, not yet stored; `step` is set by the first challenge. */
export function newTransaction(ctx: Ctx, kind: TransactionRecord['kind'], username: string | null): TransactionRecord {
  return {
    token: randomToken(),
    kind,
    username,
    createdAt: ctx.now,
    expiresAt: ctx.now + ctx.config.transactionLifetimeSeconds * 1000,
    firstFactorPassed: kind !== 'identify',
    step: { name: 'recovery-confirm' },
    wrongCodes: 0,
    pushCount: 0,
    sendCooldowns: {},
  };
}

/** The transaction of `token`: `401 transaction_not_found` / `transaction_expired` otherwise. */
export function requireTransaction(ctx: Ctx, token: string | undefined): TransactionRecord {
  const tx = token === undefined ? undefined : ctx.state.transactions.find((t) => t.token === token);
  if (!tx) {
    throw new HttpProblem(401, 'transaction_not_found', { detail: 'Start a new sign-in.' });
  }
  if (ctx.now >= tx.expiresAt) {
    throw new HttpProblem(401, 'transaction_expired', { detail: 'The sign-in took too long. Start again.' });
  }
  return tx;
}

export function transactionUser(ctx: Ctx, tx: TransactionRecord): UserRecord | undefined {
  return tx.username === null ? undefined : findUser(ctx, tx.username);
}

/**
 * Methods that may serve as the second factor. In identifier-first sign-in the first factor was
 * an email code, so email cannot count a second time.
 */
export function secondFactorMethods(tx: TransactionRecord, user: UserRecord): MethodRecord[] {
  return tx.kind === 'identify' ? user.methods.filter((m) => m.kind !== 'email') : user.methods;
}

function currentMethodId(tx: TransactionRecord): string | undefined {
  switch (tx.step.name) {
    case 'verify-code': return tx.step.purpose === 'signin' ? tx.step.method.id : undefined;
    case 'verify-totp':
    case 'push': return tx.step.methodId;
    default: return undefined;
  }
}

function isRecoveryStep(step: StepRecord): boolean {
  return step.name === 'recovery-confirm' || (step.name === 'verify-code' && step.purpose === 'recovery');
}

/** "Change Device" choices: the other second-factor methods (none before the first factor passed). */
export function alternatives(tx: TransactionRecord, user: UserRecord | undefined): MethodRecord[] {
  if (!user || !tx.firstFactorPassed) return [];
  const current = currentMethodId(tx);
  return secondFactorMethods(tx, user).filter((m) =>
    isRecoveryStep(tx.step) ? m.kind !== 'email' : m.id !== current,
  );
}

/** "Forgot your device?" is offered at app and push steps once the first factor passed. */
export function recoveryAvailable(tx: TransactionRecord, user: UserRecord | undefined): boolean {
  return Boolean(
    user && tx.firstFactorPassed && (tx.step.name === 'verify-totp' || tx.step.name === 'push') && emailMethod(user),
  );
}

/** Ends what the current step had running (a pending push) before the step changes. */
function leaveStep(ctx: Ctx, tx: TransactionRecord): void {
  if (tx.step.name === 'push') cancelPush(ctx, tx.step.pushId);
}

export function assertPushAllowed(ctx: Ctx, tx: TransactionRecord): void {
  if (tx.pushCount >= ctx.config.maxPushesPerTransaction) {
    throw new HttpProblem(429, 'too_many_pushes', {
      detail: 'No more requests to the phone in this sign-in. Choose another method or start again.',
      retryAfter: secondsUntil(tx.expiresAt, ctx.now),
    });
  }
}

/**
 * Sends a code within a transaction. One code per address per cooldown, whichever route asks
 * (resend, Change Device back and forth, recovery): `429 resend_too_soon` otherwise.
 */
export function sendTransactionCode(ctx: Ctx, tx: TransactionRecord, target: CodeTarget): CodeRecord {
  const key = `${target.channel}:${target.to}`;
  const availableAt = tx.sendCooldowns[key];
  if (availableAt !== undefined) assertResendAllowed(ctx, { resendAvailableAt: availableAt });
  const record = issueCode(ctx, target);
  tx.sendCooldowns[key] = record.resendAvailableAt;
  return record;
}

/** Puts `tx` at the step that challenges `method` (sends a code, or a push). */
export function challenge(ctx: Ctx, tx: TransactionRecord, user: UserRecord, method: MethodRecord): void {
  if (method.kind === 'push') assertPushAllowed(ctx, tx);
  leaveStep(ctx, tx);
  switch (method.kind) {
    case 'email':
    case 'sms':
      tx.step = {
        name: 'verify-code',
        method: methodSummary(method),
        purpose: 'signin',
        challenge: sendTransactionCode(ctx, tx, { channel: method.kind, to: method.target!, purpose: 'signin', deliver: true }),
      };
      return;
    case 'totp':
      tx.step = { name: 'verify-totp', methodId: method.id };
      return;
    case 'push':
      tx.step = { name: 'push', methodId: method.id, pushId: createPush(ctx, tx, user.username, method).id };
      return;
  }
}

/** Recovery: the confirm step showing the email address. */
export function startRecovery(ctx: Ctx, tx: TransactionRecord): void {
  leaveStep(ctx, tx);
  tx.step = { name: 'recovery-confirm' };
}

/** Recovery: sends the email code. */
export function sendRecoveryCode(ctx: Ctx, tx: TransactionRecord, user: UserRecord): void {
  const email = emailMethod(user)!;
  tx.step = {
    name: 'verify-code',
    method: methodSummary(email),
    purpose: 'recovery',
    challenge: sendTransactionCode(ctx, tx, { channel: 'email', to: email.target!, purpose: 'recovery', deliver: true }),
  };
}

export function closeTransaction(ctx: Ctx, tx: TransactionRecord): void {
  leaveStep(ctx, tx);
  ctx.state.transactions = ctx.state.transactions.filter((t) => t !== tx);
}

function methodOf(user: UserRecord | undefined, id: string): MethodRecord | undefined {
  return user?.methods.find((m) => m.id === id);
}

function stepView(ctx: Ctx, tx: TransactionRecord, user: UserRecord | undefined): Step {
  const step = tx.step;
  const missing = () => new HttpProblem(409, 'wrong_step', { detail: 'The method of this step no longer exists. Start again.' });
  switch (step.name) {
    case 'verify-code':
      return { name: step.name, method: step.method, purpose: step.purpose, code: codeChallenge(ctx, step.challenge, tx) };
    case 'verify-totp': {
      const method = methodOf(user, step.methodId);
      if (!method) throw missing();
      return { name: step.name, method: methodSummary(method), attemptsLeft: attemptsLeft(ctx, tx) };
    }
    case 'push': {
      const method = methodOf(user, step.methodId);
      const push = findPush(ctx, step.pushId);
      if (!method || !push) throw missing();
      return { name: step.name, method: methodSummary(method), push: pushChallenge(ctx, push, tx) };
    }
    case 'recovery-confirm': {
      const email = user && emailMethod(user);
      if (!email) throw missing();
      return { name: step.name, method: methodSummary(email) };
    }
  }
}

/** The wire form of a transaction that is still open. */
export function transactionView(ctx: Ctx, tx: TransactionRecord): Transaction {
  const user = transactionUser(ctx, tx);
  return {
    transactionToken: tx.token,
    expiresAt: iso(tx.expiresAt),
    serverTime: iso(ctx.now),
    step: stepView(ctx, tx, user),
    alternatives: alternatives(tx, user).map(methodSummary),
    recoveryAvailable: recoveryAvailable(tx, user),
  };
}

/**
 * The second factor passed: a sign-in gets a new session, a step-up refreshes its session's
 * `authenticatedAt`. The transaction is consumed either way.
 */
export function finish(ctx: Ctx, tx: TransactionRecord, user: UserRecord): Transaction {
  let session;
  if (tx.kind === 'step-up') {
    session = requireSession(ctx, tx.sessionToken).session;
    session.authenticatedAt = ctx.now;
  } else {
    session = createSession(ctx, user.username);
  }
  closeTransaction(ctx, tx);
  return {
    transactionToken: tx.token,
    expiresAt: iso(tx.expiresAt),
    serverTime: iso(ctx.now),
    step: { name: 'done' },
    alternatives: [],
    recoveryAvailable: false,
    session: sessionView(session, user),
  };
}

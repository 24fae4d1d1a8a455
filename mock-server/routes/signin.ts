/** `/signin*`: password and identifier-first sign-in, codes, push, Change Device, recovery. */
import type { MethodSummary } from '../../src/internal/contract.js';
import { checkCode, countWrongCode } from '../codes.js';
import { findUser, type Ctx } from '../context.js';
import { constantTimeEqual, hmacSha256, pbkdf2, toHex } from '../crypto.js';
import { json, noContent, normaliseCode, type BodySpec } from '../http.js';
import { assertNotLockedOut, clearFailures, recordFailure } from '../lockout.js';
import { maskEmail } from '../masking.js';
import { notify } from '../outbox.js';
import { HttpProblem, wrongStep } from '../problems.js';
import { findPush } from '../push.js';
import type { RequestContext, Route } from '../router.js';
import { DUMMY_PASSWORD, type TransactionRecord, type UserRecord } from '../store.js';
import { matchTotp } from '../totp.js';
import {
  alternatives, assertPushAllowed, challenge, closeTransaction, emailMethod, finish, methodSummary,
  newTransaction, recoveryAvailable, requireTransaction, sendRecoveryCode, sendTransactionCode,
  startRecovery, transactionUser, transactionView,
} from '../transactions.js';

const USERNAME = { type: 'string', maxLength: 256 } as const;
const CODE: BodySpec = { code: { type: 'string', maxLength: 32 } };

function open(rc: RequestContext): { tx: TransactionRecord; user: UserRecord | undefined } {
  const tx = requireTransaction(rc, rc.token);
  return { tx, user: transactionUser(rc, tx) };
}

/** The user of a transaction whose first factor passed (never an unknown username then). */
function knownUser(user: UserRecord | undefined): UserRecord {
  if (!user) throw wrongStep('Not possible at this step.');
  return user;
}

/**
 * Identifier-first with an unknown username: a masked address and method id derived from the
 * username with the server's secret, so the same name always reads the same and looks real.
 */
async function fakeEmailMethod(ctx: Ctx, username: string): Promise<MethodSummary> {
  const bytes = await hmacSha256(ctx.state.serverSecret, `fake-email:${username.toLowerCase()}`);
  const letter = (b: number) => String.fromCharCode(97 + (b % 26));
  const tld = ['dk', 'dk', 'dk', 'com'][bytes[2]! % 4]!;
  return {
    id: `m_${toHex(bytes.slice(8, 16))}`,
    kind: 'email',
    product: 'email',
    maskedTarget: maskEmail(`${letter(bytes[0]!)}x@${letter(bytes[1]!)}x.${tld}`),
  };
}

function answer(rc: RequestContext, tx: TransactionRecord): Response {
  return json(transactionView(rc, tx));
}

export const signinRoutes: Route[] = [
  {
    method: 'POST',
    path: '/signin/password',
    body: { username: USERNAME, password: { type: 'string', maxLength: 1024 } },
    async handler(rc) {
      const username = rc.body.username as string;
      assertNotLockedOut(rc, username);
      const user = findUser(rc, username);
      // Hash the candidate either way, so unknown users and wrong passwords take the same time.
      const stored = user?.password ?? DUMMY_PASSWORD;
      const candidate = await pbkdf2(rc.body.password as string, stored.salt, stored.iterations);
      if (!user || !constantTimeEqual(candidate, stored.hash)) {
        recordFailure(rc, username);
        throw new HttpProblem(401, 'invalid_credentials', {
          detail: 'The username or password is not correct.',
          keepChanges: true,
        });
      }
      clearFailures(rc, username);
      const tx = newTransaction(rc, 'password', user.username);
      challenge(rc, tx, user, user.methods[0]!);
      rc.state.transactions.push(tx);
      return answer(rc, tx);
    },
  },
  {
    method: 'POST',
    path: '/signin/identify',
    body: { username: USERNAME },
    async handler(rc) {
      const username = rc.body.username as string;
      assertNotLockedOut(rc, username);
      const user = findUser(rc, username);
      const email = user && emailMethod(user);
      const fake = await fakeEmailMethod(rc, username);
      const tx = newTransaction(rc, 'identify', user?.username ?? null);
      tx.step = {
        name: 'verify-code',
        method: email ? methodSummary(email) : fake,
        purpose: 'signin',
        challenge: sendTransactionCode(rc, tx, {
          channel: 'email', to: email?.target ?? '', purpose: 'signin', deliver: Boolean(email),
        }),
      };
      rc.state.transactions.push(tx);
      return answer(rc, tx);
    },
  },
  {
    method: 'GET',
    path: '/signin',
    handler(rc) {
      const { tx, user } = open(rc);
      if (tx.step.name === 'push' && user && findPush(rc, tx.step.pushId)?.status === 'approved') {
        return json(finish(rc, tx, user));
      }
      return answer(rc, tx);
    },
  },
  {
    method: 'DELETE',
    path: '/signin',
    handler(rc) {
      closeTransaction(rc, open(rc).tx);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/signin/code',
    body: CODE,
    async handler(rc) {
      const { tx, user } = open(rc);
      const close = () => closeTransaction(rc, tx);
      const step = tx.step;
      if (step.name === 'verify-code') {
        checkCode(rc, step.challenge, rc.body.code as string, tx, close);
        const known = knownUser(user);
        if (!tx.firstFactorPassed) {
          // The identifying email code passed: done if email is primary, else challenge the primary.
          tx.firstFactorPassed = true;
          const primary = known.methods[0]!;
          if (primary.kind === 'email') return json(finish(rc, tx, known));
          challenge(rc, tx, known, primary);
          return answer(rc, tx);
        }
        if (step.purpose === 'recovery') notify(rc, known.email, 'recovery-signin');
        return json(finish(rc, tx, known));
      }
      if (step.name === 'verify-totp') {
        const known = knownUser(user);
        const method = known.methods.find((m) => m.id === step.methodId);
        if (!method) throw wrongStep('The method of this step no longer exists. Start again.');
        const code = normaliseCode(rc.body.code as string);
        const timeStep = await matchTotp(method, code, rc.now, rc.config.totpWindowSteps);
        if (timeStep === undefined) countWrongCode(rc, tx, close);
        method.lastTotpStep = timeStep;
        return json(finish(rc, tx, known));
      }
      throw wrongStep('This step does not take a code.');
    },
  },
  {
    method: 'POST',
    path: '/signin/resend',
    handler(rc) {
      const { tx } = open(rc);
      const step = tx.step;
      if (step.name !== 'verify-code') throw wrongStep('Only a code step can send a new code.');
      const old = step.challenge;
      step.challenge = sendTransactionCode(rc, tx, {
        channel: old.channel,
        to: old.to,
        purpose: step.purpose,
        deliver: old.code !== null,
      });
      return answer(rc, tx);
    },
  },
  {
    method: 'POST',
    path: '/signin/method',
    body: { methodId: { type: 'string', maxLength: 64 } },
    handler(rc) {
      const { tx, user } = open(rc);
      const method = alternatives(tx, user).find((m) => m.id === rc.body.methodId);
      if (!user || !method) {
        throw new HttpProblem(404, 'not_found', { detail: 'No such method among this step\'s alternatives.' });
      }
      challenge(rc, tx, user, method);
      return answer(rc, tx);
    },
  },
  {
    method: 'POST',
    path: '/signin/push/retry',
    handler(rc) {
      const { tx, user } = open(rc);
      const step = tx.step;
      if (step.name !== 'push') throw wrongStep('There is no push request to retry.');
      const known = knownUser(user);
      const method = known.methods.find((m) => m.id === step.methodId);
      if (!method) throw wrongStep('The method of this step no longer exists. Start again.');
      assertPushAllowed(rc, tx);
      challenge(rc, tx, known, method);
      return answer(rc, tx);
    },
  },
  {
    method: 'POST',
    path: '/signin/recovery',
    handler(rc) {
      const { tx, user } = open(rc);
      if (!recoveryAvailable(tx, user)) throw wrongStep('Recovery is not offered at this step.');
      startRecovery(rc, tx);
      return answer(rc, tx);
    },
  },
  {
    method: 'POST',
    path: '/signin/recovery/send',
    handler(rc) {
      const { tx, user } = open(rc);
      if (tx.step.name !== 'recovery-confirm') throw wrongStep('Confirm the recovery first.');
      sendRecoveryCode(rc, tx, knownUser(user));
      return answer(rc, tx);
    },
  },
];

/** `/me/*`: the signed-in user's methods, enrollments and contact details. */
import type { ContactDetails, PendingMobileChange } from '../../src/internal/contract.js';
import { assertResendAllowed, checkCode, codeChallenge, countWrongCode, issueCode } from '../codes.js';
import {
  activate, enrollmentView, requireEnrollment, startEnrollment, type AppProduct,
} from '../enrollments.js';
import { randomId } from '../crypto.js';
import { json, noContent, normaliseCode } from '../http.js';
import { formatPhone, maskPhone, normalisePhone } from '../masking.js';
import { methodList, productLabel } from '../methods.js';
import { notify } from '../outbox.js';
import { HttpProblem, invalidRequest, wrongStep } from '../problems.js';
import type { RequestContext, Route } from '../router.js';
import { requireRecentAuth, requireSession } from '../sessions.js';
import type { UserRecord } from '../store.js';
import { matchTotp } from '../totp.js';

const APP_PRODUCTS: readonly AppProduct[] = ['google-authenticator', 'microsoft-authenticator', 'pingid', 'entrust-soft-token'];

/** The session's user; with `stepUp`, also `403 step_up_required` when the second factor is old. */
function me(rc: RequestContext, stepUp = false): UserRecord {
  const { session, user } = requireSession(rc, rc.token);
  if (stepUp) requireRecentAuth(rc, session);
  return user;
}

function methods(user: UserRecord): Response {
  return json({ methods: methodList(user) });
}

function contactDetails(user: UserRecord): ContactDetails {
  return {
    email: user.email,
    ...(user.mobile && { mobile: formatPhone(user.mobile), maskedMobile: maskPhone(user.mobile) }),
  };
}

function assertNotEnded(status: string): void {
  if (status === 'expired' || status === 'cancelled') {
    throw new HttpProblem(404, 'enrollment_not_found', { detail: `The enrollment is ${status}. Start again.` });
  }
}

export const meRoutes: Route[] = [
  { method: 'GET', path: '/me/methods', handler: (rc) => methods(me(rc)) },
  {
    method: 'PUT',
    path: '/me/methods/order',
    body: { methodIds: { type: 'string[]', maxItems: 20, maxLength: 64 } },
    handler(rc) {
      const user = me(rc, true);
      const ids = rc.body.methodIds as string[];
      const current = user.methods.map((m) => m.id);
      const isPermutation = ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id));
      if (!isPermutation) {
        throw invalidRequest('methodIds must list each of your methods exactly once.', [
          { field: 'methodIds', message: 'must be a permutation of your method ids' },
        ]);
      }
      if (ids.join() !== current.join()) {
        user.methods = ids.map((id) => user.methods.find((m) => m.id === id)!);
        notify(rc, user.email, 'methods-reordered', productLabel(user.methods[0]!.product));
      }
      return methods(user);
    },
  },
  {
    method: 'DELETE',
    path: '/me/methods/:id',
    handler(rc) {
      const user = me(rc, true);
      const method = user.methods.find((m) => m.id === rc.params.id);
      if (!method) throw new HttpProblem(404, 'not_found', { detail: 'No such method.' });
      if (method.kind === 'email') {
        throw new HttpProblem(409, 'email_not_removable', { detail: 'Email cannot be removed; an administrator changes it.' });
      }
      if (user.methods.length === 1) {
        throw new HttpProblem(409, 'last_method', { detail: 'Add another method before removing this one.' });
      }
      user.methods = user.methods.filter((m) => m !== method);
      for (const push of rc.state.pushes) {
        if (push.methodId === method.id && push.status === 'pending') push.status = 'cancelled';
      }
      // Enrollments of this product are history now; a new one may start.
      rc.state.enrollments = rc.state.enrollments.filter((e) => e.methodId !== method.id);
      notify(rc, user.email, 'method-removed', productLabel(method.product));
      return methods(user);
    },
  },
  {
    method: 'POST',
    path: '/me/enrollments',
    body: { product: { type: 'string', maxLength: 64 } },
    handler(rc) {
      const user = me(rc, true);
      const product = rc.body.product as AppProduct;
      if (!APP_PRODUCTS.includes(product)) {
        throw invalidRequest('Unknown product.', [{ field: 'product', message: `must be one of ${APP_PRODUCTS.join(', ')}` }]);
      }
      return json(enrollmentView(rc, user, startEnrollment(rc, user, product)), 201);
    },
  },
  {
    method: 'GET',
    path: '/me/enrollments/:id',
    handler(rc) {
      const user = me(rc);
      return json(enrollmentView(rc, user, requireEnrollment(rc, user, rc.params.id!)));
    },
  },
  {
    method: 'POST',
    path: '/me/enrollments/:id/verify',
    body: { code: { type: 'string', maxLength: 32 } },
    async handler(rc) {
      const user = me(rc);
      const enrollment = requireEnrollment(rc, user, rc.params.id!);
      assertNotEnded(enrollment.status);
      if (enrollment.status !== 'pending') throw wrongStep('The enrollment is already active.');
      if (!enrollment.secret) {
        throw new HttpProblem(409, 'enrollment_pending', { detail: 'This app finishes on the phone; poll the enrollment.' });
      }
      const code = normaliseCode(rc.body.code as string);
      const timeStep = await matchTotp({ secret: enrollment.secret }, code, rc.now, rc.config.totpWindowSteps);
      if (timeStep === undefined) {
        countWrongCode(rc, enrollment, () => {
          rc.state.enrollments = rc.state.enrollments.filter((e) => e !== enrollment);
        });
      }
      activate(rc, user, enrollment, { lastTotpStep: timeStep });
      return json(enrollmentView(rc, user, enrollment));
    },
  },
  {
    method: 'DELETE',
    path: '/me/enrollments/:id',
    handler(rc) {
      const user = me(rc);
      const enrollment = requireEnrollment(rc, user, rc.params.id!);
      if (enrollment.status === 'active') {
        throw wrongStep('The enrollment is complete; remove the method instead.');
      }
      rc.state.enrollments = rc.state.enrollments.filter((e) => e !== enrollment);
      return noContent();
    },
  },
  { method: 'GET', path: '/me/contact', handler: (rc) => json(contactDetails(me(rc))) },
  {
    method: 'POST',
    path: '/me/contact/mobile',
    body: { mobile: { type: 'string', maxLength: 32 } },
    handler(rc) {
      const user = me(rc, true);
      const mobile = normalisePhone(rc.body.mobile as string);
      if (!mobile) {
        throw new HttpProblem(400, 'invalid_phone', { detail: 'Enter a mobile number such as +45 20 12 34 56.' });
      }
      // The same number again is refused while an SMS method uses it; without one (removed, or
      // never added) verifying it is how the SMS method comes (back).
      if (mobile === user.mobile && user.methods.some((m) => m.kind === 'sms')) {
        throw new HttpProblem(400, 'invalid_phone', { detail: 'This is already your mobile number.' });
      }
      const previous = user.pendingMobile;
      if (previous) assertResendAllowed(rc, previous.challenge);
      const challenge = issueCode(rc, { channel: 'sms', to: mobile, purpose: 'mobile-change', deliver: true });
      // Wrong codes carry over to a new send: resending never resets the count.
      user.pendingMobile = { mobile, challenge, wrongCodes: previous?.wrongCodes ?? 0 };
      const answer: PendingMobileChange = { maskedTarget: maskPhone(mobile), code: codeChallenge(rc, challenge, user.pendingMobile) };
      return json(answer);
    },
  },
  {
    method: 'POST',
    path: '/me/contact/mobile/verify',
    body: { code: { type: 'string', maxLength: 32 } },
    handler(rc) {
      const user = me(rc);
      const pending = user.pendingMobile;
      if (!pending) throw wrongStep('No mobile number change is waiting for a code.');
      checkCode(rc, pending.challenge, rc.body.code as string, pending, () => {
        delete user.pendingMobile;
      });
      user.mobile = pending.mobile;
      delete user.pendingMobile;
      notify(rc, user.email, 'mobile-changed', formatPhone(pending.mobile));
      const sms = user.methods.filter((m) => m.kind === 'sms');
      if (sms.length) {
        // The SMS method keeps its place in the list; only its number changes.
        for (const method of sms) method.target = pending.mobile;
      } else {
        // A verified number gives a user without SMS an SMS method, which (as every new method) becomes primary.
        user.methods.unshift({ id: randomId('m'), kind: 'sms', product: 'sms', target: pending.mobile, createdAt: rc.now });
        notify(rc, user.email, 'method-added', productLabel('sms'));
      }
      return json(contactDetails(user));
    },
  },
];

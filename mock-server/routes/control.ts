/**
 * The mock control API at `/__mock/*` (development and tests only; never part of a real backend):
 * what was "sent", the simulated phone (push approve/deny, app enrollments, authenticator codes),
 * the clock, reset and config. No CSRF header needed. The answers' types are shared with
 * `../control-client.ts`, the typed client every consumer uses.
 */
import type { MockConfig } from '../config.js';
import { configErrors } from '../config.js';
import { iso } from '../clock.js';
import { json } from '../http.js';
import { HttpProblem, invalidRequest } from '../problems.js';
import { findPush, refreshPush } from '../push.js';
import type { RequestContext, Route } from '../router.js';
import type { PushRecord } from '../store.js';
import { currentTotp } from '../totp.js';
import { completeEnrollment, enrollmentStatus } from '../enrollments.js';
import type { AuthenticatorCode, MockClock, PendingEnrollment, PushRequest } from '../control-client.js';

/** What the control API may do to the backend beyond the state. */
export interface BackendControls {
  reset(): void;
  config(): MockConfig;
  updateConfig(patch: Partial<MockConfig>): MockConfig;
}

function pushItem(push: PushRecord): PushRequest {
  return {
    id: push.id,
    username: push.username,
    methodId: push.methodId,
    method: push.product,
    status: push.status,
    ...(push.number !== undefined && { number: push.number, choices: push.choices }),
    createdAt: iso(push.createdAt),
    expiresAt: iso(push.expiresAt),
  };
}

function pendingPush(rc: RequestContext): PushRecord {
  const push = findPush(rc, rc.params.id!);
  if (!push) throw new HttpProblem(404, 'not_found', { detail: 'No such push request.' });
  if (push.status !== 'pending') {
    throw new HttpProblem(409, push.status === 'expired' ? 'push_expired' : 'wrong_step', {
      detail: `The push request is ${push.status}.`,
    });
  }
  return push;
}

function clockView(rc: RequestContext): MockClock {
  return { now: iso(rc.now), offsetSeconds: Math.round(rc.state.clockOffsetMs / 1000) };
}

export function controlRoutes(controls: BackendControls): Route[] {
  return [
    { method: 'GET', path: '/outbox', handler: (rc) => json(rc.state.outbox) },
    {
      method: 'GET',
      path: '/push',
      handler(rc) {
        rc.state.pushes.forEach((p) => refreshPush(rc, p));
        return json(rc.state.pushes.map(pushItem));
      },
    },
    {
      method: 'POST',
      path: '/push/:id/approve',
      body: { number: { type: 'integer', min: 0, max: 999, optional: true } },
      handler(rc) {
        const push = pendingPush(rc);
        if (push.number !== undefined) {
          if (rc.body.number === undefined) {
            throw invalidRequest('Number matching is on: send the number shown at sign-in.', [
              { field: 'number', message: 'is required' },
            ]);
          }
          // A wrong number counts as a denial (the person may be approving someone else's sign-in).
          push.status = rc.body.number === push.number ? 'approved' : 'denied';
        } else {
          push.status = 'approved';
        }
        return json(pushItem(push));
      },
    },
    {
      method: 'POST',
      path: '/push/:id/deny',
      handler(rc) {
        const push = pendingPush(rc);
        push.status = 'denied';
        return json(pushItem(push));
      },
    },
    {
      method: 'GET',
      path: '/enrollments',
      handler(rc) {
        const pending = rc.state.enrollments.filter(
          (e) => enrollmentStatus(rc, e) === 'pending' && (e.product === 'pingid' || e.product === 'entrust-soft-token'),
        );
        return json(pending.map((e): PendingEnrollment => ({
          id: e.id,
          username: e.username,
          product: e.product,
          status: e.status,
          qrUri: e.qrUri,
          ...(e.activationPassword && { activationPassword: e.activationPassword }),
          createdAt: iso(e.createdAt),
          expiresAt: iso(e.expiresAt),
        })));
      },
    },
    {
      method: 'POST',
      path: '/enrollments/:id/complete',
      handler(rc) {
        return json(completeEnrollment(rc, rc.params.id!));
      },
    },
    {
      method: 'GET',
      path: '/authenticators',
      async handler(rc) {
        const items: AuthenticatorCode[] = [];
        for (const user of rc.state.users) {
          for (const method of user.methods) {
            if (method.kind !== 'totp' || !method.secret) continue;
            const { code, validForSeconds } = await currentTotp(method.secret, rc.now);
            items.push({ username: user.username, methodId: method.id, product: method.product, code, validForSeconds });
          }
        }
        return json(items);
      },
    },
    { method: 'GET', path: '/clock', handler: (rc) => json(clockView(rc)) },
    {
      method: 'POST',
      path: '/clock',
      body: { advanceSeconds: { type: 'number', min: 0, max: 366 * 86_400 } },
      handler(rc) {
        const ms = Math.round((rc.body.advanceSeconds as number) * 1000);
        rc.state.clockOffsetMs += ms;
        rc.now += ms;
        return json(clockView(rc));
      },
    },
    {
      method: 'POST',
      path: '/reset',
      handler() {
        controls.reset();
        return json({ ok: true });
      },
    },
    { method: 'GET', path: '/config', handler: () => json(controls.config()) },
    {
      method: 'PUT',
      path: '/config',
      body: 'object',
      handler(rc) {
        // The config body is checked by its own rules (any subset of the settings).
        const errors = configErrors(rc.body, false);
        if (errors.length) throw invalidRequest('Some settings are not valid.', errors);
        return json(controls.updateConfig(rc.body as Partial<MockConfig>));
      },
    },
  ];
}

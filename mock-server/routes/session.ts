/** `/session*`: the signed-in session and step-up. */
import { json, noContent } from '../http.js';
import type { Route } from '../router.js';
import { endSession, requireSession, sessionView } from '../sessions.js';
import { challenge, closeTransaction, newTransaction, transactionView } from '../transactions.js';

export const sessionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/session',
    handler(rc) {
      const { session, user } = requireSession(rc, rc.token);
      return json(sessionView(session, user));
    },
  },
  {
    method: 'DELETE',
    path: '/session',
    handler(rc) {
      const { session } = requireSession(rc, rc.token);
      for (const tx of rc.state.transactions.filter((t) => t.sessionToken === session.token)) closeTransaction(rc, tx);
      endSession(rc, session);
      return noContent();
    },
  },
  {
    method: 'POST',
    path: '/session/step-up',
    handler(rc) {
      const { session, user } = requireSession(rc, rc.token);
      const tx = newTransaction(rc, 'step-up', user.username);
      tx.sessionToken = session.token;
      challenge(rc, tx, user, user.methods[0]!);
      rc.state.transactions.push(tx);
      return json(transactionView(rc, tx));
    },
  },
];

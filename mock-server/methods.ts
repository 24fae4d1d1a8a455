/** The signed-in user's own method list (settings). */
import type { Method, MethodProduct } from '../src/internal/contract.js';
import { iso } from './clock.js';
import type { UserRecord } from './store.js';
import { methodSummary } from './transactions.js';

const LABELS: Record<MethodProduct, string> = {
  email: 'Email',
  sms: 'Text message (SMS)',
  'google-authenticator': 'Google Authenticator',
  'microsoft-authenticator': 'Microsoft Authenticator',
  pingid: 'PingID',
  'entrust-soft-token': 'Entrust Soft Token',
};

/** Product names as people know them (for notification emails; same in English and Danish). */
export function productLabel(product: MethodProduct): string {
  return LABELS[product];
}

export function methodList(user: UserRecord): Method[] {
  return user.methods.map((m, index) => {
    const reason = m.kind === 'email' ? 'email_not_removable' : user.methods.length === 1 ? 'last_method' : undefined;
    return {
      ...methodSummary(m),
      primary: index === 0,
      removable: reason === undefined,
      ...(reason && { notRemovableReason: reason }),
      createdAt: iso(m.createdAt),
    };
  });
}

/** How targets are shown to the person signing in: enough to recognise, not enough to learn. */

/** `anna@example.dk` → `a***@e*****.dk` (fixed number of stars: lengths are not revealed). */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const name = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${name.slice(0, 1)}*****${tld}`;
}

/** `+4520123456` → `+45 •• •• •• 56`; other countries → `+•••••••••56`-style. */
export function maskPhone(e164: string): string {
  const last = e164.slice(-2);
  if (/^\+45\d{8}$/.test(e164)) return `+45 •• •• •• ${last}`;
  return `+${'•'.repeat(Math.max(2, e164.length - 3))}${last}`;
}

/** `+4520123456` → `+45 20 12 34 56`; other numbers stay E.164. */
export function formatPhone(e164: string): string {
  const m = /^\+45(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+45 ${m[1]} ${m[2]} ${m[3]} ${m[4]}` : e164;
}

/**
 * A mobile number as typed ("+45 20 12 34 56", "20123456") → E.164, or undefined if it is not
 * a plausible number. Eight digits without a country code are taken as Danish.
 */
export function normalisePhone(input: string): string | undefined {
  const compact = input.replace(/[\s().-]/g, '');
  if (/^\d{8}$/.test(compact)) return `+45${compact}`;
  const withPlus = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!/^\+[1-9]\d{7,14}$/.test(withPlus)) return undefined;
  if (withPlus.startsWith('+45') && withPlus.length !== 11) return undefined;
  return withPlus;
}
